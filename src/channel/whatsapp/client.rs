//! The WhatsApp Cloud API (Graph API) client: sending text, media and template messages, uploading media and
//! downloading what customers sent.

use std::fmt;
use std::time::Duration;

use reqwest::multipart::{Form, Part};
use reqwest::RequestBuilder;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::channel::provider::{read_limited, ProviderError};

/// The Graph API version in every path.
pub const GRAPH_API_VERSION: &str = "v21.0";
/// Production base URL; tests and proxies set another.
pub const GRAPH_BASE_URL: &str = "https://graph.facebook.com";
/// The largest media file we download (WhatsApp's own limit for documents is 100 MB).
pub const MAX_MEDIA_BYTES: usize = 100 * 1024 * 1024;

/// Graph error codes that mean "too fast, try later" although they come with HTTP 400: 4 (app request limit),
/// 80007 (WABA rate limit), 130429 (Cloud API throughput), 131056 (too many messages to one customer).
const THROTTLING_CODES: [i64; 4] = [4, 80_007, 130_429, 131_056];

/// One business phone number on the Cloud API.
#[derive(Clone)]
pub struct WhatsappClient {
    /// Without a trailing slash, e.g. [`GRAPH_BASE_URL`].
    pub base_url: String,
    /// A system-user access token (sent as `Authorization: Bearer`).
    pub access_token: String,
    pub phone_number_id: String,
    pub http: reqwest::Client,
}

impl fmt::Debug for WhatsappClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WhatsappClient")
            .field("base_url", &self.base_url)
            .field("access_token", &"<redacted>")
            .field("phone_number_id", &self.phone_number_id)
            .finish()
    }
}

/// The kinds of media message [`WhatsappClient::send_media`] sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MediaKind {
    Image,
    Document,
    Audio,
}

impl MediaKind {
    fn as_str(self) -> &'static str {
        match self {
            MediaKind::Image => "image",
            MediaKind::Document => "document",
            MediaKind::Audio => "audio",
        }
    }
}

/// Which file a media message sends: one uploaded with [`WhatsappClient::upload_media`], or a public HTTPS link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MediaRef<'a> {
    Id(&'a str),
    Link(&'a str),
}

/// Where a received media file can be fetched (the URL is short-lived and needs the access token).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct MediaInfo {
    pub url: String,
    pub mime_type: String,
}

#[derive(Deserialize)]
struct SendResponse {
    messages: Vec<SentMessage>,
}

#[derive(Deserialize)]
struct SentMessage {
    id: String,
}

#[derive(Deserialize)]
struct UploadResponse {
    id: String,
}

#[derive(Deserialize)]
struct GraphErrorBody {
    error: GraphErrorObject,
}

#[derive(Deserialize)]
struct GraphErrorObject {
    message: Option<String>,
    code: Option<i64>,
    error_data: Option<GraphErrorData>,
}

#[derive(Deserialize)]
struct GraphErrorData {
    details: Option<String>,
}

impl WhatsappClient {
    pub fn new(base_url: &str, access_token: &str, phone_number_id: &str) -> WhatsappClient {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(120))
            .build()
            .unwrap_or_default();
        WhatsappClient {
            base_url: base_url.trim_end_matches('/').to_string(),
            access_token: access_token.to_string(),
            phone_number_id: phone_number_id.to_string(),
            http,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}/{GRAPH_API_VERSION}/{path}", self.base_url)
    }

    /// A free-form text message (only inside the 24-hour window, see
    /// [`within_service_window`](super::within_service_window)); returns the new message's wamid.
    pub async fn send_text(&self, to: &str, body: &str) -> Result<String, ProviderError> {
        self.send_message(to, "text", json!({ "preview_url": false, "body": body })).await
    }

    /// An image, document or audio message. WhatsApp shows no caption on audio, so a caption there is refused
    /// (send it as a text); `filename` is used for documents only.
    pub async fn send_media(
        &self,
        to: &str,
        kind: MediaKind,
        media: MediaRef<'_>,
        caption: Option<&str>,
        filename: Option<&str>,
    ) -> Result<String, ProviderError> {
        let mut object = serde_json::Map::new();
        match media {
            MediaRef::Id(id) => object.insert("id".into(), id.into()),
            MediaRef::Link(link) => object.insert("link".into(), link.into()),
        };
        if let Some(caption) = caption {
            if kind == MediaKind::Audio {
                return Err(ProviderError::permanent(None, None, "an audio message cannot carry a caption"));
            }
            object.insert("caption".into(), caption.into());
        }
        if let (MediaKind::Document, Some(filename)) = (kind, filename) {
            object.insert("filename".into(), filename.into());
        }
        self.send_message(to, kind.as_str(), Value::Object(object)).await
    }

    /// An approved template (the only kind allowed outside the 24-hour window), with its body's `{{1}}`, `{{2}}`, …
    /// filled from `body_params` in order.
    pub async fn send_template(
        &self,
        to: &str,
        name: &str,
        language_code: &str,
        body_params: &[String],
    ) -> Result<String, ProviderError> {
        let mut template = json!({ "name": name, "language": { "code": language_code } });
        if !body_params.is_empty() {
            let parameters: Vec<Value> = body_params.iter().map(|p| json!({ "type": "text", "text": p })).collect();
            template["components"] = json!([{ "type": "body", "parameters": parameters }]);
        }
        self.send_message(to, "template", template).await
    }

    async fn send_message(&self, to: &str, kind: &str, object: Value) -> Result<String, ProviderError> {
        let mut body =
            json!({ "messaging_product": "whatsapp", "recipient_type": "individual", "to": to, "type": kind });
        body[kind] = object;
        let request = self.http.post(self.url(&format!("{}/messages", self.phone_number_id))).json(&body);
        let response: SendResponse = self.graph(request).await?;
        let sent = response.messages.into_iter().next();
        sent.map(|message| message.id).ok_or_else(|| {
            ProviderError::permanent(None, None, "the Graph API accepted the message but returned no id")
        })
    }

    /// Uploads a file for a later [`send_media`](Self::send_media) with [`MediaRef::Id`]; returns the media id.
    pub async fn upload_media(&self, bytes: Vec<u8>, mime: &str, filename: &str) -> Result<String, ProviderError> {
        let part = Part::bytes(bytes)
            .file_name(filename.to_string())
            .mime_str(mime)
            .map_err(|_| ProviderError::permanent(None, None, format!("invalid media type `{mime}`")))?;
        let form = Form::new().text("messaging_product", "whatsapp").text("type", mime.to_string()).part("file", part);
        let request = self.http.post(self.url(&format!("{}/media", self.phone_number_id))).multipart(form);
        let response: UploadResponse = self.graph(request).await?;
        Ok(response.id)
    }

    /// Where a media id from a webhook can be downloaded (GET /{media-id}).
    pub async fn media_url(&self, media_id: &str) -> Result<MediaInfo, ProviderError> {
        self.graph(self.http.get(self.url(media_id))).await
    }

    /// The bytes and media type of a file a customer sent, at most [`MAX_MEDIA_BYTES`].
    pub async fn download_media(&self, media_id: &str) -> Result<(Vec<u8>, String), ProviderError> {
        let info = self.media_url(media_id).await?;
        let response =
            self.http.get(&info.url).bearer_auth(&self.access_token).send().await.map_err(ProviderError::transport)?;
        let status = response.status();
        if !status.is_success() {
            return Err(ProviderError::from_status(status.as_u16(), None, "media download refused".to_string()));
        }
        Ok((read_limited(response, MAX_MEDIA_BYTES).await?, info.mime_type))
    }

    /// Sends an authenticated Graph request and reads its JSON answer, or classifies its error.
    async fn graph<T: DeserializeOwned>(&self, request: RequestBuilder) -> Result<T, ProviderError> {
        let response = request.bearer_auth(&self.access_token).send().await.map_err(ProviderError::transport)?;
        let status = response.status();
        let body = response.bytes().await.map_err(ProviderError::transport)?;
        if status.is_success() {
            return serde_json::from_slice(&body).map_err(|err| {
                ProviderError::permanent(Some(status.as_u16()), None, format!("unexpected Graph API response: {err}"))
            });
        }
        Err(graph_error(status.as_u16(), &body))
    }
}

/// A Graph error answer (`{"error":{"message","code","error_data":{"details"}}}`) as a [`ProviderError`]: 408, 429,
/// 5xx and the throttling codes are retryable, any other refusal is permanent with the Graph message and details.
fn graph_error(status: u16, body: &[u8]) -> ProviderError {
    let Ok(GraphErrorBody { error }) = serde_json::from_slice::<GraphErrorBody>(body) else {
        let snippet: String = String::from_utf8_lossy(body).chars().take(200).collect();
        return ProviderError::from_status(
            status,
            None,
            if snippet.is_empty() { "no error body".into() } else { snippet },
        );
    };
    let mut message = error.message.unwrap_or_else(|| format!("HTTP {status}"));
    if let Some(details) = error.error_data.and_then(|data| data.details) {
        message = format!("{message}: {details}");
    }
    match error.code {
        Some(code) if THROTTLING_CODES.contains(&code) => ProviderError::Retryable { message, retry_after: None },
        code => ProviderError::from_status(status, code, message),
    }
}
