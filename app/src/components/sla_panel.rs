//! The ticket page's SLA panel: each clock's state in words, as a sentence ("First response due in 1 h 20 min",
//! "Resolution overdue by 3 h") and its due time. Colour repeats what the words say; it never says it alone.

use leptos::prelude::*;
use tidings::domain::sla::{SlaClockKind, SlaClockView, SlaState, TicketSla};

use crate::format::{date_time, iso};
use crate::i18n::{clock_sentence, sla_state_name, t, use_locale, SlaKey};

const BADGE: &str =
    "inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset";

/// Badge colours per state, for a badge that always carries the state's name.
pub fn sla_state_colours(state: SlaState) -> &'static str {
    match state {
        SlaState::Running => "bg-slate-50 text-slate-800 ring-slate-500/30",
        SlaState::Warning => "bg-amber-50 text-amber-900 ring-amber-700/40",
        SlaState::Breached => "bg-red-700 text-white ring-red-800",
        SlaState::Met => "bg-emerald-50 text-emerald-900 ring-emerald-700/30",
        SlaState::MissedThenMet => "bg-rose-50 text-rose-900 ring-rose-700/30",
        SlaState::Paused => "bg-sky-50 text-sky-900 ring-sky-700/30",
    }
}

/// A clock's state as a labelled badge.
#[component]
pub fn SlaStateBadge(state: SlaState) -> impl IntoView {
    let locale = use_locale();
    view! {
        <span class=format!("{BADGE} {}", sla_state_colours(state)) data-sla-state=state.as_str()>
            {sla_state_name(locale, state)}
        </span>
    }
}

/// Nothing when the ticket has no SLA.
#[component]
pub fn SlaPanel(sla: Option<TicketSla>) -> impl IntoView {
    let locale = use_locale();
    sla.map(|sla| {
        let clocks = [(SlaClockKind::FirstResponse, sla.first_response), (SlaClockKind::Resolution, sla.resolution)]
            .into_iter()
            .filter_map(|(kind, clock)| clock.map(|clock| view! { <ClockRow kind clock /> }))
            .collect_view();
        view! {
            <section aria-labelledby="sla-heading" id="sla-panel" class="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <h2 id="sla-heading" class="text-sm font-semibold text-slate-900">{t(locale, SlaKey::Sla)}</h2>
                <p class="mt-1 text-xs text-slate-600">
                    {t(locale, SlaKey::Policy)} ": " <span id="sla-policy">{sla.policy.name}</span>
                </p>
                <ul class="mt-3 space-y-3">{clocks}</ul>
                <p class="mt-3 text-xs text-slate-600">{t(locale, SlaKey::BusinessHoursNote)}</p>
            </section>
        }
    })
}

#[component]
fn ClockRow(kind: SlaClockKind, clock: SlaClockView) -> impl IntoView {
    let locale = use_locale();
    view! {
        <li data-sla-clock=kind.as_str()>
            <p class="flex flex-wrap items-center gap-2 text-sm text-slate-900">
                <SlaStateBadge state=clock.state />
                <span class="sla-sentence">{clock_sentence(locale, kind, &clock)}</span>
            </p>
            <p class="text-xs text-slate-600">
                {t(locale, SlaKey::Due)} " "
                <time datetime=iso(&clock.due_at)>{date_time(&clock.due_at)}</time>
            </p>
        </li>
    }
}
