//! Property tests ("fuzzing" on stable) for the pipeline's input parsers: each source format,
//! fed arbitrary bytes and mutations of the good fixtures, returns `Ok` or a `PipelineError`
//! and never panics.
//!
//! ```text
//! cargo test --release -p buurtkaart-pipeline --test fuzz_sources
//! FUZZ_CASES=100000 cargo test --release -p buurtkaart-pipeline --test fuzz_sources -- --nocapture
//! FUZZ_SEED=123 cargo test -p buurtkaart-pipeline --test fuzz_sources    # replay one seed
//! ```
//!
//! Added by the robustness work (issue 9); the generator is a small xorshift PRNG, no crate.

use buurtkaart_model::Level;
use buurtkaart_pipeline::sources::{
    geoinzicht, geometry, history, lbm, parse_json, woonikveilig, SourceDir,
};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::Instant;

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

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

fn mutate(rng: &mut Rng, b: &mut Vec<u8>) {
    if b.is_empty() {
        b.extend_from_slice(TOKENS[rng.below(TOKENS.len())].as_bytes());
        return;
    }
    let i = rng.below(b.len());
    match rng.below(6) {
        0 => b[i] = rng.next() as u8,
        1 => b.truncate(i),
        2 => {
            let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
            b.splice(i..i, t.iter().copied());
        }
        3 => {
            let j = (i + rng.below(64)).min(b.len());
            b.drain(i..j);
        }
        4 => {
            let j = (i + rng.below(64)).min(b.len());
            let span = b[i..j].to_vec();
            b.splice(i..i, span);
        }
        _ => b[i] ^= 1 << rng.below(8),
    }
}

fn input(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    if rng.below(5) == 0 {
        return (0..rng.below(300)).map(|_| rng.next() as u8).collect();
    }
    let mut b = seed.to_vec();
    for _ in 0..=rng.below(6) {
        mutate(rng, &mut b);
    }
    b
}

fn fuzz(name: &str, seed: &[u8], parse: impl Fn(&[u8])) {
    let cases: u64 = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000);
    let seeds: Vec<u64> = match std::env::var("FUZZ_SEED").ok().and_then(|s| s.parse().ok()) {
        Some(s) => vec![s],
        None => (1..=cases).collect(),
    };
    let start = Instant::now();
    for s in &seeds {
        let mut rng = Rng::new(*s);
        let bytes = input(&mut rng, seed);
        if catch_unwind(AssertUnwindSafe(|| parse(&bytes))).is_err() {
            let shown = String::from_utf8_lossy(&bytes)
                .chars()
                .take(300)
                .collect::<String>();
            panic!("fuzz {name}: panic for FUZZ_SEED={s}; input {shown:?}");
        }
    }
    println!(
        "fuzz {name}: {} inputs in {:.1} s, no panic",
        seeds.len(),
        start.elapsed().as_secs_f64()
    );
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
fn lbm_geojson_never_panics() {
    let seed = fixture("thuisscan-lbm/buurten/99.geojson");
    fuzz("lbm::read_file buurt", &seed, |b| {
        let _ = lbm::read_file("99.geojson", b, Level::Buurt);
    });
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
            let _ = geometry::parse_geometry("g.json", "BU99010000", Some(&v));
        }
    });
}

#[test]
fn geoinzicht_never_panics() {
    let seed = fixture("geoinzicht/wijken_2024.geojson");
    fuzz("geoinzicht::read_wijken", &seed, |b| {
        let (_keep, root) = scratch(geoinzicht::WIJKEN_FILE, b);
        let mut src = SourceDir::open(&root).unwrap();
        let _ = geoinzicht::read_wijken(&mut src);
    });
    let seed = fixture("geoinzicht/gemeenten_2022.geojson");
    fuzz("geoinzicht::read_gemeenten_2022", &seed, |b| {
        let (_keep, root) = scratch(geoinzicht::GEMEENTEN_2022_FILE, b);
        let mut src = SourceDir::open(&root).unwrap();
        let _ = geoinzicht::read_gemeenten_2022(&mut src);
    });
}
