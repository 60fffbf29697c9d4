//! `/agent`: the agent workspace's inbox: the saved views of the ticket queue with how many tickets each holds,
//! counted again live as tickets come and change.

use leptos::prelude::*;
use leptos_meta::Title;
use tidings::domain::live::Topic;
use tidings::domain::Action;

use crate::api::tickets::count_tickets;
use crate::components::agent_nav::AgentNav;
use crate::components::role_guard::RequireRole;
use crate::components::saved_views::{SavedView, SAVED_VIEWS};
use crate::components::styles::{CARD, ERROR_TEXT, H1, MUTED};
use crate::i18n::{app_error_text, t, use_locale, AgentKey, Key};
use crate::live::use_live;

#[component]
pub fn AgentPage() -> impl IntoView {
    view! {
        <RequireRole action=Action::UseAgentWorkspace>
            <Inbox />
        </RequireRole>
    }
}

#[component]
fn Inbox() -> impl IntoView {
    let locale = use_locale();
    // Counted again whenever the socket says a ticket was created or changed.
    let live = use_live();
    live.watch(|| Some(Topic::Inbox));
    let changes = live.inbox_version();
    let counts =
        Resource::new(move || changes.get(), |_| count_tickets(SAVED_VIEWS.iter().map(SavedView::filters).collect()));
    view! {
        <Title text=t(locale, Key::Inbox) />
        <AgentNav />
        <section aria-labelledby="inbox-heading" class="min-w-0">
            <h1 id="inbox-heading" class=H1>{t(locale, Key::Inbox)}</h1>
            <p class=format!("mt-1 {MUTED}")>{t(locale, AgentKey::InboxIntro)}</p>
            <Transition fallback=move || view! { <p class=format!("mt-4 {MUTED}")>{t(locale, Key::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match counts.await {
                        Ok(counts) => {
                            let cards = SAVED_VIEWS
                                .iter()
                                .zip(counts)
                                .map(|(view, count)| {
                                    view! {
                                        <li>
                                            <a
                                                href=view.href()
                                                class=format!("block hover:border-indigo-300 hover:bg-indigo-50/40 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600 {CARD}")
                                                data-view=view.key
                                            >
                                                <span class="block text-sm font-medium text-slate-700">{t(locale, view.label)}</span>
                                                <span class="mt-1 block text-3xl font-semibold text-slate-900">{count}</span>
                                            </a>
                                        </li>
                                    }
                                })
                                .collect_view();
                            view! { <ul class="mt-4 grid grid-cols-1 gap-4 sm:grid-cols-3">{cards}</ul> }.into_any()
                        }
                        Err(err) => view! { <p role="alert" class=ERROR_TEXT>{app_error_text(locale, &err)}</p> }.into_any(),
                    }
                })}
            </Transition>
            <p class=format!("mt-6 {MUTED}")>{t(locale, Key::NoConversationsHint)}</p>
        </section>
    }
}
