//! Server-rendered pages, the plain HTML forms (the no-JavaScript path), operations endpoints,
//! security headers and the OpenAPI document.

use crate::common;

use common::pages::location;
use common::{set_cookie_value, TestApp, ADMIN_EMAIL, ADMIN_PASSWORD, PASSWORD};
use serde_json::Value;

on_both_backends!(
    form_login_redirects_each_role_home_and_logout_ends_it,
    form_errors_come_back_to_the_form,
    areas_redirect_visitors_and_refuse_other_roles,
    pages_speak_the_visitors_language,
    operations_endpoints_answer,
    responses_carry_security_headers,
    openapi_describes_every_contract_endpoint,
    server_functions_answer_for_the_signed_in_user_only,
);

async fn form_login(app: &TestApp, client: &reqwest::Client, email: &str, password: &str) -> reqwest::Response {
    client.post(app.url("/auth/login")).form(&[("email", email), ("password", password)]).send().await.unwrap()
}

async fn form_login_redirects_each_role_home_and_logout_ends_it(app: TestApp) {
    let admin = app.admin().await;
    for (role, home) in [("customer", "/portal"), ("agent", "/agent"), ("supervisor", "/agent"), ("admin", "/admin")] {
        let email = format!("form-{role}@example.com");
        app.create_user(&admin, &email, role).await;
        let client = app.browser();
        let response = form_login(&app, &client, &email, PASSWORD).await;
        assert_eq!((response.status().as_u16(), location(&response).as_str()), (303, home), "{role}");
        let page = client.get(app.url(home)).send().await.unwrap();
        assert_eq!(page.status(), 200, "{role} opens {home}");
        let html = page.text().await.unwrap();
        assert!(html.contains("action=\"/auth/logout\""), "{role} sees a sign-out form");
        let logout = client.post(app.url("/auth/logout")).send().await.unwrap();
        assert_eq!((logout.status().as_u16(), location(&logout).as_str()), (303, "/login"));
        let after = client.get(app.url(home)).send().await.unwrap();
        assert!(after.status().is_redirection() && location(&after).starts_with("/login"), "{role} is signed out");
    }
    let client = app.browser();
    let with_next = client
        .post(app.url("/auth/login"))
        .form(&[("email", ADMIN_EMAIL), ("password", ADMIN_PASSWORD), ("next", "/admin/teams")])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&with_next), "/admin/teams");
    let open_redirect = app
        .browser()
        .post(app.url("/auth/login"))
        .form(&[("email", ADMIN_EMAIL), ("password", ADMIN_PASSWORD), ("next", "//evil.example")])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&open_redirect), "/admin", "never redirects off-site");
}

async fn form_errors_come_back_to_the_form(app: TestApp) {
    let client = app.browser();
    let wrong = form_login(&app, &client, ADMIN_EMAIL, "wrong-password").await;
    assert_eq!(wrong.status(), 303);
    assert!(set_cookie_value(&wrong, "tidings_session").is_none());
    let target = location(&wrong);
    assert!(
        target.starts_with("/login?error=invalid_credentials&field=password&email=admin%40example.com"),
        "{target}"
    );
    let page = client.get(app.url(&target)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Email or password is incorrect."), "the error is shown on the page");
    assert!(page.contains("id=\"password-error\""));
    let register = client
        .post(app.url("/auth/register"))
        .form(&[("name", "Nina"), ("email", ADMIN_EMAIL), ("password", "long-enough-pw")])
        .send()
        .await
        .unwrap();
    assert!(location(&register).starts_with("/register?error=email_taken&field=email"), "{}", location(&register));
}

async fn areas_redirect_visitors_and_refuse_other_roles(app: TestApp) {
    let visitor = app.browser();
    for area in ["/agent", "/portal", "/admin", "/admin/teams", "/account"] {
        let response = visitor.get(app.url(area)).send().await.unwrap();
        assert!(response.status().is_redirection(), "{area}: {}", response.status());
        assert!(location(&response).starts_with("/login?next="), "{area} -> {}", location(&response));
    }
    let help = visitor.get(app.url("/help")).send().await.unwrap();
    assert_eq!(help.status(), 200, "the help center is public");
    let (customer, _) = app.signed_in_as("customer").await;
    let admin_page = customer.get(app.url("/admin")).send().await.unwrap();
    assert_eq!(admin_page.status(), 403);
    assert!(admin_page.text().await.unwrap().contains("No access"));
    let (agent, _) = app.signed_in_as("agent").await;
    assert_eq!(agent.get(app.url("/admin")).send().await.unwrap().status(), 403);
    assert_eq!(agent.get(app.url("/agent")).send().await.unwrap().status(), 200);
}

async fn pages_speak_the_visitors_language(app: TestApp) {
    let client = app.browser();
    let german = client
        .get(app.url("/login"))
        .header("accept-language", "de-DE,de;q=0.9,en;q=0.5")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(german.contains("lang=\"de\"") && german.contains("Anmelden"), "German from Accept-Language");
    let english =
        client.get(app.url("/login")).header("accept-language", "en-US").send().await.unwrap().text().await.unwrap();
    assert!(english.contains("lang=\"en\"") && english.contains("Sign in"));
    let switch = client.get(app.url("/lang/de?next=/help")).send().await.unwrap();
    assert_eq!(location(&switch), "/help");
    assert_eq!(set_cookie_value(&switch, "tidings_lang").as_deref(), Some("de"));
    let chosen =
        client.get(app.url("/login")).header("accept-language", "en-US").send().await.unwrap().text().await.unwrap();
    assert!(chosen.contains("lang=\"de\""), "the switcher wins over the browser");
}

async fn operations_endpoints_answer(app: TestApp) {
    let client = reqwest::Client::new();
    let health: Value = client.get(app.url("/healthz")).send().await.unwrap().json().await.unwrap();
    assert_eq!(health["status"], "ok");
    assert_eq!(client.get(app.url("/readyz")).send().await.unwrap().status(), 200);
    client.get(app.url("/api/v1/me")).send().await.unwrap();
    let metrics = client.get(app.url("/metrics")).send().await.unwrap().text().await.unwrap();
    assert!(
        metrics.contains("tidings_http_requests_total{method=\"GET\",route=\"/api/v1/me\",status=\"4xx\"} 1"),
        "{metrics}"
    );
    assert!(metrics.contains("process_resident_memory_bytes"));
}

async fn responses_carry_security_headers(app: TestApp) {
    let client = reqwest::Client::new();
    let page = client.get(app.url("/login")).send().await.unwrap();
    let csp = page.headers().get("content-security-policy").unwrap().to_str().unwrap().to_string();
    assert!(csp.contains("frame-ancestors 'none'") && csp.contains("'nonce-"), "{csp}");
    let nonce = csp.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap().to_string();
    assert_eq!(page.headers()["x-content-type-options"], "nosniff");
    assert_eq!(page.headers()["referrer-policy"], "strict-origin-when-cross-origin");
    let html = page.text().await.unwrap();
    assert!(html.contains(&format!("nonce=\"{nonce}\"")), "the page's scripts carry the header's nonce");
    let api = client.get(app.url("/api/v1/me")).send().await.unwrap();
    assert!(api.headers().get("content-security-policy").is_some());
    let compressed = client.get(app.url("/login")).header("accept-encoding", "gzip").send().await.unwrap();
    assert_eq!(compressed.headers().get("content-encoding").map(|v| v.to_str().unwrap()), Some("gzip"));
}

async fn openapi_describes_every_contract_endpoint(app: TestApp) {
    let doc: Value = reqwest::get(app.url("/api/v1/openapi.json")).await.unwrap().json().await.unwrap();
    let paths = doc["paths"].as_object().expect("paths");
    for (path, method) in [
        ("/api/v1/auth/register", "post"),
        ("/api/v1/auth/login", "post"),
        ("/api/v1/auth/logout", "post"),
        ("/api/v1/me", "get"),
        ("/api/v1/tokens", "post"),
        ("/api/v1/users", "get"),
        ("/api/v1/users", "post"),
        ("/api/v1/users/{id}", "patch"),
        ("/api/v1/teams", "get"),
        ("/api/v1/teams", "post"),
    ] {
        assert!(paths.get(path).and_then(|p| p.get(method)).is_some(), "{method} {path} missing from OpenAPI");
    }
}

async fn server_functions_answer_for_the_signed_in_user_only(app: TestApp) {
    let admin = app.admin().await;
    let listed =
        admin.post(app.url("/api/list_users")).form(&[("page", "1"), ("per_page", "10")]).send().await.unwrap();
    assert_eq!(listed.status(), 200);
    let listed: Value = listed.json().await.unwrap();
    assert_eq!(listed["total"], 1);
    let (customer, _) = app.signed_in_as("customer").await;
    let refused =
        customer.post(app.url("/api/list_users")).form(&[("page", "1"), ("per_page", "10")]).send().await.unwrap();
    assert!(refused.status().is_server_error() || refused.status().is_client_error());
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["code"], "forbidden", "{body}");
    let forged = admin
        .post(app.url("/api/create_team"))
        .header("origin", "http://evil.example")
        .form(&[("name", "Forged")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403, "server functions are CSRF-protected too");
}
