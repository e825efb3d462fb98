//! Machine-readable zones as typed or scanned: never a panic; a zone that parses has its fields in the
//! alphabet of the zone and parses again from its own lines to the same result.
#![no_main]

use liaison_domain::notice::mrz;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(zone) = mrz::parse(text) {
        for field in [&zone.document_number, &zone.issuing_state, &zone.nationality] {
            assert!(field.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'<'), "{zone:?}");
        }
        assert_eq!(mrz::parse(text).as_ref(), Ok(&zone), "parsing is deterministic");
    }
});
