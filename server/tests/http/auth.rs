//! Signing in and out, sessions, password changes, rate limits and API tokens, over real HTTP.

use crate::common;

use common::{error_code, set_cookie_header, set_cookie_value, TestApp, ADMIN_EMAIL, ADMIN_PASSWORD, PASSWORD};
use serde_json::{json, Value};

on_both_backends!(
    login_sets_a_safe_session_cookie,
    wrong_password_and_unknown_email_look_alike,
    logout_kills_the_session,
    login_never_reuses_a_session_id,
    password_change_signs_out_other_sessions,
    deactivated_users_cannot_sign_in,
    repeated_failures_are_rate_limited_per_account,
    repeated_failures_are_rate_limited_per_address,
    api_tokens_authenticate_and_can_be_revoked,
    registration_creates_a_signed_in_customer,
);

async fn login_sets_a_safe_session_cookie(app: TestApp) {
    let client = app.browser();
    let response = app.login(&client, "ADMIN@Example.com", ADMIN_PASSWORD).await;
    assert_eq!(response.status(), 200);
    let cookie = set_cookie_header(&response, "tidings_session").expect("session cookie");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain http test server: no Secure flag");
    let user: Value = response.json().await.unwrap();
    assert_eq!((user["email"].as_str(), user["role"].as_str()), (Some(ADMIN_EMAIL), Some("admin")));
    assert!(user.get("password_hash").is_none());
    let me: Value = client.get(app.url("/api/v1/me")).send().await.unwrap().json().await.unwrap();
    assert_eq!(me["id"], user["id"]);
}

async fn wrong_password_and_unknown_email_look_alike(app: TestApp) {
    let client = app.browser();
    let wrong = app.login(&client, ADMIN_EMAIL, "not-the-password").await;
    assert_eq!(wrong.status(), 401);
    assert!(set_cookie_value(&wrong, "tidings_session").is_none());
    assert_eq!(error_code(wrong).await, "invalid_credentials");
    let unknown = app.login(&client, "nobody@example.com", "not-the-password").await;
    assert_eq!(unknown.status(), 401);
    assert_eq!(error_code(unknown).await, "invalid_credentials");
    assert_eq!(client.get(app.url("/api/v1/me")).send().await.unwrap().status(), 401);
}

async fn logout_kills_the_session(app: TestApp) {
    let client = app.browser();
    let response = app.login(&client, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let session = set_cookie_value(&response, "tidings_session").unwrap();
    let logout = client.post(app.url("/api/v1/auth/logout")).send().await.unwrap();
    assert_eq!(logout.status(), 204);
    // Replaying the old cookie by hand must not work: the session is gone on the server, not just in the browser.
    let replay = reqwest::Client::new()
        .get(app.url("/api/v1/me"))
        .header("cookie", format!("tidings_session={session}"))
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), 401);
    assert_eq!(error_code(replay).await, "unauthenticated");
}

async fn login_never_reuses_a_session_id(app: TestApp) {
    // An attacker plants a session id in the victim's browser before they sign in (session fixation).
    let planted = "attacker-chosen-session-id";
    let client = app.browser();
    let response = client
        .post(app.url("/api/v1/auth/login"))
        .header("cookie", format!("tidings_session={planted}"))
        .json(&json!({"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}))
        .send()
        .await
        .unwrap();
    let issued = set_cookie_value(&response, "tidings_session").unwrap();
    assert_ne!(issued, planted);
    let with_planted = reqwest::Client::new()
        .get(app.url("/api/v1/me"))
        .header("cookie", format!("tidings_session={planted}"))
        .send()
        .await
        .unwrap();
    assert_eq!(with_planted.status(), 401, "the planted id never becomes a session");
    let again =
        set_cookie_value(&app.login(&app.browser(), ADMIN_EMAIL, ADMIN_PASSWORD).await, "tidings_session").unwrap();
    assert_ne!(again, issued, "each sign-in gets a new id");
}

async fn password_change_signs_out_other_sessions(app: TestApp) {
    let (laptop, user) = app.signed_in_as("agent").await;
    let email = user["email"].as_str().unwrap();
    let phone = app.browser();
    assert_eq!(app.login(&phone, email, PASSWORD).await.status(), 200);
    let wrong_current = laptop
        .post(app.url("/api/v1/me/password"))
        .json(&json!({"current_password": "nope-nope-nope", "new_password": "a-brand-new-password"}))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_current.status(), 422);
    assert_eq!(phone.get(app.url("/api/v1/me")).send().await.unwrap().status(), 200, "nothing changed yet");
    let changed = laptop
        .post(app.url("/api/v1/me/password"))
        .json(&json!({"current_password": PASSWORD, "new_password": "a-brand-new-password"}))
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), 204);
    assert_eq!(laptop.get(app.url("/api/v1/me")).send().await.unwrap().status(), 200, "this session stays");
    assert_eq!(phone.get(app.url("/api/v1/me")).send().await.unwrap().status(), 401, "other sessions end");
    assert_eq!(app.login(&app.browser(), email, PASSWORD).await.status(), 401);
    assert_eq!(app.login(&app.browser(), email, "a-brand-new-password").await.status(), 200);
}

async fn deactivated_users_cannot_sign_in(app: TestApp) {
    let (agent, user) = app.signed_in_as("agent").await;
    let admin = app.admin().await;
    let id = user["id"].as_str().unwrap();
    let response =
        admin.patch(app.url(&format!("/api/v1/users/{id}"))).json(&json!({"active": false})).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(agent.get(app.url("/api/v1/me")).send().await.unwrap().status(), 401, "live session ended");
    let login = app.login(&app.browser(), user["email"].as_str().unwrap(), PASSWORD).await;
    assert_eq!(login.status(), 403);
    assert_eq!(error_code(login).await, "account_deactivated");
}

async fn repeated_failures_are_rate_limited_per_account(app: TestApp) {
    let client = app.browser();
    for attempt in 0..5 {
        assert_eq!(app.login(&client, ADMIN_EMAIL, "wrong-password").await.status(), 401, "attempt {attempt}");
    }
    let limited = app.login(&client, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    assert_eq!(limited.status(), 429, "even the right password waits");
    assert!(limited.headers().get("retry-after").is_some());
    assert_eq!(error_code(limited).await, "rate_limited");
}

async fn repeated_failures_are_rate_limited_per_address(app: TestApp) {
    let client = app.browser();
    for attempt in 0..20 {
        let email = format!("guess{attempt}@example.com");
        assert_eq!(app.login(&client, &email, "wrong-password").await.status(), 401, "attempt {attempt}");
    }
    assert_eq!(app.login(&client, ADMIN_EMAIL, ADMIN_PASSWORD).await.status(), 429);
}

async fn api_tokens_authenticate_and_can_be_revoked(app: TestApp) {
    let (agent, _) = app.signed_in_as("agent").await;
    let created = agent.post(app.url("/api/v1/tokens")).json(&json!({"name": "CRM sync"})).send().await.unwrap();
    assert_eq!(created.status(), 201);
    let created: Value = created.json().await.unwrap();
    let token = created["token"].as_str().unwrap().to_string();
    let bearer = reqwest::Client::new();
    let me = bearer.get(app.url("/api/v1/me")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(me.status(), 200);
    let listed: Value = agent.get(app.url("/api/v1/tokens")).send().await.unwrap().json().await.unwrap();
    assert_eq!(listed["items"][0]["name"], "CRM sync");
    assert!(!listed.to_string().contains(&token), "the secret is shown once only");
    if let common::Backend::Sqlite = backend_of(&app) {
        let mut stored = Vec::new();
        for entry in std::fs::read_dir(app.data_dir.path()).unwrap() {
            stored.extend(std::fs::read(entry.unwrap().path()).unwrap());
        }
        let secret = token.as_bytes();
        assert!(!stored.windows(secret.len()).any(|w| w == secret), "tokens are stored hashed");
    }
    let id = created["id"].as_str().unwrap();
    assert_eq!(agent.delete(app.url(&format!("/api/v1/tokens/{id}"))).send().await.unwrap().status(), 204);
    assert_eq!(bearer.get(app.url("/api/v1/me")).bearer_auth(&token).send().await.unwrap().status(), 401);
    assert_eq!(bearer.get(app.url("/api/v1/me")).bearer_auth("tid_forged").send().await.unwrap().status(), 401);
}

async fn registration_creates_a_signed_in_customer(app: TestApp) {
    let client = app.browser();
    let response = client
        .post(app.url("/api/v1/auth/register"))
        .json(&json!({"email": "New.Customer@Example.com", "name": "Nina Neu", "password": "customer-password"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let user: Value = response.json().await.unwrap();
    assert_eq!((user["role"].as_str(), user["email"].as_str()), (Some("customer"), Some("new.customer@example.com")));
    let me: Value = client.get(app.url("/api/v1/me")).send().await.unwrap().json().await.unwrap();
    assert_eq!(me["id"], user["id"]);
}

fn backend_of(app: &TestApp) -> common::Backend {
    match app.state.services.store().backend() {
        tidings::store::Backend::Sqlite => common::Backend::Sqlite,
        tidings::store::Backend::Postgres => common::Backend::Postgres,
    }
}
