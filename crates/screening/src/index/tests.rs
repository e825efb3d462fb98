use super::*;

fn person(name: &str, dob: Option<&str>) -> Person {
    Person {
        names: vec![name.to_owned()],
        birth_dates: dob.and_then(BirthDate::parse).into_iter().collect(),
        nationalities: Vec::new(),
    }
}

fn filler(n: usize) -> Vec<String> {
    let first = ["Ivan", "Пётр", "Anna", "Мария", "Giorgi", "Aram", "Rashad", "Olga", "Timur", "Dilnoza"];
    let last = ["Smirnov", "Кузнецов", "Popova", "Соколова", "Lebedev", "Kozlov", "Новиков", "Morozova", "Volkov"];
    (0..n).map(|i| format!("{} {}{}", first[i % first.len()], last[(i / 10) % last.len()], i / 90)).collect()
}

#[test]
fn finds_across_scripts_without_scanning_everything() {
    let mut index = Index::new();
    for (i, name) in filler(3000).iter().enumerate() {
        index.insert(&format!("f{i}"), &person(name, None));
    }
    index.insert("target", &person("Плохов Сергей Иванович", Some("1975-03-05")));
    assert_eq!(index.len(), 3001);
    let (hits, stats) =
        index.search_analysed(&person("Sergei Plohov", Some("1975-03-05")).analyse(), SearchOptions::default());
    assert_eq!(hits.first().map(|h| h.record.as_str()), Some("target"));
    assert!(stats.candidates < 50, "{stats:?}");
}

#[test]
fn threshold_and_top_limit_the_hits() {
    let mut index = Index::new();
    for i in 0..20 {
        index.insert(&format!("p{i}"), &person("Sergei Plokhov", None));
    }
    let hits = index.search(&person("Sergei Plohov", None), SearchOptions { threshold: 0.5, top: 5 });
    assert_eq!(hits.len(), 5);
    // Equal scores: the record inserted first comes first.
    assert_eq!(hits.iter().map(|h| h.record.as_str()).collect::<Vec<_>>(), vec!["p0", "p1", "p2", "p3", "p4"]);
    assert!(index.search(&person("Sergei Plohov", None), SearchOptions { threshold: 1.01, top: 5 }).is_empty());
}

#[test]
fn removed_and_replaced_records() {
    let mut index = Index::new();
    index.insert("a", &person("Сергей Плохов", None));
    index.insert("b", &person("Giorgi Beridze", None));
    index.insert("a", &person("Anna Petrova", None));
    assert_eq!(index.len(), 2);
    assert!(index.search(&person("Sergei Plohov", None), SearchOptions::default()).is_empty());
    assert_eq!(index.search(&person("Anna Petrova", None), SearchOptions::default()).len(), 1);
    assert!(index.remove("b"));
    assert!(!index.remove("b"));
    assert!(index.search(&person("Giorgi Beridze", None), SearchOptions::default()).is_empty());
    assert_eq!(index.len(), 1);
}

#[test]
fn a_slip_on_either_side_is_still_a_candidate() {
    let mut index = Index::new();
    index.insert("x", &person("Sergei Plotnikov", None));
    let hits = index.search(&person("Sergei Plotnikof", None), SearchOptions::default());
    assert_eq!(hits.len(), 1);
}

#[test]
fn the_index_scores_as_the_direct_comparison_does() {
    let mut index = Index::new();
    let names = ["Rəşad Əliyev", "محمد کریمی", "Сергей Плохов", "Abdulla Karimov", "S. Plokhov"];
    for (i, n) in names.iter().enumerate() {
        index.insert(&i.to_string(), &person(n, Some("1980")));
    }
    for query in ["Rashad Aliyev", "Mohammed Karimi", "Sergei Plohov", "Abd Ulla Karimov"] {
        let q = person(query, Some("1980-02-03"));
        let (hits, _) = index.search_analysed(&q.analyse(), SearchOptions { threshold: 0.0, top: 10 });
        for hit in hits {
            let n: usize = hit.record.parse().unwrap_or(usize::MAX);
            let direct = crate::compare(&q.analyse(), &person(names[n], Some("1980")).analyse()).score;
            assert!((hit.score - direct).abs() < 0.001, "{query} / {}: {} vs {direct}", names[n], hit.score);
        }
    }
}

#[test]
fn memory_is_counted() {
    let mut index = Index::new();
    index.insert("a", &person("Сергей Плохов", None));
    assert!(index.memory_bytes() > 0);
}

#[test]
fn records_left_out_by_the_filter_do_not_take_a_place_among_the_top_hits() {
    let mut index = Index::new();
    for i in 0..5 {
        index.insert(&format!("hidden{i}"), &person("Sergei Plokhov", None));
    }
    index.insert("shown", &person("Sergei Plohov", None));
    let options = SearchOptions { threshold: 0.5, top: 2 };
    let hits = index.search_where(&person("Sergei Plokhov", None), options, |id| !id.starts_with("hidden"));
    assert_eq!(hits.iter().map(|h| h.record.as_str()).collect::<Vec<_>>(), vec!["shown"]);
}

#[test]
fn records_born_years_apart_are_left_unread_only_when_they_could_not_reach_the_threshold() {
    let mut index = Index::new();
    index.insert("same-day", &person("Сергей Плохов", Some("1975-03-05")));
    index.insert("year-off", &person("Сергей Плохов", Some("1976-03-05")));
    index.insert("unknown", &person("Сергей Плохов", None));
    index.insert("far", &person("Сергей Плохов", Some("1990-03-05")));
    let query = person("Sergei Plohov", Some("1975-03-05"));
    let found = |threshold: f32| {
        let mut ids: Vec<String> =
            index.search(&query, SearchOptions { threshold, top: 10 }).into_iter().map(|h| h.record).collect();
        ids.sort();
        ids
    };
    assert_eq!(found(0.7), vec!["same-day", "unknown", "year-off"]);
    // A low threshold reads every year: the conflicting date lowers the score without hiding the record.
    assert_eq!(found(0.3), vec!["far", "same-day", "unknown", "year-off"]);
    let (_, narrow) = index.search_analysed(&query.analyse(), SearchOptions::default());
    let (_, wide) = index.search_analysed(&query.analyse(), SearchOptions { threshold: 0.3, top: 10 });
    assert!(narrow.postings_read < wide.postings_read, "{narrow:?} {wide:?}");
}

proptest::proptest! {
    #[test]
    fn the_radix_sort_orders_postings_by_slot(slots in proptest::collection::vec(0u32..5_000_000, 0..3000)) {
        let mut postings: Vec<u64> = slots.iter().enumerate().map(|(i, s)| Posting::pack(*s, i % 3, 0.5)).collect();
        let mut expected: Vec<u32> = slots.clone();
        expected.sort_unstable();
        radix_sort_by_slot(&mut postings, &mut Vec::new(), 5_000_000);
        let got: Vec<u32> = postings.iter().map(|p| Posting::slot(*p)).collect();
        proptest::prop_assert_eq!(got, expected);
    }
}

#[test]
fn candidates_need_two_parts_and_weigh_rare_close_parts_more() {
    let rarity = [2.0, 1.0, 0.5];
    let mut postings = vec![
        Posting::pack(7, 0, 1.0),
        Posting::pack(7, 0, 0.6),
        Posting::pack(7, 2, 1.0),
        Posting::pack(9, 1, 1.0),
        Posting::pack(9, 1, 1.0),
        Posting::pack(11, 1, 1.0),
        Posting::pack(11, 2, 1.0),
    ];
    radix_sort_by_slot(&mut postings, &mut Vec::new(), 100);
    let found = at_least(&postings, &rarity, 2);
    assert_eq!(found.iter().map(|c| c.0).collect::<Vec<_>>(), vec![7, 11], "slot 9 has one part twice");
    assert!((found[0].1 - 2.5).abs() < 0.01 && (found[1].1 - 1.5).abs() < 0.01, "{found:?}");
}
