//! `/agent`: the agent workspace's inbox, for agents, supervisors and admins.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use tidings::domain::Action;

use crate::components::role_guard::RequireRole;
use crate::components::styles::{CARD, H1, MUTED};
use crate::i18n::{t, use_locale, Key};

#[component]
pub fn AgentPage() -> impl IntoView {
    view! {
        <RequireRole action=Action::UseAgentWorkspace>
            <Inbox />
        </RequireRole>
    }
}

/// The workspace layout: side navigation and the conversation list.
#[component]
fn Inbox() -> impl IntoView {
    let locale = use_locale();
    view! {
        <Title text=t(locale, Key::Inbox) />
        <div class="grid grid-cols-1 gap-6 md:grid-cols-[12rem_minmax(0,1fr)]">
            <nav aria-label=t(locale, Key::WorkspaceNav)>
                <ul class="flex gap-1 overflow-x-auto md:flex-col">
                    <li>
                        <A
                            href="/agent"
                            exact=true
                            attr:class="block whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 aria-[current=page]:bg-indigo-50 aria-[current=page]:text-indigo-800 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600"
                        >
                            {t(locale, Key::Inbox)}
                        </A>
                    </li>
                </ul>
            </nav>
            <section aria-labelledby="inbox-heading" class="min-w-0">
                <h1 id="inbox-heading" class=H1>{t(locale, Key::Inbox)}</h1>
                <div class=format!("mt-6 text-center {CARD}")>
                    <p class="font-medium text-slate-900">{t(locale, Key::NoConversations)}</p>
                    <p class=format!("mt-1 {MUTED}")>{t(locale, Key::NoConversationsHint)}</p>
                </div>
            </section>
        </div>
    }
}
