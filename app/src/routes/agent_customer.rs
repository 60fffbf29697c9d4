//! `/agent/customers/:id`: a customer's profile and ticket history.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use tidings::domain::{Action, CustomerProfile};

use crate::api::customers::load_customer_profile;
use crate::components::agent_nav::AgentNav;
use crate::components::customer_tickets::CustomerTickets;
use crate::components::role_guard::RequireRole;
use crate::components::styles::{ERROR_TEXT, H1, H2, LINK, MUTED};
use crate::format::{date, iso};
use crate::i18n::{app_error_text, t, use_locale, AgentKey, Key};
use crate::routes::not_found::NotFoundPage;

#[component]
pub fn AgentCustomerPage() -> impl IntoView {
    view! {
        <RequireRole action=Action::UseAgentWorkspace>
            <Profile />
        </RequireRole>
    }
}

#[component]
fn Profile() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id")).unwrap_or_default();
    let profile = Resource::new(id, load_customer_profile);
    view! {
        <AgentNav />
        <Transition fallback=move || view! { <p class=MUTED>{t(locale, Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(profile) => view! { <ProfileView profile /> }.into_any(),
                    Err(err) if err.code == "not_found" => view! { <NotFoundPage /> }.into_any(),
                    Err(err) => view! { <p role="alert" class=ERROR_TEXT>{app_error_text(locale, &err)}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ProfileView(profile: CustomerProfile) -> impl IntoView {
    let locale = use_locale();
    let CustomerProfile { customer, tickets } = profile;
    view! {
        <Title text=customer.name.clone() />
        <p class="text-sm"><a href="/agent/customers" class=LINK>{format!("← {}", t(locale, AgentKey::Customers))}</a></p>
        <h1 class=format!("mt-2 {H1}")>{customer.name.clone()}</h1>
        <dl class="mt-3 grid max-w-2xl grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
            <div><dt class="text-xs font-medium text-slate-600">{t(locale, Key::Email)}</dt><dd class="break-all text-slate-900">{customer.email.clone()}</dd></div>
            <div><dt class="text-xs font-medium text-slate-600">{t(locale, AgentKey::CustomerSince)}</dt><dd class="text-slate-900"><time datetime=iso(&customer.created_at)>{date(&customer.created_at)}</time></dd></div>
            <div><dt class="text-xs font-medium text-slate-600">{t(locale, AgentKey::Tickets)}</dt><dd class="text-slate-900" id="customer-ticket-count">{customer.ticket_count}</dd></div>
            <div><dt class="text-xs font-medium text-slate-600">{t(locale, AgentKey::OpenTickets)}</dt><dd class="text-slate-900">{customer.open_ticket_count}</dd></div>
        </dl>
        <h2 class=format!("mt-6 {H2}")>{t(locale, AgentKey::TicketHistory)}</h2>
        <CustomerTickets tickets />
    }
}
