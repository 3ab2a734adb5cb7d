//! Property tests ("fuzzing" on stable) for the pipeline's input parsers: each source format,
//! fed arbitrary bytes and mutations of the good fixtures, returns `Ok` or a `PipelineError`
//! and never panics.
//!
//! ```text
//! cargo test --release -p buurtkaart-pipeline --test fuzz_sources
//! FUZZ_SECONDS=600 cargo test --release -p buurtkaart-pipeline --test fuzz_sources history_csv_never_panics -- --exact --nocapture
//! FUZZ_SEED=123 cargo test -p buurtkaart-pipeline --test fuzz_sources    # replay one seed
//! scripts/fuzz-long 600                                                   # every target, 10 min each
//! ```
//!
//! The driver (PRNG, mutations, run loop, the `FUZZ_*` variables) is shared with the app's fuzz
//! tests: `tests/fuzzing/mod.rs` at the repository root.

use buurtkaart_model::Level;
use buurtkaart_pipeline::sources::{
    geoinzicht, geometry, history, lbm, parse_json, woonikveilig, SourceDir,
};
use fuzzing::{mutated, Rng};
use std::path::{Path, PathBuf};

#[path = "../../../tests/fuzzing/mod.rs"]
mod fuzzing;

const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    ";",
    "\n",
    "\r\n",
    "null",
    "true",
    "-1",
    "1e308",
    "1e999",
    "NaN",
    "Infinity",
    "-99997",
    "-99999999",
    "\"\"",
    "\"Polygon\"",
    "\"MultiPolygon\"",
    "\"LineString\"",
    "[[]]",
    "[[[0,0],[1,0],[0,1],[1,1],[0,0]]]",
    "\"coordinates\"",
    "\"properties\"",
    "\"geometry\"",
    "\"features\"",
    "\"BU99010000\"",
    "\"GM9901\"",
    "é",
    "\u{FEFF}",
];

fn fixture(rel: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/good")
        .join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Arbitrary bytes (one input in five) or a mutation of `seed`.
fn input(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    if rng.below(5) == 0 {
        rng.bytes(300)
    } else {
        mutated(rng, TOKENS, seed)
    }
}

/// Runs `parse` on `seed` and on the generated inputs, failing if any of them panics.
fn fuzz(name: &str, seed: &[u8], parse: impl Fn(&[u8])) {
    fuzzing::run(name, 1_000, &[seed], |rng| input(rng, seed), parse);
}

/// A scratch source folder holding one file, for the readers that take a [`SourceDir`].
fn scratch(rel: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    let root = dir.path().to_path_buf();
    (dir, root)
}

#[test]
fn lbm_buurt_geojson_never_panics() {
    let seed = fixture("thuisscan-lbm/buurten/99.geojson");
    fuzz("lbm::read_file buurt", &seed, |b| {
        let _ = lbm::read_file("99.geojson", b, Level::Buurt);
    });
}

#[test]
fn lbm_gemeente_geojson_never_panics() {
    let seed = fixture("thuisscan-lbm/gemeenten.geojson");
    fuzz("lbm::read_file gemeente", &seed, |b| {
        let _ = lbm::read_file("gemeenten.geojson", b, Level::Gemeente);
    });
}

#[test]
fn woonikveilig_json_never_panics() {
    let seed = fixture("woonikveilig/gemeente/GM9901.json");
    fuzz("woonikveilig::read_file", &seed, |b| {
        let _ = woonikveilig::read_file("GM9901.json", b);
    });
}

#[test]
fn history_csv_never_panics() {
    let seed = fixture("ssp-leefbaarometer-wijken/Leefbaarometer-scores wijken 2002-2022.csv");
    fuzz("history::parse", &seed, |b| {
        let _ = history::parse("history.csv", b);
    });
}

#[test]
fn geometry_never_panics() {
    let seed = br#"{"type":"MultiPolygon","coordinates":[[[[5.0,52.0],[5.1,52.0],[5.1,52.1],[5.0,52.0]]],[[[5.2,52.2],[5.3,52.2],[5.3,52.3],[5.2,52.2]],[[5.22,52.22],[5.23,52.22],[5.23,52.23],[5.22,52.22]]]]}"#;
    fuzz("geometry::parse_geometry", seed, |b| {
        if let Ok(v) = parse_json("g.json", b) {
            let _ = geometry::parse_geometry(
                "g.json",
                "BU99010000",
                Some(&v),
                geometry::SelfCrossing::Refuse,
            );
        }
    });
}

#[test]
fn geoinzicht_wijken_never_panics() {
    let seed = fixture("geoinzicht/wijken_2024.geojson");
    fuzz("geoinzicht::read_wijken", &seed, |b| {
        let (_keep, root) = scratch(geoinzicht::WIJKEN_FILE, b);
        let mut src = SourceDir::open(&root).unwrap();
        let _ = geoinzicht::read_wijken(&mut src);
    });
}

#[test]
fn geoinzicht_gemeenten_2022_never_panics() {
    let seed = fixture("geoinzicht/gemeenten_2022.geojson");
    fuzz("geoinzicht::read_gemeenten_2022", &seed, |b| {
        let (_keep, root) = scratch(geoinzicht::GEMEENTEN_2022_FILE, b);
        let mut src = SourceDir::open(&root).unwrap();
        let _ = geoinzicht::read_gemeenten_2022(&mut src);
    });
}
