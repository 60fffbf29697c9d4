//! PostgreSQL's knowledge-base search: the table `kb_search`, one narrow row per article (migration 0020) with
//! copies of its status and language, `title_vector` (the folded title) and `search_vector` (the folded title,
//! weight A, tags, B, and body, C), under a GIN index on each. The store writes the row with the article, from
//! the text the services folded (in binary: `kb_postgres_vector`); a status change writes it again.
//!
//! A search is a `tsquery` literal of the folded words as quoted lexemes (`'passwort':*`), bound as a parameter,
//! and runs with sequential scans priced out ([`PostgresStore::begin_kb_search`]). Titles-only searches and the
//! count of title words a hit holds use `title_vector`, which is stored inline: the whole vector lives out of line
//! and is read only to rank by relevance.

use sqlx::{Postgres, Transaction};

use super::assembled_sql::{AssembledSql, BindValue};
use super::kb_postgres_vector::{push_quoted, TsVector};
use super::kb_queries::{ArticleSearch, ArticleSearchText};
use super::kb_sql::{
    category_condition, scope_conditions, search_query, searchable_words, where_clause, word_query, QuerySyntax,
    SearchRanking, SearchStatement, ARTICLE_FROM, ARTICLE_SUMMARY_COLUMNS,
};
use super::postgres::PostgresStore;
use super::DbError;

/// A word as a tsquery lexeme: quoted (it holds letters and digits only), `:*` for a prefix.
fn lexeme(word: &str, prefix: bool) -> String {
    let mut lexeme = String::with_capacity(word.len() + 4);
    push_quoted(&mut lexeme, word);
    if prefix {
        lexeme.push_str(":*");
    }
    lexeme
}

const LEXEMES: QuerySyntax<'static> = QuerySyntax { and: " & ", or: " | ", word: &lexeme };

/// The tsqueries of a search: the whole search, and one per word (matched against titles, to rank articles by how
/// many of the words their title holds). `None` when nothing can match.
fn tsqueries(search: &ArticleSearch) -> Option<(String, Vec<String>)> {
    let words = searchable_words(&search.words, search.any_word)?;
    let whole = search_query(&words, search.any_word, &LEXEMES);
    let per_word_titles = if words.len() > 1 || !search.titles_only {
        words.iter().map(|forms| word_query(forms, &LEXEMES)).collect()
    } else {
        Vec::new()
    };
    Some((whole, per_word_titles))
}

/// The upsert of an article's search row from `texts(id, title_vector, search_vector)`, a row source named in `from`
/// whose vectors are [`TsVector`]s.
fn upsert_search_rows(from: &str) -> String {
    format!(
        "INSERT INTO kb_search (doc_number, status, lang, title_vector, search_vector) \
         SELECT a.doc_number, a.status, a.lang, texts.title_vector, texts.search_vector \
         FROM {from} JOIN kb_articles a ON a.id = texts.id \
         ON CONFLICT (doc_number) DO UPDATE SET status = excluded.status, lang = excluded.lang, \
         title_vector = excluded.title_vector, search_vector = excluded.search_vector"
    )
}

/// The title vector (weight A) and the whole vector (title A, tags B, body C) of an article's search text.
fn search_vectors(search: &ArticleSearchText) -> (TsVector, TsVector) {
    (
        TsVector::of(&[(&search.title, 'A')]),
        TsVector::of(&[(&search.title, 'A'), (&search.tags, 'B'), (&search.body, 'C')]),
    )
}

impl PostgresStore {
    /// The next search row number: MAX + 1 under a transaction-scoped lock, so two articles written at once never
    /// take the same number.
    pub(crate) async fn next_kb_doc_number(tx: &mut Transaction<'static, Postgres>) -> Result<i64, DbError> {
        sqlx::query("SELECT pg_advisory_xact_lock(hashtext('tidings.kb_articles.doc_number'))")
            .execute(&mut **tx)
            .await?;
        Ok(sqlx::query_scalar("SELECT COALESCE(MAX(doc_number), 0) + 1 FROM kb_articles").fetch_one(&mut **tx).await?)
    }

    /// The transaction a search's count and page run in, with sequential scans priced out of its plans. The
    /// planner prices `@@` on a row as cheap, but every row a sequential scan of `kb_search` tests has its whole
    /// vector fetched from TOAST: for a common word or a two-letter prefix (10,000 of 20,000 articles) that scan
    /// took 145 ms where the GIN index answered in 4 ms, and it was the plan chosen whenever many rows match.
    pub(crate) async fn begin_kb_search(&self) -> Result<Transaction<'static, Postgres>, DbError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("SET LOCAL enable_seqscan = off").execute(&mut *tx).await?;
        Ok(tx)
    }

    /// Writes the article's search row after its row changed (its text, or only its status).
    pub(crate) async fn index_kb_article(
        tx: &mut Transaction<'static, Postgres>,
        article_id: &str,
        search: &ArticleSearchText,
    ) -> Result<(), DbError> {
        let sql = upsert_search_rows(
            "(SELECT $1::text AS id, $2::tsvector AS title_vector, $3::tsvector AS search_vector) texts",
        );
        let (title_vector, search_vector) = search_vectors(search);
        sqlx::query(&sql).bind(article_id).bind(title_vector).bind(search_vector).execute(&mut **tx).await?;
        Ok(())
    }

    /// Starts filling a new search table beside `kb_search`, without indexes: building the GIN indexes once over
    /// all the rows ([`Self::finish_kb_search_rebuild`]) costs a fraction of updating them row by row (a reindex
    /// of 20,000 articles that overwrote rows in place ran at 2,808 articles/s). Searches read the old table until
    /// the commit; changes to articles wait for it (their search rows would otherwise go into the table that is
    /// about to be dropped).
    pub(crate) async fn start_kb_search_rebuild(tx: &mut Transaction<'static, Postgres>) -> Result<(), DbError> {
        for statement in [
            "LOCK TABLE kb_search IN EXCLUSIVE MODE",
            "SET LOCAL maintenance_work_mem = '256MB'",
            "CREATE TABLE kb_search_next (LIKE kb_search INCLUDING DEFAULTS INCLUDING STORAGE) \
             WITH (toast_tuple_target = 128)",
        ] {
            sqlx::query(statement).execute(&mut **tx).await?;
        }
        Ok(())
    }

    /// Writes these articles' rows into the new table, a thousand articles a statement (the texts travel as arrays).
    pub(crate) async fn write_kb_search_rows(
        tx: &mut Transaction<'static, Postgres>,
        _rebuild: &(),
        articles: &[(String, ArticleSearchText)],
    ) -> Result<(), DbError> {
        const INSERT: &str = "INSERT INTO kb_search_next (doc_number, status, lang, title_vector, search_vector) \
             SELECT a.doc_number, a.status, a.lang, texts.title_vector, texts.search_vector \
             FROM UNNEST($1::text[], $2::tsvector[], $3::tsvector[]) AS texts(id, title_vector, search_vector) \
             JOIN kb_articles a ON a.id = texts.id";
        for chunk in articles.chunks(1000) {
            let ids: Vec<&str> = chunk.iter().map(|(id, _)| id.as_str()).collect();
            let (title_vectors, search_vectors): (Vec<TsVector>, Vec<TsVector>) =
                chunk.iter().map(|(_, search)| search_vectors(search)).unzip();
            sqlx::query(INSERT).bind(&ids).bind(&title_vectors).bind(&search_vectors).execute(&mut **tx).await?;
        }
        Ok(())
    }

    /// Indexes the new table, then puts it in the old one's place under the old names (searches wait only for the
    /// drop and the renames). It has no foreign key to `kb_articles` (migration 0024 says why).
    pub(crate) async fn finish_kb_search_rebuild(
        tx: &mut Transaction<'static, Postgres>,
        _rebuild: &(),
    ) -> Result<(), DbError> {
        for statement in [
            "ALTER TABLE kb_search_next ADD CONSTRAINT kb_search_next_pkey PRIMARY KEY (doc_number)",
            "CREATE INDEX kb_search_next_vector ON kb_search_next USING GIN (search_vector)",
            "CREATE INDEX kb_search_next_title_vector ON kb_search_next USING GIN (title_vector)",
            "DROP TABLE kb_search",
            "ALTER TABLE kb_search_next RENAME TO kb_search",
            "ALTER TABLE kb_search RENAME CONSTRAINT kb_search_next_pkey TO kb_search_pkey",
            "ALTER INDEX kb_search_next_vector RENAME TO kb_search_vector",
            "ALTER INDEX kb_search_next_title_vector RENAME TO kb_search_title_vector",
            "ANALYZE kb_search",
        ] {
            sqlx::query(statement).execute(&mut **tx).await?;
        }
        Ok(())
    }

    /// The search rows the search matches, as a FROM and WHERE whose values go into `sql` (joined to the
    /// articles only for a category filter, which lives there), and the whole query's parameter.
    fn kb_search_matches(search: &ArticleSearch, whole: &str, sql: &mut AssembledSql) -> (String, String) {
        let param = sql.text(whole);
        let column = if search.titles_only { "title_vector" } else { "search_vector" };
        let mut conditions = scope_conditions(&search.filter, sql, "s");
        conditions.push(format!("s.{column} @@ {param}::tsquery"));
        let from = match category_condition(&search.filter, sql) {
            None => "kb_search s".to_string(),
            Some(category) => {
                conditions.push(category);
                "kb_search s JOIN kb_articles a ON a.doc_number = s.doc_number".to_string()
            }
        };
        (param, format!("FROM {from} {}", where_clause(&conditions)))
    }

    /// The count of all the search's matches.
    pub(crate) fn kb_search_count(search: &ArticleSearch) -> Option<SearchStatement> {
        let (whole, _) = tsqueries(search)?;
        let mut sql = AssembledSql::default();
        let (_, matches) = Self::kb_search_matches(search, &whole, &mut sql);
        Some(SearchStatement { text: format!("SELECT COUNT(*) {matches}"), sql })
    }

    /// A page of the search's matches: by how many words the title holds, then (with
    /// [`SearchRanking::Relevance`]) `ts_rank` with title over tags over body, then newest article. The page is
    /// cut on the search rows; only its rows are joined to the articles.
    pub(crate) fn kb_search_page(search: &ArticleSearch, ranking: SearchRanking) -> Option<SearchStatement> {
        let (whole, per_word_titles) = tsqueries(search)?;
        let mut sql = AssembledSql::default();
        let (whole_param, matches) = Self::kb_search_matches(search, &whole, &mut sql);
        let title_hits: Vec<String> = per_word_titles
            .iter()
            .map(|query| format!("(s.title_vector @@ {}::tsquery)::int", sql.text(query)))
            .collect();
        let title_hits = if title_hits.is_empty() { "0".to_string() } else { title_hits.join(" + ") };
        let score = match ranking {
            SearchRanking::Relevance => {
                format!("ts_rank('{{0.1,0.2,0.4,1.0}}', s.search_vector, {whole_param}::tsquery)")
            }
            SearchRanking::TitleThenNewest => "0".to_string(),
        };
        let limit = sql.param(BindValue::Int(i64::from(search.filter.limit)));
        let offset = sql.param(BindValue::Int(i64::try_from(search.filter.offset).unwrap_or(i64::MAX)));
        const RANKED: &str = "hits.title_hits DESC, hits.score DESC, hits.doc_number DESC";
        let text = format!(
            "SELECT {ARTICLE_SUMMARY_COLUMNS} FROM ( \
                 SELECT * FROM (SELECT s.doc_number, {title_hits} AS title_hits, {score} AS score {matches}) hits \
                 ORDER BY {RANKED} LIMIT {limit} OFFSET {offset} \
             ) hits CROSS JOIN {ARTICLE_FROM} WHERE a.doc_number = hits.doc_number ORDER BY {RANKED}"
        );
        Some(SearchStatement { sql, text })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{ArticleFilter, SearchForm, SearchWord};

    #[test]
    fn lexemes_are_quoted_and_prefixes_marked() {
        let search = ArticleSearch {
            words: vec![
                SearchWord { forms: vec![SearchForm { words: vec!["passwort".into()], prefix: false }] },
                SearchWord {
                    forms: vec![
                        SearchForm { words: vec!["zuru".into()], prefix: true },
                        SearchForm { words: vec!["reset".into(), "it".into()], prefix: false },
                    ],
                },
            ],
            any_word: true,
            titles_only: true,
            filter: ArticleFilter::default(),
        };
        let (whole, titles) = tsqueries(&search).unwrap();
        assert_eq!(whole, "((('passwort')) | (('zuru':*) | ('reset' & 'it')))");
        assert_eq!(titles[0], "(('passwort'))");
        assert_eq!(lexeme("or", false), "'or'");
    }
}
