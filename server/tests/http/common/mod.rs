//! Spawns the real server on port 0 with a fresh database (SQLite file or a scratch PostgreSQL
//! database) and talks to it over HTTP, the way a browser or an integration would.

#![allow(dead_code)]

pub mod backdate;
pub mod imap_server;
pub mod kb;
pub mod live;
pub mod pages;
pub mod providers;
pub mod routing;
pub mod smtp_sink;
pub mod tickets;

use reqwest::header::{HeaderMap, HeaderValue, ORIGIN};
use reqwest::{Client, Response};
use serde_json::{json, Value};
use std::collections::HashMap;
use tidings_server::config::Config;
use tidings_server::state::AppState;

pub const ADMIN_EMAIL: &str = "admin@example.com";
pub const ADMIN_PASSWORD: &str = "admin-password-123";
pub const PASSWORD: &str = "user-password-123";

#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub base: String,
    pub state: AppState,
    pub data_dir: tempfile::TempDir,
}

/// Runs `$case(app)` once per backend, as `on_sqlite::$case` and `on_postgres::$case`.
#[macro_export]
macro_rules! on_both_backends {
    ($($case:ident),* $(,)?) => {
        mod on_sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $case() {
                let app = super::common::spawn(super::common::Backend::Sqlite, &[]).await.expect("sqlite app");
                super::$case(app).await;
            })*
        }
        mod on_postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $case() {
                if let Some(app) = super::common::spawn(super::common::Backend::Postgres, &[]).await {
                    super::$case(app).await;
                }
            })*
        }
    };
}

/// Starts a server; `None` only when PostgreSQL is asked for, not configured and not required.
pub async fn spawn(backend: Backend, extra: &[(&str, &str)]) -> Option<TestApp> {
    let data_dir = tempfile::tempdir().expect("temp dir");
    let database_url = match backend {
        Backend::Sqlite => format!("sqlite://{}", data_dir.path().join("tidings.db").display()),
        Backend::Postgres => {
            let Ok(admin_url) = std::env::var("TIDINGS_TEST_PG_URL") else {
                assert!(
                    std::env::var("TIDINGS_REQUIRE_PG").is_err(),
                    "TIDINGS_REQUIRE_PG set without TIDINGS_TEST_PG_URL"
                );
                eprintln!("skipping PostgreSQL: TIDINGS_TEST_PG_URL not set");
                return None;
            };
            tidings::store::create_scratch_postgres_database(&admin_url).await.expect("scratch database")
        }
    };
    Some(spawn_on(database_url, data_dir, extra).await)
}

/// A second instance on the same PostgreSQL database as `app` (multi-instance tests).
pub async fn spawn_sibling(app: &TestApp) -> TestApp {
    let database_url = app.state.config.database_url.clone();
    spawn_on(database_url, tempfile::tempdir().expect("temp dir"), &[]).await
}

/// A new server on `app`'s database (SQLite file or PostgreSQL database): a restart, when `app` stops ticking.
pub async fn spawn_with_database(app: &TestApp, extra: &[(&str, &str)]) -> TestApp {
    let database_url = app.state.config.database_url.clone();
    spawn_on(database_url, tempfile::tempdir().expect("temp dir"), extra).await
}

async fn spawn_on(database_url: String, data_dir: tempfile::TempDir, extra: &[(&str, &str)]) -> TestApp {
    let mut vars: HashMap<String, String> = HashMap::from([
        ("DATABASE_URL".into(), database_url),
        ("TIDINGS_DATA_DIR".into(), data_dir.path().display().to_string()),
        ("TIDINGS_ADDR".into(), "127.0.0.1:0".into()),
        ("TIDINGS_ADMIN_EMAIL".into(), ADMIN_EMAIL.into()),
        ("TIDINGS_ADMIN_PASSWORD".into(), ADMIN_PASSWORD.into()),
        // The shipped rules (an acknowledgement on every new portal ticket, …) would change what the other suites
        // see; the rules suite turns them on where it tests them.
        ("TIDINGS_RULES_DEFAULTS".into(), "off".into()),
        // The weekly report is due on any day after Monday 07:00: with email configured it would put a report in
        // the mail sink of every email suite. The weekly-report suite turns it on.
        ("TIDINGS_WEEKLY_REPORT".into(), "off".into()),
    ]);
    for (key, value) in extra {
        vars.insert(key.to_string(), value.to_string());
    }
    let config = Config::from_lookup(|key| vars.get(key).cloned()).expect("config");
    let (router, state) = tidings_server::startup::build_app(config).await.expect("app");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(tidings_server::startup::serve(listener, router));
    TestApp { base, state, data_dir }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A browser-like client: keeps cookies, sends this site's Origin, does not follow redirects.
    pub fn browser(&self) -> Client {
        let mut headers = HeaderMap::new();
        headers.insert(ORIGIN, HeaderValue::from_str(&self.base).expect("origin"));
        Client::builder()
            .cookie_store(true)
            .default_headers(headers)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client")
    }

    pub async fn login(&self, client: &Client, email: &str, password: &str) -> Response {
        client
            .post(self.url("/api/v1/auth/login"))
            .json(&json!({"email": email, "password": password}))
            .send()
            .await
            .expect("login request")
    }

    /// A client signed in as the first admin.
    pub async fn admin(&self) -> Client {
        let client = self.browser();
        let response = self.login(&client, ADMIN_EMAIL, ADMIN_PASSWORD).await;
        assert_eq!(response.status(), 200, "admin login");
        client
    }

    /// Creates a user through the admin API and returns its JSON.
    pub async fn create_user(&self, admin: &Client, email: &str, role: &str) -> Value {
        let response = admin
            .post(self.url("/api/v1/users"))
            .json(&json!({"email": email, "name": format!("{role} user"), "role": role, "password": PASSWORD}))
            .send()
            .await
            .expect("create user");
        assert_eq!(response.status(), 201, "create {role}");
        response.json().await.expect("user json")
    }

    /// A client signed in as a new user of `role`.
    pub async fn signed_in_as(&self, role: &str) -> (Client, Value) {
        let admin = self.admin().await;
        let email = format!("{role}-{}@example.com", std::process::id());
        let user = self.create_user(&admin, &email, role).await;
        let client = self.browser();
        assert_eq!(self.login(&client, &email, PASSWORD).await.status(), 200);
        (client, user)
    }
}

/// The `error.code` of a JSON error answer.
pub async fn error_code(response: Response) -> String {
    let body: Value = response.json().await.expect("error body is JSON");
    body["error"]["code"].as_str().expect("error.code").to_string()
}

/// The value of `name` in a response's Set-Cookie headers.
pub fn set_cookie_value(response: &Response, name: &str) -> Option<String> {
    response.headers().get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()).find_map(|cookie| {
        let (pair, _) = cookie.split_once(';').unwrap_or((cookie, ""));
        let (key, value) = pair.split_once('=')?;
        (key == name).then(|| value.to_string())
    })
}

pub fn set_cookie_header(response: &Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|cookie| cookie.starts_with(&format!("{name}=")))
        .map(str::to_string)
}
