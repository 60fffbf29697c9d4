//! Writing articles: create, save (each save a new version), move through the workflow, restore an old version.
//! Agents write drafts and send them for review; admins publish and may change anything (see
//! `domain::kb::workflow`).

use super::secrets::new_id;
use super::{now, Actor, ServiceError, Services};
use crate::domain::kb::search_text::fold;
use crate::domain::kb::slug::{check_slug, slugify};
use crate::domain::kb::{
    check_excerpt, check_status_change, check_tags, check_title, excerpt_from_text, Article, ArticleStatus,
    WorkflowError, MAX_ARTICLE_BYTES,
};
use crate::domain::{authorize, Action, FieldError, Locale};
use crate::markdown::{markdown_plain_text, render_markdown};
use crate::store::{
    ArticleContent, ArticleRecord, ArticleSave, ArticleSearchText, ArticleStatusChange, DbError, NewArticleRecord,
};

/// A new article as submitted.
#[derive(Clone, Debug, Default)]
pub struct ArticleInput {
    /// `en` or `de`.
    pub lang: String,
    pub title: String,
    /// Generated from the title when absent.
    pub slug: Option<String>,
    pub body_markdown: String,
    /// Written from the text when absent or empty.
    pub excerpt: Option<String>,
    pub category_id: Option<String>,
    pub tags: Vec<String>,
    /// The article this one translates (they are linked as one article in two languages).
    pub translation_of: Option<String>,
    /// Where the article starts; draft unless an admin says otherwise.
    pub status: Option<ArticleStatus>,
}

/// Changes to an article's content; `None` leaves a value as it is. Every save is a new version.
#[derive(Clone, Debug, Default)]
pub struct ArticleChanges {
    pub title: Option<String>,
    pub slug: Option<String>,
    pub body_markdown: Option<String>,
    pub excerpt: Option<String>,
    /// `Some(None)` takes the article out of its category.
    pub category_id: Option<Option<String>>,
    pub tags: Option<Vec<String>>,
    /// The version the editor started from: a save over a newer version is refused with 409 instead of losing it.
    pub expected_version: Option<i64>,
}

/// The parts of an article's content as submitted, before rendering.
struct Draft<'a> {
    title: &'a str,
    slug: &'a str,
    excerpt: &'a str,
    body_markdown: &'a str,
    category_id: Option<String>,
    tags: &'a [String],
}

impl Services {
    pub async fn create_article(&self, actor: &Actor, input: ArticleInput) -> Result<Article, ServiceError> {
        authorize(actor.user.role, Action::WriteArticles)?;
        let lang = parse_lang(&input.lang)?;
        let title = check_title(&input.title)?;
        let (slug, generated) = match input.slug.as_deref().filter(|slug| !slug.trim().is_empty()) {
            Some(slug) => (check_slug(slug)?, false),
            None => (slugify(&title), true),
        };
        let translation_group = match &input.translation_of {
            Some(original) => self.find_article_record(original).await?.translation_group,
            None => new_id(),
        };
        self.check_category(input.category_id.as_deref()).await?;
        let mut draft = Draft {
            title: &title,
            slug: &slug,
            excerpt: input.excerpt.as_deref().unwrap_or_default(),
            body_markdown: &input.body_markdown,
            category_id: input.category_id.clone(),
            tags: &input.tags,
        };
        let free_slug = if generated { self.free_slug(lang, &slug).await? } else { slug.clone() };
        draft.slug = &free_slug;
        let (content, search) = render_content(&draft)?;
        let record = NewArticleRecord {
            id: new_id(),
            translation_group,
            lang,
            status: ArticleStatus::Draft,
            content,
            search,
            author_id: actor.user.id.clone(),
            created_at: now(),
        };
        match self.store().insert_article(&record).await {
            Ok(()) => {}
            Err(DbError::Conflict(constraint)) => return Err(self.conflict(lang, &free_slug, &constraint).await),
            Err(err) => return Err(err.into()),
        }
        match input.status.filter(|status| *status != ArticleStatus::Draft) {
            Some(status) => self.change_article_status(actor, &record.id, status).await,
            None => self.article_for_staff(actor, &record.id).await,
        }
    }

    pub async fn update_article(
        &self,
        actor: &Actor,
        id: &str,
        changes: ArticleChanges,
    ) -> Result<Article, ServiceError> {
        authorize(actor.user.role, Action::WriteArticles)?;
        let current = self.find_article_record(id).await?;
        check_may_edit(actor, current.status)?;
        let title = changes.title.as_deref().map(check_title).transpose()?;
        let slug = changes.slug.as_deref().map(check_slug).transpose()?;
        let category_id = changes.category_id.clone().unwrap_or(current.content.category_id.clone());
        if changes.category_id.is_some() {
            self.check_category(category_id.as_deref()).await?;
        }
        let draft = Draft {
            title: title.as_deref().unwrap_or(&current.content.title),
            slug: slug.as_deref().unwrap_or(&current.content.slug),
            excerpt: changes.excerpt.as_deref().unwrap_or(&current.content.excerpt),
            body_markdown: changes.body_markdown.as_deref().unwrap_or(&current.content.body_markdown),
            category_id,
            tags: changes.tags.as_deref().unwrap_or(&current.content.tags),
        };
        let regenerate_excerpt = changes.body_markdown.is_some() && changes.excerpt.is_none() && {
            let rendered_before = render_markdown(&current.content.body_markdown);
            current.content.excerpt == excerpt_from_text(&rendered_before.plain_text)
        };
        let draft = Draft { excerpt: if regenerate_excerpt { "" } else { draft.excerpt }, ..draft };
        self.save_draft(actor, &current, &draft, changes.expected_version).await
    }

    /// Saves an old version's title, excerpt, body, category and tags as a new version (the slug stays, so links
    /// keep working).
    pub async fn restore_article_version(
        &self,
        actor: &Actor,
        id: &str,
        version: i64,
    ) -> Result<Article, ServiceError> {
        authorize(actor.user.role, Action::WriteArticles)?;
        let current = self.find_article_record(id).await?;
        check_may_edit(actor, current.status)?;
        let old = self.store().find_article_version(id, version).await?.ok_or(ServiceError::NotFound("version"))?;
        let category_id = match old.category_id {
            Some(category) if self.check_category(Some(&category)).await.is_ok() => Some(category),
            _ => None,
        };
        let draft = Draft {
            title: &old.title,
            slug: &current.content.slug,
            excerpt: &old.excerpt,
            body_markdown: &old.body_markdown,
            category_id,
            tags: &old.tags,
        };
        self.save_draft(actor, &current, &draft, None).await
    }

    /// Moves an article through the workflow (publish, unpublish, archive, send for review).
    pub async fn change_article_status(
        &self,
        actor: &Actor,
        id: &str,
        to: ArticleStatus,
    ) -> Result<Article, ServiceError> {
        authorize(actor.user.role, Action::WriteArticles)?;
        let current = self.find_article_record(id).await?;
        check_status_change(actor.user.role, current.status, to).map_err(|err| match err {
            WorkflowError::NotAllowed => ServiceError::Forbidden,
            WorkflowError::NoSuchStep => ServiceError::Invalid(FieldError::new(
                "status",
                "invalid_transition",
                format!("An article that is {} cannot become {}.", current.status.as_str(), to.as_str()),
            )),
        })?;
        let at = now();
        let published_at = match to {
            ArticleStatus::Published => current.published_at.or(Some(at)),
            _ => current.published_at,
        };
        let search = article_search_text(
            &current.content.title,
            &current.content.tags,
            &markdown_plain_text(&current.content.body_markdown),
        );
        let change = ArticleStatusChange { status: to, published_at, changed_at: at, search };
        if !self.store().change_article_status(id, &change).await? {
            return Err(ServiceError::NotFound("article"));
        }
        self.article_for_staff(actor, id).await
    }

    async fn save_draft(
        &self,
        actor: &Actor,
        current: &ArticleRecord,
        draft: &Draft<'_>,
        expected_version: Option<i64>,
    ) -> Result<Article, ServiceError> {
        let (content, search) = render_content(draft)?;
        let save = ArticleSave {
            expected_version: expected_version.unwrap_or(current.version),
            content,
            search,
            author_id: actor.user.id.clone(),
            saved_at: now(),
        };
        match self.store().save_article(&current.id, &save).await {
            Ok(Some(_)) => self.article_for_staff(actor, &current.id).await,
            Ok(None) => Err(ServiceError::Conflict {
                code: "version_conflict",
                field: None,
                message: format!(
                    "Someone saved this article after you opened it (you edited version {}). Reload it and make \
                     your changes again.",
                    save.expected_version
                ),
            }),
            Err(DbError::Conflict(constraint)) => Err(self.conflict(current.lang, draft.slug, &constraint).await),
            Err(err) => Err(err.into()),
        }
    }

    pub(super) async fn find_article_record(&self, id: &str) -> Result<ArticleRecord, ServiceError> {
        self.store().find_article(id).await?.ok_or(ServiceError::NotFound("article"))
    }

    /// `slug`, or `slug-2`, `slug-3`… if it is taken in `lang` (for generated slugs only).
    async fn free_slug(&self, lang: Locale, slug: &str) -> Result<String, ServiceError> {
        let mut candidate = slug.to_string();
        for n in 2..100 {
            if self.store().find_article_by_slug(lang, &candidate).await?.is_none() {
                return Ok(candidate);
            }
            candidate = format!("{slug}-{n}");
        }
        Ok(format!("{slug}-{}", new_id()))
    }

    /// 409 naming what is in the way: the article that has the slug, or the translation that exists.
    async fn conflict(&self, lang: Locale, slug: &str, constraint: &str) -> ServiceError {
        if let Ok(Some(holder)) = self.store().find_article_by_slug(lang, slug).await {
            return ServiceError::Conflict {
                code: "slug_taken",
                field: Some("slug"),
                message: format!(
                    "The slug \"{slug}\" is already used in {} by the article \"{}\" (id {}).",
                    lang.native_name(),
                    holder.content.title,
                    holder.id
                ),
            };
        }
        tracing::debug!(constraint, "article conflict without a slug holder");
        ServiceError::Conflict {
            code: "translation_exists",
            field: Some("lang"),
            message: format!("This article already has a {} translation.", lang.native_name()),
        }
    }

    pub(super) async fn check_category(&self, category_id: Option<&str>) -> Result<(), ServiceError> {
        let Some(category_id) = category_id else { return Ok(()) };
        let known = self.store().list_kb_categories().await?.iter().any(|category| category.id == category_id);
        if known {
            Ok(())
        } else {
            Err(ServiceError::Invalid(FieldError::new(
                "category_id",
                "unknown_category",
                format!("There is no category with the id \"{category_id}\"."),
            )))
        }
    }
}

/// `en` or `de`; anything else is 422 on `lang`.
pub(super) fn parse_lang(raw: &str) -> Result<Locale, ServiceError> {
    Locale::ALL.into_iter().find(|locale| locale.as_str() == raw.trim()).ok_or_else(|| {
        ServiceError::Invalid(FieldError::new(
            "lang",
            "unknown_language",
            format!("\"{}\" is not a help-center language; use en or de.", raw.trim()),
        ))
    })
}

/// Agents change drafts and articles in review; published and archived ones only admins.
fn check_may_edit(actor: &Actor, status: ArticleStatus) -> Result<(), ServiceError> {
    if status.agents_may_edit() {
        return Ok(());
    }
    authorize(actor.user.role, Action::PublishArticles).map_err(|_| ServiceError::Forbidden)
}

/// Checks and renders submitted content: the stored HTML and the folded words for the search index.
fn render_content(draft: &Draft<'_>) -> Result<(ArticleContent, ArticleSearchText), ServiceError> {
    if draft.body_markdown.len() > MAX_ARTICLE_BYTES {
        return Err(ServiceError::TooLarge {
            field: "body_markdown",
            message: format!(
                "The article is {} KB; an article can have at most {} KB of text. Split it into several articles.",
                draft.body_markdown.len().div_ceil(1024),
                MAX_ARTICLE_BYTES / 1024
            ),
        });
    }
    let tags = check_tags(draft.tags)?;
    let excerpt = check_excerpt(draft.excerpt)?;
    let rendered = render_markdown(draft.body_markdown);
    let excerpt = if excerpt.is_empty() { excerpt_from_text(&rendered.plain_text) } else { excerpt };
    let toc_json = serde_json::to_string(&rendered.toc).map_err(|err| ServiceError::Internal(err.to_string()))?;
    let search = article_search_text(draft.title, &tags, &rendered.plain_text);
    let content = ArticleContent {
        slug: draft.slug.to_string(),
        title: draft.title.to_string(),
        excerpt,
        body_markdown: draft.body_markdown.to_string(),
        body_html: rendered.html,
        toc_json,
        category_id: draft.category_id.clone(),
        tags,
    };
    Ok((content, search))
}

/// What the search index holds of an article: its title, tags and plain text, folded (case, umlauts, accents).
pub(crate) fn article_search_text(title: &str, tags: &[String], plain_text: &str) -> ArticleSearchText {
    ArticleSearchText { title: fold(title), tags: fold(&tags.join(" ")), body: fold(plain_text) }
}
