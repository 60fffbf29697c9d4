//! A real SMTP server on a local port for the email tests: Python's aiosmtpd (installed by scripts/setup.sh
//! --test), writing every mail it accepts into a Maildir that the test reads back.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use tidings::channel::email::{parse_email, ParsedEmail};

pub struct SmtpSink {
    pub port: u16,
    dir: tempfile::TempDir,
    child: Child,
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        let dir = tempfile::tempdir().expect("maildir");
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut child = Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
            .arg(dir.path().join("mail"))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("python3 -m aiosmtpd (bash scripts/setup.sh --test installs it)");
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
                return SmtpSink { port, dir, child };
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("aiosmtpd did not start on port {port}");
    }

    /// The settings that send the app's mail here.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("TIDINGS_SMTP_URL", format!("smtp://127.0.0.1:{}", self.port)),
            ("TIDINGS_EMAIL_FROM", "Acme Support <help@acme.test>".into()),
        ]
    }

    fn files(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.dir.path().join("mail/new"))
            .map(|entries| entries.filter_map(|entry| entry.ok().map(|entry| entry.path())).collect())
            .unwrap_or_default();
        files.sort_by_key(|path| std::fs::metadata(path).and_then(|meta| meta.modified()).ok());
        files
    }

    /// The raw mails received so far, oldest first.
    pub fn raw_mails(&self) -> Vec<Vec<u8>> {
        self.files().iter().map(|path| std::fs::read(path).expect("mail file")).collect()
    }

    /// Waits (up to 10 s) until `count` mails have arrived, and returns them parsed, oldest first.
    pub async fn wait_for(&self, count: usize) -> Vec<(ParsedEmail, String)> {
        for _ in 0..200 {
            let raw = self.raw_mails();
            if raw.len() >= count {
                return raw
                    .into_iter()
                    .map(|raw| {
                        (parse_email(&raw).expect("a mail we sent parses"), String::from_utf8_lossy(&raw).into())
                    })
                    .collect();
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("expected {count} mails, got {}", self.raw_mails().len());
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
