//! Time-based one-time passwords (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps), with replay
//! protection by remembering the last accepted step.

use hmac::{Hmac, Mac};
use sha1::Sha1;

pub const STEP_SECONDS: i64 = 30;
pub const DIGITS: u32 = 6;

/// A new 160-bit secret, base32 as authenticator apps expect.
pub fn new_secret() -> String {
    data_encoding::BASE32_NOPAD.encode(&super::secrets::random_bytes::<20>())
}

fn decode(secret_b32: &str) -> Option<Vec<u8>> {
    data_encoding::BASE32_NOPAD.decode(secret_b32.trim_end_matches('=').as_bytes()).ok()
}

/// The code for a time step (RFC 4226 dynamic truncation).
pub fn code_for_step(secret_b32: &str, step: i64) -> Option<String> {
    let key = decode(secret_b32)?;
    let mut mac = Hmac::<Sha1>::new_from_slice(&key).ok()?;
    mac.update(&(step as u64).to_be_bytes());
    let h = mac.finalize().into_bytes();
    let offset = usize::from(h.get(19)? & 0x0f);
    let b = h.get(offset..offset + 4)?;
    let bin = (u32::from(b[0] & 0x7f) << 24) | (u32::from(b[1]) << 16) | (u32::from(b[2]) << 8) | u32::from(b[3]);
    Some(format!("{:0width$}", bin % 10u32.pow(DIGITS), width = DIGITS as usize))
}

/// The code valid at `unix_seconds`.
pub fn code_at(secret_b32: &str, unix_seconds: i64) -> Option<String> {
    code_for_step(secret_b32, unix_seconds.div_euclid(STEP_SECONDS))
}

/// Checks `code` at `unix_seconds`, allowing one step of clock drift either way, and refusing steps
/// at or before `last_step`. Returns the step to remember when accepted.
pub fn verify(secret_b32: &str, code: &str, unix_seconds: i64, last_step: i64) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != DIGITS as usize || !code.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let now = unix_seconds.div_euclid(STEP_SECONDS);
    (now - 1..=now + 1)
        .filter(|s| *s > last_step)
        .find(|s| code_for_step(secret_b32, *s).is_some_and(|c| super::secrets::same(&c, &code)))
}

/// The `otpauth://` URI an authenticator app reads from the QR code.
pub fn provisioning_uri(secret_b32: &str, issuer: &str, account: &str) -> String {
    let label = format!("{}:{}", urlencoding::encode(issuer), urlencoding::encode(account));
    format!(
        "otpauth://totp/{label}?secret={secret_b32}&issuer={}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}",
        urlencoding::encode(issuer)
    )
}

/// The QR code of `text` as an SVG document (black modules on white, with a quiet zone).
pub fn qr_svg(text: &str) -> Option<String> {
    use qrcodegen::{QrCode, QrCodeEcc};
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let border = 4;
    let size = qr.size() + border * 2;
    let mut path = String::new();
    for y in 0..qr.size() {
        for x in 0..qr.size() {
            if qr.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + border, y + border));
            }
        }
    }
    Some(format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="240" height="240" role="img" shape-rendering="crispEdges"><rect width="100%" height="100%" fill="#fff"/><path d="{path}" fill="#000"/></svg>"##
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1 secret "12345678901234567890", last six digits of the 8-digit values.
    #[test]
    fn rfc6238_test_vectors() {
        let secret = data_encoding::BASE32_NOPAD.encode(b"12345678901234567890");
        assert_eq!(code_at(&secret, 59).unwrap(), "287082");
        assert_eq!(code_at(&secret, 1_111_111_109).unwrap(), "081804");
        assert_eq!(code_at(&secret, 1_234_567_890).unwrap(), "005924");
        assert_eq!(code_at(&secret, 2_000_000_000).unwrap(), "279037");
    }

    #[test]
    fn codes_are_accepted_once_within_one_step_of_drift() {
        let s = new_secret();
        let t = 1_700_000_000;
        let code = code_at(&s, t).unwrap();
        let step = verify(&s, &code, t, 0).unwrap();
        assert_eq!(verify(&s, &code, t + 30, 0), Some(step), "previous step still accepted");
        assert_eq!(verify(&s, &code, t + 90, 0), None, "too old");
        assert_eq!(verify(&s, &code, t, step), None, "replay refused");
        assert_eq!(verify(&s, "12345", t, 0), None);
        assert_eq!(verify(&s, "abcdef", t, 0), None);
    }

    #[test]
    fn provisioning_uri_and_qr_are_well_formed() {
        let uri = provisioning_uri("JBSWY3DPEHPK3PXP", "Liaison", "ivanov@Прокуратура");
        assert!(uri.starts_with("otpauth://totp/Liaison:ivanov%40"));
        let svg = qr_svg(&uri).unwrap();
        assert!(svg.starts_with("<svg") && svg.contains("<path d=\"M"));
    }
}
