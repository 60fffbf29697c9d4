//! A real IMAP server on a local port for the IMAP polling tests: Debian's dovecot (package dovecot-imapd,
//! installed by scripts/setup.sh --test) with a generated configuration in a temporary directory, plain IMAP on
//! 127.0.0.1 only, one passwd-file user and a Maildir. Tests deliver mail by writing files into the Maildir's new/
//! (as a local delivery agent would) and read the flags back from the file names dovecot gives them in cur/.
//!
//! Dovecot refuses to run its login processes or to open mail as root. Run as root (CI), the master and auth run as
//! root, logins as `dovenull` (or `nobody`), and mail is opened as `nobody`, who owns the Maildir; run as anyone
//! else, every process is that user.

use std::fmt::Write as _;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

pub const USER: &str = "support";
pub const PASSWORD: &str = "imap-pass-123";

pub struct ImapServer {
    pub port: u16,
    dir: tempfile::TempDir,
    /// The owner mail files must have (`nobody` when the tests run as root).
    mail_owner: (u32, u32),
    delivered: AtomicU32,
    child: Child,
}

impl ImapServer {
    pub async fn start() -> ImapServer {
        let dir = tempfile::tempdir().expect("dovecot dir");
        let root = dir.path();
        let meta = std::fs::metadata(root).expect("temp dir metadata");
        let (uid, gid) = (meta.uid(), meta.gid());
        let as_root = uid == 0;
        // Dovecot's unprivileged processes must reach the sockets and the Maildir under the temp dir.
        set_mode(root, 0o755);
        let (nobody_uid, nobody_gid) = passwd_entry("nobody").map(|(_, u, g)| (u, g)).unwrap_or((65534, 65534));
        let mail_owner = if as_root { (nobody_uid, nobody_gid) } else { (uid, gid) };
        let user_name = passwd_name(uid).unwrap_or_else(|| std::env::var("USER").expect("USER"));
        let group_name = group_name(gid);
        let login_user = if !as_root {
            user_name.clone()
        } else if passwd_entry("dovenull").is_some() {
            "dovenull".to_string()
        } else {
            "nobody".to_string()
        };
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();

        let maildir = root.join(USER).join("Maildir");
        for sub in ["new", "cur", "tmp"] {
            std::fs::create_dir_all(maildir.join(sub)).expect("maildir");
        }
        for path in [root.join(USER), maildir.clone(), maildir.join("new"), maildir.join("cur"), maildir.join("tmp")] {
            std::os::unix::fs::chown(&path, Some(mail_owner.0), Some(mail_owner.1)).expect("chown maildir");
        }
        std::fs::write(root.join("passwd"), format!("{USER}:{{PLAIN}}{PASSWORD}::::::\n")).expect("passwd file");
        std::fs::create_dir_all(root.join("run")).expect("base dir");
        std::fs::create_dir_all(root.join("state")).expect("state dir");

        let dir_path = root.display().to_string();
        let mut conf = String::new();
        let _ = write!(
            conf,
            "protocols = imap\nlisten = 127.0.0.1\nssl = no\ndisable_plaintext_auth = no\n\
             auth_mechanisms = plain login\n\
             base_dir = {dir_path}/run\nstate_dir = {dir_path}/state\nlog_path = {dir_path}/dovecot.log\n\
             default_internal_user = {user_name}\ndefault_login_user = {login_user}\n\
             first_valid_uid = {}\nfirst_valid_gid = {}\n\
             mail_location = maildir:{dir_path}/%u/Maildir\n\
             passdb {{\n  driver = passwd-file\n  args = {dir_path}/passwd\n}}\n\
             userdb {{\n  driver = passwd-file\n  args = {dir_path}/passwd\n  default_fields = home={dir_path}/%u\n}}\n\
             service imap-login {{\n  chroot =\n  inet_listener imap {{\n    address = 127.0.0.1\n    port = {port}\n  }}\n\
             \x20 inet_listener imaps {{\n    port = 0\n  }}\n}}\n\
             service anvil {{\n  chroot =\n}}\n",
            mail_owner.0, mail_owner.1,
        );
        if let Some(group) = group_name {
            let _ = writeln!(conf, "default_internal_group = {group}");
        }
        if as_root {
            // Root may not open mail: the mail processes run as the Maildir's owner.
            let _ = writeln!(conf, "mail_uid = {}\nmail_gid = {}", mail_owner.0, mail_owner.1);
        }
        let conf_path = root.join("dovecot.conf");
        std::fs::write(&conf_path, conf).expect("dovecot.conf");

        let binary = if Path::new("/usr/sbin/dovecot").exists() { "/usr/sbin/dovecot" } else { "dovecot" };
        let mut child = Command::new(binary)
            .arg("-F")
            .arg("-c")
            .arg(&conf_path)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("dovecot (apt-get install dovecot-imapd; bash scripts/setup.sh --test installs it)");
        for _ in 0..200 {
            if let Ok(Some(status)) = child.try_wait() {
                panic!("dovecot exited with {status}:\n{}", read_log(root));
            }
            if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
                return ImapServer { port, dir, mail_owner, delivered: AtomicU32::new(0), child };
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("dovecot did not listen on port {port}:\n{}", read_log(root));
    }

    /// The mailbox URL the app polls.
    pub fn url(&self) -> String {
        format!("imap://{USER}:{PASSWORD}@127.0.0.1:{}/INBOX", self.port)
    }

    /// The settings that make the app poll this mailbox every second.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![("TIDINGS_IMAP_URLS", self.url()), ("TIDINGS_IMAP_POLL_SECONDS", "1".into())]
    }

    pub fn maildir(&self) -> PathBuf {
        self.dir.path().join(USER).join("Maildir")
    }

    /// Delivers a mail the way a local delivery agent does: written to tmp/, then renamed into new/. Names sort in
    /// delivery order, and dovecot hands out UIDs in that order. Returns the file's base name.
    pub fn deliver(&self, raw: &[u8]) -> String {
        let seq = self.delivered.fetch_add(1, Ordering::SeqCst);
        let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
        let name = format!("{secs}.M{seq:06}P{}.tidings-test", std::process::id());
        let tmp = self.maildir().join("tmp").join(&name);
        std::fs::write(&tmp, raw).expect("write mail");
        std::os::unix::fs::chown(&tmp, Some(self.mail_owner.0), Some(self.mail_owner.1)).expect("chown mail");
        std::fs::rename(&tmp, self.maildir().join("new").join(&name)).expect("deliver mail");
        name
    }

    /// The Maildir flags (`S` = seen) of a delivered mail: `None` while it is still in new/ (not yet seen by any
    /// IMAP session), `Some("")` once dovecot moved it to cur/ without flags.
    pub fn flags(&self, name: &str) -> Option<String> {
        let entries = std::fs::read_dir(self.maildir().join("cur")).expect("cur/");
        entries.filter_map(|entry| entry.ok()).find_map(|entry| {
            let file = entry.file_name().to_string_lossy().into_owned();
            let (base, info) = file.split_once(':').unwrap_or((file.as_str(), ""));
            (base == name).then(|| info.strip_prefix("2,").unwrap_or(info).to_string())
        })
    }

    /// Whether the mail is flagged \Seen in the Maildir (in cur/, its name ending in `:2,…S…`).
    pub fn is_seen(&self, name: &str) -> bool {
        self.flags(name).is_some_and(|flags| flags.contains('S'))
    }

    /// How many mails are still in new/.
    pub fn new_count(&self) -> usize {
        std::fs::read_dir(self.maildir().join("new")).expect("new/").count()
    }

    pub fn log(&self) -> String {
        read_log(self.dir.path())
    }
}

impl Drop for ImapServer {
    fn drop(&mut self) {
        // SIGTERM lets the master stop its children; SIGKILL after a grace period.
        let _ = Command::new("kill").arg("-TERM").arg(self.child.id().to_string()).status();
        for _ in 0..50 {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_log(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("dovecot.log")).unwrap_or_else(|err| format!("(no dovecot.log: {err})"))
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

/// (name, uid, gid) of a user in /etc/passwd.
fn passwd_entry(name: &str) -> Option<(String, u32, u32)> {
    passwd_entries().into_iter().find(|(user, _, _)| user == name)
}

fn passwd_name(uid: u32) -> Option<String> {
    passwd_entries().into_iter().find(|(_, id, _)| *id == uid).map(|(name, _, _)| name)
}

fn passwd_entries() -> Vec<(String, u32, u32)> {
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    passwd
        .lines()
        .filter_map(|line| {
            let fields: Vec<&str> = line.split(':').collect();
            Some((fields.first()?.to_string(), fields.get(2)?.parse().ok()?, fields.get(3)?.parse().ok()?))
        })
        .collect()
}

fn group_name(gid: u32) -> Option<String> {
    let groups = std::fs::read_to_string("/etc/group").unwrap_or_default();
    groups.lines().find_map(|line| {
        let fields: Vec<&str> = line.split(':').collect();
        (fields.get(2)?.parse::<u32>().ok()? == gid).then(|| fields[0].to_string())
    })
}
