//! FollowTheMoney JSON lines: never a panic; what is imported exports, and the export imports again
//! without errors.
#![no_main]

use liaison_domain::notice::{NoticeKind, ftm};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let imported = ftm::import(text, NoticeKind::Red);
    for (n, notice) in imported.notices.iter().enumerate() {
        if let Some(line) = ftm::export(&format!("n{n}"), notice) {
            let again = ftm::import(&line, NoticeKind::Red);
            assert!(again.errors.is_empty(), "{line}: {:?}", again.errors);
            assert_eq!(again.notices.len(), 1, "{line}");
        }
    }
});
