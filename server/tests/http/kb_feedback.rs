//! Around articles over REST: "Was this helpful?" votes (one per visitor, changeable), view counts, sanitised
//! HTML whatever the markdown holds, images uploaded into articles, and the public endpoints' rate limit.

use crate::common;

use common::kb::*;
use common::tickets::{body_json, error_parts, id_of, sign_in};
use common::{set_cookie_value, TestApp};
use serde_json::{json, Value};

on_both_backends!(
    each_visitor_has_one_vote_per_article_and_may_change_it,
    reading_an_article_counts_a_view,
    markdown_is_rendered_without_anything_that_could_run,
    images_upload_into_articles_and_anyone_can_load_them,
);

async fn vote(app: &TestApp, client: &reqwest::Client, id: &str, helpful: bool) -> reqwest::Response {
    post_json(app, client, &format!("{ARTICLES}/{id}/feedback"), json!({"helpful": helpful})).await
}

async fn counts(response: reqwest::Response) -> (i64, i64) {
    assert_eq!(response.status(), 200);
    let body = body_json(response).await;
    (body["helpful"].as_i64().unwrap(), body["not_helpful"].as_i64().unwrap())
}

async fn each_visitor_has_one_vote_per_article_and_may_change_it(app: TestApp) {
    let admin = app.admin().await;
    let article = published(&app, &admin, "en", "Export your grades", "Use *Export*.").await;
    let id = id_of(&article);

    let first_visitor = anonymous(&app);
    let answer = vote(&app, &first_visitor, &id, true).await;
    assert!(set_cookie_value(&answer, "tidings_visitor").is_some(), "a new visitor gets the visitor cookie");
    assert_eq!(counts(answer).await, (1, 0));
    assert_eq!(counts(vote(&app, &first_visitor, &id, true).await).await, (1, 0), "the same visitor again");
    assert_eq!(counts(vote(&app, &first_visitor, &id, false).await).await, (0, 1), "changing their mind");

    let second_visitor = anonymous(&app);
    assert_eq!(counts(vote(&app, &second_visitor, &id, true).await).await, (1, 1));
    let (customer, _) = sign_in(&app, &admin, "kb-voter@example.com", "customer").await;
    assert_eq!(counts(vote(&app, &customer, &id, true).await).await, (2, 1));
    assert_eq!(counts(vote(&app, &customer, &id, true).await).await, (2, 1), "an account votes once");

    let read: Value = anonymous(&app)
        .get(app.url(&format!("{ARTICLES}/export-your-grades")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!((read["helpful"].as_i64(), read["not_helpful"].as_i64()), (Some(2), Some(1)));

    // Drafts take no votes; a vote must say yes or no.
    let draft = create_article(&app, &admin, json!({"lang": "en", "title": "Hidden", "body": "x"})).await;
    assert_eq!(vote(&app, &first_visitor, &id_of(&draft), true).await.status(), 404);
    let (status, _, _, _) =
        error_parts(post_json(&app, &first_visitor, &format!("{ARTICLES}/{id}/feedback"), json!({})).await).await;
    assert_eq!(status, 422);
}

async fn reading_an_article_counts_a_view(app: TestApp) {
    let admin = app.admin().await;
    published(&app, &admin, "de", "Kurs verlassen", "So verlassen Sie einen Kurs.").await;
    let visitor = anonymous(&app);
    let path = app.url(&format!("{ARTICLES}/kurs-verlassen?lang=de"));
    let first: Value = visitor.get(&path).send().await.unwrap().json().await.unwrap();
    let second: Value = visitor.get(&path).send().await.unwrap().json().await.unwrap();
    assert_eq!(second["views"].as_i64().unwrap(), first["views"].as_i64().unwrap() + 1);
    assert_eq!(first["views"], 1);
    let listed: Value = admin.get(app.url(ARTICLES)).send().await.unwrap().json().await.unwrap();
    assert_eq!(listed["items"][0]["views"], 2);
}

async fn markdown_is_rendered_without_anything_that_could_run(app: TestApp) {
    let admin = app.admin().await;
    let markdown = "## Steps\n\n<script>alert(1)</script>\n\n[click](javascript:alert(1)) \
                    <img src=x onerror=alert(1)> <a href=\"jav&#x09;ascript:alert(1)\">x</a>\n\n\
                    | a | b |\n|---|---|\n| 1 | 2 |\n\n[docs](https://example.com/docs)";
    let article = published(&app, &admin, "en", "Formatting", markdown).await;
    let html = article["body_html"].as_str().unwrap().to_lowercase();
    // Raw HTML in markdown is shown as text (escaped), never as markup.
    for forbidden in ["<script", "<img src=x", "href=\"javascript", "<a href=\"jav"] {
        assert!(!html.contains(forbidden), "{forbidden} in {html}");
    }
    for tag in html.split('<').skip(1).map(|rest| rest.split('>').next().unwrap_or_default()) {
        let handler = tag.split_whitespace().any(|part| part.starts_with("on") && part.contains('='));
        assert!(!handler, "an event handler in <{tag}>");
    }
    assert!(html.contains("&lt;script&gt;"), "the script tag is visible as text: {html}");
    assert!(html.contains("<table>") && html.contains("id=\"steps\""), "{html}");
    assert!(html.contains("href=\"https://example.com/docs\""), "{html}");
    assert_eq!(article["toc"][0]["id"], "steps");
    assert_eq!(article["body_markdown"], markdown, "the markdown is kept as written");

    let preview = post_json(&app, &admin, "/api/v1/kb/preview", json!({"markdown": "<b onclick=x()>bold</b>"})).await;
    let preview = body_json(preview).await["html"].as_str().unwrap().to_string();
    assert!(preview.contains("bold") && !preview.contains("<b onclick"), "{preview}");
}

async fn images_upload_into_articles_and_anyone_can_load_them(app: TestApp) {
    let admin = app.admin().await;
    let (customer, _) = sign_in(&app, &admin, "kb-image-customer@example.com", "customer").await;
    // A 1x1 PNG.
    let png: Vec<u8> = vec![
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1,
        8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89, 0, 0, 0, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0, 1, 0, 0, 5,
        0, 1, 0x0D, 0x0A, 0x2D, 0xB4, 0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];
    let upload = |client: &reqwest::Client, name: &'static str, bytes: Vec<u8>| {
        let form =
            reqwest::multipart::Form::new().part("image", reqwest::multipart::Part::bytes(bytes).file_name(name));
        client.post(app.url("/api/v1/kb/images")).multipart(form).send()
    };
    let stored = upload(&admin, "screen shot.png", png.clone()).await.unwrap();
    assert_eq!(stored.status(), 201);
    let stored = body_json(stored).await;
    let url = stored["url"].as_str().unwrap().to_string();
    assert!(stored["markdown"].as_str().unwrap().contains(&url));
    let fetched = anonymous(&app).get(app.url(&url)).send().await.unwrap();
    assert_eq!(fetched.status(), 200);
    assert_eq!(fetched.headers()["content-type"], "image/png");
    assert_eq!(fetched.bytes().await.unwrap().to_vec(), png);

    let article = published(&app, &admin, "en", "With a picture", stored["markdown"].as_str().unwrap()).await;
    assert!(article["body_html"].as_str().unwrap().contains(&format!("src=\"{url}\"")), "{}", article["body_html"]);

    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".to_vec();
    assert_eq!(upload(&admin, "evil.svg", svg).await.unwrap().status(), 415);
    assert_eq!(upload(&customer, "mine.png", png).await.unwrap().status(), 403);
}
