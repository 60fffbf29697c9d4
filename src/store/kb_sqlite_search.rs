//! SQLite's knowledge-base search: the FTS5 table `kb_search` (contentless, deletable), one row per article under its
//! `doc_number`. Besides the folded title, tags and body each row has a `scope` column with tokens for the article's
//! status and language (`s_published l_de`), so the filter of a customer's search is part of the one index lookup:
//! `scope : "s_published" AND scope : "l_de" AND {title tags body} : (…)`. An FTS5 match combined with a filter
//! outside the index can be pathologically slow; inside it, it is one more term.
//!
//! The store writes the rows itself (as for tickets, see `sqlite_search.rs`: a trigger's write runs in a statement
//! savepoint where FTS5 flushes on every row). A contentless row cannot be read back, so a status change is handed
//! the article's search text again and rewrites the row with its new scope.

use std::collections::HashMap;

use sqlx::{Sqlite, Transaction};

use super::assembled_sql::{AssembledSql, BindValue};
use super::kb_queries::{ArticleFilter, ArticleSearch, ArticleSearchText};
use super::kb_sql::{
    category_condition, search_query, searchable_words, word_query, QuerySyntax, SearchRanking, SearchStatement,
    ARTICLE_FROM, ARTICLE_SUMMARY_COLUMNS,
};
use super::sqlite::SqliteStore;
use super::DbError;
use crate::domain::kb::ArticleStatus;
use crate::domain::Locale;

/// Search rows written by one statement when the index is rebuilt (more makes binding parameters by name the cost).
const REBUILD_ROWS_PER_STATEMENT: usize = 50;

/// `($1, $2), ($3, $4)`: the VALUES of `rows` rows of `columns` parameters each.
fn values_rows(rows: usize, columns: usize) -> String {
    (0..rows)
        .map(|row| {
            let params: Vec<String> = (1..=columns).map(|column| format!("${}", row * columns + column)).collect();
            format!("({})", params.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The scope tokens of an article: its status and its language.
fn scope_tokens(status: &str, lang: &str) -> String {
    format!("s_{status} l_{lang}")
}

/// The part of an FTS5 query that keeps to the filter's statuses and language, if it names any.
fn scope_query(filter: &ArticleFilter) -> Option<String> {
    let mut statuses: Vec<&'static str> =
        filter.statuses.iter().map(|status: &ArticleStatus| status.as_str()).collect();
    statuses.sort_unstable();
    statuses.dedup();
    let mut parts = Vec::new();
    if !statuses.is_empty() {
        let tokens: Vec<String> = statuses.iter().map(|status| format!("\"s_{status}\"")).collect();
        parts.push(format!("scope : ({})", tokens.join(" OR ")));
    }
    if let Some(lang) = filter.lang {
        parts.push(format!("scope : \"l_{}\"", Locale::as_str(lang)));
    }
    (!parts.is_empty()).then(|| parts.join(" AND "))
}

/// A word as an FTS5 string (letters and digits only, so the quotes are all the escaping it needs).
fn fts_word(word: &str, prefix: bool) -> String {
    format!("\"{word}\"{}", if prefix { "*" } else { "" })
}

const FTS_SYNTAX: QuerySyntax<'static> = QuerySyntax { and: " AND ", or: " OR ", word: &fts_word };

/// The FTS5 queries of a search: the whole search, and one per word for its title only (to rank articles by how
/// many of the words their title holds). `None` when nothing can match.
fn fts_queries(search: &ArticleSearch) -> Option<(String, Vec<String>)> {
    let words = searchable_words(&search.words, search.any_word)?;
    let scope = scope_query(&search.filter);
    let scoped = |query: String| match &scope {
        Some(scope) => format!("{scope} AND {query}"),
        None => query,
    };
    let columns = if search.titles_only { "title" } else { "{title tags body}" };
    let whole = scoped(format!("{columns} : {}", search_query(&words, search.any_word, &FTS_SYNTAX)));
    let per_word_titles = if words.len() > 1 || !search.titles_only {
        words.iter().map(|forms| scoped(format!("title : {}", word_query(forms, &FTS_SYNTAX)))).collect()
    } else {
        Vec::new()
    };
    Some((whole, per_word_titles))
}

impl SqliteStore {
    /// The next search row id (writes are serialised, so MAX + 1 is free).
    pub(crate) async fn next_kb_doc_number(tx: &mut Transaction<'static, Sqlite>) -> Result<i64, DbError> {
        Ok(sqlx::query_scalar("SELECT COALESCE(MAX(doc_number), 0) + 1 FROM kb_articles").fetch_one(&mut **tx).await?)
    }

    /// Rewrites the article's search row after its row changed (its text, or only its status).
    pub(crate) async fn index_kb_article(
        tx: &mut Transaction<'static, Sqlite>,
        article_id: &str,
        search: &ArticleSearchText,
    ) -> Result<(), DbError> {
        let Some((doc_number, status, lang)): Option<(i64, String, String)> =
            sqlx::query_as("SELECT doc_number, status, lang FROM kb_articles WHERE id = $1")
                .bind(article_id)
                .fetch_optional(&mut **tx)
                .await?
        else {
            return Ok(());
        };
        // A new article has no row yet; deleting nothing is harmless.
        sqlx::query("DELETE FROM kb_search WHERE rowid = $1").bind(doc_number).execute(&mut **tx).await?;
        sqlx::query("INSERT INTO kb_search (rowid, scope, title, tags, body) VALUES ($1, $2, $3, $4, $5)")
            .bind(doc_number)
            .bind(scope_tokens(&status, &lang))
            .bind(&search.title)
            .bind(&search.tags)
            .bind(&search.body)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// The read transaction a search's count and page run in, so both see one snapshot of the index.
    pub(crate) async fn begin_kb_search(&self) -> Result<Transaction<'static, Sqlite>, DbError> {
        Ok(self.reader().begin().await?)
    }

    /// Empties the index before every article's row is written again ([`Self::write_kb_search_rows`]), and
    /// answers each article's row number and scope tokens. Deleting rows one by one from a large FTS5 index sets
    /// off segment merges on every delete (about 800 articles/s at 14,000 articles); `delete-all` and then
    /// inserting in one transaction writes each segment once.
    pub(crate) async fn start_kb_search_rebuild(
        tx: &mut Transaction<'static, Sqlite>,
    ) -> Result<HashMap<String, (i64, String)>, DbError> {
        let scopes: Vec<(String, i64, String, String)> =
            sqlx::query_as("SELECT id, doc_number, status, lang FROM kb_articles").fetch_all(&mut **tx).await?;
        sqlx::query("INSERT INTO kb_search (kb_search) VALUES ('delete-all')").execute(&mut **tx).await?;
        Ok(scopes
            .into_iter()
            .map(|(id, doc_number, status, lang)| (id, (doc_number, scope_tokens(&status, &lang))))
            .collect())
    }

    /// Writes the search rows of these articles (after [`Self::start_kb_search_rebuild`]).
    pub(crate) async fn write_kb_search_rows(
        tx: &mut Transaction<'static, Sqlite>,
        scopes: &HashMap<String, (i64, String)>,
        articles: &[(String, ArticleSearchText)],
    ) -> Result<(), DbError> {
        let rows: Vec<(i64, &str, &ArticleSearchText)> = articles
            .iter()
            .filter_map(|(id, text)| scopes.get(id).map(|(doc_number, scope)| (*doc_number, scope.as_str(), text)))
            .collect();
        // Many rows a statement: a statement per row spent more time handing it to the database thread than
        // indexing it.
        for chunk in rows.chunks(REBUILD_ROWS_PER_STATEMENT) {
            let search_sql = format!(
                "INSERT INTO kb_search (rowid, scope, title, tags, body) VALUES {}",
                values_rows(chunk.len(), 5)
            );
            let mut search = sqlx::query(&search_sql);
            for (doc_number, scope, text) in chunk {
                search = search.bind(doc_number).bind(*scope).bind(&text.title).bind(&text.tags).bind(&text.body);
            }
            search.execute(&mut **tx).await?;
        }
        Ok(())
    }

    /// Nothing to finish: the rows went into the live index, which the commit shows.
    pub(crate) async fn finish_kb_search_rebuild(
        _tx: &mut Transaction<'static, Sqlite>,
        _scopes: &HashMap<String, (i64, String)>,
    ) -> Result<(), DbError> {
        Ok(())
    }

    /// The count of all the search's matches. Without a category filter it never leaves the index.
    pub(crate) fn kb_search_count(search: &ArticleSearch) -> Option<SearchStatement> {
        let (whole, _) = fts_queries(search)?;
        let mut sql = AssembledSql::default();
        let whole_param = sql.text(&whole);
        let text = match category_condition(&search.filter, &mut sql) {
            None => format!("SELECT COUNT(*) FROM kb_search WHERE kb_search MATCH {whole_param}"),
            Some(category) => format!(
                "SELECT COUNT(*) FROM kb_search CROSS JOIN kb_articles a \
                 WHERE kb_search MATCH {whole_param} AND a.doc_number = kb_search.rowid AND {category}"
            ),
        };
        Some(SearchStatement { sql, text })
    }

    /// A page of the search's matches. Ranks by how many words the title holds, then (with
    /// [`SearchRanking::Relevance`]) bm25 with title over tags over body (the scope column weighs nothing), then
    /// newest article first. Without a category filter the page is cut inside the index and only its rows are
    /// joined to the articles: joining every hit first cost 15-35 ms on a word found in 6,000 of 14,000 articles.
    /// A category filter lives on the article, so then every hit is joined before the cut.
    pub(crate) fn kb_search_page(search: &ArticleSearch, ranking: SearchRanking) -> Option<SearchStatement> {
        let (whole, per_word_titles) = fts_queries(search)?;
        let mut sql = AssembledSql::default();
        let whole_param = sql.text(&whole);
        let title_hits: Vec<String> = per_word_titles
            .iter()
            .map(|query| format!("(rowid IN (SELECT rowid FROM kb_search({})))", sql.text(query)))
            .collect();
        let title_hits = if title_hits.is_empty() { "0".to_string() } else { title_hits.join(" + ") };
        let score = match ranking {
            SearchRanking::Relevance => "bm25(kb_search, 0.0, 10.0, 4.0, 1.0)",
            SearchRanking::TitleThenNewest => "0.0",
        };
        let hits = format!(
            "SELECT rowid AS doc_number, {score} AS score, {title_hits} AS title_hits \
             FROM kb_search WHERE kb_search MATCH {whole_param}"
        );
        const RANKED: &str = "hits.title_hits DESC, hits.score, hits.doc_number DESC";
        let category = category_condition(&search.filter, &mut sql);
        let limit = sql.param(BindValue::Int(i64::from(search.filter.limit)));
        let offset = sql.param(BindValue::Int(i64::try_from(search.filter.offset).unwrap_or(i64::MAX)));
        let text = match category {
            None => format!(
                "SELECT {ARTICLE_SUMMARY_COLUMNS} FROM ( \
                     SELECT * FROM ({hits}) hits ORDER BY {RANKED} LIMIT {limit} OFFSET {offset} \
                 ) hits CROSS JOIN {ARTICLE_FROM} WHERE a.doc_number = hits.doc_number ORDER BY {RANKED}"
            ),
            Some(category) => format!(
                "SELECT {ARTICLE_SUMMARY_COLUMNS} FROM ({hits}) hits CROSS JOIN {ARTICLE_FROM} \
                 WHERE a.doc_number = hits.doc_number AND {category} ORDER BY {RANKED} LIMIT {limit} OFFSET {offset}"
            ),
        };
        Some(SearchStatement { sql, text })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{SearchForm, SearchWord};

    fn word(forms: &[(&str, bool)]) -> SearchWord {
        SearchWord {
            forms: forms
                .iter()
                .map(|(text, prefix)| SearchForm { words: vec![text.to_string()], prefix: *prefix })
                .collect(),
        }
    }

    #[test]
    fn a_public_search_filters_inside_the_index() {
        let search = ArticleSearch {
            words: vec![word(&[("passwort", false)]), word(&[("zuru", true)])],
            any_word: false,
            titles_only: false,
            filter: ArticleFilter {
                statuses: vec![ArticleStatus::Published],
                lang: Some(Locale::De),
                ..ArticleFilter::default()
            },
        };
        let (whole, titles) = fts_queries(&search).unwrap();
        assert_eq!(
            whole,
            "scope : (\"s_published\") AND scope : \"l_de\" AND {title tags body} : (((\"passwort\")) AND ((\"zuru\"*)))"
        );
        assert_eq!(titles[1], "scope : (\"s_published\") AND scope : \"l_de\" AND title : ((\"zuru\"*))");
    }
}
