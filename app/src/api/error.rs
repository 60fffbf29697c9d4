//! The one error type every server function returns: a stable code (for translations and tests), a
//! sentence, and the form field it belongs to, so forms can show it next to that field.

use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppError {
    pub code: String,
    pub message: String,
    pub field: Option<String>,
}

impl AppError {
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        AppError { code: code.into(), message: message.into(), field: None }
    }

    pub fn unauthenticated() -> Self {
        AppError::new("unauthenticated", "Please sign in.")
    }

    pub fn internal(detail: &str) -> Self {
        // The detail is for the server log only.
        #[cfg(feature = "ssr")]
        leptos::logging::error!("internal error in server function: {detail}");
        let _ = detail;
        AppError::new("internal", "Something went wrong on our side. Please try again.")
    }

    /// The message for `field`, if this error belongs to it.
    pub fn for_field(&self, field: &str) -> Option<String> {
        (self.field.as_deref() == Some(field)).then(|| self.message.clone())
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for AppError {}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(_) => {
                AppError::new("network", "Could not reach the server. Check your connection.")
            }
            other => AppError::new("server_fn", other.to_string()),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<tidings::service::ServiceError> for AppError {
    fn from(err: tidings::service::ServiceError) -> Self {
        if let tidings::service::ServiceError::Internal(detail) = &err {
            return AppError::internal(detail);
        }
        AppError { code: err.code().to_string(), message: err.to_string(), field: err.field().map(str::to_string) }
    }
}
