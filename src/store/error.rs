//! What can go wrong in the store, in terms the services can act on.

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// A unique constraint refused the write (e.g. an email already taken).
    #[error("unique constraint violated: {0}")]
    Conflict(String),
    /// A foreign key named a row that does not exist (e.g. an unknown team id).
    #[error("referenced row does not exist: {0}")]
    MissingReference(String),
    /// A stored value the domain does not recognise.
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    #[error("database configuration: {0}")]
    Config(String),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("database error: {0}")]
    Sqlx(sqlx::Error),
    /// A write fed in parts was abandoned by its caller before the end; nothing of it was committed.
    #[error("interrupted: {0}")]
    Interrupted(String),
}

impl From<sqlx::Error> for DbError {
    fn from(err: sqlx::Error) -> Self {
        if let Some(db) = err.as_database_error() {
            if db.is_unique_violation() {
                return DbError::Conflict(db.constraint().unwrap_or(db.message()).to_string());
            }
            if db.is_foreign_key_violation() {
                return DbError::MissingReference(db.constraint().unwrap_or(db.message()).to_string());
            }
        }
        DbError::Sqlx(err)
    }
}
