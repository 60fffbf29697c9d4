//! What a signed-in user sees on a page their role may not open. Answers 403 on the server, and points them
//! back to a page they can use.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::styles::{BUTTON_PRIMARY, H1, MUTED};
use crate::i18n::{t, use_locale, Key};

#[component]
pub fn NoAccessPage(
    /// The user's own home, e.g. `/portal`.
    home: &'static str,
) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::FORBIDDEN);
    }
    let locale = use_locale();
    view! {
        <Title text=t(locale, Key::NoAccessTitle) />
        <div class="mx-auto max-w-md py-12 text-center">
            <h1 class=H1>{t(locale, Key::NoAccessTitle)}</h1>
            <p class=format!("mt-3 {MUTED}")>{t(locale, Key::NoAccessBody)}</p>
            <a href=home class=format!("mt-6 {BUTTON_PRIMARY}")>
                {t(locale, Key::GoToHome)}
            </a>
        </div>
    }
}
