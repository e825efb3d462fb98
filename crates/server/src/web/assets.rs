//! Static assets compiled into the binary: no CDN, nothing fetched at run time.

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

const FILES: [(&str, &str, &[u8]); 4] = [
    ("liaison.css", "text/css; charset=utf-8", include_bytes!("../../static/liaison.css")),
    ("favicon.svg", "image/svg+xml", include_bytes!("../../static/favicon.svg")),
    ("writer.js", "text/javascript; charset=utf-8", include_bytes!("../../static/writer.js")),
    ("screening.js", "text/javascript; charset=utf-8", include_bytes!("../../static/screening.js")),
];

pub async fn serve(Path(file): Path<String>) -> Response {
    match FILES.iter().find(|(name, _, _)| *name == file) {
        Some((_, mime, body)) => {
            ([(header::CONTENT_TYPE, *mime), (header::CACHE_CONTROL, "public, max-age=3600")], *body).into_response()
        }
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}
