//! `/portal`: the customer's own requests.

use leptos::prelude::*;
use leptos_meta::Title;
use tidings::domain::Action;

use crate::components::role_guard::RequireRole;
use crate::components::styles::{CARD, H1, MUTED};
use crate::i18n::{t, use_locale, Key};

#[component]
pub fn PortalPage() -> impl IntoView {
    view! {
        <RequireRole action=Action::UseCustomerPortal>
            <MyRequests />
        </RequireRole>
    }
}

/// The list of requests; empty until the customer has contacted support.
#[component]
fn MyRequests() -> impl IntoView {
    let locale = use_locale();
    view! {
        <Title text=t(locale, Key::MyRequests) />
        <h1 class=H1>{t(locale, Key::MyRequests)}</h1>
        <div class=format!("mt-6 text-center {CARD}")>
            <p class="font-medium text-slate-900">{t(locale, Key::NoRequests)}</p>
            <p class=format!("mt-1 {MUTED}")>{t(locale, Key::NoRequestsHint)}</p>
        </div>
    }
}
