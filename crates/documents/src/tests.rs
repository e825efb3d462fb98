//! Renders documents and reads them back with poppler's `pdftotext`, `pdfinfo` and `pdffonts`
//! (Debian `poppler-utils`).

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::*;

// ---- fixtures ----------------------------------------------------------------------------------------

fn labels_en() -> Labels {
    Labels {
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
    }
}

fn labels_ru() -> Labels {
    Labels {
        our_reference: "Наш номер".into(),
        your_reference: "Ваш номер".into(),
        date: "Дата".into(),
        legal_basis: "Правовое основание".into(),
        annexes: "Приложения".into(),
        page: "Страница".into(),
        of: "из".into(),
        to: "Кому".into(),
        signature: "Подпись".into(),
        urgent: "Срочно".into(),
    }
}

fn labels_ar() -> Labels {
    Labels {
        our_reference: "مرجعنا".into(),
        your_reference: "مرجعكم".into(),
        date: "التاريخ".into(),
        legal_basis: "الأساس القانوني".into(),
        annexes: "المرفقات".into(),
        page: "الصفحة".into(),
        of: "من".into(),
        to: "إلى".into(),
        signature: "التوقيع".into(),
        urgent: "عاجل".into(),
    }
}

fn para(heading: Option<&str>, text: &str) -> Paragraph {
    Paragraph { heading: heading.map(Into::into), text: text.into() }
}

fn english() -> DocumentText {
    DocumentText {
        lang: "en".into(),
        direction: Direction::Ltr,
        labels: labels_en(),
        title: "Request for mutual legal assistance".into(),
        addressee: vec!["Ministry of Justice".into(), "Department of International Law".into()],
        legal_basis: vec!["European Convention on Mutual Assistance in Criminal Matters (1959), Article 3".into()],
        paragraphs: vec![
            para(Some("Facts"), "The investigating authority is examining a fraud committed in March 2025."),
            para(Some("Assistance requested"), "Please question the witness named in the annex."),
            para(None, "Please treat this request as confidential."),
        ],
        annexes: vec!["List of questions".into(), "Copy of the decision to open proceedings".into()],
        closing: Some("Please accept the assurances of our highest consideration.".into()),
    }
}

fn russian() -> DocumentText {
    DocumentText {
        lang: "ru".into(),
        direction: Direction::Ltr,
        labels: labels_ru(),
        title: "Запрос о правовой помощи".into(),
        addressee: vec!["Генеральная прокуратура".into()],
        legal_basis: vec!["Конвенция о правовой помощи (Кишинёв, 2002), статья 6".into()],
        paragraphs: vec![
            para(
                Some("Обстоятельства дела"),
                "Следственный орган расследует мошенничество, совершённое в марте 2025 года.",
            ),
            para(Some("Запрашиваемая помощь"), "Просим допросить свидетеля, указанного в приложении."),
            para(None, "Просим обеспечить конфиденциальность запроса."),
        ],
        annexes: vec!["Перечень вопросов".into()],
        closing: Some("Примите уверения в нашем высоком уважении.".into()),
    }
}

fn arabic() -> DocumentText {
    DocumentText {
        lang: "ar".into(),
        direction: Direction::Rtl,
        labels: labels_ar(),
        title: "طلب المساعدة القانونية المتبادلة".into(),
        addressee: vec!["وزارة العدل".into()],
        legal_basis: vec!["اتفاقية الأمم المتحدة لمكافحة الفساد، المادة 46".into()],
        paragraphs: vec![
            para(Some("الوقائع"), "تحقق السلطة المختصة في جريمة احتيال ارتكبت في شهر مارس."),
            para(Some("المساعدة المطلوبة"), "نرجو سماع أقوال الشاهد المذكور في المرفق."),
            para(None, "نرجو معاملة هذا الطلب بسرية."),
        ],
        annexes: vec!["قائمة الأسئلة".into()],
        closing: Some("وتفضلوا بقبول فائق الاحترام والتقدير.".into()),
    }
}

/// The sender writes in its primary language: an Arabic letter comes from an Arabic-speaking authority.
fn document(primary: DocumentText, secondary: Option<(DocumentText, Bilingual)>) -> FormalDocument {
    if primary.lang == "ar" {
        return FormalDocument {
            letterhead: Letterhead {
                authority: "مكتب النائب العام".into(),
                country: "المملكة المغربية".into(),
                address_lines: vec!["شارع محمد الخامس".into(), "الرباط".into()],
            },
            our_reference: "MLA-2025/0042".into(),
            your_reference: Some("REF-77/B".into()),
            date: "١٤ مارس ٢٠٢٥".into(),
            urgent: false,
            primary,
            secondary,
            signature: Signature {
                name: "أحمد بن علي".into(), position: "وكيل الملك".into(), place: "الرباط".into()
            },
            cosignatories: Vec::new(),
        };
    }
    FormalDocument {
        letterhead: Letterhead {
            authority: "Prosecutor General's Office".into(),
            country: "Republic of Moldova".into(),
            address_lines: vec!["26 Banulescu-Bodoni Street".into(), "MD-2005 Chisinau".into()],
        },
        our_reference: "MLA-2025/0042".into(),
        your_reference: Some("REF-77/B".into()),
        date: "14 March 2025".into(),
        urgent: false,
        primary,
        secondary,
        signature: Signature { name: "Ion Popescu".into(), position: "Prosecutor".into(), place: "Chisinau".into() },
        cosignatories: Vec::new(),
    }
}

/// A body long enough for `pages` pages.
fn long(mut text: DocumentText, pages: usize) -> DocumentText {
    let sentence = text.paragraphs[0].text.clone();
    text.paragraphs = (0..pages * 5).map(|_| para(None, &[sentence.as_str(); 6].join(" "))).collect();
    text
}

// ---- poppler -----------------------------------------------------------------------------------------

/// Writes `pdf` to a fresh file in the temporary directory (removed by `poppler`).
fn write_temp(pdf: &[u8]) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let path = std::env::temp_dir().join(format!("liaison-documents-{}-{n}.pdf", std::process::id()));
    std::fs::write(&path, pdf).unwrap();
    path
}

fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let path = write_temp(pdf);
    let output = Command::new(tool)
        .args(args)
        .arg(&path)
        .args(if tool == "pdftotext" { &["-"][..] } else { &[][..] })
        .output()
        .unwrap_or_else(|err| panic!("cannot run {tool} (install Debian poppler-utils): {err}"));
    std::fs::remove_file(&path).unwrap();
    assert!(output.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

/// The text as poppler reconstructs it, without the bidi embedding marks it wraps runs in. typst writes
/// glyphs in visual order; poppler's default mode reorders right-to-left lines back into reading order
/// (`-raw` would keep the visual order of words in Arabic lines, so it is not used).
fn pdf_text(pdf: &[u8]) -> String {
    strip_bidi_marks(&poppler("pdftotext", &[], pdf))
}

fn strip_bidi_marks(s: &str) -> String {
    s.chars().filter(|c| !matches!(c, '\u{202A}'..='\u{202E}')).collect()
}

fn text_layout(pdf: &[u8]) -> String {
    poppler("pdftotext", &["-layout"], pdf)
}

fn page_text(pdf: &[u8], page: usize) -> String {
    let page = page.to_string();
    strip_bidi_marks(&poppler("pdftotext", &["-f", &page, "-l", &page], pdf))
}

fn pages(pdf: &[u8]) -> usize {
    let info = poppler("pdfinfo", &[], pdf);
    let line = info.lines().find(|l| l.starts_with("Pages:")).unwrap();
    line["Pages:".len()..].trim().parse().unwrap()
}

/// pdftotext breaks lines where the page does; compare text with whitespace runs collapsed.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn assert_contains(haystack: &str, needle: &str) {
    assert!(squash(haystack).contains(&squash(needle)), "{needle:?} not found in:\n{haystack}");
}

/// For short mixed runs of Arabic and digits ("الصفحة 1 من 2"), where poppler's reordering misplaces
/// the spaces around the numbers: compare without any whitespace.
fn assert_contains_unspaced(haystack: &str, needle: &str) {
    let unspaced = |s: &str| s.split_whitespace().collect::<String>();
    assert!(unspaced(haystack).contains(&unspaced(needle)), "{needle:?} not found in:\n{haystack}");
}

fn render(doc: &FormalDocument) -> Vec<u8> {
    let pdf = render_pdf(doc).unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    pdf
}

// ---- tests -------------------------------------------------------------------------------------------

#[test]
fn the_shipped_fonts_are_loaded() {
    let families: Vec<&str> = world::assets().families().collect();
    for family in ["Libertinus Serif", "Noto Naskh Arabic", "Noto Serif Armenian", "Noto Serif Georgian"] {
        assert!(families.contains(&family), "{family} missing from {families:?}");
    }
    assert!(!families.contains(&"New Computer Modern"), "only Libertinus is taken from typst-assets");
}

#[test]
fn english_letter_has_every_part_and_numbered_paragraphs() {
    let mut doc = document(english(), None);
    doc.urgent = true;
    let pdf = render(&doc);
    // -layout keeps the rows of the reference block together.
    let text = text_layout(&pdf);
    for part in [
        "Prosecutor General's Office",
        "Republic of Moldova",
        "MD-2005 Chisinau",
        "Our reference MLA-2025/0042",
        "Your reference REF-77/B",
        "Date 14 March 2025",
        "URGENT",
        "Ministry of Justice",
        "Request for mutual legal assistance",
        "Legal basis",
        "Article 3",
        "1. Facts",
        "2. Assistance requested",
        "3. Please treat this request as confidential.",
        "Annexes",
        "1. List of questions",
        "2. Copy of the decision",
        "highest consideration",
        "Chisinau, 14 March 2025",
        "Signature",
        "Ion Popescu",
        "Prosecutor",
        "Page 1 of 1",
    ] {
        assert_contains(&text, part);
    }
    assert_eq!(pages(&pdf), 1);
}

#[test]
fn russian_letter_prints_cyrillic() {
    let pdf = render(&document(russian(), None));
    let text = pdf_text(&pdf);
    assert_contains(&text, "Запрос о правовой помощи");
    assert_contains(&text, "1. Обстоятельства дела");
    assert_contains(&text, "совершённое в марте 2025 года");
    assert_contains(&text, "Страница 1 из 1");
}

#[test]
fn arabic_letter_extracts_in_reading_order() {
    let pdf = render(&document(arabic(), None));
    let text = pdf_text(&pdf);
    assert_contains(&text, "مكتب النائب العام");
    assert_contains(&text, "طلب المساعدة القانونية المتبادلة");
    assert_contains(&text, "المساعدة المطلوبة");
    assert_contains(&text, "نرجو سماع أقوال الشاهد المذكور في المرفق.");
    assert_contains(&text, "وتفضلوا بقبول فائق الاحترام والتقدير.");
    assert_contains(&text, "أحمد بن علي");
    assert_contains_unspaced(&text, "الصفحة 1 من 1");
}

#[test]
fn arabic_is_set_right_to_left() {
    let pdf = render(&document(arabic(), None));
    // With -layout, right-aligned lines are padded on the left: the title is centred, the body
    // starts at the right margin.
    let layout = text_layout(&pdf);
    let line = layout.lines().find(|l| l.contains("وزارة")).unwrap();
    let indent = line.len() - line.trim_start().len();
    assert!(indent > 40, "the addressee should sit at the right margin: {line:?}");
}

#[test]
fn long_documents_number_their_pages() {
    let pdf = render(&document(long(english(), 3), None));
    let n = pages(&pdf);
    assert!(n >= 3, "expected at least 3 pages, got {n}");
    for page in 1..=n {
        assert_contains(&page_text(&pdf, page), &format!("Page {page} of {n}"));
    }
    let text = pdf_text(&pdf);
    assert_contains(&text, "15. The investigating authority");
}

#[test]
fn bilingual_columns_align_paragraphs_side_by_side() {
    let pdf = render(&document(russian(), Some((english(), Bilingual::Columns))));
    let layout = text_layout(&pdf);
    // Paragraph 2 of both versions starts on the same printed line, Russian (primary) on the left.
    let row = layout.lines().find(|l| l.contains("Запрашиваемая помощь")).unwrap();
    let (ru, en) = (row.find("Запрашиваемая помощь").unwrap(), row.find("Assistance requested").unwrap());
    assert!(row.trim_start().starts_with("2.") && ru < en && row[ru..en].trim_end().ends_with("2."), "{row:?}");
    assert_contains(&layout, "Наш номер / Our reference");
    assert_contains(&pdf_text(&pdf), "Страница 1 из 1");
    assert_contains(&pdf_text(&pdf), "Page 1 of 1");
}

#[test]
fn bilingual_consecutive_puts_the_translation_on_its_own_pages() {
    let pdf = render(&document(arabic(), Some((english(), Bilingual::Consecutive))));
    assert_eq!(pages(&pdf), 2);
    let first = page_text(&pdf, 1);
    let second = page_text(&pdf, 2);
    assert_contains(&first, "طلب المساعدة القانونية المتبادلة");
    assert_contains_unspaced(&first, "الصفحة 1 من 2");
    assert!(!first.contains("Request for mutual legal assistance"));
    assert_contains(&second, "Request for mutual legal assistance");
    assert_contains(&second, "2. Assistance requested");
    assert_contains(&second, "Page 2 of 2");
}

#[test]
fn hostile_markup_prints_literally() {
    let hostile = [
        r#"#set page(width: 1cm) #panic("x") #read("/etc/passwd")"#,
        "*not bold* _not emph_ `raw` $x^2$ = heading",
        r"] [ } { \ \n @ref <label> // comment /* open",
        r#"#import "@preview/x:0.1.0": * ""#,
    ];
    let mut text = english();
    text.title = hostile[0].into();
    text.paragraphs = hostile.iter().map(|h| para(Some(h), h)).collect();
    text.addressee = vec![hostile[1].into()];
    text.labels.page = hostile[2].into();
    let mut doc = document(text, None);
    doc.letterhead.authority = hostile[3].into();
    doc.signature.name = hostile[2].into();
    let pdf = render(&doc);
    assert!(poppler("pdfinfo", &[], &pdf).contains("(A4)"), "the page size was not changed by the text");
    assert_eq!(pages(&pdf), 1);
    let extracted = pdf_text(&pdf);
    for h in hostile {
        assert_contains(&extracted, h);
    }
    assert_contains(&extracted, &format!("{} 1 of 1", hostile[2]));
}

#[test]
fn mixed_scripts_in_one_paragraph() {
    let mut text = russian();
    text.paragraphs[0].text = "Запрос направлен в Генеральную прокуратуру (Գլխավոր դատախազություն) и в \
        прокуратуру Грузии (საქართველოს პროკურატურა), а также в Δικαστήριο."
        .into();
    let pdf = render(&document(text, None));
    let extracted = pdf_text(&pdf);
    assert_contains(&extracted, "Գլխավոր դատախազություն");
    assert_contains(&extracted, "საქართველოს პროკურატურა");
    assert_contains(&extracted, "Δικαστήριο");
}

#[test]
fn fonts_are_embedded() {
    let pdf = render(&document(russian(), Some((arabic(), Bilingual::Columns))));
    let fonts = poppler("pdffonts", &[], &pdf);
    for family in ["LibertinusSerif-Regular", "LibertinusSerif-Bold", "NotoNaskhArabic-Regular", "NotoNaskhArabic-Bold"]
    {
        let line = fonts.lines().find(|l| l.contains(family)).unwrap_or_else(|| panic!("{family} not in\n{fonts}"));
        // Columns: name, type, encoding, emb, sub, uni, object, generation.
        let columns: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(columns[columns.len() - 5..columns.len() - 2], ["yes", "yes", "yes"], "{line}");
    }
}

#[test]
fn rendering_is_deterministic() {
    let doc = document(russian(), Some((english(), Bilingual::Columns)));
    let first = render(&doc);
    render(&document(arabic(), None));
    assert_eq!(first, render(&doc));
    assert!(!first.windows(13).any(|w| w == b"/CreationDate"), "no clock in the output");
}

#[test]
fn uncovered_scripts_are_refused_not_printed_as_boxes() {
    let mut text = english();
    text.paragraphs[0].text = "The suspect 王小明 left.".into();
    match render_pdf(&document(text, None)) {
        Err(RenderError::Unsupported(chars)) => assert_eq!(chars, ['王', '小', '明']),
        other => panic!("expected Unsupported, got {other:?}"),
    }
}

#[test]
fn the_fonts_cover_the_letters_of_the_regions_languages() {
    let letters = [
        "№«»—–„“”‘’€…§°",                                    // Russian typography, currency, sections
        "ЁёЄєІіЇїҐґЎў",                                      // Russian, Ukrainian, Belarusian
        "ӘәҒғҚқҢңӨөҰұҮүҺһ",                                  // Kazakh
        "ҲҳҶҷӢӣӮӯ",                                          // Uzbek and Tajik Cyrillic
        "ƏəĞğİıŞşÇçÖöÜüŇňÝýŽžÄä",                            // Azerbaijani, Turkish, Turkmen Latin
        "ȘșȚțĂăÂâÎîŁłŚśŹźŻżĆćŃńĘęĄąČčŠšĐđ",                  // Romanian, Polish, Baltic and Balkan Latin
        "ΑαΒβΓγΔδΩω",                                        // Greek
        "אבגדהוזחט",                                         // Hebrew
        "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئةى٠١٢٣٤٥٦٧٨٩،؛؟", // Arabic
        "پچژگکی",                                            // Persian letters
        "ԱաԲբԳգՀհՁձ",                                        // Armenian
        "აბგდევზთიკლმნ",                                     // Georgian
    ];
    let assets = world::assets();
    for set in letters {
        let missing: String = set.chars().filter(|&c| !assets.covers(c)).collect();
        assert!(missing.is_empty(), "no font for {missing:?} (in {set:?})");
    }
}

#[test]
fn invalid_language_codes_are_refused() {
    let mut text = english();
    text.lang = "en-GB".into();
    assert!(matches!(render_pdf(&document(text, None)), Err(RenderError::Language(l)) if l == "en-GB"));
}

#[test]
fn controls_and_empty_parts_do_not_break_rendering() {
    let mut text = english();
    text.paragraphs = vec![para(Some(""), "nul\u{0} bell\u{7} rlm\u{200F} zwj\u{200D}"), para(None, "")];
    text.addressee.clear();
    text.legal_basis.clear();
    text.annexes.clear();
    text.closing = None;
    let mut doc = document(text, None);
    doc.your_reference = None;
    doc.letterhead.address_lines.clear();
    let pdf = render(&doc);
    assert!(!pdf_text(&pdf).contains("Your reference"));
}

/// Writes sample PDFs to look at when `LIAISON_DOCUMENT_SAMPLES` names a directory:
/// `LIAISON_DOCUMENT_SAMPLES=/tmp/docs cargo test -p liaison-documents samples`, then
/// `pdftoppm -png -r 60 /tmp/docs/ar.pdf /tmp/docs/ar`.
#[test]
fn samples_for_inspection() {
    let Ok(dir) = std::env::var("LIAISON_DOCUMENT_SAMPLES") else { return };
    let samples = [
        ("en", document(english(), None)),
        ("ru", document(russian(), None)),
        ("ar", {
            let mut d = document(arabic(), None);
            d.urgent = true;
            d
        }),
        ("ru-en-columns", document(russian(), Some((english(), Bilingual::Columns)))),
        ("ar-en-consecutive", document(arabic(), Some((english(), Bilingual::Consecutive)))),
        ("ar-en-columns", {
            let mut d = document(arabic(), Some((english(), Bilingual::Columns)));
            d.urgent = true;
            d
        }),
        ("en-long", document(long(english(), 3), None)),
        ("hostile", {
            let mut t = english();
            t.title = r#"#set page(width: 1cm) *x* $y$ ] \ @z <w>"#.into();
            document(t, None)
        }),
    ];
    for (name, doc) in samples {
        std::fs::write(format!("{dir}/{name}.pdf"), render(&doc)).unwrap();
    }
}

#[test]
fn several_signatories_sign_side_by_side_and_a_document_may_have_no_addressee() {
    let mut primary = russian();
    primary.addressee.clear();
    let mut doc = document(primary, Some((english(), Bilingual::Columns)));
    doc.cosignatories =
        vec![Signature {
            name: "Азиз Каримов".into(), position: "Сопредседатель".into(), place: String::new()
        }];
    let pdf = render(&doc);
    let layout = text_layout(&pdf);
    let row = layout.lines().find(|l| l.contains("Ion Popescu")).unwrap();
    assert!(row.contains("Азиз Каримов"), "both signatories on one line: {row:?}");
    assert!(!pdf_text(&pdf).contains(&labels_ru().to), "no addressee heading without an addressee");
}
