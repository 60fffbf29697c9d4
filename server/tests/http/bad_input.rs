//! Bad input gets a clear JSON error and changes nothing.

use crate::common;

use common::{error_code, TestApp};
use serde_json::{json, Value};

on_both_backends!(
    malformed_wrong_type_and_oversized_bodies,
    invalid_values_name_their_field,
    duplicate_emails_conflict_case_insensitively,
    names_are_stored_verbatim_and_escaped_in_html,
);

async fn malformed_wrong_type_and_oversized_bodies(app: TestApp) {
    let admin = app.admin().await;
    let users = app.url("/api/v1/users");
    let malformed =
        admin.post(&users).header("content-type", "application/json").body("{\"email\": ").send().await.unwrap();
    assert_eq!(malformed.status(), 400);
    assert_eq!(error_code(malformed).await, "malformed_json");
    let wrong_type = admin.post(&users).header("content-type", "text/plain").body("{}").send().await.unwrap();
    assert_eq!(wrong_type.status(), 415);
    assert_eq!(error_code(wrong_type).await, "unsupported_media_type");
    let missing_fields = admin.post(&users).json(&json!({"email": "a@example.com"})).send().await.unwrap();
    assert_eq!(missing_fields.status(), 422);
    let huge = json!({"email": "big@example.com", "name": "x".repeat(2 * 1024 * 1024), "role": "agent", "password": "long-enough-pw"});
    let oversized = admin.post(&users).json(&huge).send().await.unwrap();
    assert_eq!(oversized.status(), 413);
    assert_eq!(oversized.headers().get("connection").map(|v| v.as_bytes()), Some(&b"close"[..]), "not reusable");
    assert_eq!(error_code(oversized).await, "payload_too_large");
    let bad_page = admin.get(app.url("/api/v1/users?page=first")).send().await.unwrap();
    assert_eq!(bad_page.status(), 422);
    let unknown_field = admin.patch(app.url("/api/v1/users/x")).json(&json!({"rol": "admin"})).send().await.unwrap();
    assert_eq!(unknown_field.status(), 422, "a typo in a PATCH is an error, not a silent no-op");
    let listed: Value = admin.get(&users).send().await.unwrap().json().await.unwrap();
    assert_eq!(listed["total"], 1, "nothing was created");
    assert_eq!(error_code(admin.get(app.url("/api/v1/nothing-here")).send().await.unwrap()).await, "not_found");
}

async fn invalid_values_name_their_field(app: TestApp) {
    let admin = app.admin().await;
    let cases = [
        (
            json!({"email": "r@example.com", "name": "R", "role": "superuser", "password": "long-enough-pw"}),
            "role",
            "unknown_role",
        ),
        (
            json!({"email": "not-an-email", "name": "R", "role": "agent", "password": "long-enough-pw"}),
            "email",
            "invalid_email",
        ),
        (
            json!({"email": "r@example.com", "name": "  ", "role": "agent", "password": "long-enough-pw"}),
            "name",
            "required",
        ),
        (
            json!({"email": "r@example.com", "name": "R", "role": "agent", "password": "short"}),
            "password",
            "password_too_short",
        ),
    ];
    for (body, field, code) in cases {
        let response = admin.post(app.url("/api/v1/users")).json(&body).send().await.unwrap();
        assert_eq!(response.status(), 422, "{body}");
        let error: Value = response.json().await.unwrap();
        assert_eq!((error["error"]["field"].as_str(), error["error"]["code"].as_str()), (Some(field), Some(code)));
        assert!(!error["error"]["message"].as_str().unwrap().is_empty());
    }
}

async fn duplicate_emails_conflict_case_insensitively(app: TestApp) {
    let admin = app.admin().await;
    app.create_user(&admin, "dup@example.com", "agent").await;
    let again = admin
        .post(app.url("/api/v1/users"))
        .json(&json!({"email": "DUP@Example.COM", "name": "Dup", "role": "customer", "password": "long-enough-pw"}))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 409);
    assert_eq!(error_code(again).await, "email_taken");
}

async fn names_are_stored_verbatim_and_escaped_in_html(app: TestApp) {
    let admin = app.admin().await;
    let name = "O'Brien \"Bob\" 🚀 <b>bold</b> '; DROP TABLE users; --";
    let created = admin
        .post(app.url("/api/v1/users"))
        .json(&json!({"email": "obrien@example.com", "name": name, "role": "agent", "password": "long-enough-pw"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let listed: Value = admin.get(app.url("/api/v1/users")).send().await.unwrap().json().await.unwrap();
    assert!(listed["items"].as_array().unwrap().iter().any(|u| u["name"] == name), "stored verbatim");
    let html = admin.get(app.url("/admin")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("&lt;b&gt;bold&lt;/b&gt;"), "the admin page shows the name as text");
    assert!(!html.contains("<b>bold</b>"), "never as markup");
}
