use super::*;
use crate::legal_basis::{Query, resolve};
use crate::request::case::Case;
use crate::request::content::Draft;
use proptest::prelude::*;

fn today() -> Date {
    Date::parse("2026-11-23").unwrap()
}

fn case() -> Case {
    serde_json::from_value::<Case>(serde_json::json!({
        "reference": "12-345/2026",
        "title": "Мошенничество",
        "offences": [{"key": "o1", "category": "fraud", "description": "Fraud on a large scale",
                      "legal_provision": "Article 159(4) of the Criminal Code", "maximum_penalty": "10 years",
                      "time_and_place": "2024–2025, Moscow"}],
        "persons": [
            {"key": "p1", "role": "suspect", "name": "Сергей Плохов", "birth_date": "1980-03-02", "nationalities": ["RU"], "location": "Yerevan"},
            {"key": "w1", "role": "witness", "name": "Արամ Պետրոսյան", "location": "Gyumri"},
            {"key": "s1", "role": "sentenced_person", "name": "Иван Петров", "birth_date": "1975", "nationalities": ["AM"]}
        ],
        "assets": [{"key": "a1", "kind": "bank_account", "description": "Account", "identifier": "AM00 1234"}]
    }))
    .unwrap()
    .check()
    .unwrap()
}

fn answer(kind: CooperationType, to: &str) -> Answer {
    let cat = crate::reference::shipped_catalogue().unwrap();
    resolve(
        &cat,
        &Query {
            requesting: CountryCode::parse("RU").unwrap(),
            requested: CountryCode::parse(to).unwrap(),
            kind,
            measure: None,
            offence: None,
            date: today(),
        },
    )
}

/// A draft of each type with everything its type needs.
fn complete(kind: CooperationType) -> Draft {
    let mut d = Draft::new(kind, CountryCode::parse("AM").unwrap());
    d.legal_basis = vec![];
    d.reciprocity = true;
    d.language = Some("en".into());
    d.subject = "Pre-trial investigation of case 12-345/2026 by the Investigative Committee".into();
    d.facts = "Between 2024 and 2025 …".into();
    d.offences = vec!["o1".into()];
    d.confidentiality = Some(false);
    d.signatory_name = "A. Ivanov".into();
    d.signatory_position = "Head of the International Department".into();
    match kind {
        CooperationType::Mla => {
            d.measures = vec![Measure::HearingWitness, Measure::BankRecords];
            d.persons = vec!["w1".into()];
            d.assistance_sought = "Hear the witness; obtain the records".into();
            d.purpose = "Evidence for the trial".into();
            d.measure_details.questions = "1. Did you transfer …?".into();
            d.measure_details.accounts = "Bank X, account AM00 1234, 2024–2025".into();
        }
        CooperationType::Extradition => {
            d.extradition_purpose = Some(ExtraditionPurpose::Prosecution);
            d.persons = vec!["p1".into()];
            d.decision = "Arrest warrant of the Basmanny District Court, 2026-01-15, No. 3/12-26".into();
            d.penalty = "Up to 10 years".into();
        }
        CooperationType::TransferOfProceedings => d.persons = vec!["p1".into()],
        CooperationType::TransferOfSentencedPersons => {
            d.persons = vec!["s1".into()];
            d.decision = "Judgment of the Moscow City Court, 2025-06-01".into();
            d.penalty = "6 years; 2 years served".into();
            d.consent = Some(true);
        }
        CooperationType::Confiscation => {
            d.measures = vec![Measure::Confiscation];
            d.assets = vec!["a1".into()];
            d.decision = "Confiscation order of 2026-02-01".into();
        }
        CooperationType::RecognitionOfJudgment => {
            d.persons = vec!["s1".into()];
            d.decision = "Judgment of 2025-06-01".into();
            d.penalty = "Fine of 1,000,000 roubles".into();
        }
    }
    d
}

fn blocking(d: &Draft) -> Vec<Finding> {
    let c = case();
    let cx = Context { requesting_country: CountryCode::parse("RU").unwrap(), case: &c, answer: None, today: today() };
    check(d, &cx).into_iter().filter(Finding::blocks).collect()
}

#[test]
fn a_complete_draft_of_every_type_has_nothing_blocking() {
    for kind in CooperationType::ALL {
        assert_eq!(blocking(&complete(kind)), vec![], "{kind}");
    }
}

/// Per type, the fields without which the request cannot be ready: clearing any one of them makes the
/// check name that field.
#[test]
fn each_required_field_of_each_type_is_named_when_missing() {
    type Clear = fn(&mut Draft);
    let common: Vec<(&str, Clear)> = vec![
        ("subject", |d| d.subject.clear()),
        ("language", |d| d.language = None),
        ("legal_basis", |d| d.reciprocity = false),
        ("confidentiality", |d| d.confidentiality = None),
        ("signatory_name", |d| d.signatory_name.clear()),
    ];
    let per_type: Vec<(CooperationType, &str, Clear)> = vec![
        (CooperationType::Mla, "measures", |d| d.measures.clear()),
        (CooperationType::Mla, "facts", |d| d.facts.clear()),
        (CooperationType::Mla, "offences", |d| d.offences.clear()),
        (CooperationType::Mla, "assistance_sought", |d| d.assistance_sought.clear()),
        (CooperationType::Mla, "purpose", |d| d.purpose.clear()),
        (CooperationType::Mla, "measure_details.questions", |d| d.measure_details.questions.clear()),
        (CooperationType::Mla, "measure_details.accounts", |d| d.measure_details.accounts.clear()),
        (CooperationType::Mla, "persons", |d| d.persons.clear()),
        (CooperationType::Extradition, "extradition_purpose", |d| d.extradition_purpose = None),
        (CooperationType::Extradition, "decision", |d| d.decision.clear()),
        (CooperationType::Extradition, "penalty", |d| d.penalty.clear()),
        (CooperationType::Extradition, "persons", |d| d.persons.clear()),
        (CooperationType::TransferOfProceedings, "persons", |d| d.persons.clear()),
        (CooperationType::TransferOfProceedings, "facts", |d| d.facts.clear()),
        (CooperationType::TransferOfSentencedPersons, "consent", |d| d.consent = None),
        (CooperationType::TransferOfSentencedPersons, "decision", |d| d.decision.clear()),
        (CooperationType::TransferOfSentencedPersons, "penalty", |d| d.penalty.clear()),
        (CooperationType::Confiscation, "assets", |d| d.assets.clear()),
        (CooperationType::Confiscation, "decision", |d| d.decision.clear()),
        (CooperationType::Confiscation, "measures", |d| d.measures.clear()),
        (CooperationType::RecognitionOfJudgment, "decision", |d| d.decision.clear()),
        (CooperationType::RecognitionOfJudgment, "penalty", |d| d.penalty.clear()),
    ];
    let mut cases: Vec<(CooperationType, &str, Clear)> = per_type;
    for kind in CooperationType::ALL {
        for (field, clear) in &common {
            cases.push((kind, field, *clear));
        }
    }
    for (kind, field, clear) in cases {
        let mut d = complete(kind);
        clear(&mut d);
        let found = blocking(&d);
        assert!(
            found.iter().any(|f| f.field == field && f.severity == Severity::Missing),
            "{kind}: clearing {field} should be named as missing, got {found:?}"
        );
    }
}

#[test]
fn missing_content_cites_the_article_that_asks_for_it() {
    let mut d = complete(CooperationType::Mla);
    d.facts.clear();
    d.legal_basis = vec!["ets030".into()];
    let f = blocking(&d).into_iter().find(|f| f.field == "facts").unwrap();
    assert_eq!(f.source.as_deref(), Some("ETS 030 Art. 14(2)"));
    d.legal_basis.clear();
    let f = blocking(&d).into_iter().find(|f| f.field == "facts").unwrap();
    assert_eq!(f.source.as_deref(), Some("UNTOC Art. 18(15)(c)"), "no basis cited: the UN convention's article");
}

#[test]
fn service_of_documents_needs_no_summary_of_facts() {
    let mut d = complete(CooperationType::Mla);
    d.measures = vec![Measure::ServiceOfDocuments];
    d.measure_details.service = "Summons to appear on 2027-02-01".into();
    d.facts.clear();
    d.offences.clear();
    assert_eq!(blocking(&d), vec![]);
}

#[test]
fn contradictions_with_the_case_and_the_type_are_named() {
    let mut d = complete(CooperationType::Mla);
    d.persons = vec!["p1".into(), "zz".into()]; // p1 is a suspect, not a witness
    d.measures.push(Measure::AssetSharing);
    d.deadline = Some(Date::parse("2026-01-01").unwrap());
    d.requested_country = CountryCode::parse("RU").unwrap();
    let found = blocking(&d);
    let codes: Vec<(&str, &str)> = found.iter().map(|f| (f.field.as_str(), f.code)).collect();
    for expected in [
        ("persons[1]", "unknown_reference"),
        ("persons", "role_mismatch"),
        ("measures[2]", "not_applicable"),
        ("deadline", "past_date"),
        ("requested_country", "same_state"),
    ] {
        assert!(codes.contains(&expected), "{expected:?} not in {codes:?}");
    }
    let mut t = complete(CooperationType::TransferOfSentencedPersons);
    t.consent = Some(false);
    assert!(blocking(&t).iter().any(|f| f.code == "consent_refused"));
}

#[test]
fn the_legal_basis_is_checked_against_the_resolver() {
    // Russia → Armenia, MLA: the European Convention binds both; Armenia declared it takes requests in
    // Armenian, English or French only.
    let a = answer(CooperationType::Mla, "AM");
    assert!(a.bases.iter().any(|b| b.instrument == "ets030"), "{:?}", a.bases);
    let c = case();
    let cx =
        Context { requesting_country: CountryCode::parse("RU").unwrap(), case: &c, answer: Some(&a), today: today() };
    let mut d = complete(CooperationType::Mla);
    d.reciprocity = false;
    d.legal_basis = vec!["ets030".into(), "ets024".into()];
    d.language = Some("ru".into());
    let found = check(&d, &cx);
    assert!(found.iter().any(|f| f.field == "legal_basis[1]" && f.code == "not_binding"), "{found:?}");
    assert!(found.iter().any(|f| f.field == "language" && f.code == "language_not_accepted"), "{found:?}");
    // A translation into English as the second language satisfies the declaration.
    d.legal_basis = vec!["ets030".into()];
    d.second_language = Some("en".into());
    assert!(is_complete(&check(&d, &cx)), "{:?}", check(&d, &cx));
    // Reciprocity while a treaty binds both is allowed, with advice.
    d.legal_basis.clear();
    d.reciprocity = true;
    let found = check(&d, &cx);
    assert!(is_complete(&found));
    assert!(found.iter().any(|f| f.code == "treaty_available"));
}

#[test]
fn extradition_of_a_national_and_the_provisional_arrest_clock_are_flagged() {
    let c = case();
    let cx = Context { requesting_country: CountryCode::parse("RU").unwrap(), case: &c, answer: None, today: today() };
    let mut d = complete(CooperationType::Extradition);
    d.requested_country = CountryCode::parse("RU").unwrap();
    let mut d2 = complete(CooperationType::Extradition);
    d2.legal_basis = vec!["ets024".into()];
    d2.reciprocity = false;
    d2.provisional_arrest = Some(Date::parse("2026-11-01").unwrap());
    d.requested_country = CountryCode::parse("AM").unwrap();
    d.persons = vec!["p1".into()];
    let found = check(&d2, &cx);
    let late = found.iter().find(|f| f.code == "sending_deadline").unwrap();
    assert_eq!(late.severity, Severity::Inconsistent, "arrest on 11-01 + 18 days has passed on 11-23");
    assert!(late.message.contains("2026-11-19"));
    let mut national = complete(CooperationType::Extradition);
    national.persons = vec!["s1".into()];
    national.extradition_purpose = Some(ExtraditionPurpose::Enforcement);
    assert!(check(&national, &cx).iter().any(|f| f.code == "own_national"), "s1 is Armenian, requested from AM");
}

#[test]
fn fields_belong_to_writer_steps() {
    assert_eq!(WriterStep::of("measures[2]"), WriterStep::Basics);
    assert_eq!(WriterStep::of("language"), WriterStep::LegalBasis);
    assert_eq!(WriterStep::of("facts"), WriterStep::Content);
    assert_eq!(WriterStep::of("measure_details.questions"), WriterStep::Particulars);
    assert_eq!(WriterStep::of("case.offences[o1].legal_provision"), WriterStep::Particulars);
    assert_eq!(WriterStep::of("signatory_name"), WriterStep::Signature);
}

fn any_draft() -> impl Strategy<Value = Draft> {
    let kinds = proptest::sample::select(CooperationType::ALL.to_vec());
    let measures = proptest::sample::subsequence(Measure::ALL.to_vec(), 0..4);
    let keys = proptest::collection::vec(proptest::sample::select(vec!["o1", "p1", "w1", "s1", "a1", "x"]), 0..4);
    let text = "(|x|  )";
    (kinds, measures, keys.clone(), keys, text, text, any::<Option<bool>>(), any::<bool>()).prop_map(
        |(k, m, persons, assets, t1, t2, conf, recip)| {
            let mut d = complete(k);
            d.measures = m;
            d.persons = persons.into_iter().map(String::from).collect();
            d.assets = assets.into_iter().map(String::from).collect();
            d.facts = t1;
            d.decision = t2;
            d.confidentiality = conf;
            d.reciprocity = recip;
            d
        },
    )
}

proptest! {
    /// Whatever the draft, the check answers (no panic), orders findings by writer step, and anything
    /// blocking names a field.
    #[test]
    fn the_check_is_total_and_ordered(d in any_draft()) {
        let c = case();
        let cx = Context { requesting_country: CountryCode::parse("RU").unwrap(), case: &c, answer: None, today: today() };
        let found = check(&d, &cx);
        prop_assert!(found.windows(2).all(|w| w[0].step() <= w[1].step()));
        prop_assert!(found.iter().all(|f| !f.field.is_empty() && !f.message.is_empty()));
        if d.confidentiality.is_none() { prop_assert!(!is_complete(&found)); }
        if d.persons.iter().any(|p| p == "x") {
            prop_assert!(found.iter().any(|f| f.code == "unknown_reference"));
        }
    }
}

#[test]
fn a_template_keeps_the_standard_parts_and_drops_the_case() {
    let d = complete(CooperationType::Mla);
    let t = d.as_template();
    assert_eq!(
        (t.kind, &t.legal_basis, &t.language, &t.signatory_name),
        (d.kind, &d.legal_basis, &d.language, &d.signatory_name)
    );
    assert!(t.subject.is_empty() && t.facts.is_empty() && t.persons.is_empty() && t.offences.is_empty());
    assert_eq!(t.measure_details, Default::default());
}
