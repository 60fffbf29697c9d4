//! Who asked: name, email, customer since, and their other tickets linked into the workspace.

use leptos::prelude::*;
use tidings::domain::{CustomerProfile, Requester, TicketContext};

use super::contact_identities::ContactIdentities;
use super::customer_tickets::CustomerTickets;
use super::styles::LINK;
use crate::format::{date, iso};
use crate::i18n::{t, use_locale, AgentKey, PortalKey, TicketKey};

#[component]
pub fn RequesterCard(
    requester: Requester,
    /// The requester's profile (absent when the requester is not a customer account).
    profile: Option<CustomerProfile>,
    /// The ticket on screen, left out of "other tickets".
    ticket_id: String,
    /// What the customer's browser shared when filing, if they chose to.
    context: Option<TicketContext>,
) -> impl IntoView {
    let locale = use_locale();
    let since = profile.as_ref().map(|profile| {
        let at = profile.customer.created_at;
        view! {
            <p class="text-xs text-slate-600">
                {t(locale, AgentKey::CustomerSince)} " " <time datetime=iso(&at)>{date(&at)}</time>
            </p>
        }
    });
    let others = profile.map(|profile| {
        view! {
            <ContactIdentities identities=profile.identities />
            <h3 class="mt-3 text-xs font-semibold text-slate-700">{t(locale, AgentKey::OtherTickets)}</h3>
            <CustomerTickets tickets=profile.tickets except=ticket_id.clone() />
        }
    });
    let details = context.map(|context| {
        let rows = [
            (PortalKey::ContextPage, context.page_url),
            (PortalKey::ContextPageTitle, context.page_title),
            (PortalKey::ContextBrowser, context.browser),
            (PortalKey::ContextOs, context.os),
            (PortalKey::ContextScreen, context.screen),
            (PortalKey::ContextLanguage, context.language),
            (PortalKey::ContextTimeZone, context.time_zone),
            (PortalKey::ContextBrand, context.brand),
            (PortalKey::ContextEmailUnverified, context.email_unverified),
        ]
        .into_iter()
        .filter_map(|(key, value)| value.map(|value| (key, value)))
        .map(|(key, value)| {
            view! {
                <div class="flex gap-2">
                    <dt class="w-24 shrink-0 text-slate-600">{t(locale, key)}</dt>
                    <dd class="min-w-0 break-all text-slate-900">{value}</dd>
                </div>
            }
        })
        .collect_view();
        view! {
            <h3 class="mt-3 text-xs font-semibold text-slate-700">{t(locale, AgentKey::TechnicalDetails)}</h3>
            <dl class="mt-1 space-y-0.5 text-xs" id="ticket-context">{rows}</dl>
        }
    });
    view! {
        <section aria-labelledby="requester-heading" class="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h2 id="requester-heading" class="text-sm font-semibold text-slate-900">{t(locale, TicketKey::Requester)}</h2>
            <p class="mt-2 text-sm font-medium text-slate-900" id="requester-name">
                <a href=format!("/agent/customers/{}", requester.id) class=LINK>{requester.name.clone()}</a>
            </p>
            <p class="text-sm text-slate-700 break-all">{requester.email.clone()}</p>
            {since}
            {others}
            {details}
        </section>
    }
}
