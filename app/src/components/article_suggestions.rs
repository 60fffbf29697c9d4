//! Beside a ticket: the published help-center articles that match its subject and first message, each with a
//! button that puts a link to it into the reply at the cursor. The links work without JavaScript; the insert
//! buttons appear once the page is interactive.

use leptos::prelude::*;
use tidings::domain::kb::ArticleSummary;
use wasm_bindgen::JsCast;

use super::styles::{CARD, H2, LINK, MUTED};
use crate::help_paths::help_article_path;
use crate::i18n::{t, use_locale, AgentKey};
use crate::text_edit::insert_into;

/// The reply box the links go into (see `agent_reply_form.rs`).
const REPLY_BODY_ID: &str = "agent-reply-body";

/// The panel, filled from the workspace's own load (no second request while the page hydrates).
#[component]
pub fn ArticleSuggestions(articles: Vec<ArticleSummary>) -> impl IntoView {
    let locale = use_locale();
    let live = RwSignal::new(false);
    Effect::new(move |_| live.set(true));
    let list = if articles.is_empty() {
        view! { <p class=format!("mt-2 {MUTED}")>{t(locale, AgentKey::NoSuggestedArticles)}</p> }.into_any()
    } else {
        view! {
            <ul class="mt-3 space-y-3">
                {articles.into_iter().map(|article| view! { <Suggestion article live /> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class=CARD aria-labelledby="suggested-articles-heading" id="article-suggestions">
            <h2 id="suggested-articles-heading" class=H2>{t(locale, AgentKey::SuggestedArticles)}</h2>
            {list}
        </section>
    }
}

#[component]
fn Suggestion(article: ArticleSummary, live: RwSignal<bool>) -> impl IntoView {
    let locale = use_locale();
    let path = help_article_path(article.lang, &article.slug);
    let title = article.title.clone();
    let insert_link = {
        let (path, title) = (path.clone(), title.clone());
        move |_| {
            let origin = window().location().origin().unwrap_or_default();
            let reply = document()
                .get_element_by_id(REPLY_BODY_ID)
                .and_then(|element| element.dyn_into::<web_sys::HtmlTextAreaElement>().ok());
            if let Some(area) = reply {
                insert_into(&area, &format!("{title}: {origin}{path}"));
            }
        }
    };
    view! {
        <li class="text-sm" data-article-slug=article.slug.clone()>
            <a href=path.clone() target="_blank" rel="noopener" class=LINK>{title.clone()}</a>
            <span class="ml-1 text-xs uppercase text-slate-600">{article.lang.as_str()}</span>
            <p class="mt-0.5 line-clamp-2 text-xs text-slate-600">{article.excerpt.clone()}</p>
            <Show when=move || live.get()>
                <button
                    type="button"
                    class="mt-1 rounded border border-slate-300 bg-white px-2 py-0.5 text-xs font-medium text-slate-800 hover:bg-indigo-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600"
                    on:click=insert_link.clone()
                >
                    {t(locale, AgentKey::InsertArticleLink)}
                    <span class="sr-only">{format!(": {title}")}</span>
                </button>
            </Show>
        </li>
    }
}
