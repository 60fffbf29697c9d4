//! The satisfaction-survey page's data: whether the link in its address can still take an answer. The link is the
//! credential; every bad link is the same `false`.

use leptos::prelude::*;

use super::AppError;

#[server(endpoint = "load_csat_survey")]
pub async fn load_csat_survey(token: String) -> Result<bool, AppError> {
    let services = super::ssr::services()?;
    Ok(services.csat_survey_is_open(&token).await?)
}
