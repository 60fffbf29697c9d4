//! Previous / next links between the pages of a help-center list (`?page=N`), so paging works without
//! JavaScript and every page has an address.

use leptos::prelude::*;
use tidings::domain::Locale;

use super::styles::{BUTTON_SECONDARY, MUTED};
use crate::i18n::{page_of, t, Key};

/// Nothing when everything fits on one page; `href(n)` builds page n's address.
#[component]
pub fn HelpPager(lang: Locale, page: u32, pages: u32, href: impl Fn(u32) -> String) -> impl IntoView {
    if pages <= 1 {
        return ().into_any();
    }
    let previous = (page > 1).then(|| href(page - 1));
    let next = (page < pages).then(|| href(page + 1));
    view! {
        <nav aria-label=t(lang, Key::Pagination) class="flex items-center justify-between gap-4 pt-4 print:hidden">
            {previous.map(|href| view! { <a href=href rel="prev" class=BUTTON_SECONDARY>{t(lang, Key::Previous)}</a> })}
            <p class=MUTED>{page_of(lang, page, pages)}</p>
            {next.map(|href| view! { <a href=href rel="next" class=BUTTON_SECONDARY>{t(lang, Key::Next)}</a> })}
        </nav>
    }
    .into_any()
}
