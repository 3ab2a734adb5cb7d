//! The bad inputs added for issue 9 (geometry faults, non-finite numbers, CBS markers where a
//! value is required, data of another year): each stops the build with an error that names
//! file, feature code and field, and the command-line build then leaves no partial output.
//! The fixtures are written by `tests/fixtures/make_fixtures.py`; the older cases are in
//! `bad_input.rs`.

mod common;

use common::{build_from, source_tree};
use std::process::Command;

const BUURT_FILE: &str = "thuisscan-lbm/buurten/99.geojson";
const HISTORY_FILE: &str = "Leefbaarometer-scores wijken 2002-2022.csv";

/// Each case of `bad/` and the parts its message must contain.
const CASES: &[(&str, &[&str])] = &[
    (
        "self_intersecting",
        &[
            BUURT_FILE,
            "BU99010001",
            "geometry",
            "outer ring crosses itself",
            "5.015",
        ],
    ),
    (
        "empty_polygon",
        &[
            BUURT_FILE,
            "BU99010001",
            "geometry",
            "polygon without rings",
        ],
    ),
    (
        "empty_ring",
        &[
            BUURT_FILE,
            "BU99010001",
            "geometry",
            "outer ring has 0 positions",
        ],
    ),
    (
        "empty_multipolygon",
        &[
            BUURT_FILE,
            "BU99010001",
            "geometry",
            "MultiPolygon without polygons",
        ],
    ),
    (
        "nan_coordinate",
        &[BUURT_FILE, "invalid JSON", "line 1", "NaN"],
    ),
    (
        "infinite_coordinate",
        &[BUURT_FILE, "invalid JSON", "number out of range", "1e999"],
    ),
    (
        "history_infinite",
        &[
            HISTORY_FILE,
            "WK990100",
            "afw",
            "inf",
            "not a finite number",
        ],
    ),
    (
        "cbs_marker_required",
        &[
            BUURT_FILE,
            "BU99010001",
            "raw.kscore",
            "-99999999",
            "CBS marker",
        ],
    ),
    (
        "cbs_marker_code",
        &[
            "GM9901.json",
            "buurten[1]",
            "`code`",
            "-99997",
            "CBS marker",
        ],
    ),
    (
        "lbm_other_year",
        &[BUURT_FILE, "BU99010001", "raw.year", "\"2023\"", "2024"],
    ),
    (
        "wijken_other_year",
        &["wijken_2024.geojson", "metadata.year", "2023", "2024"],
    ),
    (
        "history_other_year",
        &[HISTORY_FILE, "WK990101", "jaar", "2023", "2002-2022"],
    ),
];

#[test]
fn each_bad_input_names_file_code_and_field() {
    let mut failures = Vec::new();
    for (case, parts) in CASES {
        let dir = source_tree(Some(case));
        let msg = match build_from(dir.path()) {
            Ok(_) => {
                failures.push(format!("{case}: build succeeded"));
                continue;
            }
            Err(e) => e.to_string(),
        };
        println!("{case}: {msg}");
        for p in *parts {
            if !msg.contains(p) {
                failures.push(format!("{case}: {msg:?} does not mention {p:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn each_bad_input_fails_the_command_and_keeps_the_previous_output() {
    for (case, _) in CASES {
        let work = tempfile::tempdir().unwrap();
        let out = work.path().join("data");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("previous.txt"), "old").unwrap();
        let bad = source_tree(Some(case));
        let o = Command::new(env!("CARGO_BIN_EXE_buurtkaart-data"))
            .args(["build", "-q", "--no-index", "--source"])
            .arg(bad.path())
            .arg("--out")
            .arg(&out)
            .output()
            .expect("the binary runs");
        assert!(!o.status.success(), "{case}: exit status {}", o.status);
        assert!(!o.stderr.is_empty(), "{case}: no message");
        let kept: Vec<_> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(kept, ["previous.txt"], "{case}: output folder changed");
        let left: Vec<_> = std::fs::read_dir(work.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "{case}: a temporary folder was left behind");
    }
}
