//! The knowledge-base editor of `/admin/kb`: the article list, one article with its versions, saving, the
//! workflow (review, publish, archive), the live preview and the category tree. Agents write drafts and send them
//! for review; admins publish. The services decide who may do what.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use tidings::domain::kb::{Article, ArticleStatus, ArticleSummary, ArticleVersion, ArticleVersionSummary, KbCategory};
use tidings::domain::Locale;

use super::AppError;

/// Articles per page of the list.
pub const KB_ARTICLES_PER_PAGE: u32 = 25;

/// One page of the staff article list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KbArticlePage {
    pub items: Vec<ArticleSummary>,
    pub total: u64,
    pub page: u32,
    pub pages: u32,
}

/// Articles in every status for staff, newest change first (or by relevance with `q`). Unknown filter values
/// are ignored, so an old bookmark still opens.
#[server(endpoint = "list_kb_articles")]
pub async fn list_kb_articles(
    status: Option<String>,
    lang: Option<String>,
    q: Option<String>,
    page: Option<u32>,
) -> Result<KbArticlePage, AppError> {
    use tidings::service::{ArticleQuery, PageRequest};

    let actor = super::ssr::require_actor()?;
    let page = page.unwrap_or(1).max(1);
    let query = ArticleQuery {
        q: q.map(|q| q.trim().to_string()).filter(|q| !q.is_empty()),
        category: None,
        lang: lang.as_deref().and_then(Locale::parse),
        status: status.as_deref().and_then(ArticleStatus::parse),
        page: Some(PageRequest::new(page, KB_ARTICLES_PER_PAGE)),
    };
    let listed = super::ssr::services()?.list_articles(Some(&actor), query).await?;
    let pages = listed.total.div_ceil(u64::from(KB_ARTICLES_PER_PAGE)).max(1);
    Ok(KbArticlePage {
        items: listed.items,
        total: listed.total,
        page,
        pages: u32::try_from(pages).unwrap_or(u32::MAX),
    })
}

/// Any article by id, in whatever status (the editor).
#[server(endpoint = "load_kb_article")]
pub async fn load_kb_article(id: String) -> Result<Article, AppError> {
    let actor = super::ssr::require_actor()?;
    Ok(super::ssr::services()?.article_for_staff(&actor, &id).await?)
}

/// Creates an article (without `id`) or saves a new version of one. Empty slug: generated from the title for a
/// new article, kept for an existing one. `expected_version` is the version the editor started from (409 if
/// someone saved after it). A new article's editor is where the browser goes next.
#[server(endpoint = "save_kb_article")]
#[allow(clippy::too_many_arguments)]
pub async fn save_kb_article(
    id: Option<String>,
    lang: Option<String>,
    title: String,
    slug: Option<String>,
    category_id: Option<String>,
    tags: Option<String>,
    excerpt: Option<String>,
    original_excerpt: Option<String>,
    body_markdown: String,
    translation_of: Option<String>,
    expected_version: Option<i64>,
) -> Result<Article, AppError> {
    use tidings::service::{ArticleChanges, ArticleInput};

    let actor = super::ssr::require_actor()?;
    let services = super::ssr::services()?;
    let filled = |value: Option<String>| value.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    let tags: Vec<String> =
        tags.unwrap_or_default().split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect();
    match filled(id) {
        None => {
            let input = ArticleInput {
                lang: lang.unwrap_or_default(),
                title,
                slug: filled(slug),
                body_markdown,
                excerpt: filled(excerpt),
                category_id: filled(category_id),
                tags,
                translation_of: filled(translation_of),
                status: None,
            };
            let article = services.create_article(&actor, input).await?;
            leptos_axum::redirect(&format!("/admin/kb/{}?notice=kb_created", article.id));
            Ok(article)
        }
        Some(id) => {
            // An unchanged excerpt is not sent, so a generated one follows the text.
            let excerpt = excerpt.map(|e| e.trim().to_string());
            let excerpt = excerpt.filter(|e| Some(e.as_str()) != original_excerpt.as_deref().map(str::trim));
            let changes = ArticleChanges {
                title: Some(title),
                slug: filled(slug),
                body_markdown: Some(body_markdown),
                excerpt,
                category_id: Some(filled(category_id)),
                tags: Some(tags),
                expected_version,
            };
            Ok(services.update_article(&actor, &id, changes).await?)
        }
    }
}

/// Moves an article through the workflow (send for review, back to draft, publish, unpublish, archive, restore).
#[server(endpoint = "change_kb_article_status")]
pub async fn change_kb_article_status(id: String, to: ArticleStatus) -> Result<Article, AppError> {
    let actor = super::ssr::require_actor()?;
    Ok(super::ssr::services()?.change_article_status(&actor, &id, to).await?)
}

/// The article's saved versions, newest first.
#[server(endpoint = "list_kb_article_versions")]
pub async fn list_kb_article_versions(id: String) -> Result<Vec<ArticleVersionSummary>, AppError> {
    let actor = super::ssr::require_actor()?;
    Ok(super::ssr::services()?.article_versions(&actor, &id).await?)
}

/// One saved version with its diff against the version before.
#[server(endpoint = "load_kb_article_version")]
pub async fn load_kb_article_version(id: String, version: i64) -> Result<ArticleVersion, AppError> {
    let actor = super::ssr::require_actor()?;
    Ok(super::ssr::services()?.article_version(&actor, &id, version).await?)
}

/// Saves an old version's content as the newest version.
#[server(endpoint = "restore_kb_article_version")]
pub async fn restore_kb_article_version(id: String, version: i64) -> Result<Article, AppError> {
    let actor = super::ssr::require_actor()?;
    Ok(super::ssr::services()?.restore_article_version(&actor, &id, version).await?)
}

/// The sanitised HTML of `markdown`, exactly as the help center would show it.
#[server(endpoint = "preview_kb_markdown")]
pub async fn preview_kb_markdown(markdown: String) -> Result<String, AppError> {
    let actor = super::ssr::require_actor()?;
    Ok(super::ssr::services()?.preview_markdown(&actor, &markdown)?)
}

/// Every category, named in `lang`, with the number of articles published in `lang` directly in it.
#[server(endpoint = "load_kb_categories")]
pub async fn load_kb_categories(lang: Locale) -> Result<Vec<KbCategory>, AppError> {
    super::ssr::require_actor()?;
    Ok(super::ssr::services()?.list_kb_categories(lang).await?)
}

/// Adds a category (admins). Empty slug: made from the name; empty parent: a top-level category.
#[server(endpoint = "add_kb_category")]
pub async fn add_kb_category(
    name: String,
    name_de: Option<String>,
    slug: Option<String>,
    parent_id: Option<String>,
) -> Result<KbCategory, AppError> {
    use tidings::service::KbCategoryInput;

    let actor = super::ssr::require_actor()?;
    let filled = |value: Option<String>| value.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    let input = KbCategoryInput {
        name,
        name_de: filled(name_de),
        slug: filled(slug),
        parent_id: filled(parent_id),
        position: None,
    };
    Ok(super::ssr::services()?.create_kb_category(&actor, input).await?)
}
