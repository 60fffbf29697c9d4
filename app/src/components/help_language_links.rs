//! Links to the same help-center page in the other languages. They are full page loads (`rel="external"`),
//! because the whole page, header included, changes language.

use leptos::prelude::*;
use tidings::domain::Locale;

use super::styles::LINK;
use crate::i18n::{t, HelpKey};

/// `links` are (language, path) of the versions that exist besides the current one; nothing without any.
#[component]
pub fn HelpLanguageLinks(lang: Locale, label: HelpKey, links: Vec<(Locale, String)>) -> impl IntoView {
    if links.is_empty() {
        return ().into_any();
    }
    let items = links
        .into_iter()
        .map(|(other, href)| {
            view! {
                <li>
                    <a href=href rel="external" lang=other.as_str() hreflang=other.as_str() class=LINK>
                        {other.native_name()}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav aria-labelledby="language-links-label" class="flex flex-wrap items-center gap-3 text-sm print:hidden">
            <span id="language-links-label" class="text-slate-700">{t(lang, label)}</span>
            <ul class="flex flex-wrap gap-3">{items}</ul>
        </nav>
    }
    .into_any()
}
