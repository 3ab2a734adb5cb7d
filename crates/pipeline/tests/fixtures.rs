//! Builds from the tiny fixture source tree: parsing, joining, missing values, determinism,
//! geometry invariants and the format round trip.

mod common;

use buurtkaart_model::naming::logical_name;
use buurtkaart_model::{
    AreaIndex, GemeenteDetail, Level, Manifest, Provenance, Topology, ValueTable, WijkHistory,
    FORMAT_VERSION,
};
use common::{build_from, fixture, text};

fn good() -> buurtkaart_pipeline::Built {
    build_from(&fixture("good")).expect("the good fixture builds")
}

#[test]
fn levels_hold_every_area_sorted_by_code() {
    let b = good();
    let m: Manifest = serde_json::from_str(&text(&b, "manifest.json")).unwrap();
    assert_eq!(m.format_version, FORMAT_VERSION);
    let counts: Vec<(Level, usize, usize)> = m
        .levels
        .iter()
        .map(|l| (l.level, l.areas, l.with_geometry))
        .collect();
    // Wijken: 3 from CBS plus the water wijk with a boundary; "Buitenland" (GM0998) is skipped.
    assert_eq!(
        counts,
        vec![
            (Level::Gemeente, 2, 2),
            (Level::Wijk, 4, 4),
            (Level::Buurt, 5, 4)
        ]
    );
    let idx = AreaIndex::from_json("buurt.areas.json", &text(&b, "buurt.areas.json")).unwrap();
    assert_eq!(
        idx.codes,
        [
            "BU99010000",
            "BU99010001",
            "BU99010100",
            "BU99010101",
            "BU99020000"
        ]
    );
    assert_eq!(idx.names[3], "Bedrijventerrein");
    assert_eq!(idx.postcodes[0].as_deref(), Some("9901"));
    let w = AreaIndex::from_json("wijk.areas.json", &text(&b, "wijk.areas.json")).unwrap();
    assert_eq!(w.codes, ["WK990100", "WK990101", "WK990200", "WK990299"]);
    assert!(w.postcodes.is_empty());
}

#[test]
fn missing_values_stay_null_and_markers_are_missing() {
    let b = good();
    let lbm = ValueTable::from_json("buurt.lbm.json", &text(&b, "buurt.lbm.json")).unwrap();
    let cbs = ValueTable::from_json("buurt.cbs.json", &text(&b, "buurt.cbs.json")).unwrap();
    assert_eq!(lbm.rows, 5);
    // BU99010101 has no Leefbaarometer score, no inhabitants, and WOZ −99997 (a CBS marker).
    assert_eq!(lbm.get("lbm_klasse", 3), None);
    assert_eq!(cbs.get("inwoners", 3), None);
    assert_eq!(cbs.get("woz", 3), None);
    assert_eq!(cbs.get("pct_65plus", 3), None);
    assert_eq!(lbm.get("lbm_klasse", 0), Some(6.0));
    assert_eq!(lbm.get("lbm_afw", 1), Some(-0.12));
    assert_eq!(cbs.get("woz", 0), Some(310.0));
    assert_eq!(cbs.get("pct_65plus", 0), Some(20.0));
    assert!(text(&b, "buurt.cbs.json").contains("null"));
    // Income is null for every buurt here and is left out rather than written as zeros.
    assert!(!cbs.columns.contains_key("inkomen"));
}

#[test]
fn wijk_scores_come_from_the_history_only_where_code_and_name_agree() {
    let b = good();
    let h: WijkHistory = serde_json::from_str(&text(&b, "wijk.history.json")).unwrap();
    assert_eq!(h.years, vec![2002, 2014, 2022]);
    assert_eq!(h.wijken.len(), 1);
    assert_eq!(h.wijken[0].code, "WK990100"); // "Wijk 00 Centrum" = "Centrum"
    assert_eq!(h.wijken[0].won, vec![None, Some(0.05), Some(0.06)]); // NA → null
    let reasons: Vec<(&str, &str)> = h
        .excluded
        .iter()
        .map(|e| (e.code.as_str(), e.reason.as_str()))
        .collect();
    assert_eq!(
        reasons,
        vec![
            ("WK990101", "name_differs"),
            ("WK990300", "code_not_in_2024")
        ]
    );
    // The reference is the median of lbm − afw per year (in the real file 4,1023 every year).
    assert_eq!(h.reference_lbm, vec![Some(4.08), Some(4.09), Some(4.1)]);
    assert_eq!(h.national_mean.len(), h.years.len());
    assert_eq!(h.national_count.len(), h.years.len());
    let lbm = ValueTable::from_json("wijk.lbm.json", &text(&b, "wijk.lbm.json")).unwrap();
    assert_eq!(lbm.get("lbm_score", 0), Some(4.25));
    assert_eq!(lbm.get("lbm_afw", 0), Some(0.15));
    assert_eq!(
        lbm.get("lbm_afw", 1),
        None,
        "no score invented for WK990101"
    );
    assert!(
        !lbm.columns.contains_key("lbm_klasse"),
        "no wijk class from buurt classes"
    );
}

#[test]
fn the_yearly_national_mean_is_the_mean_of_every_row_of_the_history_file() {
    let b = good();
    let h: WijkHistory = serde_json::from_str(&text(&b, "wijk.history.json")).unwrap();
    // Computed here from the fixture CSV itself, not copied: every row of a year counts, also
    // WK990101 (name differs) and WK990300 (not in 2024), which have no series.
    let csv = std::fs::read_to_string(fixture(
        "good/ssp-leefbaarometer-wijken/Leefbaarometer-scores wijken 2002-2022.csv",
    ))
    .unwrap();
    let mut by_year: std::collections::BTreeMap<u16, Vec<f64>> = Default::default();
    for line in csv.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        by_year
            .entry(f[2].parse().unwrap())
            .or_default()
            .push(f[3].parse().unwrap());
    }
    assert_eq!(h.years, by_year.keys().copied().collect::<Vec<_>>());
    for (i, (year, vals)) in by_year.iter().enumerate() {
        let mean = vals.iter().sum::<f64>() / vals.len() as f64;
        let got = h.national_mean[i].unwrap();
        assert!((got - mean).abs() < 1e-6, "{year}: {got} vs {mean}");
        assert_eq!(h.national_count[i], vals.len(), "{year}");
    }
    // 2022: 4.25, 4.0 and 3.9 → 4.05 over 3 wijken; the attached wijk alone would give 4.25,
    // and the reference 4.1.
    assert_eq!(h.national_mean[2], Some(4.05));
    assert_eq!(h.national_count, vec![2, 2, 3]);
    assert!(b
        .summary
        .join
        .lines
        .iter()
        .any(|l| l.contains("2022 4.0500 (3)")));
    // The manifest's reference for the absolute score is that real mean of the last year.
    let m: Manifest = serde_json::from_str(&text(&b, "manifest.json")).unwrap();
    let score = m.indicators.iter().find(|i| i.id == "lbm_score").unwrap();
    let r = score.national.as_ref().unwrap();
    assert_eq!(r.value, 4.05);
    assert!(r
        .method
        .nl
        .starts_with("landelijk gemiddelde: ongewogen gemiddelde van alle wijken"));
}

#[test]
fn gemeente_figures_of_2022_attach_by_code_and_normalised_name() {
    let b = good();
    let cbs = ValueTable::from_json("gemeente.cbs.json", &text(&b, "gemeente.cbs.json")).unwrap();
    assert_eq!(cbs.get("huurcorporatie", 0), Some(25.0));
    // "Teststad" (2022) = "Teststad (Z.)" (2024).
    assert_eq!(cbs.get("huurcorporatie", 1), Some(31.0));
    let left = &b.summary.join.unjoined["gemeenten 2022 not attached"];
    assert_eq!(left.len(), 1);
    assert!(left[0].starts_with("GM9903"));
}

#[test]
fn manifest_describes_indicators_and_references() {
    let b = good();
    let m: Manifest = serde_json::from_str(&text(&b, "manifest.json")).unwrap();
    let k = m.indicator("lbm_klasse").unwrap();
    assert!(k.at(Level::Buurt).unwrap().breaks.is_empty());
    assert!(k.at(Level::Wijk).is_none());
    assert_eq!(m.lbm_classes.len(), 9);
    assert_eq!(m.lbm_class(9).unwrap().label.nl, "uitstekend");
    let afw = m.indicator("lbm_afw").unwrap();
    assert_eq!(afw.at(Level::Wijk).unwrap().year, 2022);
    assert_eq!(afw.national.as_ref().unwrap().value, 0.0);
    let breaks = &afw.at(Level::Buurt).unwrap().breaks;
    assert_eq!(breaks, &afw.at(Level::Gemeente).unwrap().breaks);
    assert!(breaks
        .iter()
        .zip(breaks.iter().rev())
        .all(|(a, b)| *a == -*b));
    let inw = m.indicator("inwoners").unwrap();
    assert_eq!(inw.higher_is_better, None);
    assert_eq!(inw.national.as_ref().unwrap().value, 30000.0);
    let crime = m.indicator("criminaliteit").unwrap();
    assert_eq!(crime.higher_is_better, Some(false));
    assert!(crime.at(Level::Wijk).is_none());
    // Provenance lives in its own file, which the app never reads.
    let p: Provenance = serde_json::from_str(&text(&b, &m.provenance_file)).unwrap();
    assert!(p
        .inputs
        .iter()
        .any(|f| f.path == "woonikveilig/gemeente/GM9901.json"));
    let paths: Vec<String> = p.files.iter().map(|f| logical_name(&f.path)).collect();
    assert!(paths.iter().any(|p| p == "buurt.topo.json"));
    assert!(!paths.iter().any(|p| p == "manifest.json"));
    assert!(p.files.iter().all(|f| b.output.files.contains_key(&f.path)));
    assert!(!text(&b, "manifest.json").contains("sha256"));
    assert!(
        !text(&b, "manifest.json").contains("2026-"),
        "no dates in the manifest"
    );
}

#[test]
fn detail_files_hold_the_yearly_series() {
    let b = good();
    let d: GemeenteDetail = serde_json::from_str(&text(&b, "detail/GM9901.json")).unwrap();
    let g = &d.areas["GM9901"];
    // The 2023 crime count is null in the source: left out, not 0.
    let years: Vec<u16> = g
        .crime
        .as_ref()
        .unwrap()
        .points
        .iter()
        .map(|p| p.0)
        .collect();
    assert_eq!(years, vec![2021, 2022, 2024, 2025]);
    assert_eq!(g.health.as_ref().unwrap().points.len(), 5);
    assert!(d.areas.contains_key("BU99010000"));
    assert!(!d.areas.contains_key("BU99010101"));
}

#[test]
fn same_input_gives_identical_bytes() {
    let a = good();
    let b = good();
    assert_eq!(a.output.files, b.output.files);
}

#[test]
fn no_area_vanishes_and_shared_borders_stay_shared() {
    let b = good();
    let topo = Topology::from_json("buurt.topo.json", &text(&b, "buurt.topo.json")).unwrap();
    let abs = topo.absolute_arcs();
    let geoms = &topo.objects["buurt"].geometries;
    assert_eq!(geoms.len(), 4);
    for g in geoms {
        let outer = Topology::ring(&abs, &g.polygons()[0][0]);
        assert!(outer.len() >= 4, "{}", g.id());
        assert_eq!(outer.first(), outer.last());
        let a2: i64 = outer
            .windows(2)
            .map(|w| w[0][0] as i64 * w[1][1] as i64 - w[1][0] as i64 * w[0][1] as i64)
            .sum();
        assert!(
            a2 > 0,
            "{} keeps a counter-clockwise outer ring with area",
            g.id()
        );
    }
    // The tiny second polygon of BU99020000 survives simplification.
    assert_eq!(geoms[3].polygons().len(), 2);
    // BU99010000 and BU99010001 were simplified differently by the publisher; after
    // snapping they refer to the same arc for their common border, in opposite directions.
    let arcs = |i: usize| -> Vec<i32> { geoms[i].polygons()[0][0].clone() };
    let (a, c) = (arcs(0), arcs(1));
    let shared: Vec<&i32> = a.iter().filter(|r| c.contains(&!**r)).collect();
    assert_eq!(shared.len(), 1, "{a:?} {c:?}");
    let s = b
        .summary
        .levels
        .iter()
        .find(|l| l.level == Level::Buurt)
        .unwrap();
    assert!(s.stats.snap.inserted >= 2, "{:?}", s.stats.snap);
}

#[test]
fn every_file_parses_with_the_model() {
    let b = good();
    for (file, bytes) in &b.output.files {
        let path = logical_name(file);
        if path.ends_with(".png") {
            // The instant national map (crates/pipeline/src/instant.rs).
            assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "{file} is no PNG");
            continue;
        }
        let t = std::str::from_utf8(bytes).unwrap();
        let ok = if path.ends_with(".topo.json") {
            Topology::from_json(file, t).map(|_| ())
        } else if path.ends_with(".areas.json") {
            AreaIndex::from_json(file, t).map(|_| ())
        } else if path.ends_with(".lbm.json") || path.ends_with(".cbs.json") {
            ValueTable::from_json(file, t).map(|_| ())
        } else {
            Ok(())
        };
        ok.unwrap_or_else(|e| panic!("{e}"));
    }
}
