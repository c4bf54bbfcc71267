//! The one HTTP error type. A handler returns `AppError`; its response carries only a status and
//! an [`ErrorPage`] marker, and the `render_errors` layer turns that into a translated page in
//! the visitor's language. Internals (database messages, file paths) are logged, never sent.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use vuoro_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// 404: no such page, or a page the user may not know exists.
    #[error("not found")]
    NotFound,
    /// 403: signed in, but not allowed.
    #[error("forbidden")]
    Forbidden,
    /// 303 to the login page.
    #[error("login required")]
    LoginRequired,
    /// 400 with a message id that explains what was wrong.
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    /// 409 with a message id: someone else changed the thing first.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// 500: logged with its cause; the user sees a generic apology.
    #[error("internal error: {0}")]
    Internal(String),
}

/// The marker the error layer looks for: which message to show.
#[derive(Clone, Copy, Debug)]
pub struct ErrorPage {
    pub message_id: &'static str,
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::LoginRequired => StatusCode::SEE_OTHER,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn message_id(&self) -> &'static str {
        match self {
            AppError::NotFound => "error-not-found",
            AppError::Forbidden => "error-forbidden",
            AppError::LoginRequired => "error-login-required",
            AppError::BadRequest(m) | AppError::Conflict(m) => m,
            AppError::Internal(_) => "error-internal",
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::LoginRequired = self {
            return crate::util::redirect("/login");
        }
        if let AppError::Internal(cause) = &self {
            tracing::error!(%cause, "request failed");
        }
        let mut r = self.status().into_response();
        r.extensions_mut().insert(ErrorPage {
            message_id: self.message_id(),
        });
        r
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Conflict(_) => AppError::Conflict("error-conflict"),
            StoreError::Duplicate(_) => AppError::Conflict("error-duplicate"),
            StoreError::Corrupt(m) | StoreError::Backend(m) => AppError::Internal(m),
        }
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::Internal(format!("template: {e}"))
    }
}

pub type AppResult<T> = Result<T, AppError>;
