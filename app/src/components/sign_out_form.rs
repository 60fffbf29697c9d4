//! Signing out is a plain form post to the server, so it works without JavaScript and cannot be
//! triggered by a mere link (a GET) from another site.

use leptos::prelude::*;

use super::styles::BUTTON_SECONDARY;
use crate::i18n::{t, use_locale, Key};

#[component]
pub fn SignOutForm() -> impl IntoView {
    let locale = use_locale();
    view! {
        <form method="post" action="/auth/logout">
            <button type="submit" class=BUTTON_SECONDARY>
                {t(locale, Key::SignOut)}
            </button>
        </form>
    }
}
