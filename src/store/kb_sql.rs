//! The SQL both backends share for the knowledge base: the columns an article is read with, how rows become
//! records, list filters and the boolean structure of a search (each backend spells its own operators).

use chrono::{DateTime, Utc};
use std::collections::{BTreeSet, HashSet};

use super::assembled_sql::AssembledSql;
use super::kb_queries::{
    ArticleContent, ArticleFilter, ArticleRecord, ArticleSearchText, ArticleVersionRecord, SearchWord,
};
use super::DbError;
use crate::domain::kb::ArticleStatus;
use crate::domain::Locale;

/// The tables an article is read from: `a` the article, `u` its author, `c` its category.
pub(crate) const ARTICLE_FROM: &str =
    "kb_articles a JOIN users u ON u.id = a.author_id LEFT JOIN kb_categories c ON c.id = a.category_id";

/// [`ARTICLE_FROM`] with `b`, the article's body (a table of its own, so that rows read without it stay small).
pub(crate) const ARTICLE_WITH_BODY_FROM: &str = "kb_articles a JOIN kb_article_bodies b ON b.article_id = a.id \
     JOIN users u ON u.id = a.author_id LEFT JOIN kb_categories c ON c.id = a.category_id";

/// The columns of an [`ArticleRow`] with the article's body (read from [`ARTICLE_WITH_BODY_FROM`]).
pub(crate) const ARTICLE_COLUMNS: &str = "a.id, a.translation_group, a.lang, a.status, a.version, a.slug, a.title, \
     a.excerpt, b.body_markdown, b.body_html, b.toc_json, a.category_id, c.name AS category_name, \
     c.name_de AS category_name_de, a.author_id, u.name AS author_name, a.views, a.helpful, a.not_helpful, \
     a.created_at, a.updated_at, a.published_at";

/// The columns of an [`ArticleRow`] for lists: the body, its HTML and its table of contents left empty.
pub(crate) const ARTICLE_SUMMARY_COLUMNS: &str = "a.id, a.translation_group, a.lang, a.status, a.version, a.slug, \
     a.title, a.excerpt, '' AS body_markdown, '' AS body_html, '' AS toc_json, a.category_id, \
     c.name AS category_name, c.name_de AS category_name_de, a.author_id, u.name AS author_name, a.views, a.helpful, \
     a.not_helpful, a.created_at, a.updated_at, a.published_at";

/// The order of article lists: newest change first.
pub(crate) const NEWEST_FIRST: &str = "a.updated_at DESC, a.id";

#[derive(sqlx::FromRow)]
pub(crate) struct ArticleRow {
    pub id: String,
    pub translation_group: String,
    pub lang: String,
    pub status: String,
    pub version: i64,
    pub slug: String,
    pub title: String,
    pub excerpt: String,
    pub body_markdown: String,
    pub body_html: String,
    pub toc_json: String,
    pub category_id: Option<String>,
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

impl ArticleRow {
    pub(crate) fn into_record(self, tags: Vec<String>) -> Result<ArticleRecord, DbError> {
        let corrupt = |what: &str, value: &str| DbError::Corrupt(format!("article {} {what} {value:?}", self.id));
        Ok(ArticleRecord {
            lang: Locale::parse(&self.lang).ok_or_else(|| corrupt("lang", &self.lang))?,
            status: ArticleStatus::parse(&self.status).ok_or_else(|| corrupt("status", &self.status))?,
            version: self.version,
            content: ArticleContent {
                slug: self.slug,
                title: self.title,
                excerpt: self.excerpt,
                body_markdown: self.body_markdown,
                body_html: self.body_html,
                toc_json: self.toc_json,
                category_id: self.category_id,
                tags,
            },
            category_name: self.category_name,
            category_name_de: self.category_name_de,
            author_id: self.author_id,
            author_name: self.author_name,
            views: self.views,
            helpful: self.helpful,
            not_helpful: self.not_helpful,
            created_at: self.created_at,
            updated_at: self.updated_at,
            published_at: self.published_at,
            id: self.id,
            translation_group: self.translation_group,
        })
    }
}

/// The columns of a [`VersionRow`] (`v` the version, `u` its author).
pub(crate) const VERSION_SELECT: &str = "SELECT v.article_id, v.version, v.slug, v.title, v.excerpt, \
     v.body_markdown, v.category_id, v.tags_json, v.author_id, u.name AS author_name, v.created_at \
     FROM kb_article_versions v JOIN users u ON u.id = v.author_id";

#[derive(sqlx::FromRow)]
pub(crate) struct VersionRow {
    pub article_id: String,
    pub version: i64,
    pub slug: String,
    pub title: String,
    pub excerpt: String,
    pub body_markdown: String,
    pub category_id: Option<String>,
    pub tags_json: String,
    pub author_id: String,
    pub author_name: String,
    pub created_at: DateTime<Utc>,
}

impl VersionRow {
    pub(crate) fn into_record(self) -> Result<ArticleVersionRecord, DbError> {
        let tags: Vec<String> = serde_json::from_str(&self.tags_json).map_err(|err| {
            DbError::Corrupt(format!("article {} version {} tags: {err}", self.article_id, self.version))
        })?;
        Ok(ArticleVersionRecord {
            article_id: self.article_id,
            version: self.version,
            slug: self.slug,
            title: self.title,
            excerpt: self.excerpt,
            body_markdown: self.body_markdown,
            category_id: self.category_id,
            tags,
            author_id: self.author_id,
            author_name: self.author_name,
            created_at: self.created_at,
        })
    }
}

/// The conditions (on `a`) of a list filter, its values bound in `sql`. Statuses are the enum's own fixed names,
/// written as literals so PostgreSQL can prove a match with its index of published articles.
pub(crate) fn filter_conditions(filter: &ArticleFilter, sql: &mut AssembledSql) -> Vec<String> {
    let mut conditions = scope_conditions(filter, sql, "a");
    if let Some(condition) = category_condition(filter, sql) {
        conditions.push(condition);
    }
    conditions
}

/// The filter's statuses and language as conditions on the `status` and `lang` columns of the table `alias`.
pub(crate) fn scope_conditions(filter: &ArticleFilter, sql: &mut AssembledSql, alias: &str) -> Vec<String> {
    let mut conditions = Vec::new();
    if let Some(condition) = status_condition(&filter.statuses, alias) {
        conditions.push(condition);
    }
    if let Some(lang) = filter.lang {
        conditions.push(format!("{alias}.lang = {}", sql.text(lang.as_str())));
    }
    conditions
}

fn status_condition(statuses: &[ArticleStatus], alias: &str) -> Option<String> {
    let mut names: Vec<&'static str> = statuses.iter().map(|status| status.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    match names.as_slice() {
        [] => None,
        [one] => Some(format!("{alias}.status = '{one}'")),
        many => {
            let literals: Vec<String> = many.iter().map(|name| format!("'{name}'")).collect();
            Some(format!("{alias}.status IN ({})", literals.join(", ")))
        }
    }
}

/// `a.category_id IN (…)` when the filter names categories (none named: nothing matches).
pub(crate) fn category_condition(filter: &ArticleFilter, sql: &mut AssembledSql) -> Option<String> {
    let ids = filter.category_ids.as_ref()?;
    if ids.is_empty() {
        return Some("1 = 0".into());
    }
    let params: Vec<String> = ids.iter().map(|id| sql.text(id)).collect();
    Some(format!("a.category_id IN ({})", params.join(", ")))
}

/// `WHERE …` from conditions (empty when there are none).
pub(crate) fn where_clause(conditions: &[String]) -> String {
    if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    }
}

/// The distinct words of an article that go into `kb_words`: two characters or more, in byte order (so concurrent
/// writers insert them in the same order and never wait on each other in a cycle).
pub(crate) fn indexed_words(title: &str, tags: &str, body: &str) -> BTreeSet<String> {
    [title, tags, body].into_iter().flat_map(kept_words).map(str::to_string).collect()
}

/// The words of a folded text that the word table keeps: two characters or more.
fn kept_words(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace().filter(|word| word.chars().nth(1).is_some())
}

/// Adds the [`indexed_words`] of many articles to `words`: a reindex of 20,000 articles copies each distinct word
/// once instead of every occurrence.
pub(crate) fn add_indexed_words(articles: &[(String, ArticleSearchText)], words: &mut HashSet<String>) {
    for (_, search) in articles {
        for text in [&search.title, &search.tags, &search.body] {
            for word in kept_words(text) {
                if !words.contains(word) {
                    words.insert(word.to_string());
                }
            }
        }
    }
}

/// The smallest string above every string starting with `prefix` (its last character moved up by one), or `None`
/// when no such string exists; with byte-order comparison, `prefix <= word < upper` is "starts with `prefix`".
pub(crate) fn prefix_upper_bound(prefix: &str) -> Option<String> {
    let mut chars: Vec<char> = prefix.chars().collect();
    while let Some(last) = chars.pop() {
        let mut next = u32::from(last) + 1;
        if (0xD800..0xE000).contains(&next) {
            next = 0xE000;
        }
        if let Some(next) = char::from_u32(next) {
            chars.push(next);
            return Some(chars.into_iter().collect());
        }
    }
    None
}

/// One statement of a search (the count of all matches, or a page) with its values.
pub(crate) struct SearchStatement {
    pub sql: AssembledSql,
    pub text: String,
}

/// Searches matching more articles than this are not ranked by relevance (bm25 / ts_rank), which costs a read of
/// every match's statistics: 10-13 ms on SQLite and 16-60 ms on PostgreSQL for a three-letter prefix found in 9,000
/// of 20,000 articles. They are typed-ahead prefixes, for which title matches first, newest first, is what the
/// reader wants anyway.
pub const RANKED_MATCHES_AT_MOST: u64 = 1_000;

/// How a page of search results is ordered (title matches first in both).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SearchRanking {
    /// By how many words the title holds, then relevance over title, tags and body, then newest.
    Relevance,
    /// By how many words the title holds, then newest.
    TitleThenNewest,
}

impl SearchRanking {
    /// The ranking a search with `matches` results can afford.
    pub(crate) fn for_matches(matches: u64) -> Self {
        if matches > RANKED_MATCHES_AT_MOST {
            Self::TitleThenNewest
        } else {
            Self::Relevance
        }
    }
}

/// How a backend writes a search query: its operators and how one word (as a prefix or not) is spelled.
pub(crate) struct QuerySyntax<'a> {
    pub and: &'a str,
    pub or: &'a str,
    pub word: &'a dyn Fn(&str, bool) -> String,
}

/// One form of a search word as queried: its words (cleaned) and whether they match as prefixes.
pub(crate) type QueryForm = (Vec<String>, bool);

/// The words of a search that can match anything: each kept only with letters and digits (so nothing a user
/// typed can be query syntax), forms left without words and words left without forms dropped. `None` when
/// nothing can match: no words, or (every word required) a word with no form left.
pub(crate) fn searchable_words(words: &[SearchWord], any_word: bool) -> Option<Vec<Vec<QueryForm>>> {
    let mut kept = Vec::new();
    for word in words {
        let forms: Vec<QueryForm> = word
            .forms
            .iter()
            .map(|form| {
                let parts: Vec<String> = form
                    .words
                    .iter()
                    .map(|part| part.chars().filter(|c| c.is_alphanumeric()).collect::<String>())
                    .filter(|part| !part.is_empty())
                    .collect();
                (parts, form.prefix)
            })
            .filter(|(parts, _)| !parts.is_empty())
            .collect();
        if forms.is_empty() {
            if !any_word {
                return None;
            }
        } else {
            kept.push(forms);
        }
    }
    (!kept.is_empty()).then_some(kept)
}

/// One search word as a query: any of its forms, each form all of its words.
pub(crate) fn word_query(forms: &[QueryForm], syntax: &QuerySyntax<'_>) -> String {
    let forms: Vec<String> = forms
        .iter()
        .map(|(parts, prefix)| {
            let parts: Vec<String> = parts.iter().map(|part| (syntax.word)(part, *prefix)).collect();
            format!("({})", parts.join(syntax.and))
        })
        .collect();
    format!("({})", forms.join(syntax.or))
}

/// A whole search as a query: every word (or, with `any_word`, any).
pub(crate) fn search_query(words: &[Vec<QueryForm>], any_word: bool, syntax: &QuerySyntax<'_>) -> String {
    let words: Vec<String> = words.iter().map(|forms| word_query(forms, syntax)).collect();
    format!("({})", words.join(if any_word { syntax.or } else { syntax.and }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::SearchForm;

    fn form(words: &[&str], prefix: bool) -> SearchForm {
        SearchForm { words: words.iter().map(|word| word.to_string()).collect(), prefix }
    }

    #[test]
    fn only_searches_with_few_enough_matches_are_ranked_by_relevance() {
        assert_eq!(SearchRanking::for_matches(1), SearchRanking::Relevance);
        assert_eq!(SearchRanking::for_matches(RANKED_MATCHES_AT_MOST), SearchRanking::Relevance);
        assert_eq!(SearchRanking::for_matches(RANKED_MATCHES_AT_MOST + 1), SearchRanking::TitleThenNewest);
    }

    #[test]
    fn prefix_bounds_cover_exactly_the_words_starting_with_the_prefix() {
        assert_eq!(prefix_upper_bound("pass").as_deref(), Some("past"));
        assert_eq!(prefix_upper_bound("zu").as_deref(), Some("zv"));
        assert_eq!(prefix_upper_bound("z").as_deref(), Some("{"));
        assert_eq!(prefix_upper_bound("\u{D7FF}").as_deref(), Some("\u{E000}"));
        assert_eq!(prefix_upper_bound("a\u{10FFFF}").as_deref(), Some("b"));
        assert_eq!(prefix_upper_bound(""), None);
    }

    #[test]
    fn indexed_words_are_distinct_and_longer_than_one_character() {
        let words = indexed_words("passwort zurucksetzen", "konto", "das passwort x 2fa");
        assert_eq!(words.into_iter().collect::<Vec<_>>(), ["2fa", "das", "konto", "passwort", "zurucksetzen"]);
        let text =
            |title: &str, body: &str| ArticleSearchText { title: title.into(), tags: String::new(), body: body.into() };
        let all =
            [("a".to_string(), text("passwort zurucksetzen", "x konto")), ("b".to_string(), text("konto", "2fa das"))];
        let expected = indexed_words("passwort zurucksetzen", "konto", "das passwort x 2fa");
        let mut gathered = HashSet::from(["konto".to_string()]);
        add_indexed_words(&all, &mut gathered);
        assert_eq!(gathered.into_iter().collect::<BTreeSet<_>>(), expected, "many articles give the same words as one");
    }

    #[test]
    fn queries_keep_letters_and_digits_only() {
        let syntax = QuerySyntax {
            and: " AND ",
            or: " OR ",
            word: &|word, prefix| format!("\"{word}\"{}", if prefix { "*" } else { "" }),
        };
        let words = vec![
            SearchWord { forms: vec![form(&["pass\"wort"], true), form(&["kenn", "wort"], false)] },
            SearchWord { forms: vec![form(&["or"], false)] },
        ];
        let kept = searchable_words(&words, false).unwrap();
        assert_eq!(
            search_query(&kept, false, &syntax),
            "(((\"passwort\"*) OR (\"kenn\" AND \"wort\")) AND ((\"or\")))"
        );
        let nothing = vec![SearchWord { forms: vec![form(&["\"*"], true)] }];
        assert_eq!(searchable_words(&nothing, false), None);
        let with_empty = vec![nothing[0].clone(), SearchWord { forms: vec![form(&["near"], false)] }];
        assert_eq!(searchable_words(&with_empty, true).unwrap().len(), 1);
        assert_eq!(searchable_words(&with_empty, false), None);
    }
}
