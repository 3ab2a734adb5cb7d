//! The phone journey with touch only (CDP touch events at 390x844): tap an area, drag the
//! bottom sheet, pinch the map; no page zoom, no sideways scrolling, 44 px touch targets.

use super::{centre, drag, ready, scale_above, settled_centre, touch, wait_until};
use crate::support::Browser;
use serde_json::json;
use std::time::{Duration, Instant};

/// `data-sheet` of the bottom sheet.
async fn sheet(b: &Browser) -> String {
    b.js("return document.querySelector('.sidebar').dataset.sheet;")
        .await
}

async fn wait_sheet(b: &Browser, want: &str) {
    wait_until(
        b,
        &format!("return document.querySelector('.sidebar').dataset.sheet === '{want}';"),
        &format!("the sheet to be {want}"),
    )
    .await;
}

/// Fails when the page scrolls sideways.
async fn no_sideways_scroll(b: &Browser, when: &str) {
    let (sw, iw): (f64, f64) = b
        .js("return [Math.max(document.documentElement.scrollWidth, document.body.scrollWidth), window.innerWidth];")
        .await;
    assert!(sw <= iw, "{when}: page is {sw} px wide in a {iw} px window");
}

/// How many buttons, fields and menu links are visible, and those smaller than 44 x 44 CSS px.
async fn small_targets(b: &Browser) -> (usize, Vec<(String, f64, f64)>) {
    b.js(
        "const hidden = e => !!e.closest('.sr-only, .visually-hidden, [hidden], [aria-hidden=true]');
         const shown = [...document.querySelectorAll('button, select, input, [role=button], .topnav a, .brand')]
           .filter(e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
                          return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && !hidden(e); });
         return [shown.length, shown
           .map(e => { const r = e.getBoundingClientRect();
                       return [(e.getAttribute('class') || e.tagName) + ' ' + (e.getAttribute('aria-label') || e.textContent).trim().slice(0, 30),
                               Math.round(r.width * 10) / 10, Math.round(r.height * 10) / 10]; })
           .filter(([, w, h]) => w < 44 || h < 44)];",
    )
    .await
}

#[tokio::test]
async fn phone_journey_with_touch() {
    let b = Browser::start(390, 844).await;
    ready(&b, "/").await;
    assert_eq!(sheet(&b).await, "peek");
    no_sideways_scroll(&b, "national map").await;

    // Tap an area: the sheet opens half way with its panel. (Water has no area: try a few
    // places on land in the visible upper part of the map.)
    let mut tapped = None;
    for (x, y) in [
        (215.0, 330.0),
        (250.0, 360.0),
        (180.0, 380.0),
        (260.0, 300.0),
        (300.0, 420.0),
    ] {
        touch(&b, "touchStart", &[(x, y)]).await;
        touch(&b, "touchEnd", &[]).await;
        tokio::time::sleep(Duration::from_millis(400)).await;
        if b.path().await.starts_with("/buurt/") {
            tapped = Some((x, y));
            break;
        }
    }
    let Some(tapped) = tapped else {
        panic!("no tap selected a buurt; path {}", b.path().await);
    };
    b.wait_for("#panel-name").await;
    wait_sheet(&b, "half").await;
    println!("tap at {tapped:?} selected {}", b.path().await);
    no_sideways_scroll(&b, "half sheet").await;
    // The panel is scrolled into view below the sticky handle: its close button is not hidden.
    tokio::time::sleep(Duration::from_millis(400)).await;
    let close_free: bool = b
        .js("const c = document.querySelector('.panel-close').getBoundingClientRect();
             return document.elementFromPoint(c.x + c.width / 2, c.y + c.height / 2) === document.querySelector('.panel-close');")
        .await;
    assert!(
        close_free,
        "the panel's close button is covered (by the sheet handle?)"
    );
    b.screenshot("a11y-phone-light").await;

    // Drag the handle to the top: full; back to the bottom: peek.
    let (hx, hy) = centre(&b, ".sheet-handle").await;
    drag(&b, &[(hx, hy)], &[(hx, 40.0)], 12).await;
    wait_sheet(&b, "full").await;
    tokio::time::sleep(Duration::from_millis(300)).await; // the sheet's slide
    let (_, hy) = centre(&b, ".sheet-handle").await;
    assert!(hy < 140.0, "full sheet's handle at y = {hy}");
    no_sideways_scroll(&b, "full sheet").await;

    // Touch targets, with the panel and the table open in the full sheet.
    let _: bool = b
        .js("document.querySelector('.table-toggle').scrollIntoView({ block: 'center' }); return true;")
        .await;
    tap_table_toggle(&b).await;
    b.wait_for(".area-table tbody tr .row-select").await;
    no_sideways_scroll(&b, "table open").await;
    let (table_w, wrap_w): (f64, f64) = b
        .js("return [document.querySelector('.area-table table').getBoundingClientRect().width, document.querySelector('.table-wrap').clientWidth];")
        .await;
    assert!(
        table_w <= wrap_w + 0.5,
        "the table of areas ({table_w} px) is wider than the sheet ({wrap_w} px): its values are off to the side"
    );
    let (shown, small) = small_targets(&b).await;
    assert!(small.is_empty(), "touch targets under 44 px: {small:#?}");
    assert!(
        shown > 30,
        "only {shown} touch targets found: is the sheet open?"
    );
    println!("touch targets: all {shown} visible buttons, fields and menu links ≥ 44 x 44 px");

    tokio::time::sleep(Duration::from_millis(300)).await; // the sheet's slide
    let (hx, hy) = centre(&b, ".sheet-handle").await;
    drag(&b, &[(hx, hy)], &[(hx, 830.0)], 12).await;
    wait_sheet(&b, "peek").await;

    // Pinch apart on the map: the map zooms in, the page does not.
    let scale_js = "return +document.querySelector('.map-canvas').dataset.scale;";
    let before: f64 = b.js(scale_js).await;
    drag(
        &b,
        &[(165.0, 300.0), (225.0, 300.0)],
        &[(75.0, 300.0), (315.0, 300.0)],
        15,
    )
    .await;
    let after = scale_above(&b, before * 2.0).await;
    let page_zoom: f64 = b.js("return window.visualViewport.scale;").await;
    println!("pinch: map scale {before:.4} → {after:.4}, visualViewport.scale {page_zoom}");
    assert!(
        after > before * 2.0,
        "pinch did not zoom the map: {before} → {after}"
    );
    assert_eq!(page_zoom, 1.0, "pinch zoomed the page");
    no_sideways_scroll(&b, "after pinch").await;

    // The same screen in dark mode (the OS preference changes while the app runs).
    b.cdp(
        "Emulation.setEmulatedMedia",
        json!({ "features": [{ "name": "prefers-color-scheme", "value": "dark" }] }),
    )
    .await;
    let path = b.path().await;
    b.goto(&path).await;
    b.wait_for_mark("choropleth-ready").await;
    b.wait_for("#panel-name").await;
    wait_sheet(&b, "half").await;
    wait_until(
        &b,
        "return getComputedStyle(document.body).backgroundColor !== 'rgb(246, 246, 244)';",
        "dark mode",
    )
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    b.screenshot("a11y-phone-dark").await;

    let errors = b.console_errors().await;
    assert!(errors.is_empty(), "browser errors: {errors:#?}");
    b.close().await;
}

/// Taps the table toggle and waits until the table is open. The tap is two CDP calls; on a
/// loaded CI machine Chromium has once been seen to drop such a tap (no `click`, 1 in ~30 runs,
/// not reproduced by hand). The events the page saw are printed, and one more tap is allowed,
/// so a lost synthetic tap does not fail the run while a toggle that ignores taps still does.
async fn tap_table_toggle(b: &Browser) {
    let _: bool = b
        .js("window.__tapLog = []; for (const k of ['pointerdown', 'pointerup', 'pointercancel', 'touchstart', 'touchend', 'touchcancel', 'click']) document.addEventListener(k, e => window.__tapLog.push(k + ' ' + (e.target.className || e.target.nodeName)), true); return true;")
        .await;
    let open =
        "return document.querySelector('.table-toggle').getAttribute('aria-expanded') === 'true';";
    for attempt in 1..=2 {
        let (tx, ty) = settled_centre(b, ".table-toggle").await;
        touch(b, "touchStart", &[(tx, ty)]).await;
        touch(b, "touchEnd", &[]).await;
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            if b.js::<bool>(open).await {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let log: Vec<String> = b.js("return window.__tapLog;").await;
        println!("tap {attempt} at ({tx}, {ty}) did not open the table; events: {log:?}");
    }
    wait_until(b, open, "a tap on the table toggle to open the table").await;
}
