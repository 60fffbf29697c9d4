//! Exactly once across a crash: the real `tidings` binary is killed with SIGKILL while inbound emails are arriving
//! concurrently. After a restart on the same database, every email that was acknowledged (202) before the kill is
//! there; the sender then retries everything (as a mail server or provider does when it got no answer) and each
//! email ends up stored exactly once.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::common::{ADMIN_EMAIL, ADMIN_PASSWORD};

const SECRET: &str = "crash-test-secret";
const MAILS: usize = 60;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_sqlite_nothing_acknowledged_is_lost_and_nothing_doubles_after_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("tidings.db").display());
    survives_sigkill(url, dir).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_postgres_nothing_acknowledged_is_lost_and_nothing_doubles_after_sigkill() {
    let Ok(admin_url) = std::env::var("TIDINGS_TEST_PG_URL") else {
        assert!(std::env::var("TIDINGS_REQUIRE_PG").is_err(), "TIDINGS_REQUIRE_PG set without TIDINGS_TEST_PG_URL");
        return;
    };
    let url = tidings::store::create_scratch_postgres_database(&admin_url).await.unwrap();
    survives_sigkill(url, tempfile::tempdir().unwrap()).await;
}

struct Server {
    child: Child,
    base: String,
}

impl Server {
    // The child is reaped in kill_9 and Drop.
    #[allow(clippy::zombie_processes)]
    async fn start(database_url: &str, dir: &tempfile::TempDir) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(env!("CARGO_BIN_EXE_tidings"))
            .arg("serve")
            .env("DATABASE_URL", database_url)
            .env("TIDINGS_DATA_DIR", dir.path())
            .env("TIDINGS_ADDR", format!("127.0.0.1:{port}"))
            .env("TIDINGS_ADMIN_EMAIL", ADMIN_EMAIL)
            .env("TIDINGS_ADMIN_PASSWORD", ADMIN_PASSWORD)
            .env("TIDINGS_EMAIL_INBOUND_SECRET", SECRET)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the tidings binary");
        let base = format!("http://127.0.0.1:{port}");
        for _ in 0..400 {
            if reqwest::get(format!("{base}/healthz")).await.is_ok_and(|r| r.status().is_success()) {
                return Server { child, base };
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("tidings did not start on {base}");
    }

    fn kill_9(&mut self) {
        // std's kill() is SIGKILL on Unix: no shutdown hooks, no flushing.
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn mail(n: usize) -> Vec<u8> {
    format!(
        "From: Kundin {n} <kundin{n}@example.com>\r\nTo: support@acme.test\r\nSubject: Frage Nummer {n} zu Prüfungen\r\n\
         Message-ID: <crash-{n}@example.com>\r\nDate: Sun, 22 Nov 2026 10:00:00 +0000\r\nContent-Type: text/plain; \
         charset=utf-8\r\n\r\nGrüße, hier ist Frage {n}.\r\n"
    )
    .into_bytes()
}

async fn post(base: &str, n: usize) -> Option<u16> {
    let response = reqwest::Client::new()
        .post(format!("{base}/api/v1/channels/email/inbound"))
        .bearer_auth(SECRET)
        .header("content-type", "message/rfc822")
        .body(mail(n))
        .timeout(Duration::from_secs(10))
        .send()
        .await
        .ok()?;
    Some(response.status().as_u16())
}

/// The subjects of all tickets, as the admin sees them.
async fn subjects(base: &str) -> Vec<String> {
    let client = reqwest::Client::builder().cookie_store(true).build().unwrap();
    let login = client
        .post(format!("{base}/api/v1/auth/login"))
        .header("origin", base)
        .json(&serde_json::json!({"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert!(login.status().is_success());
    let page: serde_json::Value =
        client.get(format!("{base}/api/v1/tickets?per_page=100")).send().await.unwrap().json().await.unwrap();
    page["items"].as_array().unwrap().iter().map(|t| t["subject"].as_str().unwrap().to_string()).collect()
}

async fn survives_sigkill(database_url: String, dir: tempfile::TempDir) {
    let mut server = Server::start(&database_url, &dir).await;
    let (done_tx, mut done_rx) = tokio::sync::mpsc::unbounded_channel();
    for n in 0..MAILS {
        let (base, done) = (server.base.clone(), done_tx.clone());
        tokio::spawn(async move {
            let _ = done.send((n, post(&base, n).await));
        });
    }
    drop(done_tx);
    // Kill once a few have been answered, while the rest are in flight.
    let mut answered = Vec::new();
    while let Some((n, status)) = done_rx.recv().await {
        answered.push((n, status));
        if answered.len() == 8 {
            server.kill_9();
        }
    }
    let acknowledged: Vec<usize> = answered.iter().filter(|(_, s)| *s == Some(202)).map(|(n, _)| *n).collect();
    assert!(
        acknowledged.len() >= 8 && acknowledged.len() < MAILS,
        "killed mid-way: {} acknowledged",
        acknowledged.len()
    );

    let server = Server::start(&database_url, &dir).await;
    let stored = subjects(&server.base).await;
    for n in &acknowledged {
        let subject = format!("Frage Nummer {n} zu Prüfungen");
        assert_eq!(stored.iter().filter(|s| **s == subject).count(), 1, "acknowledged mail {n} survived the kill");
    }
    // The sender retries every mail it has no answer for (and, to be sure, the others too).
    for n in 0..MAILS {
        assert_eq!(post(&server.base, n).await, Some(202), "retry of mail {n}");
    }
    let stored = subjects(&server.base).await;
    assert_eq!(stored.len(), MAILS, "each mail exactly once");
    for n in 0..MAILS {
        let subject = format!("Frage Nummer {n} zu Prüfungen");
        assert_eq!(stored.iter().filter(|s| **s == subject).count(), 1, "mail {n} once");
    }
}
