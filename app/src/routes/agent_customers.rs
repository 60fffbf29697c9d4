//! `/agent/customers`: find a customer by part of their name or email (a GET form), with their ticket counts.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use tidings::domain::{Action, CustomerSummary};

use crate::api::customers::{search_customers, CustomerPage};
use crate::components::agent_nav::AgentNav;
use crate::components::link_pager::LinkPager;
use crate::components::role_guard::RequireRole;
use crate::components::styles::{BUTTON_PRIMARY, CARD, ERROR_TEXT, H1, INPUT, LINK, MUTED};
use crate::format::{date, iso};
use crate::i18n::{app_error_text, t, use_locale, AgentKey, Key};
use crate::paths::encode_query_value;
use crate::ticket_query::page_from;

#[component]
pub fn AgentCustomersPage() -> impl IntoView {
    view! {
        <RequireRole action=Action::UseAgentWorkspace>
            <CustomerSearch />
        </RequireRole>
    }
}

#[component]
fn CustomerSearch() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let q = move || query.with(|q| q.get("q")).map(|q| q.trim().to_string()).filter(|q| !q.is_empty());
    let page = move || query.with(|q| page_from(q.get("page")));
    let customers = Resource::new(move || (q(), page()), |(q, page)| search_customers(q, page));
    view! {
        <Title text=t(locale, AgentKey::Customers) />
        <AgentNav />
        <h1 class=H1>{t(locale, AgentKey::Customers)}</h1>
        <form method="get" action="/agent/customers" role="search" aria-label=t(locale, AgentKey::FindCustomers) class="mt-3 flex max-w-xl items-end gap-2">
            <div class="flex-1">
                <label for="customer-q" class="block text-xs font-medium text-slate-700">{t(locale, AgentKey::SearchNameOrEmail)}</label>
                <input id="customer-q" name="q" type="search" value=move || q().unwrap_or_default() class=INPUT />
            </div>
            <button type="submit" class=BUTTON_PRIMARY>{t(locale, AgentKey::Search)}</button>
        </form>
        <Transition fallback=move || view! { <p class=format!("mt-4 {MUTED}")>{t(locale, Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match customers.await {
                    Ok(listed) => view! { <CustomerTable listed q=q() /> }.into_any(),
                    Err(err) => {
                        let id = if err.field.as_deref() == Some("q") { "customer-q-error" } else { "customers-error" };
                        view! { <p id=id role="alert" class=format!("mt-4 {ERROR_TEXT}")>{app_error_text(locale, &err)}</p> }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn CustomerTable(listed: CustomerPage, q: Option<String>) -> impl IntoView {
    let locale = use_locale();
    if listed.items.is_empty() {
        return view! { <p class=format!("mt-4 text-center {CARD} {MUTED}")>{t(locale, AgentKey::NoCustomersFound)}</p> }.into_any();
    }
    let pages = listed.pages();
    let head = "whitespace-nowrap px-3 py-2 text-left text-xs font-semibold text-slate-700";
    let rows = listed.items.into_iter().map(|customer| view! { <CustomerRow customer /> }).collect_view();
    let href = move |page: u32| {
        let mut parts = Vec::new();
        if let Some(q) = &q {
            parts.push(format!("q={}", encode_query_value(q)));
        }
        if page > 1 {
            parts.push(format!("page={page}"));
        }
        if parts.is_empty() {
            "/agent/customers".to_string()
        } else {
            format!("/agent/customers?{}", parts.join("&"))
        }
    };
    view! {
        <div class="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
            <table class="min-w-full divide-y divide-slate-200" id="customer-table">
                <caption class="sr-only">{t(locale, AgentKey::Customers)}</caption>
                <thead class="bg-slate-50">
                    <tr>
                        <th scope="col" class=head>{t(locale, Key::Name)}</th>
                        <th scope="col" class=head>{t(locale, Key::Email)}</th>
                        <th scope="col" class=head>{t(locale, AgentKey::CustomerSince)}</th>
                        <th scope="col" class=head>{t(locale, AgentKey::Tickets)}</th>
                        <th scope="col" class=head>{t(locale, AgentKey::OpenTickets)}</th>
                    </tr>
                </thead>
                <tbody class="divide-y divide-slate-100">{rows}</tbody>
            </table>
        </div>
        <LinkPager page=listed.page pages total=listed.total href />
    }
    .into_any()
}

#[component]
fn CustomerRow(customer: CustomerSummary) -> impl IntoView {
    let cell = "whitespace-nowrap px-3 py-2 text-sm text-slate-800";
    view! {
        <tr class="hover:bg-slate-50">
            <td class="px-3 py-2 text-sm"><a href=format!("/agent/customers/{}", customer.id) class=LINK>{customer.name.clone()}</a></td>
            <td class=cell>{customer.email.clone()}</td>
            <td class=cell><time datetime=iso(&customer.created_at)>{date(&customer.created_at)}</time></td>
            <td class=cell>{customer.ticket_count}</td>
            <td class=cell>{customer.open_ticket_count}</td>
        </tr>
    }
}
