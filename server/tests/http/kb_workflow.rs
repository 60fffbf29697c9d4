//! Knowledge-base articles over REST: who may write, send for review and publish; what visitors and customers
//! never see; versions with their diff and restore; bad input answered with the field and nothing changed.

use crate::common;

use common::kb::*;
use common::tickets::{body_json, error_parts, id_of, sign_in};
use common::TestApp;
use serde_json::{json, Value};

on_both_backends!(
    agents_draft_and_send_for_review_but_only_admins_publish,
    visitors_and_customers_never_see_drafts_or_archived_articles,
    every_save_is_a_version_with_a_diff_and_old_versions_restore,
    bad_articles_are_refused_with_the_field_and_change_nothing,
    translations_link_each_other_and_slugs_are_unique_per_language,
    categories_form_a_tree_and_filter_articles_with_their_subcategories,
);

async fn agents_draft_and_send_for_review_but_only_admins_publish(app: TestApp) {
    let admin = app.admin().await;
    let (agent, _) = sign_in(&app, &admin, "kb-agent@example.com", "agent").await;
    let (customer, _) = sign_in(&app, &admin, "kb-customer@example.com", "customer").await;

    let draft =
        create_article(&app, &agent, json!({"lang": "en", "title": "Reset your password", "body": "Go to *Account*."}))
            .await;
    assert_eq!(draft["status"], "draft");
    assert_eq!(draft["slug"], "reset-your-password");
    assert_eq!(draft["version"], 1);
    assert!(draft["body_html"].as_str().unwrap().contains("<em>Account</em>"));
    let id = id_of(&draft);

    // An agent cannot publish, not even by creating the article published or by PATCHing the status.
    assert_eq!(workflow(&app, &agent, &id, "publish").await.status(), 403);
    let started_published =
        post_json(&app, &agent, ARTICLES, json!({"lang": "en", "title": "Sneaky", "body": "x", "status": "published"}))
            .await;
    assert_eq!(started_published.status(), 403);
    assert_eq!(patch_article(&app, &agent, &id, json!({"status": "published"})).await.status(), 403);

    let in_review = body_json(workflow(&app, &agent, &id, "submit").await).await;
    assert_eq!(in_review["status"], "in_review");
    let published = body_json(workflow(&app, &admin, &id, "publish").await).await;
    assert_eq!(published["status"], "published");
    let first_published_at = published["published_at"].as_str().expect("published_at").to_string();

    // Published content is the admins' now: an agent's edit is refused and changes nothing.
    assert_eq!(patch_article(&app, &agent, &id, json!({"title": "Changed"})).await.status(), 403);
    let admin_edit =
        body_json(patch_article(&app, &admin, &id, json!({"title": "Reset your password (2FA)"})).await).await;
    assert_eq!(
        (admin_edit["title"].as_str(), admin_edit["version"].as_i64()),
        (Some("Reset your password (2FA)"), Some(2))
    );

    // Unpublish and publish again: published_at stays the first publication.
    assert_eq!(body_json(workflow(&app, &admin, &id, "unpublish").await).await["status"], "draft");
    let again = body_json(workflow(&app, &admin, &id, "publish").await).await;
    assert_eq!(again["published_at"].as_str(), Some(first_published_at.as_str()));
    let archived = body_json(workflow(&app, &admin, &id, "archive").await).await;
    assert_eq!(archived["status"], "archived");
    let (status, code, _, _) = error_parts(workflow(&app, &admin, &id, "submit").await).await;
    assert_eq!((status, code.as_str()), (422, "invalid_transition"));

    // Customers and visitors write nothing.
    assert_eq!(
        post_json(&app, &customer, ARTICLES, json!({"lang": "en", "title": "Mine", "body": "x"})).await.status(),
        403
    );
    assert_eq!(
        post_json(&app, &anonymous(&app), ARTICLES, json!({"lang": "en", "title": "Mine", "body": "x"})).await.status(),
        401
    );
    assert_eq!(workflow(&app, &customer, &id, "publish").await.status(), 403);
}

async fn visitors_and_customers_never_see_drafts_or_archived_articles(app: TestApp) {
    let admin = app.admin().await;
    let (customer, _) = sign_in(&app, &admin, "kb-reader@example.com", "customer").await;
    published(&app, &admin, "en", "Printing invoices", "Open **Billing** and print the invoice.").await;
    create_article(
        &app,
        &admin,
        json!({"lang": "en", "title": "Invoice draft secrets", "body": "unreleased invoice plans"}),
    )
    .await;
    let archived = published(&app, &admin, "en", "Old invoice portal", "The old invoice portal is gone.").await;
    workflow(&app, &admin, &id_of(&archived), "archive").await;

    for (who, client) in [("visitor", anonymous(&app)), ("customer", customer)] {
        assert_eq!(listed_slugs(&app, &client, "").await, ["printing-invoices"], "{who} list");
        assert_eq!(listed_slugs(&app, &client, "?q=invoice").await, ["printing-invoices"], "{who} search");
        assert_eq!(listed_slugs(&app, &client, "?status=draft").await, Vec::<String>::new(), "{who} asks for drafts");
        assert_eq!(listed_slugs(&app, &client, "?status=archived&q=portal").await, Vec::<String>::new());
        for slug in ["invoice-draft-secrets", "old-invoice-portal"] {
            let response = client.get(app.url(&format!("{ARTICLES}/{slug}"))).send().await.unwrap();
            assert_eq!(response.status(), 404, "{who} reads {slug}");
        }
        let suggested: Value =
            client.get(app.url("/api/v1/kb/suggest?q=inv")).send().await.unwrap().json().await.unwrap();
        let titles: Vec<&str> = suggested.as_array().unwrap().iter().map(|s| s["title"].as_str().unwrap()).collect();
        assert_eq!(titles, ["Printing invoices"], "{who} autocomplete");
    }
    // Staff see every status and may filter by it.
    assert_eq!(listed_slugs(&app, &admin, "?status=draft").await, ["invoice-draft-secrets"]);
    assert_eq!(listed_slugs(&app, &admin, "?status=archived").await, ["old-invoice-portal"]);
    assert_eq!(listed_slugs(&app, &admin, "").await.len(), 3);
}

async fn every_save_is_a_version_with_a_diff_and_old_versions_restore(app: TestApp) {
    let admin = app.admin().await;
    let article = create_article(
        &app,
        &admin,
        json!({"lang": "de", "title": "Kurs buchen", "body": "Schritt eins.\nSchritt zwei."}),
    )
    .await;
    let id = id_of(&article);
    let v2 = body_json(
        patch_article(&app, &admin, &id, json!({"body": "Schritt eins.\nSchritt drei.", "version": 1})).await,
    )
    .await;
    assert_eq!(v2["version"], 2);
    let v3 =
        body_json(patch_article(&app, &admin, &id, json!({"title": "Einen Kurs buchen", "version": 2})).await).await;
    assert_eq!(v3["version"], 3);

    // Someone still editing version 2 is told, and their save does not overwrite version 3.
    let stale = patch_article(&app, &admin, &id, json!({"body": "Mein Stand", "version": 2})).await;
    let (status, code, _, _) = error_parts(stale).await;
    assert_eq!((status, code.as_str()), (409, "version_conflict"));

    let history: Value =
        admin.get(app.url(&format!("{ARTICLES}/{id}/versions"))).send().await.unwrap().json().await.unwrap();
    let versions: Vec<i64> =
        history["items"].as_array().unwrap().iter().map(|v| v["version"].as_i64().unwrap()).collect();
    assert_eq!(versions, [3, 2, 1]);
    let second: Value =
        admin.get(app.url(&format!("{ARTICLES}/{id}/versions/2"))).send().await.unwrap().json().await.unwrap();
    let lines: Vec<(String, String)> = second["diff"]
        .as_array()
        .unwrap()
        .iter()
        .map(|line| (line["kind"].as_str().unwrap().to_string(), line["text"].as_str().unwrap().to_string()))
        .collect();
    assert!(lines.contains(&("removed".into(), "Schritt zwei.".into())), "{lines:?}");
    assert!(lines.contains(&("added".into(), "Schritt drei.".into())), "{lines:?}");
    assert!(lines.contains(&("same".into(), "Schritt eins.".into())), "{lines:?}");

    let restored =
        body_json(admin.post(app.url(&format!("{ARTICLES}/{id}/versions/1/restore"))).send().await.unwrap()).await;
    assert_eq!(restored["version"], 4);
    assert_eq!(restored["title"], "Kurs buchen");
    assert_eq!(restored["body_markdown"], "Schritt eins.\nSchritt zwei.");
    assert_eq!(restored["slug"], article["slug"], "restoring keeps the slug, so links keep working");
    let customer_view = anonymous(&app).get(app.url(&format!("{ARTICLES}/{id}/versions"))).send().await.unwrap();
    assert_eq!(customer_view.status(), 401);
}

async fn bad_articles_are_refused_with_the_field_and_change_nothing(app: TestApp) {
    let admin = app.admin().await;
    let first = published(&app, &admin, "en", "Change your email", "Settings > Email.").await;

    let taken = post_json(
        &app,
        &admin,
        ARTICLES,
        json!({"lang": "en", "title": "Other", "slug": "change-your-email", "body": "x"}),
    )
    .await;
    let (status, code, field, message) = error_parts(taken).await;
    assert_eq!((status, code.as_str(), field.as_deref()), (409, "slug_taken", Some("slug")));
    assert!(message.contains("Change your email") && message.contains(&id_of(&first)), "{message}");

    let cases = [
        (json!({"lang": "fr", "title": "Bonjour", "body": "x"}), 422, "lang"),
        (json!({"lang": "en", "title": "Lost", "body": "x", "category_id": "no-such-category"}), 422, "category_id"),
        (json!({"lang": "en", "title": "   ", "body": "x"}), 422, "title"),
        (json!({"lang": "en", "title": "Bad slug", "slug": "Not A Slug!", "body": "x"}), 422, "slug"),
        (json!({"lang": "en", "title": "Huge", "body": "word ".repeat(60_000)}), 413, "body_markdown"),
    ];
    for (article, expected_status, expected_field) in cases {
        let (status, _, field, _) = error_parts(post_json(&app, &admin, ARTICLES, article.clone()).await).await;
        assert_eq!((status, field.as_deref()), (expected_status, Some(expected_field)), "{article}");
    }
    // Nothing of the refused ones was stored.
    assert_eq!(listed_slugs(&app, &admin, "").await, ["change-your-email"]);

    // A generated slug that is taken gets a number instead of failing.
    let twin = create_article(&app, &admin, json!({"lang": "en", "title": "Change your email", "body": "again"})).await;
    assert_eq!(twin["slug"], "change-your-email-2");
}

async fn translations_link_each_other_and_slugs_are_unique_per_language(app: TestApp) {
    let admin = app.admin().await;
    let english = published(&app, &admin, "en", "Reset your password", "Use the link.").await;
    let german = create_article(
        &app,
        &admin,
        json!({"lang": "de", "title": "Passwort zurücksetzen", "body": "Nutzen Sie den Link.", "translation_of": id_of(&english), "status": "published"}),
    )
    .await;
    assert_eq!(german["slug"], "passwort-zuruecksetzen");
    let read: Value = anonymous(&app)
        .get(app.url(&format!("{ARTICLES}/reset-your-password")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(read["translations"][0]["lang"], "de");
    assert_eq!(read["translations"][0]["slug"], "passwort-zuruecksetzen");
    let de: Value = anonymous(&app)
        .get(app.url(&format!("{ARTICLES}/passwort-zuruecksetzen?lang=de")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(de["translations"][0]["slug"], "reset-your-password");
    // The same slug in the other language is fine; a second German translation of the same article is not.
    create_article(&app, &admin, json!({"lang": "de", "title": "x", "slug": "reset-your-password", "body": "y"})).await;
    let second = post_json(
        &app,
        &admin,
        ARTICLES,
        json!({"lang": "de", "title": "Noch eins", "body": "z", "translation_of": id_of(&english)}),
    )
    .await;
    let (status, code, _, _) = error_parts(second).await;
    assert_eq!((status, code.as_str()), (409, "translation_exists"));
}

async fn categories_form_a_tree_and_filter_articles_with_their_subcategories(app: TestApp) {
    let admin = app.admin().await;
    let account: Value = body_json(
        post_json(&app, &admin, "/api/v1/kb/categories", json!({"name": "Account", "name_de": "Konto"})).await,
    )
    .await;
    let security: Value = body_json(
        post_json(
            &app,
            &admin,
            "/api/v1/kb/categories",
            json!({"name": "Security", "name_de": "Sicherheit", "parent_id": account["id"]}),
        )
        .await,
    )
    .await;
    assert_eq!(security["parent_id"], account["id"]);
    let deep = json!({"lang": "en", "title": "Two-factor login", "body": "x", "category_id": security["id"], "status": "published"});
    create_article(&app, &admin, deep).await;
    published(&app, &admin, "en", "Elsewhere", "y").await;

    assert_eq!(listed_slugs(&app, &anonymous(&app), "?category=account").await, ["two-factor-login"]);
    let tree: Value =
        anonymous(&app).get(app.url("/api/v1/kb/categories?lang=de")).send().await.unwrap().json().await.unwrap();
    let names: Vec<&str> = tree["items"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"Konto") && names.contains(&"Sicherheit"), "{names:?}");

    let (agent, _) = sign_in(&app, &admin, "kb-cat-agent@example.com", "agent").await;
    assert_eq!(post_json(&app, &agent, "/api/v1/kb/categories", json!({"name": "Mine"})).await.status(), 403);
    let (status, code, _, _) =
        error_parts(post_json(&app, &admin, "/api/v1/kb/categories", json!({"name": "Account"})).await).await;
    assert_eq!((status, code.as_str()), (409, "slug_taken"));
    let unknown = anonymous(&app).get(app.url(&format!("{ARTICLES}?category=nope"))).send().await.unwrap();
    assert_eq!(unknown.status(), 422);
}
