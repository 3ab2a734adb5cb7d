//! Issue 15, item 1, in a real headless Chromium: place names on the map from our own data.
//! Gemeente names at the national zoom, buurt names zoomed in, none overlapping, switched off
//! with "Plaatsnamen op de kaart" (`namen=0` in the URL), and in the SVG export. Screenshots at
//! desktop and phone size, light and dark, under `target/screenshots/`.

mod support;

use std::time::{Duration, Instant};
use support::{Browser, BrowserOptions};

/// The names the map wrote in its last draw (the renderer's `data-names`).
async fn names(b: &Browser) -> Vec<String> {
    let list: String = b
        .js("const m = document.querySelector('.map-canvas'); return m ? m.dataset.names || '' : '';")
        .await;
    list.split('|')
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// Waits until the map has written a name satisfying `ok`; returns the names.
async fn wait_for_names(b: &Browser, what: &str, ok: impl Fn(&[String]) -> bool) -> Vec<String> {
    let start = Instant::now();
    loop {
        let n = names(b).await;
        if ok(&n) {
            return n;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{what}: the map wrote {n:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn gemeente_names_far_out_buurt_names_close_in_and_a_switch() {
    let b = Browser::start(1280, 800).await;
    b.goto("/").await;
    b.wait_for_mark("choropleth-ready").await;
    let national = wait_for_names(&b, "national view", |n| {
        n.iter().any(|s| s == "Amsterdam") && n.iter().any(|s| s == "Rotterdam")
    })
    .await;
    println!(
        "national view: {} names, first {:?}",
        national.len(),
        &national[..8.min(national.len())]
    );
    // The largest gemeenten go first; the map is not littered with every gemeente.
    assert_eq!(
        national[0], "Amsterdam",
        "ranked by inhabitants: {national:?}"
    );
    assert!(national.len() < 160, "{} names", national.len());
    b.screenshot("names-national-desktop-light").await;

    // Close in on a buurt of Amsterdam: buurt names, no gemeente names.
    let (index, _) = support::places::shapes("buurt");
    let row = index
        .codes
        .iter()
        .position(|c| c == "BU0363AF01")
        .expect("a buurt of the Jordaan");
    let name = index.names[row].clone();
    b.goto("/buurt/BU0363AF01").await;
    let close = wait_for_names(&b, "zoomed in on a buurt", |n| {
        n.len() >= 3 && !n.iter().any(|s| s == "Amsterdam")
    })
    .await;
    println!("zoomed in on {name}: {close:?}");
    let scale: f64 = b
        .js("return +document.querySelector('.map-canvas').dataset.scale;")
        .await;
    assert!(
        scale >= 55.0,
        "buurt names from 55 px/km, the view is at {scale}"
    );
    let buurt_names: std::collections::HashSet<&str> =
        index.names.iter().map(String::as_str).collect();
    assert!(
        close.iter().all(|n| buurt_names.contains(n.as_str())),
        "only buurt names: {close:?}"
    );
    b.screenshot("names-buurt-desktop-light").await;

    // The switch: off writes nothing and says so in the URL; on again brings them back.
    b.click("#names-toggle").await;
    b.wait_for_path("/buurt/BU0363AF01?namen=0").await;
    wait_for_names(&b, "names switched off", |n| n.is_empty()).await;
    b.click("#names-toggle").await;
    b.wait_for_path("/buurt/BU0363AF01").await;
    wait_for_names(&b, "names switched on again", |n| !n.is_empty()).await;

    // The SVG export carries the names the map wrote.
    let written = names(&b).await;
    let svg: String = b
        .js("return new Promise(done => {
                const orig = URL.createObjectURL;
                URL.createObjectURL = blob => { blob.text().then(done); URL.createObjectURL = orig; return orig(blob); };
                document.querySelector('.export-svg').click();
            });")
        .await;
    let in_svg = written
        .iter()
        .filter(|n| {
            svg.contains(&format!(
                ">{}</text>",
                n.replace('&', "&amp;").replace('\'', "&#39;")
            ))
        })
        .count();
    assert_eq!(
        in_svg,
        written.len(),
        "every name written is in the SVG: {written:?}"
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn names_on_a_phone_in_the_dark() {
    let b = Browser::start_with(BrowserOptions {
        width: 390,
        height: 844,
        dark: true,
        ..Default::default()
    })
    .await;
    b.goto("/gemeente/GM0599").await;
    b.wait_for_mark("choropleth-ready").await;
    let n = wait_for_names(&b, "Rotterdam on a phone", |n| n.len() >= 2).await;
    println!("Rotterdam on a phone: {n:?}");
    b.screenshot("names-rotterdam-phone-dark").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_embed_names_its_own_areas_and_namen_0_switches_them_off() {
    let b = Browser::start(800, 600).await;
    b.goto("/embed/gemeente/GM0344?indicator=lbm_klasse&niveau=buurt")
        .await;
    b.wait_for_mark("choropleth-ready").await;
    // The names come from the gemeente's pack: wijken of Utrecht, nothing outside it.
    let n = wait_for_names(&b, "Utrecht embed", |n| n.iter().any(|s| s == "Overvecht")).await;
    println!("Utrecht embed: {n:?}");
    assert!(
        !n.iter().any(|s| s == "Nieuwegein" || s == "Zeist"),
        "{n:?}"
    );
    b.screenshot("names-embed-utrecht-desktop-light").await;

    b.goto("/embed/gemeente/GM0344?indicator=lbm_klasse&niveau=buurt&namen=0")
        .await;
    b.wait_for_mark("choropleth-ready").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(names(&b).await.is_empty());
    b.close().await;
}
