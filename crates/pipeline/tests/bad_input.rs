//! Every kind of bad input gives a clear error naming file, feature code and field, a
//! non-zero exit, and leaves the previous output intact.

mod common;

use common::{build_from, source_tree};
use std::process::Command;

/// Builds with `bad/<case>` laid over the good fixture and returns the error message.
fn error_of(case: &str) -> String {
    let dir = source_tree(Some(case));
    match build_from(dir.path()) {
        Ok(_) => panic!("{case}: build succeeded"),
        Err(e) => e.to_string(),
    }
}

fn assert_mentions(case: &str, parts: &[&str]) {
    let msg = error_of(case);
    for p in parts {
        assert!(msg.contains(p), "{case}: {msg:?} does not mention {p:?}");
    }
}

const BUURT_FILE: &str = "thuisscan-lbm/buurten/99.geojson";

#[test]
fn invalid_json() {
    assert_mentions("invalid_json", &[BUURT_FILE, "invalid JSON", "line 1"]);
}

#[test]
fn wrong_geometry_type() {
    assert_mentions(
        "wrong_geometry_type",
        &[BUURT_FILE, "BU99010001", "geometry", "LineString"],
    );
}

#[test]
fn null_geometry() {
    assert_mentions(
        "null_geometry",
        &["geoinzicht/wijken_2024.geojson", "WK990100", "geometry"],
    );
}

#[test]
fn missing_field() {
    assert_mentions(
        "missing_field",
        &[BUURT_FILE, "BU99010001", "raw.kscore", "missing"],
    );
}

#[test]
fn duplicate_code() {
    assert_mentions("duplicate_code", &[BUURT_FILE, "BU99010000", "duplicate"]);
}

#[test]
fn duplicate_code_in_cbs() {
    assert_mentions(
        "duplicate_cbs_buurt",
        &["GM9901.json", "BU99010000", "duplicate"],
    );
}

#[test]
fn class_out_of_range() {
    assert_mentions(
        "kscore_out_of_range",
        &[BUURT_FILE, "BU99010001", "raw.kscore", "12", "range 1 to 9"],
    );
}

#[test]
fn percentage_out_of_range() {
    assert_mentions(
        "percent_out_of_range",
        &[
            "GM9901.json",
            "BU99010000",
            "demografie.koopwoningen",
            "140",
        ],
    );
}

#[test]
fn wrong_value_type() {
    assert_mentions(
        "wrong_type",
        &["GM9901.json", "BU99010001", "demografie.inwoners", "veel"],
    );
}

#[test]
fn not_finite_number() {
    assert_mentions(
        "history_not_finite",
        &["Leefbaarometer-scores", "WK990100", "afw", "NaN"],
    );
}

#[test]
fn missing_column() {
    assert_mentions("history_missing_column", &["Leefbaarometer-scores", "won"]);
}

#[test]
fn unknown_code_in_join() {
    assert_mentions(
        "unknown_code",
        &[BUURT_FILE, "BU99017777", "unknown code", "woonikveilig"],
    );
}

#[test]
fn unknown_gemeente_of_a_wijk() {
    assert_mentions(
        "wijk_unknown_gemeente",
        &["wijken_2024", "WK997700", "gemeentecode", "unknown"],
    );
}

#[test]
fn buurt_whose_wijk_does_not_exist() {
    assert_mentions("buurt_without_wijk", &["GM9901.json", "BU99015500", "wijk"]);
}

#[test]
fn malformed_code() {
    assert_mentions("malformed_code", &[BUURT_FILE, "BU9901000", "code"]);
}

#[test]
fn rd_coordinates() {
    assert_mentions("rd_coordinates", &[BUURT_FILE, "BU99010000", "RD New"]);
}

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_buurtkaart-data"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn failed_build_exits_non_zero_and_keeps_previous_output() {
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("data");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("previous.txt"), "old").unwrap();
    let bad = source_tree(Some("missing_field"));
    let o = run(&[
        "build",
        "-q",
        "--source",
        bad.path().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--no-index",
    ]);
    assert!(!o.status.success());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("raw.kscore"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(out.join("previous.txt")).unwrap(),
        "old"
    );
    let names: Vec<String> = std::fs::read_dir(work.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        vec!["data".to_string()],
        "no temporary folder left behind"
    );

    // A good build replaces the folder as a whole, and `check` then agrees with it.
    let good = source_tree(None);
    let src = good.path().to_str().unwrap();
    let o = run(&[
        "build",
        "-q",
        "--source",
        src,
        "--out",
        out.to_str().unwrap(),
        "--no-index",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.join("manifest.json").exists() && !out.join("previous.txt").exists());
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("first national view"), "{stdout}");
    let o = run(&[
        "check",
        "-q",
        "--source",
        src,
        "--out",
        out.to_str().unwrap(),
        "--no-index",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::write(out.join("buurt.areas.json"), "{}").unwrap();
    let o = run(&[
        "check",
        "-q",
        "--source",
        src,
        "--out",
        out.to_str().unwrap(),
        "--no-index",
    ]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("buurt.areas.json"));
}

#[test]
fn help_lists_the_commands() {
    let o = run(&["--help"]);
    let s = String::from_utf8_lossy(&o.stdout);
    for c in ["build", "check", "measure"] {
        assert!(s.contains(c), "{s}");
    }
}
