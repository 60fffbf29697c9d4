//! Email in by IMAP: a mailbox named by a URL (`imap://` in the clear for loopback and tests, `imaps://` with
//! implicit TLS through rustls and the webpki roots), and a session that lists the unseen mail, reads each one
//! without marking it (`BODY.PEEK[]`), and marks it `\Seen` only when the caller says it was dealt with. So a
//! crash between reading and storing loses nothing: the mail is still unseen, and ingestion's Message-ID dedupe
//! makes the second reading a no-op.

use std::fmt;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use async_imap::{Client, Session};
use futures_util::TryStreamExt;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio_rustls::rustls::pki_types::ServerName;
use tokio_rustls::rustls::{ClientConfig, RootCertStore};
use tokio_rustls::TlsConnector;

/// At most this many mails are read in one round, so one round stays short; the rest wait for the next.
pub const MAX_MESSAGES_PER_ROUND: usize = 50;
/// A mail larger than this is not downloaded at all: it is marked seen and logged.
pub const MAX_MESSAGE_BYTES: u32 = 40 * 1024 * 1024;

mod mailbox;

pub use mailbox::{ImapMailbox, ImapUrlError};

const CONNECT_TIMEOUT: Duration = Duration::from_secs(30);
const COMMAND_TIMEOUT: Duration = Duration::from_secs(60);
/// Reading one mail of up to [`MAX_MESSAGE_BYTES`] over a slow link.
const BODY_TIMEOUT: Duration = Duration::from_secs(300);

/// What went wrong talking to the IMAP server.
#[derive(Debug, thiserror::Error)]
pub enum ImapError {
    /// The server could not be reached, or hung up before greeting.
    #[error("cannot connect to {0}")]
    Connect(String),
    /// The TLS handshake failed (certificate, protocol).
    #[error("TLS with {0}")]
    Tls(String),
    /// The server refused the user name and password.
    #[error("login refused: {0}")]
    Auth(String),
    /// The folder does not exist or cannot be opened.
    #[error("cannot open folder {folder:?}: {reason}")]
    Folder { folder: String, reason: String },
    /// The server did not answer in time.
    #[error("the server did not answer {0} in time")]
    Timeout(&'static str),
    /// Any other failure of a command or of the connection.
    #[error("IMAP {0}")]
    Protocol(String),
}

impl ImapError {
    /// Failures to reach or log in to the server, where waiting longer before the next try is kinder.
    pub fn is_connection(&self) -> bool {
        matches!(self, ImapError::Connect(_) | ImapError::Tls(_) | ImapError::Auth(_) | ImapError::Timeout(_))
    }
}

impl ImapMailbox {
    /// Opens a session: connects, reads the greeting, logs in and selects the folder.
    pub async fn open(&self) -> Result<ImapSession, ImapError> {
        let address = format!("{}:{}", self.host, self.port);
        let connect = TcpStream::connect((self.host.as_str(), self.port));
        let tcp = within(CONNECT_TIMEOUT, "the connection", connect)
            .await?
            .map_err(|err| ImapError::Connect(format!("{address}: {err}")))?;
        let transport = if self.tls {
            let name = ServerName::try_from(self.host.clone())
                .map_err(|err| ImapError::Tls(format!("{}: {err}", self.host)))?;
            let tls = within(CONNECT_TIMEOUT, "the TLS handshake", tls_connector().connect(name, tcp))
                .await?
                .map_err(|err| ImapError::Tls(format!("{address}: {err}")))?;
            Transport::Tls(Box::new(tls))
        } else {
            Transport::Plain(tcp)
        };
        let mut client = Client::new(transport);
        match within(COMMAND_TIMEOUT, "the greeting", client.read_response()).await? {
            Ok(Some(_greeting)) => {}
            Ok(None) => return Err(ImapError::Connect(format!("{address} closed the connection before greeting"))),
            Err(err) => return Err(ImapError::Connect(format!("{address}: {err}"))),
        }
        let session = match within(COMMAND_TIMEOUT, "LOGIN", client.login(&self.user, self.password())).await? {
            Ok(session) => session,
            Err((async_imap::error::Error::No(reason) | async_imap::error::Error::Bad(reason), _)) => {
                return Err(ImapError::Auth(reason))
            }
            Err((err, _)) => return Err(ImapError::Protocol(format!("LOGIN: {err}"))),
        };
        let mut session = ImapSession { session };
        let select = session.session.select(&self.folder);
        within(COMMAND_TIMEOUT, "SELECT", select)
            .await?
            .map_err(|err| ImapError::Folder { folder: self.folder.clone(), reason: err.to_string() })?;
        Ok(session)
    }
}

/// The connector for `imaps://`: rustls with the ring provider (the one already in the tree for SMTP and HTTPS)
/// and the webpki (Mozilla) roots.
fn tls_connector() -> TlsConnector {
    static CONFIG: std::sync::OnceLock<Arc<ClientConfig>> = std::sync::OnceLock::new();
    let config = CONFIG.get_or_init(|| {
        let roots = RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() };
        let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
        let config = ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("ring supports the default TLS versions")
            .with_root_certificates(roots)
            .with_no_client_auth();
        Arc::new(config)
    });
    TlsConnector::from(config.clone())
}

async fn within<T>(limit: Duration, what: &'static str, future: impl Future<Output = T>) -> Result<T, ImapError> {
    tokio::time::timeout(limit, future).await.map_err(|_| ImapError::Timeout(what))
}

fn protocol(command: &'static str) -> impl Fn(async_imap::error::Error) -> ImapError {
    move |err| ImapError::Protocol(format!("{command}: {err}"))
}

/// One unseen mail in the folder, before it is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnseenMail {
    pub uid: u32,
    /// RFC822.SIZE, when the server said.
    pub size: Option<u32>,
}

/// The unseen mails of one round, oldest first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UnseenMails {
    pub mails: Vec<UnseenMail>,
    /// More were unseen than one round takes.
    pub more_waiting: bool,
}

/// A logged-in session with the folder selected.
pub struct ImapSession {
    session: Session<Transport>,
}

impl ImapSession {
    /// The unseen mails (`UID SEARCH UNSEEN`), oldest first, at most `limit` of them, with their sizes.
    pub async fn unseen(&mut self, limit: usize) -> Result<UnseenMails, ImapError> {
        let search = self.session.uid_search("UNSEEN");
        let found = within(COMMAND_TIMEOUT, "UID SEARCH", search).await?.map_err(protocol("UID SEARCH"))?;
        let mut uids: Vec<u32> = found.into_iter().collect();
        uids.sort_unstable();
        let more_waiting = uids.len() > limit;
        uids.truncate(limit);
        if uids.is_empty() {
            return Ok(UnseenMails::default());
        }
        let set = uids.iter().map(u32::to_string).collect::<Vec<_>>().join(",");
        let fetches = async {
            let stream = self.session.uid_fetch(&set, "(UID RFC822.SIZE)").await?;
            stream.try_collect::<Vec<_>>().await
        };
        let fetched = within(COMMAND_TIMEOUT, "UID FETCH (RFC822.SIZE)", fetches)
            .await?
            .map_err(protocol("UID FETCH (RFC822.SIZE)"))?;
        let mails = uids
            .into_iter()
            .map(|uid| UnseenMail {
                uid,
                size: fetched.iter().find(|fetch| fetch.uid == Some(uid)).and_then(|fetch| fetch.size),
            })
            .collect();
        Ok(UnseenMails { mails, more_waiting })
    }

    /// The raw mail (`UID FETCH <uid> BODY.PEEK[]`, which leaves it unseen); `None` when it is gone meanwhile.
    pub async fn read(&mut self, uid: u32) -> Result<Option<Vec<u8>>, ImapError> {
        let fetches = async {
            let stream = self.session.uid_fetch(uid.to_string(), "(UID BODY.PEEK[])").await?;
            stream.try_collect::<Vec<_>>().await
        };
        let fetched =
            within(BODY_TIMEOUT, "UID FETCH BODY.PEEK[]", fetches).await?.map_err(protocol("UID FETCH BODY.PEEK[]"))?;
        Ok(fetched.iter().filter(|fetch| fetch.uid == Some(uid)).find_map(|fetch| fetch.body().map(<[u8]>::to_vec)))
    }

    /// Marks a mail as dealt with (`UID STORE <uid> +FLAGS (\Seen)`).
    pub async fn mark_seen(&mut self, uid: u32) -> Result<(), ImapError> {
        let store = async {
            let stream = self.session.uid_store(uid.to_string(), "+FLAGS (\\Seen)").await?;
            stream.try_collect::<Vec<_>>().await
        };
        within(COMMAND_TIMEOUT, "UID STORE", store).await?.map_err(protocol("UID STORE"))?;
        Ok(())
    }

    /// Says goodbye; a server that does not answer is simply left.
    pub async fn logout(mut self) {
        let _ = within(COMMAND_TIMEOUT, "LOGOUT", self.session.logout()).await;
    }
}

/// The connection under the session: plain TCP or TLS over it.
enum Transport {
    Plain(TcpStream),
    Tls(Box<tokio_rustls::client::TlsStream<TcpStream>>),
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Transport::Plain(_) => "Transport::Plain",
            Transport::Tls(_) => "Transport::Tls",
        })
    }
}

impl AsyncRead for Transport {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Transport::Plain(stream) => Pin::new(stream).poll_read(cx, buf),
            Transport::Tls(stream) => Pin::new(stream.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Transport {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Transport::Plain(stream) => Pin::new(stream).poll_write(cx, buf),
            Transport::Tls(stream) => Pin::new(stream.as_mut()).poll_write(cx, buf),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Transport::Plain(stream) => Pin::new(stream).poll_flush(cx),
            Transport::Tls(stream) => Pin::new(stream.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Transport::Plain(stream) => Pin::new(stream).poll_shutdown(cx),
            Transport::Tls(stream) => Pin::new(stream.as_mut()).poll_shutdown(cx),
        }
    }
}
