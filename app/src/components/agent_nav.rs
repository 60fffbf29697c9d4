//! Navigation between the agent workspace's pages: inbox, tickets, chats, customers, canned responses.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{t, use_locale, AgentKey, ChatKey, Key};

const TAB: &str = "whitespace-nowrap border-b-2 border-transparent px-1 pb-2 text-sm font-medium text-slate-700 hover:border-slate-300 hover:text-slate-900 aria-[current=page]:border-indigo-600 aria-[current=page]:text-indigo-800 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600";

#[component]
pub fn AgentNav() -> impl IntoView {
    let locale = use_locale();
    view! {
        <nav aria-label=t(locale, Key::WorkspaceNav) class="mb-4 overflow-x-auto border-b border-slate-200">
            <ul class="flex gap-6">
                <li><A href="/agent" exact=true attr:class=TAB>{t(locale, Key::Inbox)}</A></li>
                <li><A href="/agent/tickets" attr:class=TAB>{t(locale, AgentKey::Tickets)}</A></li>
                <li><A href="/agent/chats" attr:class=TAB>{t(locale, ChatKey::Chats)}</A></li>
                <li><A href="/agent/customers" attr:class=TAB>{t(locale, AgentKey::Customers)}</A></li>
                <li><A href="/agent/canned" attr:class=TAB>{t(locale, AgentKey::CannedResponses)}</A></li>
            </ul>
        </nav>
    }
}
