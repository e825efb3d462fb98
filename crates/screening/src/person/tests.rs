use super::*;

fn person(name: &str, dob: Option<&str>, nat: Option<&str>) -> Analysed {
    Person {
        names: vec![name.to_owned()],
        birth_dates: dob.and_then(BirthDate::parse).into_iter().collect(),
        nationalities: nat.map(str::to_owned).into_iter().collect(),
    }
    .analyse()
}

fn score(a: &str, b: &str) -> f32 {
    compare(&person(a, None, None), &person(b, None, None)).score
}

#[test]
fn finds_a_russian_name_typed_in_latin() {
    for typed in ["Sergei Plohov", "Sergey Plokhov", "PLOKHOV SERGEI", "Serguei Plokhov", "Sergej Plochov"] {
        let s = score(typed, "Сергей Плохов");
        assert!(s >= 0.85, "{typed}: {s}");
    }
    assert!(score("Sergei Plohov", "Плохов Сергей Иванович") >= 0.8);
}

#[test]
fn other_scripts_match_their_latin_spellings() {
    for (latin, original) in [
        ("Giorgi Beridze", "გიორგი ბერიძე"),
        ("Aram Petrosyan", "Արամ Պետրոսյան"),
        ("Rashad Aliyev", "Rəşad Əliyev"),
        ("Reshad Eliyev", "Rəşad Əliyev"),
        ("Rashad Aliev", "Рашад Алиев"),
        ("Mohammed Karimi", "محمد کریمی"),
        ("Muhammad Karimi", "محمد كريمي"),
        ("Oleksandr Shevchenko", "Олександр Шевченко"),
        ("Aleksandr Shevchenko", "Олександр Шевченко"),
    ] {
        let s = score(latin, original);
        assert!(s >= 0.75, "{latin} / {original}: {s}");
    }
}

#[test]
fn different_people_stay_apart() {
    for (a, b) in [
        ("Сергей Плохов", "Sergei Petrov"),
        ("Giorgi Beridze", "Giorgi Kapanadze"),
        ("محمد کریمی", "Ahmad Karimi"),
        ("Aram Petrosyan", "Armen Sargsyan"),
    ] {
        let s = score(a, b);
        assert!(s < 0.7, "{a} / {b}: {s}");
    }
}

#[test]
fn dates_and_nationality_weigh_in_and_are_explained() {
    let query = person("Sergei Plohov", Some("1975-03-05"), Some("RU"));
    let exact = compare(&query, &person("Сергей Плохов", Some("1975-03-05"), Some("ru")));
    let swapped = compare(&query, &person("Сергей Плохов", Some("1975-05-03"), None));
    let wrong = compare(&query, &person("Сергей Плохов", Some("1990-01-01"), None));
    let none = compare(&query, &person("Сергей Плохов", None, None));
    assert!(exact.score > none.score && none.score > swapped.score && swapped.score > wrong.score);
    assert_eq!(exact.explanation.birth_date, evidence::DateEvidence::Exact);
    assert_eq!(exact.explanation.nationality, evidence::NationalityEvidence::Shared);
    let parts: Vec<(&str, &str)> =
        exact.explanation.parts.iter().map(|p| (p.query.as_str(), p.record.as_str())).collect();
    assert_eq!(parts, vec![("sergei", "сергей"), ("plohov", "плохов")]);
}

#[test]
fn the_best_of_several_names_counts() {
    let record = Analysed {
        names: vec![name::analyse("Ivan Ivanov"), name::analyse("Сергей Плохов")],
        birth_dates: Vec::new(),
        nationalities: Vec::new(),
    };
    assert!(compare(&person("Sergei Plohov", None, None), &record).score > 0.9);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    const PARTS: &[&str] = &[
        "Сергей",
        "Плохов",
        "Иванович",
        "Олександр",
        "Шевченко",
        "Rəşad",
        "Əliyev",
        "გიორგი",
        "ბერიძე",
        "Արամ",
        "Պետրոսյան",
        "محمد",
        "کریمی",
        "Anna",
        "Petrova",
        "Vodkina",
        "Jamshid",
        "Karimov",
        "O'g'li",
        "al",
        "S.",
    ];

    fn name() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(PARTS), 1..4).prop_map(|p| p.join(" "))
    }

    fn date() -> impl Strategy<Value = Option<String>> {
        proptest::option::of((1940u16..2010, 1u8..13, 1u8..29).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")))
    }

    proptest! {
        #[test]
        fn a_name_always_matches_itself(n in name()) {
            prop_assert_eq!(score(&n, &n), 1.0);
        }

        #[test]
        fn score_equals_the_explained_comparison(a in name(), b in name(), da in date()) {
            let x = person(&a, da.as_deref(), None);
            let y = person(&b, None, Some("RU"));
            prop_assert_eq!(crate::person::score(&x, &y), compare(&x, &y).score);
        }

        #[test]
        fn the_score_is_symmetric(a in name(), b in name(), da in date(), db in date()) {
            let x = person(&a, da.as_deref(), Some("RU"));
            let y = person(&b, db.as_deref(), None);
            prop_assert_eq!(compare(&x, &y).score, compare(&y, &x).score);
        }

        #[test]
        fn a_wrong_date_of_birth_never_raises_a_score(a in name(), b in name(), year in 1940u16..2010) {
            let without = compare(&person(&a, None, None), &person(&b, Some("1930-06-15"), None)).score;
            let wrong = format!("{year}-01-20");
            let with = compare(&person(&a, Some(&wrong), None), &person(&b, Some("1930-06-15"), None)).score;
            prop_assert!(with <= without, "{} > {}", with, without);
        }
    }
}
