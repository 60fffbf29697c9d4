//! The knowledge base in the store (articles, versions, workflow, votes, categories, images), on SQLite and
//! PostgreSQL alike. Search is in `kb_search_contract.rs`, which builds its articles with the helpers here.

use crate::common;

use common::fixtures::{unique, user};

use chrono::Duration;
use std::sync::Arc;
use tidings::domain::kb::search_text::fold;
use tidings::domain::kb::ArticleStatus;
use tidings::domain::{Locale, Role};
use tidings::service::now;
use tidings::store::{
    ArticleContent, ArticleFilter, ArticleSave, ArticleSearchText, ArticleStatusChange, DbError, KbCategoryRecord,
    KbImageRecord, NewArticleRecord, Store,
};

contract!(
    articles_round_trip_by_id_slug_and_translation_group,
    slugs_are_unique_per_language_and_references_must_exist,
    a_save_from_a_stale_version_is_refused_and_history_is_kept_newest_first,
    status_changes_keep_the_first_publication,
    lists_are_newest_first_filtered_with_tags_and_without_bodies,
    votes_count_once_per_voter_and_a_changed_vote_moves,
    categories_list_by_position_and_count_published_articles_per_language,
    images_round_trip,
);

/// A published article in `lang` by `author`, its search text folded as the services fold it.
pub fn article(author: &str, lang: Locale, slug: &str, title: &str, body: &str, tags: &[&str]) -> NewArticleRecord {
    let tags: Vec<String> = tags.iter().map(|tag| tag.to_string()).collect();
    NewArticleRecord {
        id: unique("article"),
        translation_group: unique("group"),
        lang,
        status: ArticleStatus::Published,
        search: search_text(title, &tags, body),
        content: ArticleContent {
            slug: slug.into(),
            title: title.into(),
            excerpt: body.chars().take(40).collect(),
            body_markdown: body.into(),
            body_html: format!("<p>{body}</p>"),
            toc_json: "[]".into(),
            category_id: None,
            tags,
        },
        author_id: author.into(),
        created_at: now(),
    }
}

pub fn search_text(title: &str, tags: &[String], body: &str) -> ArticleSearchText {
    ArticleSearchText { title: fold(title), tags: fold(&tags.join(" ")), body: fold(body) }
}

pub async fn category(store: &Arc<dyn Store>, slug: &str, parent: Option<&str>, position: i64) -> String {
    let id = unique("category");
    let record = KbCategoryRecord {
        id: id.clone(),
        parent_id: parent.map(str::to_string),
        slug: slug.into(),
        name: format!("{slug} (en)"),
        name_de: Some(format!("{slug} (de)")),
        position,
        created_at: now(),
    };
    store.insert_kb_category(&record).await.unwrap();
    id
}

/// Every status, any language, 50 at a time.
pub fn everything() -> ArticleFilter {
    ArticleFilter { limit: 50, ..ArticleFilter::default() }
}

async fn articles_round_trip_by_id_slug_and_translation_group(store: Arc<dyn Store>) {
    let author = user(&store, Role::Agent).await;
    let help = category(&store, "konto", None, 1).await;
    let mut german = article(
        &author,
        Locale::De,
        "passwort-zuruecksetzen",
        "Passwort zurücksetzen",
        "Öffnen Sie die Anmeldeseite.",
        &["konto", "passwort"],
    );
    german.content.category_id = Some(help.clone());
    german.content.toc_json = r#"[{"level":2,"text":"Schritte","anchor":"schritte"}]"#.into();
    store.insert_article(&german).await.unwrap();
    let mut english =
        article(&author, Locale::En, "reset-password", "Reset your password", "Open the sign-in page.", &["account"]);
    english.translation_group = german.translation_group.clone();
    store.insert_article(&english).await.unwrap();

    let found = store.find_article(&german.id).await.unwrap().expect("stored");
    assert_eq!(found.content, german.content, "content, tags in their order and the table of contents");
    assert_eq!((found.lang, found.status, found.version), (Locale::De, ArticleStatus::Published, 1));
    assert_eq!(found.category_name.as_deref(), Some("konto (en)"));
    assert_eq!(found.category_name_de.as_deref(), Some("konto (de)"));
    assert_eq!((found.author_id.as_str(), found.author_name.as_str()), (author.as_str(), author.as_str()));
    assert_eq!((found.views, found.helpful, found.not_helpful), (0, 0, 0));
    assert_eq!(found.created_at, german.created_at);
    assert_eq!(found.updated_at, german.created_at);
    assert_eq!(found.published_at, Some(german.created_at), "inserted as published");

    let by_slug = store.find_article_by_slug(Locale::De, "passwort-zuruecksetzen").await.unwrap().unwrap();
    assert_eq!(by_slug.id, german.id);
    assert!(store.find_article_by_slug(Locale::En, "passwort-zuruecksetzen").await.unwrap().is_none());
    assert!(store.find_article("no-such-article").await.unwrap().is_none());

    let translations = store.list_translations(&german.translation_group).await.unwrap();
    let langs: Vec<(Locale, &str)> = translations.iter().map(|a| (a.lang, a.content.slug.as_str())).collect();
    assert_eq!(langs, [(Locale::De, "passwort-zuruecksetzen"), (Locale::En, "reset-password")]);

    store.record_article_view(&german.id).await.unwrap();
    store.record_article_view(&german.id).await.unwrap();
    assert_eq!(store.find_article(&german.id).await.unwrap().unwrap().views, 2);
}

async fn slugs_are_unique_per_language_and_references_must_exist(store: Arc<dyn Store>) {
    let author = user(&store, Role::Agent).await;
    let first = article(&author, Locale::De, "rechnung", "Rechnung herunterladen", "Unter Konto.", &[]);
    store.insert_article(&first).await.unwrap();

    let same_slug = article(&author, Locale::De, "rechnung", "Rechnungen", "Anders.", &[]);
    assert!(matches!(store.insert_article(&same_slug).await, Err(DbError::Conflict(_))));
    let other_language = article(&author, Locale::En, "rechnung", "Download an invoice", "Under account.", &[]);
    store.insert_article(&other_language).await.expect("the same slug in the other language is fine");

    let mut second_german = article(&author, Locale::De, "rechnung-2", "Rechnung", "Noch eine.", &[]);
    second_german.translation_group = first.translation_group.clone();
    assert!(
        matches!(store.insert_article(&second_german).await, Err(DbError::Conflict(_))),
        "a translation group holds one article per language"
    );

    let mut unknown_category = article(&author, Locale::De, "ohne", "Ohne Kategorie", "Text.", &[]);
    unknown_category.content.category_id = Some("no-such-category".into());
    assert!(matches!(store.insert_article(&unknown_category).await, Err(DbError::MissingReference(_))));
    assert!(store.find_article(&unknown_category.id).await.unwrap().is_none(), "nothing of it was kept");

    category(&store, "billing", None, 1).await;
    let taken = KbCategoryRecord {
        id: unique("category"),
        parent_id: None,
        slug: "billing".into(),
        name: "Billing".into(),
        name_de: None,
        position: 2,
        created_at: now(),
    };
    assert!(matches!(store.insert_kb_category(&taken).await, Err(DbError::Conflict(_))));
    let orphan =
        KbCategoryRecord { id: unique("category"), slug: "orphan".into(), parent_id: Some("nope".into()), ..taken };
    assert!(matches!(store.insert_kb_category(&orphan).await, Err(DbError::MissingReference(_))));

    // A save to a slug taken in the language is refused too, and leaves the article as it was.
    let mut content = other_language.content.clone();
    content.slug = "rechnung".into();
    let save = ArticleSave {
        expected_version: 1,
        content: content.clone(),
        search: search_text("x", &[], "y"),
        author_id: author.clone(),
        saved_at: now(),
    };
    store.save_article(&other_language.id, &save).await.expect("its own language has no rechnung in English");
    let mut clash = first.content.clone();
    clash.slug = "rechnung".into();
    let mut german_two = article(&author, Locale::De, "gutschrift", "Gutschrift", "Text.", &[]);
    german_two.translation_group = unique("group");
    store.insert_article(&german_two).await.unwrap();
    let clash_save = ArticleSave { expected_version: 1, content: clash, ..save };
    assert!(matches!(store.save_article(&german_two.id, &clash_save).await, Err(DbError::Conflict(_))));
    assert_eq!(store.find_article(&german_two.id).await.unwrap().unwrap().version, 1);
}

async fn a_save_from_a_stale_version_is_refused_and_history_is_kept_newest_first(store: Arc<dyn Store>) {
    let writer = user(&store, Role::Agent).await;
    let editor = user(&store, Role::Admin).await;
    let start = now() - Duration::minutes(10);
    let mut original = article(&writer, Locale::De, "zwei-faktor", "Zwei-Faktor", "Erster Entwurf.", &["sicherheit"]);
    original.status = ArticleStatus::Draft;
    original.created_at = start;
    store.insert_article(&original).await.unwrap();

    let mut content = original.content.clone();
    content.title = "Zwei-Faktor-Anmeldung einrichten".into();
    content.body_markdown = "Öffnen Sie **Sicherheit**.".into();
    content.tags = vec!["sicherheit".into(), "2fa".into()];
    let saved_at = start + Duration::minutes(5);
    let save = ArticleSave {
        expected_version: 1,
        content: content.clone(),
        search: search_text(&content.title, &content.tags, &content.body_markdown),
        author_id: editor.clone(),
        saved_at,
    };
    assert_eq!(store.save_article(&original.id, &save).await.unwrap(), Some(2));
    assert_eq!(store.save_article(&original.id, &save).await.unwrap(), None, "version 1 is stale now");
    assert_eq!(store.save_article("no-such-article", &save).await.unwrap(), None);

    let stored = store.find_article(&original.id).await.unwrap().unwrap();
    assert_eq!((stored.version, stored.content.clone()), (2, content.clone()));
    assert_eq!(stored.updated_at, saved_at);
    assert_eq!(stored.created_at, start);

    let versions = store.list_article_versions(&original.id).await.unwrap();
    let summary: Vec<(i64, &str, &str)> =
        versions.iter().map(|v| (v.version, v.title.as_str(), v.author_name.as_str())).collect();
    assert_eq!(
        summary,
        [(2, "Zwei-Faktor-Anmeldung einrichten", editor.as_str()), (1, "Zwei-Faktor", writer.as_str())]
    );
    assert_eq!(versions[0].tags, ["sicherheit", "2fa"]);
    assert_eq!(versions[1].body_markdown, "Erster Entwurf.");
    assert_eq!(versions[1].created_at, start);
    let first = store.find_article_version(&original.id, 1).await.unwrap().unwrap();
    assert_eq!(first, versions[1]);
    assert!(store.find_article_version(&original.id, 3).await.unwrap().is_none());
}

async fn status_changes_keep_the_first_publication(store: Arc<dyn Store>) {
    let author = user(&store, Role::Agent).await;
    let mut draft = article(&author, Locale::En, "refunds", "Refunds", "How refunds work.", &[]);
    draft.status = ArticleStatus::Draft;
    store.insert_article(&draft).await.unwrap();
    assert_eq!(store.find_article(&draft.id).await.unwrap().unwrap().published_at, None);

    let first = now() + Duration::minutes(1);
    let search = draft.search.clone();
    let publish = ArticleStatusChange {
        status: ArticleStatus::Published,
        published_at: Some(first),
        changed_at: first,
        search: search.clone(),
    };
    assert!(store.change_article_status(&draft.id, &publish).await.unwrap());
    let later = first + Duration::minutes(1);
    let archive = ArticleStatusChange { status: ArticleStatus::Archived, changed_at: later, ..publish };
    assert!(store.change_article_status(&draft.id, &archive).await.unwrap());
    let again =
        ArticleStatusChange { status: ArticleStatus::Published, published_at: Some(later), changed_at: later, search };
    assert!(store.change_article_status(&draft.id, &again).await.unwrap());
    let stored = store.find_article(&draft.id).await.unwrap().unwrap();
    assert_eq!((stored.status, stored.published_at, stored.updated_at), (ArticleStatus::Published, Some(first), later));
    assert_eq!(stored.version, 1, "a status change is no new version");
    assert!(!store.change_article_status("no-such-article", &again).await.unwrap());
}

async fn lists_are_newest_first_filtered_with_tags_and_without_bodies(store: Arc<dyn Store>) {
    let author = user(&store, Role::Agent).await;
    let billing = category(&store, "billing", None, 1).await;
    let at = now() - Duration::hours(1);
    let mut ids = Vec::new();
    for (n, (lang, status)) in [
        (Locale::En, ArticleStatus::Published),
        (Locale::De, ArticleStatus::Published),
        (Locale::En, ArticleStatus::Draft),
        (Locale::En, ArticleStatus::Published),
    ]
    .into_iter()
    .enumerate()
    {
        let mut record = article(&author, lang, &format!("a-{n}"), &format!("Article {n}"), "Body text.", &["b", "a"]);
        record.status = status;
        record.created_at = at + Duration::minutes(n as i64);
        record.content.category_id = (n != 3).then(|| billing.clone());
        store.insert_article(&record).await.unwrap();
        ids.push(record.id);
    }
    let (all, total) = store.list_articles(&everything()).await.unwrap();
    assert_eq!(total, 4);
    let listed: Vec<&str> = all.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(listed, [&ids[3], &ids[2], &ids[1], &ids[0]]);
    assert!(all.iter().all(|a| a.content.body_markdown.is_empty() && a.content.body_html.is_empty()));
    assert!(all.iter().all(|a| a.content.toc_json.is_empty() && a.content.tags == ["b", "a"]));

    let public = ArticleFilter { statuses: vec![ArticleStatus::Published], lang: Some(Locale::En), ..everything() };
    let (page, total) = store.list_articles(&ArticleFilter { limit: 1, offset: 1, ..public.clone() }).await.unwrap();
    assert_eq!((page.len(), page[0].id.as_str(), total), (1, ids[0].as_str(), 2));
    let in_billing = ArticleFilter { category_ids: Some(vec![billing.clone()]), ..public.clone() };
    let (page, total) = store.list_articles(&in_billing).await.unwrap();
    assert_eq!((page[0].id.as_str(), total), (ids[0].as_str(), 1));
    let nowhere = ArticleFilter { category_ids: Some(Vec::new()), ..public };
    assert_eq!(store.list_articles(&nowhere).await.unwrap().1, 0);
}

async fn votes_count_once_per_voter_and_a_changed_vote_moves(store: Arc<dyn Store>) {
    let author = user(&store, Role::Agent).await;
    let record = article(&author, Locale::De, "hilfe", "Hilfe", "Text.", &[]);
    store.insert_article(&record).await.unwrap();
    let at = now();
    let vote = |voter: &'static str, helpful: bool| {
        let store = store.clone();
        let id = record.id.clone();
        async move { store.record_article_vote(&id, voter, helpful, at).await.unwrap() }
    };
    assert_eq!(vote("visitor-a", true).await, Some((1, 0)));
    assert_eq!(vote("visitor-a", true).await, Some((1, 0)), "the same vote again counts once");
    assert_eq!(vote("visitor-a", false).await, Some((0, 1)), "a changed vote moves");
    assert_eq!(vote("visitor-b", false).await, Some((0, 2)));
    assert_eq!(vote("visitor-c", true).await, Some((1, 2)));
    let stored = store.find_article(&record.id).await.unwrap().unwrap();
    assert_eq!((stored.helpful, stored.not_helpful), (1, 2));
    assert_eq!(store.record_article_vote("no-such-article", "visitor-a", true, at).await.unwrap(), None);
}

async fn categories_list_by_position_and_count_published_articles_per_language(store: Arc<dyn Store>) {
    let author = user(&store, Role::Agent).await;
    let second = category(&store, "zahlung", None, 2).await;
    let first = category(&store, "konto", None, 1).await;
    let child = category(&store, "passwort", Some(&first), 1).await;
    let listed = store.list_kb_categories().await.unwrap();
    let order: Vec<(&str, Option<&str>)> = listed.iter().map(|c| (c.id.as_str(), c.parent_id.as_deref())).collect();
    assert_eq!(order, [(first.as_str(), None), (child.as_str(), Some(first.as_str())), (second.as_str(), None)]);
    assert_eq!(listed[0].name_de.as_deref(), Some("konto (de)"));

    let place = |slug: &str, lang: Locale, status: ArticleStatus, category: &str| {
        let mut record = article(&author, lang, slug, slug, "Text.", &[]);
        record.status = status;
        record.content.category_id = Some(category.to_string());
        record
    };
    for record in [
        place("a", Locale::De, ArticleStatus::Published, &first),
        place("b", Locale::De, ArticleStatus::Published, &first),
        place("c", Locale::De, ArticleStatus::Draft, &first),
        place("d", Locale::En, ArticleStatus::Published, &first),
        place("e", Locale::De, ArticleStatus::Published, &child),
        place("f", Locale::De, ArticleStatus::Archived, &second),
    ] {
        store.insert_article(&record).await.unwrap();
    }
    let mut counts = store.count_published_articles(Locale::De).await.unwrap();
    counts.sort();
    let mut expected = vec![(first.clone(), 2), (child.clone(), 1)];
    expected.sort();
    assert_eq!(counts, expected, "drafts, archived and English articles are not counted");
    assert_eq!(store.count_published_articles(Locale::En).await.unwrap(), [(first, 1)]);
}

async fn images_round_trip(store: Arc<dyn Store>) {
    let author = user(&store, Role::Agent).await;
    let image = KbImageRecord {
        id: unique("image"),
        file_name: "anmeldung.png".into(),
        content_type: "image/png".into(),
        size_bytes: 48_213,
        blob_key: "ab".repeat(32),
        uploaded_by: author,
        created_at: now(),
    };
    store.insert_kb_image(&image).await.unwrap();
    assert_eq!(store.find_kb_image(&image.id).await.unwrap(), Some(image.clone()));
    assert!(store.find_kb_image("no-such-image").await.unwrap().is_none());
    let stranger = KbImageRecord { id: unique("image"), uploaded_by: "nobody".into(), ..image };
    assert!(matches!(store.insert_kb_image(&stranger).await, Err(DbError::MissingReference(_))));
}
