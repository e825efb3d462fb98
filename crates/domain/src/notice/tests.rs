use super::*;

fn person_notice(kind: NoticeKind, p: NoticePerson) -> NoticeBody {
    NoticeBody {
        kind,
        title: "Wanted for fraud".into(),
        summary: String::new(),
        subject: Subject::Person(p),
        addressees: Vec::new(),
        review_date: None,
        source_id: None,
    }
}

fn fields(e: Invalid) -> Vec<String> {
    e.0.into_iter().map(|f| f.field).collect()
}

#[test]
fn a_person_notice_needs_a_name_and_sane_measurements() {
    let bad = person_notice(
        NoticeKind::Red,
        NoticePerson {
            date_of_birth: Some("1970/13/01".into()),
            nationalities: vec!["zz".into()],
            height: Some(175.0),
            ..NoticePerson::default()
        },
    );
    assert_eq!(
        bad.check().err().map(fields),
        Some(vec![
            "subject.name".to_owned(),
            "subject.date_of_birth".into(),
            "subject.nationalities[0]".into(),
            "subject.height".into()
        ])
    );
    let good = person_notice(
        NoticeKind::Red,
        NoticePerson {
            forename: Some(" Sergei ".into()),
            name: Some("PLOKHOV".into()),
            name_in_original_script: Some("Плохов".into()),
            forename_in_original_script: Some("Сергей".into()),
            date_of_birth: Some("1975/03".into()),
            nationalities: vec!["ru".into()],
            ..NoticePerson::default()
        },
    )
    .check()
    .unwrap_or_else(|e| unreachable!("{e}"));
    let p = good.person().cloned().unwrap_or_default();
    assert_eq!(p.all_names(), vec!["Sergei PLOKHOV".to_owned(), "Сергей Плохов".into()]);
    assert_eq!(p.nationalities, vec!["RU".to_owned()]);
    assert_eq!(p.birth_dates().len(), 1);
}

#[test]
fn a_diffusion_names_its_addressees_and_is_seen_only_there() {
    let p = NoticePerson { name: Some("Plokhov".into()), ..NoticePerson::default() };
    let d = person_notice(NoticeKind::Diffusion, p.clone());
    assert_eq!(d.check().err().map(fields), Some(vec!["addressees".to_owned()]));
    let uz = CountryCode::parse("UZ").unwrap_or_else(|_| unreachable!());
    let kz = CountryCode::parse("KZ").unwrap_or_else(|_| unreachable!());
    let d = NoticeBody { addressees: vec![uz], ..person_notice(NoticeKind::Diffusion, p) };
    let d = d.check().unwrap_or_else(|e| unreachable!("{e}"));
    assert!(d.visible_to(uz));
    assert!(!d.visible_to(kz));
}

#[test]
fn the_subject_must_fit_the_kind() {
    let v = NoticeBody {
        subject: Subject::Vehicle(StolenVehicle { plate: Some("01A123BC".into()), ..StolenVehicle::default() }),
        ..person_notice(NoticeKind::Red, NoticePerson::default())
    };
    assert_eq!(v.check().err().map(fields), Some(vec!["subject".to_owned()]));
}

#[test]
fn vehicles_are_checked_by_their_vin() {
    let notice = |vin: &str| NoticeBody {
        kind: NoticeKind::StolenVehicle,
        subject: Subject::Vehicle(StolenVehicle { vin: Some(vin.into()), ..StolenVehicle::default() }),
        ..person_notice(NoticeKind::StolenVehicle, NoticePerson::default())
    };
    let e = notice("1HGCM82633A004353").check().err().map(|e| e.to_string()).unwrap_or_default();
    assert!(e.contains("subject.vin") && e.contains("check digit is 3"), "{e}");
    let ok = notice(" 1m8gdm9axkp042788").check().unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(ok.label(), "1M8GDM9AXKP042788");
}

#[test]
fn documents_agree_with_their_machine_readable_zone() {
    let doc = |number: &str, state: &str| NoticeBody {
        kind: NoticeKind::TravelDocument,
        subject: Subject::Document(TravelDocument {
            document_type: "passport".into(),
            number: number.into(),
            issuing_state: state.into(),
            status: Some(DocumentStatus::Stolen),
            mrz: Some(
                "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10".into(),
            ),
            ..TravelDocument::default()
        }),
        ..person_notice(NoticeKind::TravelDocument, NoticePerson::default())
    };
    let ok = doc("", "uto").check().unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(ok.label(), "UTO L898902C3");
    let e = doc("L898902C4", "UTO").check().err().map(fields);
    assert_eq!(e, Some(vec!["subject.number".to_owned()]));
}

#[test]
fn interpol_dates() {
    assert_eq!(parse_interpol_date("1970/05/21").map(|d| d.to_string()), Ok("1970-05-21".into()));
    assert_eq!(parse_interpol_date("1993/00/00").map(|d| d.to_string()), Ok("1993".into()));
    assert_eq!(parse_interpol_date("1970").map(|d| d.to_string()), Ok("1970".into()));
    assert!(parse_interpol_date("70/5/21").is_err());
}

#[test]
fn plates_compare_across_look_alike_letters() {
    assert_eq!(normalise_plate("А 123 ВС 77"), normalise_plate("a123bc-77"));
    assert_ne!(normalise_plate("А 123 ВС 77"), normalise_plate("A 123 BD 77"));
}
