//! `/help`: the public help center, where signed-out visitors land.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::styles::{CARD, H1, MUTED};
use crate::i18n::{t, use_locale, Key};

#[component]
pub fn HelpPage() -> impl IntoView {
    let locale = use_locale();
    view! {
        <Title text=t(locale, Key::HelpTitle) />
        <div class="mx-auto max-w-3xl">
            <h1 class=H1>{t(locale, Key::HelpTitle)}</h1>
            <p class="mt-3 text-base text-slate-700">{t(locale, Key::HelpIntro)}</p>
            <div class=format!("mt-8 {CARD}")>
                <p class=MUTED>{t(locale, Key::HelpArticlesLater)}</p>
            </div>
        </div>
    }
}
