use super::*;

const VECTORS: &str = include_str!("../../../tests/fixtures/notices/mrz-vectors.json");

fn vectors() -> Vec<serde_json::Value> {
    let all: serde_json::Value = serde_json::from_str(VECTORS).unwrap_or_default();
    all["vectors"].as_array().cloned().unwrap_or_default()
}

fn field(m: &Mrz, name: &str) -> String {
    match name {
        "document_code" => m.document_code.clone(),
        "issuing_state" => m.issuing_state.clone(),
        "surname" => m.surname.clone(),
        "given_names" => m.given_names.clone(),
        "document_number" => m.document_number.clone(),
        "nationality" => m.nationality.clone(),
        "birth_date" => m.birth_date.to_string(),
        "sex" => m.sex.to_string(),
        "expiry_date" => m.expiry_date.to_string(),
        "optional_data" => m.optional_data.clone(),
        "optional_data_2" => m.optional_data_2.clone(),
        other => format!("unknown field {other}"),
    }
}

#[test]
fn every_vector_parses_or_fails_as_its_source_says() {
    let vectors = vectors();
    assert!(vectors.len() >= 50, "the vector file went missing");
    for v in vectors {
        let name = v["name"].as_str().unwrap_or_default();
        let lines: Vec<&str> = v["lines"].as_array().into_iter().flatten().filter_map(|l| l.as_str()).collect();
        let parsed = parse(&lines.join("\n"));
        if v["valid"].as_bool() == Some(true) {
            let m = parsed.unwrap_or_else(|e| unreachable!("{name}: {e}"));
            assert_eq!(serde_json::to_value(m.format).ok(), Some(v["kind"].clone()), "{name}");
            for (key, want) in v["expected"].as_object().into_iter().flatten() {
                assert_eq!(field(&m, key), want.as_str().unwrap_or_default(), "{name}: {key}");
            }
        } else {
            let e = parsed.err().unwrap_or_else(|| unreachable!("{name} should fail"));
            assert_eq!(e.field, v["bad_field"].as_str().unwrap_or_default(), "{name}: {e}");
        }
    }
}

#[test]
fn errors_say_where_and_what() {
    let e = parse("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408123F1204159ZE184226B<<<<<13")
        .err()
        .map(|e| e.to_string());
    assert_eq!(
        e.as_deref(),
        Some("line 2, position 20 (birth_date): the check digit is 3, but the date of birth gives 2")
    );
    let e = parse("P<UTO").err().map(|e| e.to_string()).unwrap_or_default();
    assert!(e.starts_with("format: expected 3 lines of 30"), "{e}");
    let e = parse("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7413122F1204159ZE184226B<<<<<10")
        .err()
        .map(|e| e.to_string());
    assert_eq!(e.as_deref(), Some("line 2, position 16 (birth_date): 13 is not a valid month"));
}

#[test]
fn one_line_input_and_surrounding_spaces_are_accepted() {
    let two = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";
    let one = format!("  {}  ", two.replace('\n', ""));
    assert_eq!(parse(&one), parse(two));
    assert!(parse(&format!("\n  {}\n", two.replace('\n', "\n   "))).is_ok());
}

#[test]
fn check_digits_of_the_specimen() {
    assert_eq!(check_digit(b"L898902C3"), 6);
    assert_eq!(check_digit(b"740812"), 2);
    assert_eq!(check_digit(b"<<<<<<<<<<<<<<"), 0);
}

#[test]
fn centuries() {
    let d = MrzDate { yy: Some(74), mm: Some(8), dd: Some(12) };
    assert_eq!(d.year(2026), Some(1974));
    assert_eq!(MrzDate { yy: Some(12), ..d }.year(2026), Some(2012));
    assert_eq!(MrzDate { yy: Some(27), ..d }.year(2026), Some(1927));
    assert_eq!(MrzDate { yy: None, ..d }.year(2026), None);
}
