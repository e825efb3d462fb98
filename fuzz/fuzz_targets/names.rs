//! Names in any script: never a panic; a score is in [0, 1], the same both ways, and a name that gives
//! parts matches itself.
#![no_main]

use liaison_screening::{Person, compare};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let (a, b) = text.split_once('|').unwrap_or((text, ""));
    let person = |name: &str| Person { names: vec![name.to_owned()], ..Person::default() };
    let (a, b) = (person(a).analyse(), person(b).analyse());
    let ab = compare(&a, &b).score;
    let ba = compare(&b, &a).score;
    assert!((0.0..=1.0).contains(&ab), "{ab}");
    assert!((ab - ba).abs() < 1e-6, "{ab} against {ba}");
    if !a.names.is_empty() {
        assert!(compare(&a, &a).score > 0.99, "{:?}", a.names);
    }
});
