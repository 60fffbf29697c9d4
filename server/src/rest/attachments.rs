//! Files over REST: replies sent as JSON or as `multipart/form-data` with files, and downloads served so that no
//! uploaded file can act as a page of this site (sandboxed, never sniffed, inline only for raster images).

use axum::body::Body;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use tidings::service::NewMessage;

use super::extract::CurrentActor;
use super::tickets::NewMessageBody;
use super::{ApiError, ApiJson, ErrorBody};
use crate::state::AppState;
use crate::uploads::read_multipart;

/// A new message as either body shape the API accepts: JSON `{body, internal}`, or a form with `body`, `internal`
/// and any number of `files` parts.
pub struct MessageSubmission(pub NewMessage);

/// The multipart shape of a new message (documentation only; the handler reads the parts itself).
#[derive(utoipa::ToSchema)]
#[expect(dead_code, reason = "describes the form for the OpenAPI document; never built")]
pub struct NewMessageUpload {
    body: String,
    /// `true` for an internal note (staff only).
    internal: Option<bool>,
    /// Repeat the part for several files. Types are decided from name and content; see the 415 answer.
    #[schema(value_type = Vec<String>, format = Binary)]
    files: Vec<Vec<u8>>,
}

impl FromRequest<AppState> for MessageSubmission {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let is_multipart = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.trim_start().to_ascii_lowercase().starts_with("multipart/form-data"));
        if is_multipart {
            let multipart = Multipart::from_request(request, state)
                .await
                .map_err(|rejection| ApiError::new(rejection.status(), "malformed_upload", rejection.body_text()))?;
            let form = read_multipart(multipart).await?;
            return Ok(MessageSubmission(NewMessage {
                body: form.text("body").unwrap_or_default().to_string(),
                internal: form.flag("internal"),
                template: form.text("template").filter(|key| !key.is_empty()).map(str::to_string),
                attachments: form.files,
            }));
        }
        // This route allows bodies as large as its uploads; JSON stays within the site-wide limit.
        let (parts, body) = request.into_parts();
        let bytes = axum::body::to_bytes(body, state.config.max_body_bytes).await.map_err(|_| {
            ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", "The request body is too large.")
        })?;
        let request = Request::from_parts(parts, Body::from(bytes));
        let ApiJson(body) = ApiJson::<NewMessageBody>::from_request(request, state).await?;
        Ok(MessageSubmission(NewMessage {
            body: body.body,
            internal: body.internal,
            attachments: Vec::new(),
            template: body.template,
        }))
    }
}

#[utoipa::path(get, path = "/api/v1/attachments/{id}", tag = "tickets",
    params(("id" = String, Path, description = "attachment id")),
    responses(
        (status = 200, description = "The file, with the type decided on upload. Raster images are `inline`, \
            everything else an `attachment`; always sandboxed and never sniffed.",
         body = Vec<u8>, content_type = "application/octet-stream"),
        (status = 404, description = "No such file, or not yours to see", body = ErrorBody)))]
pub async fn download(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let file = state.services.attachment_for_download(&actor, &id).await?;
    let disposition = content_disposition(file.inline, &file.name);
    let content_type = HeaderValue::from_str(&file.content_type)
        .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
    let headers = [
        (header::CONTENT_TYPE, content_type),
        (header::CONTENT_DISPOSITION, disposition),
        (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        (header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("sandbox; default-src 'none'")),
        (header::CACHE_CONTROL, HeaderValue::from_static("private")),
    ];
    Ok((headers, file.bytes).into_response())
}

/// `inline|attachment; filename="<ASCII stand-in>"; filename*=UTF-8''<percent-encoded name>` (RFC 6266).
fn content_disposition(inline: bool, name: &str) -> HeaderValue {
    let kind = if inline { "inline" } else { "attachment" };
    let fallback: String =
        name.chars().map(|c| if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' { c } else { '_' }).collect();
    let value = format!("{kind}; filename=\"{fallback}\"; filename*=UTF-8''{}", percent_encode(name));
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static("attachment"))
}

/// RFC 8187 `value-chars`: attr-chars as they are, every other byte as `%XX`.
fn percent_encode(value: &str) -> String {
    let mut encoded = String::with_capacity(value.len() * 3);
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_encoded_for_the_header() {
        assert_eq!(
            content_disposition(false, "Grüße 1.pdf").to_str().unwrap(),
            "attachment; filename=\"Gr__e 1.pdf\"; filename*=UTF-8''Gr%C3%BC%C3%9Fe%201.pdf"
        );
        assert_eq!(
            content_disposition(true, "a;b\".png").to_str().unwrap(),
            "inline; filename=\"a;b_.png\"; filename*=UTF-8''a%3Bb%22.png"
        );
    }
}
