//! The knowledge-base editor's endpoints: version history and restore, the live preview, images uploaded into
//! articles (and their public download), and the articles suggested for a ticket.

use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use tidings::domain::kb::{ArticleSummary, ArticleVersion, ArticleVersionSummary};
use tidings::domain::FieldError;
use tidings::service::{KbImage, ServiceError, Upload};

use super::extract::{CurrentActor, Page};
use super::{ApiError, ApiJson, ErrorBody};
use crate::state::AppState;
use crate::uploads::read_multipart;

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PreviewBody {
    pub markdown: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct PreviewHtml {
    /// Sanitised exactly as a saved article is.
    pub html: String,
}

/// The multipart shape of an image upload (documentation only).
#[derive(utoipa::ToSchema)]
#[expect(dead_code, reason = "describes the form for the OpenAPI document; never built")]
pub struct ImageUpload {
    /// PNG, JPEG, GIF or WebP, at most 5 MB.
    #[schema(value_type = String, format = Binary)]
    image: Vec<u8>,
}

#[utoipa::path(get, path = "/api/v1/kb/articles/{id}/versions", tag = "kb",
    params(("id" = String, Path, description = "article id")),
    responses((status = 200, body = Page<ArticleVersionSummary>), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody)))]
pub async fn versions(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    Path(id): Path<String>,
) -> Result<Json<Page<ArticleVersionSummary>>, ApiError> {
    Ok(Json(Page::whole(state.services.article_versions(&actor, &id).await?)))
}

#[utoipa::path(get, path = "/api/v1/kb/articles/{id}/versions/{version}", tag = "kb",
    params(("id" = String, Path, description = "article id"), ("version" = i64, Path)),
    responses((status = 200, description = "The version with a line diff against the one before", body = ArticleVersion),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn version(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    Path((id, version)): Path<(String, i64)>,
) -> Result<Json<ArticleVersion>, ApiError> {
    Ok(Json(state.services.article_version(&actor, &id, version).await?))
}

#[utoipa::path(post, path = "/api/v1/kb/articles/{id}/versions/{version}/restore", tag = "kb",
    params(("id" = String, Path, description = "article id"), ("version" = i64, Path)),
    responses((status = 200, description = "The article, its content now the old version's as a new version",
               body = tidings::domain::kb::Article), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn restore(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    Path((id, version)): Path<(String, i64)>,
) -> Result<Json<tidings::domain::kb::Article>, ApiError> {
    Ok(Json(state.services.restore_article_version(&actor, &id, version).await?))
}

#[utoipa::path(post, path = "/api/v1/kb/preview", tag = "kb", request_body = PreviewBody,
    responses((status = 200, body = PreviewHtml), (status = 403, body = ErrorBody)))]
pub async fn preview(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiJson(body): ApiJson<PreviewBody>,
) -> Result<Json<PreviewHtml>, ApiError> {
    Ok(Json(PreviewHtml { html: state.services.preview_markdown(&actor, &body.markdown)? }))
}

#[utoipa::path(post, path = "/api/v1/kb/images", tag = "kb",
    request_body(content = ImageUpload, content_type = "multipart/form-data"),
    responses((status = 201, description = "The stored image and the markdown that shows it", body = KbImage),
              (status = 403, body = ErrorBody), (status = 413, body = ErrorBody), (status = 415, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn upload_image(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    request: Request,
) -> Result<(StatusCode, Json<KbImage>), ApiError> {
    let multipart = Multipart::from_request(request, &state)
        .await
        .map_err(|rejection| ApiError::new(rejection.status(), "malformed_upload", rejection.body_text()))?;
    let form = read_multipart(multipart).await?;
    let upload: Upload = form
        .files
        .into_iter()
        .next()
        .ok_or_else(|| ServiceError::Invalid(FieldError::new("image", "required", "Choose an image to upload.")))?;
    Ok((StatusCode::CREATED, Json(state.services.upload_kb_image(&actor, upload).await?)))
}

#[utoipa::path(get, path = "/api/v1/kb/images/{id}/{name}", tag = "kb",
    params(("id" = String, Path, description = "image id"), ("name" = String, Path, description = "file name")),
    responses((status = 200, description = "The image", body = Vec<u8>, content_type = "image/*"),
              (status = 404, body = ErrorBody)))]
pub async fn image(
    State(state): State<AppState>,
    Path((id, _name)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let file = state.services.kb_image(&id).await?;
    let content_type = HeaderValue::from_str(&file.content_type)
        .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
    let headers = [
        (header::CONTENT_TYPE, content_type),
        (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        (header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("sandbox; default-src 'none'")),
        (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable")),
    ];
    Ok((headers, file.bytes).into_response())
}

#[utoipa::path(get, path = "/api/v1/tickets/{id}/article-suggestions", tag = "kb",
    params(("id" = String, Path, description = "ticket id")),
    responses((status = 200, description = "Published articles matching the ticket's subject and first message",
               body = Page<ArticleSummary>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn ticket_suggestions(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    Path(id): Path<String>,
) -> Result<Json<Page<ArticleSummary>>, ApiError> {
    Ok(Json(Page::whole(state.services.suggest_articles_for_ticket(&actor, &id, 5).await?)))
}
