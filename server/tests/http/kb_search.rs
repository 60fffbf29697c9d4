//! Help-center search over REST on a fixed corpus in English and German (tests/corpus/kb/relevance.json): the
//! article a person is looking for comes first despite typos, missing umlauts, compounds and query syntax; title
//! autocomplete; the articles suggested beside a ticket.

use crate::common;

use common::kb::*;
use common::tickets::{customer_ticket, id_of, sign_in};
use common::TestApp;
use serde_json::{json, Value};

on_both_backends!(
    the_expected_article_comes_first_for_every_corpus_query,
    autocomplete_offers_titles_as_you_type,
    a_ticket_is_shown_the_articles_about_its_subject_and_message,
);

fn corpus() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/corpus/kb/relevance.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("relevance corpus")).expect("corpus JSON")
}

async fn load_corpus(app: &TestApp) -> Value {
    let corpus = corpus();
    let admin = app.admin().await;
    for article in corpus["articles"].as_array().unwrap() {
        let mut body = article.clone();
        body["body_markdown"] = body.as_object_mut().unwrap().remove("body").unwrap();
        body["status"] = json!("published");
        let created = create_article(app, &admin, body).await;
        assert_eq!(created["slug"], article["slug"], "the corpus slugs are the generated ones");
    }
    // A draft that matches everything must never show up.
    create_article(
        app,
        &admin,
        json!({"lang": "de", "title": "Passwort zurücksetzen (Entwurf)", "body": "passwort zertifikat rechnung"}),
    )
    .await;
    corpus
}

async fn the_expected_article_comes_first_for_every_corpus_query(app: TestApp) {
    let corpus = load_corpus(&app).await;
    let visitor = anonymous(&app);
    let mut misses = Vec::new();
    let queries = corpus["queries"].as_array().unwrap();
    for query in queries {
        let (lang, q, first) =
            (query["lang"].as_str().unwrap(), query["q"].as_str().unwrap(), query["first"].as_str().unwrap());
        let path = format!("?lang={lang}&q={}", urlencode(q));
        let slugs = listed_slugs(&app, &visitor, &path).await;
        assert!(!slugs.iter().any(|slug| slug.contains("entwurf")), "a draft was found for {q:?}: {slugs:?}");
        if slugs.first().map(String::as_str) != Some(first) {
            misses.push(format!("{q:?} ({}) -> {slugs:?}, expected {first}", query["why"].as_str().unwrap()));
        }
    }
    println!("kb relevance: {}/{} queries put the expected article first", queries.len() - misses.len(), queries.len());
    assert!(misses.is_empty(), "misses:\n{}", misses.join("\n"));
}

async fn autocomplete_offers_titles_as_you_type(app: TestApp) {
    load_corpus(&app).await;
    let visitor = anonymous(&app);
    let suggest = |q: &'static str| {
        let client = visitor.clone();
        let url = app.url(&format!("/api/v1/kb/suggest?lang=de&q={}", urlencode(q)));
        async move {
            let answer: Value = client.get(url).send().await.unwrap().json().await.unwrap();
            answer.as_array().unwrap().iter().map(|s| s["slug"].as_str().unwrap().to_string()).collect::<Vec<_>>()
        }
    };
    assert_eq!(suggest("Zert").await.first().map(String::as_str), Some("zertifikat-herunterladen"));
    assert_eq!(suggest("passwort zur").await.first().map(String::as_str), Some("passwort-zuruecksetzen"));
    assert_eq!(suggest("Abo").await.first().map(String::as_str), Some("abonnement-kuendigen"));
    assert!(suggest("\"*)(").await.is_empty(), "punctuation alone finds nothing and is no error");
}

async fn a_ticket_is_shown_the_articles_about_its_subject_and_message(app: TestApp) {
    load_corpus(&app).await;
    let admin = app.admin().await;
    let (customer, _) = sign_in(&app, &admin, "kb-asker@example.com", "customer").await;
    let (agent, _) = sign_in(&app, &admin, "kb-helper@example.com", "agent").await;
    let ticket = customer_ticket(&app, &customer, "Ich habe mein Passwort vergessen").await;
    let path = format!("/api/v1/tickets/{}/article-suggestions", id_of(&ticket));
    let answer: Value = agent.get(app.url(&path)).send().await.unwrap().json().await.unwrap();
    let slugs: Vec<&str> = answer["items"].as_array().unwrap().iter().map(|a| a["slug"].as_str().unwrap()).collect();
    assert_eq!(slugs.first(), Some(&"passwort-zuruecksetzen"), "{slugs:?}");
    assert!(slugs.len() <= 5);
    // Suggestions are a staff tool: the customer is refused.
    assert_eq!(customer.get(app.url(&path)).send().await.unwrap().status(), 403);
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
