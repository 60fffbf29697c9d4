//! The way back up from a help-center page: Help center > topic > subtopic (> the current page).

use leptos::prelude::*;
use tidings::domain::kb::KbCategory;
use tidings::domain::Locale;

use super::styles::LINK;
use crate::help_paths::{help_home_path, help_topic_path};
use crate::i18n::{t, HelpKey, Key};

/// `trail` are the categories above the page, outermost first; `current` names the page itself when it is not
/// an article (an article's title is its heading right below).
#[component]
pub fn KbBreadcrumbs(lang: Locale, trail: Vec<KbCategory>, #[prop(optional)] current: Option<String>) -> impl IntoView {
    let separator = || view! { <span aria-hidden="true" class="text-slate-600">"›"</span> };
    let crumbs = trail
        .into_iter()
        .map(|category| {
            view! {
                <li class="flex items-center gap-2">
                    {separator()}
                    <a href=help_topic_path(lang, &category.slug) class=LINK>{category.name}</a>
                </li>
            }
        })
        .collect_view();
    let current = current.map(|name| {
        view! {
            <li class="flex items-center gap-2">
                {separator()}
                <span aria-current="page" class="text-slate-700">{name}</span>
            </li>
        }
    });
    view! {
        <nav aria-label=t(lang, HelpKey::Breadcrumbs) class="text-sm print:hidden">
            <ol class="flex flex-wrap items-center gap-2">
                <li>
                    <a href=help_home_path(lang) class=LINK>{t(lang, Key::HelpTitle)}</a>
                </li>
                {crumbs}
                {current}
            </ol>
        </nav>
    }
    .into_any()
}
