//! Around the articles: visitors' "Was this helpful?" votes, images uploaded into articles, the editor's live
//! preview and rebuilding the search index.

use super::secrets::new_id;
use super::{now, Actor, ClientInfo, Download, ServiceError, Services, Upload};
use crate::blob::content_key;
use crate::domain::{authorize, is_allowed, Action, FileKind};
use crate::markdown::{markdown_plain_text, render_markdown};
use crate::store::{ArticleContent, ArticleSearchText, KbImageRecord, ReindexBatch};

use super::kb_articles::article_search_text;
use super::kb_reading::may_read;

/// An image stored for an article, and the markdown that shows it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct KbImage {
    pub id: String,
    pub url: String,
    pub markdown: String,
}

/// The largest image accepted into an article.
pub const MAX_KB_IMAGE_BYTES: u64 = 5 * 1024 * 1024;
/// Articles read (and turned into search text) at a time while reindexing.
const REINDEX_BATCH: u32 = 500;

/// Where anyone downloads an article image. The name only makes the address readable (the id finds the image),
/// so it is cut down to characters that need no escaping in a URL or in markdown.
pub fn kb_image_url(id: &str, file_name: &str) -> String {
    let name: String = file_name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '-' })
        .collect();
    format!("/api/v1/kb/images/{id}/{name}")
}

impl Services {
    /// Records the voter's vote (a later vote replaces their earlier one) and returns the article's counts
    /// (helpful, not helpful). `voter_key` names one visitor: their account, or their visitor cookie.
    pub async fn vote_on_article(
        &self,
        viewer: Option<&Actor>,
        client: &ClientInfo,
        voter_key: &str,
        article_id: &str,
        helpful: bool,
    ) -> Result<(i64, i64), ServiceError> {
        if let Some(ip) = client.ip {
            let key = format!("kb-vote:{ip}");
            let limit = self.inner.settings.kb_votes_per_ip;
            self.inner
                .kb_votes
                .check(&key, limit)
                .map_err(|retry_after_secs| ServiceError::RateLimited { retry_after_secs })?;
            self.inner.kb_votes.record(&key, limit);
        }
        let article = self.store().find_article(article_id).await?.ok_or(ServiceError::NotFound("article"))?;
        if !may_read(viewer, article.status) {
            return Err(ServiceError::NotFound("article"));
        }
        let counts = self.store().record_article_vote(article_id, voter_key, helpful, now()).await?;
        counts.ok_or(ServiceError::NotFound("article"))
    }

    /// Counts a public search or autocomplete against the client's address; 429 past the limit. Staff are not
    /// limited.
    pub fn limit_public_kb_reads(&self, viewer: Option<&Actor>, client: &ClientInfo) -> Result<(), ServiceError> {
        let staff = viewer.is_some_and(|actor| is_allowed(actor.user.role, Action::WriteArticles));
        let Some(ip) = client.ip.filter(|_| !staff) else { return Ok(()) };
        let key = format!("kb-read:{ip}");
        let limit = self.inner.settings.kb_reads_per_ip;
        self.inner
            .kb_reads
            .check(&key, limit)
            .map_err(|retry_after_secs| ServiceError::RateLimited { retry_after_secs })?;
        self.inner.kb_reads.record(&key, limit);
        Ok(())
    }

    /// Sanitised HTML of markdown exactly as an article would show it (the editor's live preview).
    pub fn preview_markdown(&self, actor: &Actor, markdown: &str) -> Result<String, ServiceError> {
        authorize(actor.user.role, Action::WriteArticles)?;
        Ok(render_markdown(markdown).html)
    }

    /// Stores a raster image (PNG, JPEG, GIF, WebP) for use in articles; SVG is refused (it can carry script).
    pub async fn upload_kb_image(&self, actor: &Actor, upload: Upload) -> Result<KbImage, ServiceError> {
        authorize(actor.user.role, Action::WriteArticles)?;
        let mut policy = self.settings().attachments;
        policy.max_bytes = MAX_KB_IMAGE_BYTES;
        let accepted = policy
            .check(&upload.name, &upload.bytes)
            .map_err(|refusal| super::attachments::refused_as(refusal, &upload.name, "image"))?;
        if !accepted.kind.is_raster_image() {
            return Err(ServiceError::UnsupportedMediaType {
                field: "image",
                message: format!("{} is not an image; upload PNG, JPEG, GIF or WebP.", accepted.name),
            });
        }
        let blob_key = self
            .blobs()
            .put(&upload.bytes)
            .await
            .map_err(|err| ServiceError::Internal(format!("storing an article image: {err}")))?;
        debug_assert_eq!(blob_key, content_key(&upload.bytes));
        let record = KbImageRecord {
            id: new_id(),
            file_name: accepted.name.clone(),
            content_type: accepted.content_type().to_string(),
            size_bytes: upload.bytes.len() as i64,
            blob_key,
            uploaded_by: actor.user.id.clone(),
            created_at: now(),
        };
        self.store().insert_kb_image(&record).await?;
        let url = kb_image_url(&record.id, &record.file_name);
        let alt = record.file_name.rsplit_once('.').map_or(record.file_name.as_str(), |(stem, _)| stem).to_string();
        Ok(KbImage { markdown: format!("![{alt}]({url})"), url, id: record.id })
    }

    /// An article image's bytes (public: images are only referenced from articles).
    pub async fn kb_image(&self, id: &str) -> Result<Download, ServiceError> {
        let image = self.store().find_kb_image(id).await?.ok_or(ServiceError::NotFound("image"))?;
        let bytes = self
            .blobs()
            .get(&image.blob_key)
            .await
            .map_err(|err| ServiceError::Internal(format!("reading article image {id}: {err}")))?
            .ok_or_else(|| ServiceError::Internal(format!("article image {id} has no blob")))?;
        Ok(Download {
            inline: FileKind::is_inline_content_type(&image.content_type),
            name: image.file_name,
            content_type: image.content_type,
            bytes,
        })
    }

    /// Rebuilds the search index when a migration asked for it (it changed how the index is built), before the
    /// server serves searches; how many articles were indexed, or `None` when nothing was asked.
    pub async fn reindex_articles_if_pending(&self) -> Result<Option<u64>, ServiceError> {
        if !self.store().kb_reindex_pending().await? {
            return Ok(None);
        }
        Ok(Some(self.reindex_articles().await?))
    }

    /// Rebuilds the search index and word table from every article's stored content (after a change to folding or
    /// the index), replacing the index in one transaction. Returns how many articles were indexed. Three things
    /// overlap: reading a batch, working out the text of the one before on every core, and the database writing
    /// the one before that.
    pub async fn reindex_articles(&self) -> Result<u64, ServiceError> {
        let (texts, batches) = tokio::sync::mpsc::channel(2);
        let read_and_parse = async move {
            let mut after: Option<String> = None;
            let mut working: Option<tokio::task::JoinHandle<Vec<(String, ArticleSearchText)>>> = None;
            loop {
                let batch = self.store().article_contents_after(after.as_deref(), REINDEX_BATCH).await?;
                after = batch.last().map(|(id, _)| id.clone());
                if let Some(done) = working.take() {
                    let parsed =
                        done.await.map_err(|err| ServiceError::Internal(format!("reindexing articles: {err}")))?;
                    if texts.send(ReindexBatch::Articles(parsed)).await.is_err() {
                        // The writer stopped; its error is the one to report.
                        return Ok(());
                    }
                }
                if batch.is_empty() {
                    // Ignored like above: only a writer that stopped is gone.
                    let _ = texts.send(ReindexBatch::Complete).await;
                    return Ok::<(), ServiceError>(());
                }
                working = Some(tokio::task::spawn_blocking(move || search_texts(batch)));
            }
        };
        let (read, written) = tokio::join!(read_and_parse, self.store().replace_search_index(batches));
        // A failed read closes the channel before the end, so the writer kept the old index: report the read.
        read?;
        Ok(written?)
    }
}

/// The search text of each article, split over the machine's cores (parsing markdown is most of a reindex).
fn search_texts(batch: Vec<(String, ArticleContent)>) -> Vec<(String, ArticleSearchText)> {
    let text_of = |(id, content): &(String, ArticleContent)| {
        let plain = markdown_plain_text(&content.body_markdown);
        (id.clone(), article_search_text(&content.title, &content.tags, &plain))
    };
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let share = batch.len().div_ceil(cores).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> =
            batch.chunks(share).map(|part| scope.spawn(move || part.iter().map(text_of).collect::<Vec<_>>())).collect();
        workers
            .into_iter()
            .flat_map(|worker| worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    })
}

/// Who a vote is from: an account, or a visitor known by their visitor cookie (a new visitor gets one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Voter {
    pub key: String,
    /// The visitor cookie value to hand out when the visitor had none.
    pub new_visitor_cookie: Option<String>,
}

/// The name of the cookie that tells one anonymous visitor from another (votes only; it holds nothing else).
pub const VISITOR_COOKIE: &str = "tidings_visitor";
const VISITOR_PREFIX: &str = "v_";

/// The voter behind a request: the signed-in account, else the visitor cookie if it is one we hand out, else a
/// new visitor.
pub fn identify_voter(actor: Option<&Actor>, visitor_cookie: Option<&str>) -> Voter {
    if let Some(actor) = actor {
        return Voter { key: format!("user:{}", actor.user.id), new_visitor_cookie: None };
    }
    let well_formed = |value: &&str| {
        value
            .strip_prefix(VISITOR_PREFIX)
            .is_some_and(|hex| hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
    };
    match visitor_cookie.filter(well_formed) {
        Some(visitor) => Voter { key: format!("visitor:{visitor}"), new_visitor_cookie: None },
        None => {
            let visitor = super::secrets::random_token(VISITOR_PREFIX);
            Voter { key: format!("visitor:{visitor}"), new_visitor_cookie: Some(visitor) }
        }
    }
}
