//! The machine-readable zone of travel documents (ICAO Doc 9303): TD1 cards (3 × 30), TD2 (2 × 36), TD3
//! passports (2 × 44) and the two visa formats MRV-A (2 × 44) and MRV-B (2 × 36). Every check digit is
//! verified; an error names the field, the line and the position.

use std::fmt;

/// The layout of a machine-readable zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Td1,
    Td2,
    Td3,
    MrvA,
    MrvB,
}

/// A date as printed: YYMMDD, where a part may be unknown (`<<`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MrzDate {
    pub yy: Option<u8>,
    pub mm: Option<u8>,
    pub dd: Option<u8>,
}

impl MrzDate {
    /// The full year: the century is the one that puts the year at or before `not_after` (for a birth date,
    /// the current year; for an expiry date, some years ahead).
    pub fn year(&self, not_after: u16) -> Option<u16> {
        let yy = u16::from(self.yy?);
        let century = not_after / 100 * 100;
        Some(if century + yy > not_after { century - 100 + yy } else { century + yy })
    }
}

impl fmt::Display for MrzDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for part in [self.yy, self.mm, self.dd] {
            match part {
                Some(n) => write!(f, "{n:02}")?,
                None => f.write_str("<<")?,
            }
        }
        Ok(())
    }
}

/// A parsed, verified machine-readable zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mrz {
    pub format: Format,
    /// P, I, ID, V, VN… (trailing filler removed).
    pub document_code: String,
    /// ICAO 9303 code of the issuing state or organisation (D for Germany, UNO, XXA…).
    pub issuing_state: String,
    pub surname: String,
    pub given_names: String,
    pub document_number: String,
    pub nationality: String,
    pub birth_date: MrzDate,
    /// M, F, X, or `<` (unspecified).
    pub sex: char,
    pub expiry_date: MrzDate,
    pub optional_data: String,
    /// TD1's second optional field (line 2).
    pub optional_data_2: String,
}

/// What is wrong, where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MrzError {
    /// document_number, birth_date, expiry_date, optional_data, composite, sex, format…
    pub field: &'static str,
    /// 1-based line and position of the offending character (0 when the whole zone is at fault).
    pub line: usize,
    pub position: usize,
    pub reason: String,
}

impl fmt::Display for MrzError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.field, self.reason)
        } else {
            write!(f, "line {}, position {} ({}): {}", self.line, self.position, self.field, self.reason)
        }
    }
}

impl std::error::Error for MrzError {}

/// The value of a character in a check-digit computation: digits as such, A–Z 10–35, the filler 0.
fn value(c: u8) -> Option<u32> {
    match c {
        b'0'..=b'9' => Some(u32::from(c - b'0')),
        b'A'..=b'Z' => Some(u32::from(c - b'A') + 10),
        b'<' => Some(0),
        _ => None,
    }
}

/// The ICAO 9303 check digit: weights 7, 3, 1 repeated, sum modulo 10.
pub fn check_digit(field: &[u8]) -> u32 {
    field.iter().zip([7u32, 3, 1].iter().cycle()).map(|(c, w)| value(*c).unwrap_or(0) * w).sum::<u32>() % 10
}

/// The zone's lines as bytes, with positions for errors.
struct Lines<'a> {
    lines: Vec<&'a [u8]>,
}

impl<'a> Lines<'a> {
    /// Characters `from..=to` (1-based) of a line.
    fn span(&self, line: usize, from: usize, to: usize) -> &'a [u8] {
        self.lines.get(line - 1).and_then(|l| l.get(from - 1..to)).unwrap_or_default()
    }

    fn text(&self, line: usize, from: usize, to: usize) -> String {
        String::from_utf8_lossy(self.span(line, from, to)).into_owned()
    }

    fn at(&self, line: usize, pos: usize) -> u8 {
        self.span(line, pos, pos).first().copied().unwrap_or(b'<')
    }
}

fn trim_filler(s: &str) -> String {
    s.trim_end_matches('<').to_owned()
}

fn error(field: &'static str, line: usize, position: usize, reason: impl Into<String>) -> MrzError {
    MrzError { field, line, position, reason: reason.into() }
}

/// Verifies the check digit at (line, pos) over `data`.
fn verify(field: &'static str, data: &[u8], line: usize, pos: usize, lines: &Lines<'_>) -> Result<(), MrzError> {
    let printed = lines.at(line, pos);
    let expected = check_digit(data);
    let got = match printed {
        b'0'..=b'9' => u32::from(printed - b'0'),
        b'<' => 0,
        other => {
            return Err(error(field, line, pos, format!("the check digit must be a digit, not '{}'", other as char)));
        }
    };
    if got == expected {
        Ok(())
    } else {
        Err(error(
            field,
            line,
            pos,
            format!("the check digit is {}, but {} gives {expected}", printed as char, describe(field)),
        ))
    }
}

fn describe(field: &str) -> &'static str {
    match field {
        "document_number" => "the document number",
        "birth_date" => "the date of birth",
        "expiry_date" => "the date of expiry",
        "optional_data" => "the personal number",
        _ => "the zone",
    }
}

fn date(field: &'static str, lines: &Lines<'_>, line: usize, pos: usize) -> Result<MrzDate, MrzError> {
    let raw = lines.span(line, pos, pos + 5);
    let part = |i: usize, max: u8| -> Result<Option<u8>, MrzError> {
        let pair = raw.get(i..i + 2).unwrap_or_default();
        match pair {
            [b'<', b'<'] => Ok(None),
            [a @ b'0'..=b'9', b @ b'0'..=b'9'] => {
                let n = (a - b'0') * 10 + (b - b'0');
                if i > 0 && (n == 0 || n > max) {
                    Err(error(
                        field,
                        line,
                        pos + i,
                        format!("{n:02} is not a valid {}", if i == 2 { "month" } else { "day" }),
                    ))
                } else {
                    Ok(Some(n))
                }
            }
            _ => Err(error(field, line, pos + i, "a date is written YYMMDD in digits (<< where unknown)")),
        }
    };
    Ok(MrzDate { yy: part(0, 99)?, mm: part(2, 12)?, dd: part(4, 31)? })
}

fn names(field: &[u8]) -> (String, String) {
    let text = String::from_utf8_lossy(field);
    let text = text.trim_end_matches('<');
    let (surname, given) = text.split_once("<<").unwrap_or((text, ""));
    let words = |s: &str| s.split('<').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
    (words(surname), words(given))
}

fn sex(lines: &Lines<'_>, line: usize, pos: usize) -> Result<char, MrzError> {
    match lines.at(line, pos) {
        c @ (b'M' | b'F' | b'X' | b'<') => Ok(c as char),
        c => Err(error("sex", line, pos, format!("'{}' is not M, F, X or <", c as char))),
    }
}

/// A document number, following an overflow into the optional data when the check digit position holds a
/// filler after nine characters (Doc 9303 Parts 5 and 6). Returns the number and what of the optional data is
/// left after it.
fn document_number(
    lines: &Lines<'_>,
    (line, from): (usize, usize),
    (opt_from, opt_to): (usize, usize),
) -> Result<(String, String), MrzError> {
    let number = lines.span(line, from, from + 8);
    let check_pos = from + 9;
    let optional = lines.text(line, opt_from, opt_to);
    let overflows = lines.at(line, check_pos) == b'<' && number.last().is_some_and(|c| *c != b'<');
    if !overflows {
        verify("document_number", number, line, check_pos, lines)?;
        return Ok((trim_filler(&String::from_utf8_lossy(number)), trim_filler(&optional)));
    }
    let (run, rest) = optional.split_once('<').unwrap_or((optional.as_str(), ""));
    let Some((tail, check)) = run.split_at_checked(run.len().saturating_sub(1)).filter(|_| !run.is_empty()) else {
        return Err(error(
            "document_number",
            line,
            opt_from,
            "the continued document number and its check digit are missing",
        ));
    };
    let head = String::from_utf8_lossy(number);
    let full = format!("{head}{tail}");
    let with_filler = format!("{head}<{tail}");
    let printed = check.bytes().next().and_then(value).filter(|v| *v < 10);
    let check_at = opt_from + run.len() - 1;
    match printed {
        Some(p) if p == check_digit(full.as_bytes()) || p == check_digit(with_filler.as_bytes()) => {
            Ok((full, trim_filler(rest)))
        }
        Some(p) => Err(error(
            "document_number",
            line,
            check_at,
            format!("the check digit is {p}, but the document number {full} gives {}", check_digit(full.as_bytes())),
        )),
        None => Err(error("document_number", line, check_at, "the check digit must be a digit")),
    }
}

/// Parses a machine-readable zone: two or three lines (newlines between them; surrounding spaces ignored),
/// or the same characters on one line.
pub fn parse(text: &str) -> Result<Mrz, MrzError> {
    let mut lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if lines.len() == 1 {
        let one = lines.first().copied().unwrap_or_default();
        let width = match one.len() {
            88 => 44,
            72 => 36,
            90 => 30,
            _ => 0,
        };
        if width > 0 && one.is_ascii() {
            lines = (0..one.len() / width).filter_map(|i| one.get(i * width..(i + 1) * width)).collect();
        }
    }
    for (n, l) in lines.iter().enumerate() {
        if let Some((pos, c)) = l.chars().enumerate().find(|(_, c)| !matches!(c, 'A'..='Z' | '0'..='9' | '<')) {
            return Err(error(
                "format",
                n + 1,
                pos + 1,
                format!("'{c}' cannot appear in a machine-readable zone (only A–Z, 0–9 and <)"),
            ));
        }
    }
    let shape: Vec<usize> = lines.iter().map(|l| l.len()).collect();
    let visa = lines.first().is_some_and(|l| l.starts_with('V'));
    let format = match (shape.as_slice(), visa) {
        ([30, 30, 30], _) => Format::Td1,
        ([36, 36], false) => Format::Td2,
        ([36, 36], true) => Format::MrvB,
        ([44, 44], false) => Format::Td3,
        ([44, 44], true) => Format::MrvA,
        _ => {
            return Err(error(
                "format",
                0,
                0,
                format!(
                    "expected 3 lines of 30 characters, or 2 of 36 or 44; got {} line(s) of {:?} characters",
                    shape.len(),
                    shape
                ),
            ));
        }
    };
    let z = Lines { lines: lines.iter().map(|l| l.as_bytes()).collect() };
    match format {
        Format::Td1 => td1(&z),
        Format::Td2 | Format::MrvB => two_line(&z, format, 36),
        Format::Td3 | Format::MrvA => two_line(&z, format, 44),
    }
}

fn td1(z: &Lines<'_>) -> Result<Mrz, MrzError> {
    let (document_number, optional_data) = document_number(z, (1, 6), (16, 30))?;
    let birth_date = date("birth_date", z, 2, 1)?;
    verify("birth_date", z.span(2, 1, 6), 2, 7, z)?;
    let sex = sex(z, 2, 8)?;
    let expiry_date = date("expiry_date", z, 2, 9)?;
    verify("expiry_date", z.span(2, 9, 14), 2, 15, z)?;
    let composite: Vec<u8> = [z.span(1, 6, 30), z.span(2, 1, 7), z.span(2, 9, 15), z.span(2, 19, 29)].concat();
    verify("composite", &composite, 2, 30, z)?;
    let (surname, given_names) = names(z.span(3, 1, 30));
    Ok(Mrz {
        format: Format::Td1,
        document_code: trim_filler(&z.text(1, 1, 2)),
        issuing_state: trim_filler(&z.text(1, 3, 5)),
        surname,
        given_names,
        document_number,
        nationality: trim_filler(&z.text(2, 16, 18)),
        birth_date,
        sex,
        expiry_date,
        optional_data,
        optional_data_2: trim_filler(&z.text(2, 19, 29)),
    })
}

/// TD2, TD3 and the visas: names on line 1, the data on line 2.
fn two_line(z: &Lines<'_>, format: Format, width: usize) -> Result<Mrz, MrzError> {
    let (surname, given_names) = names(z.span(1, 6, width));
    let optional_end = match format {
        Format::Td3 => 42,
        Format::Td2 => 35,
        _ => width,
    };
    let (document_number, optional_data) = if format == Format::Td2 {
        document_number(z, (2, 1), (29, 35))?
    } else {
        let number = z.span(2, 1, 9);
        verify("document_number", number, 2, 10, z)?;
        (trim_filler(&String::from_utf8_lossy(number)), trim_filler(&z.text(2, 29, optional_end)))
    };
    let birth_date = date("birth_date", z, 2, 14)?;
    verify("birth_date", z.span(2, 14, 19), 2, 20, z)?;
    let sex = sex(z, 2, 21)?;
    let expiry_date = date("expiry_date", z, 2, 22)?;
    verify("expiry_date", z.span(2, 22, 27), 2, 28, z)?;
    match format {
        Format::Td3 => {
            verify("optional_data", z.span(2, 29, 42), 2, 43, z)?;
            let composite: Vec<u8> = [z.span(2, 1, 10), z.span(2, 14, 20), z.span(2, 22, 43)].concat();
            verify("composite", &composite, 2, 44, z)?;
        }
        Format::Td2 => {
            let composite: Vec<u8> = [z.span(2, 1, 10), z.span(2, 14, 20), z.span(2, 22, 35)].concat();
            verify("composite", &composite, 2, 36, z)?;
        }
        // Visas carry no composite check and no check digit on their optional data.
        _ => {}
    }
    Ok(Mrz {
        format,
        document_code: trim_filler(&z.text(1, 1, 2)),
        issuing_state: trim_filler(&z.text(1, 3, 5)),
        surname,
        given_names,
        document_number,
        nationality: trim_filler(&z.text(2, 11, 13)),
        birth_date,
        sex,
        expiry_date,
        optional_data,
        optional_data_2: String::new(),
    })
}

#[cfg(test)]
mod tests;
