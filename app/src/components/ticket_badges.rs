//! Small coloured labels for a ticket's status and priority. The colour only repeats what the word says.

use leptos::prelude::*;
use tidings::domain::{Priority, TicketStatus};

use crate::i18n::{priority_name, status_name, use_locale};

const BADGE: &str =
    "inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset";

fn status_colours(status: TicketStatus) -> &'static str {
    match status {
        TicketStatus::New => "bg-amber-50 text-amber-900 ring-amber-700/30",
        TicketStatus::Open => "bg-rose-50 text-rose-900 ring-rose-700/30",
        TicketStatus::Pending => "bg-sky-50 text-sky-900 ring-sky-700/30",
        TicketStatus::Resolved => "bg-emerald-50 text-emerald-900 ring-emerald-700/30",
        TicketStatus::Closed => "bg-slate-100 text-slate-800 ring-slate-600/30",
    }
}

fn priority_colours(priority: Priority) -> &'static str {
    match priority {
        Priority::Low => "bg-white text-slate-700 ring-slate-400/40",
        Priority::Normal => "bg-slate-50 text-slate-800 ring-slate-500/30",
        Priority::High => "bg-orange-50 text-orange-900 ring-orange-700/30",
        Priority::Urgent => "bg-red-600 text-white ring-red-700",
    }
}

#[component]
pub fn StatusBadge(status: TicketStatus) -> impl IntoView {
    let locale = use_locale();
    view! {
        <span class=format!("{BADGE} {}", status_colours(status)) data-status=status.as_str()>
            {status_name(locale, status)}
        </span>
    }
}

#[component]
pub fn PriorityBadge(priority: Priority) -> impl IntoView {
    let locale = use_locale();
    view! {
        <span class=format!("{BADGE} {}", priority_colours(priority)) data-priority=priority.as_str()>
            {priority_name(locale, priority)}
        </span>
    }
}
