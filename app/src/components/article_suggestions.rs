//! Beside a ticket: the published help-center articles that match its subject and first message, each with a
//! button that puts a link to it into the reply at the cursor. The links work without JavaScript; the insert
//! buttons appear once the page is interactive.

use leptos::prelude::*;
use tidings::domain::kb::ArticleSummary;
use wasm_bindgen::JsCast;

use super::styles::{CARD, H2, LINK, MUTED};
use crate::api::article_suggestions::load_article_suggestions;
use crate::i18n::{app_error_text, t, use_locale, AgentKey, Key};
use crate::text_edit::insert_into;

/// The reply box the links go into (see `agent_reply_form.rs`).
const REPLY_BODY_ID: &str = "agent-reply-body";

/// Where an article lives in the public help center.
pub fn help_article_path(article: &ArticleSummary) -> String {
    format!("/help/{}/articles/{}", article.lang.as_str(), article.slug)
}

#[component]
pub fn ArticleSuggestions(ticket_id: String) -> impl IntoView {
    let locale = use_locale();
    let suggestions = Resource::new(move || ticket_id.clone(), load_article_suggestions);
    let live = RwSignal::new(false);
    Effect::new(move |_| live.set(true));
    view! {
        <section class=CARD aria-labelledby="suggested-articles-heading" id="article-suggestions">
            <h2 id="suggested-articles-heading" class=H2>{t(locale, AgentKey::SuggestedArticles)}</h2>
            <Transition fallback=move || view! { <p class=MUTED>{t(locale, Key::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match suggestions.await {
                        Ok(articles) if articles.is_empty() => {
                            view! { <p class=format!("mt-2 {MUTED}")>{t(locale, AgentKey::NoSuggestedArticles)}</p> }
                                .into_any()
                        }
                        Ok(articles) => view! {
                            <ul class="mt-3 space-y-3">
                                {articles.into_iter().map(|article| view! { <Suggestion article live /> }).collect_view()}
                            </ul>
                        }
                        .into_any(),
                        Err(err) => view! { <p role="alert" class="mt-2 text-sm text-red-700">{app_error_text(locale, &err)}</p> }
                            .into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Suggestion(article: ArticleSummary, live: RwSignal<bool>) -> impl IntoView {
    let locale = use_locale();
    let path = help_article_path(&article);
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
