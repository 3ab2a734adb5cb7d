//! Issue 6 in a real headless Chromium: an embed in a plain host page (served from another
//! origin, in a sandboxed iframe) reports its height, draws only the chosen gemeente's buurten
//! with their class colours, and shows legend and source; `dark=true` and the host's theme
//! message; and the full app's exports (CSV rows and header against the data, PNG size).

mod support;

use buurtkaart::carto::{AreaShapes, Viewport};
use buurtkaart::scale::palette::{colours, Palette};
use buurtkaart_model::{AreaIndex, ScaleKind, ValueTable};
use fantoccini::actions::{
    InputSource, MouseActions, PointerAction, WheelAction, WheelActions, MOUSE_BUTTON_LEFT,
};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use support::server::StaticServer;
use support::{places, Browser, BrowserOptions};

/// Utrecht: about a hundred buurten, neighbours on every side.
const GEMEENTE: &str = "GM0344";

fn read(file: &str) -> String {
    support::data_file(file)
}

/// The buurten, their names and Leefbaarometer values, as the app builds them.
fn buurten() -> (AreaIndex, ValueTable, AreaShapes) {
    let (index, shapes) = places::shapes("buurt");
    let lbm = ValueTable::from_json("buurt.lbm.json", &read("buurt.lbm.json")).unwrap();
    (index, lbm, shapes)
}

/// A temporary host page on its own server (another origin than the app).
struct Host {
    server: StaticServer,
    dir: PathBuf,
}

impl Host {
    /// Serves the fixture host page with the embed `embed_path` of `b`'s app in its iframe.
    fn new(b: &Browser, embed_path: &str) -> Host {
        let fixture = support::repo_root().join("tests/fixtures/embed-host.html");
        let html = std::fs::read_to_string(&fixture)
            .unwrap_or_else(|e| panic!("{}: {e}", fixture.display()));
        let html = html
            .replace("__EMBED_SRC__", &b.url(embed_path).replace('&', "&amp;"))
            .replace("__EMBED_ORIGIN__", &b.base)
            .replace(
                "__EMBED_TITLE__",
                "Kaart: leefbaarheid per buurt in Utrecht",
            );
        let dir = std::env::temp_dir().join(format!(
            "buurtkaart-embed-host-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("host.html"), html).unwrap();
        let server = StaticServer::start(&dir, "/", Vec::new());
        Host { server, dir }
    }

    fn url(&self) -> String {
        format!("{}/host.html", self.server.origin)
    }
}

impl Drop for Host {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A browser of `width`×`height` CSS px on a host page whose iframe shows `embed_path`. Keep the
/// returned [`Host`] alive (`_host`): dropping it stops its server.
async fn open_host(width: u32, height: u32, embed_path: &str) -> (Browser, Host) {
    let b = Browser::start_with(BrowserOptions {
        width,
        height,
        ..Default::default()
    })
    .await;
    let host = Host::new(&b, embed_path);
    b.client
        .goto(&host.url())
        .await
        .expect("open the host page");
    (b, host)
}

/// Polls `script` (a function body returning JSON) until `done` accepts its value.
async fn wait_js(b: &Browser, what: &str, script: &str, done: impl Fn(&Value) -> bool) -> Value {
    let start = Instant::now();
    loop {
        let v: Value = b.js(script).await;
        if done(&v) {
            return v;
        }
        if start.elapsed() > support::TIMEOUT {
            let errors = b.console_errors().await;
            panic!(
                "{what}: still {v} after {}s; browser errors: {errors:#?}",
                support::TIMEOUT.as_secs()
            );
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

/// The map's drawn view, from its `data-*` attributes.
async fn view(b: &Browser) -> Viewport {
    let v: (f64, f64, f64, f64, f64) = b
        .js(
            "const e = document.querySelector('.map-canvas'); const r = e.getBoundingClientRect();
             return [r.width, r.height, +e.dataset.scale, +e.dataset.cx, +e.dataset.cy];",
        )
        .await;
    Viewport {
        width: v.0,
        height: v.1,
        scale: v.2,
        cx: v.3,
        cy: v.4,
    }
}

/// RGBA of the base canvas at CSS position (`x`, `y`) relative to the map.
async fn pixel(b: &Browser, x: f64, y: f64) -> [u8; 4] {
    let script = format!(
        "const c = document.querySelector('.map-base'); const k = c.width / c.getBoundingClientRect().width;
         const d = c.getContext('2d').getImageData(Math.round({x} * k), Math.round({y} * k), 1, 1).data;
         return [d[0], d[1], d[2], d[3]];"
    );
    b.js(&script).await
}

/// Waits until the map has not moved for a moment (fits and refits settle).
async fn settled_view(b: &Browser) -> Viewport {
    let mut last = view(b).await;
    let start = Instant::now();
    loop {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let now = view(b).await;
        if now == last || start.elapsed() > Duration::from_secs(10) {
            return now;
        }
        last = now;
    }
}

#[tokio::test]
async fn embed_in_a_host_page_sizes_itself_and_draws_only_its_gemeente() {
    let (index, lbm, shapes) = buurten();
    let palette = colours(ScaleKind::LbmClasses, 9, Some(true), Palette::Standard);
    let (b, _host) = open_host(
        700,
        1000,
        &format!("/embed/gemeente/{GEMEENTE}?indicator=lbm_klasse&niveau=buurt&jaar=2024"),
    )
    .await;

    // Height messages: ours, and Datawrapper's shape alongside it.
    let heights = wait_js(
        &b,
        "height message",
        "return window.__messages.filter(m => m.data && m.data.type === 'buurtkaart:height').map(m => [m.data.height, m.data.id]);",
        |v| v.as_array().is_some_and(|a| !a.is_empty()),
    )
    .await;
    let (h, id) = (
        heights[0][0].as_f64().unwrap(),
        heights[0][1].as_str().unwrap().to_string(),
    );
    assert!(h > 300.0 && h < 3000.0, "height {h}");
    assert_eq!(id, format!("buurtkaart-{GEMEENTE}"));
    let dw: Value = b
        .js("return window.__messages.filter(m => m.data && m.data['datawrapper-height']).map(m => m.data['datawrapper-height']);")
        .await;
    assert!(
        dw[0][&id].as_f64().is_some(),
        "Datawrapper-shaped message: {dw}"
    );
    let origin: String = b.js("return window.__messages[0].origin;").await;
    assert_eq!(origin, b.base, "messages come from the app's origin");

    // embed.js sized the iframe to the last reported height.
    wait_js(
        &b,
        "iframe height follows the messages",
        "const hs = window.__messages.filter(m => m.data && m.data.type === 'buurtkaart:height').map(m => m.data.height);
         return [document.getElementById('kaart').getBoundingClientRect().height, hs[hs.length - 1]];",
        |v| (v[0].as_f64().unwrap_or(0.0) - v[1].as_f64().unwrap_or(-1.0)).abs() < 1.0,
    )
    .await;

    b.client
        .enter_frame(0)
        .await
        .expect("enter the embed's frame");
    b.wait_for_mark("choropleth-ready").await;
    b.wait_for_text(".embed-title", "Utrecht").await;
    let vp = settled_view(&b).await;
    let margin = 5.0 / vp.scale;

    // Inside: class colours at buurten of the gemeente. Outside: nothing drawn at all.
    let body = &GEMEENTE[2..];
    let (mut inside, mut matched, mut outside, mut blank) = (0, 0, 0, 0);
    let mut misses = Vec::new();
    let [x0, y0, x1, y1] = vp.world_bounds();
    for i in shapes.in_bounds([x0, y0, x1, y1]) {
        let s = &shapes.shapes[i];
        let Some((wx, wy)) = places::inner_point(&shapes, i, margin) else {
            continue;
        };
        let (sx, sy) = vp.to_screen(wx, wy);
        if sx < 4.0 || sy < 4.0 || sx > vp.width - 4.0 || sy > vp.height - 4.0 {
            continue;
        }
        let got = pixel(&b, sx, sy).await;
        if s.code[2..].starts_with(body) {
            let Some(class) = s.row.and_then(|r| lbm.get("lbm_klasse", r)) else {
                continue;
            };
            inside += 1;
            let want = palette[class as usize - 1];
            let close = (got[0] as i32 - want.0 as i32).abs() <= 3
                && (got[1] as i32 - want.1 as i32).abs() <= 3
                && (got[2] as i32 - want.2 as i32).abs() <= 3
                && got[3] == 255;
            if close {
                matched += 1;
            } else {
                let name = s.row.map(|r| index.names[r].as_str()).unwrap_or("?");
                misses.push(format!(
                    "{} {name} class {class}: got {got:?} want {}",
                    s.code,
                    want.css()
                ));
            }
        } else if outside < 40 {
            outside += 1;
            if got[3] == 0 {
                blank += 1;
            } else {
                misses.push(format!("{} (outside) drawn: {got:?}", s.code));
            }
        }
    }
    assert!(inside >= 40, "only {inside} probes inside {GEMEENTE}");
    assert!(
        matched * 10 >= inside * 9,
        "{matched} of {inside} inside probes had their class colour: {misses:#?}"
    );
    assert!(
        outside >= 5,
        "only {outside} probes outside {GEMEENTE} in view"
    );
    assert_eq!(
        blank, outside,
        "areas outside {GEMEENTE} were drawn: {misses:#?}"
    );

    // Legend and source line visible, no app header, and a description for screen readers.
    let shown: Vec<bool> = b
        .js("const vis = s => { const e = document.querySelector(s); if (!e) return false; const r = e.getBoundingClientRect();
                 return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'; };
             return [vis('.legend'), vis('.embed-source'), !document.querySelector('.topbar'), vis('.embed-brand')];")
        .await;
    assert_eq!(
        shown,
        [true, true, true, true],
        "legend, source, no header, Buurtkaart link"
    );
    let legend_items: usize = b
        .js("return document.querySelectorAll('.legend-item').length;")
        .await;
    assert_eq!(legend_items, 10, "nine classes and 'geen score'");
    b.wait_for_text(".embed-source", "Bron: Leefbaarometer 3.0")
        .await;
    let alt: String = b
        .js("return document.getElementById('embed-alt').textContent;")
        .await;
    assert!(
        alt.starts_with("Kaart van Utrecht: ") && alt.contains(" buurten"),
        "alt text: {alt}"
    );
    println!("alt text: {alt}");
    let link: String = b
        .js("return document.querySelector('.embed-brand').href;")
        .await;
    assert_eq!(link, format!("{}/gemeente/{GEMEENTE}", b.base));

    b.client
        .enter_parent_frame()
        .await
        .expect("back to the host page");
    let scroll_w: f64 = b
        .js("return document.documentElement.scrollWidth - window.innerWidth;")
        .await;
    assert!(
        scroll_w <= 0.0,
        "the embed makes the host page scroll sideways by {scroll_w}px"
    );
    let errors = b.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    b.close().await;
}

#[tokio::test]
async fn dark_embed_is_dark_and_follows_the_hosts_theme_message() {
    let (b, _host) = open_host(700, 1000, &format!("/embed/gemeente/{GEMEENTE}?indicator=woz&niveau=wijk&lang=en&dark=true&legend=0&interactive=0")).await;
    b.client
        .enter_frame(0)
        .await
        .expect("enter the embed's frame");
    b.wait_for_mark("choropleth-ready").await;
    b.wait_for_text(".embed-title", "per district in Utrecht")
        .await;
    let bg = "return [document.querySelector('.embed').className, getComputedStyle(document.querySelector('.embed')).backgroundColor];";
    let (class, colour): (String, String) = b.js(bg).await;
    assert!(class.contains("embed-dark"), "{class}");
    assert_eq!(
        colour, "rgb(31, 34, 38)",
        "dark surface although the reader's system is light"
    );
    // legend=0 and interactive=0: no legend, and the map is a picture, not a tab stop.
    let (legend, tabindex, role, label): (bool, Option<String>, String, String) = b
        .js("const m = document.querySelector('.map-canvas');
             return [!!document.querySelector('.legend'), m.getAttribute('tabindex'), m.getAttribute('role'), m.getAttribute('aria-label') || ''];")
        .await;
    assert!(!legend, "legend=0 still shows a legend");
    assert_eq!((tabindex, role.as_str()), (None, "img"));
    let buttons: bool = b
        .js("return !!document.querySelector('.zoom-buttons');")
        .await;
    assert!(!buttons, "interactive=0 still shows zoom buttons");
    assert!(label.starts_with("Map of Utrecht:"), "aria-label: {label}");
    b.client.enter_parent_frame().await.unwrap();
    tokio::time::sleep(Duration::from_millis(800)).await;
    b.screenshot("embed-dark-700").await;

    // The host switches the theme; junk and look-alike messages change nothing.
    let _: Value = b.js("window.buurtkaart.theme('light'); return null;").await;
    b.client.enter_frame(0).await.unwrap();
    wait_js(
        &b,
        "theme message",
        "return document.querySelector('.embed').className;",
        |v| v.as_str().is_some_and(|c| c.contains("embed-light")),
    )
    .await;
    b.client.enter_parent_frame().await.unwrap();
    let _: Value = b
        .js("const w = document.getElementById('kaart').contentWindow;
             w.postMessage({type: 'buurtkaart:theme', theme: 'purple'}, '*');
             w.postMessage('dark', '*');
             w.postMessage({type: 'buurtkaart:height', theme: 'dark'}, '*');
             return null;")
        .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    b.client.enter_frame(0).await.unwrap();
    let class: String = b
        .js("return document.querySelector('.embed').className;")
        .await;
    assert!(
        class.contains("embed-light"),
        "junk messages changed the theme: {class}"
    );
    let errors = b.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    b.close().await;
}

#[tokio::test]
async fn csv_and_png_exports_of_the_current_view() {
    let (_index, _lbm, shapes) = buurten();
    let dir = std::env::temp_dir().join(format!("buurtkaart-downloads-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let b = Browser::start(1280, 800).await;
    b.allow_downloads(&dir).await;
    b.goto(&format!("/gemeente/{GEMEENTE}?niveau=buurt")).await;
    b.wait_for_mark("choropleth-ready").await;
    let vp = settled_view(&b).await;

    b.click(".export-csv").await;
    let csv_path = support::wait_for_download(&dir, "csv").await;
    let bytes = std::fs::read(&csv_path).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 byte-order mark");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("UTF-8");
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines[0],
        "Code;Naam;Niveau;Ligt in (code);Ligt in;Gemeente (code);Gemeente;Indicator;Waarde;Eenheid;Klasse;Bron;Jaar"
    );
    let expected = shapes.in_bounds(vp.world_bounds()).len();
    assert_eq!(
        lines.len() - 1,
        expected,
        "one row per buurt in view ({})",
        csv_path.display()
    );
    let utrecht = lines
        .iter()
        .filter(|l| l.starts_with(&format!("BU{}", &GEMEENTE[2..])))
        .count();
    assert!(utrecht >= 80, "only {utrecht} rows of {GEMEENTE}");
    assert!(
        lines
            .iter()
            .filter(|l| l.starts_with(&format!("BU{}", &GEMEENTE[2..])))
            .all(|l| l.contains(&format!(";{GEMEENTE};Utrecht;"))),
        "every buurt row names its gemeente"
    );
    assert!(
        lines
            .iter()
            .skip(1)
            .all(|l| l.split(';').count() == 13 || l.contains('"')),
        "13 fields per row"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.ends_with(";Leefbaarometer 3.0 – Ministerie van BZK;2024")),
        "source and year"
    );

    b.click(".export-png").await;
    let png_path = support::wait_for_download(&dir, "png").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (w, h) = support::png_size(&png_path);
    assert_eq!(
        w,
        2 * vp.width.round() as u32,
        "PNG at twice the map's width"
    );
    assert!(
        h > 2 * vp.height.round() as u32,
        "room for title, legend and source: {w}x{h}"
    );

    b.click(".export-svg").await;
    let svg_path = support::wait_for_download(&dir, "svg").await;
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{}",
        &svg[..80.min(svg.len())]
    );
    assert!(svg.contains("Leefbaarheid (klasse) per buurt in Utrecht, 2024"));
    assert!(svg.contains("Bron: Leefbaarometer 3.0"));

    // With a buurt selected, title and file name still name its gemeente (they said
    // "… per buurt, 2024" and "…-nederland.svg").
    let buurt = shapes
        .shapes
        .iter()
        .find(|s| s.code.starts_with(&format!("BU{}", &GEMEENTE[2..])))
        .map(|s| s.code.clone())
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::create_dir_all(&dir).unwrap();
    b.goto(&format!("/buurt/{buurt}")).await;
    b.wait_for_mark("choropleth-ready").await;
    b.wait_for("#panel-name").await;
    settled_view(&b).await;
    b.click(".export-svg").await;
    let svg_path = support::wait_for_download(&dir, "svg").await;
    let name = svg_path.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.ends_with("-utrecht.svg"), "file name {name}");
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    assert!(
        svg.contains("per buurt in Utrecht, 2024"),
        "the title names Utrecht"
    );
    let errors = b.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    b.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn builder_dialog_opens_with_code_link_and_alt_text_and_escape_closes_it() {
    let b = Browser::start(1280, 900).await;
    b.goto("/buurt/BU03440311").await;
    b.wait_for_mark("choropleth-ready").await;
    b.click(".share-open").await;
    b.wait_for("dialog.share-dialog[open]").await;
    let focused: String = b
        .js("return document.activeElement ? document.activeElement.id : '';")
        .await;
    assert_eq!(focused, "share-area", "focus moves into the dialog");
    let code = wait_js(
        &b,
        "embed code",
        "return document.getElementById('share-code').value;",
        |v| {
            v.as_str().is_some_and(|s| {
                s.contains("/embed/gemeente/GM0344?") && s.contains("markeer=BU03440311")
            })
        },
    )
    .await;
    let code = code.as_str().unwrap();
    assert!(
        code.contains(" title=\"")
            && code.contains("width:100%")
            && code.contains("/embed.js\" async></script>"),
        "{code}"
    );
    let link: String = b
        .js("return document.getElementById('share-link').value;")
        .await;
    assert_eq!(link, b.url("/buurt/BU03440311"));
    wait_js(
        &b,
        "alt text",
        "return document.getElementById('share-alt').value;",
        |v| {
            v.as_str()
                .is_some_and(|s| s.starts_with("Kaart van Utrecht: "))
        },
    )
    .await;
    // The preview is the real embed and sizes itself from its height messages.
    wait_js(
        &b,
        "preview height",
        "return document.querySelector('.share-frame').getBoundingClientRect().height;",
        |v| v.as_f64().is_some_and(|h| h > 420.5),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    b.screenshot("embed-builder").await;
    // The quick choices: the gemeente, the wijk and the buurt itself; the buurt's chip makes a
    // buurt embed.
    let chips: Vec<String> = b
        .js("return [...document.querySelectorAll('.share-dialog .chip')].map(c => c.textContent);")
        .await;
    assert_eq!(chips.len(), 3, "chips {chips:?}");
    assert!(chips[2].ends_with("(buurt)"), "chips {chips:?}");
    let chip = b
        .client
        .find(fantoccini::Locator::Css(
            ".share-dialog .chip:nth-of-type(3)",
        ))
        .await
        .unwrap();
    chip.click().await.unwrap();
    wait_js(
        &b,
        "a buurt embed",
        "return document.getElementById('share-code').value;",
        |v| {
            v.as_str().is_some_and(|s| {
                // The iframe's title names the buurt and its gemeente, as the embed does.
                s.contains("/embed/buurt/BU03440311")
                    && s.contains(" title=\"Leefbaarheid (klasse) in ")
                    && s.contains(", Utrecht")
            })
        },
    )
    .await;
    b.client
        .active_element()
        .await
        .unwrap()
        .send_keys(&fantoccini::key::Key::Escape.to_string())
        .await
        .unwrap();
    wait_js(
        &b,
        "dialog closed",
        "return [!!document.querySelector('dialog[open]'), document.activeElement.className];",
        |v| v[0] == false && v[1].as_str().is_some_and(|c| c.contains("share-open")),
    )
    .await;
    b.close().await;
}

#[tokio::test]
async fn screenshots_of_an_embed_at_three_widths() {
    for width in [360u32, 640, 1000] {
        let (b, _host) = open_host(width + 32, 1100, &format!("/embed/gemeente/{GEMEENTE}?indicator=lbm_klasse&niveau=buurt&jaar=2024&markeer=BU03440311")).await;
        b.client.enter_frame(0).await.unwrap();
        b.wait_for_mark("choropleth-ready").await;
        settled_view(&b).await;
        b.client.enter_parent_frame().await.unwrap();
        let frame_w: f64 = b
            .js("return document.getElementById('kaart').getBoundingClientRect().width;")
            .await;
        assert_eq!(frame_w.round() as u32, width, "iframe width");
        tokio::time::sleep(Duration::from_millis(800)).await;
        b.screenshot(&format!("embed-{width}")).await;
        b.close().await;
    }
}

/// The last height the host page received.
async fn last_height(b: &Browser) -> f64 {
    b.js("const hs = window.__messages.filter(m => m.data && m.data.type === 'buurtkaart:height'); return hs.length ? hs[hs.length - 1].data.height : 0;")
        .await
}

#[tokio::test]
async fn clicking_a_buurt_opens_the_panel_and_the_embed_grows() {
    let (index, _lbm, shapes) = buurten();
    let (b, _host) = open_host(
        700,
        900,
        &format!("/embed/gemeente/{GEMEENTE}?indicator=lbm_klasse&niveau=buurt&panel=1"),
    )
    .await;
    wait_js(
        &b,
        "first height",
        "return window.__messages.length;",
        |v| v.as_u64().unwrap_or(0) > 0,
    )
    .await;
    b.client.enter_frame(0).await.unwrap();
    b.wait_for_mark("choropleth-ready").await;
    let vp = settled_view(&b).await;
    b.client.enter_parent_frame().await.unwrap();
    let before = last_height(&b).await;
    // Pointer actions take page coordinates, also while a frame is entered.
    let frame: (f64, f64) = b.js("const r = document.getElementById('kaart').getBoundingClientRect(); return [r.left, r.top];").await;
    b.client.enter_frame(0).await.unwrap();
    let map: (f64, f64) = b.js("const r = document.querySelector('.map-canvas').getBoundingClientRect(); return [r.left, r.top];").await;
    // The largest buurt of the gemeente with room around its inner point.
    let body = &GEMEENTE[2..];
    let mut cands: Vec<usize> = (0..shapes.len())
        .filter(|&i| shapes.shapes[i].code[2..].starts_with(body))
        .collect();
    cands.sort_by(|&a, &b| {
        let area = |i: usize| {
            let s = shapes.shapes[i].bounds;
            (s[2] - s[0]) * (s[3] - s[1])
        };
        area(b).total_cmp(&area(a))
    });
    let (i, (wx, wy)) = cands
        .iter()
        .find_map(|&i| places::inner_point(&shapes, i, 8.0 / vp.scale).map(|p| (i, p)))
        .expect("a probe");
    let name = &index.names[shapes.shapes[i].row.unwrap()];
    let (sx, sy) = vp.to_screen(wx, wy);
    let (x, y) = (frame.0 + map.0 + sx, frame.1 + map.1 + sy);
    let click = MouseActions::new("mouse".into())
        .then(PointerAction::MoveTo {
            duration: Some(Duration::from_millis(50)),
            x,
            y,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
    b.client.perform_actions(click).await.expect("click");
    b.wait_for_text(".panel-name", name).await;
    let after_view = settled_view(&b).await;
    assert!(
        (after_view.scale - vp.scale).abs() < 1e-6,
        "the embed stays fitted to its gemeente after a click"
    );
    b.client.enter_parent_frame().await.unwrap();
    let grown = wait_js(&b, "a larger height after the panel opened", &format!(
        "const hs = window.__messages.filter(m => m.data && m.data.type === 'buurtkaart:height').map(m => m.data.height);
         return [hs[hs.length - 1], document.getElementById('kaart').getBoundingClientRect().height, {before}];"),
        |v| v[0].as_f64().unwrap_or(0.0) > before + 100.0 && (v[0].as_f64().unwrap_or(0.0) - v[1].as_f64().unwrap_or(0.0)).abs() < 1.0,
    ).await;
    println!("height before {before}, after {}", grown[0]);
    let errors = b.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    b.close().await;
}

#[tokio::test]
async fn the_mouse_wheel_over_an_embed_scrolls_the_host_page() {
    let (b, _host) = open_host(
        700,
        600,
        &format!("/embed/gemeente/{GEMEENTE}?indicator=lbm_klasse&niveau=buurt"),
    )
    .await;
    b.client.enter_frame(0).await.unwrap();
    b.wait_for_mark("choropleth-ready").await;
    let before = settled_view(&b).await;
    b.client.enter_parent_frame().await.unwrap();
    // Over the middle of the map.
    let (x, y): (f64, f64) = b.js("const r = document.getElementById('kaart').getBoundingClientRect(); return [r.left + r.width / 2, r.top + 250];").await;
    let wheel = WheelActions::new("wheel".into()).then(WheelAction::Scroll {
        duration: Some(Duration::from_millis(100)),
        x: x as i64,
        y: y as i64,
        delta_x: 0,
        delta_y: 240,
    });
    b.client.perform_actions(wheel).await.expect("wheel");
    wait_js(&b, "host page scrolled", "return window.scrollY;", |v| {
        v.as_f64().unwrap_or(0.0) > 50.0
    })
    .await;
    b.client.enter_frame(0).await.unwrap();
    tokio::time::sleep(Duration::from_millis(600)).await;
    let after = view(&b).await;
    assert_eq!(
        after.scale, before.scale,
        "a plain wheel must not zoom the embedded map"
    );
    b.close().await;
}

/// The centre of the element `css` in the current frame's viewport.
async fn centre_in_frame(b: &Browser, css: &str) -> (f64, f64) {
    b.js(&format!("const r = document.querySelector('{css}').getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2];"))
        .await
}

/// A finger's tap at (`x`, `y`).
async fn tap(b: &Browser, x: f64, y: f64) {
    b.touch("touchStart", &[(x, y)]).await;
    tokio::time::sleep(Duration::from_millis(40)).await;
    b.touch("touchEnd", &[]).await;
}

/// Top-left of the embed's map in the host page's viewport (call from inside the frame).
async fn map_origin(b: &Browser) -> (f64, f64) {
    b.client.enter_parent_frame().await.unwrap();
    let frame: (f64, f64) = b.js("const r = document.getElementById('kaart').getBoundingClientRect(); return [r.left, r.top];").await;
    b.client.enter_frame(0).await.unwrap();
    let map: (f64, f64) = b.js("const r = document.querySelector('.map-canvas').getBoundingClientRect(); return [r.left, r.top];").await;
    (frame.0 + map.0, frame.1 + map.1)
}

/// The `n` largest buurten of [`GEMEENTE`] with a point `room` px inside them at the scale of
/// `vp`, as (name, screen point on the map).
fn large_buurten(
    index: &AreaIndex,
    shapes: &AreaShapes,
    vp: &Viewport,
    room: f64,
    n: usize,
) -> Vec<(String, (f64, f64))> {
    let body = &GEMEENTE[2..];
    let mut cands: Vec<usize> = (0..shapes.len())
        .filter(|&i| shapes.shapes[i].code[2..].starts_with(body))
        .collect();
    let area = |i: usize| {
        let s = shapes.shapes[i].bounds;
        (s[2] - s[0]) * (s[3] - s[1])
    };
    cands.sort_by(|&a, &b| area(b).total_cmp(&area(a)));
    cands
        .iter()
        .filter_map(|&i| {
            let p = places::inner_point(shapes, i, room / vp.scale)?;
            let (sx, sy) = vp.to_screen(p.0, p.1);
            // Clear of the zoom buttons in the top-right corner.
            let free = sx > 20.0 && sy > 20.0 && sx < vp.width - 60.0 && sy < vp.height - 20.0;
            let row = shapes.shapes[i].row?;
            free.then(|| (index.names[row].clone(), (sx, sy)))
        })
        .take(n)
        .collect()
}

#[tokio::test]
async fn on_a_phone_a_tap_shows_the_tooltip_buttons_zoom_and_a_drag_scrolls_the_article() {
    let (index, _lbm, shapes) = buurten();
    let (b, _host) = open_host(
        390,
        844,
        &format!("/embed/gemeente/{GEMEENTE}?indicator=lbm_klasse&niveau=buurt&panel=1"),
    )
    .await;
    // A long article, so that there is something to scroll.
    let _: Value = b
        .js("document.querySelector('main').style.paddingBottom = '2500px'; return null;")
        .await;
    b.client.enter_frame(0).await.unwrap();
    b.wait_for_mark("choropleth-ready").await;
    let vp = settled_view(&b).await;
    let touch_action: String = b
        .js("return getComputedStyle(document.querySelector('.map-overlay')).touchAction;")
        .await;
    assert_eq!(
        touch_action, "pan-y",
        "one finger scrolls the article vertically"
    );
    let picks = large_buurten(&index, &shapes, &vp, 10.0, 2);
    assert_eq!(picks.len(), 2, "two buurten to tap");
    let origin = map_origin(&b).await;

    // A tap shows the tooltip there (and, with panel=1, selects and opens the panel); a second
    // tap elsewhere moves it.
    for (name, (sx, sy)) in &picks {
        tap(&b, origin.0 + sx, origin.1 + sy).await;
        b.wait_for_text(".tooltip-name", name).await;
        b.wait_for_text(".panel-name", name).await;
        // The tooltip stays inside the map (near the edge it flips to the other side).
        tokio::time::sleep(Duration::from_millis(150)).await;
        let inside: bool = b
            .js("const t = document.querySelector('.tooltip').getBoundingClientRect();
                 const m = document.querySelector('.embed-map').getBoundingClientRect();
                 return t.left >= m.left - 0.5 && t.right <= m.right + 0.5 && t.top >= m.top - 0.5 && t.bottom <= m.bottom + 0.5;")
            .await;
        assert!(inside, "the tooltip of {name} is cut off by the map's edge");
    }
    b.client.enter_parent_frame().await.unwrap();
    let scroll: f64 = b.js("return window.scrollY;").await;
    assert_eq!(scroll, 0.0, "opening the panel scrolled the host's article");
    b.screenshot("embed-phone-tap").await;
    b.client.enter_frame(0).await.unwrap();
    let after_taps = view(&b).await;
    assert!(
        (after_taps.scale - vp.scale).abs() < 1e-6,
        "a tap selects without moving the map"
    );

    // The zoom buttons: in, out, and back to the whole gemeente.
    let map_tl: (f64, f64) = b.js("const r = document.querySelector('.map-canvas').getBoundingClientRect(); return [r.left, r.top];").await;
    // A button's centre in the host page's viewport.
    let button = |c: (f64, f64)| (c.0 - map_tl.0 + origin.0, c.1 - map_tl.1 + origin.1);
    let zin = button(centre_in_frame(&b, ".zoom-in").await);
    tap(&b, zin.0, zin.1).await;
    let zoomed = wait_js(
        &b,
        "zoomed in",
        "return +document.querySelector('.map-canvas').dataset.scale;",
        |v| v.as_f64().unwrap_or(0.0) > vp.scale * 1.3,
    )
    .await;
    let zout = button(centre_in_frame(&b, ".zoom-out").await);
    tap(&b, zout.0, zout.1).await;
    wait_js(
        &b,
        "zoomed out",
        "return +document.querySelector('.map-canvas').dataset.scale;",
        |v| v.as_f64().unwrap_or(f64::MAX) < zoomed.as_f64().unwrap() / 1.3,
    )
    .await;
    tap(&b, zin.0, zin.1).await;
    tap(&b, zin.0, zin.1).await;
    let home = button(centre_in_frame(&b, ".zoom-home").await);
    tokio::time::sleep(Duration::from_millis(300)).await;
    tap(&b, home.0, home.1).await;
    let scale = vp.scale;
    wait_js(
        &b,
        "back to the whole gemeente",
        "return +document.querySelector('.map-canvas').dataset.scale;",
        |v| (v.as_f64().unwrap_or(0.0) - scale).abs() < scale * 0.02,
    )
    .await;
    let label: String = b
        .js("return document.querySelector('.zoom-home').getAttribute('aria-label');")
        .await;
    assert_eq!(label, "Hele gebied tonen");
    let before = settled_view(&b).await;

    // One finger dragging up over the map scrolls the article; the map stays put.
    b.client.enter_parent_frame().await.unwrap();
    let (x, y) = (origin.0 + vp.width / 2.0, origin.1 + vp.height * 0.8);
    b.touch("touchStart", &[(x, y)]).await;
    for s in 1..=12 {
        b.touch("touchMove", &[(x + 1.0, y - 25.0 * s as f64)])
            .await;
        tokio::time::sleep(Duration::from_millis(16)).await;
    }
    b.touch("touchEnd", &[]).await;
    let scrolled = wait_js(&b, "the article scrolled", "return window.scrollY;", |v| {
        v.as_f64().unwrap_or(0.0) > 100.0
    })
    .await;
    println!("a drag up over the map scrolled the article by {scrolled} px");
    b.client.enter_frame(0).await.unwrap();
    tokio::time::sleep(Duration::from_millis(400)).await;
    let after = view(&b).await;
    assert!(
        (after.scale - before.scale).abs() < 1e-9 && (after.cy - before.cy).abs() < 1e-9,
        "a vertical drag moved the map: {before:?} → {after:?}"
    );

    // Two fingers spreading apart zoom the map in. The drag above flung the article by some
    // hundreds of px (how far depends on timing): bring the map back into view, let the scroll
    // rest, and put the fingers on its middle.
    b.client.enter_parent_frame().await.unwrap();
    let _: bool = b
        .js("document.getElementById('kaart').scrollIntoView({block: 'start', behavior: 'instant'}); return true;")
        .await;
    let mut last = f64::NAN;
    let start = Instant::now();
    loop {
        let y: f64 = b.js("return window.scrollY;").await;
        if y == last || start.elapsed() > Duration::from_secs(5) {
            break;
        }
        last = y;
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    b.client.enter_frame(0).await.unwrap();
    // What reaches the map, for the message if the pinch does not zoom.
    let _: bool = b
        .js("window.__pointers = []; const o = document.querySelector('.map-overlay'); \
             for (const t of ['pointerdown', 'pointermove', 'pointerup', 'pointercancel']) \
               o.addEventListener(t, e => window.__pointers.push(t + ':' + e.pointerId)); return true;")
        .await;
    let origin = map_origin(&b).await;
    let (cx, cy) = (origin.0 + vp.width / 2.0, origin.1 + vp.height / 2.0);
    assert!(
        cy > 60.0 && cy < 784.0,
        "the map's middle is off screen: {cy}"
    );
    b.touch("touchStart", &[(cx - 30.0, cy), (cx + 30.0, cy)])
        .await;
    for s in 1..=10 {
        let d = 30.0 + 6.0 * s as f64;
        b.touch("touchMove", &[(cx - d, cy), (cx + d, cy)]).await;
        tokio::time::sleep(Duration::from_millis(16)).await;
    }
    b.touch("touchEnd", &[]).await;
    let seen: Vec<String> = b.js("return window.__pointers || [];").await;
    let pinched = wait_js(
        &b,
        &format!("a pinch zooms in (pointer events: {seen:?})"),
        "return +document.querySelector('.map-canvas').dataset.scale;",
        |v| v.as_f64().unwrap_or(0.0) > before.scale * 1.5,
    )
    .await;
    println!("a pinch zoomed from {} to {pinched}", before.scale);
    let errors = b.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    b.close().await;
}

#[tokio::test]
async fn the_host_page_hears_ready_and_select_through_embed_js() {
    let (index, _lbm, shapes) = buurten();
    let (b, _host) = open_host(
        700,
        900,
        &format!("/embed/gemeente/{GEMEENTE}?indicator=lbm_klasse&niveau=buurt&id=kaart-1"),
    )
    .await;
    // The fixture's own code registered its listeners through the stub, before embed.js loaded.
    let ready = wait_js(
        &b,
        "ready through buurtkaart.on",
        "return window.__events.filter(e => e.name === 'ready');",
        |v| v.as_array().is_some_and(|a| !a.is_empty()),
    )
    .await;
    assert_eq!(
        ready[0]["data"],
        json!({ "type": "buurtkaart:ready", "id": "kaart-1" })
    );
    assert_eq!(ready[0]["frame"], "kaart", "the listener gets the iframe");
    let raw: Value = b
        .js("return window.__messages.filter(m => m.data && m.data.type === 'buurtkaart:ready').map(m => m.data);")
        .await;
    assert_eq!(
        raw,
        json!([{ "type": "buurtkaart:ready", "id": "kaart-1" }]),
        "ready is sent once"
    );
    // A listener added later still hears of the embed drawn before.
    let late: Value = b
        .js("let got = null; window.buurtkaart.on('ready', e => { got = e.id; }); return got;")
        .await;
    assert_eq!(late, json!("kaart-1"));

    // A click on a buurt: its code, name and level.
    b.client.enter_frame(0).await.unwrap();
    b.wait_for_mark("choropleth-ready").await;
    let vp = settled_view(&b).await;
    let origin = map_origin(&b).await;
    let (name, (sx, sy)) = large_buurten(&index, &shapes, &vp, 8.0, 1)
        .pop()
        .expect("a buurt to click");
    let code = shapes
        .shapes
        .iter()
        .find(|s| {
            s.row.is_some_and(|r| index.names[r] == name) && s.code[2..].starts_with(&GEMEENTE[2..])
        })
        .map(|s| s.code.clone())
        .unwrap();
    let click = MouseActions::new("mouse".into())
        .then(PointerAction::MoveTo {
            duration: Some(Duration::from_millis(50)),
            x: origin.0 + sx,
            y: origin.1 + sy,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
    b.client.perform_actions(click).await.expect("click");
    b.client.enter_parent_frame().await.unwrap();
    let selected = wait_js(
        &b,
        "select through buurtkaart.on",
        "return window.__events.filter(e => e.name === 'select');",
        |v| v.as_array().is_some_and(|a| !a.is_empty()),
    )
    .await;
    assert_eq!(
        selected[0]["data"],
        json!({ "type": "buurtkaart:select", "id": "kaart-1", "code": code, "name": name, "level": "buurt" })
    );
    // Look-alike messages from the host itself or with junk fields reach no listener.
    let _: Value = b
        .js("window.postMessage({type: 'buurtkaart:select', id: 'x', code: 'BU1', name: 'n', level: 'buurt'}, '*');
             document.getElementById('kaart').contentWindow.postMessage({type: 'buurtkaart:select', id: 1}, '*');
             return null;")
        .await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    let count: usize = b
        .js("return window.__events.filter(e => e.name === 'select').length;")
        .await;
    assert_eq!(count, 1, "only the embed's own select message counts");
    let errors = b.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    b.close().await;
}

#[tokio::test]
async fn the_embed_footer_downloads_the_geojson_of_its_whole_area() {
    let (_index, _lbm, shapes) = buurten();
    let dir = std::env::temp_dir().join(format!("buurtkaart-geojson-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let b = Browser::start(700, 900).await;
    b.allow_downloads(&dir).await;
    b.goto(&format!(
        "/embed/gemeente/{GEMEENTE}?indicator=lbm_klasse&niveau=buurt"
    ))
    .await;
    b.wait_for_mark("choropleth-ready").await;
    b.wait_for_text(".embed-geojson", "Geodata (GeoJSON)").await;
    // Zoomed in: the file still holds every buurt of the embed's area.
    b.click(".zoom-in").await;
    b.click(".embed-geojson").await;
    let path = support::wait_for_download(&dir, "geojson").await;
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(doc["type"], "FeatureCollection");
    let mut codes: Vec<String> = doc["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["properties"]["code"].as_str().unwrap().to_string())
        .collect();
    codes.sort();
    let mut want: Vec<String> = shapes
        .shapes
        .iter()
        .filter(|s| s.code[2..].starts_with(&GEMEENTE[2..]))
        .map(|s| s.code.clone())
        .collect();
    want.sort();
    assert_eq!(codes, want, "the buurten of {GEMEENTE}, no others");
    let f = &doc["features"][0];
    assert_eq!(f["properties"]["gemeente"], "Utrecht");
    assert!(f["properties"]["wijk"]
        .as_str()
        .is_some_and(|w| !w.is_empty()));
    let errors = b.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    b.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// Alpha of the overlay canvas, as (pixels with any alpha, in CSS px², at the device ratio).
async fn overlay_ink(b: &Browser) -> f64 {
    b.js("const c = document.querySelector('.map-overlay'); const k = c.width / c.getBoundingClientRect().width;
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
          return n / (k * k);")
        .await
}

#[tokio::test]
async fn a_buurt_embed_names_the_buurt_marks_it_boldly_and_mutes_its_surroundings() {
    const BUURT: &str = "BU03440311";
    let (index, lbm, shapes) = buurten();
    let palette = colours(ScaleKind::LbmClasses, 9, Some(true), Palette::Standard);
    let i = shapes.index_of(BUURT).expect("the buurt");
    let name = index.names[shapes.shapes[i].row.unwrap()].clone();
    let (b, _host) = open_host(
        700,
        1000,
        &format!("/embed/buurt/{BUURT}?indicator=lbm_klasse&niveau=buurt&jaar=2024"),
    )
    .await;
    b.client.enter_frame(0).await.unwrap();
    b.wait_for_mark("choropleth-ready").await;
    let title = format!("Leefbaarheid (klasse) in {name}, Utrecht (2024)");
    b.wait_for_text(".embed-title", &title).await;
    let vp = settled_view(&b).await;
    let margin = 5.0 / vp.scale;

    // Inside the wijk: class colours. The rest of Utrecht: the muted context colour, not the
    // "geen score" grey. Other gemeenten: nothing.
    let wijk = &BUURT[2..8];
    let (context, no_data) = ([0xef, 0xed, 0xe8], [0xd4, 0xd4, 0xd4]);
    let near = |got: [u8; 4], want: [u8; 3]| {
        (0..3).all(|k| (got[k] as i32 - want[k] as i32).abs() <= 3) && got[3] == 255
    };
    let (mut inside, mut matched, mut around, mut muted, mut grey) = (0, 0, 0, 0, 0);
    for j in shapes.in_bounds(vp.world_bounds()) {
        let s = &shapes.shapes[j];
        if !s.code[2..].starts_with(&GEMEENTE[2..]) {
            continue;
        }
        let Some((wx, wy)) = places::inner_point(&shapes, j, margin) else {
            continue;
        };
        let (sx, sy) = vp.to_screen(wx, wy);
        if sx < 6.0 || sy < 6.0 || sx > vp.width - 50.0 || sy > vp.height - 6.0 {
            continue;
        }
        let got = pixel(&b, sx, sy).await;
        if s.code[2..].starts_with(wijk) {
            let Some(class) = s.row.and_then(|r| lbm.get("lbm_klasse", r)) else {
                continue;
            };
            inside += 1;
            let c = palette[class as usize - 1];
            matched += near(got, [c.0, c.1, c.2]) as usize;
        } else {
            around += 1;
            muted += near(got, context) as usize;
            grey += near(got, no_data) as usize;
        }
    }
    println!("inside {inside} ({matched} in class colours), around {around} ({muted} muted, {grey} grey)");
    assert!(
        inside >= 3 && matched * 10 >= inside * 9,
        "{matched} of {inside} in the wijk coloured"
    );
    assert!(around >= 5, "only {around} probes around the wijk");
    assert_eq!(grey, 0, "surroundings drawn in the 'geen score' grey");
    assert!(
        muted * 10 >= around * 9,
        "{muted} of {around} probes around the wijk muted"
    );

    // The marked buurt: an outline with a halo, not a hairline: ink on the overlay of more than
    // eight CSS px per px of its outline (a 2.5 px line on a 5 px band left about five).
    let geometry = shapes.geometry(i);
    let perimeter: f64 = geometry
        .0
        .iter()
        .map(|p| {
            p.exterior()
                .0
                .windows(2)
                .map(|w| (w[1].x - w[0].x).hypot(w[1].y - w[0].y) * vp.scale)
                .sum::<f64>()
        })
        .sum();
    let ink = overlay_ink(&b).await;
    println!("marked outline: {perimeter:.0} px long, {ink:.0} px² of ink");
    assert!(
        ink > 8.0 * perimeter,
        "the marked buurt is a thin line: {ink:.0} px² for {perimeter:.0} px"
    );
    b.client.enter_parent_frame().await.unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    b.screenshot("embed-buurt-700").await;
    let errors = b.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    b.close().await;
}
