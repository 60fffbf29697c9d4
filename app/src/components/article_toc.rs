//! An article's table of contents: its h2 and h3 headings as links to their anchors.

use leptos::prelude::*;
use tidings::domain::kb::TocEntry;
use tidings::domain::Locale;

use super::styles::LINK;
use crate::i18n::{t, HelpKey};

/// Nothing for an article without headings.
#[component]
pub fn ArticleToc(lang: Locale, toc: Vec<TocEntry>) -> impl IntoView {
    if toc.is_empty() {
        return ().into_any();
    }
    let entries = toc
        .into_iter()
        .map(|entry| {
            let indent = if entry.level >= 3 { "pl-4" } else { "" };
            // A plain in-page jump: `rel="external"` leaves it to the browser instead of the client router.
            view! {
                <li class=indent>
                    <a href=format!("#{}", entry.id) rel="external" class=LINK>{entry.text}</a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav aria-labelledby="toc-heading" class="rounded-lg border border-slate-200 bg-white p-4 print:hidden">
            <h2 id="toc-heading" class="text-sm font-semibold text-slate-900">{t(lang, HelpKey::OnThisPage)}</h2>
            <ul class="mt-2 space-y-1 text-sm">{entries}</ul>
        </nav>
    }
    .into_any()
}
