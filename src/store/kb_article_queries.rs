//! The knowledge base in the store, written once over `$n` SQL for both backends (see `queries.rs`). What differs
//! (the search index and how a search is run) is in `kb_sqlite_search.rs` and `kb_postgres_search.rs`; the
//! helpers the methods here share are in `kb_shared_queries.rs`.

/// Implements [`KbStore`](crate::store::KbStore) for a backend struct with `reader()`, `writer()`, `begin_write()`
/// and the search functions of its `kb_*_search.rs`: `next_kb_doc_number`, `index_kb_article`,
/// `start_kb_search_rebuild`, `write_kb_search_rows`, `finish_kb_search_rebuild`, `kb_search_count` and
/// `kb_search_page`.
macro_rules! impl_kb_store {
    ($store:ty, $db:ty) => {
        $crate::store::kb_shared_queries::impl_kb_helpers!($store, $db);

        #[async_trait::async_trait]
        impl $crate::store::KbStore for $store {
            async fn insert_kb_category(
                &self,
                category: &$crate::store::KbCategoryRecord,
            ) -> Result<(), $crate::store::DbError> {
                sqlx::query(
                    "INSERT INTO kb_categories (id, parent_id, slug, name, name_de, position, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(&category.id)
                .bind(category.parent_id.as_deref())
                .bind(&category.slug)
                .bind(&category.name)
                .bind(category.name_de.as_deref())
                .bind(category.position)
                .bind(category.created_at)
                .execute(self.writer())
                .await?;
                Ok(())
            }

            async fn list_kb_categories(
                &self,
            ) -> Result<Vec<$crate::store::KbCategoryRecord>, $crate::store::DbError> {
                Ok(sqlx::query_as(
                    "SELECT id, parent_id, slug, name, name_de, position, created_at FROM kb_categories \
                     ORDER BY position, name, id",
                )
                .fetch_all(self.reader())
                .await?)
            }

            async fn count_published_articles(
                &self,
                lang: $crate::domain::Locale,
            ) -> Result<Vec<(String, i64)>, $crate::store::DbError> {
                Ok(sqlx::query_as(
                    "SELECT category_id, COUNT(*) FROM kb_articles \
                     WHERE status = 'published' AND lang = $1 AND category_id IS NOT NULL \
                     GROUP BY category_id ORDER BY category_id",
                )
                .bind(lang.as_str())
                .fetch_all(self.reader())
                .await?)
            }

            async fn insert_article(
                &self,
                article: &$crate::store::NewArticleRecord,
            ) -> Result<(), $crate::store::DbError> {
                let content = &article.content;
                let published_at = article.status.is_public().then_some(article.created_at);
                let mut tx = self.begin_write().await?;
                let doc_number = Self::next_kb_doc_number(&mut tx).await?;
                sqlx::query(
                    "INSERT INTO kb_articles (id, translation_group, lang, slug, title, excerpt, category_id, \
                     status, version, author_id, created_at, updated_at, published_at, doc_number) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10, $10, $11, $12)",
                )
                    .bind(&article.id)
                    .bind(&article.translation_group)
                    .bind(article.lang.as_str())
                    .bind(&content.slug)
                    .bind(&content.title)
                    .bind(&content.excerpt)
                    .bind(content.category_id.as_deref())
                    .bind(article.status.as_str())
                    .bind(&article.author_id)
                    .bind(article.created_at)
                    .bind(published_at)
                    .bind(doc_number)
                    .execute(&mut *tx)
                    .await?;
                Self::write_kb_body(&mut tx, &article.id, content).await?;
                Self::write_kb_version(&mut tx, &article.id, 1, content, &article.author_id, article.created_at)
                    .await?;
                Self::write_kb_tags(&mut tx, &article.id, &content.tags).await?;
                Self::index_kb_article(&mut tx, &article.id, &article.search).await?;
                Self::write_kb_words(&mut tx, &article.search).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn save_article(
                &self,
                id: &str,
                save: &$crate::store::ArticleSave,
            ) -> Result<Option<i64>, $crate::store::DbError> {
                let content = &save.content;
                let mut tx = self.begin_write().await?;
                let done = sqlx::query(
                    "UPDATE kb_articles SET slug = $3, title = $4, excerpt = $5, category_id = $6, updated_at = $7, \
                     version = version + 1 WHERE id = $1 AND version = $2",
                )
                    .bind(id)
                    .bind(save.expected_version)
                    .bind(&content.slug)
                    .bind(&content.title)
                    .bind(&content.excerpt)
                    .bind(content.category_id.as_deref())
                    .bind(save.saved_at)
                    .execute(&mut *tx)
                    .await?;
                if done.rows_affected() == 0 {
                    return Ok(None);
                }
                let version = save.expected_version + 1;
                Self::write_kb_body(&mut tx, id, content).await?;
                Self::write_kb_version(&mut tx, id, version, content, &save.author_id, save.saved_at).await?;
                Self::write_kb_tags(&mut tx, id, &content.tags).await?;
                Self::index_kb_article(&mut tx, id, &save.search).await?;
                Self::write_kb_words(&mut tx, &save.search).await?;
                tx.commit().await?;
                Ok(Some(version))
            }

            async fn change_article_status(
                &self,
                id: &str,
                change: &$crate::store::ArticleStatusChange,
            ) -> Result<bool, $crate::store::DbError> {
                let mut tx = self.begin_write().await?;
                let done = sqlx::query(
                    "UPDATE kb_articles SET status = $2, updated_at = $3, \
                     published_at = COALESCE(published_at, $4) WHERE id = $1",
                )
                .bind(id)
                .bind(change.status.as_str())
                .bind(change.changed_at)
                .bind(change.published_at)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 0 {
                    return Ok(false);
                }
                Self::index_kb_article(&mut tx, id, &change.search).await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn find_article(
                &self,
                id: &str,
            ) -> Result<Option<$crate::store::ArticleRecord>, $crate::store::DbError> {
                use $crate::store::kb_sql::{ARTICLE_COLUMNS, ARTICLE_WITH_BODY_FROM};
                let sql = format!("SELECT {ARTICLE_COLUMNS} FROM {ARTICLE_WITH_BODY_FROM} WHERE a.id = $1");
                let rows = sqlx::query_as(&sql).bind(id).fetch_all(self.reader()).await?;
                Ok(self.kb_records(rows).await?.pop())
            }

            async fn find_article_by_slug(
                &self,
                lang: $crate::domain::Locale,
                slug: &str,
            ) -> Result<Option<$crate::store::ArticleRecord>, $crate::store::DbError> {
                use $crate::store::kb_sql::{ARTICLE_COLUMNS, ARTICLE_WITH_BODY_FROM};
                let sql = format!("SELECT {ARTICLE_COLUMNS} FROM {ARTICLE_WITH_BODY_FROM} WHERE a.lang = $1 AND a.slug = $2");
                let rows = sqlx::query_as(&sql).bind(lang.as_str()).bind(slug).fetch_all(self.reader()).await?;
                Ok(self.kb_records(rows).await?.pop())
            }

            async fn list_translations(
                &self,
                translation_group: &str,
            ) -> Result<Vec<$crate::store::ArticleRecord>, $crate::store::DbError> {
                use $crate::store::kb_sql::{ARTICLE_COLUMNS, ARTICLE_WITH_BODY_FROM};
                let sql = format!(
                    "SELECT {ARTICLE_COLUMNS} FROM {ARTICLE_WITH_BODY_FROM} WHERE a.translation_group = $1 ORDER BY a.lang"
                );
                let rows = sqlx::query_as(&sql).bind(translation_group).fetch_all(self.reader()).await?;
                self.kb_records(rows).await
            }

            async fn list_articles(
                &self,
                filter: &$crate::store::ArticleFilter,
            ) -> Result<(Vec<$crate::store::ArticleRecord>, u64), $crate::store::DbError> {
                use $crate::store::assembled_sql::{bind_all, AssembledSql, BindValue};
                use $crate::store::kb_sql::{
                    filter_conditions, where_clause, ARTICLE_FROM, ARTICLE_SUMMARY_COLUMNS, NEWEST_FIRST,
                };
                let mut count_sql = AssembledSql::default();
                let count_where = where_clause(&filter_conditions(filter, &mut count_sql));
                let count_text = format!("SELECT COUNT(*) FROM kb_articles a {count_where}");
                let total: i64 =
                    bind_all(sqlx::query_scalar(&count_text), &count_sql.binds).fetch_one(self.reader()).await?;
                let mut page_sql = AssembledSql::default();
                let page_where = where_clause(&filter_conditions(filter, &mut page_sql));
                let limit = page_sql.param(BindValue::Int(i64::from(filter.limit)));
                let offset = page_sql.param(BindValue::Int(i64::try_from(filter.offset).unwrap_or(i64::MAX)));
                let page_text = format!(
                    "SELECT {ARTICLE_SUMMARY_COLUMNS} FROM {ARTICLE_FROM} {page_where} ORDER BY {NEWEST_FIRST} \
                     LIMIT {limit} OFFSET {offset}"
                );
                let rows = bind_all(sqlx::query_as(&page_text), &page_sql.binds).fetch_all(self.reader()).await?;
                Ok((self.kb_records(rows).await?, u64::try_from(total).unwrap_or_default()))
            }

            async fn search_articles(
                &self,
                search: &$crate::store::ArticleSearch,
            ) -> Result<(Vec<$crate::store::ArticleRecord>, u64), $crate::store::DbError> {
                use $crate::store::assembled_sql::bind_all;
                use $crate::store::kb_sql::SearchRanking;
                let Some(count) = Self::kb_search_count(search) else {
                    return Ok((Vec::new(), 0));
                };
                // The count and the page read one snapshot, under the backend's search settings.
                let mut session = self.begin_kb_search().await?;
                let total: i64 =
                    bind_all(sqlx::query_scalar(&count.text), &count.sql.binds).fetch_one(&mut *session).await?;
                let total = u64::try_from(total).unwrap_or_default();
                let ranking = SearchRanking::for_matches(total);
                let Some(page) = Self::kb_search_page(search, ranking).filter(|_| total > 0) else {
                    return Ok((Vec::new(), 0));
                };
                let rows = bind_all(sqlx::query_as(&page.text), &page.sql.binds).fetch_all(&mut *session).await?;
                session.commit().await?;
                Ok((self.kb_records(rows).await?, total))
            }

            async fn related_articles(
                &self,
                article_id: &str,
                lang: $crate::domain::Locale,
                category_id: Option<&str>,
                tags: &[String],
                limit: u32,
            ) -> Result<Vec<$crate::store::ArticleRecord>, $crate::store::DbError> {
                self.kb_related_articles(article_id, lang, category_id, tags, limit).await
            }

            async fn list_article_versions(
                &self,
                article_id: &str,
            ) -> Result<Vec<$crate::store::ArticleVersionRecord>, $crate::store::DbError> {
                let sql = format!(
                    "{} WHERE v.article_id = $1 ORDER BY v.version DESC",
                    $crate::store::kb_sql::VERSION_SELECT
                );
                let rows: Vec<$crate::store::kb_sql::VersionRow> =
                    sqlx::query_as(&sql).bind(article_id).fetch_all(self.reader()).await?;
                rows.into_iter().map(|row| row.into_record()).collect()
            }

            async fn find_article_version(
                &self,
                article_id: &str,
                version: i64,
            ) -> Result<Option<$crate::store::ArticleVersionRecord>, $crate::store::DbError> {
                let sql = format!(
                    "{} WHERE v.article_id = $1 AND v.version = $2",
                    $crate::store::kb_sql::VERSION_SELECT
                );
                let row: Option<$crate::store::kb_sql::VersionRow> =
                    sqlx::query_as(&sql).bind(article_id).bind(version).fetch_optional(self.reader()).await?;
                row.map(|row| row.into_record()).transpose()
            }

            async fn record_article_view(&self, article_id: &str) -> Result<(), $crate::store::DbError> {
                sqlx::query("UPDATE kb_articles SET views = views + 1 WHERE id = $1")
                    .bind(article_id)
                    .execute(self.writer())
                    .await?;
                Ok(())
            }

            async fn record_article_vote(
                &self,
                article_id: &str,
                voter_key: &str,
                helpful: bool,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<Option<(i64, i64)>, $crate::store::DbError> {
                self.kb_record_vote(article_id, voter_key, helpful, at).await
            }

            async fn known_search_words(
                &self,
                words: &[String],
            ) -> Result<std::collections::HashSet<String>, $crate::store::DbError> {
                self.kb_known_words(words).await
            }

            async fn search_word_prefix_exists(&self, prefix: &str) -> Result<bool, $crate::store::DbError> {
                self.kb_word_prefix_exists(prefix).await
            }

            async fn search_words_starting_with(
                &self,
                first: char,
                min_chars: usize,
                max_chars: usize,
                limit: u32,
            ) -> Result<Vec<String>, $crate::store::DbError> {
                self.kb_words_starting_with(first, min_chars, max_chars, limit).await
            }

            async fn replace_search_index(
                &self,
                mut batches: tokio::sync::mpsc::Receiver<$crate::store::ReindexBatch>,
            ) -> Result<u64, $crate::store::DbError> {
                use $crate::store::ReindexBatch;
                let mut tx = self.begin_write().await?;
                let rebuild = Self::start_kb_search_rebuild(&mut tx).await?;
                let mut words = std::collections::HashSet::new();
                let mut written = 0u64;
                loop {
                    match batches.recv().await {
                        Some(ReindexBatch::Articles(batch)) => {
                            Self::write_kb_search_rows(&mut tx, &rebuild, &batch).await?;
                            $crate::store::kb_sql::add_indexed_words(&batch, &mut words);
                            written += batch.len() as u64;
                        }
                        Some(ReindexBatch::Complete) => break,
                        // Dropping the transaction rolls it back: the old index stays.
                        None => {
                            return Err($crate::store::DbError::Interrupted(
                                "the articles stopped coming before the end of the reindex".into(),
                            ))
                        }
                    }
                }
                Self::finish_kb_search_rebuild(&mut tx, &rebuild).await?;
                Self::write_kb_word_set(&mut tx, &words.into_iter().collect()).await?;
                sqlx::query("DELETE FROM pending_maintenance WHERE task = 'kb_reindex'").execute(&mut *tx).await?;
                tx.commit().await?;
                Ok(written)
            }

            async fn kb_reindex_pending(&self) -> Result<bool, $crate::store::DbError> {
                let pending: Option<String> =
                    sqlx::query_scalar("SELECT task FROM pending_maintenance WHERE task = 'kb_reindex'")
                        .fetch_optional(self.writer())
                        .await?;
                Ok(pending.is_some())
            }

            async fn article_contents_after(
                &self,
                after_id: Option<&str>,
                limit: u32,
            ) -> Result<Vec<(String, $crate::store::ArticleContent)>, $crate::store::DbError> {
                self.kb_contents_after(after_id, limit).await
            }

            async fn insert_kb_image(
                &self,
                image: &$crate::store::KbImageRecord,
            ) -> Result<(), $crate::store::DbError> {
                sqlx::query(
                    "INSERT INTO kb_images (id, file_name, content_type, size_bytes, blob_key, uploaded_by, \
                     created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(&image.id)
                .bind(&image.file_name)
                .bind(&image.content_type)
                .bind(image.size_bytes)
                .bind(&image.blob_key)
                .bind(&image.uploaded_by)
                .bind(image.created_at)
                .execute(self.writer())
                .await?;
                Ok(())
            }

            async fn find_kb_image(
                &self,
                id: &str,
            ) -> Result<Option<$crate::store::KbImageRecord>, $crate::store::DbError> {
                Ok(sqlx::query_as(
                    "SELECT id, file_name, content_type, size_bytes, blob_key, uploaded_by, created_at \
                     FROM kb_images WHERE id = $1",
                )
                .bind(id)
                .fetch_optional(self.reader())
                .await?)
            }
        }
    };
}

pub(crate) use impl_kb_store;
