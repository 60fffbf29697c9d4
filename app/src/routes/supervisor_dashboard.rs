//! `/supervisor`: the supervisor dashboard. Today's cards, live over the websocket; the period's KPI cards with the
//! previous period and the trend; CSV and Excel exports that show their download's progress; the day, distribution,
//! peak-hours and breakdown charts, each with its table. Every number links to its tickets in the queue. The period
//! and filters are a GET form, so the page works without JavaScript. Supervisors and admins (the service checks).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use tidings::domain::Action;

use crate::api::analytics::{load_analytics_dashboard, AnalyticsForm};
use crate::api::directory::ticket_directory;
use crate::components::agent_nav::AgentNav;
use crate::components::analytics_form::{mark_unprocessable, unplaced_error, AnalyticsFilters, PeriodLine};
use crate::components::dashboard_charts::DashboardCharts;
use crate::components::export_links::ExportLinks;
use crate::components::kpi_cards::KpiCards;
use crate::components::live_today_cards::{today_numbers, LiveTodayCards};
use crate::components::role_guard::RequireRole;
use crate::components::styles::{ERROR_TEXT, H1, MUTED};
use crate::i18n::{app_error_text, t, use_locale, AnalyticsKey, Key};

#[component]
pub fn SupervisorDashboardPage() -> impl IntoView {
    view! {
        <RequireRole action=Action::UseSupervisorViews>
            <Dashboard />
        </RequireRole>
    }
}

#[component]
fn Dashboard() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let form = Memo::new(move |_| query.with(|q| AnalyticsForm::from_pairs(|key| q.get(key))));
    let report = Resource::new(move || form.get(), load_analytics_dashboard);
    let today = today_numbers(form, false);
    let directory = Resource::new(|| (), |_| ticket_directory());
    view! {
        <Title text=t(locale, AnalyticsKey::Dashboard) />
        <AgentNav />
        <h1 class=H1>{t(locale, AnalyticsKey::Dashboard)}</h1>
        <p class=format!("mt-1 mb-4 {MUTED}")>{t(locale, AnalyticsKey::DashboardIntro)}</p>
        <Transition fallback=move || view! { <p class=MUTED>{t(locale, Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                let directory = match directory.await {
                    Ok(directory) => directory,
                    Err(err) => {
                        return view! { <p role="alert" class=ERROR_TEXT>{app_error_text(locale, &err)}</p> }.into_any();
                    }
                };
                let form = form.get_untracked();
                match report.await {
                    Ok(report) => view! {
                        <AnalyticsFilters action="/supervisor" form=form.clone() directory=Some(directory.clone()) error=None />
                        <LiveTodayCards numbers=today filter=report.filter.clone() />
                        <PeriodLine from=report.summary.from to=report.summary.to />
                        <KpiCards report=report.summary.clone() filter=report.filter.clone() />
                        <ExportLinks form />
                        <DashboardCharts report directory />
                    }
                    .into_any(),
                    Err(err) => {
                        mark_unprocessable(&err);
                        let unplaced = unplaced_error(locale, &err);
                        view! {
                            <AnalyticsFilters action="/supervisor" form directory=Some(directory) error=Some(err) />
                            {unplaced}
                        }
                        .into_any()
                    }
                }
            })}
        </Transition>
    }
}
