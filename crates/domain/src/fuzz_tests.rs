//! Property tests of the parsers at the boundary: any input gives a value or a precise error, never a
//! panic; accepted values keep their invariants.

use crate::page::PageRequest;
use crate::password_policy;
use crate::text::{DisplayName, Email, OrgName, Username};
use crate::{CountryCode, RoleSet};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn text_parsers_never_panic_and_accepted_values_are_clean(s in "\\PC{0,300}|[\\x00-\\x7f]{0,80}") {
        if let Ok(u) = Username::parse(&s) {
            prop_assert!(u.as_str().len() >= 3 && u.as_str().len() <= 64);
            prop_assert!(u.as_str().chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-_".contains(c)));
        }
        let parsed = [DisplayName::parse(&s).map(|d| d.to_string()), OrgName::parse(&s).map(|o| o.to_string()), Email::parse(&s).map(|e| e.to_string())];
        for v in parsed.into_iter().flatten() {
            prop_assert!(!v.chars().any(char::is_control));
            prop_assert_eq!(v.trim(), v.as_str());
        }
        let _ = password_policy::check(&s, &["ivanov"]);
    }

    #[test]
    fn country_codes_parse_only_to_assigned_codes(s in "[A-Za-z]{0,3}|\\PC{0,4}") {
        if let Ok(c) = CountryCode::parse(&s) {
            prop_assert_eq!(c.as_str().len(), 2);
            prop_assert!(!c.english_name().is_empty());
            prop_assert_eq!(CountryCode::parse(c.as_str()), Ok(c));
        }
    }

    #[test]
    fn role_lists_round_trip(names in proptest::collection::vec("[a-z_]{0,30}", 0..6)) {
        if let Ok(set) = RoleSet::parse(&names) {
            prop_assert_eq!(RoleSet::from_csv(&set.to_csv()), Ok(set));
        }
    }

    #[test]
    fn page_requests_are_bounded(limit in proptest::option::of(any::<i64>()), offset in proptest::option::of(any::<i64>())) {
        if let Ok(p) = PageRequest::parse(limit, offset) {
            prop_assert!(p.limit >= 1 && p.limit <= crate::page::MAX_LIMIT);
        }
    }
}
