//! Reading the knowledge base. Visitors and customers see published articles only (REST, help center, widget,
//! sitemap, suggestions all come through here); staff see every status.

use super::{Actor, Listed, PageRequest, ServiceError, Services};
use crate::domain::kb::diff::line_diff;
use crate::domain::kb::{Article, ArticleStatus, ArticleSummary, ArticleVersion, ArticleVersionSummary};
use crate::domain::{is_allowed, Action, Locale, NamedRef};
use crate::store::{ArticleFilter, ArticleRecord, ArticleVersionRecord};

use super::kb_views::{article_view, summary_view, translation_view};

/// What a list of articles shows.
#[derive(Clone, Debug, Default)]
pub struct ArticleQuery {
    /// Search text; without it the newest changes come first.
    pub q: Option<String>,
    /// A category id or slug; its subcategories' articles are included.
    pub category: Option<String>,
    pub lang: Option<Locale>,
    /// Staff only; others always get published articles.
    pub status: Option<ArticleStatus>,
    pub page: Option<PageRequest>,
}

impl Services {
    /// A page of articles (searched when `q` is given).
    pub async fn list_articles(
        &self,
        viewer: Option<&Actor>,
        query: ArticleQuery,
    ) -> Result<Listed<ArticleSummary>, ServiceError> {
        let page = query.page.unwrap_or(PageRequest::new(1, PageRequest::DEFAULT_PER_PAGE));
        let Some(statuses) = visible_statuses(viewer, query.status) else {
            return Ok(Listed { items: Vec::new(), total: 0 });
        };
        let filter = ArticleFilter {
            statuses,
            lang: query.lang,
            category_ids: self.category_and_descendants(query.category.as_deref()).await?,
            limit: page.per_page,
            offset: page.offset(),
        };
        let (records, total) = match query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
            Some(q) => self.search_article_records(q, filter, false).await?,
            None => self.store().list_articles(&filter).await?,
        };
        Ok(Listed { items: records.into_iter().map(summary_view).collect(), total })
    }

    /// The article with this slug: in `lang` when given, else in any language (English first). Counts a view when
    /// `count_view`. Not published and the viewer is not staff: not found.
    pub async fn article_by_slug(
        &self,
        viewer: Option<&Actor>,
        slug: &str,
        lang: Option<Locale>,
        count_view: bool,
    ) -> Result<Article, ServiceError> {
        let languages = match lang {
            Some(lang) => vec![lang],
            None => Locale::ALL.to_vec(),
        };
        for lang in languages {
            if let Some(record) = self.store().find_article_by_slug(lang, slug).await? {
                if !may_read(viewer, record.status) {
                    continue;
                }
                if count_view {
                    self.store().record_article_view(&record.id).await?;
                }
                let mut record = record;
                record.views += i64::from(count_view);
                return self.with_translations(viewer, record).await;
            }
        }
        Err(ServiceError::NotFound("article"))
    }

    /// Any article by id, for staff (the editor).
    pub async fn article_for_staff(&self, actor: &Actor, id: &str) -> Result<Article, ServiceError> {
        crate::domain::authorize(actor.user.role, Action::WriteArticles)?;
        let record = self.find_article_record(id).await?;
        self.with_translations(Some(actor), record).await
    }

    /// Up to `limit` published articles in the article's language that share its category or tags.
    pub async fn related_articles(&self, article: &Article, limit: u32) -> Result<Vec<ArticleSummary>, ServiceError> {
        let category_id = article.category.as_ref().map(|category| category.id.as_str());
        let records =
            self.store().related_articles(&article.id, article.lang, category_id, &article.tags, limit).await?;
        Ok(records.into_iter().map(summary_view).collect())
    }

    /// An article's saved versions, newest first (staff).
    pub async fn article_versions(&self, actor: &Actor, id: &str) -> Result<Vec<ArticleVersionSummary>, ServiceError> {
        crate::domain::authorize(actor.user.role, Action::WriteArticles)?;
        self.find_article_record(id).await?;
        let versions = self.store().list_article_versions(id).await?;
        Ok(versions
            .into_iter()
            .map(|version| ArticleVersionSummary {
                version: version.version,
                title: version.title,
                author: NamedRef { id: version.author_id, name: version.author_name },
                created_at: version.created_at,
            })
            .collect())
    }

    /// One saved version and what it changed against the one before (staff).
    pub async fn article_version(&self, actor: &Actor, id: &str, version: i64) -> Result<ArticleVersion, ServiceError> {
        crate::domain::authorize(actor.user.role, Action::WriteArticles)?;
        let store = self.store();
        let this = store.find_article_version(id, version).await?.ok_or(ServiceError::NotFound("version"))?;
        let before = match version {
            1 => None,
            _ => store.find_article_version(id, version - 1).await?,
        };
        let before_text = before.as_ref().map(version_text).unwrap_or_default();
        let diff = line_diff(&before_text, &version_text(&this));
        Ok(ArticleVersion {
            version: this.version,
            slug: this.slug,
            title: this.title,
            excerpt: this.excerpt,
            body_markdown: this.body_markdown,
            tags: this.tags,
            author: NamedRef { id: this.author_id, name: this.author_name },
            created_at: this.created_at,
            diff,
        })
    }

    async fn with_translations(&self, viewer: Option<&Actor>, record: ArticleRecord) -> Result<Article, ServiceError> {
        let translations = self
            .store()
            .list_translations(&record.translation_group)
            .await?
            .iter()
            .filter(|other| other.id != record.id && may_read(viewer, other.status))
            .map(translation_view)
            .collect();
        Ok(article_view(record, translations))
    }
}

/// Whether the viewer may read an article in `status`.
pub(super) fn may_read(viewer: Option<&Actor>, status: ArticleStatus) -> bool {
    status.is_public() || viewer.is_some_and(|actor| is_allowed(actor.user.role, Action::WriteArticles))
}

/// The statuses a list may show: staff what they ask for (every status if nothing, an empty list), others
/// published only. `None` when a visitor asks for another status: they get an empty list, never a draft.
fn visible_statuses(viewer: Option<&Actor>, asked: Option<ArticleStatus>) -> Option<Vec<ArticleStatus>> {
    let staff = viewer.is_some_and(|actor| is_allowed(actor.user.role, Action::WriteArticles));
    match (staff, asked) {
        (true, Some(status)) => Some(vec![status]),
        (true, None) => Some(Vec::new()),
        (false, Some(status)) if !status.is_public() => None,
        (false, _) => Some(vec![ArticleStatus::Published]),
    }
}

/// The text a version diff compares: the fields people edit, one per line, then the body.
fn version_text(version: &ArticleVersionRecord) -> String {
    format!(
        "# {}\nExcerpt: {}\nTags: {}\n\n{}",
        version.title,
        version.excerpt,
        version.tags.join(", "),
        version.body_markdown
    )
}
