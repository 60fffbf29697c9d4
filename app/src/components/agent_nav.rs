//! Navigation between the agent workspace's pages: inbox, tickets, chats, customers, canned responses,
//! the knowledge base, the agent's own numbers, and for supervisors the dashboard and the routing overview.

use leptos::prelude::*;
use leptos_router::components::A;

use tidings::domain::{is_allowed, Action};

use crate::i18n::{t, use_locale, AgentKey, AnalyticsKey, ChatKey, KbKey, Key, RoutingKey};
use crate::live::use_live;
use crate::session::use_current_user;

const TAB: &str = "whitespace-nowrap border-b-2 border-transparent px-1 pb-2 text-sm font-medium text-slate-700 hover:border-slate-300 hover:text-slate-900 aria-[current=page]:border-indigo-600 aria-[current=page]:text-indigo-800 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600";

#[component]
pub fn AgentNav() -> impl IntoView {
    let locale = use_locale();
    let user = use_current_user();
    // The page guard has loaded the user already, so this reads what is there.
    let supervisor = move || {
        user.get().and_then(Result::ok).flatten().is_some_and(|user| is_allowed(user.role, Action::UseSupervisorViews))
    };
    view! {
        <nav aria-label=t(locale, Key::WorkspaceNav) class="mb-4 overflow-x-auto border-b border-slate-200">
            <ul class="flex gap-6">
                <li><A href="/agent" exact=true attr:class=TAB>{t(locale, Key::Inbox)}</A></li>
                <li><A href="/agent/tickets" attr:class=TAB>{t(locale, AgentKey::Tickets)}</A></li>
                <li><A href="/agent/chats" attr:class=TAB>{t(locale, ChatKey::Chats)}</A></li>
                <li><A href="/agent/customers" attr:class=TAB>{t(locale, AgentKey::Customers)}</A></li>
                <li><A href="/agent/canned" attr:class=TAB>{t(locale, AgentKey::CannedResponses)}</A></li>
                <li><A href="/admin/kb" attr:class=TAB>{t(locale, KbKey::KnowledgeBase)}</A></li>
                <li><A href="/agent/me" attr:class=TAB>{t(locale, AnalyticsKey::MyNumbers)}</A></li>
                <Show when=supervisor>
                    <li><A href="/supervisor" exact=true attr:class=TAB>{t(locale, AnalyticsKey::Dashboard)}</A></li>
                    <li><A href="/supervisor/routing" attr:class=TAB>{t(locale, RoutingKey::Routing)}</A></li>
                </Show>
            </ul>
        </nav>
        <LiveStatus />
    }
}

/// "Live updates on" once the socket is open, "Reconnecting…" after it was lost; nothing before the first
/// connection (or without JavaScript). Not a live region: it would be announced on every page.
#[component]
fn LiveStatus() -> impl IntoView {
    let locale = use_locale();
    let live = use_live();
    let state = Memo::new(move |_| live.model.with(|model| (model.connected, model.drops)));
    view! {
        <p
            id="live-status"
            class="-mt-2 mb-3 min-h-5 text-xs text-slate-600"
            data-connected=move || if state.get().0 { "true" } else { "false" }
        >
            {move || match state.get() {
                (true, _) => Some(format!("● {}", t(locale, ChatKey::LiveConnected))),
                (false, drops) if drops > 0 => Some(t(locale, ChatKey::LiveReconnecting).to_string()),
                _ => None,
            }}
        </p>
    }
}
