//! INTERPOL notice JSON (list, detail, arrays, JSON lines): never a panic; every record is either imported
//! or reported, and an imported notice passes the notice checks.
#![no_main]

use liaison_domain::notice::interpol;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let imported = interpol::import(text, None);
    for notice in imported.notices {
        assert!(notice.check().is_ok(), "an imported notice is valid");
    }
    for error in imported.errors {
        assert!(!error.to_string().is_empty());
    }
});
