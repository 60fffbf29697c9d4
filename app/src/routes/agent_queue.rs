//! `/agent/tickets`: the ticket queue. Everything about the list lives in the address (filters, sort, page), so
//! saved views, sort headers and paging are plain links and the filter form is a GET form. The list follows the
//! `inbox` topic, so new tickets and changes show up without a reload.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use tidings::domain::live::Topic;
use tidings::domain::Action;

use crate::api::directory::ticket_directory;
use crate::api::tickets::list_tickets;
use crate::components::agent_nav::AgentNav;
use crate::components::page_notice::{use_query_error, PageNotice};
use crate::components::queue_filters::QueueFilters;
use crate::components::queue_table::QueueTable;
use crate::components::role_guard::RequireRole;
use crate::components::saved_views::SavedViewLinks;
use crate::components::styles::{ERROR_TEXT, H1, MUTED};
use crate::i18n::{app_error_text, t, use_locale, AgentKey, Key};
use crate::live::use_live;
use crate::ticket_query::{page_from, TicketListQuery};

#[component]
pub fn AgentQueuePage() -> impl IntoView {
    view! {
        <RequireRole action=Action::UseAgentWorkspace>
            <Queue />
        </RequireRole>
    }
}

#[component]
fn Queue() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let filters = Memo::new(move |_| query.with(|q| TicketListQuery::from_pairs(|key| q.get(key))));
    let page = Memo::new(move |_| query.with(|q| page_from(q.get("page"))));
    // Listed again whenever the socket says a ticket was created or changed.
    let live = use_live();
    live.watch(|| Some(Topic::Inbox));
    let changes = live.inbox_version();
    let tickets = Resource::new(
        move || (filters.get(), page.get(), changes.get()),
        |(filters, page, _)| list_tickets(filters, page),
    );
    let directory = Resource::new(|| (), |_| ticket_directory());
    let bulk_error = use_query_error(&["ids"]);

    view! {
        <Title text=t(locale, AgentKey::Tickets) />
        <AgentNav />
        <div class="flex flex-wrap items-center justify-between gap-3">
            <h1 class=H1>{t(locale, AgentKey::Tickets)}</h1>
            {move || view! { <SavedViewLinks current=filters.get() /> }}
        </div>
        <PageNotice />
        <Transition fallback=move || view! { <p class=MUTED>{t(locale, Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                let listed = tickets.await;
                let directory = match directory.await {
                    Ok(directory) => directory,
                    Err(err) => {
                        return view! { <p role="alert" class=ERROR_TEXT>{app_error_text(locale, &err)}</p> }.into_any();
                    }
                };
                let filter_error = listed.as_ref().err().cloned();
                let unplaced = filter_error
                    .as_ref()
                    .filter(|err| !err.field.as_deref().is_some_and(|field| TicketListQuery::KEYS.contains(&field)))
                    .map(|err| app_error_text(locale, err));
                let filters = filters.get_untracked();
                let table = listed.ok().map(|listed| {
                    let bulk = bulk_error.get_untracked();
                    let bulk_message = bulk.message.clone();
                    view! { <QueueTable listed filters=filters.clone() directory=directory.clone() bulk_error=bulk_message /> }
                });
                view! {
                    <QueueFilters filters=filters.clone() directory error=filter_error />
                    {unplaced.map(|message| view! { <p id="queue-error" role="alert" class=ERROR_TEXT>{message}</p> })}
                    {table}
                }
                .into_any()
            })}
        </Transition>
    }
}
