//! Typed configuration from the environment. Every setting has a default, so `tidings` runs with
//! nothing set; secrets are never printed (see the Debug impl).

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Clone)]
pub struct Config {
    /// TIDINGS_ADDR, default 127.0.0.1:3000.
    pub addr: SocketAddr,
    /// TIDINGS_DATA_DIR, default ./data: the SQLite file and the attachments (under `attachments/`) live here.
    pub data_dir: PathBuf,
    /// DATABASE_URL, default sqlite://<data dir>/tidings.db.
    pub database_url: String,
    /// LEPTOS_SITE_ROOT, default target/site: the built wasm, JS, CSS and public files.
    pub site_root: PathBuf,
    /// TIDINGS_PUBLIC_URL, e.g. https://support.example.com: the site's own origin (CSRF) and https cookies.
    pub public_url: Option<url::Url>,
    /// TIDINGS_ADMIN_EMAIL / TIDINGS_ADMIN_PASSWORD: the first admin, created if none exists.
    pub admin_email: Option<String>,
    pub admin_password: Option<String>,
    /// TIDINGS_REGISTRATION (true/false, default true): whether customers may sign up themselves.
    pub registration_open: bool,
    /// TIDINGS_TRUST_PROXY (default false): take the client address and scheme from X-Forwarded-* headers.
    pub trust_proxy: bool,
    /// TIDINGS_LOG_FORMAT (text/json, default text).
    pub log_format: LogFormat,
    /// TIDINGS_MAX_BODY_BYTES (default 1 MiB): larger request bodies get 413.
    pub max_body_bytes: usize,
    /// TIDINGS_ATTACHMENT_MAX_BYTES (default 10 MiB): the largest single attached file.
    pub attachment_max_bytes: u64,
    /// TIDINGS_ATTACHMENT_MAX_FILES (default 10): the most files on one message.
    pub attachment_max_files: usize,
    /// TIDINGS_WIDGET_FRAME_ANCESTORS (default `*`): the sites that may embed the support widget, as CSP
    /// `frame-ancestors` sources, e.g. `https://shop.example.com https://*.example.org`.
    pub widget_frame_ancestors: String,
    /// Email, WhatsApp and Telegram settings (see `channel_config.rs`).
    pub channels: crate::channel_config::ChannelConfig,
    /// TIDINGS_SLA_TICK_SECONDS (default 30, at least 1): how often the SLA watcher looks for clocks that turned
    /// warning or breached.
    pub sla_tick_seconds: u64,
    /// TIDINGS_RULES_TICK_SECONDS (default 30, at least 1): how often due time-rule jobs (pending reminders and
    /// the like) are fired.
    pub rules_tick_seconds: u64,
    /// TIDINGS_RULES_DEFAULTS (default on): plant the shipped rules (acknowledgement, out-of-hours reply, pending
    /// reminder and resolve) the first time a database starts.
    pub rules_defaults: bool,
    /// TIDINGS_RULES_WEBHOOK_ALLOW_PRIVATE (default off): let rule webhooks call loopback and private addresses.
    pub rules_webhook_allow_private: bool,
    /// TIDINGS_TRIAGE_MIN_CONFIDENCE (0 to 1, default 0.6): how sure triage's team suggestion must be before it
    /// files an unfiled ticket with that team.
    pub triage_min_confidence: f32,
    /// TIDINGS_CSAT_SECRET (at least 32 bytes): the key satisfaction-survey links are signed with. Unset: a random
    /// key is generated once and kept in the database. Never printed.
    pub csat_secret: Option<String>,
    /// TIDINGS_WEEKLY_REPORT (default `mon 07:00`, in UTC; `off` for none): when last week's report is mailed
    /// to supervisors and admins, if email is configured.
    pub weekly_report: Option<tidings::domain::analytics::WeeklySchedule>,
    /// TIDINGS_REPORT_TICK_SECONDS (default 300, at least 1): how often a due weekly report is looked for.
    pub report_tick_seconds: u64,
}

impl Config {
    pub fn from_env() -> anyhow::Result<Config> {
        Config::from_lookup(|key| std::env::var(key).ok().filter(|value| !value.is_empty()))
    }

    /// Reads settings through `lookup`, so tests can configure without touching the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> anyhow::Result<Config> {
        let addr = match lookup("TIDINGS_ADDR") {
            Some(raw) => {
                raw.parse().map_err(|_| anyhow::anyhow!("TIDINGS_ADDR must look like 127.0.0.1:3000, got {raw:?}"))?
            }
            None => SocketAddr::from(([127, 0, 0, 1], 3000)),
        };
        let data_dir = PathBuf::from(lookup("TIDINGS_DATA_DIR").unwrap_or_else(|| "data".into()));
        let database_url =
            lookup("DATABASE_URL").unwrap_or_else(|| format!("sqlite://{}", data_dir.join("tidings.db").display()));
        let public_url = lookup("TIDINGS_PUBLIC_URL")
            .map(|raw| url::Url::parse(&raw).map_err(|err| anyhow::anyhow!("TIDINGS_PUBLIC_URL {raw:?}: {err}")))
            .transpose()?;
        let max_body_bytes = match lookup("TIDINGS_MAX_BODY_BYTES") {
            Some(raw) => {
                raw.parse().map_err(|_| anyhow::anyhow!("TIDINGS_MAX_BODY_BYTES must be a number of bytes"))?
            }
            None => 1024 * 1024,
        };
        let attachment_max_bytes = match lookup("TIDINGS_ATTACHMENT_MAX_BYTES") {
            Some(raw) => raw
                .parse()
                .map_err(|_| anyhow::anyhow!("TIDINGS_ATTACHMENT_MAX_BYTES must be a number of bytes, got {raw:?}"))?,
            None => 10 * 1024 * 1024,
        };
        let attachment_max_files = match lookup("TIDINGS_ATTACHMENT_MAX_FILES") {
            Some(raw) => raw
                .parse()
                .map_err(|_| anyhow::anyhow!("TIDINGS_ATTACHMENT_MAX_FILES must be a number, got {raw:?}"))?,
            None => 10,
        };
        let log_format = match lookup("TIDINGS_LOG_FORMAT").as_deref() {
            None | Some("text") => LogFormat::Text,
            Some("json") => LogFormat::Json,
            Some(other) => anyhow::bail!("TIDINGS_LOG_FORMAT must be text or json, got {other:?}"),
        };
        let sla_tick_seconds = match lookup("TIDINGS_SLA_TICK_SECONDS") {
            Some(raw) => raw.parse().ok().filter(|seconds| *seconds >= 1).ok_or_else(|| {
                anyhow::anyhow!("TIDINGS_SLA_TICK_SECONDS must be a whole number of seconds (1 or more), got {raw:?}")
            })?,
            None => 30,
        };
        let rules_tick_seconds = match lookup("TIDINGS_RULES_TICK_SECONDS") {
            Some(raw) => raw.parse().ok().filter(|seconds| *seconds >= 1).ok_or_else(|| {
                anyhow::anyhow!("TIDINGS_RULES_TICK_SECONDS must be a whole number of seconds (1 or more), got {raw:?}")
            })?,
            None => 30,
        };
        let widget_frame_ancestors = match lookup("TIDINGS_WIDGET_FRAME_ANCESTORS") {
            Some(raw) => parse_frame_ancestors(&raw)?,
            None => "*".to_string(),
        };
        let triage_min_confidence = match lookup("TIDINGS_TRIAGE_MIN_CONFIDENCE") {
            Some(raw) => {
                raw.trim().parse::<f32>().ok().filter(|value| (0.0..=1.0).contains(value)).ok_or_else(|| {
                    anyhow::anyhow!("TIDINGS_TRIAGE_MIN_CONFIDENCE must be a number from 0 to 1, got {raw:?}")
                })?
            }
            None => 0.6,
        };
        let csat_secret = lookup("TIDINGS_CSAT_SECRET");
        if csat_secret.as_ref().is_some_and(|secret| secret.len() < 32) {
            anyhow::bail!("TIDINGS_CSAT_SECRET must be at least 32 bytes long (e.g. `openssl rand -hex 32`)");
        }
        let weekly_report = match lookup("TIDINGS_WEEKLY_REPORT").as_deref().map(str::trim) {
            None => Some(tidings::domain::analytics::WeeklySchedule::default()),
            Some("off") => None,
            Some(raw) => Some(
                tidings::domain::analytics::WeeklySchedule::parse(raw)
                    .map_err(|err| anyhow::anyhow!("TIDINGS_WEEKLY_REPORT: {} (or `off`), got {raw:?}", err.message))?,
            ),
        };
        let report_tick_seconds = match lookup("TIDINGS_REPORT_TICK_SECONDS") {
            Some(raw) => raw.parse().ok().filter(|seconds| *seconds >= 1).ok_or_else(|| {
                anyhow::anyhow!(
                    "TIDINGS_REPORT_TICK_SECONDS must be a whole number of seconds (1 or more), got {raw:?}"
                )
            })?,
            None => 300,
        };
        Ok(Config {
            addr,
            data_dir,
            database_url,
            site_root: PathBuf::from(lookup("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into())),
            public_url,
            admin_email: lookup("TIDINGS_ADMIN_EMAIL"),
            admin_password: lookup("TIDINGS_ADMIN_PASSWORD"),
            registration_open: parse_bool(lookup("TIDINGS_REGISTRATION"), "TIDINGS_REGISTRATION", true)?,
            trust_proxy: parse_bool(lookup("TIDINGS_TRUST_PROXY"), "TIDINGS_TRUST_PROXY", false)?,
            log_format,
            max_body_bytes,
            attachment_max_bytes,
            attachment_max_files,
            widget_frame_ancestors,
            channels: crate::channel_config::ChannelConfig::from_lookup(&lookup)?,
            sla_tick_seconds,
            rules_tick_seconds,
            rules_defaults: parse_bool(lookup("TIDINGS_RULES_DEFAULTS"), "TIDINGS_RULES_DEFAULTS", true)?,
            rules_webhook_allow_private: parse_bool(
                lookup("TIDINGS_RULES_WEBHOOK_ALLOW_PRIVATE"),
                "TIDINGS_RULES_WEBHOOK_ALLOW_PRIVATE",
                false,
            )?,
            triage_min_confidence,
            csat_secret,
            weekly_report,
            report_tick_seconds,
        })
    }

    /// Where attachment bytes are kept.
    pub fn attachments_dir(&self) -> PathBuf {
        self.data_dir.join("attachments")
    }

    /// The body limit for routes that take file uploads: every allowed file at its largest, plus room for the
    /// message text and the multipart framing. Larger bodies are refused with 413 before anything is stored.
    pub fn upload_body_limit(&self) -> usize {
        const TEXT_AND_FRAMING: usize = 512 * 1024;
        let files = usize::try_from(self.attachment_max_bytes).unwrap_or(usize::MAX);
        files.saturating_mul(self.attachment_max_files).saturating_add(TEXT_AND_FRAMING)
    }

    /// Whether the site is served over https, which makes cookies `Secure`.
    pub fn serves_https(&self) -> bool {
        self.public_url.as_ref().is_some_and(|url| url.scheme() == "https")
    }
}

fn parse_bool(raw: Option<String>, name: &str, default: bool) -> anyhow::Result<bool> {
    match raw.as_deref().map(str::to_ascii_lowercase).as_deref() {
        None => Ok(default),
        Some("1" | "true" | "yes" | "on") => Ok(true),
        Some("0" | "false" | "no" | "off") => Ok(false),
        Some(other) => anyhow::bail!("{name} must be true or false, got {other:?}"),
    }
}

/// CSP source expressions separated by spaces (`*`, `'self'`, `https:`, `https://*.example.com:8443`). Anything that
/// could end the directive or start another (`;`, `,`, quotes other than a keyword's) is refused at start.
fn parse_frame_ancestors(raw: &str) -> anyhow::Result<String> {
    let sources: Vec<&str> = raw.split_whitespace().collect();
    let plausible = |source: &&str| {
        matches!(*source, "'self'" | "'none'")
            || source.bytes().all(|byte| byte.is_ascii_alphanumeric() || b"*.-_:/".contains(&byte))
    };
    if sources.is_empty() || !sources.iter().all(plausible) {
        anyhow::bail!(
            "TIDINGS_WIDGET_FRAME_ANCESTORS must be CSP sources separated by spaces, like \
             \"https://shop.example.com https://*.example.org\", got {raw:?}"
        );
    }
    Ok(sources.join(" "))
}

/// The database URL with any password replaced, for logs.
pub fn redact_url(raw: &str) -> String {
    match url::Url::parse(raw) {
        Ok(mut url) if url.password().is_some() => {
            let _ = url.set_password(Some("***"));
            url.to_string()
        }
        _ => raw.to_string(),
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("addr", &self.addr)
            .field("data_dir", &self.data_dir)
            .field("database_url", &redact_url(&self.database_url))
            .field("site_root", &self.site_root)
            .field("public_url", &self.public_url.as_ref().map(url::Url::as_str))
            .field("admin_email", &self.admin_email)
            .field("admin_password", &self.admin_password.as_ref().map(|_| "***"))
            .field("registration_open", &self.registration_open)
            .field("trust_proxy", &self.trust_proxy)
            .field("log_format", &self.log_format)
            .field("max_body_bytes", &self.max_body_bytes)
            .field("attachment_max_bytes", &self.attachment_max_bytes)
            .field("attachment_max_files", &self.attachment_max_files)
            .field("widget_frame_ancestors", &self.widget_frame_ancestors)
            .field("channels", &self.channels)
            .field("sla_tick_seconds", &self.sla_tick_seconds)
            .field("rules_tick_seconds", &self.rules_tick_seconds)
            .field("rules_defaults", &self.rules_defaults)
            .field("rules_webhook_allow_private", &self.rules_webhook_allow_private)
            .field("triage_min_confidence", &self.triage_min_confidence)
            .field("csat_secret", &self.csat_secret.as_ref().map(|_| "***"))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> anyhow::Result<Config> {
        let vars: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_lookup(|key| vars.get(key).cloned())
    }

    #[test]
    fn runs_with_nothing_set() {
        let config = config(&[]).unwrap();
        assert_eq!(config.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(config.database_url, "sqlite://data/tidings.db");
        assert!(config.registration_open && !config.trust_proxy && !config.serves_https());
        assert_eq!((config.attachment_max_bytes, config.attachment_max_files), (10 * 1024 * 1024, 10));
        assert_eq!(config.attachments_dir(), PathBuf::from("data/attachments"));
    }

    #[test]
    fn upload_limit_covers_every_file_at_its_largest() {
        let small = config(&[("TIDINGS_ATTACHMENT_MAX_BYTES", "1000"), ("TIDINGS_ATTACHMENT_MAX_FILES", "3")]).unwrap();
        assert_eq!(small.upload_body_limit(), 3000 + 512 * 1024);
        assert!(config(&[("TIDINGS_ATTACHMENT_MAX_FILES", "many")]).is_err());
    }

    #[test]
    fn secrets_never_appear_in_debug_output() {
        let config = config(&[
            ("DATABASE_URL", "postgres://tidings:hunter2secret@db/tidings"),
            ("TIDINGS_ADMIN_PASSWORD", "correct horse battery"),
            ("TIDINGS_CSAT_SECRET", "a-csat-signing-secret-of-40-characters!!"),
        ])
        .unwrap();
        let printed = format!("{config:?}");
        assert!(!printed.contains("hunter2secret") && !printed.contains("correct horse"), "{printed}");
        assert!(!printed.contains("csat-signing-secret"), "{printed}");
    }

    #[test]
    fn widget_frame_ancestors_default_to_anyone_and_refuse_directive_breakers() {
        assert_eq!(config(&[]).unwrap().widget_frame_ancestors, "*");
        let set = config(&[("TIDINGS_WIDGET_FRAME_ANCESTORS", " https://shop.example.com  'self' https://*.ex.org ")]);
        assert_eq!(set.unwrap().widget_frame_ancestors, "https://shop.example.com 'self' https://*.ex.org");
        for bad in ["https://a.example; script-src *", "https://a.example,https://b", "'unsafe-inline'", "   "] {
            let err = config(&[("TIDINGS_WIDGET_FRAME_ANCESTORS", bad)]).unwrap_err().to_string();
            assert!(err.contains("TIDINGS_WIDGET_FRAME_ANCESTORS"), "{bad:?}: {err}");
        }
    }

    #[test]
    fn bad_values_are_named() {
        assert!(config(&[("TIDINGS_CSAT_SECRET", "short")]).unwrap_err().to_string().contains("TIDINGS_CSAT_SECRET"));
        assert!(config(&[("TIDINGS_ADDR", "nowhere")]).unwrap_err().to_string().contains("TIDINGS_ADDR"));
        assert!(config(&[("TIDINGS_REGISTRATION", "maybe")]).unwrap_err().to_string().contains("TIDINGS_REGISTRATION"));
        let confidence = "TIDINGS_TRIAGE_MIN_CONFIDENCE";
        assert!(config(&[(confidence, "1.5")]).unwrap_err().to_string().contains(confidence));
        assert_eq!(config(&[(confidence, "0.8")]).unwrap().triage_min_confidence, 0.8);
    }

    #[test]
    fn the_sla_watcher_ticks_every_thirty_seconds_unless_told() {
        assert_eq!(config(&[]).unwrap().sla_tick_seconds, 30);
        assert_eq!(config(&[("TIDINGS_SLA_TICK_SECONDS", "1")]).unwrap().sla_tick_seconds, 1);
        for bad in ["0", "-5", "soon"] {
            let err = config(&[("TIDINGS_SLA_TICK_SECONDS", bad)]).unwrap_err().to_string();
            assert!(err.contains("TIDINGS_SLA_TICK_SECONDS"), "{bad:?}: {err}");
        }
    }
}
