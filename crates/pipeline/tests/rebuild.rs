//! Rebuilds the real data from `../shared/data` (or `$BUURTKAART_SOURCE`) and compares it
//! byte for byte with the committed `public/data/`. Skipped when the source folder is absent.

use buurtkaart_model::{Level, Topology};
use buurtkaart_pipeline::{check, default_source, repo_root, BuildOptions};

#[test]
fn committed_output_matches_a_fresh_build() {
    let source = default_source();
    if !source.join("thuisscan-lbm").exists() {
        eprintln!("skipped: source folder {} not found", source.display());
        return;
    }
    let out = repo_root().join("public/data");
    let built = check(
        &BuildOptions {
            source,
            progress: false,
        },
        &out,
        Some(&repo_root().join("index.html")),
    )
    .unwrap_or_else(|e| panic!("{e}\nrun: cargo run --release -p buurtkaart-pipeline -- build"));

    // Done-when counts of issue 3.
    let counts: Vec<(Level, usize, usize)> = built
        .summary
        .levels
        .iter()
        .map(|l| (l.level, l.areas, l.with_geometry))
        .collect();
    assert_eq!(
        counts,
        vec![
            (Level::Gemeente, 342, 342),
            (Level::Wijk, 3474, 3474),
            (Level::Buurt, 14574, 12147)
        ]
    );
    let buurt = &built.summary.levels[2];
    assert_eq!(buurt.columns["lbm_klasse"], 12147);
    assert!(built.joined.history.wijken.len() > 3000);
    assert!(
        built.summary.first_view_gzip() <= 1_500_000,
        "{}",
        built.summary.first_view_gzip()
    );

    // No buurt vanished: every one keeps a ring with area.
    let file = built.names.name("buurt.topo.json");
    let text = String::from_utf8(built.output.files[&file].clone()).unwrap();
    let topo = Topology::from_json("buurt.topo.json", &text).unwrap();
    let abs = topo.absolute_arcs();
    let geoms = &topo.objects["buurt"].geometries;
    assert_eq!(geoms.len(), 12147);
    for g in geoms {
        let has_area = g.polygons().iter().any(|p| {
            let r = Topology::ring(&abs, &p[0]);
            r.windows(2)
                .map(|w| w[0][0] as i64 * w[1][1] as i64 - w[1][0] as i64 * w[0][1] as i64)
                .sum::<i64>()
                > 0
        });
        assert!(has_area, "{} vanished", g.id());
    }
    // Shared borders are stored once: most boundary length belongs to shared arcs.
    let shared = buurtkaart_pipeline::measure::shared_length(&topo);
    assert!(shared > 0.6, "{shared}");
}
