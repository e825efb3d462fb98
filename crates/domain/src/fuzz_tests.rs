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

/// Arbitrary JSON shaped loosely like a case or a request draft: known keys with values of any type,
/// random strings in every script, nested lists; unknown keys now and then.
fn loose_json(keys: &'static [&'static str]) -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        "\\PC{0,40}".prop_map(Value::String),
        proptest::sample::select(vec![
            "mla",
            "extradition",
            "RU",
            "AM",
            "fraud",
            "suspect",
            "witness",
            "bank_account",
            "hearing_witness",
            "ru",
            "ar",
            "p1",
            "o1",
            "a1",
            "1980-03",
            "2026-13-01",
            "yes"
        ])
        .prop_map(|s| Value::String(s.into())),
    ];
    let value = leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map(
                proptest::sample::select(vec![
                    "key",
                    "role",
                    "name",
                    "kind",
                    "category",
                    "description",
                    "holder",
                    "nationalities",
                    "birth_date",
                    "questions"
                ])
                .prop_map(String::from),
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    });
    // Half the time the required fields are given well-formed, so the checks beyond the shape are reached.
    (
        proptest::collection::btree_map(
            proptest::sample::select(keys.to_vec()).prop_map(String::from),
            value,
            0..keys.len(),
        ),
        any::<bool>(),
    )
        .prop_map(|(m, seed)| {
            let mut o: serde_json::Map<String, serde_json::Value> = m.into_iter().collect();
            if seed {
                for (k, v) in
                    [("reference", "12/2026"), ("title", "Дело"), ("kind", "mla"), ("requested_country", "AM")]
                {
                    if keys.contains(&k) {
                        o.insert(k.into(), Value::String(v.into()));
                    }
                }
            }
            serde_json::Value::Object(o)
        })
}

const CASE_KEYS: &[&str] = &["reference", "title", "proceedings", "summary", "offences", "persons", "assets", "colour"];
const DRAFT_KEYS: &[&str] = &[
    "kind",
    "requested_country",
    "measures",
    "legal_basis",
    "language",
    "second_language",
    "subject",
    "facts",
    "offences",
    "persons",
    "assets",
    "confidentiality",
    "measure_details",
    "deadline",
    "urgency",
    "annexes",
    "consent",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// Any JSON given as a case is either refused by its shape (serde names the field) or checked; what
    /// the check accepts survives a round trip through storage unchanged.
    #[test]
    fn case_documents_never_panic_and_accepted_ones_round_trip(v in loose_json(CASE_KEYS)) {
        let parsed = serde_json::from_value::<crate::request::Case>(v);
        if let Ok(case) = parsed
            && let Ok(ok) = case.check()
        {
            let stored = serde_json::to_string(&ok).unwrap();
            let back: crate::request::Case = serde_json::from_str(&stored).unwrap();
            prop_assert_eq!(&back, &ok);
            prop_assert_eq!(back.check().unwrap(), ok, "checking is idempotent");
        }
    }

    /// The same for request drafts, and the completeness check answers for whatever passed.
    #[test]
    fn drafts_never_panic_and_accepted_ones_round_trip(v in loose_json(DRAFT_KEYS)) {
        if let Ok(d) = serde_json::from_value::<crate::request::Draft>(v)
            && let Ok(ok) = d.check()
        {
            let back: crate::request::Draft = serde_json::from_str(&serde_json::to_string(&ok).unwrap()).unwrap();
            prop_assert_eq!(&back, &ok);
            let case: crate::request::Case = serde_json::from_value(serde_json::json!({"reference": "1", "title": "t"})).unwrap();
            let cx = crate::request::completeness::Context {
                requesting_country: CountryCode::parse("RU").unwrap(),
                case: &case,
                answer: None,
                today: crate::date::Date::parse("2026-11-23").unwrap(),
            };
            let _ = crate::request::check(&ok, &cx);
        }
    }
}

/// The generators above do reach the checks: a good share of their values pass the shape.
#[test]
fn the_loose_generators_reach_past_the_shape() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut cases, mut drafts) = (0, 0);
    for _ in 0..400 {
        let c = loose_json(CASE_KEYS).new_tree(&mut runner).unwrap().current();
        cases += usize::from(serde_json::from_value::<crate::request::Case>(c).is_ok_and(|c| c.check().is_ok()));
        let d = loose_json(DRAFT_KEYS).new_tree(&mut runner).unwrap().current();
        drafts += usize::from(serde_json::from_value::<crate::request::Draft>(d).is_ok_and(|d| d.check().is_ok()));
    }
    assert!(cases > 10 && drafts > 5, "cases {cases}, drafts {drafts} of 400 accepted");
}

/// Machine-readable zones near the real thing: the specimen with characters replaced, lines cut or joined.
fn mrz_like() -> impl Strategy<Value = String> {
    const SPECIMENS: &[&str] = &[
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
        "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<",
        "I<UTOD23145890<7349<<<<<<<<<<<\n3407127M9507122UTO<<<<<<<<<<<2\nSTEVENSON<<PETER<JOHN<<<<<<<<<",
        "I<UTOSTEVENSON<<PETER<JOHN<<<<<<<<<<\nD23145890<UTO3407127M95071227349<<<8",
        "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nL8988901C4XXX4009078F9612109<<<<<<<<",
    ];
    (
        proptest::sample::select(SPECIMENS),
        proptest::collection::vec((any::<prop::sample::Index>(), "[A-Z0-9<\n ]|\\PC"), 0..4),
    )
        .prop_map(|(s, edits)| {
            let mut chars: Vec<String> = s.chars().map(String::from).collect();
            for (at, with) in edits {
                let i = at.index(chars.len());
                chars[i] = with;
            }
            chars.concat()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn mrz_never_panics_and_accepted_zones_verify(s in prop_oneof![mrz_like(), "\\PC{0,100}", "[A-Z0-9<\n]{0,100}"]) {
        use crate::notice::mrz;
        match mrz::parse(&s) {
            Ok(m) => {
                prop_assert!(m.document_number.chars().all(|c| c.is_ascii_alphanumeric() || c == '<'));
                prop_assert!(matches!(m.sex, 'M' | 'F' | 'X' | '<'));
                prop_assert!(m.birth_date.mm.is_none_or(|mm| (1..=12).contains(&mm)));
            }
            Err(e) => prop_assert!(!e.reason.is_empty()),
        }
    }

    #[test]
    fn vin_never_panics_and_accepted_vins_hold_their_check_digit(s in prop_oneof!["[A-Z0-9]{17}", "[A-Za-z0-9 -]{0,20}", "\\PC{0,20}"]) {
        use crate::notice::vin::Vin;
        match Vin::parse(&s) {
            Ok(v) => {
                prop_assert_eq!(v.as_str().len(), 17);
                prop_assert!(!v.as_str().contains(['I', 'O', 'Q']));
                prop_assert!(!v.check_digit_applies() || v.check_digit_matches());
                prop_assert_eq!(Vin::parse(v.as_str()), Ok(v.clone()));
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn notice_imports_and_manifests_never_panic(s in prop_oneof!["\\PC{0,200}", "[\\[\\]{}\",:a-z0-9 \n_]{0,200}", "[a-z,;\"\n]{0,120}"]) {
        use crate::notice::{NoticeKind, ftm, interpol, manifest};
        let got = interpol::import(&s, Some(NoticeKind::Blue));
        for e in &got.errors {
            prop_assert!(!e.reason.is_empty());
        }
        let _ = ftm::import(&s, NoticeKind::Blue);
        if let Ok((rows, errors)) = manifest::parse(&s) {
            prop_assert!(rows.iter().all(|r| !r.name.trim().is_empty() && r.line >= 2));
            prop_assert!(errors.iter().all(|e| e.line >= 2));
        }
    }

    #[test]
    fn notice_documents_never_panic_and_accepted_ones_round_trip(v in loose_json(NOTICE_KEYS)) {
        if let Ok(body) = serde_json::from_value::<crate::notice::NoticeBody>(v)
            && let Ok(checked) = body.check()
        {
            {
                let again: crate::notice::NoticeBody = serde_json::from_value(serde_json::to_value(&checked).unwrap_or_default()).unwrap_or_else(|_| checked.clone());
                prop_assert_eq!(again.check(), Ok(checked));
            }
        }
    }
}

const NOTICE_KEYS: &[&str] = &[
    "kind",
    "title",
    "summary",
    "subject",
    "person",
    "vehicle",
    "document",
    "forename",
    "name",
    "date_of_birth",
    "nationalities",
    "vin",
    "plate",
    "number",
    "issuing_state",
    "document_type",
    "addressees",
    "mrz",
    "height",
];
