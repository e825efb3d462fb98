//! Settings from, in rising precedence: built-in defaults, a TOML file (`--config`), environment
//! variables (`LIAISON_…`) and command-line flags. Unknown keys in the file are refused.

use anyhow::{Context, Result, bail};
use clap::Args;
use liaison_server::config::{ServerConfig, TlsFiles};
use liaison_store::Store;
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Where the data lives; shared by every command.
#[derive(Args, Clone, Debug, Default)]
pub struct DbArgs {
    /// Directory for the SQLite database (created if missing). Default: ./liaison-data
    #[arg(long, env = "LIAISON_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// Use this database instead of SQLite in the data directory, e.g. postgres://user@host/db
    #[arg(long, env = "LIAISON_DATABASE_URL")]
    pub database_url: Option<String>,
    /// TOML configuration file with any of the settings (flags and environment win over it).
    #[arg(long, env = "LIAISON_CONFIG")]
    pub config: Option<PathBuf>,
}

#[derive(Args, Clone, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Address to listen on. Default: 127.0.0.1:8080
    #[arg(long, env = "LIAISON_LISTEN")]
    pub listen: Option<SocketAddr>,
    /// PEM certificate chain; with --tls-key, serves HTTPS.
    #[arg(long, env = "LIAISON_TLS_CERT")]
    pub tls_cert: Option<PathBuf>,
    /// PEM private key.
    #[arg(long, env = "LIAISON_TLS_KEY")]
    pub tls_key: Option<PathBuf>,
    /// Log format: text or json.
    #[arg(long, env = "LIAISON_LOG_FORMAT")]
    pub log_format: Option<String>,
    /// Minutes of inactivity that end a session. Default: 30
    #[arg(long, env = "LIAISON_SESSION_IDLE_MINUTES")]
    pub session_idle_minutes: Option<i64>,
    /// Hours after which a session ends regardless of activity. Default: 12
    #[arg(long, env = "LIAISON_SESSION_ABSOLUTE_HOURS")]
    pub session_absolute_hours: Option<i64>,
    /// Largest accepted request body in bytes. Default: 1048576
    #[arg(long, env = "LIAISON_MAX_BODY_BYTES")]
    pub max_body_bytes: Option<usize>,
    /// Where people open Liaison, for links in e-mails (https://liaison.example.org).
    #[arg(long, env = "LIAISON_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// SMTP relay for e-mail notifications: smtp://host[:port]. Without it, notifications stay in the application.
    #[arg(long, env = "LIAISON_SMTP_URL")]
    pub smtp_url: Option<String>,
    /// Sender address of e-mail notifications.
    #[arg(long, env = "LIAISON_MAIL_FROM")]
    pub mail_from: Option<String>,
    /// Seconds between two looks for deadlines to chase. Default: 3600
    #[arg(long, env = "LIAISON_CHASE_EVERY_SECONDS")]
    pub chase_every_seconds: Option<u64>,
    /// Key attachments are encrypted with: 64 hexadecimal characters. Without it, Liaison keeps one in
    /// files.key in the data directory (made on first start, readable by the owner only). Keep it safe:
    /// without it the files cannot be read.
    #[arg(long, env = "LIAISON_FILES_KEY", hide_env_values = true)]
    pub files_key: Option<String>,
    /// Largest attachment accepted, in bytes. Default: 26214400 (25 MB)
    #[arg(long, env = "LIAISON_MAX_FILE_BYTES")]
    pub max_file_bytes: Option<usize>,
    /// Megabytes of memory for the knowledge base's search lists (the commonest are read at start).
    /// Default: 256
    #[arg(long, env = "LIAISON_SEARCH_MEMORY_MB")]
    pub search_memory_mb: Option<usize>,
}

/// The configuration file's shape.
#[derive(Deserialize, Default, Debug)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    listen: Option<SocketAddr>,
    tls_cert: Option<PathBuf>,
    tls_key: Option<PathBuf>,
    log_format: Option<String>,
    session_idle_minutes: Option<i64>,
    session_absolute_hours: Option<i64>,
    max_body_bytes: Option<usize>,
    lockout_threshold: Option<i64>,
    lockout_minutes: Option<i64>,
    public_url: Option<String>,
    smtp_url: Option<String>,
    mail_from: Option<String>,
    chase_every_seconds: Option<u64>,
    files_key: Option<String>,
    max_file_bytes: Option<usize>,
    search_memory_mb: Option<usize>,
}

fn read_file(path: &Option<PathBuf>) -> Result<FileConfig> {
    match path {
        None => Ok(FileConfig::default()),
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("cannot read configuration file {}", p.display()))?;
            toml::from_str(&text).with_context(|| format!("configuration file {}", p.display()))
        }
    }
}

/// The file key: given, or kept in `files.key` in the data directory (created on first use, mode 0600).
fn files_key(given: Option<String>, db: &DbArgs, file: &FileConfig) -> Result<liaison_server::files::FileKey> {
    use liaison_server::files::FileKey;
    if let Some(k) = given {
        return FileKey::from_hex(&k).map_err(|e| anyhow::anyhow!("--files-key: {e}"));
    }
    let dir = db.data_dir.clone().or_else(|| file.data_dir.clone()).unwrap_or_else(|| PathBuf::from("liaison-data"));
    let path = dir.join("files.key");
    if !path.exists() {
        std::fs::create_dir_all(&dir).with_context(|| format!("cannot create data directory {}", dir.display()))?;
        let hex = FileKey::generate_hex().map_err(|e| anyhow::anyhow!("no randomness for a file key: {e}"))?;
        use std::io::Write;
        use std::os::unix::fs::OpenOptionsExt;
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        f.write_all(hex.as_bytes())?;
    }
    let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    FileKey::from_hex(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

/// A resolved database location.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(PathBuf),
    Url(String),
}

impl Db {
    pub fn describe(&self) -> String {
        match self {
            Db::Sqlite(p) => format!("SQLite {}", p.display()),
            Db::Url(u) => {
                // Never print a password that may be in the URL.
                let shown = match (u.find("://"), u.rfind('@')) {
                    (Some(s), Some(at)) if at > s => format!("{}://…@{}", &u[..s], &u[at + 1..]),
                    _ => u.clone(),
                };
                format!("PostgreSQL {shown}")
            }
        }
    }

    pub async fn open_store(&self) -> Result<Store> {
        let url = match self {
            Db::Sqlite(file) => {
                if let Some(dir) = file.parent() {
                    std::fs::create_dir_all(dir)
                        .with_context(|| format!("cannot create data directory {}", dir.display()))?;
                }
                format!("sqlite://{}", file.display())
            }
            Db::Url(u) => u.clone(),
        };
        Store::open(&url).await.with_context(|| format!("cannot open the database ({})", self.describe()))
    }
}

impl DbArgs {
    fn resolve_with(&self, file: &FileConfig) -> Result<Db> {
        if let Some(url) = self.database_url.clone().or_else(|| file.database_url.clone()) {
            if !(url.starts_with("postgres://") || url.starts_with("postgresql://") || url.starts_with("sqlite:")) {
                bail!("--database-url must start with postgres:// (or sqlite:)");
            }
            return Ok(Db::Url(url));
        }
        let dir =
            self.data_dir.clone().or_else(|| file.data_dir.clone()).unwrap_or_else(|| PathBuf::from("liaison-data"));
        Ok(Db::Sqlite(dir.join("liaison.db")))
    }

    pub fn resolve(&self) -> Result<Db> {
        self.resolve_with(&read_file(&self.config)?)
    }
}

pub struct Settings {
    pub db: Db,
    pub server: ServerConfig,
    pub log_format: String,
    /// Bytes of memory for the knowledge base's search lists.
    pub search_memory_bytes: usize,
}

impl ServeArgs {
    pub fn resolve(&self) -> Result<Settings> {
        let file = read_file(&self.db.config)?;
        let db = self.db.resolve_with(&file)?;
        let d = ServerConfig::default();
        let tls = match (self.tls_cert.clone().or(file.tls_cert.clone()), self.tls_key.clone().or(file.tls_key.clone()))
        {
            (Some(cert), Some(key)) => Some(TlsFiles { cert, key }),
            (None, None) => None,
            _ => bail!("TLS needs both --tls-cert and --tls-key"),
        };
        let server = ServerConfig {
            listen: self.listen.or(file.listen).unwrap_or(d.listen),
            tls,
            session_idle_minutes: self
                .session_idle_minutes
                .or(file.session_idle_minutes)
                .unwrap_or(d.session_idle_minutes),
            session_absolute_hours: self
                .session_absolute_hours
                .or(file.session_absolute_hours)
                .unwrap_or(d.session_absolute_hours),
            max_body_bytes: self.max_body_bytes.or(file.max_body_bytes).unwrap_or(d.max_body_bytes),
            lockout_threshold: file.lockout_threshold.unwrap_or(d.lockout_threshold),
            lockout_minutes: file.lockout_minutes.unwrap_or(d.lockout_minutes),
            public_url: self.public_url.clone().or(file.public_url.clone()),
            smtp: match (
                self.smtp_url.clone().or(file.smtp_url.clone()),
                self.mail_from.clone().or(file.mail_from.clone()),
            ) {
                (Some(url), Some(from)) => Some(
                    liaison_server::mail::SmtpConfig::parse(&url, &from)
                        .map_err(|e| anyhow::anyhow!("--smtp-url/--mail-from: {e}"))?,
                ),
                (None, None) => None,
                _ => bail!("e-mail needs both --smtp-url and --mail-from"),
            },
            chase_every_seconds: self.chase_every_seconds.or(file.chase_every_seconds).unwrap_or(d.chase_every_seconds),
            files_key: Some(files_key(self.files_key.clone().or(file.files_key.clone()), &self.db, &file)?),
            max_file_bytes: self.max_file_bytes.or(file.max_file_bytes).unwrap_or(d.max_file_bytes),
            ..d
        };
        if server.chase_every_seconds < 10 {
            bail!("--chase-every-seconds must be at least 10");
        }
        if server.session_idle_minutes < 1 || server.session_absolute_hours < 1 {
            bail!("session timeouts must be at least 1 minute / 1 hour");
        }
        if server.max_body_bytes < 1024 {
            bail!("--max-body-bytes must be at least 1024");
        }
        let log_format = self.log_format.clone().or(file.log_format).unwrap_or_else(|| "text".into());
        if log_format != "text" && log_format != "json" {
            bail!("--log-format must be text or json");
        }
        let search_memory_bytes = match self.search_memory_mb.or(file.search_memory_mb) {
            None => liaison_store::knowledge::DEFAULT_BUDGET,
            Some(mb) if (1..=1_048_576).contains(&mb) => mb * 1024 * 1024,
            Some(_) => bail!("--search-memory-mb must be between 1 and 1048576"),
        };
        Ok(Settings { db, server, log_format, search_memory_bytes })
    }
}

pub fn init_logging(format: &str) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("LIAISON_LOG").unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_ansi(ansi);
    if format == "json" {
        builder.json().flatten_event(true).init();
    } else {
        builder.init();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct T {
        #[command(flatten)]
        serve: ServeArgs,
    }

    #[test]
    fn flags_beat_the_file_and_the_file_beats_defaults() {
        let dir = std::env::temp_dir().join(format!("liaison-cfg-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("liaison.toml");
        std::fs::write(&file, "data_dir = \"/srv/liaison\"\nlisten = \"0.0.0.0:9000\"\nsession_idle_minutes = 15\n")
            .unwrap();
        let t = T::parse_from(["x", "--config", file.to_str().unwrap(), "--listen", "127.0.0.1:7000"]);
        let s = t.serve.resolve().unwrap();
        assert_eq!(s.server.listen.to_string(), "127.0.0.1:7000");
        assert_eq!(s.server.session_idle_minutes, 15);
        assert_eq!(s.server.session_absolute_hours, 12);
        assert!(matches!(s.db, Db::Sqlite(p) if p == std::path::Path::new("/srv/liaison/liaison.db")));
    }

    #[test]
    fn unknown_keys_and_half_tls_are_refused() {
        let dir = std::env::temp_dir().join(format!("liaison-cfg-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("bad.toml");
        std::fs::write(&file, "listn = \"0.0.0.0:9000\"\n").unwrap();
        let t = T::parse_from(["x", "--config", file.to_str().unwrap()]);
        let err = format!("{:#}", t.serve.resolve().err().unwrap());
        assert!(err.contains("unknown field") && err.contains("listn"), "{err}");
        let t = T::parse_from(["x", "--tls-cert", "/tmp/c.pem"]);
        assert!(t.serve.resolve().is_err());
    }

    #[test]
    fn passwords_in_database_urls_are_not_printed() {
        let d = Db::Url("postgres://liaison:s3cret@db.example:5432/liaison".into());
        assert_eq!(d.describe(), "PostgreSQL postgres://…@db.example:5432/liaison");
    }
}
