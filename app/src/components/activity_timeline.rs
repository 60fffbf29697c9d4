//! The ticket's activity: who changed status, assignment, priority and the rest, and when, newest first.

use leptos::prelude::*;
use tidings::domain::TicketEvent;

use crate::format::{date_time, iso};
use crate::i18n::{event_text, t, use_locale, TicketKey};

#[component]
pub fn ActivityTimeline(events: Vec<TicketEvent>, names: Vec<(String, String)>) -> impl IntoView {
    let locale = use_locale();
    let name_of = move |id: &str| names.iter().find(|(known, _)| known == id).map(|(_, name)| name.clone());
    let items = events
        .iter()
        .rev()
        .map(|event| {
            view! {
                <li class="relative pl-4 before:absolute before:left-0 before:top-1.5 before:h-2 before:w-2 before:rounded-full before:bg-slate-400">
                    <p class="text-sm text-slate-900">{event_text(locale, event, &name_of)}</p>
                    <p class="text-xs text-slate-600"><time datetime=iso(&event.created_at)>{date_time(&event.created_at)}</time></p>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="activity-heading" class="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h2 id="activity-heading" class="text-sm font-semibold text-slate-900">{t(locale, TicketKey::Activity)}</h2>
            <ol class="mt-3 max-h-80 space-y-2 overflow-y-auto" id="activity-timeline">{items}</ol>
        </section>
    }
}
