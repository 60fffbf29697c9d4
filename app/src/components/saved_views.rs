//! The queue's saved views: fixed filter sets offered as links on the inbox and above the queue.

use leptos::prelude::*;

use crate::catalog::OPEN_STATUSES;
use crate::i18n::{t, use_locale, AgentKey};
use crate::ticket_query::TicketListQuery;

pub struct SavedView {
    pub key: &'static str,
    pub label: AgentKey,
    pub assignee: Option<&'static str>,
}

impl SavedView {
    pub fn filters(&self) -> TicketListQuery {
        TicketListQuery {
            status: Some(OPEN_STATUSES.to_string()),
            assignee: self.assignee.map(str::to_string),
            ..TicketListQuery::default()
        }
    }

    pub fn href(&self) -> String {
        self.filters().href("/agent/tickets", 1)
    }
}

pub const SAVED_VIEWS: [SavedView; 3] = [
    SavedView { key: "mine", label: AgentKey::ViewMyOpen, assignee: Some("me") },
    SavedView { key: "unassigned", label: AgentKey::ViewUnassigned, assignee: Some("none") },
    SavedView { key: "open", label: AgentKey::ViewAllOpen, assignee: None },
];

/// The saved views as a row of links; the one matching `current` is marked.
#[component]
pub fn SavedViewLinks(current: TicketListQuery) -> impl IntoView {
    let locale = use_locale();
    let unsorted = TicketListQuery { sort: None, ..current };
    let links = SAVED_VIEWS
        .iter()
        .map(|view| {
            let active = view.filters() == unsorted;
            view! {
                <li>
                    <a
                        href=view.href()
                        aria-current=active.then_some("page")
                        data-view=view.key
                        class="inline-flex rounded-full border border-slate-300 bg-white px-3 py-1 text-sm font-medium text-slate-800 hover:bg-slate-50 aria-[current=page]:border-indigo-600 aria-[current=page]:bg-indigo-50 aria-[current=page]:text-indigo-800 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600"
                    >
                        {t(locale, view.label)}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav aria-label=t(locale, AgentKey::SavedViews)>
            <ul class="flex flex-wrap gap-2">{links}</ul>
        </nav>
    }
}
