//! The server's settings (after the command line has merged defaults, file and environment).

use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct TlsFiles {
    pub cert: PathBuf,
    pub key: PathBuf,
}

#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub listen: SocketAddr,
    pub tls: Option<TlsFiles>,
    /// Minutes of inactivity after which a session ends.
    pub session_idle_minutes: i64,
    /// Hours after login after which a session ends whatever the activity.
    pub session_absolute_hours: i64,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Login attempts allowed per client address per window.
    pub login_attempts_per_window: usize,
    pub login_window_seconds: i64,
    /// Consecutive failed logins that lock an account, and for how long.
    pub lockout_threshold: i64,
    pub lockout_minutes: i64,
    /// Longest life of an API token.
    pub token_max_days: i64,
    /// Name shown in authenticator apps.
    pub totp_issuer: String,
    /// Where people open Liaison (for links in e-mails), e.g. `https://liaison.example.org`.
    pub public_url: Option<String>,
    /// The SMTP relay that e-mail goes through; none: notifications stay in the application.
    pub smtp: Option<crate::mail::SmtpConfig>,
    /// How often the server looks for deadlines to chase and mail to send.
    pub chase_every_seconds: u64,
    /// The key files are encrypted with; none: attachments cannot be stored.
    pub files_key: Option<crate::files::FileKey>,
    /// Largest attachment accepted, in bytes.
    pub max_file_bytes: usize,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            tls: None,
            session_idle_minutes: 30,
            session_absolute_hours: 12,
            max_body_bytes: 1024 * 1024,
            login_attempts_per_window: 30,
            login_window_seconds: 300,
            lockout_threshold: 5,
            lockout_minutes: 15,
            token_max_days: 366,
            totp_issuer: "Liaison".into(),
            public_url: None,
            smtp: None,
            chase_every_seconds: 3600,
            files_key: None,
            max_file_bytes: 25 * 1024 * 1024,
        }
    }
}

impl ServerConfig {
    pub fn secure_cookies(&self) -> bool {
        self.tls.is_some()
    }
}
