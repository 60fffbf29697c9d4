//! The live "today" cards of `/supervisor` and `/agent/me`: today's numbers (UTC) against yesterday's, with the page's
//! team, channel and agent filters. The page makes their data with [`today_numbers`] (it listens to the `analytics`
//! topic and reloads when ticket changes reach the rollups, at most once per [`RELOAD_PAUSE`]) and shows it with
//! [`LiveTodayCards`]. Without JavaScript they are the numbers of the page load.

use std::time::Duration;

use leptos::prelude::*;
use tidings::domain::analytics::{AnalyticsFilter, SummaryReport};
use tidings::domain::live::Topic;

use super::kpi_cards::{KpiCards, KpiSet};
use super::styles::{ERROR_TEXT, MUTED};
use crate::api::analytics::{load_analytics_summary, load_my_analytics, AnalyticsForm};
use crate::api::AppError;
use crate::i18n::{app_error_text, t, use_locale, AnalyticsKey, Key};
use crate::live::use_live;

/// The calmest a busy team's dashboard reloads: once per pause, the last change of a burst included.
const RELOAD_PAUSE: Duration = Duration::from_secs(2);

/// Today's numbers for the page's form (the team's, or with `own` the signed-in agent's), reloaded as they change.
pub fn today_numbers(form: Memo<AnalyticsForm>, own: bool) -> Resource<Result<SummaryReport, AppError>> {
    let live = use_live();
    live.watch(|| Some(Topic::Analytics));
    let changes = live.analytics_version(RELOAD_PAUSE);
    Resource::new(
        move || (form.get().today(), changes.get()),
        move |(today, _)| async move {
            if own {
                load_my_analytics(today).await
            } else {
                load_analytics_summary(today).await
            }
        },
    )
}

#[component]
pub fn LiveTodayCards(
    numbers: Resource<Result<SummaryReport, AppError>>,
    /// The filter the links carry to the queue.
    filter: AnalyticsFilter,
) -> impl IntoView {
    let locale = use_locale();
    let live = use_live();
    let connected = move || if live.model.with(|model| model.connected) { "connected" } else { "offline" };
    view! {
        <div id="today-live" data-live=connected>
            <Transition fallback=move || view! { <p class=MUTED>{t(locale, Key::Loading)}</p> }>
                {move || {
                    let filter = filter.clone();
                    Suspend::new(async move {
                        match numbers.await {
                            Ok(report) => view! { <KpiCards report filter set=KpiSet::Today /> }.into_any(),
                            Err(err) => {
                                view! { <p role="alert" class=ERROR_TEXT>{app_error_text(locale, &err)}</p> }.into_any()
                            }
                        }
                    })
                }}
            </Transition>
            <p class=format!("mt-2 {MUTED}")>{t(locale, AnalyticsKey::TodayIntro)}</p>
        </div>
    }
}
