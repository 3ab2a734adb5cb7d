//! The search index over the real `public/data/*.areas.json`: folding, ranking, postcodes and
//! speed on all ~18,000 names.

use buurtkaart_core::search::{normalize, IndexBuilder, SearchIndex};
use buurtkaart_model::{AreaIndex, Level};
use std::time::Instant;

fn areas(level: &str) -> AreaIndex {
    let file = format!("{level}.areas.json");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/data");
    let path = buurtkaart_model::naming::find_in(&dir, &file)
        .unwrap_or_else(|| panic!("no {file} in {}", dir.display()));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    AreaIndex::from_json(&file, &text).unwrap()
}

fn index() -> SearchIndex {
    SearchIndex::from_areas(&areas("gemeente"), &areas("wijk"), &areas("buurt"))
}

/// Built a slice at a time (as the page does, between frames), the index is the same.
#[test]
fn built_in_slices_it_finds_the_same() {
    let (g, w, b) = (areas("gemeente"), areas("wijk"), areas("buurt"));
    let mut builder = IndexBuilder::new(&g);
    for (index, level) in [(&g, Level::Gemeente), (&w, Level::Wijk), (&b, Level::Buurt)] {
        for start in (0..index.len()).step_by(997) {
            builder.add(index, level, start..start + 997);
        }
    }
    // Rows past the end are ignored.
    builder.add(&b, Level::Buurt, b.len()..b.len() + 10);
    let sliced = builder.finish();
    let whole = index();
    assert_eq!(sliced.len(), whole.len());
    for q in [
        "osdorp", "1068", "bergen", "Domplein", "den haag", "sudwest", "GM0344", "utrcht",
    ] {
        let names = |i: &SearchIndex| -> Vec<(String, String)> {
            i.search(q, 10)
                .iter()
                .map(|h| {
                    (
                        h.entry.code.clone(),
                        h.entry.gemeente.clone().unwrap_or_default(),
                    )
                })
                .collect()
        };
        assert_eq!(names(&sliced), names(&whole), "{q}");
    }
}

#[test]
fn every_area_is_indexed() {
    let idx = index();
    let expected = areas("gemeente").len() + areas("wijk").len() + areas("buurt").len();
    assert_eq!(idx.len(), expected);
    assert!(idx.len() > 18_000, "{}", idx.len());
}

#[test]
fn osdorp_finds_the_wijken_first() {
    let hits = index().search("osdorp", 8);
    let names: Vec<&str> = hits.iter().map(|h| h.entry.name.as_str()).collect();
    assert!(names.len() >= 5, "{names:?}");
    assert_eq!(hits[0].entry.level, Level::Wijk, "{names:?}");
    assert!(
        names[..2].contains(&"Osdorp-Oost") && names[..2].contains(&"Osdorp-Midden"),
        "{names:?}"
    );
    assert!(
        hits.iter()
            .all(|h| normalize(&h.entry.name).contains("osdorp")),
        "{names:?}"
    );
    // Names that merely contain the query ("Losdorp") come after every word match.
    let first_substring = hits.iter().position(|h| h.tier == 7).unwrap_or(hits.len());
    assert!(
        hits[..first_substring]
            .iter()
            .all(|h| h.entry.gemeente.as_deref() == Some("Amsterdam")),
        "the Osdorp word matches are all in Amsterdam: {names:?}"
    );
    assert!(
        hits[first_substring..].iter().all(|h| h.tier == 7),
        "{names:?}"
    );
    // Whole-word prefixes rank above prefixes inside a word (Osdorpplein, Osdorper …).
    let pos_zuidoost = names.iter().position(|n| *n == "Osdorp-Zuidoost");
    let pos_plein = names.iter().position(|n| n.starts_with("Osdorpplein"));
    assert!(pos_zuidoost < pos_plein || pos_plein.is_none(), "{names:?}");
}

#[test]
fn s_hertogenbosch_without_punctuation() {
    let idx = index();
    for q in [
        "s hertogenbosch",
        "'s-Hertogenbosch",
        "S-HERTOGENBOSCH",
        "shertogenbosch",
    ] {
        let hits = idx.search(q, 5);
        assert_eq!(
            hits.first().map(|h| h.entry.code.as_str()),
            Some("GM0796"),
            "{q}"
        );
        assert_eq!(hits[0].entry.level, Level::Gemeente);
    }
}

#[test]
fn diacritics_and_case_are_folded() {
    let idx = index();
    let with = idx.search("Súdwest-Fryslân", 3);
    let without = idx.search("sudwest fryslan", 3);
    assert!(!with.is_empty());
    assert_eq!(with[0].entry.code, without[0].entry.code);
    assert_eq!(with[0].entry.code, "GM1900");
}

#[test]
fn gemeente_names_rank_above_buurten_of_the_same_name() {
    let hits = index().search("utrecht", 5);
    assert_eq!(
        hits[0].entry.code,
        "GM0344",
        "{:?}",
        hits.iter().map(|h| &h.entry.name).collect::<Vec<_>>()
    );
}

#[test]
fn postcode_finds_buurten_and_says_so() {
    let idx = index();
    let hits = idx.search("1068", 20);
    assert!(!hits.is_empty());
    for h in &hits {
        assert_eq!(h.entry.level, Level::Buurt);
        assert_eq!(h.via_postcode.as_deref(), Some("1068"));
        assert_eq!(h.entry.postcode.as_deref(), Some("1068"));
    }
    assert_eq!(idx.search("1068 AB", 20).len(), hits.len());
}

#[test]
fn a_query_takes_milliseconds() {
    let t = Instant::now();
    let idx = index();
    let built = t.elapsed();
    let t = Instant::now();
    for q in [
        "a",
        "ce",
        "centrum",
        "osdorp",
        "s hertogenbosch",
        "1068",
        "zzzz",
        "wijk 01",
    ] {
        let _ = idx.search(q, 8);
    }
    let per_query = t.elapsed() / 8;
    // Generous bounds for an unoptimised test build on a busy machine.
    assert!(built.as_millis() < 3_000, "built in {built:?}");
    assert!(per_query.as_millis() < 200, "{per_query:?} per query");
}

/// The app's small fold table (`search::fold`) must fold every real name as a full
/// transliteration (`deunicode`) would, so no name becomes unfindable by typing it plainly.
#[test]
fn fold_table_matches_a_full_transliteration_on_every_name() {
    let full = |s: &str| normalize(&deunicode::deunicode(s));
    let mut checked = 0;
    for level in ["gemeente", "wijk", "buurt"] {
        for name in &areas(level).names {
            assert_eq!(normalize(name), full(name), "{level} {name:?}");
            checked += usize::from(!name.is_ascii());
        }
    }
    assert!(checked > 50, "only {checked} names with diacritics");
}

/// The first hit's name for `query`.
fn first(idx: &SearchIndex, query: &str) -> String {
    idx.search(query, 5)
        .first()
        .map(|h| h.entry.name.clone())
        .unwrap_or_default()
}

#[test]
fn names_people_use_find_the_official_gemeente_first() {
    let idx = index();
    // Issue 15: "Den Haag" offered a buurt in Capelle aan den IJssel, "den bosch" Oudenbosch.
    assert_eq!(first(&idx, "Den Haag"), "'s-Gravenhage");
    assert_eq!(first(&idx, "den bosch"), "'s-Hertogenbosch");
    assert_eq!(first(&idx, "The Hague"), "'s-Gravenhage");
    assert_eq!(first(&idx, "Ljouwert"), "Leeuwarden");
    // "Bergen": both gemeenten Bergen before the buurten called Bergen.
    let hits = idx.search("Bergen", 6);
    let top: Vec<&str> = hits[..2].iter().map(|h| h.entry.name.as_str()).collect();
    assert!(
        hits[..2].iter().all(|h| h.entry.level == Level::Gemeente),
        "{top:?}"
    );
    assert!(
        top.contains(&"Bergen (NH.)") && top.contains(&"Bergen (L.)"),
        "{top:?}"
    );
}

#[test]
fn every_alias_points_at_its_official_name() {
    let gemeenten = areas("gemeente");
    for (code, official, _) in buurtkaart_core::search::aliases::ALIASES {
        let row = gemeenten.codes.iter().position(|c| c == code);
        let name = row.map(|r| gemeenten.names[r].as_str());
        assert_eq!(name, Some(*official), "{code}");
    }
}

#[test]
fn a_near_miss_suggests_the_name_meant() {
    let idx = index();
    // Two letters swapped in "Oosterdokseiland"; nothing contains the query, so the closest
    // names come.
    let hits = idx.search("Oosterdoksieland", 5);
    let names: Vec<&str> = hits.iter().map(|h| h.entry.name.as_str()).collect();
    assert!(hits.iter().all(|h| h.tier == 8), "{names:?}");
    assert_eq!(names.first(), Some(&"Oosterdokseiland"), "{names:?}");
    // A real match never comes with near misses.
    assert!(idx.search("Oosterdok", 10).iter().all(|h| h.tier < 8));
}
