//! `/help` and `/help/:lang`: the public help center's start page, where signed-out visitors land: the search
//! box, the topics with their subtopics and article counts, and the newest articles. `/help` speaks the
//! visitor's language; `/help/en` and `/help/de` are the addresses search engines index.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use tidings::domain::Locale;

use crate::api::help_center::{load_help_home, unknown_page, HelpHome, HelpTopic};
use crate::api::AppError;
use crate::components::help_article_list::HelpArticleList;
use crate::components::help_head::HelpHead;
use crate::components::help_language_links::HelpLanguageLinks;
use crate::components::help_search_form::HelpSearchForm;
use crate::components::styles::{CARD, ERROR_TEXT, H1, H2, LINK, MUTED};
use crate::help_paths::{help_home_path, help_topic_path};
use crate::i18n::{app_error_text, article_count, help_lang, other_lang, t, use_locale, HelpKey, Key};
use crate::routes::not_found::NotFoundPage;

/// `/help`: the start page in the visitor's language.
#[component]
pub fn HelpPage() -> impl IntoView {
    let locale = use_locale();
    let home = Resource::new(move || locale, |lang| async move { load_help_home(lang).await.map(|home| (lang, home)) });
    view! { <HelpStart home canonical_root=true /> }
}

/// `/help/:lang`; an unknown language is the not-found page.
#[component]
pub fn HelpLangPage() -> impl IntoView {
    let params = use_params_map();
    let lang = move || params.with(|p| p.get("lang")).and_then(|lang| help_lang(&lang));
    let home = Resource::new(lang, |lang| async move {
        let lang = lang.ok_or_else(unknown_page)?;
        load_help_home(lang).await.map(|home| (lang, home))
    });
    view! { <HelpStart home canonical_root=false /> }
}

#[component]
fn HelpStart(home: Resource<Result<(Locale, HelpHome), AppError>>, canonical_root: bool) -> impl IntoView {
    let locale = use_locale();
    view! {
        <Transition fallback=move || view! { <p class=MUTED>{t(locale, Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match home.await {
                    Ok((lang, home)) => view! { <HomeView lang home canonical_root /> }.into_any(),
                    Err(err) if err.code == "not_found" => view! { <NotFoundPage /> }.into_any(),
                    Err(err) => view! { <p role="alert" class=ERROR_TEXT>{app_error_text(locale, &err)}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn HomeView(lang: Locale, home: HelpHome, canonical_root: bool) -> impl IntoView {
    let canonical = if canonical_root { "/help".to_string() } else { help_home_path(lang) };
    let alternates = vec![
        ("en", help_home_path(Locale::En)),
        ("de", help_home_path(Locale::De)),
        ("x-default", "/help".to_string()),
    ];
    let other = other_lang(lang);
    let HelpHome { topics, newest } = home;
    let newest = if newest.is_empty() {
        view! { <p class=MUTED>{t(lang, Key::HelpArticlesLater)}</p> }.into_any()
    } else {
        view! { <HelpArticleList lang articles=newest /> }.into_any()
    };
    view! {
        <HelpHead
            title=t(lang, Key::HelpTitle).to_string()
            description=t(lang, Key::HelpIntro).to_string()
            canonical
            alternates
        />
        <div class="mx-auto max-w-4xl space-y-10">
            <header class="space-y-3">
                <HelpLanguageLinks lang label=HelpKey::HelpLanguages links=vec![(other, help_home_path(other))] />
                <h1 class=H1>{t(lang, Key::HelpTitle)}</h1>
                <p class="text-base text-slate-700">{t(lang, Key::HelpIntro)}</p>
                <HelpSearchForm lang />
            </header>
            {(!topics.is_empty()).then(|| view! { <TopicGrid lang topics /> }.into_any())}
            <section aria-labelledby="newest-heading" class=CARD>
                <h2 id="newest-heading" class=H2>{t(lang, HelpKey::NewestArticles)}</h2>
                {newest}
            </section>
        </div>
    }
    .into_any()
}

/// The top-level topics as cards, each listing its subtopics.
#[component]
fn TopicGrid(lang: Locale, topics: Vec<HelpTopic>) -> impl IntoView {
    let cards = topics
        .into_iter()
        .map(|topic| {
            let subtopics = (!topic.subtopics.is_empty()).then(|| {
                let items = topic
                    .subtopics
                    .into_iter()
                    .map(|sub| {
                        view! {
                            <li>
                                <a href=help_topic_path(lang, &sub.slug) class=LINK>{sub.name}</a>
                                <span class=MUTED>" (" {article_count(lang, sub.article_count)} ")"</span>
                            </li>
                        }
                    })
                    .collect_view();
                view! { <ul class="mt-3 space-y-1 text-sm">{items}</ul> }
            });
            view! {
                <li class=CARD>
                    <h3 class="text-base font-semibold">
                        <a href=help_topic_path(lang, &topic.category.slug) class=LINK>{topic.category.name}</a>
                    </h3>
                    <p class=format!("mt-1 {MUTED}")>{article_count(lang, topic.category.article_count)}</p>
                    {subtopics}
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="topics-heading">
            <h2 id="topics-heading" class=H2>{t(lang, HelpKey::BrowseTopics)}</h2>
            <ul class="mt-4 grid gap-4 sm:grid-cols-2">{cards}</ul>
        </section>
    }
    .into_any()
}
