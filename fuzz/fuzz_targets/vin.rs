//! Vehicle identification numbers: never a panic; a VIN that parses is 17 characters and parses to itself.
#![no_main]

use liaison_domain::notice::vin::Vin;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(vin) = Vin::parse(text) {
        assert_eq!(vin.as_str().len(), 17, "{vin:?}");
        assert_eq!(Vin::parse(vin.as_str()).as_ref().map(Vin::as_str), Ok(vin.as_str()));
    }
});
