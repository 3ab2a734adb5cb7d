//! Issue 16 item 3 in a real headless Chromium: on the national first view the static shell of
//! `index.html` shows the data pipeline's image of the map at once, in the app's own layout and
//! exactly where the live map will draw the country (phone and desktop, light and dark); the app
//! keeps it over the map until its own first draw is on screen, then removes it; a move before
//! that removes it too; other views get no image.

mod support;

use buurtkaart::carto::Projection;
use std::time::{Duration, Instant};
use support::{dist_dir, Browser, BrowserOptions, Fault, FaultKind};

/// Records, when the app has mounted, whether its map shows the image (the observer runs just
/// after the mark, well before the delayed geometry arrives).
const WATCH: &str = "window.__instantAtMount = null;
try {
  new PerformanceObserver(l => { for (const e of l.getEntries()) if (e.name === 'buurtkaart:mounted')
    window.__instantAtMount = !!document.querySelector('.map-canvas .map-instant'); })
    .observe({ type: 'mark', buffered: true });
} catch (_) {}";

/// The country's box on screen as the image draws it: `object-fit: contain` in its element.
const IMAGE_BOX: &str = "const i = document.querySelector(arguments[0]);
if (!i || !i.complete || !i.naturalWidth) return null;
const r = i.getBoundingClientRect();
const s = Math.min(r.width / i.naturalWidth, r.height / i.naturalHeight);
const w = i.naturalWidth * s, h = i.naturalHeight * s;
return [r.left + (r.width - w) / 2, r.top + (r.height - h) / 2, r.left + (r.width + w) / 2, r.top + (r.height + h) / 2];";

async fn poll<T: serde::de::DeserializeOwned>(
    b: &Browser,
    script: &str,
    what: &str,
    ok: impl Fn(&T) -> bool,
) -> T {
    let start = Instant::now();
    loop {
        let v: T = b.js(script).await;
        if ok(&v) {
            return v;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The manifest's bounding box, projected as the map's home view (`MapController::home`).
fn home_bounds() -> [f64; 4] {
    let text = std::fs::read_to_string(dist_dir().join("data/manifest.json")).unwrap();
    let m: serde_json::Value = serde_json::from_str(&text).unwrap();
    let b: Vec<f64> = m["bbox"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    Projection::default().project_box([b[0], b[1], b[2], b[3]])
}

/// The country's box on screen as the live map draws it (from the view it publishes).
async fn live_box(b: &Browser) -> [f64; 4] {
    let (left, top, width, height, scale, cx, cy): (f64, f64, f64, f64, f64, f64, f64) = b
        .js("const m = document.querySelector('.map-canvas'); const r = m.getBoundingClientRect();
             return [r.left, r.top, r.width, r.height, +m.dataset.scale, +m.dataset.cx, +m.dataset.cy];")
        .await;
    let h = home_bounds();
    let x = |wx: f64| left + (wx - cx) * scale + width / 2.0;
    let y = |wy: f64| top + (wy - cy) * scale + height / 2.0;
    [x(h[0]), y(h[1]), x(h[2]), y(h[3])]
}

fn assert_lines_up(what: &str, image: [f64; 4], live: [f64; 4]) {
    let worst = image
        .iter()
        .zip(live)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f64::max);
    println!("{what}: image {image:.1?}, live map {live:.1?}, worst edge {worst:.2} px");
    assert!(
        worst <= 1.5,
        "{what}: the image is not where the map draws the country: image {image:?}, live {live:?}"
    );
}

async fn shell_then_live(width: u32, height: u32, dark: bool) {
    let what = format!("{width}x{height} {}", if dark { "dark" } else { "light" });
    let b = Browser::start_with(BrowserOptions {
        width,
        height,
        dark,
        faults: vec![
            Fault::new("_bg.wasm", FaultKind::Delay(Duration::from_millis(2500))),
            // The national geometry late: the app runs a while with the image over its map.
            Fault::new(
                "buurt.topo.json",
                FaultKind::Delay(Duration::from_millis(1500)),
            ),
        ],
        ..Default::default()
    })
    .await;
    b.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        serde_json::json!({ "source": WATCH }),
    )
    .await;
    b.goto("/").await;
    let script =
        format!("return (() => {{ {IMAGE_BOX} }})();").replace("arguments[0]", "'#boot-map'");
    let shell: Option<[f64; 4]> = poll(&b, &script, "the shell's image", Option::is_some).await;
    let shell = shell.unwrap();
    let (src, text, ready): (String, String, bool) = b
        .js("return [document.getElementById('boot-map').currentSrc,
                     document.getElementById('boot-shell').innerText,
                     performance.getEntriesByName('choropleth-ready').length > 0];")
        .await;
    assert!(
        !ready,
        "{what}: the app was ready before the shell was read"
    );
    let theme = if dark { "donker" } else { "licht" };
    assert!(
        src.contains(&format!("nederland.{theme}.")),
        "{what}: {src}"
    );
    assert!(
        text.contains("Kaart laden") && text.contains("Bron: CBS"),
        "{what}: the shell says what it is and that it loads: {text:?}"
    );
    let kind = if width < 600 { "phone" } else { "desktop" };
    let theme_en = if dark { "dark" } else { "light" };
    b.screenshot(&format!("instant-shell-{kind}-{theme_en}"))
        .await;

    b.wait_for_mark("choropleth-ready").await;
    let at_mount: Option<bool> = b.js("return window.__instantAtMount;").await;
    assert_eq!(
        at_mount,
        Some(true),
        "{what}: the app keeps the image over its map until its first draw"
    );
    let gone: bool = poll(
        &b,
        "return !document.querySelector('.map-instant');",
        "the image to go",
        |g: &bool| *g,
    )
    .await;
    assert!(gone);
    let live = live_box(&b).await;
    assert_lines_up(&what, shell, live);
    b.screenshot(&format!("instant-live-{kind}-{theme_en}"))
        .await;
    b.close().await;
}

#[tokio::test]
async fn phone_light_image_lines_up_with_the_live_map() {
    shell_then_live(390, 844, false).await;
}

#[tokio::test]
async fn phone_dark_image_lines_up_with_the_live_map() {
    shell_then_live(390, 844, true).await;
}

#[tokio::test]
async fn desktop_image_lines_up_with_the_live_map() {
    shell_then_live(1280, 800, false).await;
}

/// A zoom before the map is drawn moves the map away from the image's view: the image goes at
/// once instead of showing a country that is no longer there.
#[tokio::test]
async fn a_zoom_before_the_first_draw_removes_the_image() {
    let b = Browser::start_with(BrowserOptions {
        faults: vec![Fault::new(
            "buurt.topo.json",
            FaultKind::Delay(Duration::from_millis(4000)),
        )],
        ..Default::default()
    })
    .await;
    b.goto("/").await;
    let _: bool = poll(
        &b,
        "return !!document.querySelector('.map-canvas .map-instant') && !!document.querySelector('.zoom-buttons button');",
        "the app with the image",
        |v: &bool| *v,
    )
    .await;
    b.click(".zoom-buttons button").await;
    let (gone, ready): (bool, bool) = b
        .js("return [!document.querySelector('.map-instant'), performance.getEntriesByName('choropleth-ready').length > 0];")
        .await;
    assert!(
        !ready,
        "the geometry was delayed: the map should not be ready yet"
    );
    assert!(gone, "the zoom removed the image");
    b.close().await;
}

/// Only the national first view has an image: any other view starts from the plain shell.
#[tokio::test]
async fn other_views_get_no_image() {
    let b = Browser::start_with(BrowserOptions {
        faults: vec![Fault::new(
            "_bg.wasm",
            FaultKind::Delay(Duration::from_millis(3000)),
        )],
        ..Default::default()
    })
    .await;
    for path in [
        "/?niveau=wijk",
        "/?indicator=lbm_fys",
        "/?palet=alt",
        "/buurt/BU03440112",
        "/embed/gemeente/GM0344",
    ] {
        b.goto(path).await;
        let (src, visible, text): (Option<String>, bool, String) = b
            .js("const i = document.getElementById('boot-map');
                 return [i && i.getAttribute('src'), !!i && i.offsetParent !== null,
                         document.getElementById('boot-shell').innerText];")
            .await;
        assert_eq!(src, None, "{path}: no image");
        assert!(!visible, "{path}: the image element stays hidden");
        assert!(text.contains("Kaart laden"), "{path}: {text:?}");
    }
    b.goto("/?lang=en&namen=0").await;
    let src: Option<String> = b
        .js("return document.getElementById('boot-map').getAttribute('src');")
        .await;
    assert!(
        src.is_some_and(|s| s.contains("nederland.licht.")),
        "the language and names do not change the first view's colours"
    );
    b.close().await;
}
