//! `/help/:lang/categories/:slug`: one topic of the help center: the way back up, its subtopics and its
//! published articles (the subtopics' included), paged by `?page=N`. An unknown topic is the not-found page.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use tidings::domain::Locale;

use crate::api::help_center::{load_help_category, unknown_page, HelpCategoryPage};
use crate::components::help_article_list::HelpArticleList;
use crate::components::help_head::HelpHead;
use crate::components::help_language_links::HelpLanguageLinks;
use crate::components::help_pager::HelpPager;
use crate::components::help_search_form::HelpSearchForm;
use crate::components::kb_breadcrumbs::KbBreadcrumbs;
use crate::components::styles::{CARD, ERROR_TEXT, H1, H2, LINK, MUTED};
use crate::help_paths::{help_topic_page_path, help_topic_path};
use crate::i18n::{
    app_error_text, article_count, help_lang, other_lang, t, topic_description, use_locale, HelpKey, Key,
};
use crate::routes::not_found::NotFoundPage;

#[component]
pub fn HelpCategoryPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let lang = params.with(|p| p.get("lang")).and_then(|lang| help_lang(&lang));
        let slug = params.with(|p| p.get("slug")).unwrap_or_default();
        let page = query.with(|q| q.get("page")).and_then(|page| page.parse::<u32>().ok()).unwrap_or(1);
        (lang, slug, page)
    };
    let topic = Resource::new(key, |(lang, slug, page)| async move {
        let lang = lang.ok_or_else(unknown_page)?;
        load_help_category(lang, slug, page).await.map(|topic| (lang, topic))
    });
    view! {
        <Transition fallback=move || view! { <p class=MUTED>{t(locale, Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match topic.await {
                    Ok((lang, topic)) => view! { <TopicView lang topic /> }.into_any(),
                    Err(err) if err.code == "not_found" => view! { <NotFoundPage /> }.into_any(),
                    Err(err) => view! { <p role="alert" class=ERROR_TEXT>{app_error_text(locale, &err)}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn TopicView(lang: Locale, topic: HelpCategoryPage) -> impl IntoView {
    let HelpCategoryPage { category, trail, subtopics, articles, total, page, pages } = topic;
    let slug = category.slug.clone();
    let other = other_lang(lang);
    let canonical = help_topic_page_path(lang, &slug, page);
    let alternates = vec![
        ("en", help_topic_page_path(Locale::En, &slug, page)),
        ("de", help_topic_page_path(Locale::De, &slug, page)),
        ("x-default", help_topic_page_path(Locale::En, &slug, page)),
    ];
    let subtopics = (!subtopics.is_empty()).then(|| {
        let items = subtopics
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
        view! {
            <section aria-labelledby="subtopics-heading" class=CARD>
                <h2 id="subtopics-heading" class=H2>{t(lang, HelpKey::Subtopics)}</h2>
                <ul class="mt-3 space-y-1 text-sm">{items}</ul>
            </section>
        }
    });
    let list = if articles.is_empty() {
        view! { <p class=format!("mt-3 {MUTED}")>{t(lang, HelpKey::NoArticlesInTopic)}</p> }.into_any()
    } else {
        view! { <HelpArticleList lang articles /> }.into_any()
    };
    view! {
        <HelpHead
            title=category.name.clone()
            description=topic_description(lang, &category.name, category.article_count)
            canonical
            alternates
        />
        <div class="mx-auto max-w-4xl space-y-6">
            <KbBreadcrumbs lang trail current=category.name.clone() />
            <header class="space-y-2">
                <h1 class=H1>{category.name.clone()}</h1>
                <p class=MUTED>{article_count(lang, i64::try_from(total).unwrap_or(i64::MAX))}</p>
                <HelpLanguageLinks lang label=HelpKey::HelpLanguages links=vec![(other, help_topic_path(other, &slug))] />
            </header>
            <HelpSearchForm lang />
            {subtopics}
            <section aria-labelledby="articles-heading" class=CARD>
                <h2 id="articles-heading" class=H2>{t(lang, HelpKey::Articles)}</h2>
                {list}
                <HelpPager lang page pages href=move |n| help_topic_page_path(lang, &slug, n) />
            </section>
        </div>
    }
    .into_any()
}
