//! Articles and categories as clients see them: the REST shapes of shared/API.md, also used by the UI.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::diff::DiffLine;
use super::{ArticleStatus, TocEntry};
use crate::domain::{Locale, NamedRef};

/// An article with its body: `{id, slug, lang, title, body_markdown, body_html, excerpt, category{id,name}|null,
/// tags[], status, version, views, helpful, not_helpful, updated_at, published_at}` plus the table of contents, the
/// author and the translations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Article {
    pub id: String,
    pub slug: String,
    pub lang: Locale,
    pub title: String,
    pub body_markdown: String,
    /// Rendered from the markdown and sanitised: no scripts, event handlers or `javascript:` links.
    pub body_html: String,
    pub excerpt: String,
    pub category: Option<NamedRef>,
    pub tags: Vec<String>,
    pub status: ArticleStatus,
    pub version: i64,
    pub views: i64,
    pub helpful: i64,
    pub not_helpful: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
    /// The h2 and h3 headings, with the ids they carry in `body_html`.
    pub toc: Vec<TocEntry>,
    pub author: NamedRef,
    /// The same article in the other languages (those the asker may see).
    pub translations: Vec<ArticleTranslation>,
}

/// An article in a list or search result: the Article without its body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ArticleSummary {
    pub id: String,
    pub slug: String,
    pub lang: Locale,
    pub title: String,
    pub excerpt: String,
    pub category: Option<NamedRef>,
    pub tags: Vec<String>,
    pub status: ArticleStatus,
    pub version: i64,
    pub views: i64,
    pub helpful: i64,
    pub not_helpful: i64,
    pub updated_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
}

/// Where the same article lives in another language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ArticleTranslation {
    pub id: String,
    pub lang: Locale,
    pub slug: String,
    pub title: String,
    pub status: ArticleStatus,
}

/// A category of the tree: `{id, name, slug, parent_id}`, named in the language asked for, with the number of
/// published articles in that language directly in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct KbCategory {
    pub id: String,
    pub name: String,
    pub slug: String,
    pub parent_id: Option<String>,
    pub position: i64,
    pub article_count: i64,
}

/// An autocomplete answer: `{slug, title}` (and the language, for the link).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TitleLink {
    pub slug: String,
    pub title: String,
    pub lang: Locale,
}

/// A line of an article's version history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ArticleVersionSummary {
    pub version: i64,
    pub title: String,
    pub author: NamedRef,
    pub created_at: DateTime<Utc>,
}

/// One saved version with what changed against the version before it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ArticleVersion {
    pub version: i64,
    pub slug: String,
    pub title: String,
    pub excerpt: String,
    pub body_markdown: String,
    pub tags: Vec<String>,
    pub author: NamedRef,
    pub created_at: DateTime<Utc>,
    /// Title, excerpt, tags and body against the previous version (all added for version 1).
    #[cfg_attr(feature = "server", schema(value_type = Vec<Object>))]
    pub diff: Vec<DiffLine>,
}

impl From<&Article> for ArticleSummary {
    fn from(article: &Article) -> Self {
        ArticleSummary {
            id: article.id.clone(),
            slug: article.slug.clone(),
            lang: article.lang,
            title: article.title.clone(),
            excerpt: article.excerpt.clone(),
            category: article.category.clone(),
            tags: article.tags.clone(),
            status: article.status,
            version: article.version,
            views: article.views,
            helpful: article.helpful,
            not_helpful: article.not_helpful,
            updated_at: article.updated_at,
            published_at: article.published_at,
        }
    }
}
