use super::*;

const VECTORS: &str = include_str!("../../../tests/fixtures/notices/vin-vectors.json");

#[test]
fn every_vector_is_accepted_or_refused_as_its_source_says() {
    let all: serde_json::Value = serde_json::from_str(VECTORS).unwrap_or_default();
    let vectors = all["vectors"].as_array().cloned().unwrap_or_default();
    assert!(vectors.len() >= 25, "the vector file went missing");
    for v in vectors {
        let text = v["vin"].as_str().unwrap_or_default();
        match Vin::parse(text) {
            Ok(vin) => {
                assert_eq!(v["valid"].as_bool(), Some(true), "{text} accepted");
                assert_eq!(vin.wmi(), v["wmi"].as_str().unwrap_or_default(), "{text}");
                assert_eq!(vin.vds(), v["vds"].as_str().unwrap_or_default(), "{text}");
                assert_eq!(vin.vis(), v["vis"].as_str().unwrap_or_default(), "{text}");
                assert_eq!(Some(vin.check_digit_applies()), v["check_digit_applies"].as_bool(), "{text}");
                assert_eq!(Some(vin.check_digit_matches()), v["check_digit_matches"].as_bool(), "{text}");
                let region = serde_json::to_value(vin.region()).ok();
                let want = v["region"].as_str().map(|r| r.to_lowercase().replace(' ', "_"));
                assert_eq!(region.as_ref().and_then(|r| r.as_str()), want.as_deref(), "{text}");
            }
            Err(e) => {
                assert_eq!(v["valid"].as_bool(), Some(false), "{text} refused: {e}");
                let bad = v["bad"].as_str().unwrap_or_default();
                let kind = match e.problem {
                    VinProblem::Length(_) => "length".to_owned(),
                    VinProblem::Character(_) => "character".to_owned(),
                    VinProblem::ForbiddenLetter(c) => format!("forbidden_letter_{c}"),
                    VinProblem::CheckDigit { .. } => "check_digit".to_owned(),
                };
                assert_eq!(kind, bad, "{text}: {e}");
            }
        }
    }
}

#[test]
fn errors_name_the_position_and_the_expected_digit() {
    let e = Vin::parse("1HGCM82633A004353").err().map(|e| e.to_string());
    assert_eq!(
        e.as_deref(),
        Some("position 9: the check digit is 3, but the other characters give 5 (a character is misread)")
    );
    let e = Vin::parse("1HGCM82633A0O4352").err().map(|e| e.to_string());
    assert_eq!(e.as_deref(), Some("position 13: the letter O is never used in a VIN (is it a digit?)"));
}

#[test]
fn lower_case_and_spaces_around_are_accepted() {
    assert_eq!(Vin::parse(" 1m8gdm9axkp042788 ").map(|v| v.to_string()), Ok("1M8GDM9AXKP042788".to_owned()));
}
