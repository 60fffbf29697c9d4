//! Paging by links (`?page=N`), so the list pages without JavaScript and every page has an address.

use leptos::prelude::*;

use super::styles::{BUTTON_SECONDARY, MUTED};
use crate::i18n::{page_of, t, use_locale, Key, TicketKey};

/// "Page 2 of 5 · 112 tickets" with previous and next links; `href(n)` builds page n's address.
#[component]
pub fn LinkPager(page: u32, pages: u32, total: u64, href: impl Fn(u32) -> String) -> impl IntoView {
    let locale = use_locale();
    let previous = (page > 1).then(|| href(page - 1));
    let next = (page < pages).then(|| href(page + 1));
    let disabled = "inline-flex items-center rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-500";
    view! {
        <nav aria-label=t(locale, Key::Pagination) class="flex items-center justify-between gap-4 pt-3">
            {match previous {
                Some(href) => view! { <a href=href rel="prev" class=BUTTON_SECONDARY>{t(locale, Key::Previous)}</a> }.into_any(),
                None => view! { <span class=disabled aria-hidden="true">{t(locale, Key::Previous)}</span> }.into_any(),
            }}
            <p class=MUTED>
                {page_of(locale, page, pages)} " · " <span data-testid="total">{total}</span> " "
                {t(locale, if total == 1 { TicketKey::TicketSingular } else { TicketKey::TicketPlural })}
            </p>
            {match next {
                Some(href) => view! { <a href=href rel="next" class=BUTTON_SECONDARY>{t(locale, Key::Next)}</a> }.into_any(),
                None => view! { <span class=disabled aria-hidden="true">{t(locale, Key::Next)}</span> }.into_any(),
            }}
        </nav>
    }
}
