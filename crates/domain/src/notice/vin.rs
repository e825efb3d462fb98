//! Vehicle identification numbers (ISO 3779): 17 characters without I, O and Q, split into the world
//! manufacturer identifier, the descriptor and the indicator sections. The check digit in position 9 is
//! verified where the region of the manufacturer mandates it (North America, 49 CFR 565; China, GB 16735) and
//! reported elsewhere. Sources: crates/domain/tests/fixtures/notices/vin-vectors.json and vin-wmi-regions.tsv.

use std::fmt;

/// A valid VIN, upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Vin(String);

/// The region of the world manufacturer identifier's first character (ISO 3780 zones).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    Africa,
    Asia,
    Europe,
    NorthAmerica,
    Oceania,
    SouthAmerica,
    Unassigned,
}

/// What is wrong with a VIN, and where (1-based position; 0 for the whole number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VinError {
    pub position: usize,
    pub problem: VinProblem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VinProblem {
    Length(usize),
    Character(char),
    /// I, O and Q are never used: they read as 1 and 0.
    ForbiddenLetter(char),
    CheckDigit {
        printed: char,
        expected: char,
    },
}

impl fmt::Display for VinError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.problem {
            VinProblem::Length(n) => write!(f, "a VIN has 17 characters, this one has {n}"),
            VinProblem::Character(c) => {
                write!(f, "position {}: '{c}' cannot appear in a VIN (A–Z and 0–9 only)", self.position)
            }
            VinProblem::ForbiddenLetter(c) => {
                write!(f, "position {}: the letter {c} is never used in a VIN (is it a digit?)", self.position)
            }
            VinProblem::CheckDigit { printed, expected } => write!(
                f,
                "position 9: the check digit is {printed}, but the other characters give {expected} (a character is misread)"
            ),
        }
    }
}

impl std::error::Error for VinError {}

const WEIGHTS: [u32; 17] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/// The value of a character in the check-digit computation (49 CFR 565.15).
fn value(c: u8) -> u32 {
    match c {
        b'0'..=b'9' => u32::from(c - b'0'),
        b'A'..=b'H' => u32::from(c - b'A') + 1,
        b'J'..=b'N' => u32::from(c - b'J') + 1,
        b'P' => 7,
        b'R' => 9,
        b'S'..=b'Z' => u32::from(c - b'S') + 2,
        _ => 0,
    }
}

/// The check digit the other sixteen characters give: 0–9 or X.
pub fn check_digit(vin: &[u8]) -> char {
    let sum: u32 = vin.iter().zip(WEIGHTS).map(|(c, w)| value(*c) * w).sum();
    match sum % 11 {
        10 => 'X',
        n => char::from_digit(n, 10).unwrap_or('0'),
    }
}

impl Vin {
    /// Reads a VIN: surrounding spaces are ignored and lower case is accepted; separators are not.
    pub fn parse(text: &str) -> Result<Vin, VinError> {
        let upper = text.trim().to_ascii_uppercase();
        for (i, c) in upper.chars().enumerate() {
            if matches!(c, 'I' | 'O' | 'Q') {
                return Err(VinError { position: i + 1, problem: VinProblem::ForbiddenLetter(c) });
            }
            if !c.is_ascii_alphanumeric() {
                return Err(VinError { position: i + 1, problem: VinProblem::Character(c) });
            }
        }
        if upper.len() != 17 {
            return Err(VinError { position: 0, problem: VinProblem::Length(upper.chars().count()) });
        }
        let vin = Vin(upper);
        if vin.check_digit_applies() && !vin.check_digit_matches() {
            let printed = vin.printed_check_digit();
            return Err(VinError {
                position: 9,
                problem: VinProblem::CheckDigit { printed, expected: check_digit(vin.0.as_bytes()) },
            });
        }
        Ok(vin)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// World manufacturer identifier: positions 1–3.
    pub fn wmi(&self) -> &str {
        self.0.get(0..3).unwrap_or_default()
    }

    /// Vehicle descriptor section: positions 4–9.
    pub fn vds(&self) -> &str {
        self.0.get(3..9).unwrap_or_default()
    }

    /// Vehicle indicator section: positions 10–17.
    pub fn vis(&self) -> &str {
        self.0.get(9..17).unwrap_or_default()
    }

    pub fn region(&self) -> Region {
        match self.0.as_bytes().first().copied().unwrap_or(b'0') {
            b'A'..=b'G' => Region::Africa,
            b'H' | b'J'..=b'R' => Region::Asia,
            b'S'..=b'Z' => Region::Europe,
            b'1'..=b'5' => Region::NorthAmerica,
            b'6' | b'7' => Region::Oceania,
            b'8' | b'9' => Region::SouthAmerica,
            _ => Region::Unassigned,
        }
    }

    /// Whether the manufacturer's region mandates the check digit (North America; China, WMI L or H).
    pub fn check_digit_applies(&self) -> bool {
        matches!(self.0.as_bytes().first(), Some(b'1'..=b'5' | b'L' | b'H'))
    }

    pub fn printed_check_digit(&self) -> char {
        self.0.as_bytes().get(8).map_or('0', |c| *c as char)
    }

    /// Whether position 9 holds the check digit of the rest (true of many VINs outside the mandating regions too).
    pub fn check_digit_matches(&self) -> bool {
        self.printed_check_digit() == check_digit(self.0.as_bytes())
    }
}

impl fmt::Display for Vin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests;
