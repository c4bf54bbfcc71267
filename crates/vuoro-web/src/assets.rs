//! Static assets, compiled into the binary: no CDN, nothing to install beside the server.

use crate::routes::Routes;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;

const CSS: &str = include_str!("../assets/vuoro.css");
const LIVE_JS: &str = include_str!("../assets/live.js");

pub fn router<S: Clone + Send + Sync + 'static>() -> Routes<S> {
    Routes::new()
        .route(
            "/assets/live.js",
            get(|| async {
                (
                    [
                        (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                        (header::CACHE_CONTROL, "public, max-age=3600"),
                    ],
                    LIVE_JS,
                )
                    .into_response()
            }),
        )
        .route(
            "/assets/vuoro.css",
            get(|| async {
                (
                    [
                        (header::CONTENT_TYPE, "text/css; charset=utf-8"),
                        (header::CACHE_CONTROL, "public, max-age=3600"),
                    ],
                    CSS,
                )
                    .into_response()
            }),
        )
}
