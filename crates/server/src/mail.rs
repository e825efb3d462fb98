//! E-mail through an SMTP relay (RFC 5321): plain SMTP to a relay the operator runs next to Liaison
//! (a local MTA that handles TLS and delivery onwards). Messages are UTF-8, base64-encoded, with
//! RFC 2047 subjects; addresses with line breaks or angle brackets are refused (no header injection).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    /// The sender address (`liaison@prosecutor.example`).
    pub from: String,
    /// The name this host gives in EHLO.
    pub helo: String,
}

impl SmtpConfig {
    /// Parses `smtp://host[:port]` (port 25 by default).
    pub fn parse(url: &str, from: &str) -> Result<SmtpConfig, String> {
        let rest = url.strip_prefix("smtp://").ok_or_else(|| format!("'{url}': use smtp://host[:port]"))?;
        let (host, port) = match rest.rsplit_once(':') {
            Some((h, p)) => (h, p.parse::<u16>().map_err(|_| format!("'{p}' is not a port"))?),
            None => (rest, 25),
        };
        if host.is_empty() || host.contains(['/', '@']) {
            return Err(format!("'{url}': use smtp://host[:port]"));
        }
        check_address(from)?;
        Ok(SmtpConfig { host: host.into(), port, from: from.into(), helo: "liaison.local".into() })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("cannot reach the SMTP relay: {0}")]
    Connect(String),
    #[error("the SMTP relay answered {code} to {step}: {text}")]
    Refused { step: &'static str, code: u16, text: String },
    #[error("SMTP connection failed: {0}")]
    Io(#[from] std::io::Error),
    #[error("the SMTP relay did not answer in time")]
    Timeout,
    #[error("bad address '{0}'")]
    Address(String),
}

fn check_address(a: &str) -> Result<(), String> {
    let ok = a.len() <= 254
        && a.contains('@')
        && !a.chars().any(|c| c.is_control() || c.is_whitespace() || matches!(c, '<' | '>' | ',' | ';'));
    if ok { Ok(()) } else { Err(format!("'{a}' is not an address")) }
}

/// An RFC 2047 encoded word when the text is not plain ASCII.
fn header_text(s: &str) -> String {
    let clean: String = s.chars().filter(|c| !c.is_control()).collect();
    if clean.is_ascii() { clean } else { format!("=?UTF-8?B?{}?=", STANDARD.encode(clean.as_bytes())) }
}

/// The whole message (headers and base64 body), CRLF line endings.
pub fn message(from: &str, to: &str, subject: &str, body: &str, date: &str, id: &str) -> String {
    let encoded = STANDARD.encode(body.replace("\r\n", "\n").replace('\n', "\r\n").as_bytes());
    let lines: Vec<&str> = encoded.as_bytes().chunks(76).map(|c| std::str::from_utf8(c).unwrap_or_default()).collect();
    format!(
        "From: {from}\r\nTo: {to}\r\nSubject: {}\r\nDate: {date}\r\nMessage-ID: <{id}@liaison>\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n",
        header_text(subject),
        lines.join("\r\n")
    )
}

struct Session {
    reader: BufReader<tokio::net::tcp::OwnedReadHalf>,
    writer: tokio::net::tcp::OwnedWriteHalf,
}

impl Session {
    /// Reads a (possibly multi-line) reply; its code.
    async fn reply(&mut self, step: &'static str, expect: &[u16]) -> Result<u16, MailError> {
        let mut text = String::new();
        loop {
            let mut line = String::new();
            let n = tokio::time::timeout(Duration::from_secs(30), self.reader.read_line(&mut line))
                .await
                .map_err(|_| MailError::Timeout)??;
            if n == 0 {
                return Err(MailError::Refused { step, code: 0, text: "connection closed".into() });
            }
            text.push_str(line.trim_end());
            if line.len() < 4 || line.as_bytes()[3] != b'-' {
                let code = line.get(0..3).and_then(|c| c.parse().ok()).unwrap_or(0);
                if expect.contains(&code) {
                    return Ok(code);
                }
                return Err(MailError::Refused { step, code, text });
            }
            text.push(' ');
        }
    }

    async fn command(&mut self, line: &str, step: &'static str, expect: &[u16]) -> Result<u16, MailError> {
        self.writer.write_all(format!("{line}\r\n").as_bytes()).await?;
        self.reply(step, expect).await
    }
}

/// Sends one message through the relay.
pub async fn send(
    cfg: &SmtpConfig,
    to: &str,
    subject: &str,
    body: &str,
    date: &str,
    id: &str,
) -> Result<(), MailError> {
    check_address(to).map_err(|_| MailError::Address(to.into()))?;
    let stream = tokio::time::timeout(Duration::from_secs(10), TcpStream::connect((cfg.host.as_str(), cfg.port)))
        .await
        .map_err(|_| MailError::Timeout)?
        .map_err(|e| MailError::Connect(e.to_string()))?;
    let (r, w) = stream.into_split();
    let mut s = Session { reader: BufReader::new(r), writer: w };
    s.reply("greeting", &[220]).await?;
    s.command(&format!("EHLO {}", cfg.helo), "EHLO", &[250]).await?;
    s.command(&format!("MAIL FROM:<{}>", cfg.from), "MAIL FROM", &[250]).await?;
    s.command(&format!("RCPT TO:<{to}>"), "RCPT TO", &[250, 251]).await?;
    s.command("DATA", "DATA", &[354]).await?;
    // Base64 lines never start with a dot, so no dot-stuffing is needed for the body.
    let msg = message(&cfg.from, to, subject, body, date, id);
    s.writer.write_all(msg.as_bytes()).await?;
    s.command(".", "end of data", &[250]).await?;
    let _ = s.command("QUIT", "QUIT", &[221]).await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_utf8_base64_and_subjects_encoded() {
        let m = message(
            "a@x.org",
            "b@y.org",
            "Напоминание: RU-MLA-2026-0002",
            "Строка 1\nLine 2",
            "Mon, 23 Nov 2026 10:00:00 +0000",
            "1",
        );
        assert!(m.contains("Subject: =?UTF-8?B?"));
        assert!(m.contains("Content-Transfer-Encoding: base64\r\n\r\n"));
        let body = m.split("\r\n\r\n").nth(1).unwrap().replace("\r\n", "");
        assert_eq!(String::from_utf8(STANDARD.decode(body).unwrap()).unwrap(), "Строка 1\r\nLine 2");
        assert_eq!(header_text("Plain\r\nBcc: evil@x.org"), "PlainBcc: evil@x.org", "no line breaks in headers");
    }

    #[test]
    fn relay_urls_and_addresses_are_checked() {
        assert_eq!(SmtpConfig::parse("smtp://relay:2525", "l@x.org").unwrap().port, 2525);
        assert_eq!(SmtpConfig::parse("smtp://relay", "l@x.org").unwrap().port, 25);
        assert!(SmtpConfig::parse("http://relay", "l@x.org").is_err());
        assert!(SmtpConfig::parse("smtp://relay", "no-at").is_err());
        assert!(check_address("a@b.org\r\nRCPT TO:<c@d.org>").is_err());
    }
}
