//! `POST /csat/{token}` at the address the customer was sent: JSON (`{rating, comment?}`, as `/api/v1/csat/{token}`)
//! from scripts, or the survey page's plain form (urlencoded `rating`, `comment`), answered with a redirect back to
//! the page: `?answered=1`, `?error=rating`, `?error=failed`; a bad link goes back to the page, which says so.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Json;
use tidings::service::ServiceError;

use crate::rest::csat::CsatAnswerBody;
use crate::rest::ApiError;
use crate::state::AppState;
use crate::ticket_forms::FormPairs;

pub async fn answer(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let is_form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return answer_json(&state, &token, &body).await;
    }
    let pairs = FormPairs::parse(&body);
    // A missing or non-numeric rating is out of range, as 0 is.
    let rating = pairs.first("rating").trim().parse::<i64>().unwrap_or(0);
    let comment = pairs.first("comment");
    // The token only ever holds letters, digits, dots and dashes; anything else cannot be a link of ours.
    let page = match token.bytes().all(|byte| byte.is_ascii_alphanumeric() || b".-".contains(&byte)) {
        true => format!("/csat/{token}"),
        false => "/csat/invalid".to_owned(),
    };
    match state.services.answer_csat_survey(&token, rating, Some(&comment)).await {
        Ok(_) => Redirect::to(&format!("{page}?answered=1")).into_response(),
        Err(ServiceError::Invalid(_)) => Redirect::to(&format!("{page}?error=rating")).into_response(),
        Err(ServiceError::NotFound(_)) => Redirect::to(&page).into_response(),
        Err(err) => {
            tracing::warn!(error = %err, "recording a CSAT answer failed");
            Redirect::to(&format!("{page}?error=failed")).into_response()
        }
    }
}

async fn answer_json(state: &AppState, token: &str, body: &[u8]) -> Response {
    let parsed: CsatAnswerBody = match serde_json::from_slice(body) {
        Ok(parsed) => parsed,
        Err(err) => {
            let message = format!("The body does not have the expected fields: {err}");
            return ApiError::new(axum::http::StatusCode::UNPROCESSABLE_ENTITY, "invalid_body", message)
                .into_response();
        }
    };
    match state.services.answer_csat_survey(token, parsed.rating, parsed.comment.as_deref()).await {
        Ok(answer) => Json(answer).into_response(),
        Err(err) => ApiError::from(err).into_response(),
    }
}
