//! `POST /csat/{token}`: a customer rates a resolved ticket through the signed link they were sent. The link is the
//! only credential; a forged, altered, expired or used link is a 404 that says nothing about any ticket.

use axum::extract::{Path, State};
use axum::Json;
use serde::Deserialize;
use tidings::domain::TicketCsat;

use super::{ApiError, ApiJson, ErrorBody};
use crate::state::AppState;

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CsatAnswerBody {
    /// 1 (very unhappy) to 5 (very happy).
    pub rating: i64,
    /// Optional, at most 2000 characters.
    pub comment: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/csat/{token}", tag = "csat", request_body = CsatAnswerBody,
    params(("token" = String, Path, description = "the token of the link sent to the customer")),
    responses((status = 200, description = "Recorded", body = TicketCsat),
              (status = 404, description = "The link is not valid (any reason)", body = ErrorBody),
              (status = 422, description = "The rating is not 1 to 5, or the comment is too long", body = ErrorBody)))]
pub async fn answer(
    State(state): State<AppState>,
    Path(token): Path<String>,
    ApiJson(body): ApiJson<CsatAnswerBody>,
) -> Result<Json<TicketCsat>, ApiError> {
    let answer = state.services.answer_csat_survey(&token, body.rating, body.comment.as_deref()).await?;
    Ok(Json(answer))
}
