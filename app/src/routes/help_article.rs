//! `/help/:lang/articles/:slug`: one help article: the way back up, title and dates, table of contents, the
//! sanitised body, tags, related articles, "Was this helpful?" and links to its translations. When the
//! address's language has no article with this slug, the other language's article is shown with a notice, its
//! canonical address pointing at where it really lives. Each render counts a view (not the one right after a
//! vote). An unknown (or unpublished, for visitors) article is the not-found page with HTTP 404.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use tidings::domain::kb::ArticleStatus;
use tidings::domain::Locale;

use crate::api::help_center::{load_help_article, unknown_page, HelpArticlePage};
use crate::components::article_feedback::ArticleFeedback;
use crate::components::article_toc::ArticleToc;
use crate::components::help_article_list::HelpArticleList;
use crate::components::help_head::HelpHead;
use crate::components::help_language_links::HelpLanguageLinks;
use crate::components::kb_breadcrumbs::KbBreadcrumbs;
use crate::components::styles::{CARD, ERROR_TEXT, H1, H2, MUTED};
use crate::format::{date, iso};
use crate::help_paths::{help_article_path, help_vote_path};
use crate::i18n::{app_error_text, fallback_notice, help_lang, t, use_locale, view_count, HelpKey, Key};
use crate::routes::not_found::NotFoundPage;

#[component]
pub fn HelpArticlePage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let lang = params.with(|p| p.get("lang")).and_then(|lang| help_lang(&lang));
        let slug = params.with(|p| p.get("slug")).unwrap_or_default();
        let voted = query.with(|q| q.get("voted")).is_some_and(|voted| voted == "1");
        (lang, slug, voted)
    };
    let article = Resource::new(key, |(lang, slug, voted)| async move {
        let lang = lang.ok_or_else(unknown_page)?;
        load_help_article(lang, slug.clone(), !voted).await.map(|page| (lang, slug, page))
    });
    view! {
        <Transition fallback=move || view! { <p class=MUTED>{t(locale, Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match article.await {
                    Ok((lang, slug, page)) => view! { <ArticleView lang slug page /> }.into_any(),
                    Err(err) if err.code == "not_found" => view! { <NotFoundPage /> }.into_any(),
                    Err(err) => view! { <p role="alert" class=ERROR_TEXT>{app_error_text(locale, &err)}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ArticleView(
    lang: Locale,
    /// The slug in the address; the vote form posts there so the reader comes back to this page (the vote
    /// handler finds the same article, fallback included).
    slug: String,
    page: HelpArticlePage,
) -> impl IntoView {
    let query = use_query_map();
    let voted = query.with_untracked(|q| q.get("voted")).is_some_and(|voted| voted == "1");
    let failed = query.with_untracked(|q| q.get("error")).is_some();
    let HelpArticlePage { article, trail, related, fallback } = page;
    let content_lang = article.lang.as_str();
    let canonical = help_article_path(article.lang, &article.slug);
    // Only real translations: this article and the published versions of it in other languages.
    let alternates: Vec<(&'static str, String)> = if article.translations.is_empty() {
        Vec::new()
    } else {
        std::iter::once((content_lang, canonical.clone()))
            .chain(
                article
                    .translations
                    .iter()
                    .map(|other| (other.lang.as_str(), help_article_path(other.lang, &other.slug))),
            )
            .collect()
    };
    let translations: Vec<(Locale, String)> = article
        .translations
        .iter()
        .filter(|other| other.lang != lang)
        .map(|other| (other.lang, help_article_path(other.lang, &other.slug)))
        .collect();
    let notices = view! {
        {fallback.then(|| view! { <p role="note" class="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">{fallback_notice(lang, article.lang)}</p> })}
        {(article.status != ArticleStatus::Published).then(|| view! { <p role="note" class="rounded-md border border-slate-300 bg-slate-100 px-4 py-3 text-sm text-slate-800">{t(lang, HelpKey::NotPublished)}</p> })}
    }
    .into_any();
    let published = article.published_at.map(|at| {
        view! {
            <span>{t(lang, HelpKey::Published)} " " <time datetime=iso(&at)>{date(&at)}</time></span>
        }
    });
    let tags = (!article.tags.is_empty()).then(|| {
        let items = article
            .tags
            .iter()
            .map(|tag| view! { <li class="rounded-full bg-slate-100 px-3 py-1 text-xs font-medium text-slate-800">{tag.clone()}</li> })
            .collect_view();
        view! {
            <div class="mt-8 flex flex-wrap items-center gap-2">
                <h2 class="text-sm font-semibold text-slate-900">{t(lang, HelpKey::Tags)}</h2>
                <ul class="flex flex-wrap gap-2" lang=content_lang>{items}</ul>
            </div>
        }
        .into_any()
    });
    let related = (!related.is_empty()).then(|| {
        view! {
            <aside aria-labelledby="related-heading" class=format!("{CARD} print:hidden")>
                <h2 id="related-heading" class=H2>{t(lang, HelpKey::Related)}</h2>
                <HelpArticleList lang articles=related />
            </aside>
        }
        .into_any()
    });
    let header = view! {
        <header class="space-y-2">
            <h1 id="article-title" lang=content_lang class=H1>{article.title.clone()}</h1>
            <p class=format!("flex flex-wrap gap-x-4 gap-y-1 {MUTED}")>
                <span>
                    {t(lang, HelpKey::Updated)} " "
                    <time datetime=iso(&article.updated_at)>{date(&article.updated_at)}</time>
                </span>
                {published}
                <span>{view_count(lang, article.views)}</span>
            </p>
            <HelpLanguageLinks lang label=HelpKey::OtherLanguages links=translations />
        </header>
    }
    .into_any();
    let body = view! {
        <div class="mt-6 min-w-0 lg:col-start-1 lg:row-span-2 lg:row-start-1 lg:mt-0">
            <div class="help-article-body" lang=content_lang inner_html=article.body_html></div>
            {tags}
            <ArticleFeedback
                lang
                action=help_vote_path(lang, &slug)
                helpful=article.helpful
                not_helpful=article.not_helpful
                voted
                failed
            />
        </div>
    }
    .into_any();
    view! {
        <HelpHead title=article.title.clone() description=article.excerpt.clone() canonical alternates />
        <div class="mx-auto max-w-5xl space-y-6">
            <KbBreadcrumbs lang trail />
            {notices}
            <article aria-labelledby="article-title">
                {header}
                <div class="mt-6 gap-8 lg:grid lg:grid-cols-[minmax(0,1fr)_16rem] lg:grid-rows-[auto_1fr]">
                    <div class="lg:col-start-2 lg:row-start-1 lg:self-start">
                        <ArticleToc lang toc=article.toc />
                    </div>
                    {body}
                    <div class="mt-8 lg:col-start-2 lg:row-start-2 lg:mt-0 lg:self-start">{related}</div>
                </div>
            </article>
        </div>
    }
}
