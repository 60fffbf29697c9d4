//! A mailbox named by a URL: `imap://user:pass@host:port/Folder` or `imaps://…`, parsed, and shown without its
//! password.

use std::fmt;
use std::str::FromStr;

use percent_encoding::percent_decode_str;

/// One mailbox to poll: `imap://user:pass@host:port/Folder` or `imaps://…` (port 143 / 993 by default, folder
/// INBOX by default, user and password percent-decoded). Debug and Display never show the password.
#[derive(Clone, PartialEq, Eq)]
pub struct ImapMailbox {
    /// Implicit TLS (`imaps://`).
    pub tls: bool,
    pub host: String,
    pub port: u16,
    pub user: String,
    password: String,
    /// The folder as the server names it, e.g. `INBOX` or `INBOX.Support`.
    pub folder: String,
}

/// Why a mailbox URL was refused. Never contains the password.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid IMAP URL: {0}")]
pub struct ImapUrlError(pub String);

impl ImapMailbox {
    /// The password, percent-decoded: for LOGIN only, never for a log line.
    pub fn password(&self) -> &str {
        &self.password
    }
}

impl FromStr for ImapMailbox {
    type Err = ImapUrlError;

    fn from_str(raw: &str) -> Result<ImapMailbox, ImapUrlError> {
        let url = url::Url::parse(raw.trim()).map_err(|err| ImapUrlError(err.to_string()))?;
        let tls = match url.scheme() {
            "imap" => false,
            "imaps" => true,
            other => return Err(ImapUrlError(format!("the scheme is {other:?}, not imap or imaps"))),
        };
        let host = match url.host() {
            Some(url::Host::Domain(name)) if !name.is_empty() => decode(name, "host")?,
            Some(url::Host::Ipv4(address)) => address.to_string(),
            Some(url::Host::Ipv6(address)) => address.to_string(),
            _ => return Err(ImapUrlError("it names no host".into())),
        };
        let user = decode(url.username(), "user name")?;
        if user.is_empty() {
            return Err(ImapUrlError("it names no user".into()));
        }
        let password = decode(url.password().unwrap_or_default(), "password")?;
        if url.query().is_some() || url.fragment().is_some() {
            return Err(ImapUrlError("a query or fragment is not understood".into()));
        }
        let folder = decode(url.path().trim_start_matches('/'), "folder")?;
        let folder = if folder.is_empty() { "INBOX".to_string() } else { folder };
        if folder.contains(['\r', '\n']) {
            return Err(ImapUrlError("the folder name has a line break".into()));
        }
        let port = url.port().unwrap_or(if tls { 993 } else { 143 });
        Ok(ImapMailbox { tls, host, port, user, password, folder })
    }
}

fn decode(part: &str, what: &str) -> Result<String, ImapUrlError> {
    percent_decode_str(part)
        .decode_utf8()
        .map(|text| text.into_owned())
        .map_err(|_| ImapUrlError(format!("the {what} is not UTF-8 once percent-decoded")))
}

/// `imap[s]://user@host:port/Folder`, without the password: what logs show.
impl fmt::Display for ImapMailbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = if self.tls { "imaps" } else { "imap" };
        let host = if self.host.contains(':') { format!("[{}]", self.host) } else { self.host.clone() };
        write!(f, "{scheme}://{}@{host}:{}/{}", self.user, self.port, self.folder)
    }
}

impl fmt::Debug for ImapMailbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImapMailbox")
            .field("tls", &self.tls)
            .field("host", &self.host)
            .field("port", &self.port)
            .field("user", &self.user)
            .field("password", &"***")
            .field("folder", &self.folder)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str) -> ImapMailbox {
        raw.parse().unwrap_or_else(|err| panic!("{raw}: {err}"))
    }

    #[test]
    fn plain_urls_name_host_port_user_and_folder() {
        let mailbox = parse("imap://support:geheim@127.0.0.1:10143/Support");
        assert_eq!(
            (mailbox.tls, mailbox.host.as_str(), mailbox.port, mailbox.user.as_str(), mailbox.folder.as_str()),
            (false, "127.0.0.1", 10143, "support", "Support")
        );
        assert_eq!(mailbox.password(), "geheim");
    }

    #[test]
    fn imaps_defaults_to_port_993_and_the_inbox() {
        let mailbox = parse("imaps://help%40acme.test:p%40ss%2Fw%3Ard@mail.acme.test");
        assert!(mailbox.tls);
        assert_eq!((mailbox.host.as_str(), mailbox.port, mailbox.folder.as_str()), ("mail.acme.test", 993, "INBOX"));
        assert_eq!((mailbox.user.as_str(), mailbox.password()), ("help@acme.test", "p@ss/w:rd"), "percent-decoded");
        assert_eq!(parse("imap://u:p@localhost/").port, 143);
        assert_eq!(parse("imap://u:p@localhost/").folder, "INBOX");
    }

    #[test]
    fn folders_are_percent_decoded_and_may_nest() {
        assert_eq!(parse("imap://u:p@h/INBOX.Support%20DE").folder, "INBOX.Support DE");
        assert_eq!(parse("imap://u:p@h/Kunden/Anfr%C3%A4gen").folder, "Kunden/Anfrägen");
        assert_eq!(parse("imap://u:p@[::1]:1143/INBOX").host, "::1");
    }

    #[test]
    fn wrong_urls_are_refused_without_showing_the_password() {
        for raw in [
            "http://u:hunter2@h/INBOX",
            "imap://:hunter2@h/INBOX",
            "imap://u:hunter2@/INBOX",
            "imap://u:hunter2@h/INBOX?x=1",
            "imap://u:hunter2@h/IN%0D%0ABOX",
            "imap://u:hunter2@h:99999/INBOX",
            "imap://u:hunter2%FF@h/INBOX",
            "not a url hunter2",
        ] {
            let err = raw.parse::<ImapMailbox>().expect_err(raw);
            assert!(!err.to_string().contains("hunter2"), "{raw}: {err}");
        }
    }

    #[test]
    fn debug_and_display_redact_the_password() {
        let mailbox = parse("imaps://help:hunter2@mail.acme.test/Support");
        let debug = format!("{mailbox:?}");
        assert!(!debug.contains("hunter2") && debug.contains("***"), "{debug}");
        assert_eq!(mailbox.to_string(), "imaps://help@mail.acme.test:993/Support");
    }
}
