//! The role matrix through REST, and cross-site request refusal.

use crate::common;

use common::{error_code, TestApp, ADMIN_EMAIL};
use serde_json::{json, Value};

on_both_backends!(
    each_role_gets_exactly_its_endpoints,
    admins_manage_users_and_teams,
    the_last_admin_cannot_be_removed,
    cross_site_requests_with_cookies_are_refused,
    anonymous_callers_get_401,
);

/// (method, path, body, [customer, agent, supervisor, admin] expected status)
async fn each_role_gets_exactly_its_endpoints(app: TestApp) {
    let mut clients = Vec::new();
    for role in ["customer", "agent", "supervisor", "admin"] {
        clients.push((role, app.signed_in_as(role).await.0));
    }
    let cases: [(&str, &str, Option<Value>, [u16; 4]); 6] = [
        ("GET", "/api/v1/me", None, [200, 200, 200, 200]),
        ("GET", "/api/v1/users", None, [403, 403, 403, 200]),
        ("GET", "/api/v1/teams", None, [403, 200, 200, 200]),
        ("GET", "/api/v1/tokens", None, [403, 200, 200, 200]),
        ("POST", "/api/v1/tokens", Some(json!({"name": "t"})), [403, 201, 201, 201]),
        (
            "POST",
            "/api/v1/users",
            Some(json!({"email": "x@example.com", "name": "X", "role": "agent", "password": "long-enough-pw"})),
            [403, 403, 403, 201],
        ),
    ];
    for (method, path, body, expected) in cases {
        for ((role, client), want) in clients.iter().zip(expected) {
            let mut request = client.request(method.parse().unwrap(), app.url(path));
            if let Some(body) = &body {
                request = request.json(body);
            }
            let response = request.send().await.unwrap();
            assert_eq!(response.status().as_u16(), want, "{role} {method} {path}");
            if want == 403 {
                assert_eq!(error_code(response).await, "forbidden");
            }
        }
    }
    // Creating teams is for admins only, and a second create with the same name conflicts.
    for (role, client) in &clients {
        let status =
            client.post(app.url("/api/v1/teams")).json(&json!({"name": "Tier 2"})).send().await.unwrap().status();
        let want = if *role == "admin" { 201 } else { 403 };
        assert_eq!(status.as_u16(), want, "{role} POST /teams");
    }
}

async fn admins_manage_users_and_teams(app: TestApp) {
    let admin = app.admin().await;
    let team: Value = admin
        .post(app.url("/api/v1/teams"))
        .json(&json!({"name": "Billing"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let user = app.create_user(&admin, "mia@example.com", "agent").await;
    let id = user["id"].as_str().unwrap();
    let patched = admin
        .patch(app.url(&format!("/api/v1/users/{id}")))
        .json(&json!({"role": "supervisor", "team_ids": [team["id"]], "name": "Mia Müller", "locale": "de"}))
        .send()
        .await
        .unwrap();
    assert_eq!(patched.status(), 200);
    let patched: Value = patched.json().await.unwrap();
    assert_eq!(patched["role"], "supervisor");
    assert_eq!(patched["team_ids"], json!([team["id"]]));
    assert_eq!((patched["name"].as_str(), patched["locale"].as_str()), (Some("Mia Müller"), Some("de")));
    let listed: Value =
        admin.get(app.url("/api/v1/users?page=1&per_page=1")).send().await.unwrap().json().await.unwrap();
    assert_eq!((listed["total"].as_u64(), listed["per_page"].as_u64()), (Some(2), Some(1)));
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
    assert_eq!(listed["items"][0]["email"], "mia@example.com", "newest first");
    let ghost_team = admin
        .patch(app.url(&format!("/api/v1/users/{id}")))
        .json(&json!({"team_ids": ["ghost"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(ghost_team.status(), 422);
    let missing = admin.patch(app.url("/api/v1/users/nope")).json(&json!({"active": false})).send().await.unwrap();
    assert_eq!(missing.status(), 404);
}

async fn the_last_admin_cannot_be_removed(app: TestApp) {
    let admin = app.admin().await;
    let me: Value = admin.get(app.url("/api/v1/me")).send().await.unwrap().json().await.unwrap();
    let id = me["id"].as_str().unwrap();
    for change in [json!({"role": "agent"}), json!({"active": false})] {
        let response = admin.patch(app.url(&format!("/api/v1/users/{id}"))).json(&change).send().await.unwrap();
        assert_eq!(response.status(), 409, "{change}");
        assert_eq!(error_code(response).await, "last_admin");
    }
    assert_eq!(admin.get(app.url("/api/v1/users")).send().await.unwrap().status(), 200, "still an admin");
}

async fn cross_site_requests_with_cookies_are_refused(app: TestApp) {
    let admin = app.admin().await;
    let forged = admin
        .post(app.url("/api/v1/teams"))
        .header("origin", "http://evil.example")
        .json(&json!({"name": "Forged"}))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    assert_eq!(error_code(forged).await, "cross_site_request");
    let by_referer = reqwest::Client::new()
        .post(app.url("/auth/logout"))
        .header("referer", "http://evil.example/page")
        .send()
        .await
        .unwrap();
    assert_eq!(by_referer.status(), 403);
    let teams: Value = admin.get(app.url("/api/v1/teams")).send().await.unwrap().json().await.unwrap();
    assert_eq!(teams["total"], 0, "nothing was created");
    let same_site = admin.post(app.url("/api/v1/teams")).json(&json!({"name": "Real"})).send().await.unwrap();
    assert_eq!(same_site.status(), 201, "same-origin requests work without reading any page first");
    let token: Value =
        admin.post(app.url("/api/v1/tokens")).json(&json!({"name": "n"})).send().await.unwrap().json().await.unwrap();
    let with_token = reqwest::Client::new()
        .post(app.url("/api/v1/teams"))
        .header("origin", "http://evil.example")
        .bearer_auth(token["token"].as_str().unwrap())
        .json(&json!({"name": "Via token"}))
        .send()
        .await
        .unwrap();
    assert_eq!(with_token.status(), 201, "bearer requests carry no ambient credentials");
    let login_csrf = reqwest::Client::new()
        .post(app.url("/api/v1/auth/login"))
        .header("origin", "http://evil.example")
        .json(&json!({"email": ADMIN_EMAIL, "password": common::ADMIN_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(login_csrf.status(), 403, "login CSRF is refused too");
}

async fn anonymous_callers_get_401(app: TestApp) {
    let client = app.browser();
    for path in ["/api/v1/me", "/api/v1/users", "/api/v1/teams", "/api/v1/tokens"] {
        let response = client.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), 401, "{path}");
        assert_eq!(error_code(response).await, "unauthenticated");
    }
}
