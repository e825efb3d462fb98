//! Lists to screen (CSV manifests): never a panic; every good row has a name and a line within the file.
#![no_main]

use liaison_domain::notice::manifest;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok((rows, errors)) = manifest::parse(text) {
        let lines = text.lines().count().max(1);
        for row in rows {
            assert!(!row.name.trim().is_empty(), "{row:?}");
            assert!(row.line >= 2 && row.line <= lines + 1, "{row:?} in {lines} lines");
        }
        for error in errors {
            assert!(error.line >= 1, "{error:?}");
        }
    }
});
