//! PostgreSQL's knowledge-base search: `kb_articles.search_vector`, the folded title (weight A), tags (B) and body (C)
//! written in the same INSERT or UPDATE as the article from the text the services folded, under a GIN index and a
//! partial one of published articles (what every public search asks for). Status and language are plain columns,
//! so a status change leaves the vector alone.
//!
//! A search is a `to_tsquery('simple', $n)` built from the folded words as quoted lexemes (`'passwort':*`), bound
//! as a parameter.

use sqlx::postgres::PgArguments;
use sqlx::query::Query;
use sqlx::{Postgres, Transaction};

use super::assembled_sql::{AssembledSql, BindValue};
use super::kb_queries::{ArticleSearch, ArticleSearchText};
use super::kb_sql::{
    filter_conditions, search_query, searchable_words, where_clause, word_query, QuerySyntax, SearchStatements,
    ARTICLE_FROM, ARTICLE_SUMMARY_COLUMNS,
};
use super::postgres::PostgresStore;
use super::DbError;

/// The vector of the folded title, tags and body bound as parameters `first`, `first + 1` and `first + 2`.
fn vector_expression(first: usize) -> String {
    vector_expression_of(&format!("${first}"), &format!("${}", first + 1), &format!("${}", first + 2))
}

/// The vector of a folded title, tags and body given as SQL expressions.
fn vector_expression_of(title: &str, tags: &str, body: &str) -> String {
    format!(
        "setweight(to_tsvector('simple', {title}), 'A') || setweight(to_tsvector('simple', {tags}), 'B') || \
         setweight(to_tsvector('simple', {body}), 'C')"
    )
}

/// A word as a tsquery lexeme: quoted (it holds letters and digits only), `:*` for a prefix, `A` for titles only.
fn lexeme(word: &str, prefix: bool, title_only: bool) -> String {
    let suffix = format!("{}{}", if prefix { "*" } else { "" }, if title_only { "A" } else { "" });
    if suffix.is_empty() {
        format!("'{word}'")
    } else {
        format!("'{word}':{suffix}")
    }
}

fn any_column(word: &str, prefix: bool) -> String {
    lexeme(word, prefix, false)
}

fn title_column(word: &str, prefix: bool) -> String {
    lexeme(word, prefix, true)
}

const ANY_COLUMN: QuerySyntax<'static> = QuerySyntax { and: " & ", or: " | ", word: &any_column };
const TITLE_COLUMN: QuerySyntax<'static> = QuerySyntax { and: " & ", or: " | ", word: &title_column };

/// The tsqueries of a search: the whole search, and one per word for its title only (to rank articles by how many
/// of the words their title holds). `None` when nothing can match.
fn tsqueries(search: &ArticleSearch) -> Option<(String, Vec<String>)> {
    let words = searchable_words(&search.words, search.any_word)?;
    let syntax = if search.titles_only { &TITLE_COLUMN } else { &ANY_COLUMN };
    let whole = search_query(&words, search.any_word, syntax);
    let per_word_titles = if words.len() > 1 || !search.titles_only {
        words.iter().map(|forms| word_query(forms, &TITLE_COLUMN)).collect()
    } else {
        Vec::new()
    };
    Some((whole, per_word_titles))
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

    /// The search vector's column and value for the article INSERT, bound from parameter `first_param` on.
    pub(crate) fn kb_vector_insert(first_param: usize) -> (&'static str, String) {
        (", search_vector", format!(", {}", vector_expression(first_param)))
    }

    /// The search vector's assignment for the article UPDATE, bound from parameter `first_param` on.
    pub(crate) fn kb_vector_update(first_param: usize) -> String {
        format!(", search_vector = {}", vector_expression(first_param))
    }

    pub(crate) fn bind_kb_vector<'q>(
        query: Query<'q, Postgres, PgArguments>,
        search: &'q ArticleSearchText,
    ) -> Query<'q, Postgres, PgArguments> {
        query.bind(&search.title).bind(&search.tags).bind(&search.body)
    }

    /// Nothing to do: the vector is written with the article, and its status is a column of the same row.
    pub(crate) async fn index_kb_article(
        _tx: &mut Transaction<'static, Postgres>,
        _article_id: &str,
        _search: Option<&ArticleSearchText>,
    ) -> Result<(), DbError> {
        Ok(())
    }

    /// Nothing to prepare: each article's vector is a column of its own row, overwritten in place.
    pub(crate) async fn start_kb_search_rebuild(_tx: &mut Transaction<'static, Postgres>) -> Result<(), DbError> {
        Ok(())
    }

    /// Rewrites these articles' vectors, a thousand articles a statement.
    pub(crate) async fn write_kb_search_rows(
        tx: &mut Transaction<'static, Postgres>,
        _rebuild: &(),
        articles: &[(String, ArticleSearchText)],
    ) -> Result<(), DbError> {
        for chunk in articles.chunks(1000) {
            Self::write_kb_vectors(tx, chunk).await?;
        }
        Ok(())
    }

    /// Writes the vectors of many articles in one statement (the texts travel as arrays).
    async fn write_kb_vectors(
        tx: &mut Transaction<'static, Postgres>,
        articles: &[(String, ArticleSearchText)],
    ) -> Result<(), DbError> {
        let ids: Vec<&str> = articles.iter().map(|(id, _)| id.as_str()).collect();
        let titles: Vec<&str> = articles.iter().map(|(_, search)| search.title.as_str()).collect();
        let tags: Vec<&str> = articles.iter().map(|(_, search)| search.tags.as_str()).collect();
        let bodies: Vec<&str> = articles.iter().map(|(_, search)| search.body.as_str()).collect();
        let sql = format!(
            "UPDATE kb_articles SET search_vector = {} \
             FROM UNNEST($1::text[], $2::text[], $3::text[], $4::text[]) AS texts(id, title, tags, body) \
             WHERE kb_articles.id = texts.id",
            vector_expression_of("texts.title", "texts.tags", "texts.body")
        );
        sqlx::query(&sql).bind(&ids).bind(&titles).bind(&tags).bind(&bodies).execute(&mut **tx).await?;
        Ok(())
    }

    /// Ranks by how many words the title holds, then `ts_rank` with title over tags over body, then newest change.
    pub(crate) fn kb_search_statements(search: &ArticleSearch) -> Option<SearchStatements> {
        let (whole, per_word_titles) = tsqueries(search)?;
        let matching = |sql: &mut AssembledSql| {
            let param = sql.text(&whole);
            let mut conditions = filter_conditions(&search.filter, sql);
            conditions.push(format!("a.search_vector @@ to_tsquery('simple', {param})"));
            (param, where_clause(&conditions))
        };
        let mut count_sql = AssembledSql::default();
        let (_, count_where) = matching(&mut count_sql);
        let count_text = format!("SELECT COUNT(*) FROM kb_articles a {count_where}");

        let mut page_sql = AssembledSql::default();
        let (whole_param, page_where) = matching(&mut page_sql);
        let title_hits: Vec<String> = per_word_titles
            .iter()
            .map(|query| format!("(a.search_vector @@ to_tsquery('simple', {}))::int", page_sql.text(query)))
            .collect();
        // A literal 0 in ORDER BY would name a column, so a count of nothing is written as an expression.
        let title_hits = if title_hits.is_empty() { "(0 + 0)".to_string() } else { title_hits.join(" + ") };
        let limit = page_sql.param(BindValue::Int(i64::from(search.filter.limit)));
        let offset = page_sql.param(BindValue::Int(i64::try_from(search.filter.offset).unwrap_or(i64::MAX)));
        let page_text = format!(
            "SELECT {ARTICLE_SUMMARY_COLUMNS} FROM {ARTICLE_FROM} {page_where} \
             ORDER BY {title_hits} DESC, \
             ts_rank('{{0.1,0.2,0.4,1.0}}', a.search_vector, to_tsquery('simple', {whole_param})) DESC, \
             a.updated_at DESC, a.id LIMIT {limit} OFFSET {offset}"
        );
        Some(SearchStatements { count: count_sql, count_text, page: page_sql, page_text })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{ArticleFilter, SearchForm, SearchWord};

    #[test]
    fn lexemes_are_quoted_and_titles_weighted() {
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
        assert_eq!(whole, "((('passwort':A)) | (('zuru':*A) | ('reset':A & 'it':A)))");
        assert_eq!(titles[0], "(('passwort':A))");
        assert_eq!(lexeme("or", false, false), "'or'");
    }
}
