//! `/customers`: customer lookup for agents.

use axum::extract::{Path, State};
use axum::Json;
use serde::Deserialize;
use tidings::domain::{CustomerProfile, CustomerSummary};
use tidings::service::PageRequest;

use super::extract::{ApiQuery, CurrentActor, Page};
use super::{ApiError, ApiJson, ErrorBody};
use crate::state::AppState;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct CustomerListParams {
    /// Text to find in names and emails, ignoring case.
    pub q: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

#[utoipa::path(get, path = "/api/v1/customers", tag = "customers", params(CustomerListParams),
    responses((status = 200, body = Page<CustomerSummary>), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiQuery(params): ApiQuery<CustomerListParams>,
) -> Result<Json<Page<CustomerSummary>>, ApiError> {
    let page = PageRequest::new(params.page.unwrap_or(1), params.per_page.unwrap_or(PageRequest::DEFAULT_PER_PAGE));
    Ok(Json(Page::new(state.services.search_customers(&actor, params.q.as_deref(), page).await?, page)))
}

/// A customer with their most recent tickets (newest first, at most 50).
#[utoipa::path(get, path = "/api/v1/customers/{id}", tag = "customers", params(("id" = String, Path, description = "customer id")),
    responses((status = 200, body = CustomerProfile), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    Path(id): Path<String>,
) -> Result<Json<CustomerProfile>, ApiError> {
    Ok(Json(state.services.customer_profile(&actor, &id).await?))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct MergeContactBody {
    /// The id of the customer to keep; this one's identities and tickets move there.
    pub into: String,
}

/// Merges this customer into another (staff): identities, tickets and widget conversations move; this one is
/// deactivated. Answers the kept customer's profile.
#[utoipa::path(post, path = "/api/v1/customers/{id}/merge", tag = "customers", request_body = MergeContactBody,
    params(("id" = String, Path, description = "the customer merged away")),
    responses((status = 200, body = CustomerProfile), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn merge(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<MergeContactBody>,
) -> Result<Json<CustomerProfile>, ApiError> {
    Ok(Json(state.services.merge_contacts(&actor, &id, &body.into).await?))
}
