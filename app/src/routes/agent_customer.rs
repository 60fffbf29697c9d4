//! `/agent/customers/:id`: a customer's profile and ticket history.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use tidings::domain::{Action, CustomerProfile};

use crate::api::customers::load_customer_profile;
use crate::components::agent_nav::AgentNav;
use crate::components::contact_identities::ContactIdentities;
use crate::components::customer_tickets::CustomerTickets;
use crate::components::field_error::{described_by, FieldError};
use crate::components::page_notice::{use_query_error, PageNotice};
use crate::components::role_guard::RequireRole;
use crate::components::styles::{BUTTON_SECONDARY, ERROR_TEXT, H1, H2, INPUT, LINK, MUTED};
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
    let CustomerProfile { customer, identities, tickets } = profile;
    let error = use_query_error(&["into"]);
    let merge_error = move || error.with(|error| error.for_field("into"));
    let merge_action = format!("/agent/customers/{}/merge", customer.id);
    view! {
        <Title text=customer.name.clone() />
        <PageNotice />
        <p class="text-sm"><a href="/agent/customers" class=LINK>{format!("← {}", t(locale, AgentKey::Customers))}</a></p>
        <h1 class=format!("mt-2 {H1}")>{customer.name.clone()}</h1>
        <dl class="mt-3 grid max-w-2xl grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
            <div><dt class="text-xs font-medium text-slate-600">{t(locale, Key::Email)}</dt><dd class="break-all text-slate-900">{customer.email.clone()}</dd></div>
            <div><dt class="text-xs font-medium text-slate-600">{t(locale, AgentKey::CustomerSince)}</dt><dd class="text-slate-900"><time datetime=iso(&customer.created_at)>{date(&customer.created_at)}</time></dd></div>
            <div><dt class="text-xs font-medium text-slate-600">{t(locale, AgentKey::Tickets)}</dt><dd class="text-slate-900" id="customer-ticket-count">{customer.ticket_count}</dd></div>
            <div><dt class="text-xs font-medium text-slate-600">{t(locale, AgentKey::OpenTickets)}</dt><dd class="text-slate-900">{customer.open_ticket_count}</dd></div>
        </dl>
        <div class="max-w-2xl"><ContactIdentities identities /></div>
        <h2 class=format!("mt-6 {H2}")>{t(locale, AgentKey::TicketHistory)}</h2>
        <CustomerTickets tickets />
        <section aria-labelledby="merge-contact-heading" class="mt-8 max-w-md rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h2 id="merge-contact-heading" class="text-sm font-semibold text-slate-900">{t(locale, AgentKey::MergeContactHeading)}</h2>
            <form method="post" action=merge_action id="merge-contact-form" class="mt-2 space-y-2">
                <div>
                    <label for="merge-contact-into" class="block text-xs font-medium text-slate-700">{t(locale, AgentKey::MergeContactInto)}</label>
                    <input id="merge-contact-into" name="into" type="email" required class=INPUT
                        aria-invalid=move || merge_error().is_some().then_some("true")
                        aria-describedby=move || described_by("merge-contact-into", &merge_error()).unwrap_or_else(|| "merge-contact-hint".to_string()) />
                    {move || view! { <FieldError id="merge-contact-into" message=merge_error() /> }}
                    <p id="merge-contact-hint" class="mt-1 text-xs text-slate-600">{t(locale, AgentKey::MergeContactHint)}</p>
                </div>
                <button type="submit" class=BUTTON_SECONDARY id="merge-contact-button">{t(locale, AgentKey::MergeContactButton)}</button>
            </form>
        </section>
    }
}
