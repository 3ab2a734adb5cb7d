//! Issue 9 in a real headless Chromium: a real panic in the app (raised through the documented
//! debug hook `wasmBindings.buurtkaart_debug_panic()`, from a page task as a bug in an event
//! handler would) shows the friendly box in Dutch and English, logs the details to the console,
//! shows the reader no wasm trap text, and "Opnieuw laden / Reload" brings the map back.

mod support;

use std::time::{Duration, Instant};
use support::Browser;

const BOX: &str = "#panic-box";

#[tokio::test]
async fn a_panic_shows_the_friendly_box_and_reload_brings_the_map_back() {
    let b = Browser::start(1280, 800).await;
    b.goto("/").await;
    b.wait_for_mark("choropleth-ready").await;
    let before: bool = b.js("return !!document.querySelector('#panic-box');").await;
    assert!(!before, "no panic box before the panic");

    // A panic from a task of the page, not from the test's own script call.
    let hook: String = b
        .js(
            "const f = window.wasmBindings && window.wasmBindings.buurtkaart_debug_panic;
             if (typeof f !== 'function') return 'missing';
             setTimeout(() => f(), 0);
             return 'called';",
        )
        .await;
    assert_eq!(hook, "called", "the debug hook is exported in the build");
    b.wait_for_text(BOX, "Er ging iets mis in Buurtkaart").await;

    let text: String = b
        .js("return document.querySelector('#panic-box').innerText;")
        .await;
    println!("panic box: {text:?}");
    assert!(
        text.contains("Something went wrong in Buurtkaart"),
        "{text:?}"
    );
    assert!(text.contains("Opnieuw laden / Reload"), "{text:?}");
    let role: String = b
        .js("return document.querySelector('#panic-box').getAttribute('role');")
        .await;
    assert_eq!(role, "alert", "screen readers announce the box");

    // The reader sees no trap or Rust text; the console has the details.
    let page: String = b.js("return document.body.innerText;").await;
    for bad in ["unreachable", "RuntimeError", "panicked", "debug hook"] {
        assert!(!page.contains(bad), "the page shows {bad:?}: {page:?}");
    }
    let start = Instant::now();
    let errors = loop {
        let errors = b.console_errors().await;
        if errors.iter().any(|m| m.contains("panicked")) {
            break errors;
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "no panic message in the console: {errors:#?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let logged = errors.join("\n");
    println!("console: {}", logged.chars().take(600).collect::<String>());
    assert!(
        logged.contains("a panic on purpose (debug hook)") && logged.contains("src/panic.rs"),
        "the console names the message and the place: {logged}"
    );
    b.screenshot("panic-box").await;

    // One box only, even after a second panic.
    let _: String = b
        .js("setTimeout(() => window.wasmBindings.buurtkaart_debug_panic(), 0); return '';")
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let boxes: u64 = b
        .js("return document.querySelectorAll('#panic-box').length;")
        .await;
    assert_eq!(boxes, 1, "a second panic adds no second box");

    b.click("#panic-box .panic-reload").await;
    let start = Instant::now();
    loop {
        let fresh: bool = b
            .js("return !document.querySelector('#panic-box')
                    && performance.getEntriesByName('choropleth-ready', 'mark').length > 0;")
            .await;
        if fresh {
            break;
        }
        assert!(
            start.elapsed() < support::TIMEOUT,
            "the map is not back after reloading"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    b.close().await;
}

/// Issue 20: leaving the map within a moment of a gesture used to panic ("Tried to access a
/// reactive value that has already been disposed") when the gesture's delayed settle wrote to
/// the disposed page. Each way of leaving, right after each kind of zoom, must leave a working
/// app: the next page shows, no panic box, no panic in the console.
#[tokio::test]
async fn leaving_the_map_right_after_a_gesture_does_not_panic() {
    let b = Browser::start(1280, 800).await;
    let gestures = [
        (
            "wheel",
            "const c = document.querySelector('.map-overlay');
             const r = c.getBoundingClientRect();
             c.dispatchEvent(new WheelEvent('wheel', { deltaY: -120, clientX: r.left + r.width / 2,
                 clientY: r.top + r.height / 2, bubbles: true, cancelable: true }));",
        ),
        (
            "plus key",
            "const m = document.querySelector('.map-canvas'); m.focus();
             m.dispatchEvent(new KeyboardEvent('keydown', { key: '+', bubbles: true, cancelable: true }));",
        ),
    ];
    let leaves = [
        (
            "the Over link",
            "document.querySelector('a[href^=\"/over\"]').click();",
            "/over",
        ),
        ("history.back()", "history.back();", "/over"),
    ];
    for (gesture, act) in gestures {
        for (way, leave, expected) in leaves {
            for delay_ms in [0, 120, 250] {
                // history.back() needs a page to go back to: start on /over, then open the map.
                b.goto("/over").await;
                b.wait_for_text("h1", "Over Buurtkaart").await;
                b.js::<()>(
                    "history.pushState({}, '', '/'); dispatchEvent(new PopStateEvent('popstate'));",
                )
                .await;
                b.wait_for(".map-overlay").await;
                b.wait_for_mark("choropleth-ready").await;
                b.js::<()>(&format!(
                    "{act}
                     setTimeout(() => {{ {leave} }}, {delay_ms});"
                ))
                .await;
                b.wait_for_path(expected).await;
                b.wait_for_text("h1", "Over Buurtkaart").await;
                // Past the 200-300 ms settle and area-map timers that used to fire into the void.
                tokio::time::sleep(Duration::from_millis(600)).await;
                let boxed: bool = b.js("return !!document.querySelector('#panic-box');").await;
                let panics: Vec<String> = b
                    .console_errors()
                    .await
                    .into_iter()
                    .filter(|m| m.contains("panicked") || m.contains("unreachable"))
                    .collect();
                assert!(
                    !boxed && panics.is_empty(),
                    "{gesture}, then {way} after {delay_ms} ms: panic box {boxed}, console {panics:#?}"
                );
            }
        }
    }
    b.close().await;
}

/// Painted pixels of the map's base canvas (alpha > 0), sampled on a grid.
async fn painted(b: &Browser) -> u32 {
    b.js("const c = document.querySelector('.map-base');
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let i = 3; i < d.length; i += 4 * 97) if (d[i] > 0) n++;
          return n;")
        .await
}

/// Issue 20: on a URL with doubled slashes the first view draws, but a click on the map (which
/// moves to the canonical `/buurt/…` route and so to a new map component) left an empty canvas.
#[tokio::test]
async fn a_click_on_the_map_after_a_double_slash_url_keeps_the_map_drawn() {
    let b = Browser::start(1280, 800).await;
    for url in [
        "//buurt/BU03440112",
        "/buurt//BU03440112",
        "/buurt/BU03440112//",
    ] {
        b.goto(url).await;
        b.wait_for_mark("choropleth-ready").await;
        b.wait_for(".map-overlay").await;
        let before = painted(&b).await;
        assert!(before > 100, "{url}: first view drawn ({before} samples)");
        b.js::<()>(
            "const c = document.querySelector('.map-overlay');
             const r = c.getBoundingClientRect();
             const at = { clientX: r.left + r.width / 2 + 70, clientY: r.top + r.height / 2 + 40,
                          bubbles: true, pointerId: 1, isPrimary: true, button: 0 };
             c.dispatchEvent(new PointerEvent('pointerdown', at));
             c.dispatchEvent(new PointerEvent('pointerup', at));
             c.dispatchEvent(new MouseEvent('click', at));",
        )
        .await;
        let start = std::time::Instant::now();
        let path = loop {
            let p = b.path().await;
            if p.starts_with("/buurt/BU") && p != url {
                break p;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "{url}: the click did not select an area (path {p})"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        let start = std::time::Instant::now();
        loop {
            let after = painted(&b).await;
            if after > 100 {
                break;
            }
            assert!(
                start.elapsed() < Duration::from_secs(5),
                "{url} → {path}: the map stayed blank ({after} samples)"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    b.close().await;
}
