//! A list of help articles: title link, excerpt and (optionally) the topic.

use leptos::prelude::*;
use tidings::domain::kb::ArticleSummary;
use tidings::domain::Locale;

use super::styles::{LINK, MUTED};
use crate::help_paths::help_article_path;
use crate::i18n::{t, HelpKey};

#[component]
pub fn HelpArticleList(
    lang: Locale,
    articles: Vec<ArticleSummary>,
    /// Name each article's topic (search results).
    #[prop(optional)]
    show_topic: bool,
) -> impl IntoView {
    let items = articles
        .into_iter()
        .map(|article| {
            let topic = article.category.filter(|_| show_topic).map(|category| {
                view! {
                    <p class=format!("mt-1 {MUTED}")>
                        <span class="sr-only">{t(lang, HelpKey::Topic)} ": "</span>
                        {category.name}
                    </p>
                }
            });
            // An article in another language than the page (a fallback) says so for screen readers.
            let other_lang = (article.lang != lang).then(|| article.lang.as_str());
            view! {
                <li class="py-4">
                    <a href=help_article_path(article.lang, &article.slug) lang=other_lang class=format!("text-base {LINK}")>
                        {article.title}
                    </a>
                    {(!article.excerpt.is_empty()).then(|| view! { <p class="mt-1 text-sm text-slate-700" lang=other_lang>{article.excerpt}</p> })}
                    {topic}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="divide-y divide-slate-200">{items}</ul> }.into_any()
}
