//! Who asked: name, email, customer since, and their other tickets linked into the workspace.

use leptos::prelude::*;
use tidings::domain::{CustomerProfile, Requester};

use super::customer_tickets::CustomerTickets;
use super::styles::LINK;
use crate::format::{date, iso};
use crate::i18n::{t, use_locale, AgentKey, TicketKey};

#[component]
pub fn RequesterCard(
    requester: Requester,
    /// The requester's profile (absent when the requester is not a customer account).
    profile: Option<CustomerProfile>,
    /// The ticket on screen, left out of "other tickets".
    ticket_id: String,
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
            <h3 class="mt-3 text-xs font-semibold text-slate-700">{t(locale, AgentKey::OtherTickets)}</h3>
            <CustomerTickets tickets=profile.tickets except=ticket_id.clone() />
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
        </section>
    }
}
