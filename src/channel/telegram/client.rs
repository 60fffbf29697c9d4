//! The Telegram Bot API client: sending messages and documents, and downloading files customers sent.

use std::fmt;
use std::time::Duration;

use reqwest::multipart::{Form, Part};
use reqwest::RequestBuilder;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::json;

use crate::channel::provider::{read_limited, ProviderError};

/// Production base URL; tests and a self-hosted Bot API server set another.
pub const TELEGRAM_BASE_URL: &str = "https://api.telegram.org";
/// The largest file the (cloud) Bot API lets a bot download.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

#[derive(Clone)]
pub struct TelegramClient {
    /// Without a trailing slash, e.g. [`TELEGRAM_BASE_URL`].
    pub base_url: String,
    /// `123456:ABC-DEF…` from BotFather. It is part of every URL, so URLs are never logged or put in errors.
    pub bot_token: String,
    pub http: reqwest::Client,
}

impl fmt::Debug for TelegramClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TelegramClient").field("base_url", &self.base_url).field("bot_token", &"<redacted>").finish()
    }
}

/// Every Bot API answer: `{"ok":true,"result":…}` or `{"ok":false,"error_code":…,"description":…}`.
#[derive(Deserialize)]
struct Envelope<T> {
    ok: bool,
    result: Option<T>,
    error_code: Option<i64>,
    description: Option<String>,
    parameters: Option<ErrorParameters>,
}

#[derive(Deserialize)]
struct ErrorParameters {
    retry_after: Option<u64>,
}

#[derive(Deserialize)]
struct SentMessage {
    message_id: i64,
}

#[derive(Deserialize)]
struct FileInfo {
    file_path: Option<String>,
}

impl TelegramClient {
    pub fn new(base_url: &str, bot_token: &str) -> TelegramClient {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(120))
            .build()
            .unwrap_or_default();
        TelegramClient { base_url: base_url.trim_end_matches('/').to_string(), bot_token: bot_token.to_string(), http }
    }

    fn method_url(&self, method: &str) -> String {
        format!("{}/bot{}/{method}", self.base_url, self.bot_token)
    }

    /// Sends plain text (no parse mode, so nothing in it is read as markup); returns the new message's id. Telegram
    /// refuses texts over 4096 characters (a permanent error).
    pub async fn send_message(&self, chat_id: i64, text: &str) -> Result<i64, ProviderError> {
        let request = self.http.post(self.method_url("sendMessage")).json(&json!({ "chat_id": chat_id, "text": text }));
        let sent: SentMessage = self.call(request).await?;
        Ok(sent.message_id)
    }

    /// Uploads a file as a document message (multipart/form-data); returns the new message's id.
    pub async fn send_document(
        &self,
        chat_id: i64,
        bytes: Vec<u8>,
        filename: &str,
        caption: Option<&str>,
    ) -> Result<i64, ProviderError> {
        let mut form = Form::new()
            .text("chat_id", chat_id.to_string())
            .part("document", Part::bytes(bytes).file_name(filename.to_string()));
        if let Some(caption) = caption {
            form = form.text("caption", caption.to_string());
        }
        let sent: SentMessage = self.call(self.http.post(self.method_url("sendDocument")).multipart(form)).await?;
        Ok(sent.message_id)
    }

    /// The path to download a file id from (getFile). Files over 20 MB have none: a permanent error.
    pub async fn get_file(&self, file_id: &str) -> Result<String, ProviderError> {
        let request = self.http.post(self.method_url("getFile")).json(&json!({ "file_id": file_id }));
        let file: FileInfo = self.call(request).await?;
        file.file_path
            .ok_or_else(|| ProviderError::permanent(None, None, "Telegram gave no download path (file too big?)"))
    }

    /// The bytes at a path from [`get_file`](Self::get_file), at most [`MAX_FILE_BYTES`].
    pub async fn download_file(&self, file_path: &str) -> Result<Vec<u8>, ProviderError> {
        if file_path.is_empty() || file_path.starts_with('/') || file_path.split('/').any(|segment| segment == "..") {
            return Err(ProviderError::permanent(None, None, format!("unexpected file path `{file_path}`")));
        }
        let url = format!("{}/file/bot{}/{file_path}", self.base_url, self.bot_token);
        let response = self.http.get(url).send().await.map_err(ProviderError::transport)?;
        let status = response.status();
        if !status.is_success() {
            return Err(ProviderError::from_status(status.as_u16(), None, "file download refused".to_string()));
        }
        read_limited(response, MAX_FILE_BYTES).await
    }

    /// Sends a Bot API request and unwraps its envelope, or classifies its error: 429 (with `retry_after`) and 5xx
    /// are retryable, other refusals permanent with Telegram's description.
    async fn call<T: DeserializeOwned>(&self, request: RequestBuilder) -> Result<T, ProviderError> {
        let response = request.send().await.map_err(ProviderError::transport)?;
        let status = response.status().as_u16();
        let body = response.bytes().await.map_err(ProviderError::transport)?;
        let envelope = match serde_json::from_slice::<Envelope<T>>(&body) {
            Ok(envelope) => envelope,
            Err(err) if (200..300).contains(&status) => {
                return Err(ProviderError::permanent(Some(status), None, format!("unexpected Bot API response: {err}")))
            }
            Err(_) => {
                let snippet: String = String::from_utf8_lossy(&body).chars().take(200).collect();
                return Err(ProviderError::from_status(status, None, snippet));
            }
        };
        if envelope.ok {
            return envelope
                .result
                .ok_or_else(|| ProviderError::permanent(Some(status), None, "Bot API answered ok without a result"));
        }
        let code = envelope.error_code.unwrap_or(i64::from(status));
        let message = envelope.description.unwrap_or_else(|| format!("Bot API error {code}"));
        if code == 429 || code >= 500 || status == 429 || status >= 500 {
            let retry_after = envelope.parameters.and_then(|p| p.retry_after).map(Duration::from_secs);
            return Err(ProviderError::Retryable { message, retry_after });
        }
        Err(ProviderError::permanent(Some(status), Some(code), message))
    }
}
