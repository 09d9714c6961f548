//! What can go wrong: `CoreError` inside the core, `ApiError` as every transport tells it.

mod api_error;

pub use api_error::ApiError;

use thiserror::Error;

pub type Result<T, E = CoreError> = std::result::Result<T, E>;

#[derive(Debug, Error)]
pub enum CoreError {
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    #[error("LINE: {0}")]
    Line(#[from] line::LineError),
    #[error("secret store: {0}")]
    Secrets(#[from] crate::secrets::SecretError),
    #[error("not found: {0}")]
    NotFound(String),
    /// Bad input from a person, with the explanation in both languages: the API answers
    /// 400 and shows it as it is.
    #[error("{en}")]
    BadInput { en: String, ja: String },
    /// A failure of ours, not of the input (time-zone data, writing a CSV, the journal):
    /// the API answers 500 and logs this text under a log id the person can quote.
    #[error("internal: {0}")]
    Internal(String),
    /// Something the owner still has to set up, explained in both languages.
    #[error("not set up yet: {en}")]
    NotConfigured { en: String, ja: String },
    /// Reservations: the time was taken by someone else (or is not free); the UI and the
    /// LINE booking flow recognise it by its API code `slotTaken`.
    #[error("{en}")]
    SlotTaken { en: String, ja: String },
    #[error("backup: {0}")]
    Backup(String),
    #[error("shutting down")]
    Closed,
}

impl CoreError {
    pub fn bad_input(en: impl Into<String>, ja: impl Into<String>) -> Self {
        CoreError::BadInput { en: en.into(), ja: ja.into() }
    }

    pub fn internal(what: impl Into<String>) -> Self {
        CoreError::Internal(what.into())
    }
}

impl CoreError {
    pub fn not_configured(en: impl Into<String>, ja: impl Into<String>) -> Self {
        CoreError::NotConfigured { en: en.into(), ja: ja.into() }
    }
}
