//! `/agent/me`: an agent's own numbers today (live) and over a period (the same presets as the dashboard), compared with the period
//! before. Only the signed-in agent's tickets: the service ignores any team, channel or agent, and the links open
//! the queue at `assignee=me`.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use tidings::domain::analytics::AnalyticsFilter;
use tidings::domain::Action;

use crate::api::analytics::{load_my_analytics, AnalyticsForm};
use crate::components::agent_nav::AgentNav;
use crate::components::analytics_form::{mark_unprocessable, unplaced_error, AnalyticsFilters, PeriodLine};
use crate::components::kpi_cards::KpiCards;
use crate::components::live_today_cards::{today_numbers, LiveTodayCards};
use crate::components::role_guard::RequireRole;
use crate::components::styles::{H1, MUTED};
use crate::i18n::{t, use_locale, AnalyticsKey, Key};

#[component]
pub fn AgentMePage() -> impl IntoView {
    view! {
        <RequireRole action=Action::UseAgentWorkspace>
            <MyNumbers />
        </RequireRole>
    }
}

#[component]
fn MyNumbers() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let form = Memo::new(move |_| {
        query.with(|q| AnalyticsForm {
            team: None,
            channel: None,
            agent: None,
            ..AnalyticsForm::from_pairs(|key| q.get(key))
        })
    });
    let report = Resource::new(move || form.get(), load_my_analytics);
    let today = today_numbers(form, true);
    view! {
        <Title text=t(locale, AnalyticsKey::MyNumbers) />
        <AgentNav />
        <h1 class=H1>{t(locale, AnalyticsKey::MyNumbers)}</h1>
        <p class=format!("mt-1 mb-4 {MUTED}")>{t(locale, AnalyticsKey::MyNumbersIntro)}</p>
        <Transition fallback=move || view! { <p class=MUTED>{t(locale, Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                let form = form.get_untracked();
                match report.await {
                    Ok(report) => view! {
                        <AnalyticsFilters action="/agent/me" form directory=None error=None />
                        <LiveTodayCards numbers=today filter=AnalyticsFilter::for_agent("me") />
                        <PeriodLine from=report.from to=report.to />
                        <KpiCards report filter=AnalyticsFilter::for_agent("me") />
                    }
                    .into_any(),
                    Err(err) => {
                        mark_unprocessable(&err);
                        let unplaced = unplaced_error(locale, &err);
                        view! {
                            <AnalyticsFilters action="/agent/me" form directory=None error=Some(err) />
                            {unplaced}
                        }
                        .into_any()
                    }
                }
            })}
        </Transition>
    }
}
