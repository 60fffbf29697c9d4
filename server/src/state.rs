//! What every handler can reach: the services, the configuration, the Leptos options and the metrics.

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;
use tidings::service::Services;

use crate::config::Config;
use crate::ops::metrics::Metrics;

#[derive(Clone)]
pub struct AppState {
    pub services: Services,
    pub config: Arc<Config>,
    pub leptos_options: LeptosOptions,
    pub metrics: Arc<Metrics>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
