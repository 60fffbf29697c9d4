//! `/portal`: the customer's own requests, newest activity first, with a status filter (a GET form, so it works
//! without JavaScript) and the way to a new request.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use tidings::domain::{Action, Ticket};

use crate::api::tickets::{list_tickets, TicketPage};
use crate::catalog::OPEN_STATUSES;
use crate::components::link_pager::LinkPager;
use crate::components::page_notice::PageNotice;
use crate::components::role_guard::RequireRole;
use crate::components::styles::{BUTTON_PRIMARY, BUTTON_SECONDARY, CARD, ERROR_TEXT, H1, LINK, MUTED, SELECT_COMPACT};
use crate::components::ticket_badges::StatusBadge;
use crate::format::{date_time, iso, ticket_ref};
use crate::i18n::{app_error_text, t, use_locale, Key, PortalKey, TicketKey};
use crate::ticket_query::{page_from, TicketListQuery};

#[component]
pub fn PortalPage() -> impl IntoView {
    view! {
        <RequireRole action=Action::UseCustomerPortal>
            <MyRequests />
        </RequireRole>
    }
}

/// The status filter's choices: (value, label).
const STATUS_CHOICES: [(&str, PortalKey); 4] = [
    ("", PortalKey::AllRequests),
    (OPEN_STATUSES, PortalKey::OpenRequests),
    ("resolved", PortalKey::ResolvedRequests),
    ("closed", PortalKey::ClosedRequests),
];

#[component]
fn MyRequests() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let status = move || query.with(|q| q.get("status")).unwrap_or_default();
    let page = move || query.with(|q| page_from(q.get("page")));
    let tickets = Resource::new(
        move || (status(), page()),
        |(status, page)| {
            let filters =
                TicketListQuery { status: Some(status).filter(|s| !s.is_empty()), ..TicketListQuery::default() };
            list_tickets(filters, page)
        },
    );

    view! {
        <Title text=t(locale, Key::MyRequests) />
        <div class="flex flex-wrap items-center justify-between gap-3">
            <h1 class=H1>{t(locale, Key::MyRequests)}</h1>
            <a href="/portal/new" class=BUTTON_PRIMARY id="new-request-link">
                {t(locale, PortalKey::NewRequest)}
            </a>
        </div>
        <PageNotice />
        <form method="get" action="/portal" class="mt-2 flex flex-wrap items-end gap-2" role="search" aria-label=t(locale, PortalKey::FilterRequests)>
            <div>
                <label for="portal-status" class="block text-xs font-medium text-slate-700">{t(locale, TicketKey::Status)}</label>
                <select id="portal-status" name="status" class=SELECT_COMPACT>
                    {move || {
                        let current = status();
                        STATUS_CHOICES
                            .into_iter()
                            .map(|(value, key)| view! { <option value=value selected=current == value>{t(locale, key)}</option> })
                            .collect_view()
                    }}
                </select>
            </div>
            <button type="submit" class=BUTTON_SECONDARY>{t(locale, TicketKey::ApplyFilters)}</button>
        </form>
        <Transition fallback=move || view! { <p class=format!("mt-4 {MUTED}")>{t(locale, Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match tickets.await {
                    Ok(listed) => view! { <RequestList listed filtered=!status().is_empty() status=status() /> }.into_any(),
                    Err(err) => view! { <p role="alert" class=format!("mt-4 {ERROR_TEXT}")>{app_error_text(locale, &err)}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn RequestList(listed: TicketPage, filtered: bool, status: String) -> impl IntoView {
    let locale = use_locale();
    if listed.items.is_empty() {
        let (title, hint) = if filtered {
            (t(locale, PortalKey::NoMatchingRequests), t(locale, PortalKey::ShowAllHint))
        } else {
            (t(locale, Key::NoRequests), t(locale, Key::NoRequestsHint))
        };
        return view! {
            <div class=format!("mt-4 text-center {CARD}")>
                <p class="font-medium text-slate-900">{title}</p>
                <p class=format!("mt-1 {MUTED}")>{hint}</p>
            </div>
        }
        .into_any();
    }
    let pages = listed.pages();
    let filters = TicketListQuery { status: Some(status).filter(|s| !s.is_empty()), ..TicketListQuery::default() };
    let rows = listed.items.into_iter().map(|ticket| view! { <RequestRow ticket /> }).collect_view();
    view! {
        <div class="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
            <table class="min-w-full divide-y divide-slate-200 text-sm" id="request-list">
                <caption class="sr-only">{t(locale, Key::MyRequests)}</caption>
                <thead class="bg-slate-50 text-left text-xs font-semibold text-slate-700">
                    <tr>
                        <th scope="col" class="px-3 py-2">{t(locale, TicketKey::Number)}</th>
                        <th scope="col" class="px-3 py-2">{t(locale, TicketKey::Subject)}</th>
                        <th scope="col" class="px-3 py-2">{t(locale, TicketKey::Status)}</th>
                        <th scope="col" class="px-3 py-2">{t(locale, TicketKey::Updated)}</th>
                    </tr>
                </thead>
                <tbody class="divide-y divide-slate-100">{rows}</tbody>
            </table>
        </div>
        <LinkPager page=listed.page pages total=listed.total href=move |page| filters.href("/portal", page) />
    }
    .into_any()
}

#[component]
fn RequestRow(ticket: Ticket) -> impl IntoView {
    view! {
        <tr class="hover:bg-slate-50">
            <td class="whitespace-nowrap px-3 py-2 font-mono text-xs text-slate-700">{ticket_ref(ticket.number)}</td>
            <td class="px-3 py-2">
                <a href=format!("/portal/tickets/{}", ticket.id) class=LINK>{ticket.subject.clone()}</a>
            </td>
            <td class="whitespace-nowrap px-3 py-2"><StatusBadge status=ticket.status /></td>
            <td class="whitespace-nowrap px-3 py-2 text-slate-700">
                <time datetime=iso(&ticket.updated_at)>{date_time(&ticket.updated_at)}</time>
            </td>
        </tr>
    }
}
