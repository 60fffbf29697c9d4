//! Extractors shared by the REST handlers.

use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use axum::http::StatusCode;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use tidings::service::{Actor, ClientInfo, Listed, PageRequest, ServiceError};

use super::ApiError;

/// The signed-in actor; 401 when there is none.
pub struct CurrentActor(pub Actor);

impl<S: Send + Sync> FromRequestParts<S> for CurrentActor {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        match parts.extensions.get::<Option<Actor>>() {
            Some(Some(actor)) => Ok(CurrentActor(actor.clone())),
            _ => Err(ServiceError::Unauthenticated.into()),
        }
    }
}

/// The caller's address and agent, as the identity middleware recorded them.
pub struct Client(pub ClientInfo);

impl<S: Send + Sync> FromRequestParts<S> for Client {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Client(parts.extensions.get::<ClientInfo>().cloned().unwrap_or_default()))
    }
}

/// `Query`, answering 422 in the contract's shape when a parameter has the wrong type.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(value)) => Ok(ApiQuery(value)),
            Err(rejection) => {
                Err(ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_query", rejection.body_text()))
            }
        }
    }
}

/// `?page=1&per_page=25` (at most 100 per page).
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct PageQuery {
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

impl PageQuery {
    pub fn request(&self) -> PageRequest {
        PageRequest::new(self.page.unwrap_or(1), self.per_page.unwrap_or(PageRequest::DEFAULT_PER_PAGE))
    }
}

/// A page of a list: `{items, total, page, per_page}`.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

impl<T> Page<T> {
    pub fn new(listed: Listed<T>, request: PageRequest) -> Page<T> {
        Page { items: listed.items, total: listed.total, page: request.page, per_page: request.per_page }
    }

    /// A list that is never long enough to page (e.g. teams), in the same envelope.
    pub fn whole(items: Vec<T>) -> Page<T> {
        let total = items.len() as u64;
        let per_page = items.len().max(1) as u32;
        Page { items, total, page: 1, per_page }
    }
}

/// The signed-in actor if there is one (public endpoints that show staff more).
pub struct MaybeActor(pub Option<Actor>);

impl<S: Send + Sync> FromRequestParts<S> for MaybeActor {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(MaybeActor(parts.extensions.get::<Option<Actor>>().cloned().flatten()))
    }
}
