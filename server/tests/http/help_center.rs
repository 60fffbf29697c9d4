//! The public help center as a browser without JavaScript and a search engine see it: server-rendered pages
//! with their meta tags, the language fallback, the "Was this helpful?" form, the sitemap and robots.txt.

use crate::common;

use common::pages::{location, page, post_urlencoded};
use common::{set_cookie_value, TestApp};
use reqwest::Client;
use serde_json::{json, Value};

on_both_backends!(
    help_center_article_page_renders_for_search_engines,
    help_center_hides_drafts_and_archived_articles,
    help_center_falls_back_to_the_other_language_with_a_notice,
    help_center_votes_without_javascript_count_once_per_visitor,
    help_center_sitemap_and_robots_list_public_pages,
);

async fn create_category(app: &TestApp, admin: &Client, body: Value) -> Value {
    let response = admin.post(app.url("/api/v1/kb/categories")).json(&body).send().await.unwrap();
    assert_eq!(response.status(), 201, "create category {body}");
    response.json().await.unwrap()
}

async fn create_article(app: &TestApp, admin: &Client, body: Value) -> Value {
    let response = admin.post(app.url("/api/v1/kb/articles")).json(&body).send().await.unwrap();
    assert_eq!(response.status(), 201, "create article {body}");
    response.json().await.unwrap()
}

/// An English article "Reset your password" in Account > Passwords, with a German translation.
async fn translated_article(app: &TestApp, admin: &Client) -> (Value, Value) {
    let account = create_category(app, admin, json!({"name": "Account", "name_de": "Konto", "slug": "account"})).await;
    let passwords = create_category(
        app,
        admin,
        json!({"name": "Passwords", "name_de": "Passwörter", "slug": "passwords", "parent_id": account["id"]}),
    )
    .await;
    let english = create_article(
        app,
        admin,
        json!({
            "lang": "en", "title": "Reset your password", "slug": "reset-your-password",
            "excerpt": "How to choose a new password when you forgot yours.",
            "body_markdown": "Forgot it? No problem.\n\n## Open the sign-in page\n\nClick **Forgot password**.\n\n### On a phone\n\nTap the link.\n",
            "category_id": passwords["id"], "tags": ["password", "sign-in"], "status": "published"
        }),
    )
    .await;
    let german = create_article(
        app,
        admin,
        json!({
            "lang": "de", "title": "Passwort zurücksetzen", "slug": "passwort-zuruecksetzen",
            "excerpt": "So wählen Sie ein neues Passwort.", "body_markdown": "Passwort vergessen? Kein Problem.\n",
            "category_id": passwords["id"], "translation_of": english["id"], "status": "published"
        }),
    )
    .await;
    (english, german)
}

/// Whether the HTML has a `<tag ...>` carrying every one of `attributes` (in any order).
fn has_tag(html: &str, tag: &str, attributes: &[&str]) -> bool {
    html.split(&format!("<{tag} ")).skip(1).any(|rest| {
        let element = rest.split('>').next().unwrap_or_default();
        // Head links are absolute URLs on this test server's origin; compare their paths.
        let element = match element.split_once("href=\"http://") {
            Some((before, after)) => {
                format!("{before}href=\"/{}", after.split_once('/').map_or("", |(_, path)| path))
            }
            None => element.to_string(),
        };
        attributes.iter().all(|attribute| element.contains(attribute))
    })
}

/// The number in the page's "N views".
fn views_in(html: &str) -> i64 {
    let before = html.split(" views<").next().unwrap_or_default();
    let digits: String = before.chars().rev().take_while(char::is_ascii_digit).collect();
    digits.chars().rev().collect::<String>().parse().expect("a view count")
}

async fn help_center_article_page_renders_for_search_engines(app: TestApp) {
    let admin = app.admin().await;
    let (english, _) = translated_article(&app, &admin).await;
    let visitor = app.browser();
    let (status, html) = page(&app, &visitor, "/help/en/articles/reset-your-password").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("<html lang=\"en\""), "the page speaks English");
    assert!(html.contains("Reset your password</h1>"), "one h1 with the title");
    assert_eq!(html.matches("<h1").count(), 1, "exactly one h1");
    assert!(html.contains("<strong>Forgot password</strong>"), "the rendered body");
    let toc = english["toc"].as_array().expect("toc");
    assert_eq!(toc.len(), 2, "{toc:?}");
    for entry in toc {
        let id = entry["id"].as_str().unwrap();
        assert!(html.contains(&format!("href=\"#{id}\"")), "toc links to #{id}");
        assert!(html.contains(&format!("id=\"{id}\"")), "the body carries #{id}");
    }
    assert!(html.contains("href=\"/help/en\""), "breadcrumb to the help center");
    assert!(html.contains("href=\"/help/en/categories/account\""), "breadcrumb to the parent topic");
    assert!(html.contains("href=\"/help/en/categories/passwords\""), "breadcrumb to the topic");
    assert!(has_tag(
        &html,
        "meta",
        &["name=\"description\"", "content=\"How to choose a new password when you forgot yours.\""]
    ));
    assert!(has_tag(&html, "link", &["rel=\"canonical\"", "href=\"/help/en/articles/reset-your-password\""]));
    let absolute = format!("href=\"{}/help/en/articles/reset-your-password\"", app.base);
    assert!(html.contains(&absolute), "canonical and hreflang links are absolute URLs");
    assert!(has_tag(
        &html,
        "link",
        &["rel=\"alternate\"", "hreflang=\"de\"", "href=\"/help/de/articles/passwort-zuruecksetzen\""]
    ));
    assert!(has_tag(
        &html,
        "link",
        &["rel=\"alternate\"", "hreflang=\"en\"", "href=\"/help/en/articles/reset-your-password\""]
    ));
    assert!(html.contains("<title>Reset your password"), "the title");
    assert!(html.contains("1 view"), "this render counted a view");
    assert!(html.contains(">password</li>") && html.contains(">sign-in</li>"), "tags");
    assert!(has_tag(&html, "form", &["method=\"post\"", "action=\"/help/en/articles/reset-your-password/vote\""]));
    let (_, again) = page(&app, &visitor, "/help/en/articles/reset-your-password").await;
    assert!(again.contains("2 views"), "each render counts");

    let (status, german) = page(&app, &visitor, "/help/de/articles/passwort-zuruecksetzen").await;
    assert_eq!(status, 200);
    assert!(german.contains("<html lang=\"de\"") && german.contains("Passwort zurücksetzen</h1>"));
    assert!(german.contains("href=\"/help/de/categories/passwords\"") && german.contains(">Passwörter</a>"));
    assert!(german.contains("Aktualisiert") && german.contains("War dieser Artikel hilfreich?"), "German words");

    let (status, home) = page(&app, &visitor, "/help/en").await;
    assert_eq!(status, 200);
    assert!(!home.contains("Loading…"), "rendered completely on the server");
    assert!(
        home.contains("href=\"/help/en/categories/account\"")
            && home.contains("href=\"/help/en/categories/passwords\"")
    );
    assert!(home.contains("1 article"), "topic counts include subtopics");
    assert!(home.contains("href=\"/help/en/articles/reset-your-password\""), "newest articles");
    assert!(has_tag(&home, "form", &["method=\"get\"", "action=\"/help/en/search\""]), "search works without JS");
    assert!(has_tag(&home, "link", &["rel=\"alternate\"", "hreflang=\"x-default\"", "href=\"/help\""]));
    let (status, topic) = page(&app, &visitor, "/help/en/categories/account").await;
    assert_eq!(status, 200);
    let main = topic.split("<main").nth(1).unwrap_or_default();
    assert!(main.contains("Account</h1>") && main.contains("href=\"/help/en/articles/reset-your-password\""), "{main}");
    assert!(has_tag(&topic, "link", &["rel=\"canonical\"", "href=\"/help/en/categories/account\""]));
    let (status, results) = page(&app, &visitor, "/help/en/search?q=pasword").await;
    assert_eq!(status, 200);
    assert!(results.contains("href=\"/help/en/articles/reset-your-password\""), "forgiving search finds it");
    assert!(results.contains("Passwords"), "results name the topic");
    for missing in [
        "/help/fr",
        "/help/fr/articles/reset-your-password",
        "/help/en/articles/no-such-article",
        "/help/en/categories/nope",
    ] {
        let (status, html) = page(&app, &visitor, missing).await;
        assert_eq!(status, 404, "{missing}");
        assert!(html.contains("Page not found"), "{missing}");
    }
}

async fn help_center_hides_drafts_and_archived_articles(app: TestApp) {
    let admin = app.admin().await;
    let body = |slug: &str, status: &str| {
        json!({"lang": "en", "title": format!("Zebra crossing {slug}"), "slug": slug,
               "body_markdown": "All about zebras.", "status": status})
    };
    create_article(&app, &admin, body("zebra-public", "published")).await;
    create_article(&app, &admin, body("zebra-draft", "draft")).await;
    let archived = create_article(&app, &admin, body("zebra-archived", "published")).await;
    let id = archived["id"].as_str().unwrap();
    let response = admin.post(app.url(&format!("/api/v1/kb/articles/{id}/archive"))).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let visitor = app.browser();
    for hidden in ["zebra-draft", "zebra-archived"] {
        let (status, html) = page(&app, &visitor, &format!("/help/en/articles/{hidden}")).await;
        assert_eq!(status, 404, "{hidden}");
        assert!(!html.contains("Zebra crossing"), "{hidden}");
    }
    let (status, _) = page(&app, &visitor, "/help/en/articles/zebra-public").await;
    assert_eq!(status, 200);
    let (_, results) = page(&app, &visitor, "/help/en/search?q=zebra").await;
    assert!(results.contains("/help/en/articles/zebra-public"), "{results}");
    assert!(!results.contains("zebra-draft") && !results.contains("zebra-archived"));
    let (_, home) = page(&app, &visitor, "/help/en").await;
    assert!(home.contains("zebra-public") && !home.contains("zebra-draft") && !home.contains("zebra-archived"));
    let (_, sitemap) = page(&app, &visitor, "/sitemap.xml").await;
    assert!(sitemap.contains("/help/en/articles/zebra-public</loc>"));
    assert!(!sitemap.contains("zebra-draft") && !sitemap.contains("zebra-archived"));
    // Staff get a preview of a draft, marked as such, while the lists stay public.
    let (status, preview) = page(&app, &admin, "/help/en/articles/zebra-draft").await;
    assert_eq!(status, 200);
    assert!(preview.contains("only staff can see this page"));
    let (_, staff_results) = page(&app, &admin, "/help/en/search?q=zebra").await;
    assert!(!staff_results.contains("zebra-draft"), "the public search lists published articles only");
}

async fn help_center_falls_back_to_the_other_language_with_a_notice(app: TestApp) {
    let admin = app.admin().await;
    create_article(
        &app,
        &admin,
        json!({"lang": "de", "title": "Nur auf Deutsch", "slug": "nur-deutsch", "excerpt": "Ein deutscher Artikel.",
               "body_markdown": "Dieser Text ist deutsch.", "status": "published"}),
    )
    .await;
    let (english, german) = translated_article(&app, &admin).await;
    let visitor = app.browser();
    let (status, html) = page(&app, &visitor, "/help/en/articles/nur-deutsch").await;
    assert_eq!(status, 200);
    assert!(html.contains("<html lang=\"en\""), "the page keeps the address's language");
    assert!(html.contains("This article is not available in English yet; here it is in German."));
    assert!(
        html.contains("lang=\"de\"") && html.contains("Dieser Text ist deutsch."),
        "the German text, marked German"
    );
    assert!(has_tag(&html, "link", &["rel=\"canonical\"", "href=\"/help/de/articles/nur-deutsch\""]));
    assert!(!has_tag(&html, "link", &["rel=\"alternate\"", "hreflang=\"en\""]), "no translation, no alternates");
    let (_, native) = page(&app, &visitor, "/help/de/articles/nur-deutsch").await;
    assert!(!native.contains("noch nicht auf Deutsch"), "no notice in its own language");
    // A slug of the other language with a real translation shows that translation, canonical at its address.
    let (status, translated) = page(&app, &visitor, "/help/de/articles/reset-your-password").await;
    assert_eq!(status, 200);
    assert!(translated.contains("Passwort zurücksetzen</h1>") && !translated.contains("noch nicht auf Deutsch"));
    assert!(has_tag(&translated, "link", &["rel=\"canonical\"", "href=\"/help/de/articles/passwort-zuruecksetzen\""]));
    assert!(english["id"] != german["id"]);
    // Searching the language without matches points to the other one.
    let (_, results) = page(&app, &visitor, "/help/en/search?q=deutsch").await;
    assert!(results.contains("No articles match"), "{results}");
    assert!(results.contains("href=\"/help/de/search?q=deutsch\"") && results.contains("Search in German"));
}

async fn help_center_votes_without_javascript_count_once_per_visitor(app: TestApp) {
    let admin = app.admin().await;
    translated_article(&app, &admin).await;
    let counts = || async {
        let article: Value = reqwest::get(app.url("/api/v1/kb/articles/reset-your-password?lang=en"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        (article["helpful"].as_i64().unwrap(), article["not_helpful"].as_i64().unwrap())
    };
    let path = "/help/en/articles/reset-your-password/vote";
    let reader = app.browser();
    let first = post_urlencoded(&app, &reader, path, &[("helpful", "yes")]).await;
    assert_eq!(first.status(), 303);
    assert_eq!(location(&first), "/help/en/articles/reset-your-password?voted=1#feedback");
    assert!(set_cookie_value(&first, "tidings_visitor").is_some(), "a new visitor gets the cookie");
    assert_eq!(counts().await, (1, 0));
    let changed = post_urlencoded(&app, &reader, path, &[("helpful", "no")]).await;
    assert_eq!(changed.status(), 303);
    assert!(set_cookie_value(&changed, "tidings_visitor").is_none(), "a known visitor keeps theirs");
    assert_eq!(counts().await, (0, 1), "the second vote replaces the first");
    let other = app.browser();
    assert_eq!(post_urlencoded(&app, &other, path, &[("helpful", "yes")]).await.status(), 303);
    assert_eq!(counts().await, (1, 1), "a new visitor adds a vote");
    let (status, html) = page(&app, &reader, "/help/en/articles/reset-your-password?voted=1").await;
    assert_eq!(status, 200);
    assert!(html.contains("Thank you for your feedback.") && html.contains("1 of 2 readers found this helpful."));
    let (_, again) = page(&app, &reader, "/help/en/articles/reset-your-password?voted=1").await;
    assert_eq!(views_in(&html), views_in(&again), "the page after a vote does not count a view");
    // The German address of the fallback votes on the article shown.
    let german =
        post_urlencoded(&app, &other, "/help/de/articles/reset-your-password/vote", &[("helpful", "no")]).await;
    assert_eq!(location(&german), "/help/de/articles/reset-your-password?voted=1#feedback");
    let nonsense = post_urlencoded(&app, &reader, path, &[("helpful", "maybe")]).await;
    assert!(location(&nonsense).contains("error="), "{}", location(&nonsense));
    let missing = post_urlencoded(&app, &reader, "/help/en/articles/nope/vote", &[("helpful", "yes")]).await;
    assert_eq!(missing.status(), 404);
    let cross_site = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let forged = cross_site
        .post(app.url(path))
        .header("origin", "https://evil.example")
        .form(&[("helpful", "yes")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403, "cross-site votes are refused");
    assert_eq!(counts().await, (1, 1));
}

async fn help_center_sitemap_and_robots_list_public_pages(app: TestApp) {
    let admin = app.admin().await;
    let (english, _) = translated_article(&app, &admin).await;
    let client = app.browser();
    let response = client.get(app.url("/sitemap.xml")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("application/xml"));
    let xml = response.text().await.unwrap();
    let base = &app.base;
    assert!(xml.starts_with("<?xml") && xml.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    for path in ["/help/en", "/help/de", "/help/en/categories/account", "/help/de/categories/passwords"] {
        assert!(xml.contains(&format!("<loc>{base}{path}</loc>")), "{path} in {xml}");
    }
    let article = format!("<loc>{base}/help/en/articles/reset-your-password</loc>");
    let entry = xml.split("<url>").find(|entry| entry.contains(&article)).expect("the article's entry");
    let updated = chrono::DateTime::parse_from_rfc3339(english["updated_at"].as_str().unwrap()).unwrap();
    let lastmod = updated.with_timezone(&chrono::Utc).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    assert!(entry.contains(&format!("<lastmod>{lastmod}</lastmod>")), "{entry}");
    assert!(entry.contains(&format!(
        "<xhtml:link rel=\"alternate\" hreflang=\"de\" href=\"{base}/help/de/articles/passwort-zuruecksetzen\"/>"
    )));
    let robots = client.get(app.url("/robots.txt")).send().await.unwrap().text().await.unwrap();
    for line in ["Allow: /help", "Disallow: /agent", "Disallow: /admin", "Disallow: /portal", "Disallow: /api/"] {
        assert!(robots.lines().any(|l| l == line), "{line} in {robots}");
    }
    assert!(robots.contains(&format!("Sitemap: {base}/sitemap.xml")));
}
