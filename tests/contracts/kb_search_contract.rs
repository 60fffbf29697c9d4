//! Knowledge-base search in the store: ranking, prefixes, either-word and title-only searches, filters, related
//! articles, the word list spelling corrections read, and reindexing, on SQLite and PostgreSQL alike.

use crate::common;
use crate::kb_contract::{article, category, everything, search_text};

use common::fixtures::user;

use chrono::Duration;
use std::collections::HashSet;
use std::sync::Arc;
use tidings::domain::kb::ArticleStatus;
use tidings::domain::{Locale, Role};
use tidings::service::now;
use tidings::store::{
    ArticleFilter, ArticleSearch, ArticleSearchText, ArticleStatusChange, ReindexBatch, SearchForm, SearchWord, Store,
};

contract!(
    title_matches_rank_above_body_matches,
    prefixes_and_compound_forms_match,
    any_word_finds_articles_with_one_of_the_words,
    titles_only_ignores_tags_and_bodies,
    category_and_language_filters_apply_with_totals_and_pages,
    search_syntax_never_reaches_the_engine,
    status_changes_move_articles_in_and_out_of_public_search,
    related_articles_share_tags_first_then_the_category,
    known_words_prefixes_and_typo_candidates_come_from_every_article,
    reindexing_replaces_the_indexed_words,
    words_in_other_scripts_and_with_digits_are_found,
);

fn exact(word: &str) -> SearchWord {
    SearchWord { forms: vec![SearchForm { words: vec![word.into()], prefix: false }] }
}

fn prefix(word: &str) -> SearchWord {
    SearchWord { forms: vec![SearchForm { words: vec![word.into()], prefix: true }] }
}

fn public(lang: Locale) -> ArticleFilter {
    ArticleFilter { statuses: vec![ArticleStatus::Published], lang: Some(lang), limit: 20, ..ArticleFilter::default() }
}

fn search(words: Vec<SearchWord>, filter: ArticleFilter) -> ArticleSearch {
    ArticleSearch { words, any_word: false, titles_only: false, filter }
}

/// The slugs found, best first, and the total.
async fn slugs(store: &Arc<dyn Store>, search: &ArticleSearch) -> (Vec<String>, u64) {
    let (found, total) = store.search_articles(search).await.unwrap();
    assert!(found.iter().all(|a| a.content.body_markdown.is_empty() && a.content.body_html.is_empty()));
    (found.into_iter().map(|a| a.content.slug).collect(), total)
}

/// Stores German articles (slug, title, body, tags), each a minute newer than the one before.
async fn german(store: &Arc<dyn Store>, author: &str, articles: &[(&str, &str, &str, &[&str])]) -> Vec<String> {
    let start = now() - Duration::hours(1);
    let mut ids = Vec::new();
    for (n, (slug, title, body, tags)) in articles.iter().enumerate() {
        let mut record = article(author, Locale::De, slug, title, body, tags);
        record.created_at = start + Duration::minutes(n as i64);
        store.insert_article(&record).await.unwrap();
        ids.push(record.id);
    }
    ids
}

async fn title_matches_rank_above_body_matches(store: Arc<dyn Store>) {
    let author = user(&store, Role::Agent).await;
    german(
        &store,
        &author,
        &[
            ("zuruecksetzen", "Passwort zurücksetzen", "Klicken Sie auf „Vergessen“ und folgen Sie der E-Mail.", &[]),
            (
                "konto-loeschen",
                "Konto löschen",
                "Vor dem Löschen: Passwort eingeben. Das Passwort bestätigt, dass Sie es sind. Passwort!",
                &[],
            ),
            ("sicherheit", "Sicherheit im Konto", "Wechseln Sie regelmäßig.", &["passwort"]),
            ("konto-passwort", "Konto-Passwort ändern", "Kurz erklärt.", &[]),
        ],
    )
    .await;
    let (found, total) = slugs(&store, &search(vec![exact("passwort")], public(Locale::De))).await;
    assert_eq!(total, 4);
    let mut titles = found[..2].to_vec();
    titles.sort();
    assert_eq!(titles, ["konto-passwort", "zuruecksetzen"], "title matches first");
    assert_eq!(found[2..], ["sicherheit", "konto-loeschen"], "then the tag match, then the body match");

    // Each word counts: the title holding both words comes before titles holding one.
    let (found, total) = slugs(&store, &search(vec![exact("passwort"), exact("konto")], public(Locale::De))).await;
    assert_eq!((found[0].as_str(), total), ("konto-passwort", 3));
    let (found, _) = slugs(&store, &search(vec![exact("zurucksetzen")], public(Locale::De))).await;
    assert_eq!(found, ["zuruecksetzen"], "umlauts fold the same way in the index and the query");
    assert_eq!(slugs(&store, &search(vec![exact("passwort")], public(Locale::En))).await, (vec![], 0));
}

async fn prefixes_and_compound_forms_match(store: Arc<dyn Store>) {
    let author = user(&store, Role::Agent).await;
    german(
        &store,
        &author,
        &[
            ("rechnung", "Rechnungsadresse ändern", "Unter Zahlungen.", &[]),
            ("passwort", "Passwortrichtlinie", "Mindestens zwölf Zeichen.", &[]),
            ("anmeldung", "Anmeldung", "Mit Passwort und Code.", &[]),
        ],
    )
    .await;
    let (found, _) = slugs(&store, &search(vec![prefix("rechn")], public(Locale::De))).await;
    assert_eq!(found, ["rechnung"]);
    let (found, _) = slugs(&store, &search(vec![prefix("pa")], public(Locale::De))).await;
    assert_eq!(found, ["passwort", "anmeldung"], "a two-letter prefix, the title match first");
    assert_eq!(slugs(&store, &search(vec![exact("rechn")], public(Locale::De))).await.1, 0, "exact is exact");

    // A split compound: both parts must occur (in any column), or the word itself.
    let compound = SearchWord {
        forms: vec![
            SearchForm { words: vec!["zahlungscode".into()], prefix: false },
            SearchForm { words: vec!["zahlungen".into(), "unter".into()], prefix: false },
        ],
    };
    let (found, _) = slugs(&store, &search(vec![compound], public(Locale::De))).await;
    assert_eq!(found, ["rechnung"]);
}

async fn any_word_finds_articles_with_one_of_the_words(store: Arc<dyn Store>) {
    let author = user(&store, Role::Agent).await;
    german(
        &store,
        &author,
        &[
            ("drucker", "Drucker einrichten", "Treiber laden.", &[]),
            ("scanner", "Scanner einrichten", "Software laden.", &[]),
            ("beides", "Drucker und Scanner", "Zusammen einrichten.", &[]),
        ],
    )
    .await;
    let words = vec![exact("drucker"), exact("scanner")];
    let (all, total) = slugs(&store, &search(words.clone(), public(Locale::De))).await;
    assert_eq!((all, total), (vec!["beides".to_string()], 1));
    let either = ArticleSearch { any_word: true, ..search(words, public(Locale::De)) };
    let (found, total) = slugs(&store, &either).await;
    assert_eq!(total, 3);
    assert_eq!(found[0], "beides", "both words in the title first");
    let mut rest = found[1..].to_vec();
    rest.sort();
    assert_eq!(rest, ["drucker", "scanner"]);
}

async fn titles_only_ignores_tags_and_bodies(store: Arc<dyn Store>) {
    let author = user(&store, Role::Agent).await;
    german(
        &store,
        &author,
        &[
            ("titel", "Versand verfolgen", "Die Sendungsnummer steht in der E-Mail.", &[]),
            ("text", "Lieferzeiten", "Der Versand dauert zwei Tage.", &["versand"]),
        ],
    )
    .await;
    let titles = ArticleSearch { titles_only: true, ..search(vec![prefix("vers")], public(Locale::De)) };
    assert_eq!(slugs(&store, &titles).await, (vec!["titel".to_string()], 1));
    let everywhere = search(vec![prefix("vers")], public(Locale::De));
    assert_eq!(slugs(&store, &everywhere).await.1, 2);
}

async fn category_and_language_filters_apply_with_totals_and_pages(store: Arc<dyn Store>) {
    let author = user(&store, Role::Agent).await;
    let billing = category(&store, "billing", None, 1).await;
    let refunds = category(&store, "refunds", Some(&billing), 1).await;
    let shipping = category(&store, "shipping", None, 2).await;
    let start = now() - Duration::hours(1);
    for (n, (slug, category)) in
        [("invoice-a", &billing), ("invoice-b", &refunds), ("invoice-c", &shipping), ("invoice-d", &billing)]
            .into_iter()
            .enumerate()
    {
        let mut record = article(&author, Locale::En, slug, "Your invoice", "Invoices arrive monthly.", &[]);
        record.content.category_id = Some(category.clone());
        record.created_at = start + Duration::minutes(n as i64);
        store.insert_article(&record).await.unwrap();
    }
    let mut german_one = article(&author, Locale::De, "rechnung", "Ihre Rechnung", "Invoice auf Englisch.", &[]);
    german_one.content.category_id = Some(billing.clone());
    store.insert_article(&german_one).await.unwrap();

    let in_billing = ArticleFilter { category_ids: Some(vec![billing.clone(), refunds.clone()]), ..public(Locale::En) };
    let (found, total) = slugs(&store, &search(vec![exact("invoice")], in_billing.clone())).await;
    assert_eq!(total, 3);
    assert_eq!(found, ["invoice-d", "invoice-b", "invoice-a"], "equal matches: newest change first");
    let second_page = ArticleFilter { limit: 2, offset: 2, ..in_billing };
    let (found, total) = slugs(&store, &search(vec![exact("invoice")], second_page)).await;
    assert_eq!((found, total), (vec!["invoice-a".to_string()], 3), "the total ignores the page");
    let (_, total) = slugs(&store, &search(vec![exact("invoice")], public(Locale::En))).await;
    assert_eq!(total, 4);
    let (found, _) = slugs(&store, &search(vec![exact("invoice")], public(Locale::De))).await;
    assert_eq!(found, ["rechnung"]);
    let any_language = ArticleFilter { lang: None, ..public(Locale::En) };
    assert_eq!(slugs(&store, &search(vec![exact("invoice")], any_language)).await.1, 5);
}

async fn search_syntax_never_reaches_the_engine(store: Arc<dyn Store>) {
    let author = user(&store, Role::Agent).await;
    german(&store, &author, &[("woerter", "Or and near", "Not this or that, near the station.", &[])]).await;
    for word in ["or", "and", "near", "not"] {
        let (found, _) = slugs(&store, &search(vec![exact(word)], public(Locale::De))).await;
        assert_eq!(found, ["woerter"], "{word} is a word");
    }
    let words = vec![exact("near"), exact("or"), prefix("stat")];
    assert_eq!(slugs(&store, &search(words, public(Locale::De))).await.1, 1);
    // Query syntax a caller let through is dropped, never run: quotes, stars, colons, parentheses, weights.
    for hostile in ["sta\"tion", "station\"*", "title:station", "(station)", "station':*A", "st'a''tion"] {
        let (found, _) = slugs(&store, &search(vec![exact(hostile)], public(Locale::De))).await;
        assert!(found.is_empty() || found == ["woerter"], "{hostile}: {found:?}");
    }
    assert_eq!(slugs(&store, &search(vec![exact("\"*:()")], public(Locale::De))).await, (vec![], 0));
    assert_eq!(slugs(&store, &search(vec![], public(Locale::De))).await, (vec![], 0));
    // The scope tokens are not words of the article.
    assert_eq!(slugs(&store, &search(vec![prefix("s")], public(Locale::De))).await.1, 1, "station, not s_published");
    assert_eq!(slugs(&store, &search(vec![exact("published")], public(Locale::De))).await.1, 0);
}

async fn status_changes_move_articles_in_and_out_of_public_search(store: Arc<dyn Store>) {
    let author = user(&store, Role::Agent).await;
    let mut record = article(&author, Locale::De, "export", "Daten exportieren", "Als CSV herunterladen.", &[]);
    record.status = ArticleStatus::Draft;
    store.insert_article(&record).await.unwrap();
    let words = vec![exact("exportieren")];
    assert_eq!(slugs(&store, &search(words.clone(), public(Locale::De))).await.1, 0, "drafts are not public");
    let staff = ArticleFilter { statuses: vec![ArticleStatus::Draft, ArticleStatus::InReview], ..public(Locale::De) };
    assert_eq!(slugs(&store, &search(words.clone(), staff.clone())).await.1, 1);
    let all_statuses = ArticleFilter { statuses: Vec::new(), ..public(Locale::De) };
    assert_eq!(slugs(&store, &search(words.clone(), all_statuses)).await.1, 1);

    let at = now();
    let publish = ArticleStatusChange {
        status: ArticleStatus::Published,
        published_at: Some(at),
        changed_at: at,
        search: record.search.clone(),
    };
    store.change_article_status(&record.id, &publish).await.unwrap();
    assert_eq!(slugs(&store, &search(words.clone(), public(Locale::De))).await.1, 1);
    assert_eq!(slugs(&store, &search(words.clone(), staff)).await.1, 0);
    let archive = ArticleStatusChange { status: ArticleStatus::Archived, ..publish.clone() };
    store.change_article_status(&record.id, &archive).await.unwrap();
    assert_eq!(slugs(&store, &search(words.clone(), public(Locale::De))).await.1, 0);
    let archived = ArticleFilter { statuses: vec![ArticleStatus::Archived], ..public(Locale::De) };
    assert_eq!(slugs(&store, &search(words, archived)).await.1, 1, "the text survives status changes");
}

async fn related_articles_share_tags_first_then_the_category(store: Arc<dyn Store>) {
    let author = user(&store, Role::Agent).await;
    let konto = category(&store, "konto", None, 1).await;
    let other = category(&store, "andere", None, 2).await;
    let start = now() - Duration::hours(1);
    let mut ids = std::collections::HashMap::new();
    let entries: [(&str, Locale, ArticleStatus, &str, &[&str]); 8] = [
        ("basis", Locale::De, ArticleStatus::Published, &konto, &["login", "passwort"]),
        ("zwei-tags", Locale::De, ArticleStatus::Published, &other, &["passwort", "login"]),
        ("ein-tag-gleiche-kategorie", Locale::De, ArticleStatus::Published, &konto, &["login"]),
        ("ein-tag", Locale::De, ArticleStatus::Published, &other, &["passwort"]),
        ("nur-kategorie", Locale::De, ArticleStatus::Published, &konto, &[]),
        ("fremd", Locale::De, ArticleStatus::Published, &other, &["drucker"]),
        ("entwurf", Locale::De, ArticleStatus::Draft, &konto, &["login", "passwort"]),
        ("englisch", Locale::En, ArticleStatus::Published, &konto, &["login", "passwort"]),
    ];
    for (n, (slug, lang, status, category, tags)) in entries.into_iter().enumerate() {
        let mut record = article(&author, lang, slug, slug, "Text.", tags);
        record.status = status;
        record.content.category_id = Some(category.to_string());
        record.created_at = start + Duration::minutes(n as i64);
        store.insert_article(&record).await.unwrap();
        ids.insert(slug, record.id);
    }
    let tags = vec!["login".to_string(), "passwort".to_string()];
    let related = store.related_articles(&ids["basis"], Locale::De, Some(&konto), &tags, 10).await.unwrap();
    let found: Vec<&str> = related.iter().map(|a| a.content.slug.as_str()).collect();
    assert_eq!(found, ["zwei-tags", "ein-tag-gleiche-kategorie", "ein-tag", "nur-kategorie"]);
    assert!(related.iter().all(|a| a.content.body_html.is_empty()));
    assert_eq!(related[0].content.tags, ["passwort", "login"]);
    let two = store.related_articles(&ids["basis"], Locale::De, Some(&konto), &tags, 2).await.unwrap();
    assert_eq!(two.len(), 2);
    let by_category = store.related_articles(&ids["basis"], Locale::De, Some(&konto), &[], 10).await.unwrap();
    let found: Vec<&str> = by_category.iter().map(|a| a.content.slug.as_str()).collect();
    assert_eq!(found, ["nur-kategorie", "ein-tag-gleiche-kategorie"], "newest first");
    assert!(store.related_articles(&ids["basis"], Locale::De, None, &[], 10).await.unwrap().is_empty());
}

async fn known_words_prefixes_and_typo_candidates_come_from_every_article(store: Arc<dyn Store>) {
    let author = user(&store, Role::Agent).await;
    let mut draft =
        article(&author, Locale::De, "passwort", "Passwort zurücksetzen", "Klicken Sie x auf Anmelden.", &["konto"]);
    draft.status = ArticleStatus::Draft;
    store.insert_article(&draft).await.unwrap();
    store
        .insert_article(&article(&author, Locale::En, "keys", "Keyboard shortcuts", "Press K.", &["keys"]))
        .await
        .unwrap();

    let asked: Vec<String> = ["passwort", "zurucksetzen", "klicken", "konto", "fehlt", "x", "keyboard"]
        .iter()
        .map(|w| w.to_string())
        .collect();
    let known = store.known_search_words(&asked).await.unwrap();
    let expected: HashSet<String> =
        ["passwort", "zurucksetzen", "klicken", "konto", "keyboard"].iter().map(|w| w.to_string()).collect();
    assert_eq!(known, expected, "drafts count, one-letter words are not kept");
    assert!(store.search_word_prefix_exists("zuru").await.unwrap());
    assert!(store.search_word_prefix_exists("anmelden").await.unwrap());
    assert!(!store.search_word_prefix_exists("zz").await.unwrap());
    let candidates = store.search_words_starting_with('k', 4, 7, 10).await.unwrap();
    assert_eq!(candidates, ["keys", "klicken", "konto"], "keyboard is too long, in order");
    assert_eq!(store.search_words_starting_with('k', 4, 7, 1).await.unwrap(), ["keys"]);
}

async fn reindexing_replaces_the_indexed_words(store: Arc<dyn Store>) {
    let author = user(&store, Role::Agent).await;
    let mut first = article(&author, Locale::De, "alt", "Alter Titel", "Veralteter Inhalt.", &[]);
    first.id = "kb-a".into();
    let mut second = article(&author, Locale::De, "zweit", "Zweiter Artikel", "Mehr Inhalt.", &["etikett"]);
    second.id = "kb-b".into();
    second.status = ArticleStatus::Draft;
    store.insert_article(&first).await.unwrap();
    store.insert_article(&second).await.unwrap();

    let page = store.article_contents_after(None, 1).await.unwrap();
    assert_eq!((page.len(), page[0].0.as_str()), (1, "kb-a"));
    assert_eq!(page[0].1, first.content);
    let rest = store.article_contents_after(Some("kb-a"), 10).await.unwrap();
    assert_eq!(rest.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>(), ["kb-b"]);
    assert_eq!(rest[0].1.tags, ["etikett"]);
    assert!(store.article_contents_after(Some("kb-b"), 10).await.unwrap().is_empty());

    let renewed = vec![
        ("kb-a".to_string(), search_text("Neuer Titel", &[], "Frischer Inhalt.")),
        ("kb-b".to_string(), search_text("Zweiter Artikel", &[], "Frischer Entwurf.")),
    ];
    let unfinished = replace_index(&store, renewed.clone(), false).await.unwrap_err();
    assert!(unfinished.to_string().contains("interrupted"), "{unfinished}");
    assert_eq!(
        slugs(&store, &search(vec![exact("veralteter")], public(Locale::De))).await.1,
        1,
        "unfinished: old index kept"
    );
    assert_eq!(replace_index(&store, renewed, true).await.unwrap(), 2);
    assert_eq!(slugs(&store, &search(vec![exact("veralteter")], public(Locale::De))).await.1, 0);
    assert_eq!(slugs(&store, &search(vec![exact("neuer")], public(Locale::De))).await.0, ["alt"]);
    assert_eq!(
        slugs(&store, &search(vec![exact("frischer")], public(Locale::De))).await.0,
        ["alt"],
        "the draft stays out of public search"
    );
    assert_eq!(slugs(&store, &search(vec![exact("frischer")], everything())).await.1, 2);
    let known = store.known_search_words(&["frischer".to_string(), "veralteter".to_string()]).await.unwrap();
    assert_eq!(known.len(), 2, "new words are added; old ones stay (a stale word costs a wasted correction)");
}

/// Feeds `articles` to `replace_search_index` in two batches, then the end marker unless `complete` is false.
async fn replace_index(
    store: &Arc<dyn Store>,
    mut articles: Vec<(String, ArticleSearchText)>,
    complete: bool,
) -> Result<u64, tidings::store::DbError> {
    let (send, receive) = tokio::sync::mpsc::channel(4);
    let rest = articles.split_off(1);
    send.send(ReindexBatch::Articles(articles)).await.unwrap();
    send.send(ReindexBatch::Articles(rest)).await.unwrap();
    if complete {
        send.send(ReindexBatch::Complete).await.unwrap();
    }
    drop(send);
    store.replace_search_index(receive).await
}

/// The index holds exactly the words folding made: letters of any script, digits, and words of both.
async fn words_in_other_scripts_and_with_digits_are_found(store: Arc<dyn Store>) {
    let author = user(&store, Role::Agent).await;
    german(&store, &author, &[("kyrillisch", "Пароль сбросить", "Windows 11 und win11pro: Passwort", &[])]).await;
    for word in [exact("пароль"), prefix("сбр"), exact("win11pro"), exact("11")] {
        let (found, total) = slugs(&store, &search(vec![word.clone()], public(Locale::De))).await;
        assert_eq!((found, total), (vec!["kyrillisch".to_string()], 1), "searching {word:?}");
    }
    let (found, _) = slugs(&store, &search(vec![exact("пар")], public(Locale::De))).await;
    assert!(found.is_empty(), "a part of a word is no word");
}
