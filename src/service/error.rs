//! What a service can refuse or fail with. Each variant has a stable snake_case code that REST, server
//! functions and translations rely on; internal causes are kept for the log, never sent to clients.

use crate::domain::policy::Forbidden;
use crate::domain::FieldError;
use crate::store::DbError;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("Please sign in.")]
    Unauthenticated,
    #[error("Email or password is incorrect.")]
    InvalidCredentials,
    #[error("This account has been deactivated. Contact your administrator.")]
    AccountDeactivated,
    #[error("You are not allowed to do this.")]
    Forbidden,
    #[error("Registration is closed. Ask your administrator for an account.")]
    RegistrationClosed,
    /// A widget token used on a page of another brand (403).
    #[error("This widget session belongs to another brand.")]
    WrongBrand,
    #[error("{0} not found.")]
    NotFound(&'static str),
    #[error("{}", .0.message)]
    Invalid(FieldError),
    /// An automation rule refused at save time (422), pointing at the part at fault (`conditions.all[1].value`).
    #[error("{}", .0.kind)]
    InvalidRule(crate::domain::rules::RuleError),
    #[error("{message}")]
    Conflict { code: &'static str, field: Option<&'static str>, message: String },
    /// An upload over the size limit (413).
    #[error("{message}")]
    TooLarge { field: &'static str, message: String },
    /// An upload of a type that is not accepted (415).
    #[error("{message}")]
    UnsupportedMediaType { field: &'static str, message: String },
    #[error("Too many attempts. Try again in {} minutes.", retry_after_secs.div_ceil(60))]
    RateLimited { retry_after_secs: u64 },
    /// A provider we depend on for this request did not answer (503; a webhook sender retries later).
    #[error("{0}")]
    Unavailable(String),
    #[error("Something went wrong on our side. Please try again.")]
    Internal(String),
}

impl ServiceError {
    pub fn code(&self) -> &str {
        match self {
            ServiceError::Unauthenticated => "unauthenticated",
            ServiceError::InvalidCredentials => "invalid_credentials",
            ServiceError::AccountDeactivated => "account_deactivated",
            ServiceError::Forbidden => "forbidden",
            ServiceError::RegistrationClosed => "registration_closed",
            ServiceError::WrongBrand => "wrong_brand",
            ServiceError::NotFound(_) => "not_found",
            ServiceError::Invalid(err) => err.code,
            ServiceError::InvalidRule(err) => err.code(),
            ServiceError::Conflict { code, .. } => code,
            ServiceError::TooLarge { .. } => "too_large",
            ServiceError::UnsupportedMediaType { .. } => "unsupported_media_type",
            ServiceError::RateLimited { .. } => "rate_limited",
            ServiceError::Unavailable(_) => "unavailable",
            ServiceError::Internal(_) => "internal",
        }
    }

    /// The form field the error belongs to, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            ServiceError::Invalid(err) => Some(err.field),
            ServiceError::InvalidRule(err) => Some(&err.path),
            ServiceError::Conflict { field, .. } => *field,
            ServiceError::TooLarge { field, .. } | ServiceError::UnsupportedMediaType { field, .. } => Some(field),
            ServiceError::InvalidCredentials | ServiceError::RateLimited { .. } => Some("password"),
            _ => None,
        }
    }
}

impl From<FieldError> for ServiceError {
    fn from(err: FieldError) -> Self {
        ServiceError::Invalid(err)
    }
}

impl From<crate::domain::rules::RuleError> for ServiceError {
    fn from(err: crate::domain::rules::RuleError) -> Self {
        ServiceError::InvalidRule(err)
    }
}

impl From<Forbidden> for ServiceError {
    fn from(_: Forbidden) -> Self {
        ServiceError::Forbidden
    }
}

impl From<DbError> for ServiceError {
    fn from(err: DbError) -> Self {
        ServiceError::Internal(err.to_string())
    }
}
