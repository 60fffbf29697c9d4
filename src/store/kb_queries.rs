//! The knowledge base in the store: categories, articles with their versions, votes, images and the search index.
//!
//! The services hand the store text that is already rendered and folded (markdown to sanitised HTML, search text
//! folded by `domain::kb::search_text::fold`), so both backends index exactly the same words.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use std::collections::HashSet;

use super::DbError;
use crate::domain::kb::ArticleStatus;
use crate::domain::Locale;

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct KbCategoryRecord {
    pub id: String,
    pub parent_id: Option<String>,
    /// Unique among all categories.
    pub slug: String,
    /// The English name (and the name for any language without its own).
    pub name: String,
    pub name_de: Option<String>,
    /// Order among siblings, smallest first.
    pub position: i64,
    pub created_at: DateTime<Utc>,
}

/// What the article table holds about an article's content, as written by a save.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleContent {
    pub slug: String,
    pub title: String,
    pub excerpt: String,
    pub body_markdown: String,
    /// Sanitised HTML rendered from `body_markdown`.
    pub body_html: String,
    /// The table of contents as JSON (`Vec<TocEntry>`).
    pub toc_json: String,
    pub category_id: Option<String>,
    /// Lower-case, unique, in the order given.
    pub tags: Vec<String>,
}

/// One message to [`KbStore::replace_search_index`].
#[derive(Clone, Debug)]
pub enum ReindexBatch {
    /// More articles' texts (id, text).
    Articles(Vec<(String, ArticleSearchText)>),
    /// Every article was given: commit the new index.
    Complete,
}

/// The folded words of an article for the search index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleSearchText {
    pub title: String,
    pub tags: String,
    pub body: String,
}

/// A new article (version 1) and who wrote it.
#[derive(Clone, Debug)]
pub struct NewArticleRecord {
    pub id: String,
    /// Shared by an article and its translations.
    pub translation_group: String,
    pub lang: Locale,
    pub status: ArticleStatus,
    pub content: ArticleContent,
    pub search: ArticleSearchText,
    pub author_id: String,
    pub created_at: DateTime<Utc>,
}

/// A save of new content: the article's version goes up by one and the previous content stays in its history.
#[derive(Clone, Debug)]
pub struct ArticleSave {
    /// The version the editor started from; the save is refused (`Ok(None)`) when the article has moved on since.
    pub expected_version: i64,
    pub content: ArticleContent,
    pub search: ArticleSearchText,
    pub author_id: String,
    pub saved_at: DateTime<Utc>,
}

/// A move in the workflow (no new version). `published_at` is set the first time an article is published and kept
/// afterwards; the search index learns the new status in the same transaction, from `search`, the article's
/// current search text (SQLite's index cannot give back what it indexed).
#[derive(Clone, Debug)]
pub struct ArticleStatusChange {
    pub status: ArticleStatus,
    pub published_at: Option<DateTime<Utc>>,
    pub changed_at: DateTime<Utc>,
    pub search: ArticleSearchText,
}

/// An article as stored, with its category's names and its author's name. List queries leave `body_markdown`,
/// `body_html` and `toc_json` empty (see [`KbStore::list_articles`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleRecord {
    pub id: String,
    pub translation_group: String,
    pub lang: Locale,
    pub status: ArticleStatus,
    pub version: i64,
    pub content: ArticleContent,
    pub category_name: Option<String>,
    pub category_name_de: Option<String>,
    pub author_id: String,
    pub author_name: String,
    pub views: i64,
    pub helpful: i64,
    pub not_helpful: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
}

/// One saved version of an article's content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleVersionRecord {
    pub article_id: String,
    pub version: i64,
    pub slug: String,
    pub title: String,
    pub excerpt: String,
    pub body_markdown: String,
    pub category_id: Option<String>,
    pub tags: Vec<String>,
    pub author_id: String,
    pub author_name: String,
    pub created_at: DateTime<Utc>,
}

/// Which articles a list shows, newest change first.
#[derive(Clone, Debug, Default)]
pub struct ArticleFilter {
    /// Empty: every status.
    pub statuses: Vec<ArticleStatus>,
    pub lang: Option<Locale>,
    /// Articles in any of these categories (a category and its descendants); `None`: any category or none.
    pub category_ids: Option<Vec<String>>,
    pub limit: u32,
    pub offset: u64,
}

/// One word of a search and the forms it may take in an article: the word itself (as a prefix when `prefix`), and
/// the corrections or compound parts the services found for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchWord {
    pub forms: Vec<SearchForm>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchForm {
    /// Folded letters and digits only (never query syntax). Several words (a split compound) must all occur.
    pub words: Vec<String>,
    pub prefix: bool,
}

/// A ranked search: articles in which every [`SearchWord`] occurs in one of its forms (or, with `any_word`, at
/// least one). Title matches rank above tag matches above body matches.
#[derive(Clone, Debug)]
pub struct ArticleSearch {
    pub words: Vec<SearchWord>,
    pub any_word: bool,
    /// Search the titles only (autocomplete).
    pub titles_only: bool,
    pub filter: ArticleFilter,
}

/// An image uploaded into an article; its bytes are in the blob store under `blob_key`.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct KbImageRecord {
    pub id: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub blob_key: String,
    pub uploaded_by: String,
    pub created_at: DateTime<Utc>,
}

#[async_trait]
pub trait KbStore: Send + Sync {
    /// A slug taken already: [`DbError::Conflict`]; an unknown parent: [`DbError::MissingReference`].
    async fn insert_kb_category(&self, category: &KbCategoryRecord) -> Result<(), DbError>;
    /// Every category, by position then name.
    async fn list_kb_categories(&self) -> Result<Vec<KbCategoryRecord>, DbError>;
    /// How many published articles in `lang` each category holds directly (categories with none left out).
    async fn count_published_articles(&self, lang: Locale) -> Result<Vec<(String, i64)>, DbError>;

    /// Stores the article, its tags, version 1 in its history, its search row and its words. A slug taken in the
    /// language, or a second article of the same translation group in the language: [`DbError::Conflict`].
    async fn insert_article(&self, article: &NewArticleRecord) -> Result<(), DbError>;
    /// Saves new content as the next version; `Ok(None)` when there is no such article or its version is not
    /// `save.expected_version`.
    async fn save_article(&self, id: &str, save: &ArticleSave) -> Result<Option<i64>, DbError>;
    /// `false` when there is no such article.
    async fn change_article_status(&self, id: &str, change: &ArticleStatusChange) -> Result<bool, DbError>;
    async fn find_article(&self, id: &str) -> Result<Option<ArticleRecord>, DbError>;
    async fn find_article_by_slug(&self, lang: Locale, slug: &str) -> Result<Option<ArticleRecord>, DbError>;
    /// The articles of a translation group (the article itself included), any status, by language.
    async fn list_translations(&self, translation_group: &str) -> Result<Vec<ArticleRecord>, DbError>;
    /// Without bodies; newest `updated_at` first, then id. The total ignores limit and offset.
    async fn list_articles(&self, filter: &ArticleFilter) -> Result<(Vec<ArticleRecord>, u64), DbError>;
    /// Without bodies; best match first. The total ignores limit and offset.
    async fn search_articles(&self, search: &ArticleSearch) -> Result<(Vec<ArticleRecord>, u64), DbError>;
    /// Published articles in `lang` other than `article_id` in the same category or sharing a tag, those sharing
    /// more tags (then the same category) first, at most `limit`; without bodies.
    async fn related_articles(
        &self,
        article_id: &str,
        lang: Locale,
        category_id: Option<&str>,
        tags: &[String],
        limit: u32,
    ) -> Result<Vec<ArticleRecord>, DbError>;
    /// Newest first.
    async fn list_article_versions(&self, article_id: &str) -> Result<Vec<ArticleVersionRecord>, DbError>;
    async fn find_article_version(
        &self,
        article_id: &str,
        version: i64,
    ) -> Result<Option<ArticleVersionRecord>, DbError>;

    /// Adds one to the article's view count.
    async fn record_article_view(&self, article_id: &str) -> Result<(), DbError>;
    /// Records (or changes) the voter's one vote on the article and returns the article's (helpful, not helpful)
    /// counts afterwards, counted from the votes. `None` when there is no such article.
    async fn record_article_vote(
        &self,
        article_id: &str,
        voter_key: &str,
        helpful: bool,
        at: DateTime<Utc>,
    ) -> Result<Option<(i64, i64)>, DbError>;

    /// Which of `words` occur in some article (any status), exactly.
    async fn known_search_words(&self, words: &[String]) -> Result<HashSet<String>, DbError>;
    /// Whether some indexed word starts with `prefix`.
    async fn search_word_prefix_exists(&self, prefix: &str) -> Result<bool, DbError>;
    /// The indexed words starting with `first` whose length in chars is within `min_chars..=max_chars` (typo
    /// candidates), at most `limit`.
    async fn search_words_starting_with(
        &self,
        first: char,
        min_chars: usize,
        max_chars: usize,
        limit: u32,
    ) -> Result<Vec<String>, DbError>;
    /// Whether a migration asked for the search index to be rebuilt (it changed how the index is built): the
    /// server does it when it starts. A reindex ([`Self::replace_search_index`]) answers the request.
    async fn kb_reindex_pending(&self) -> Result<bool, DbError>;
    /// Replaces the whole search index with the texts of every article (id, text), in one transaction: searches
    /// see the old index until it commits (reindexing). The texts arrive in batches while the caller works out the
    /// next ones, and the new index is committed at [`ReindexBatch::Complete`]; a channel closed before it leaves
    /// the old index ([`DbError::Interrupted`]). Every article must be given; on SQLite one left out has no search
    /// row afterwards. Returns how many articles were written.
    async fn replace_search_index(&self, batches: tokio::sync::mpsc::Receiver<ReindexBatch>) -> Result<u64, DbError>;
    /// Every article's id and current content, `limit` at a time after `after_id` by id (for reindexing).
    async fn article_contents_after(
        &self,
        after_id: Option<&str>,
        limit: u32,
    ) -> Result<Vec<(String, ArticleContent)>, DbError>;

    async fn insert_kb_image(&self, image: &KbImageRecord) -> Result<(), DbError>;
    async fn find_kb_image(&self, id: &str) -> Result<Option<KbImageRecord>, DbError>;
}
