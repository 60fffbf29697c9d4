//! Who asked: the requester's name and email, with a link to their profile and other tickets.

use leptos::prelude::*;
use tidings::domain::Requester;

use super::styles::LINK;
use crate::i18n::{t, use_locale, TicketKey};

#[component]
pub fn RequesterCard(requester: Requester) -> impl IntoView {
    let locale = use_locale();
    view! {
        <section aria-labelledby="requester-heading" class="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h2 id="requester-heading" class="text-sm font-semibold text-slate-900">{t(locale, TicketKey::Requester)}</h2>
            <p class="mt-2 text-sm font-medium text-slate-900" id="requester-name">{requester.name.clone()}</p>
            <p class="text-sm text-slate-700 break-all">
                <a href=format!("mailto:{}", requester.email) class=LINK>{requester.email.clone()}</a>
            </p>
        </section>
    }
}
