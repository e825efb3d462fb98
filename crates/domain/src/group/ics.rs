//! iCalendar (RFC 5545) for meetings: a calendar of events written with times in UTC (so no time-zone
//! definitions are needed; calendar programs show them in the reader's zone), text escaped, lines folded at
//! 75 octets without splitting a character. `parse` reads such a calendar back (tests and imports), with
//! errors naming the line.

use crate::date::Date;

/// One event of a calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Stable across exports, so that a calendar updates the event instead of adding it again.
    pub uid: String,
    /// Milliseconds since the epoch (UTC).
    pub stamp: i64,
    pub start: i64,
    pub end: i64,
    pub summary: String,
    pub location: Option<String>,
    pub url: Option<String>,
    pub description: Option<String>,
    pub cancelled: bool,
    /// Grows with every change of the event.
    pub sequence: u32,
}

const PRODID: &str = "-//Liaison//Working groups//EN";

/// The calendar holding `events`, with CRLF line ends.
pub fn calendar(events: &[Event]) -> String {
    let mut out = String::new();
    let mut line = |s: String| fold(&mut out, &s);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line(format!("PRODID:{PRODID}"));
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    for e in events {
        line("BEGIN:VEVENT".into());
        line(format!("UID:{}", escape(&e.uid)));
        line(format!("DTSTAMP:{}", utc(e.stamp)));
        line(format!("DTSTART:{}", utc(e.start)));
        line(format!("DTEND:{}", utc(e.end)));
        line(format!("SEQUENCE:{}", e.sequence));
        line(format!("STATUS:{}", if e.cancelled { "CANCELLED" } else { "CONFIRMED" }));
        line(format!("SUMMARY:{}", escape(&e.summary)));
        if let Some(l) = &e.location {
            line(format!("LOCATION:{}", escape(l)));
        }
        if let Some(u) = &e.url {
            // A URI value is not escaped as text.
            line(format!("URL:{u}"));
        }
        if let Some(d) = &e.description {
            line(format!("DESCRIPTION:{}", escape(d)));
        }
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}

/// Appends a content line, folded: at most 75 octets a line, continuation lines starting with a space.
fn fold(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// `YYYYMMDDTHHMMSSZ` for an instant.
fn utc(ms: i64) -> String {
    let day = ms.div_euclid(86_400_000);
    let secs = ms.rem_euclid(86_400_000) / 1000;
    let date = Date::from_days_from_epoch(day).map(|d| d.to_string()).unwrap_or_else(|| "1970-01-01".into());
    format!("{}T{:02}{:02}{:02}Z", date.replace('-', ""), secs / 3600, secs / 60 % 60, secs % 60)
}

fn parse_utc(value: &str) -> Option<i64> {
    let b = value.as_bytes();
    if b.len() != 16 || b.get(8) != Some(&b'T') || b.get(15) != Some(&b'Z') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| value.get(r).filter(|s| s.bytes().all(|c| c.is_ascii_digit()))?.parse().ok();
    let date = Date::new(num(0..4)?, u8::try_from(num(4..6)?).ok()?, u8::try_from(num(6..8)?).ok()?)?;
    let (h, m, s): (i64, i64, i64) = (num(9..11)?.into(), num(11..13)?.into(), num(13..15)?.into());
    (h < 24 && m < 60 && s < 61).then(|| date.start_ms() + ((h * 60 + m) * 60 + s) * 1000)
}

/// What is wrong with a calendar, and on which (unfolded) line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct IcsError {
    pub line: usize,
    pub reason: String,
}

/// Reads the events of a calendar written as `calendar` writes them (and as most programs do: UTC times).
pub fn parse(text: &str) -> Result<Vec<Event>, IcsError> {
    // Unfold: a line break followed by a space or tab continues the line.
    let mut lines: Vec<(usize, String)> = Vec::new();
    for (n, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        match raw.strip_prefix([' ', '\t']) {
            Some(rest) if !lines.is_empty() => {
                if let Some((_, last)) = lines.last_mut() {
                    last.push_str(rest);
                }
            }
            _ if raw.is_empty() => {}
            _ => lines.push((n + 1, raw.to_owned())),
        }
    }
    let bad = |line: usize, reason: &str| IcsError { line, reason: reason.to_owned() };
    if lines.first().map(|(_, l)| l.as_str()) != Some("BEGIN:VCALENDAR") {
        return Err(bad(1, "a calendar begins with BEGIN:VCALENDAR"));
    }
    let mut events = Vec::new();
    let mut current: Option<(usize, Vec<(String, String)>)> = None;
    let mut ended = false;
    for (n, line) in &lines {
        let (name, value) = line.split_once(':').ok_or_else(|| bad(*n, "a content line is NAME:VALUE"))?;
        let name = name.split(';').next().unwrap_or(name).to_ascii_uppercase();
        match (name.as_str(), value) {
            ("BEGIN", "VEVENT") => {
                if current.is_some() {
                    return Err(bad(*n, "an event begins inside another"));
                }
                current = Some((*n, Vec::new()));
            }
            ("END", "VEVENT") => {
                let (start_line, props) = current.take().ok_or_else(|| bad(*n, "END:VEVENT without BEGIN"))?;
                events.push(event(start_line, &props)?);
            }
            ("END", "VCALENDAR") => ended = true,
            _ => {
                if let Some((_, props)) = &mut current {
                    props.push((name, value.to_owned()));
                }
            }
        }
    }
    if current.is_some() || !ended {
        return Err(bad(lines.len(), "the calendar is cut short"));
    }
    Ok(events)
}

fn event(line: usize, props: &[(String, String)]) -> Result<Event, IcsError> {
    let get = |name: &str| props.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
    let bad = |reason: String| IcsError { line, reason };
    let time = |name: &str| -> Result<i64, IcsError> {
        let v = get(name).ok_or_else(|| bad(format!("the event has no {name}")))?;
        parse_utc(v).ok_or_else(|| bad(format!("{name} '{v}' is not a UTC time YYYYMMDDTHHMMSSZ")))
    };
    let start = time("DTSTART")?;
    let end = time("DTEND")?;
    if end < start {
        return Err(bad("the event ends before it starts".into()));
    }
    Ok(Event {
        uid: get("UID").map(unescape).ok_or_else(|| bad("the event has no UID".into()))?,
        stamp: time("DTSTAMP")?,
        start,
        end,
        summary: get("SUMMARY").map(unescape).unwrap_or_default(),
        location: get("LOCATION").map(unescape),
        url: get("URL").map(str::to_owned),
        description: get("DESCRIPTION").map(unescape),
        cancelled: get("STATUS") == Some("CANCELLED"),
        sequence: get("SEQUENCE").and_then(|s| s.parse().ok()).unwrap_or(0),
    })
}
