//! Server-only helpers for server functions: the shared state and the error-to-status bridge.

use crate::error::AppError;
use axum::extract::FromRef;
use leptos::prelude::*;

/// What every request handler and server function can reach. Built once by the server.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: db::PgPool,
}

/// The state provided to this request. Errors: `Internal` (the router was built without it).
pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the request's context");
        AppError::Internal
    })
}

/// Passes a server function's result through, setting the HTTP status of an error (Leptos
/// answers 500 for every error unless told otherwise).
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(error) = &result {
        if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
            let status = axum::http::StatusCode::from_u16(error.status())
                .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
            options.set_status(status);
        }
    }
    result
}

/// An argon2id hash (PHC string, salt included) of `password`. Errors: `Internal`.
pub fn hash_password(password: &str) -> Result<String, AppError> {
    use argon2::PasswordHasher;
    argon2::Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| {
            tracing::error!(error = %e, "password hashing failed");
            AppError::Internal
        })
}
