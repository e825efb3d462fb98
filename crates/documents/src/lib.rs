//! Formal documents — requests for mutual legal assistance, acknowledgements of receipt, reminders —
//! rendered to PDF with typst used as a library: no I/O, no network, no clock, fonts compiled in, so the
//! same document gives the same bytes on every machine.
//!
//! The caller gives every word the page prints, already translated ([`Labels`]) and formatted (dates).
//! Text never becomes typst markup: the document goes to the template as a JSON file and each string is
//! placed as a string value, so `#`, `*`, `$`, `]`, `\`, `@` or `<` print as themselves.
//!
//! Rendering takes tens of milliseconds of CPU and uses typst's thread pool: call it from a blocking
//! task (`spawn_blocking`), not on an async executor's thread.

mod world;

use std::panic::AssertUnwindSafe;

use serde::{Deserialize, Serialize};
use typst::foundations::Smart;
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

/// The writing direction of a language version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

/// The sending authority, printed at the top in the primary language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Letterhead {
    pub authority: String,
    pub country: String,
    pub address_lines: Vec<String>,
}

/// Every fixed word the page prints, already translated by the caller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Labels {
    pub our_reference: String,
    pub your_reference: String,
    pub date: String,
    pub legal_basis: String,
    pub annexes: String,
    /// The footer reads "{page} N {of} M", e.g. "Page 1 of 2".
    pub page: String,
    pub of: String,
    /// The heading above the addressee.
    pub to: String,
    /// Printed under the line to sign on.
    pub signature: String,
    /// The banner of an urgent document (printed in capitals where the script has them).
    pub urgent: String,
}

/// A paragraph of the body; paragraphs are numbered 1., 2., … in order. A blank line in `text` starts a
/// new typographic paragraph under the same number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub heading: Option<String>,
    pub text: String,
}

/// One language version of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentText {
    /// ISO 639 language code (two or three lowercase letters: en, ru, fr, ar, es, zh…); it selects
    /// hyphenation and typographic conventions.
    pub lang: String,
    pub direction: Direction,
    pub labels: Labels,
    /// E.g. "Request for mutual legal assistance".
    pub title: String,
    /// The addressee, one line each.
    pub addressee: Vec<String>,
    /// Citations of the legal basis, one per line.
    pub legal_basis: Vec<String>,
    pub paragraphs: Vec<Paragraph>,
    pub annexes: Vec<String>,
    pub closing: Option<String>,
}

/// The signatory, printed in the signature block with a line to sign on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    pub name: String,
    pub position: String,
    pub place: String,
}

/// How a second language version is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Bilingual {
    /// The primary version, then from a new page the secondary version.
    Consecutive,
    /// Side by side: one row per element, so paragraph N of both versions starts on the same line.
    Columns,
}

/// A formal document in one or two languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormalDocument {
    /// In the primary language.
    pub letterhead: Letterhead,
    pub our_reference: String,
    pub your_reference: Option<String>,
    /// Already formatted by the caller.
    pub date: String,
    pub urgent: bool,
    pub primary: DocumentText,
    pub secondary: Option<(DocumentText, Bilingual)>,
    pub signature: Signature,
    /// Further signatories beside the first (the co-chairs signing a protocol), printed in a row with it.
    #[serde(default)]
    pub cosignatories: Vec<Signature>,
}

/// Why a document could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("{0:?} is not an ISO 639 language code (two or three lowercase letters)")]
    Language(String),
    /// Characters no shipped font covers (e.g. Chinese): they would print as empty boxes.
    #[error("no font covers these characters: {}", .0.iter().collect::<String>())]
    Unsupported(Vec<char>),
    #[error("typesetting failed: {}", .0.join("; "))]
    Typeset(Vec<String>),
    #[error("PDF export failed: {}", .0.join("; "))]
    Export(Vec<String>),
    #[error("internal error: {0}")]
    Internal(String),
}

/// Renders the document to PDF (A4). Same input, same bytes: the PDF has no creation date and its
/// identifier is derived from the reference and title.
pub fn render_pdf(doc: &FormalDocument) -> Result<Vec<u8>, RenderError> {
    let versions = std::iter::once(&doc.primary).chain(doc.secondary.as_ref().map(|(text, _)| text));
    for text in versions {
        check_lang(&text.lang)?;
    }
    check_coverage(doc)?;

    let data = serde_json::to_vec(&TemplateData::new(doc)).map_err(|err| RenderError::Internal(err.to_string()))?;
    let world = world::DocWorld::new(data)?;
    let options = PdfOptions {
        ident: Smart::Custom(format!("{}\n{}", doc.our_reference, doc.primary.title)),
        creator: Smart::Custom(Some("Liaison".to_owned())),
        ..PdfOptions::default()
    };
    // A bug in typst must fail this document, not the caller's thread.
    let pdf = std::panic::catch_unwind(AssertUnwindSafe(|| {
        let document =
            typst::compile::<PagedDocument>(&world).output.map_err(|d| RenderError::Typeset(messages(&d)))?;
        typst_pdf::pdf(&document, &options).map_err(|diags| RenderError::Export(messages(&diags)))
    }))
    .unwrap_or_else(|_| Err(RenderError::Internal("typst panicked".to_owned())));
    // typst memoises layout in a process-wide cache; drop what the last few renders did not reuse so
    // a long-running server does not grow without bound.
    typst::comemo::evict(CACHE_GENERATIONS);
    pdf
}

/// How many renders an unused cache entry survives (what typst's own watch mode keeps).
const CACHE_GENERATIONS: usize = 10;

fn messages(diags: &[typst::diag::SourceDiagnostic]) -> Vec<String> {
    diags.iter().map(|diag| diag.message.to_string()).collect()
}

fn check_lang(lang: &str) -> Result<(), RenderError> {
    if (2..=3).contains(&lang.len()) && lang.bytes().all(|b| b.is_ascii_lowercase()) {
        Ok(())
    } else {
        Err(RenderError::Language(lang.to_owned()))
    }
}

/// Refuses text that some shipped font cannot print, rather than print empty boxes in a formal document.
fn check_coverage(doc: &FormalDocument) -> Result<(), RenderError> {
    let assets = world::assets();
    let mut missing: Vec<char> = Vec::new();
    let mut check = |s: &str| {
        for c in s.chars() {
            if !invisible(c) && !missing.contains(&c) && !assets.covers(c) {
                missing.push(c);
            }
        }
    };
    visit_text(doc, &mut check);
    if missing.is_empty() { Ok(()) } else { Err(RenderError::Unsupported(missing)) }
}

/// Characters that are shaped away or handled by layout rather than drawn from a font: whitespace,
/// controls, joiners and bidi marks, variation selectors.
fn invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}')
        || matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{E0000}'..='\u{E01EF}')
}

fn visit_text(doc: &FormalDocument, f: &mut impl FnMut(&str)) {
    let lh = &doc.letterhead;
    [&lh.authority, &lh.country, &doc.our_reference, &doc.date].into_iter().for_each(|s| f(s));
    lh.address_lines.iter().chain(&doc.your_reference).for_each(|s| f(s));
    for sig in std::iter::once(&doc.signature).chain(&doc.cosignatories) {
        [&sig.name, &sig.position, &sig.place].into_iter().for_each(|s| f(s));
    }
    for text in std::iter::once(&doc.primary).chain(doc.secondary.as_ref().map(|(text, _)| text)) {
        let l = &text.labels;
        [&l.our_reference, &l.your_reference, &l.date, &l.legal_basis, &l.annexes, &l.page, &l.of, &l.to]
            .into_iter()
            .chain([&l.signature, &l.urgent, &text.title])
            .for_each(|s| f(s));
        text.addressee.iter().chain(&text.legal_basis).chain(&text.annexes).chain(&text.closing).for_each(|s| f(s));
        for p in &text.paragraphs {
            p.heading.iter().chain(std::iter::once(&p.text)).for_each(|s| f(s));
        }
    }
}

/// What `formal.typ` reads from `/data.json`.
#[derive(Serialize)]
struct TemplateData<'a> {
    layout: &'static str,
    letterhead: &'a Letterhead,
    our_reference: &'a str,
    your_reference: Option<&'a str>,
    date: &'a str,
    urgent: bool,
    primary: &'a DocumentText,
    secondary: Option<&'a DocumentText>,
    signature: &'a Signature,
    cosignatories: &'a [Signature],
}

impl<'a> TemplateData<'a> {
    fn new(doc: &'a FormalDocument) -> Self {
        let layout = match &doc.secondary {
            None => "single",
            Some((_, Bilingual::Consecutive)) => "consecutive",
            Some((_, Bilingual::Columns)) => "columns",
        };
        Self {
            layout,
            letterhead: &doc.letterhead,
            our_reference: &doc.our_reference,
            your_reference: doc.your_reference.as_deref(),
            date: &doc.date,
            urgent: doc.urgent,
            primary: &doc.primary,
            secondary: doc.secondary.as_ref().map(|(text, _)| text),
            signature: &doc.signature,
            cosignatories: &doc.cosignatories,
        }
    }
}

#[cfg(test)]
mod tests;
