//! Issue 8 in a real headless Chromium: axe-core finds no serious or critical violation on the
//! main screens (map, buurt panel, search open, embed, table view, share dialog, English, dark,
//! phone, the three views of issue 10, the trend view of issue 18); the table of areas is sortable and selects on the map; the whole map works from the
//! keyboard. The journeys (keys only, touch only), reduced motion, colour vision and contrast
//! live in `a11y/`.

mod a11y;
mod support;

use a11y::{check, ready, scale_above};
use std::time::Duration;
use support::{Browser, BrowserOptions};

#[tokio::test]
async fn axe_on_every_main_screen() {
    let mut counts = Vec::new();
    let b = Browser::start(1280, 800).await;
    ready(&b, "/").await;
    counts.push(("map", check(&b, "map").await));

    ready(&b, "/buurt/BU0363AF08").await;
    b.wait_for(".panel-name").await;
    counts.push(("buurt panel", check(&b, "buurt panel").await));

    let input = b.wait_for("#search").await;
    input
        .send_keys("osdorp")
        .await
        .expect("type in the search box");
    b.wait_for("#search-list:not([hidden]) [role='option']")
        .await;
    counts.push(("search open", check(&b, "search open").await));
    input
        .send_keys(&fantoccini::key::Key::Escape.to_string())
        .await
        .expect("Escape");

    b.click(".table-toggle").await;
    b.wait_for(".area-table tbody tr").await;
    counts.push(("table view", check(&b, "table view").await));

    b.click(".share-open").await;
    b.wait_for("dialog.share-dialog[open]").await;
    counts.push(("share dialog", check(&b, "share dialog").await));

    b.goto("/embed/buurt/BU0363AF08").await;
    b.wait_for_mark("choropleth-ready").await;
    b.wait_for(".embed-title").await;
    counts.push(("embed", check(&b, "embed").await));

    ready(&b, "/?lang=en").await;
    b.wait_for_text(".legend-title", "Liveability").await;
    counts.push(("English", check(&b, "English").await));

    // The views of issue 10, with their legends, lists and scatter plot.
    ready(&b, "/wijk/WK034401?weergave=verandering").await;
    b.wait_for(".change-list").await;
    counts.push(("change view", check(&b, "change view").await));
    ready(&b, "/buurt/BU0363FK05?weergave=huur").await;
    b.wait_for(".scatter-selected").await;
    counts.push(("tenure view", check(&b, "tenure view").await));
    ready(&b, "/?weergave=relatief&lang=en").await;
    b.wait_for(".view-panel").await;
    counts.push(("relative view", check(&b, "relative view").await));
    // The trend view of issue 18, in English, with a wijk's own line and the table.
    ready(&b, "/wijk/WK034401?weergave=trend&lang=en").await;
    b.wait_for(".trend-table td[data-line='wijk']").await;
    counts.push(("trend view", check(&b, "trend view").await));
    b.screenshot("trend-desktop-en").await;
    b.close().await;

    let dark = Browser::start_with(BrowserOptions {
        dark: true,
        ..Default::default()
    })
    .await;
    ready(&dark, "/gemeente/GM0344").await;
    let theme_dark: bool = dark
        .js("return getComputedStyle(document.body).backgroundColor !== 'rgb(246, 246, 244)';")
        .await;
    assert!(theme_dark, "dark mode did not follow prefers-color-scheme");
    counts.push(("dark (gemeente panel)", check(&dark, "dark").await));
    dark.screenshot("a11y-dark-desktop").await;
    dark.goto("/embed/gemeente/GM0344?dark=true").await;
    dark.wait_for_mark("choropleth-ready").await;
    dark.wait_for(".embed-title").await;
    counts.push(("dark embed", check(&dark, "dark embed").await));
    dark.close().await;

    let phone = Browser::start(390, 844).await;
    ready(&phone, "/buurt/BU0363AF08").await;
    phone.wait_for(".panel-name").await;
    counts.push(("phone (buurt panel)", check(&phone, "phone").await));
    phone.close().await;

    println!("| screen | axe violations (all impacts) |\n|---|---|");
    for (screen, n) in counts {
        println!("| {screen} | {n} |");
    }
}

#[tokio::test]
async fn table_sorts_and_selects_on_the_map() {
    let b = Browser::start(1280, 800).await;
    ready(&b, "/gemeente/GM0344?niveau=gemeente").await;
    // Zoomed to Utrecht at gemeente level: the table lists the gemeenten in view.
    b.click(".table-toggle").await;
    b.wait_for(".area-table tbody tr").await;
    b.click(".area-table thead th:nth-child(3) .sort").await; // value, descending first
    b.wait_for(".area-table thead th:nth-child(3)[aria-sort='descending']")
        .await;
    let values: Vec<String> = b
        .js("return [...document.querySelectorAll('.area-table tbody tr')].map(r => r.children[3].textContent);")
        .await;
    assert!(!values.is_empty());
    // Select the first row from the table: URL and panel follow.
    let (name, _): (String, String) = b
        .js("const r = document.querySelector('.area-table tbody tr'); return [r.querySelector('.row-select').textContent, r.children[1].textContent];")
        .await;
    b.click(".area-table tbody tr .row-select").await;
    b.wait_for_text(".panel-name", &name).await;
    let path = b.path().await;
    assert!(
        path.starts_with("/gemeente/GM"),
        "path after choosing from the table: {path}"
    );
    b.wait_for(".area-table tr[aria-current='true']").await;
    b.close().await;
}

#[tokio::test]
async fn keyboard_pans_zooms_and_selects_the_centre() {
    let b = Browser::start(1280, 800).await;
    ready(&b, "/gemeente/GM0344").await;
    let scale_js = "return +document.querySelector('.map-canvas').dataset.scale;";
    let before: f64 = b.js(scale_js).await;
    let map = b.wait_for(".map-canvas").await;
    map.send_keys("+").await.expect("type +");
    let after = scale_above(&b, before * 1.3).await;
    assert!(
        after > before * 1.3,
        "'+' did not zoom in: {before} → {after}"
    );
    // Arrow keys pan; the area under the centre is named in the tooltip (where the centre lies
    // on a buurt without a score there is none, so pan on until there is).
    let mut named = false;
    for _ in 0..12 {
        map.send_keys("\u{E015}").await.expect("arrow down");
        tokio::time::sleep(Duration::from_millis(300)).await;
        named = b
            .js("return !!document.querySelector('.tooltip-name');")
            .await;
        if named {
            break;
        }
    }
    assert!(
        named,
        "no area under the map centre after panning with the arrow keys"
    );
    let name: String = b
        .js("return document.querySelector('.tooltip-name').textContent;")
        .await;
    map.send_keys("\u{E007}").await.expect("Enter");
    let start = std::time::Instant::now();
    loop {
        let path = b.path().await;
        if path.starts_with("/buurt/BU") {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "Enter did not select a buurt: {path}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    b.wait_for_text(".panel-name", &name).await;
    b.close().await;
}
