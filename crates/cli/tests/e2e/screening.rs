//! Screening from the command line, offline: FtM and INTERPOL records, JSON-lines queries, one JSON line
//! per hit, bad lines named on stderr.

use crate::crash::run;

fn fixtures() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../domain/tests/fixtures/notices")
}

fn hits(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn screens_a_query_file_against_ftm_and_interpol_records_offline() {
    let dir = std::env::temp_dir().join(format!("liaison-screen-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let queries = dir.join("queries.jsonl");
    std::fs::write(
        &queries,
        [
            r#"{"id": "q1", "name": "Iaroslav Bilokonenko", "birth_date": "1982-07-19", "nationality": "ua"}"#,
            r#"{"id": "q2", "name": "Salim al-Qasrawi"}"#,
            r#"{"id": "q3", "name": "Nobody Atall"}"#,
            r#"{"name": "no id"}"#,
            r#"{"id": "q5", "name": "Bad Date", "birth_date": "19x0"}"#,
            "",
        ]
        .join("\n"),
    )
    .unwrap();
    let args = |records: &str, extra: &[&str]| {
        let mut a = vec![
            "screen".to_string(),
            "--records".into(),
            fixtures().join(records).display().to_string(),
            "--queries".into(),
            queries.display().to_string(),
        ];
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };

    let out = run(&args("ftm-persons.jsonl", &[]), None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let found = hits(&out.stdout);
    let q1: Vec<&serde_json::Value> = found.iter().filter(|h| h["query"] == "q1").collect();
    assert_eq!(q1.first().map(|h| h["record"].clone()), Some("lia-test-p1".into()), "{found:?}");
    assert_eq!(q1[0]["explanation"]["birth_date"], "exact");
    assert!(q1[0]["score"].as_f64().unwrap() > 0.9);
    assert!(found.iter().any(|h| h["query"] == "q2" && h["record"] == "lia-test-p2"), "{found:?}");
    assert!(!found.iter().any(|h| h["query"] == "q3"));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("queries.jsonl: line 4: \"id\" is missing"), "{err}");
    assert!(err.contains("queries.jsonl: line 5: \"birth_date\" '19x0'"), "{err}");

    // INTERPOL's UN notice: the Arabic-script alias is found from a Latin spelling.
    let out = run(&args("interpol-un-detail.json", &["--threshold", "0.5", "--top", "1"]), None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let found = hits(&out.stdout);
    assert!(found.iter().any(|h| h["query"] == "q2"), "{found:?}");
    assert!(found.iter().filter(|h| h["query"] == "q2").count() <= 1, "--top 1");

    // Bad records are named and the good ones screened.
    let out = run(&args("ftm-bad.jsonl", &["--threshold", "0.1"]), None);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("ftm-bad.jsonl: line 4: schema 'Persn'"), "{err}");
    assert!(err.contains("1 records"), "{err}");

    // A wrong threshold or a missing file is a clear error, not a panic.
    let out = run(&args("ftm-persons.jsonl", &["--threshold", "2"]), None);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--threshold"));
    let out = run(&args("missing.jsonl", &[]), None);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
}
