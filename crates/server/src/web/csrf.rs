//! CSRF protection for every form of the web UI, in one layer so no form can forget it. A POST must
//! carry a `csrf` field equal to the session's token or, before login, to the anonymous form token
//! kept in an HttpOnly, SameSite=Strict cookie (double submit).

use crate::auth::principal::{PRELOGIN_COOKIE, SESSION_COOKIE, cookie};
use crate::auth::secrets::{random_token, same, sha256_hex};
use crate::error::AppError;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The anonymous form token of this request, for pages to put in their forms.
#[derive(Clone)]
pub struct PreloginToken(pub String);

pub async fn guard(State(st): State<AppState>, req: Request, next: Next) -> Response {
    let prelogin = cookie(req.headers(), PRELOGIN_COOKIE).map(str::to_string);
    let fresh = if prelogin.is_none() { Some(random_token()) } else { None };
    let token = prelogin.or_else(|| fresh.clone()).unwrap_or_default();
    let mut req = req;
    if req.method() == Method::POST {
        let session_csrf = session_csrf(&st, req.headers()).await;
        let (parts, body) = req.into_parts();
        // File uploads come as multipart forms (their token is a field like any other) and may be larger.
        let multipart = parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("multipart/form-data"));
        // Only the upload forms may send a file-sized body.
        let upload = multipart && super::takes_files(parts.uri.path());
        let limit = if upload { super::upload_bytes(&st) } else { st.config.max_body_bytes };
        let bytes = match axum::body::to_bytes(body, limit).await {
            Ok(b) => b,
            Err(_) => {
                return super::page::error_response(&st, &parts.headers, AppError::PayloadTooLarge { limit });
            }
        };
        let sent = if multipart { multipart_value(&bytes, "csrf") } else { form_urlencoded_value(&bytes, "csrf") }
            .unwrap_or_default();
        // With a session, only its token counts (a cookie planted by a sibling site cannot forge forms);
        // before login, the anonymous double-submit token.
        let ok = match session_csrf.as_deref() {
            Some(s) => same(s, &sent),
            None => cookie(&parts.headers, PRELOGIN_COOKIE).is_some_and(|p| same(p, &sent)),
        };
        if !ok {
            tracing::warn!(path = %parts.uri.path(), "form refused: CSRF token missing or wrong");
            return super::page::error_response(&st, &parts.headers, AppError::Csrf);
        }
        req = Request::from_parts(parts, Body::from(bytes));
    }
    req.extensions_mut().insert(PreloginToken(token));
    let mut res = next.run(req).await;
    if let Some(f) = fresh {
        let secure = if st.config.secure_cookies() { "; Secure" } else { "" };
        if let Ok(v) = format!("{PRELOGIN_COOKIE}={f}; Path=/; HttpOnly; SameSite=Strict{secure}").parse() {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res.into_response()
}

async fn session_csrf(st: &AppState, headers: &axum::http::HeaderMap) -> Option<String> {
    let secret = cookie(headers, SESSION_COOKIE)?;
    let mut c = st.store.read().await.ok()?;
    let s = liaison_store::sessions::get(&mut c, &sha256_hex(secret)).await.ok()??;
    // A revoked or timed-out session is no session: its page was rendered with the anonymous token.
    let now = st.now();
    let idle = st.config.session_idle_minutes * 60_000;
    let absolute = st.config.session_absolute_hours * 3_600_000;
    let live = s.revoked_at.is_none() && now - s.last_seen_at <= idle && now - s.created_at <= absolute;
    live.then_some(s.csrf_token)
}

fn form_urlencoded_value(body: &[u8], key: &str) -> Option<String> {
    let text = std::str::from_utf8(body).ok()?;
    text.split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| urlencoding::decode(&v.replace('+', " ")).map(|s| s.into_owned()).unwrap_or_default())
}

/// The value of a small text field of a multipart form (`name="csrf"`), looked for in the first 16 KB
/// (pages put the token first).
fn multipart_value(body: &[u8], name: &str) -> Option<String> {
    let head = &body[..body.len().min(16 * 1024)];
    let needle = format!("name=\"{name}\"");
    let at = head.windows(needle.len()).position(|w| w == needle.as_bytes())?;
    let rest = &head[at + needle.len()..];
    let start = rest.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let value = &rest[start..];
    let end = value.windows(2).position(|w| w == b"\r\n")?;
    std::str::from_utf8(&value[..end]).ok().map(str::to_string)
}

#[cfg(test)]
mod multipart_tests {
    #[test]
    fn the_token_is_found_in_a_multipart_form() {
        let body = b"--X\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntok123\r\n--X\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF\r\n--X--\r\n";
        assert_eq!(super::multipart_value(body, "csrf").as_deref(), Some("tok123"));
        assert_eq!(super::multipart_value(b"--X\r\nno field\r\n", "csrf"), None);
    }
}
