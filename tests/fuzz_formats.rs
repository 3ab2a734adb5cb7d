//! Property tests ("fuzzing" on stable) for the parsers of the app's own data format and of the
//! URL: whatever the input, they return `Ok` or `Err` and never panic.
//!
//! Inputs: arbitrary bytes and strings, JSON-ish token soup, and mutations (byte flips, cuts,
//! splices, duplicated spans, swapped numbers) of the real files in `public/data/`.
//!
//! ```text
//! cargo test --release --test fuzz_formats                          # 2,000 cases per target
//! FUZZ_SECONDS=600 cargo test --release --test fuzz_formats topology_never_panics -- --exact --nocapture
//! FUZZ_SEED=12345 cargo test --release --test fuzz_formats           # replay one seed
//! scripts/fuzz-long 600                                             # every target, 10 min each
//! ```
//!
//! A failing case prints its seed and the input (shortened); put the input into
//! [`REGRESSIONS`] so it is checked on every run. The driver (PRNG, mutations, run loop and
//! the `FUZZ_*` variables) is `tests/fuzzing/mod.rs`, shared with the pipeline's fuzz tests.

use buurtkaart::state::ViewState;
use buurtkaart_model::{AreaCode, AreaIndex, Manifest, Topology, ValueTable};
use fuzzing::{mutated, Rng};

mod fuzzing;

/// Inputs that once broke a parser (or are nasty enough to keep): checked on every run.
const REGRESSIONS: &[&str] = &[
    "",
    "{",
    "null",
    "[]",
    "{}",
    "\u{0}",
    "GM",
    "GMé",
    "BU\u{1F600}\u{1F600}",
    "wk0363af",
    "{\"type\":\"Topology\",\"arcs\":[[[0,0]]],\"objects\":{\"buurt\":{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"Polygon\",\"id\":\"BU1\",\"arcs\":[[-2147483648]]}]}}}",
    "{\"type\":\"Topology\",\"arcs\":[],\"objects\":{\"x\":{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"MultiPolygon\",\"id\":\"GM0001\",\"arcs\":[[[99999999999]]]}]}}}",
    "{\"level\":\"buurt\",\"columns\":{\"a\":{\"decimals\":255,\"values\":[9223372036854775807,-9223372036854775808]}}}",
    "{\"level\":\"buurt\",\"codes\":[\"BU1\"],\"names\":[],\"postcodes\":[]}",
];

const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "null",
    "true",
    "false",
    "0",
    "-1",
    "1e308",
    "-1e400",
    "NaN",
    "Infinity",
    "1.5",
    "9999999999999999999999",
    "\"type\"",
    "\"Topology\"",
    "\"arcs\"",
    "\"objects\"",
    "\"geometries\"",
    "\"Polygon\"",
    "\"MultiPolygon\"",
    "\"id\"",
    "\"level\"",
    "\"buurt\"",
    "\"wijk\"",
    "\"gemeente\"",
    "\"codes\"",
    "\"names\"",
    "\"postcodes\"",
    "\"columns\"",
    "\"values\"",
    "\"decimals\"",
    "\"format_version\"",
    "\"levels\"",
    "\"indicators\"",
    "\"transform\"",
    "\"scale\"",
    "\"translate\"",
    "\"BU0363AF08\"",
    "\"GM0344\"",
    "-99997",
    "-99999999",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "\"<script>\"",
    " ",
    "\n",
];

/// Arbitrary bytes, JSON token soup or a mutation of `seed_files`.
fn input(rng: &mut Rng, seed_files: &[String]) -> Vec<u8> {
    match rng.below(4) {
        0 => rng.bytes(200),
        1 => {
            let mut s = String::new();
            for _ in 0..rng.below(80) {
                let t: &str = rng.pick::<&str>(TOKENS);
                s.push_str(t);
            }
            s.into_bytes()
        }
        _ => {
            let seed = rng.pick(seed_files).clone();
            mutated(rng, TOKENS, seed.as_bytes())
        }
    }
}

/// Keeps real files small enough for many cases: the first `n` bytes, closed where it is easy.
fn sample(file: &str, n: usize) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data");
    let path = buurtkaart_model::naming::find_in(&dir, file)
        .unwrap_or_else(|| panic!("no {file} in {}", dir.display()));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if text.len() <= n {
        text
    } else {
        let mut end = n;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text[..end].to_string()
    }
}

/// Runs `parse` on the regressions, the seed files and the generated inputs (as UTF-8, lossily),
/// failing if any of them panics.
fn fuzz(name: &str, seed_files: &[String], parse: impl Fn(&str)) {
    let fixed: Vec<&[u8]> = REGRESSIONS
        .iter()
        .map(|r| r.as_bytes())
        .chain(seed_files.iter().map(|f| f.as_bytes()))
        .collect();
    fuzzing::run(
        name,
        2_000,
        &fixed,
        |rng| input(rng, seed_files),
        |bytes| parse(&String::from_utf8_lossy(bytes)),
    );
}

#[test]
fn topology_never_panics() {
    // Whole small files (the gemeente topology is the smallest) and the head of a big one.
    let seeds = vec![
        sample("gemeente.topo.json", 4_000),
        sample("wijk.topo.json", 2_000),
    ];
    let hand = r#"{"type":"Topology","transform":{"scale":[1,1],"translate":[0,0]},"arcs":[[[0,0],[1,0],[0,1],[-1,-1]]],"objects":{"buurt":{"type":"GeometryCollection","geometries":[{"type":"Polygon","id":"BU00140000","arcs":[[0]]},{"type":"MultiPolygon","id":"BU00140001","arcs":[[[~0]]]}]}}}"#;
    let mut seeds = seeds;
    seeds.push(hand.replace("~0", "-1"));
    fuzz("Topology::from_json", &seeds, |t| {
        if let Ok(topo) = Topology::from_json("x.topo.json", t) {
            // The checked arc references must be safe to follow.
            for coll in topo.objects.values() {
                for g in &coll.geometries {
                    for poly in g.polygons() {
                        for &a in poly.iter().flatten() {
                            let idx = if a < 0 { !(a as i64) } else { a as i64 };
                            assert!((idx as usize) < topo.arcs.len());
                        }
                    }
                }
            }
        }
    });
}

#[test]
fn area_index_never_panics_and_keeps_columns_aligned() {
    let seeds = vec![sample("gemeente.areas.json", 100_000)];
    fuzz("AreaIndex::from_json", &seeds, |t| {
        if let Ok(i) = AreaIndex::from_json("x.areas.json", t) {
            assert_eq!(i.codes.len(), i.names.len(), "codes and names line up");
            assert!(
                i.postcodes.is_empty() || i.codes.len() == i.postcodes.len(),
                "codes and postcodes line up (postcodes may be left out)"
            );
        }
    });
}

#[test]
fn value_table_never_panics() {
    let seeds = vec![
        sample("gemeente.lbm.json", 100_000),
        sample("gemeente.cbs.json", 100_000),
    ];
    fuzz("ValueTable::from_json", &seeds, |t| {
        if let Ok(table) = ValueTable::from_json("x.lbm.json", t) {
            let rows = table
                .columns
                .values()
                .map(|c| c.values.len())
                .max()
                .unwrap_or(0);
            for id in table.columns.keys() {
                for row in 0..rows + 2 {
                    let _ = table.get(id, row);
                }
            }
        }
    });
}

#[test]
fn manifest_never_panics() {
    let seeds = vec![sample("manifest.json", 1_000_000)];
    fuzz("Manifest", &seeds, |t| {
        if let Ok(m) = serde_json::from_str::<Manifest>(t) {
            for l in [
                buurtkaart_model::Level::Gemeente,
                buurtkaart_model::Level::Wijk,
                buurtkaart_model::Level::Buurt,
            ] {
                let _ = m.level(l);
            }
            for ind in &m.indicators {
                let _ = m.indicator(&ind.id);
            }
            for k in 0..=10 {
                let _ = m.lbm_class(k);
            }
        }
    });
}

#[test]
fn area_code_never_panics_and_round_trips() {
    let seeds: Vec<String> = [
        "BU0363AF08",
        "WK036300",
        "GM0344",
        "bu0014 0000",
        " GM0014 ",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    fuzz("AreaCode::parse", &seeds, |t| {
        if let Ok(c) = AreaCode::parse(t) {
            let again = AreaCode::parse(c.as_str()).expect("a parsed code parses again");
            assert_eq!(again, c);
            let _ = c.gemeente();
            let _ = c.wijk();
        }
    });
}

#[test]
fn view_state_from_url_never_panics_and_round_trips() {
    let seeds: Vec<String> = [
        "/buurt/BU0363AF08?indicator=woz&niveau=auto&lang=en&palet=alt",
        "/gemeente/GM0344?vergelijk=WK036300",
        "/wijk/GM0344?niveau=straat",
        "/?indicator=%00%FF%E2",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    fuzz("ViewState::from_url", &seeds, |t| {
        let (path, query) = t.split_once('?').unwrap_or((t, ""));
        let pairs: Vec<(String, String)> = query
            .split('&')
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                (k.to_string(), v.to_string())
            })
            .collect();
        let (v, _notices) = ViewState::from_url(path, &pairs);
        // What the app writes back into the address bar reads back to the same view.
        let url = v.to_url();
        let (p2, q2) = url.split_once('?').unwrap_or((&url, ""));
        let pairs2: Vec<(String, String)> = q2
            .split('&')
            .filter(|s| !s.is_empty())
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                (k.to_string(), v.to_string())
            })
            .collect();
        let (v2, n2) = ViewState::from_url(p2, &pairs2);
        assert_eq!(v2, v, "round trip of {url}");
        assert!(n2.is_empty(), "no notices for our own URL {url}: {n2:?}");
    });
}
