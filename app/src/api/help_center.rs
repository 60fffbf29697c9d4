//! The public help center's data: one server function per page, so a server-rendered page needs one round.
//! Visitors see published articles only (the services decide that); lists ask for published articles even for
//! staff, so the public pages never list drafts.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use tidings::domain::kb::{Article, ArticleSummary, KbCategory, TitleLink};
use tidings::domain::Locale;

use super::AppError;

/// Newest articles on the help center's start page.
pub const NEWEST_ON_HOME: u32 = 8;
/// Articles per page of a topic or of search results.
pub const HELP_PER_PAGE: u32 = 20;
/// Related articles under an article.
pub const RELATED_ARTICLES: u32 = 5;
/// Autocomplete suggestions at most.
pub const SUGGESTIONS: u32 = 6;
/// Categories nest at most this deep (guards against a cycle in stored data).
const MAX_DEPTH: usize = 16;

/// A top-level topic with its subtopics (counts include the subtopics' articles).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HelpTopic {
    pub category: KbCategory,
    pub subtopics: Vec<KbCategory>,
}

/// `/help/:lang`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HelpHome {
    /// Top-level topics that hold at least one published article in the language.
    pub topics: Vec<HelpTopic>,
    pub newest: Vec<ArticleSummary>,
}

/// `/help/:lang/categories/:slug`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HelpCategoryPage {
    pub category: KbCategory,
    /// The categories above it, outermost first.
    pub trail: Vec<KbCategory>,
    pub subtopics: Vec<KbCategory>,
    /// Its published articles and its subtopics', one page.
    pub articles: Vec<ArticleSummary>,
    pub total: u64,
    pub page: u32,
    pub pages: u32,
}

/// `/help/:lang/articles/:slug`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HelpArticlePage {
    pub article: Article,
    /// The article's category and those above it, outermost first (named in the page's language).
    pub trail: Vec<KbCategory>,
    pub related: Vec<ArticleSummary>,
    /// The address's language has no article with this slug; this is the other language's.
    pub fallback: bool,
}

/// `/help/:lang/search?q=`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HelpSearchPage {
    pub q: String,
    pub items: Vec<ArticleSummary>,
    pub total: u64,
    pub page: u32,
    pub pages: u32,
    /// With no results: how many the other language has.
    pub other_lang_total: u64,
}

/// Every category with `article_count` counting its subcategories' articles too.
pub fn with_subtree_counts(categories: &[KbCategory]) -> Vec<KbCategory> {
    fn subtree(all: &[KbCategory], id: &str, depth: usize) -> i64 {
        let own = all.iter().find(|c| c.id == id).map_or(0, |c| c.article_count);
        if depth >= MAX_DEPTH {
            return own;
        }
        own + all
            .iter()
            .filter(|c| c.parent_id.as_deref() == Some(id))
            .map(|c| subtree(all, &c.id, depth + 1))
            .sum::<i64>()
    }
    categories.iter().map(|c| KbCategory { article_count: subtree(categories, &c.id, 0), ..c.clone() }).collect()
}

/// The category with `id` and those above it, outermost first.
pub fn category_trail(categories: &[KbCategory], id: &str) -> Vec<KbCategory> {
    let mut trail = Vec::new();
    let mut next = Some(id.to_string());
    while let Some(id) = next.take().filter(|_| trail.len() < MAX_DEPTH) {
        if let Some(category) = categories.iter().find(|c| c.id == id) {
            next = category.parent_id.clone();
            trail.push(category.clone());
        }
    }
    trail.reverse();
    trail
}

/// The categories directly below `parent` (top level for `None`) that hold published articles.
pub fn children_with_articles(categories: &[KbCategory], parent: Option<&str>) -> Vec<KbCategory> {
    categories.iter().filter(|c| c.parent_id.as_deref() == parent && c.article_count > 0).cloned().collect()
}

/// The error a help page shows as the not-found page (an unknown language in the address).
pub fn unknown_page() -> AppError {
    AppError::new("not_found", "There is no such page.")
}

/// How many help-center pages `total` articles fill (server side only: the server fns count them).
#[cfg(feature = "ssr")]
fn pages_of(total: u64) -> u32 {
    u32::try_from(total.div_ceil(u64::from(HELP_PER_PAGE))).unwrap_or(u32::MAX).max(1)
}

#[server(endpoint = "load_help_home")]
pub async fn load_help_home(lang: Locale) -> Result<HelpHome, AppError> {
    let viewer = super::ssr::actor();
    let services = super::ssr::services()?;
    let categories = with_subtree_counts(&services.list_kb_categories(lang).await?);
    let topics = children_with_articles(&categories, None)
        .into_iter()
        .map(|category| HelpTopic { subtopics: children_with_articles(&categories, Some(&category.id)), category })
        .collect();
    let query = ssr::published(lang, None, None, tidings::service::PageRequest::new(1, NEWEST_ON_HOME));
    let newest = services.list_articles(viewer.as_ref(), query).await?.items;
    Ok(HelpHome { topics, newest })
}

#[server(endpoint = "load_help_category")]
pub async fn load_help_category(lang: Locale, slug: String, page: u32) -> Result<HelpCategoryPage, AppError> {
    let viewer = super::ssr::actor();
    let services = super::ssr::services()?;
    let categories = with_subtree_counts(&services.list_kb_categories(lang).await?);
    let category = categories
        .iter()
        .find(|c| c.slug == slug)
        .cloned()
        .ok_or(tidings::service::ServiceError::NotFound("category"))?;
    let mut trail = category_trail(&categories, &category.id);
    trail.pop();
    let request = tidings::service::PageRequest::new(page, HELP_PER_PAGE);
    let query = ssr::published(lang, None, Some(category.id.clone()), request);
    let listed = services.list_articles(viewer.as_ref(), query).await?;
    Ok(HelpCategoryPage {
        subtopics: children_with_articles(&categories, Some(&category.id)),
        category,
        trail,
        articles: listed.items,
        total: listed.total,
        page: request.page,
        pages: pages_of(listed.total),
    })
}

/// The article page; `count_view` is false when the page is shown again right after a vote.
#[server(endpoint = "load_help_article")]
pub async fn load_help_article(lang: Locale, slug: String, count_view: bool) -> Result<HelpArticlePage, AppError> {
    let viewer = super::ssr::actor();
    let services = super::ssr::services()?;
    let (article, fallback) = ssr::resolve_article(&services, viewer.as_ref(), lang, &slug, count_view).await?;
    let categories = services.list_kb_categories(lang).await?;
    let trail = article.category.as_ref().map(|c| category_trail(&categories, &c.id)).unwrap_or_default();
    let related = services.related_articles(&article, RELATED_ARTICLES).await?;
    Ok(HelpArticlePage { article, trail, related, fallback })
}

#[server(endpoint = "search_help")]
pub async fn search_help(lang: Locale, q: String, page: u32) -> Result<HelpSearchPage, AppError> {
    let viewer = super::ssr::actor();
    let services = super::ssr::services()?;
    let q = q.trim().to_string();
    let request = tidings::service::PageRequest::new(page, HELP_PER_PAGE);
    if q.is_empty() {
        return Ok(HelpSearchPage { q, items: Vec::new(), total: 0, page: 1, pages: 1, other_lang_total: 0 });
    }
    services.limit_public_kb_reads(viewer.as_ref(), &ssr::client_info())?;
    let query = ssr::published(lang, Some(q.clone()), None, request);
    let listed = services.list_articles(viewer.as_ref(), query).await?;
    let other_lang_total = if listed.total == 0 {
        let one = tidings::service::PageRequest::new(1, 1);
        let other = ssr::published(crate::i18n::other_lang(lang), Some(q.clone()), None, one);
        services.list_articles(viewer.as_ref(), other).await?.total
    } else {
        0
    };
    Ok(HelpSearchPage {
        q,
        items: listed.items,
        total: listed.total,
        page: request.page,
        pages: pages_of(listed.total),
        other_lang_total,
    })
}

/// Title autocomplete for the search box.
#[server(endpoint = "suggest_help_articles")]
pub async fn suggest_help_articles(lang: Locale, q: String) -> Result<Vec<TitleLink>, AppError> {
    let viewer = super::ssr::actor();
    let services = super::ssr::services()?;
    if q.trim().chars().count() < 2 {
        return Ok(Vec::new());
    }
    services.limit_public_kb_reads(viewer.as_ref(), &ssr::client_info())?;
    Ok(services.suggest_article_titles(&q, Some(lang), SUGGESTIONS).await?)
}

/// Server-side pieces the server's plain handlers (vote form, sitemap) share with the pages.
#[cfg(feature = "ssr")]
pub mod ssr {
    use tidings::domain::kb::{Article, ArticleStatus};
    use tidings::domain::Locale;
    use tidings::service::{Actor, ArticleQuery, ClientInfo, PageRequest, ServiceError, Services};

    use crate::i18n::other_lang;

    /// Published articles in `lang`, optionally searched or within a category.
    pub fn published(lang: Locale, q: Option<String>, category: Option<String>, page: PageRequest) -> ArticleQuery {
        ArticleQuery { q, category, lang: Some(lang), status: Some(ArticleStatus::Published), page: Some(page) }
    }

    /// The request's client address and agent, as the identity middleware recorded them.
    pub fn client_info() -> ClientInfo {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<ClientInfo>().cloned())
            .unwrap_or_default()
    }

    /// The article an address `/help/{lang}/articles/{slug}` shows, and whether it is a fallback: the article in
    /// `lang`; else, when the slug is the other language's, that article's translation into `lang`; else the
    /// other language's article itself (a fallback). Counts one view of the article shown when `count_view`.
    pub async fn resolve_article(
        services: &Services,
        viewer: Option<&Actor>,
        lang: Locale,
        slug: &str,
        count_view: bool,
    ) -> Result<(Article, bool), ServiceError> {
        match services.article_by_slug(viewer, slug, Some(lang), count_view).await {
            Err(ServiceError::NotFound(_)) => {}
            found => return found.map(|article| (article, false)),
        }
        let other = other_lang(lang);
        let elsewhere = services.article_by_slug(viewer, slug, Some(other), false).await?;
        if let Some(translation) = elsewhere.translations.iter().find(|t| t.lang == lang) {
            match services.article_by_slug(viewer, &translation.slug, Some(lang), count_view).await {
                Err(ServiceError::NotFound(_)) => {}
                found => return found.map(|article| (article, false)),
            }
        }
        if count_view {
            return Ok((services.article_by_slug(viewer, slug, Some(other), true).await?, true));
        }
        Ok((elsewhere, true))
    }
}
