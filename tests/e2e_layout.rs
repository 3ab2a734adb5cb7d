//! Issue 19, item 1, in a real headless Chromium: the layout (sidebar or bottom sheet) is decided
//! once, by the same media query as the CSS, so fitting agrees with what the reader sees. At
//! tablet and laptop sizes the country is centred in the map and fills it; a selected area is
//! centred in the part of the map that is visible; nothing scrolls sideways. On a phone the
//! same holds for the part of the map above the bottom sheet.

mod support;

/// World bounds: min x, min y, max x, max y (km).
type Bounds = [f64; 4];
use support::{places, Browser};

/// The part of the map a reader sees (CSS px: left, top, right, bottom): the map's rectangle,
/// cut off at the bottom sheet's top where the sheet lies over the map.
async fn visible_map(b: &Browser) -> [f64; 4] {
    b.js("const m = document.querySelector('.map-canvas').getBoundingClientRect();
          const s = document.querySelector('.sidebar').getBoundingClientRect();
          const over = s.left < m.right - 1 && s.right > m.left + 1 && s.top < m.bottom - 1 && s.top > m.top;
          return [m.left, m.top, m.right, over ? s.top : m.bottom];")
        .await
}

/// Where the world bounds `w` are on screen (CSS px), from the map's drawn view.
async fn on_screen(b: &Browser, w: Bounds) -> [f64; 4] {
    let (scale, cx, cy, left, top, width, height): (f64, f64, f64, f64, f64, f64, f64) = b
        .js("const e = document.querySelector('.map-canvas'); const r = e.getBoundingClientRect();
             return [+e.dataset.scale, +e.dataset.cx, +e.dataset.cy, r.left, r.top, r.width, r.height];")
        .await;
    let x = |wx: f64| left + width / 2.0 + (wx - cx) * scale;
    let y = |wy: f64| top + height / 2.0 + (wy - cy) * scale;
    [x(w[0]), y(w[1]), x(w[2]), y(w[3])]
}

/// Centre offset of `r` from the centre of `v`, as shares of `v`'s width and height, and the
/// larger of `r`'s width and height shares of `v` (how much of the visible map it fills).
fn placement(r: [f64; 4], v: [f64; 4]) -> (f64, f64, f64) {
    let (vw, vh) = (v[2] - v[0], v[3] - v[1]);
    let dx = ((r[0] + r[2]) / 2.0 - (v[0] + v[2]) / 2.0) / vw;
    let dy = ((r[1] + r[3]) / 2.0 - (v[1] + v[3]) / 2.0) / vh;
    let fill = ((r[2] - r[0]) / vw).max((r[3] - r[1]) / vh);
    (dx, dy, fill)
}

/// Prints where the world bounds `world` sit in the visible map and fails, naming `what`, when
/// their centre is off the visible map's centre by `off` (a share of its size) or more either
/// way; returns how much of the visible map they fill (see [`placement`]).
async fn centred(b: &Browser, what: &str, world: Bounds, off: f64) -> f64 {
    let v = visible_map(b).await;
    let (dx, dy, fill) = placement(on_screen(b, world).await, v);
    println!(
        "{what}: visible map {v:?}; centred {:+.1} % / {:+.1} %, fills {:.0} %",
        dx * 100.0,
        dy * 100.0,
        fill * 100.0
    );
    assert!(
        dx.abs() < off && dy.abs() < off,
        "{what} is off centre by {:.0} % / {:.0} % of the visible map",
        dx * 100.0,
        dy * 100.0
    );
    fill
}

async fn no_sideways_scroll(b: &Browser, what: &str) {
    let (page, sidebar): (f64, f64) = b
        .js("const s = document.querySelector('.sidebar');
             return [document.documentElement.scrollWidth - window.innerWidth, s.scrollWidth - s.clientWidth];")
        .await;
    assert!(
        page <= 0.5 && sidebar <= 0.5,
        "{what}: scrolls sideways (page by {page} px, sidebar by {sidebar} px)"
    );
}

/// Waits until the map has stopped moving (its view attributes stay the same for 300 ms).
async fn settled(b: &Browser) {
    let view = "const e = document.querySelector('.map-canvas'); return [e.dataset.scale, e.dataset.cx, e.dataset.cy].join(' ');";
    let mut last: String = b.js(view).await;
    let start = std::time::Instant::now();
    loop {
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let now: String = b.js(view).await;
        if now == last {
            return;
        }
        assert!(
            start.elapsed() < support::TIMEOUT,
            "the map kept moving: {last} → {now}"
        );
        last = now;
    }
}

#[tokio::test]
async fn the_country_and_a_selection_are_centred_in_the_visible_map_at_every_size() {
    let country = places::shapes("gemeente").1.bounds;
    let (index, buurten) = places::shapes("buurt");
    let code = "BU0363KA05";
    let buurt = buurten.shapes[buurten.index_of(code).expect("buurt")].bounds;
    assert!(index.codes.iter().any(|c| c == code));
    for (w, h) in [
        (1024, 768),
        (768, 1024),
        (800, 1000),
        (1366, 768),
        (1280, 800),
        (390, 844),
    ] {
        let b = Browser::start(w, h).await;
        b.goto("/").await;
        b.wait_for_mark("choropleth-ready").await;
        settled(&b).await;
        let fill = centred(&b, &format!("{w}×{h}: the country"), country, 0.05).await;
        assert!(
            fill > 0.85,
            "{w}×{h}: the country fills {:.0} %",
            fill * 100.0
        );
        no_sideways_scroll(&b, &format!("{w}×{h} national map")).await;
        b.screenshot(&format!("layout-{w}x{h}")).await;

        b.goto(&format!("/buurt/{code}")).await;
        b.wait_for_mark("choropleth-ready").await;
        b.wait_for("#panel-name").await;
        settled(&b).await;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await; // the sheet's slide
        centred(
            &b,
            &format!("{w}×{h}: the selected buurt {code}"),
            buurt,
            0.1,
        )
        .await;
        no_sideways_scroll(&b, &format!("{w}×{h} buurt page")).await;
        b.screenshot(&format!("layout-{w}x{h}-buurt")).await;
        let errors = b.console_errors().await;
        assert!(errors.is_empty(), "{w}×{h}: browser errors: {errors:#?}");
        b.close().await;
    }
}

/// Every gemeente deep link zooms to its gemeente (Rotterdam and Súdwest-Fryslân stayed at the
/// national view: they were not "small" enough on screen), centred, with room around it.
#[tokio::test]
async fn gemeente_deep_links_zoom_to_the_gemeente() {
    let (_, gemeenten) = places::shapes("gemeente");
    let b = Browser::start(1280, 800).await;
    for code in ["GM0599", "GM1900", "GM0344", "GM0363"] {
        let bounds = gemeenten.shapes[gemeenten.index_of(code).expect("gemeente")].bounds;
        b.goto(&format!("/gemeente/{code}")).await;
        b.wait_for_mark("choropleth-ready").await;
        b.wait_for("#panel-name").await;
        settled(&b).await;
        let fill = centred(&b, code, bounds, 0.1).await;
        assert!(
            (0.25..0.6).contains(&fill),
            "{code}: fills {:.0} % of the map",
            fill * 100.0
        );
    }
    b.close().await;
}
