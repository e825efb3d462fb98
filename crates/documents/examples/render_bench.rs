//! Renders a one-page and a five-page request N times (default 20) and prints milliseconds per document
//! and per page, for docs/benchmarks.md:
//! `cargo run --release -p liaison-documents --example render_bench -- 50`.

use std::error::Error;
use std::time::Instant;

use liaison_documents::{
    Bilingual, Direction, DocumentText, FormalDocument, Labels, Letterhead, Paragraph, Signature, render_pdf,
};

fn main() -> Result<(), Box<dyn Error>> {
    let runs: u32 = std::env::args().nth(1).map(|n| n.parse()).transpose()?.unwrap_or(20);

    let start = Instant::now();
    render_pdf(&document(2, None))?;
    println!("first render (parses the fonts, builds the typst library): {:.1} ms", ms(start));

    let cases = [
        ("English", document(2, None)),
        ("English", document(27, None)),
        ("Russian/English columns", document(1, Some(Bilingual::Columns))),
    ];
    for (name, doc) in cases {
        let pdf = render_pdf(&doc)?;
        let pages = pages(&pdf) as f64;
        println!("{name}, {pages} page(s), {} bytes, {runs} runs:", pdf.len());
        // typst memoises layout: the same input again mostly hits its cache, so time both that and
        // documents that differ in every paragraph (the usual case).
        let start = Instant::now();
        for _ in 0..runs {
            render_pdf(&doc)?;
        }
        let same = ms(start) / f64::from(runs);
        let start = Instant::now();
        for run in 0..runs {
            render_pdf(&vary(&doc, run))?;
        }
        let different = ms(start) / f64::from(runs);
        println!("  different documents: {different:.1} ms per document, {:.1} ms per page", different / pages);
        println!("  the same document:   {same:.1} ms per document, {:.1} ms per page", same / pages);
    }
    Ok(())
}

/// The document with every paragraph changed, so nothing of an earlier layout can be reused.
fn vary(doc: &FormalDocument, run: u32) -> FormalDocument {
    let mut doc = doc.clone();
    let texts = std::iter::once(&mut doc.primary).chain(doc.secondary.as_mut().map(|(text, _)| text));
    for paragraph in texts.flat_map(|text| text.paragraphs.iter_mut()) {
        paragraph.text = format!("({run}) {}", paragraph.text);
    }
    doc
}

fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

/// Page objects in the PDF (`/Type/Page`, not the `/Type/Pages` tree).
fn pages(pdf: &[u8]) -> usize {
    let key = b"/Type/Page";
    pdf.windows(key.len() + 1).filter(|w| w.starts_with(key) && w[key.len()] != b's').count()
}

/// A request with `paragraphs` long paragraphs (27 give five pages).
fn document(paragraphs: usize, bilingual: Option<Bilingual>) -> FormalDocument {
    let sentence = "The investigating authority is examining a fraud committed in March 2025 by a group \
        operating in several states, using companies registered abroad to move the proceeds.";
    let english = DocumentText {
        lang: "en".into(),
        direction: Direction::Ltr,
        labels: Labels {
            our_reference: "Our reference".into(),
            your_reference: "Your reference".into(),
            date: "Date".into(),
            legal_basis: "Legal basis".into(),
            annexes: "Annexes".into(),
            page: "Page".into(),
            of: "of".into(),
            to: "To".into(),
            signature: "Signature".into(),
            urgent: "Urgent".into(),
        },
        title: "Request for mutual legal assistance".into(),
        addressee: vec!["Ministry of Justice".into(), "Department of International Law".into()],
        legal_basis: vec!["European Convention on Mutual Assistance in Criminal Matters (1959), Article 3".into()],
        paragraphs: (0..paragraphs)
            .map(|i| Paragraph { heading: (i % 3 == 0).then(|| "Facts".into()), text: [sentence; 4].join(" ") })
            .collect(),
        annexes: vec!["List of questions".into()],
        closing: Some("Please accept the assurances of our highest consideration.".into()),
    };
    let secondary = bilingual.map(|layout| {
        let russian = DocumentText {
            lang: "ru".into(),
            title: "Запрос о правовой помощи".into(),
            paragraphs: english
                .paragraphs
                .iter()
                .map(|_| Paragraph {
                    heading: None,
                    text: "Следственный орган расследует мошенничество, совершённое в марте 2025 года группой, \
                        действующей в нескольких государствах."
                        .into(),
                })
                .collect(),
            ..english.clone()
        };
        (russian, layout)
    });
    FormalDocument {
        letterhead: Letterhead {
            authority: "Prosecutor General's Office".into(),
            country: "Republic of Moldova".into(),
            address_lines: vec!["26 Banulescu-Bodoni Street".into(), "MD-2005 Chisinau".into()],
        },
        our_reference: "MLA-2025/0042".into(),
        your_reference: None,
        date: "14 March 2025".into(),
        urgent: true,
        primary: english,
        secondary,
        signature: Signature { name: "Ion Popescu".into(), position: "Prosecutor".into(), place: "Chisinau".into() },
        cosignatories: Vec::new(),
    }
}
