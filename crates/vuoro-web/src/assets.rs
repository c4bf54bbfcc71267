//! Static assets, compiled into the binary: no CDN, nothing to install beside the server.
//!
//! The fonts are served too, so a page looks and wraps the same whatever fonts the machine that
//! shows it has (a fresh Debian has no Noto Sans, and its fallback is wider). They are subsets of
//! the Noto Sans files the PDF export compiles in (`vuoro-export/fonts`, OFL): Latin for fi, sv,
//! en and so, Arabic for ar, as WOFF2 so a phone downloads about 30 KiB per face, and the
//! stylesheet's `unicode-range` makes a browser fetch the Arabic one only for Arabic text.
//! `assets/fonts/OFL.txt` is their licence.

use crate::routes::Routes;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;

/// Path, content type, how long a browser may keep it, and the bytes.
const ASSETS: &[(&str, &str, &str, &[u8])] = &[
    (
        "/assets/vuoro.css",
        "text/css; charset=utf-8",
        "public, max-age=3600",
        include_bytes!("../assets/vuoro.css"),
    ),
    (
        "/assets/live.js",
        "text/javascript; charset=utf-8",
        "public, max-age=3600",
        include_bytes!("../assets/live.js"),
    ),
    (
        "/assets/fonts/NotoSans-Regular-latin.woff2",
        "font/woff2",
        FONT_CACHE,
        include_bytes!("../assets/fonts/NotoSans-Regular-latin.woff2"),
    ),
    (
        "/assets/fonts/NotoSans-Bold-latin.woff2",
        "font/woff2",
        FONT_CACHE,
        include_bytes!("../assets/fonts/NotoSans-Bold-latin.woff2"),
    ),
    (
        "/assets/fonts/NotoSansArabic-Regular.woff2",
        "font/woff2",
        FONT_CACHE,
        include_bytes!("../assets/fonts/NotoSansArabic-Regular.woff2"),
    ),
    (
        "/assets/fonts/OFL.txt",
        "text/plain; charset=utf-8",
        FONT_CACHE,
        include_bytes!("../assets/fonts/OFL.txt"),
    ),
];

/// Fonts change far less often than the stylesheet; a week keeps phones from fetching them again
/// in every session while an upgrade still reaches everyone.
const FONT_CACHE: &str = "public, max-age=604800";

pub fn router<S: Clone + Send + Sync + 'static>() -> Routes<S> {
    ASSETS
        .iter()
        .fold(Routes::new(), |r, &(path, kind, cache, body)| {
            r.route(
                path,
                get(move || async move {
                    (
                        [(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, cache)],
                        body,
                    )
                        .into_response()
                }),
            )
        })
}
