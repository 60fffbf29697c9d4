//! REST errors: `{"error": {"code", "message", "field"?}}` with the status the contract names, and a
//! JSON body extractor whose rejections (malformed, wrong type, too large) answer the same way.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use tidings::service::ServiceError;

#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: String,
    message: String,
    field: Option<String>,
    retry_after_secs: Option<u64>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    error: ErrorDetail,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable snake_case code, e.g. `email_taken`.
    code: String,
    /// A sentence for people.
    message: String,
    /// The request field the error is about, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<String>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> ApiError {
        ApiError { status, code: code.into(), message: message.into(), field: None, retry_after_secs: None }
    }

    pub fn not_found() -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", "There is nothing at this address.")
    }
}

impl From<ServiceError> for ApiError {
    fn from(err: ServiceError) -> Self {
        let status = match &err {
            ServiceError::Unauthenticated | ServiceError::InvalidCredentials => StatusCode::UNAUTHORIZED,
            ServiceError::AccountDeactivated
            | ServiceError::Forbidden
            | ServiceError::RegistrationClosed
            | ServiceError::WrongBrand => StatusCode::FORBIDDEN,
            ServiceError::NotFound(_) => StatusCode::NOT_FOUND,
            ServiceError::Invalid(_) | ServiceError::InvalidRule(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ServiceError::Conflict { .. } => StatusCode::CONFLICT,
            ServiceError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ServiceError::UnsupportedMediaType { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ServiceError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            ServiceError::Unavailable(detail) => {
                tracing::warn!(detail = %detail, "provider unavailable");
                StatusCode::SERVICE_UNAVAILABLE
            }
            ServiceError::Internal(detail) => {
                tracing::error!(detail = %detail, "internal error");
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        let retry_after_secs = match &err {
            ServiceError::RateLimited { retry_after_secs } => Some(*retry_after_secs),
            _ => None,
        };
        ApiError {
            status,
            code: err.code().to_string(),
            message: err.to_string(),
            field: err.field().map(str::to_string),
            retry_after_secs,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody { error: ErrorDetail { code: self.code, message: self.message, field: self.field } };
        let mut response = (self.status, axum::Json(body)).into_response();
        if let Some(secs) = self.retry_after_secs {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        if self.status == StatusCode::PAYLOAD_TOO_LARGE {
            // The rest of the oversized body was never read, so this connection cannot carry another request; say so,
            // or a client that reuses it gets a reset instead of its next answer.
            response.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
        }
        response
    }
}

/// `axum::Json`, with rejections in the contract's error shape: 400 malformed, 415 not JSON,
/// 413 too large, 422 well-formed but not the expected shape.
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(json_rejection(rejection)),
        }
    }
}

fn json_rejection(rejection: JsonRejection) -> ApiError {
    let status = rejection.status();
    let (code, message) = match &rejection {
        JsonRejection::JsonSyntaxError(_) => {
            ("malformed_json", format!("The body is not valid JSON: {}", rejection.body_text()))
        }
        JsonRejection::JsonDataError(_) => {
            ("invalid_body", format!("The body does not have the expected fields: {}", rejection.body_text()))
        }
        JsonRejection::MissingJsonContentType(_) => {
            ("unsupported_media_type", "Send JSON with Content-Type: application/json.".to_string())
        }
        _ if status == StatusCode::PAYLOAD_TOO_LARGE => {
            ("payload_too_large", "The request body is too large.".to_string())
        }
        _ => ("bad_request", rejection.body_text()),
    };
    ApiError::new(status, code, message)
}

/// Turns the body-limit layer's bare 413 (and other bare framework errors) into the JSON shape.
pub async fn json_error_for_bare_status(response: Response) -> Response {
    let is_json =
        response.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if is_json || !(response.status().is_client_error()) {
        return response;
    }
    let (code, message) = match response.status() {
        StatusCode::PAYLOAD_TOO_LARGE => ("payload_too_large", "The request body is too large."),
        StatusCode::METHOD_NOT_ALLOWED => ("method_not_allowed", "This address does not accept that method."),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            ("unsupported_media_type", "Send JSON with Content-Type: application/json.")
        }
        StatusCode::NOT_FOUND => ("not_found", "There is nothing at this address."),
        _ => return response,
    };
    ApiError::new(response.status(), code, message).into_response()
}
