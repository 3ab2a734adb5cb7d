//! Issue 15, items 2, 3 and 8, in a real headless Chromium: the optional online services of
//! `config.json` — the background map (PDOK BRT-Achtergrondkaart) and address search (PDOK
//! Locatieserver) — against local stand-ins that speak the services' documented formats
//! (`tests/support/stand_in.rs`; these machines cannot reach PDOK), and with both unreachable.

mod support;

use buurtkaart_core::carto::{Projection, Viewport};
use std::time::{Duration, Instant};
use support::server::Fault;
use support::{stand_in, Browser, BrowserOptions};

/// The map's published view: (scale, cx, cy, width, height) in CSS px and km.
async fn viewport(b: &Browser) -> Viewport {
    let v: Vec<f64> = b
        .js("const m = document.querySelector('.map-canvas'); const r = m.getBoundingClientRect(); \
             return [+m.dataset.scale, +m.dataset.cx, +m.dataset.cy, r.width, r.height];")
        .await;
    Viewport {
        scale: v[0],
        cx: v[1],
        cy: v[2],
        width: v[3],
        height: v[4],
    }
}

/// Waits until the background canvas holds at least `n` whole tiles.
async fn wait_for_tiles(b: &Browser, n: u32) -> u32 {
    let start = Instant::now();
    loop {
        let drawn: u32 = b
            .js("return +(document.querySelector('.map-canvas').dataset.tiles || 0);")
            .await;
        if drawn >= n {
            return drawn;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "only {drawn} tiles drawn"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Centre of the red pixels of the background canvas within `r` CSS px of (`x`, `y`), in CSS
/// px, and how many there are.
async fn red_centre(b: &Browser, x: f64, y: f64, r: f64) -> (f64, f64, u32) {
    let found: Vec<f64> = b
        .js(&format!(
            "const c = document.querySelector('.map-tiles'); const k = c.width / c.getBoundingClientRect().width; \
             const x0 = Math.round(({x} - {r}) * k), y0 = Math.round(({y} - {r}) * k), n = Math.round(2 * {r} * k); \
             const d = c.getContext('2d').getImageData(x0, y0, n, n).data; \
             let sx = 0, sy = 0, count = 0; \
             for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) {{ \
               const o = (j * n + i) * 4; \
               if (d[o] > 180 && d[o + 1] < 80 && d[o + 2] < 80) {{ sx += x0 + i + 0.5; sy += y0 + j + 0.5; count++; }} }} \
             return count ? [sx / count / k, sy / count / k, count] : [0, 0, 0];"
        ))
        .await;
    (found[0], found[1], found[2] as u32)
}

/// Alpha of the choropleth canvas at the map's centre.
async fn fill_alpha_at_centre(b: &Browser) -> u8 {
    b.js("const c = document.querySelector('.map-base'); \
          return c.getContext('2d').getImageData(c.width >> 1, c.height >> 1, 1, 1).data[3];")
        .await
}

#[tokio::test(flavor = "multi_thread")]
async fn background_tiles_land_on_the_right_pixel_under_a_translucent_fill() {
    let b = Browser::start_with(BrowserOptions {
        config: stand_in::config(),
        ..Default::default()
    })
    .await;
    b.goto("/gemeente/GM0344").await;
    b.wait_for_mark("choropleth-ready").await;
    let tiles = wait_for_tiles(&b, 4).await;
    // Let the fitted view settle (the selection is zoomed to after the first draw).
    tokio::time::sleep(Duration::from_millis(600)).await;
    let v = viewport(&b).await;
    let p = Projection::default();
    let (wx, wy) = p.project(stand_in::MARKER.0, stand_in::MARKER.1);
    let (ex, ey) = v.to_screen(wx, wy);
    let (rx, ry, count) = red_centre(&b, ex, ey, 20.0).await;
    println!(
        "gemeente view: scale {:.1} px/km, {tiles} tiles; marker expected at ({ex:.2}, {ey:.2}), \
         drawn at ({rx:.2}, {ry:.2}) from {count} px",
        v.scale
    );
    assert!(count > 0, "no marker near ({ex:.1}, {ey:.1})");
    // The marker square's centre is half a tile pixel off its point; a tile pixel is at most
    // about one screen pixel at the zoom chosen for the screen.
    assert!(
        (rx - ex).abs() <= 1.5 && (ry - ey).abs() <= 1.5,
        "marker at ({rx:.2}, {ry:.2}), expected ({ex:.2}, {ey:.2})"
    );
    b.wait_for_text(".map-source", "Kaart: Kadaster / PDOK")
        .await;
    assert_eq!(
        fill_alpha_at_centre(&b).await,
        255,
        "solid fill at gemeente zoom"
    );

    // At street zoom (the Domtoren's buurt, zoomed in) the fill lets the background through,
    // and the marker still aligns.
    b.goto("/buurt/BU03440611").await;
    b.wait_for_mark("choropleth-ready").await;
    b.zoom_in_to(700.0).await;
    tokio::time::sleep(Duration::from_millis(900)).await;
    wait_for_tiles(&b, 4).await;
    let v = viewport(&b).await;
    let (ex, ey) = v.to_screen(wx, wy);
    let alpha = fill_alpha_at_centre(&b).await;
    println!(
        "street zoom: scale {:.0} px/km, fill alpha {alpha}",
        v.scale
    );
    assert!(alpha > 100 && alpha < 200, "fill alpha {alpha}");
    if ex > 20.0 && ey > 20.0 && ex < v.width - 20.0 && ey < v.height - 20.0 {
        let (rx, ry, count) = red_centre(&b, ex, ey, 20.0).await;
        println!(
            "street zoom marker: expected ({ex:.2}, {ey:.2}), drawn ({rx:.2}, {ry:.2}), {count} px"
        );
        assert!(count > 0 && (rx - ex).abs() <= 1.5 && (ry - ey).abs() <= 1.5);
    }
    b.screenshot("services-tiles-street-desktop-light").await;

    // Switched off: no tiles, a solid fill, and the switch is in the URL.
    b.click("#background-toggle").await;
    b.wait_for_path("/buurt/BU03440611?achtergrond=0").await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    let drawn: u32 = b
        .js("return +(document.querySelector('.map-canvas').dataset.tiles || 0);")
        .await;
    assert_eq!(drawn, 0);
    assert_eq!(fill_alpha_at_centre(&b).await, 255);
    assert!(b.console_errors().await.is_empty());
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_background_map_in_dark_mode_and_on_a_phone() {
    for (name, width, height, dark) in [
        ("services-tiles-phone-dark", 390, 844, true),
        ("services-tiles-desktop-light", 1280, 800, false),
    ] {
        let b = Browser::start_with(BrowserOptions {
            width,
            height,
            dark,
            config: stand_in::config(),
            ..Default::default()
        })
        .await;
        b.goto("/buurt/BU03440611").await;
        b.wait_for_mark("choropleth-ready").await;
        b.zoom_in_to(400.0).await;
        tokio::time::sleep(Duration::from_millis(900)).await;
        wait_for_tiles(&b, 2).await;
        b.screenshot(name).await;
        b.close().await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_address_typed_lands_on_its_buurt() {
    let b = Browser::start_with(BrowserOptions {
        config: stand_in::config(),
        ..Default::default()
    })
    .await;
    b.goto("/").await;
    b.wait_for_mark("choropleth-ready").await;
    let input = b.wait_for("#search").await;
    input.send_keys("Domplein 1").await.unwrap();
    b.wait_for_text(".search-list", "Domplein 1, 3512JC Utrecht")
        .await;
    b.wait_for_text(".search-group", "Adressen").await;
    // The service's gemeente result is not offered (the app finds areas itself).
    let list: String = b
        .js("return document.querySelector('.search-list').innerText;")
        .await;
    assert!(!list.contains("Nergens"), "{list}");
    b.screenshot("services-address-suggestions-desktop-light")
        .await;
    b.click(".search-place").await;
    let start = Instant::now();
    let path = loop {
        let p = b.path().await;
        if p.starts_with("/buurt/BU0344") {
            break p;
        }
        assert!(start.elapsed() < Duration::from_secs(15), "path {p}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    println!("Domplein 1 → {path}");
    b.wait_for_text(".panel", "Utrecht").await;
    b.wait_for_text(".panel", "Domplein, Neude, Janskerkhof")
        .await;
    // The address is pinned where it lies.
    tokio::time::sleep(Duration::from_millis(900)).await;
    let v = viewport(&b).await;
    let (wx, wy) = Projection::default().project(5.12130356, 52.09085068);
    let (px, py) = v.to_screen(wx, wy);
    let rgb: Vec<u8> = b
        .js(&format!(
            "const c = document.querySelector('.map-overlay'); const k = c.width / c.getBoundingClientRect().width; \
             const d = c.getContext('2d').getImageData(Math.floor({px} * k), Math.floor({py} * k), 1, 1).data; \
             return [d[0], d[1], d[2], d[3]];"
        ))
        .await;
    println!("pin at ({px:.1}, {py:.1}): {rgb:?}");
    assert!(
        rgb[0] > 180 && rgb[1] < 80 && rgb[3] > 200,
        "no pin at ({px:.1}, {py:.1}): {rgb:?}"
    );
    b.screenshot("services-address-pinned-desktop-light").await;

    // A full postcode is looked up too, instead of the offline note about its letters.
    let input = b.wait_for("#search").await;
    input.send_keys("3512 JC").await.unwrap();
    b.wait_for_text(".search-list", "3512JC Utrecht").await;
    let note: String = b
        .js("return document.querySelector('.search-note:not([hidden])')?.innerText || '';")
        .await;
    assert!(!note.contains("niet beschikbaar"), "{note}");
    assert!(b.console_errors().await.is_empty());
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn unreachable_services_leave_the_app_as_complete_as_without_them() {
    // Tiles on a closed port; the address service answers after 5 s (the app waits 3 s).
    let mut config: serde_json::Value =
        serde_json::from_str(&stand_in::unreachable_config()).unwrap();
    config["geocoder"]["url"] = "/_stand-in/locatieserver/v3_1".into();
    let b = Browser::start_with(BrowserOptions {
        config: config.to_string(),
        faults: vec![Fault::delay("free", 5000)],
        ..Default::default()
    })
    .await;
    b.goto("/gemeente/GM0344").await;
    b.wait_for_mark("choropleth-ready").await;
    b.zoom_in_to(200.0).await;
    b.wait_for_text(".map-source", "Achtergrondkaart niet bereikbaar")
        .await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    // No holes: the fill is solid, as without a background map.
    assert_eq!(fill_alpha_at_centre(&b).await, 255);
    // One failed probe, no flood.
    let errors = b.console_errors().await;
    println!("console errors with tiles unreachable: {errors:?}");
    assert!(errors.len() <= 1, "{errors:?}");
    b.screenshot("services-unreachable-desktop-light").await;

    // Area names still come from our own data; addresses are said to be unavailable.
    let input = b.wait_for("#search").await;
    input.send_keys("Overvecht").await.unwrap();
    b.wait_for_text(".search-list", "Overvecht").await;
    b.wait_for_text(".search-offline", "Adressen zoeken is nu niet beschikbaar")
        .await;
    let still: String = b
        .js("return document.querySelector('.search-list').innerText;")
        .await;
    assert!(still.contains("Overvecht"), "{still}");
    b.close().await;
}
