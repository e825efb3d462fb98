//! What kind of file this is, from its first bytes rather than its name: the file types evidence and
//! results come in are accepted; executables, scripts and anything unrecognised are refused.

/// A recognised, accepted file type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileType {
    pub media_type: &'static str,
    pub extension: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("the file is empty")]
    Empty,
    #[error("executable programs and scripts are not accepted ({0})")]
    Executable(&'static str),
    #[error(
        "the type of the file is not recognised; accepted: PDF, images (PNG, JPEG, GIF, TIFF, WebP), office documents (DOCX, XLSX, ODT, DOC, XLS), ZIP archives, audio and video (MP4, MP3, WAV, OGG) and plain text (UTF-8)"
    )]
    Unknown,
}

const fn t(media_type: &'static str, extension: &'static str) -> FileType {
    FileType { media_type, extension }
}

/// The type of `bytes`, judged by their signature.
pub fn sniff(bytes: &[u8]) -> Result<FileType, Refused> {
    let b = bytes;
    let starts = |sig: &[u8]| b.starts_with(sig);
    if b.is_empty() {
        return Err(Refused::Empty);
    }
    if starts(b"MZ") {
        return Err(Refused::Executable("Windows program"));
    }
    if starts(b"\x7fELF") {
        return Err(Refused::Executable("ELF program"));
    }
    if starts(b"\xfe\xed\xfa") || starts(b"\xcf\xfa\xed\xfe") || starts(b"\xca\xfe\xba\xbe") {
        return Err(Refused::Executable("Mach-O program"));
    }
    if starts(b"#!") {
        return Err(Refused::Executable("script"));
    }
    Ok(if starts(b"%PDF-") {
        t("application/pdf", "pdf")
    } else if starts(b"\x89PNG\r\n\x1a\n") {
        t("image/png", "png")
    } else if starts(b"\xff\xd8\xff") {
        t("image/jpeg", "jpg")
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        t("image/gif", "gif")
    } else if starts(b"II*\0") || starts(b"MM\0*") {
        t("image/tiff", "tif")
    } else if starts(b"RIFF") && b.get(8..12) == Some(b"WEBP") {
        t("image/webp", "webp")
    } else if starts(b"RIFF") && b.get(8..12) == Some(b"WAVE") {
        t("audio/wav", "wav")
    } else if starts(b"ID3") || starts(b"\xff\xfb") || starts(b"\xff\xf3") {
        t("audio/mpeg", "mp3")
    } else if starts(b"OggS") {
        t("audio/ogg", "ogg")
    } else if b.get(4..8) == Some(b"ftyp") {
        t("video/mp4", "mp4")
    } else if starts(b"PK\x03\x04") {
        zip_kind(b)
    } else if starts(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") {
        t("application/x-ole-storage", "doc")
    } else if is_text(b) {
        t("text/plain; charset=utf-8", "txt")
    } else {
        return Err(Refused::Unknown);
    })
}

/// Office documents are ZIP archives; their first entries say which.
fn zip_kind(b: &[u8]) -> FileType {
    let head = &b[..b.len().min(2048)];
    let has = |s: &[u8]| head.windows(s.len()).any(|w| w == s);
    if has(b"word/") {
        t("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx")
    } else if has(b"xl/") {
        t("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")
    } else if has(b"mimetypeapplication/vnd.oasis.opendocument.text") {
        t("application/vnd.oasis.opendocument.text", "odt")
    } else {
        t("application/zip", "zip")
    }
}

/// UTF-8 without NUL bytes or other control characters than line breaks and tabs.
fn is_text(b: &[u8]) -> bool {
    let head = &b[..b.len().min(64 * 1024)];
    // A cut in the middle of a multi-byte character at the end of the sample is fine.
    let valid = match std::str::from_utf8(head) {
        Ok(s) => Some(s),
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&head[..e.valid_up_to()]).ok(),
        Err(_) => None,
    };
    valid.is_some_and(|s| !s.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')))
}

/// Bidirectional and other invisible format characters (U+202E would show `x\u{202E}gpj.js` as `xsj.jpg`).
fn is_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// A file name safe to store and to offer for download: no path, no control or invisible format
/// characters, at most 200 characters, its own script kept — and the extension of the type its content
/// was recognised as, whatever it was called (`results.hta` holding text becomes `results.hta.txt`).
pub fn clean_name(name: &str, extension: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !is_format(*c) && !matches!(c, '"' | '<' | '>' | '|' | '*' | '?' | ':'))
        .take(200)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_string();
    if cleaned.is_empty() {
        return format!("file.{extension}");
    }
    let has_it = cleaned.rsplit_once('.').is_some_and(|(_, ext)| {
        let ext = ext.to_ascii_lowercase();
        ext == extension || (extension == "jpg" && ext == "jpeg") || (extension == "tif" && ext == "tiff")
    });
    if has_it { cleaned } else { format!("{cleaned}.{extension}") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn signatures_decide_not_names() {
        assert_eq!(sniff(b"%PDF-1.7\n...").unwrap().media_type, "application/pdf");
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0").unwrap().extension, "png");
        assert_eq!(sniff(b"\xff\xd8\xff\xe0JFIF").unwrap().extension, "jpg");
        assert_eq!(sniff(b"PK\x03\x04....word/document.xml").unwrap().extension, "docx");
        assert_eq!(sniff("Протокол допроса\nсвидетеля".as_bytes()).unwrap().extension, "txt");
        assert_eq!(sniff("محضر الاستماع".as_bytes()).unwrap().extension, "txt");
        assert_eq!(sniff(b"MZ\x90\0"), Err(Refused::Executable("Windows program")));
        assert_eq!(sniff(b"\x7fELF\x02"), Err(Refused::Executable("ELF program")));
        assert_eq!(sniff(b"#!/bin/sh\nrm -rf /"), Err(Refused::Executable("script")));
        assert_eq!(sniff(b"\0\0\0\x01binary"), Err(Refused::Unknown));
        assert_eq!(sniff(b""), Err(Refused::Empty));
    }

    #[test]
    fn names_lose_paths_and_tricks() {
        assert_eq!(clean_name("../../etc/passwd", "txt"), "passwd.txt");
        assert_eq!(clean_name("C:\\Users\\x\\Протокол.pdf", "pdf"), "Протокол.pdf");
        assert_eq!(clean_name("a\"b<c>.pdf\r\n", "pdf"), "abc.pdf");
        assert_eq!(clean_name("...", "pdf"), "file.pdf");
        assert_eq!(clean_name("results.hta", "txt"), "results.hta.txt", "the content decides the extension");
        assert_eq!(clean_name("results\u{202E}gpj.js", "txt"), "resultsgpj.js.txt", "no right-to-left override");
        assert_eq!(clean_name("photo.JPEG", "jpg"), "photo.JPEG");
    }

    proptest! {
        #[test]
        fn sniffing_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let _ = sniff(&bytes);
        }
        #[test]
        fn clean_names_are_clean(name in "\\PC{0,300}") {
            let n = clean_name(&name, "bin");
            prop_assert!(!n.is_empty() && n.chars().count() <= 200);
            prop_assert!(!n.contains(['/', '\\']) && !n.chars().any(char::is_control) && !n.starts_with('.'));
            prop_assert!(n.ends_with(".bin"));
        }
    }
}
