//! Forgiving search over the knowledge base, on the database's own full-text engine.
//!
//! A query is folded like the index (case, umlauts, ß, accents), cut into words, and each word may match in
//! several forms: as a prefix of an indexed word ("pass" finds "Passwort"), and when no indexed word starts with
//! it, as the two parts of a German compound ("passwortzurucksetzen" finds "Passwort zurücksetzen") or as the
//! indexed words within one or two typos ("pasword" finds "password"). A word that matches in no form is left
//! out. Every other word must match; when that finds nothing, any word may. Titles rank above tags above bodies
//! (the store's ranking).

use std::collections::HashSet;

use super::{Actor, ServiceError, Services};
use crate::domain::kb::search_text::{closest_terms, compound_split, max_typos, query_words, words};
use crate::domain::kb::stopwords::is_stopword;
use crate::domain::kb::{ArticleStatus, ArticleSummary, TitleLink};
use crate::domain::{authorize, Action, Locale};
use crate::store::{ArticleFilter, ArticleRecord, ArticleSearch, SearchForm, SearchWord};

use super::kb_views::summary_view;

/// How many typo corrections a word may bring in.
const CORRECTIONS_PER_WORD: usize = 3;
/// How many indexed words are weighed as corrections of one word at most.
const CORRECTION_CANDIDATES: u32 = 20_000;
/// The words of a ticket that pick its suggestions.
const TICKET_WORDS: usize = 12;
/// How much of a ticket's first message is read for suggestions.
const TICKET_TEXT_CHARS: usize = 2_000;

impl Services {
    /// Ranked matches for `q` within `filter` and their total.
    pub(super) async fn search_article_records(
        &self,
        q: &str,
        filter: ArticleFilter,
        titles_only: bool,
    ) -> Result<(Vec<ArticleRecord>, u64), ServiceError> {
        let words = self.search_words(&query_words(q)).await?;
        if words.is_empty() {
            return Ok((Vec::new(), 0));
        }
        let several = words.len() > 1;
        let mut search = ArticleSearch { words, any_word: false, titles_only, filter };
        let found = self.store().search_articles(&search).await?;
        if found.1 > 0 || !several {
            return Ok(found);
        }
        search.any_word = true;
        Ok(self.store().search_articles(&search).await?)
    }

    /// Title autocomplete for the help center and the widget: published articles whose titles start words with
    /// what was typed, best first.
    pub async fn suggest_article_titles(
        &self,
        q: &str,
        lang: Option<Locale>,
        limit: u32,
    ) -> Result<Vec<TitleLink>, ServiceError> {
        let filter = published_in(lang, limit.clamp(1, 20));
        let (records, _) = self.search_article_records(q, filter.clone(), true).await?;
        let records = if records.is_empty() { self.search_article_records(q, filter, false).await?.0 } else { records };
        Ok(records
            .into_iter()
            .map(|record| TitleLink { slug: record.content.slug, title: record.content.title, lang: record.lang })
            .collect())
    }

    /// The published articles that best match a ticket's subject and first message (for the agent's side panel).
    pub async fn suggest_articles_for_ticket(
        &self,
        actor: &Actor,
        ticket_id: &str,
        limit: u32,
    ) -> Result<Vec<ArticleSummary>, ServiceError> {
        authorize(actor.user.role, Action::WorkTickets)?;
        let ticket = self.visible_ticket(actor, ticket_id).await?;
        let messages = self.store().list_messages(ticket_id, false).await?;
        let first_message: String =
            messages.first().map(|message| message.body.chars().take(TICKET_TEXT_CHARS).collect()).unwrap_or_default();
        let text = format!("{} {first_message}", ticket.subject);
        let topic_words = topic_words(&text);
        if topic_words.is_empty() {
            return Ok(Vec::new());
        }
        let words = self.search_words(&topic_words).await?;
        let search = ArticleSearch { words, any_word: true, titles_only: false, filter: published_in(None, limit) };
        let (records, _) = self.store().search_articles(&search).await?;
        Ok(records.into_iter().map(summary_view).collect())
    }

    /// The forms each query word may match in.
    async fn search_words(&self, query: &[String]) -> Result<Vec<SearchWord>, ServiceError> {
        let store = self.store();
        let known = store.known_search_words(query).await?;
        let mut words = Vec::with_capacity(query.len());
        for word in query {
            let mut forms = vec![SearchForm { words: vec![word.clone()], prefix: true }];
            if !known.contains(word) && !store.search_word_prefix_exists(word).await? {
                // Nothing starts with this word: only its compound parts or corrections can match. A word that
                // has neither would make every search fail, so it is left out.
                forms = self.compound_or_corrections(word).await?;
                if forms.is_empty() {
                    continue;
                }
            }
            words.push(SearchWord { forms });
        }
        Ok(words)
    }

    /// A split into two indexed words if the word is a compound of them, else the indexed words within its typo
    /// allowance.
    async fn compound_or_corrections(&self, word: &str) -> Result<Vec<SearchForm>, ServiceError> {
        let parts = split_candidates(word);
        let known_parts = self.store().known_search_words(&parts).await?;
        if let Some((head, tail)) = compound_split(word, |part| known_parts.contains(part)) {
            return Ok(vec![SearchForm { words: vec![head, tail], prefix: false }]);
        }
        let allowed = max_typos(word);
        let Some(first) = word.chars().next().filter(|_| allowed > 0) else { return Ok(Vec::new()) };
        let length = word.chars().count();
        let candidates = self
            .store()
            .search_words_starting_with(first, length.saturating_sub(allowed), length + allowed, CORRECTION_CANDIDATES)
            .await?;
        let corrections = closest_terms(word, candidates.iter().map(String::as_str), CORRECTIONS_PER_WORD);
        Ok(corrections.into_iter().map(|correction| SearchForm { words: vec![correction], prefix: false }).collect())
    }
}

/// Published articles (in `lang` if given), the first `limit`.
fn published_in(lang: Option<Locale>, limit: u32) -> ArticleFilter {
    ArticleFilter { statuses: vec![ArticleStatus::Published], lang, category_ids: None, limit, offset: 0 }
}

/// Every head and tail a compound split of `word` could use (with and without a linking s / es), so the store
/// is asked about them all at once.
fn split_candidates(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut parts = HashSet::new();
    for at in 3..chars.len().saturating_sub(2) {
        let head: String = chars[..at].iter().collect();
        let tail: String = chars[at..].iter().collect();
        parts.insert(head);
        for link in ["s", "es"] {
            if let Some(rest) = tail.strip_prefix(link) {
                parts.insert(rest.to_string());
            }
        }
        parts.insert(tail);
    }
    parts.into_iter().filter(|part| part.chars().count() >= 3).collect()
}

/// The words of a ticket that say what it is about: no stopwords, no short words, no numbers, in order, unique.
fn topic_words(text: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    words(text)
        .into_iter()
        .filter(|word| word.chars().count() >= 3 && !is_stopword(word) && !word.chars().all(|c| c.is_ascii_digit()))
        .filter(|word| seen.insert(word.clone()))
        .take(TICKET_WORDS)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{split_candidates, topic_words};

    #[test]
    fn split_candidates_cover_both_parts_and_linking_s() {
        let parts = split_candidates("anmeldungsfehler");
        for part in ["anmeldung", "fehler", "sfehler", "anmeldungs"] {
            assert!(parts.contains(&part.to_string()), "{part}: {parts:?}");
        }
        assert!(parts.iter().all(|part| part.chars().count() >= 3));
    }

    #[test]
    fn topic_words_drop_greetings_and_filler_in_both_languages() {
        let words = topic_words("Hallo, ich kann mein Passwort nicht zurücksetzen. Bitte helfen! Ticket 12345");
        assert_eq!(words, ["passwort", "zurucksetzen", "helfen", "ticket"]);
        assert_eq!(topic_words("Hi, the invoice PDF is missing, thanks"), ["invoice", "pdf", "missing"]);
    }
}
