use super::*;

const LIST: &str = include_str!("../../../tests/fixtures/notices/interpol-list.json");
const RED: &str = include_str!("../../../tests/fixtures/notices/interpol-red-detail.json");
const UN: &str = include_str!("../../../tests/fixtures/notices/interpol-un-detail.json");

#[test]
fn the_list_shape_imports_every_notice() {
    let got = import(LIST, None);
    assert_eq!(got.errors, vec![]);
    assert_eq!(got.notices.len(), 3);
    assert!(got.notices.iter().all(|n| n.source_id.as_deref().is_some_and(|s| s.starts_with("interpol:"))));
}

#[test]
fn a_red_detail_keeps_its_warrants_and_description() {
    let got = import(RED, None);
    assert_eq!(got.errors, vec![]);
    let n = &got.notices[0];
    assert_eq!(n.kind, NoticeKind::Red);
    let p = n.person().cloned().unwrap_or_default();
    assert_eq!(p.arrest_warrants.len(), 2);
    assert!(p.height.is_some() && p.sex_id.is_some());
    assert!(!n.title.is_empty());
}

#[test]
fn a_un_notice_keeps_aliases_in_both_scripts_and_documents() {
    let got = import(UN, None);
    assert_eq!(got.errors, vec![]);
    let n = &got.notices[0];
    assert_eq!(n.kind, NoticeKind::UnSpecial);
    let p = n.person().cloned().unwrap_or_default();
    let names = p.all_names();
    assert!(names.iter().any(|x| x.contains("القصراوي")), "{names:?}");
    assert!(names.iter().any(|x| x.contains("Касрави")), "{names:?}");
    assert!(!p.identity_documents.is_empty());
}

#[test]
fn bad_records_are_reported_and_the_good_ones_kept() {
    let text = r#"{"entity_id": "2099/1", "forename": "ANNA", "name": "PETROVA", "arrest_warrants": []}
not json at all
{"entity_id": "2099/2", "name": "IVANOV", "date_of_birth": "1970/13/40", "arrest_warrants": []}
{"entity_id": "2099/3", "name": "SIDOROV"}
"#;
    let got = import(text, None);
    assert_eq!(got.notices.len(), 1);
    let at: Vec<&str> = got.errors.iter().map(|e| e.at.as_str()).collect();
    assert_eq!(at, vec!["line 2", "line 3", "line 4"]);
    assert!(got.errors[1].reason.contains("date_of_birth"), "{}", got.errors[1]);
    assert!(got.errors[2].reason.contains("kind"), "{}", got.errors[2]);
    assert_eq!(import(text, Some(NoticeKind::Blue)).notices.len(), 2);
}

#[test]
fn empty_and_odd_files() {
    assert_eq!(import(r#"{"total": 0, "_embedded": {"notices": []}}"#, None), Imported::default());
    assert_eq!(import("42", None).errors.len(), 1);
    assert_eq!(import("", None).errors.len(), 1);
}
