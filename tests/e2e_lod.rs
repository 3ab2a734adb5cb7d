//! Issue 14 in a real headless Chromium: levels of detail. An embed fetches only its own
//! gemeente's files; a selected area and a zoomed-in view get the full-detail geometry of their
//! gemeenten (and only of those); `index.html` preloads exactly the files the app asks for first.

mod support;

use buurtkaart_model::naming::logical_name;
use buurtkaart_model::Manifest;
use std::collections::BTreeSet;
use std::time::{Duration, Instant};
use support::Browser;

/// The data files the server answered, by logical name (relative to `data/`, no query).
fn served(b: &Browser) -> Vec<String> {
    b.requests().iter().filter_map(|r| r.data_file()).collect()
}

fn manifest() -> Manifest {
    serde_json::from_str(&support::data_file("manifest.json")).expect("manifest")
}

/// Bytes of the data files `files` in the build.
fn bytes(files: &[String]) -> u64 {
    let dist = support::dist_dir();
    files
        .iter()
        .map(|f| {
            std::fs::metadata(support::data_path(&dist.join("data"), f)).map_or(0, |m| m.len())
        })
        .sum()
}

/// The stored vertices of the drawn layer (`data-vertices` of the map).
async fn vertices(b: &Browser) -> u64 {
    b.js("return +(document.querySelector('.map-canvas').dataset.vertices || 0);")
        .await
}

/// Waits until `cond` holds for the served files, or panics with `what`.
async fn wait_served(b: &Browser, what: &str, cond: impl Fn(&[String]) -> bool) {
    let start = Instant::now();
    while !cond(&served(b)) {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{what}; served: {:?}",
            served(b)
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn embeds_fetch_only_their_gemeentes_files() {
    for (path, g, drawn) in [
        ("/embed/gemeente/GM0599", "GM0599", "buurt"),
        ("/embed/buurt/BU0363KA05", "GM0363", "buurt"),
        ("/embed/gemeente/GM0014?niveau=wijk", "GM0014", "wijk"),
    ] {
        let b = Browser::start(640, 520).await;
        b.goto(path).await;
        b.wait_for_mark("choropleth-ready").await;
        b.wait_for(&format!(".map-canvas[data-level='{drawn}']"))
            .await;
        let files = served(&b);
        let foreign: Vec<&String> = files
            .iter()
            .filter(|f| *f != "manifest.json" && !f.contains(g))
            .collect();
        assert!(
            foreign.is_empty(),
            "{path} fetched {foreign:?} (all: {files:?})"
        );
        for want in [format!("pack/{g}.json"), format!("geo/{drawn}/{g}.json")] {
            assert!(
                files.contains(&want),
                "{path}: {want} not fetched: {files:?}"
            );
        }
        println!(
            "{path}: {} files, {} bytes raw: {files:?}",
            files.len(),
            bytes(&files)
        );
        assert!(
            b.console_errors().await.is_empty(),
            "{path}: console errors"
        );
        b.close().await;
    }
}

#[tokio::test]
async fn a_selected_buurt_is_drawn_with_its_gemeentes_detail() {
    let b = Browser::start(1280, 800).await;
    b.goto("/buurt/BU0363KA05").await;
    b.wait_for_mark("choropleth-ready").await;
    wait_served(&b, "the detail of Amsterdam is fetched", |f| {
        f.iter().any(|f| f == "geo/buurt/GM0363.json")
    })
    .await;
    b.wait_for_mark("buurtkaart:detail:buurt").await;
    let overview = support::places::shapes("buurt").1.vertices as u64;
    let start = Instant::now();
    while vertices(&b).await <= overview {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "detail never drawn"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let others: Vec<String> = served(&b)
        .into_iter()
        .filter(|f| f.starts_with("geo/"))
        .filter(|f| !f.contains("GM0363"))
        .collect();
    println!("also in detail (neighbours in view): {others:?}");
    b.screenshot("lod-selected-buurt-detail").await;
    b.close().await;
}

#[tokio::test]
async fn zooming_in_loads_the_detail_of_the_gemeenten_in_view_only() {
    let b = Browser::start(1280, 800).await;
    b.goto("/").await;
    b.wait_for_mark("choropleth-ready").await;
    let at_start: Vec<String> = served(&b);
    assert!(
        !at_start.iter().any(|f| f.starts_with("geo/")),
        "the national view fetched detail: {at_start:?}"
    );
    b.zoom_in_to(manifest().detail_scale).await;
    wait_served(&b, "detail is fetched once zoomed in", |f| {
        f.iter().any(|f| f.starts_with("geo/buurt/"))
    })
    .await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    let gemeenten: BTreeSet<String> = served(&b)
        .iter()
        .filter_map(|f| f.strip_prefix("geo/buurt/"))
        .map(str::to_string)
        .collect();
    println!("gemeenten in detail: {} {gemeenten:?}", gemeenten.len());
    assert!(
        (1..=60).contains(&gemeenten.len()),
        "{} gemeenten in detail",
        gemeenten.len()
    );
    let overview = support::places::shapes("buurt").1.vertices as u64;
    assert!(vertices(&b).await > overview, "the detail is not drawn");
    b.screenshot("lod-zoomed-in-detail").await;
    b.close().await;
}

/// What `index.html` preloads and what the app asks for before its first full map (the data
/// files; the instant national map's image is the shell's own, see `e2e_instant`).
async fn preloaded_and_asked(b: &Browser) -> (BTreeSet<String>, BTreeSet<String>) {
    let (preloaded, asked): (Vec<String>, Vec<String>) = b
        .js(r#"
            const ready = performance.getEntriesByName('choropleth-ready', 'mark')[0].startTime;
            const pre = [...document.querySelectorAll('link[rel=preload][as=fetch]')]
                .map(l => l.href.split('/data/')[1]).filter(Boolean);
            const asked = performance.getEntriesByType('mark')
                .filter(m => m.name.startsWith('buurtkaart:asked:') && m.startTime <= ready)
                .map(m => m.name.slice(17));
            return [pre, asked];"#)
        .await;
    let logical = |names: Vec<String>| names.iter().map(|f| logical_name(f)).collect();
    (logical(preloaded), logical(asked))
}

#[tokio::test]
async fn index_html_preloads_what_the_app_asks_for_first() {
    for path in [
        "/",
        "/?niveau=wijk",
        "/?niveau=gemeente",
        "/?weergave=verandering",
        "/?indicator=woz",
        "/?niveau=wijk&indicator=inkomen",
        "/?indicator=lbm_afw",
        "/?niveau=gemeente&indicator=lbm_klasse",
        "/gemeente/GM0599",
        "/buurt/BU0363KA05",
        "/embed/gemeente/GM0599",
        "/embed/buurt/BU0363KA05",
    ] {
        let b = Browser::start(1280, 800).await;
        b.goto(path).await;
        b.wait_for_mark("choropleth-ready").await;
        let (preloaded, asked) = preloaded_and_asked(&b).await;
        println!("{path}: preloaded {preloaded:?}, asked {asked:?}");
        let wasted: Vec<_> = preloaded.difference(&asked).collect();
        assert!(
            wasted.is_empty(),
            "{path}: preloaded but not asked for: {wasted:?}"
        );
        // What the first map cannot do without must be preloaded: in an embed everything;
        // else the manifest, the gemeenten, and the drawn level's geometry, names and table.
        let level: String = b
            .js("return document.querySelector('.map-canvas').dataset.level;")
            .await;
        let group = if path.contains("indicator=") && !path.contains("indicator=lbm_") {
            "cbs"
        } else {
            "lbm"
        };
        let critical: BTreeSet<String> = asked
            .iter()
            .filter(|f| {
                path.starts_with("/embed/")
                    || [
                        "manifest.json".to_string(),
                        "gemeente.topo.json".into(),
                        "gemeente.areas.json".into(),
                        format!("{level}.topo.json"),
                        format!("{level}.areas.json"),
                        format!("{level}.{group}.json"),
                        format!("{level}.lbm_klasse.json"),
                    ]
                    .contains(f)
            })
            .cloned()
            .collect();
        let missing: Vec<_> = critical.difference(&preloaded).collect();
        assert!(
            missing.is_empty(),
            "{path}: asked for first but not preloaded: {missing:?}"
        );
        b.close().await;
    }
}

#[tokio::test]
async fn a_broken_detail_file_keeps_the_overview_and_offers_a_retry() {
    let b = Browser::start_with(support::BrowserOptions {
        faults: vec![support::Fault::status("geo/buurt/GM0363.json", 500)],
        ..Default::default()
    })
    .await;
    b.goto("/buurt/BU0363KA05").await;
    b.wait_for_mark("choropleth-ready").await;
    b.wait_for_text(".data-error", "GM0363").await;
    b.wait_for_text(".data-error .retry", "Opnieuw proberen")
        .await;
    // The rest keeps working: the overview is drawn, the panel shows the buurt.
    b.wait_for(".map-canvas[data-level='buurt']").await;
    let overview = support::places::shapes("buurt").1.vertices as u64;
    assert!(
        vertices(&b).await <= overview,
        "no detail while the file is broken"
    );
    b.wait_for_text(".panel", "Aalsmeerwegbuurt-Oost").await;
    b.screenshot("lod-broken-detail").await;

    b.set_faults(vec![]);
    b.click(".data-error .retry").await;
    b.wait_for_mark("buurtkaart:detail:buurt").await;
    let start = Instant::now();
    while vertices(&b).await <= overview {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "detail never drawn after retry"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let gone: bool = b.js("return !document.querySelector('.data-error');").await;
    assert!(gone, "the error box is gone after a successful retry");
    b.close().await;
}

#[tokio::test]
async fn an_embed_of_an_unknown_gemeente_says_so_and_fetches_nothing() {
    for (path, code) in [
        // A buurt embed shows its wijk, and names that.
        ("/embed/gemeente/GM9999", "GM9999"),
        ("/embed/buurt/BU9999ZZ01", "WK9999ZZ"),
        ("/embed/buurt/BU0363ZZ99", "WK0363ZZ"),
    ] {
        let b = Browser::start(640, 520).await;
        b.goto(path).await;
        b.wait_for_text(".embed-note[role='alert']", code).await;
        let message: String = b
            .js("return document.querySelector(\".embed-note[role='alert']\").textContent;")
            .await;
        assert!(message.contains("niet gevonden"), "{path}: {message:?}");
        let asked: Vec<String> = b
            .js(
                "return performance.getEntriesByType('mark').map(m => m.name)
                   .filter(n => n.startsWith('buurtkaart:asked:')).map(n => n.slice(17));",
            )
            .await;
        if code.contains("9999") {
            assert_eq!(asked, ["manifest.json"], "{path}: asked {asked:?}");
        }
        let error: bool = b
            .js("return !!document.querySelector('.data-error');")
            .await;
        assert!(!error, "{path}: a data error instead of 'not found'");
        let text: String = b.js("return document.body.innerText;").await;
        assert!(
            !text.contains("laden"),
            "{path}: still says it is loading: {text:?}"
        );
        b.close().await;
    }
}
