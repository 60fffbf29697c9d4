//! The statements the knowledge-base methods of both backends share (see `kb_article_queries.rs`): rows to
//! records with their tags, the tag, version and word rows an article write adds, votes, related articles and the
//! word list spelling corrections read.

/// The helpers [`impl_kb_store`](super::kb_article_queries::impl_kb_store) uses, as inherent methods.
macro_rules! impl_kb_helpers {
    ($store:ty, $db:ty) => {
        impl $store {
            /// Most values bound in one statement when a list of words or ids is.
            const KB_CHUNK: usize = 500;

            /// The records of these rows, in their order, with their tags (one query for all).
            pub(crate) async fn kb_records(
                &self,
                rows: Vec<$crate::store::kb_sql::ArticleRow>,
            ) -> Result<Vec<$crate::store::ArticleRecord>, $crate::store::DbError> {
                let ids: Vec<String> = rows.iter().map(|row| row.id.clone()).collect();
                let mut tags = self.kb_tags_of(&ids).await?;
                rows.into_iter()
                    .map(|row| {
                        let own = tags.remove(&row.id).unwrap_or_default();
                        row.into_record(own)
                    })
                    .collect()
            }

            /// The tags of each article, in the order their author gave.
            async fn kb_tags_of(
                &self,
                ids: &[String],
            ) -> Result<std::collections::HashMap<String, Vec<String>>, $crate::store::DbError> {
                let mut tags: std::collections::HashMap<String, Vec<String>> = std::collections::HashMap::new();
                for chunk in ids.chunks(Self::KB_CHUNK) {
                    let params: Vec<String> = (1..=chunk.len()).map(|n| format!("${n}")).collect();
                    let sql = format!(
                        "SELECT article_id, tag FROM kb_article_tags WHERE article_id IN ({}) \
                         ORDER BY article_id, position",
                        params.join(", ")
                    );
                    let mut query = sqlx::query_as::<_, (String, String)>(&sql);
                    for id in chunk {
                        query = query.bind(id);
                    }
                    for (id, tag) in query.fetch_all(self.reader()).await? {
                        tags.entry(id).or_default().push(tag);
                    }
                }
                Ok(tags)
            }

            async fn write_kb_version(
                tx: &mut sqlx::Transaction<'static, $db>,
                article_id: &str,
                version: i64,
                content: &$crate::store::ArticleContent,
                author_id: &str,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<(), $crate::store::DbError> {
                let tags_json = serde_json::to_string(&content.tags)
                    .map_err(|err| $crate::store::DbError::Corrupt(format!("article {article_id} tags: {err}")))?;
                sqlx::query(
                    "INSERT INTO kb_article_versions (article_id, version, slug, title, excerpt, body_markdown, \
                     category_id, tags_json, author_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                )
                .bind(article_id)
                .bind(version)
                .bind(&content.slug)
                .bind(&content.title)
                .bind(&content.excerpt)
                .bind(&content.body_markdown)
                .bind(content.category_id.as_deref())
                .bind(tags_json)
                .bind(author_id)
                .bind(at)
                .execute(&mut **tx)
                .await?;
                Ok(())
            }

            /// Replaces the article's tags.
            async fn write_kb_tags(
                tx: &mut sqlx::Transaction<'static, $db>,
                article_id: &str,
                tags: &[String],
            ) -> Result<(), $crate::store::DbError> {
                sqlx::query("DELETE FROM kb_article_tags WHERE article_id = $1")
                    .bind(article_id)
                    .execute(&mut **tx)
                    .await?;
                for (position, tag) in tags.iter().enumerate() {
                    sqlx::query(
                        "INSERT INTO kb_article_tags (article_id, tag, position) VALUES ($1, $2, $3) \
                         ON CONFLICT DO NOTHING",
                    )
                    .bind(article_id)
                    .bind(tag)
                    .bind(position as i64)
                    .execute(&mut **tx)
                    .await?;
                }
                Ok(())
            }

            /// Adds the article's words to the word list (those known already stay as they are).
            /// Writes (or rewrites) an article's body, kept apart from its row (see migration 0014).
            async fn write_kb_body(
                tx: &mut sqlx::Transaction<'static, $db>,
                article_id: &str,
                content: &$crate::store::ArticleContent,
            ) -> Result<(), $crate::store::DbError> {
                sqlx::query(
                    "INSERT INTO kb_article_bodies (article_id, body_markdown, body_html, toc_json) \
                     VALUES ($1, $2, $3, $4) ON CONFLICT (article_id) DO UPDATE SET \
                     body_markdown = excluded.body_markdown, body_html = excluded.body_html, \
                     toc_json = excluded.toc_json",
                )
                .bind(article_id)
                .bind(&content.body_markdown)
                .bind(&content.body_html)
                .bind(&content.toc_json)
                .execute(&mut **tx)
                .await?;
                Ok(())
            }

            async fn write_kb_words(
                tx: &mut sqlx::Transaction<'static, $db>,
                search: &$crate::store::ArticleSearchText,
            ) -> Result<(), $crate::store::DbError> {
                let words = $crate::store::kb_sql::indexed_words(&search.title, &search.tags, &search.body);
                Self::write_kb_word_set(tx, &words).await
            }

            /// Adds these words to the table of every indexed word (typo correction and compounds look there).
            async fn write_kb_word_set(
                tx: &mut sqlx::Transaction<'static, $db>,
                words: &std::collections::BTreeSet<String>,
            ) -> Result<(), $crate::store::DbError> {
                let words: Vec<&String> = words.iter().collect();
                for chunk in words.chunks(Self::KB_CHUNK) {
                    let values: Vec<String> = (1..=chunk.len()).map(|n| format!("(${n})")).collect();
                    let sql =
                        format!("INSERT INTO kb_words (word) VALUES {} ON CONFLICT DO NOTHING", values.join(", "));
                    let mut query = sqlx::query(&sql);
                    for word in chunk {
                        query = query.bind(word);
                    }
                    query.execute(&mut **tx).await?;
                }
                Ok(())
            }

            async fn kb_record_vote(
                &self,
                article_id: &str,
                voter_key: &str,
                helpful: bool,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<Option<(i64, i64)>, $crate::store::DbError> {
                let mut tx = self.begin_write().await?;
                // Locks the article first (and finds out whether there is one), so that on PostgreSQL the count
                // below starts after any other vote on it has committed and sees that vote.
                let found = sqlx::query("UPDATE kb_articles SET helpful = helpful WHERE id = $1")
                    .bind(article_id)
                    .execute(&mut *tx)
                    .await?;
                if found.rows_affected() == 0 {
                    return Ok(None);
                }
                sqlx::query(
                    "INSERT INTO kb_votes (article_id, voter_key, helpful, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $4) ON CONFLICT (article_id, voter_key) \
                     DO UPDATE SET helpful = excluded.helpful, updated_at = excluded.updated_at",
                )
                .bind(article_id)
                .bind(voter_key)
                .bind(helpful)
                .bind(at)
                .execute(&mut *tx)
                .await?;
                let counts: (i64, i64) = sqlx::query_as(
                    "UPDATE kb_articles SET \
                     helpful = (SELECT COUNT(*) FROM kb_votes v WHERE v.article_id = $1 AND v.helpful), \
                     not_helpful = (SELECT COUNT(*) FROM kb_votes v WHERE v.article_id = $1 AND NOT v.helpful) \
                     WHERE id = $1 RETURNING helpful, not_helpful",
                )
                .bind(article_id)
                .fetch_one(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(Some(counts))
            }

            async fn kb_related_articles(
                &self,
                article_id: &str,
                lang: $crate::domain::Locale,
                category_id: Option<&str>,
                tags: &[String],
                limit: u32,
            ) -> Result<Vec<$crate::store::ArticleRecord>, $crate::store::DbError> {
                use $crate::store::kb_sql::{ARTICLE_FROM, ARTICLE_SUMMARY_COLUMNS};
                let tags: Vec<&String> = tags.iter().take(Self::KB_CHUNK).collect();
                if category_id.is_none() && tags.is_empty() || limit == 0 {
                    return Ok(Vec::new());
                }
                // $1 language, $2 the article itself, $3 its category, $4 the limit, then the tags.
                // The candidates come from two index lookups (articles sharing a tag, articles of the category),
                // are ranked on the narrow article row, and only the page is joined to authors and categories.
                // One `category = $3 OR id IN (tagged)` filter instead made PostgreSQL scan every article
                // (185 ms at 20,000 articles).
                let mut candidates = vec![
                    "SELECT s.id, 0 AS shared_tag, 1 AS same_category FROM kb_articles s \
                     WHERE s.category_id = $3 AND s.status = 'published' AND s.lang = $1"
                        .to_string(),
                ];
                if !tags.is_empty() {
                    let tag_params: Vec<String> = (5..5 + tags.len()).map(|n| format!("${n}")).collect();
                    candidates.push(format!(
                        "SELECT g.article_id, 1, 0 FROM kb_article_tags g WHERE g.tag IN ({})",
                        tag_params.join(", ")
                    ));
                }
                let sql = format!(
                    "SELECT {ARTICLE_SUMMARY_COLUMNS} FROM ( \
                         SELECT ranked.id, ranked.shared_tags, ranked.same_category FROM ( \
                             SELECT candidate.id, SUM(candidate.shared_tag) AS shared_tags, \
                                    MAX(candidate.same_category) AS same_category \
                             FROM ({}) candidate GROUP BY candidate.id \
                         ) ranked JOIN kb_articles s ON s.id = ranked.id \
                         WHERE s.status = 'published' AND s.lang = $1 AND s.id <> $2 \
                         ORDER BY ranked.shared_tags DESC, ranked.same_category DESC, s.updated_at DESC, s.id LIMIT $4 \
                     ) best CROSS JOIN {ARTICLE_FROM} WHERE a.id = best.id \
                     ORDER BY best.shared_tags DESC, best.same_category DESC, a.updated_at DESC, a.id",
                    candidates.join(" UNION ALL ")
                );
                let mut query = sqlx::query_as(&sql)
                    .bind(lang.as_str())
                    .bind(article_id)
                    .bind(category_id)
                    .bind(i64::from(limit));
                for tag in tags {
                    query = query.bind(tag);
                }
                let rows = query.fetch_all(self.reader()).await?;
                self.kb_records(rows).await
            }

            async fn kb_known_words(
                &self,
                words: &[String],
            ) -> Result<std::collections::HashSet<String>, $crate::store::DbError> {
                let mut known = std::collections::HashSet::new();
                for chunk in words.chunks(Self::KB_CHUNK) {
                    let params: Vec<String> = (1..=chunk.len()).map(|n| format!("${n}")).collect();
                    let sql = format!("SELECT word FROM kb_words WHERE word IN ({})", params.join(", "));
                    let mut query = sqlx::query_scalar::<_, String>(&sql);
                    for word in chunk {
                        query = query.bind(word);
                    }
                    known.extend(query.fetch_all(self.reader()).await?);
                }
                Ok(known)
            }

            async fn kb_word_prefix_exists(&self, prefix: &str) -> Result<bool, $crate::store::DbError> {
                let found: Option<String> = match $crate::store::kb_sql::prefix_upper_bound(prefix) {
                    Some(upper) => {
                        sqlx::query_scalar("SELECT word FROM kb_words WHERE word >= $1 AND word < $2 LIMIT 1")
                            .bind(prefix)
                            .bind(upper)
                            .fetch_optional(self.reader())
                            .await?
                    }
                    None => {
                        sqlx::query_scalar("SELECT word FROM kb_words WHERE word >= $1 LIMIT 1")
                            .bind(prefix)
                            .fetch_optional(self.reader())
                            .await?
                    }
                };
                Ok(found.is_some())
            }

            async fn kb_words_starting_with(
                &self,
                first: char,
                min_chars: usize,
                max_chars: usize,
                limit: u32,
            ) -> Result<Vec<String>, $crate::store::DbError> {
                let lower = first.to_string();
                let upper = $crate::store::kb_sql::prefix_upper_bound(&lower);
                let below_upper = if upper.is_some() { "word < $2" } else { "$2 IS NULL" };
                let sql = format!(
                    "SELECT word FROM kb_words WHERE word >= $1 AND {below_upper} \
                     AND length(word) BETWEEN $3 AND $4 ORDER BY word LIMIT $5"
                );
                Ok(sqlx::query_scalar(&sql)
                    .bind(lower)
                    .bind(upper)
                    .bind(i64::try_from(min_chars).unwrap_or(i64::MAX))
                    .bind(i64::try_from(max_chars).unwrap_or(i64::MAX))
                    .bind(i64::from(limit))
                    .fetch_all(self.reader())
                    .await?)
            }

            async fn kb_contents_after(
                &self,
                after_id: Option<&str>,
                limit: u32,
            ) -> Result<Vec<(String, $crate::store::ArticleContent)>, $crate::store::DbError> {
                type Row = (String, String, String, String, String, String, String, Option<String>);
                let after = if after_id.is_some() { "WHERE a.id > $1" } else { "WHERE $1 IS NULL" };
                let sql = format!(
                    "SELECT a.id, a.slug, a.title, a.excerpt, b.body_markdown, b.body_html, b.toc_json, a.category_id \
                     FROM kb_articles a JOIN kb_article_bodies b ON b.article_id = a.id {after} ORDER BY a.id LIMIT $2"
                );
                let rows: Vec<Row> =
                    sqlx::query_as(&sql).bind(after_id).bind(i64::from(limit)).fetch_all(self.reader()).await?;
                let ids: Vec<String> = rows.iter().map(|row| row.0.clone()).collect();
                let mut tags = self.kb_tags_of(&ids).await?;
                Ok(rows
                    .into_iter()
                    .map(|(id, slug, title, excerpt, body_markdown, body_html, toc_json, category_id)| {
                        let content = $crate::store::ArticleContent {
                            slug,
                            title,
                            excerpt,
                            body_markdown,
                            body_html,
                            toc_json,
                            category_id,
                            tags: tags.remove(&id).unwrap_or_default(),
                        };
                        (id, content)
                    })
                    .collect())
            }
        }
    };
}

pub(crate) use impl_kb_helpers;
