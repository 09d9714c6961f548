//! LINE's `ErrorResponse`: `{"message", "details"?: [{"message","property"}], "sentMessages"?}`.

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::{Value, json};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Detail {
    pub message: String,
    pub property: String,
}

impl Detail {
    pub fn new(message: impl Into<String>, property: impl Into<String>) -> Self {
        Detail {
            message: message.into(),
            property: property.into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{message}")]
    BadRequest {
        message: String,
        details: Vec<Detail>,
    },
    #[error("authentication failed")]
    Unauthorized,
    #[error("not found")]
    NotFound,
    #[error("the retry key is already accepted")]
    Conflict {
        accepted_request_id: String,
        sent_messages: Vec<Value>,
    },
    #[error("{0}")]
    TooManyRequests(String),
    #[error("injected fault {0}")]
    Injected(u16),
}

impl ApiError {
    pub fn bad(message: impl Into<String>) -> Self {
        ApiError::BadRequest {
            message: message.into(),
            details: vec![],
        }
    }

    pub fn invalid(details: Vec<Detail>) -> Self {
        ApiError::BadRequest {
            message: format!("The request body has {} error(s)", details.len()),
            details,
        }
    }

    pub fn property(message: impl Into<String>, property: impl Into<String>) -> Self {
        Self::invalid(vec![Detail::new(message, property)])
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body) = match &self {
            ApiError::BadRequest { message, details } if details.is_empty() => {
                (StatusCode::BAD_REQUEST, json!({ "message": message }))
            }
            ApiError::BadRequest { message, details } => (
                StatusCode::BAD_REQUEST,
                json!({ "message": message, "details": details }),
            ),
            ApiError::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                json!({"message": "Authentication failed. Confirm that the access token in the authorization header is valid."}),
            ),
            ApiError::NotFound => (StatusCode::NOT_FOUND, json!({"message": "Not found"})),
            ApiError::Conflict { sent_messages, .. } => (
                StatusCode::CONFLICT,
                json!({"message": "The retry key is already accepted", "sentMessages": sent_messages}),
            ),
            ApiError::TooManyRequests(m) => {
                (StatusCode::TOO_MANY_REQUESTS, json!({ "message": m }))
            }
            ApiError::Injected(code) => {
                let status =
                    StatusCode::from_u16(*code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                let message = match status.as_u16() {
                    429 => "Too many requests".to_owned(),
                    _ => status.canonical_reason().unwrap_or("Error").to_owned(),
                };
                (status, json!({ "message": message }))
            }
        };
        let mut resp = (status, axum::Json(body)).into_response();
        if let ApiError::Conflict {
            accepted_request_id,
            ..
        } = &self
            && let Ok(v) = HeaderValue::from_str(accepted_request_id)
        {
            resp.headers_mut().insert("x-line-accepted-request-id", v);
        }
        resp
    }
}
