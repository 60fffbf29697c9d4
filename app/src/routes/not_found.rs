//! Any path no route matches: a friendly page with HTTP 404.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::styles::{H1, LINK, MUTED};
use crate::i18n::{t, use_locale, Key};

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let locale = use_locale();
    view! {
        <Title text=t(locale, Key::NotFoundTitle) />
        <div class="mx-auto max-w-md py-12 text-center">
            <h1 class=H1>{t(locale, Key::NotFoundTitle)}</h1>
            <p class=format!("mt-3 {MUTED}")>{t(locale, Key::NotFoundBody)}</p>
            <a href="/" class=format!("mt-6 inline-block {LINK}")>
                {t(locale, Key::GoToHome)}
            </a>
        </div>
    }
}
