//! Issue 10 in a real headless Chromium: the three views beyond one measure, opened by URL.
//!
//! - "Sinds 2012" (`weergave=verandering`): a Utrecht wijk's change 2012 → 2022 in the table and
//!   its colour on the map; the largest decline of the gemeente heads the filtered list and opens
//!   the wijk's history; the years are kept in the URL.
//! - Tenure (`weergave=huur`): an Amsterdam buurt's bivariate class in the table, on the map and
//!   as its dot in the scatter plot (the ringed dot lies in the path of that class).
//! - Relative (`weergave=relatief`): a buurt's rank and percentile within its gemeente.
//! - The change view in an embed, and the view picker by keyboard.
//!
//! Every expected value is computed here from the raw files in `public/data` (plain JSON, not the
//! app's computations); only number formatting and the palette come from the app.

mod support;

use buurtkaart::carto::Viewport;
use buurtkaart::format;
use buurtkaart::lang::Lang;
use buurtkaart::scale::palette::{colours, Palette};
use buurtkaart_model::ScaleKind;
use fantoccini::actions::{InputSource, MouseActions, PointerAction};
use fantoccini::key::Key;
use serde_json::Value;
use support::{places, Browser};

/// A Utrecht wijk with a Leefbaarometer history.
const WIJK: &str = "WK034401";
/// An Amsterdam buurt (letters in its code).
const BUURT: &str = "BU0363FK05";

use support::data_file as read;

fn json(file: &str) -> Value {
    serde_json::from_str(&read(file)).unwrap()
}

/// A column of a value table as plain numbers (fixed-point integers / 10^decimals).
fn column(file: &str, id: &str) -> Vec<Option<f64>> {
    let t = json(file);
    let c = &t["columns"][id];
    let scale = 10f64.powi(c["decimals"].as_i64().unwrap() as i32);
    c["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_i64().map(|i| i as f64 / scale))
        .collect()
}

fn codes(level: &str) -> Vec<String> {
    json(&format!("{level}.areas.json"))["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect()
}

/// The change of wijk `code` between `from` and `to`: (score from, score to, difference).
fn change(history: &Value, code: &str, from: u64, to: u64) -> Option<(f64, f64, f64)> {
    let years: Vec<u64> = history["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y.as_u64().unwrap())
        .collect();
    let (i, j) = (
        years.iter().position(|&y| y == from)?,
        years.iter().position(|&y| y == to)?,
    );
    let w = history["wijken"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["code"] == code)?;
    let (a, b) = (w["lbm"][i].as_f64()?, w["lbm"][j].as_f64()?);
    Some((a, b, ((b - a) * 10_000.0).round() / 10_000.0))
}

/// A point well inside area `code` of `level` (world km), for reading the map's colour there.
fn inside(level: &str, code: &str) -> (f64, f64) {
    let (_, shapes) = places::shapes(level);
    let i = shapes.index_of(code).unwrap();
    places::inner_point(&shapes, i, 0.0).unwrap_or_else(|| panic!("no point inside {code}"))
}

/// The colour of the base canvas at world point `w`, once the map has drawn.
async fn colour_at(b: &Browser, w: (f64, f64)) -> String {
    let v: (f64, f64, f64, f64, f64) = b
        .js(
            "const e = document.querySelector('.map-canvas'); const r = e.getBoundingClientRect();
             return [r.width, r.height, +e.dataset.scale, +e.dataset.cx, +e.dataset.cy];",
        )
        .await;
    let vp = Viewport {
        width: v.0,
        height: v.1,
        scale: v.2,
        cx: v.3,
        cy: v.4,
    };
    let (x, y) = vp.to_screen(w.0, w.1);
    let rgb: [u8; 3] = b
        .js(&format!(
            "const c = document.querySelector('.map-base'); const k = c.width / c.getBoundingClientRect().width;
             const d = c.getContext('2d').getImageData(Math.round({x} * k), Math.round({y} * k), 1, 1).data;
             return [d[0], d[1], d[2]];"
        ))
        .await;
    format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2])
}

/// Opens the table of areas in view and waits for the row of `code`; returns its cells' text.
async fn table_row(b: &Browser, code: &str) -> Vec<String> {
    b.click(".table-toggle").await;
    let css = format!("#area-table tr[data-code='{code}']");
    b.wait_for(&css).await;
    b.js(&format!(
        "return [...document.querySelectorAll({}) ].map(c => c.textContent);",
        serde_json::json!(format!("{css} > *"))
    ))
    .await
}

#[tokio::test]
async fn change_view_shows_a_wijks_change_on_map_table_and_list() {
    let history = json("wijk.history.json");
    let (from, to, delta) =
        change(&history, WIJK, 2012, 2022).expect("Utrecht wijk has 2012 and 2022");
    let breaks = [-0.10, -0.05, -0.02, 0.02, 0.05, 0.10];
    let class = breaks.iter().filter(|&&b| b <= delta).count();
    let palette = colours(ScaleKind::Diverging, 7, Some(true), Palette::Standard);

    // The largest decline and rise within a gemeente, computed from the history.
    let extremes = |gm: &str| {
        let mut all: Vec<(String, f64)> = history["wijken"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|w| {
                let code = w["code"].as_str().unwrap();
                let d = change(&history, code, 2012, 2022)?.2;
                (code[2..6] == *gm).then(|| (code.to_string(), d))
            })
            .collect();
        all.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        let decline = all.first().filter(|d| d.1 < 0.0).map(|d| d.0.clone());
        let rise = all.iter().rev().find(|d| d.1 > 0.0).map(|d| d.0.clone());
        (decline, rise)
    };

    let b = Browser::start(1280, 800).await;
    b.goto(&format!("/wijk/{WIJK}?weergave=verandering")).await;
    b.wait_for_mark("choropleth-ready").await;
    b.wait_for_text(".legend-title", "2012 → 2022").await;
    assert_eq!(
        b.js::<String>("return document.querySelector('.map-canvas').dataset.level;")
            .await,
        "wijk"
    );

    let row = table_row(&b, WIJK).await;
    let expected = format!(
        "{} ({} → {})",
        format::signed(delta, 2, Lang::Nl),
        format::number(from, 2, Lang::Nl),
        format::number(to, 2, Lang::Nl)
    );
    assert_eq!(row[2], expected, "value cell of {WIJK}: {row:?}");
    let label_words = [
        "sterk gedaald",
        "gedaald",
        "licht gedaald",
        "ongeveer gelijk",
        "licht gestegen",
        "gestegen",
        "sterk gestegen",
    ];
    assert!(row[3].starts_with(label_words[class]), "{row:?}");
    assert_eq!(
        colour_at(&b, inside("wijk", WIJK)).await,
        palette[class].css(),
        "map colour of {WIJK} (class {class}, change {delta})"
    );

    // The lists follow the selection's gemeente (Utrecht: every wijk rose); another gemeente
    // chosen in the filter heads its list with its largest decline, which opens its history.
    b.wait_for("#change-filter option[value='0344']").await;
    let (none, best) = extremes("0344");
    assert!(none.is_none(), "Utrecht has no decline 2012 → 2022");
    b.wait_for(&format!(
        ".change-list.rises li:first-child [data-code='{}']",
        best.unwrap()
    ))
    .await;
    b.wait_for_text(".change-lists", "Geen wijken.").await;
    b.choose("#change-filter", "0599").await;
    let worst = extremes("0599").0.expect("Rotterdam has declines");
    let first = format!(".change-list.declines li:first-child [data-code='{worst}']");
    b.wait_for(&first).await;
    b.click(&first).await;
    // The filter is in the URL, so the link to this view keeps it.
    b.wait_for_path(&format!(
        "/wijk/{worst}?weergave=verandering&gemeente=GM0599"
    ))
    .await;
    b.wait_for(".history-section svg").await;

    // Other years: into the URL, and the legend follows.
    b.choose("#change-from", "2002").await;
    b.wait_for_text(".legend-title", "2002 → 2022").await;
    assert!(b.path().await.contains("van=2002"));
    assert!(b.console_errors().await.is_empty());
    b.close().await;
}

#[tokio::test]
async fn change_view_csv_has_the_change_per_wijk() {
    let history = json("wijk.history.json");
    let (_, _, delta) = change(&history, WIJK, 2012, 2022).unwrap();
    let dir = std::env::temp_dir().join(format!("buurtkaart-views-csv-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let b = Browser::start(1280, 800).await;
    b.allow_downloads(&dir).await;
    b.goto("/gemeente/GM0344?weergave=verandering").await;
    b.wait_for_mark("choropleth-ready").await;
    b.click(".export-csv").await;
    let path = support::wait_for_download(&dir, "csv").await;
    let text = String::from_utf8(std::fs::read(&path).unwrap()).unwrap();
    let line = text
        .split("\r\n")
        .find(|l| l.starts_with(WIJK))
        .unwrap_or_else(|| panic!("no row for {WIJK} in {text}"));
    let cells: Vec<&str> = line.split(';').collect();
    let header: Vec<&str> = text
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .next()
        .unwrap()
        .split(';')
        .collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    assert_eq!(cells[col("Gemeente")], "Utrecht", "{line}");
    assert_eq!(
        cells[col("Indicator")],
        "Verandering leefbaarheid 2012–2022",
        "{line}"
    );
    assert_eq!(
        cells[col("Waarde")],
        buurtkaart::export::csv::number_cell(Some(delta)),
        "{line}"
    );
    b.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn tenure_view_classes_a_buurt_on_map_table_and_scatter() {
    let lbm = column("buurt.lbm.json", "lbm_afw");
    let koop = column("buurt.cbs.json", "koopwoningen");
    let both: Vec<(f64, f64)> = lbm
        .iter()
        .zip(&koop)
        .filter_map(|(a, b)| Some(((*a)?, (*b)?)))
        .collect();
    let tercile_breaks = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        let n = v.len();
        [v[n / 3], v[2 * n / 3]]
    };
    let bx = tercile_breaks(both.iter().map(|p| p.0).collect());
    let by = tercile_breaks(both.iter().map(|p| p.1).collect());
    let row = codes("buurt").iter().position(|c| c == BUURT).unwrap();
    let (x, y) = (lbm[row].unwrap(), koop[row].unwrap());
    let tx = bx.iter().filter(|&&b| b <= x).count();
    let ty = by.iter().filter(|&&b| b <= y).count();
    let class = 3 * ty + tx;

    let b = Browser::start(1280, 800).await;
    b.goto(&format!("/buurt/{BUURT}?weergave=huur")).await;
    b.wait_for_mark("choropleth-ready").await;
    b.wait_for(".bivariate-grid").await;

    let lbm_words = [
        "leefbaarheid laag",
        "leefbaarheid midden",
        "leefbaarheid hoog",
    ];
    let koop_words = [
        "weinig koopwoningen",
        "gemiddeld aandeel",
        "veel koopwoningen",
    ];
    let cells = table_row(&b, BUURT).await;
    assert!(
        cells[3].starts_with(lbm_words[tx]) && cells[3].contains(koop_words[ty]),
        "class {class} of {BUURT} ({x}, {y} %): {cells:?}"
    );
    assert!(cells[2].contains(&format!("{} %", format::number(y, 0, Lang::Nl))));

    // Its dot: ringed as the selection, and drawn in the path of its class.
    b.wait_for(&format!(".scatter-selected[data-code='{BUURT}']"))
        .await;
    let (cx, cy): (String, String) = b
        .js("const c = document.querySelector('.scatter-selected'); return [c.getAttribute('cx'), c.getAttribute('cy')];")
        .await;
    let in_class: bool = b
        .js(&format!(
            "return document.querySelector(\".scatter-dots[data-class='{class}']\").getAttribute('d').includes('M{cx} {cy}h0');"
        ))
        .await;
    assert!(
        in_class,
        "dot ({cx}, {cy}) of {BUURT} is not in class {class}"
    );

    let colour = buurtkaart::views::bivariate::colours()[class].css();
    assert_eq!(colour_at(&b, inside("buurt", BUURT)).await, colour);

    // Pointing at the dot shows the buurt on the map: its tooltip, with its name.
    let name = json("buurt.areas.json")["names"][row]
        .as_str()
        .unwrap()
        .to_string();
    let (px, py): (f64, f64) = b
        .js("const c = document.querySelector('.scatter-selected'); c.scrollIntoView({block: 'center'});
             const r = c.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2];")
        .await;
    let hover = MouseActions::new("mouse".into())
        .then(PointerAction::MoveTo {
            duration: Some(std::time::Duration::from_millis(50)),
            x: px - 20.0,
            y: py,
        })
        .then(PointerAction::MoveTo {
            duration: Some(std::time::Duration::from_millis(50)),
            x: px,
            y: py,
        });
    b.client
        .perform_actions(hover)
        .await
        .expect("hover the dot");
    b.wait_for_text(".tooltip-name", &name).await;
    b.wait_for_text(".scatter-caption", &name).await;

    // The gemeente's corporation share (2022), with its year.
    b.wait_for_text(".view-gemeente", "(2022)").await;
    assert!(b.console_errors().await.is_empty());
    b.close().await;
}

#[tokio::test]
async fn relative_view_gives_a_buurts_rank_within_its_gemeente() {
    let lbm = column("buurt.lbm.json", "lbm_afw");
    let all = codes("buurt");
    let row = all.iter().position(|c| c == BUURT).unwrap();
    let mine = lbm[row].unwrap();
    let peers: Vec<f64> = all
        .iter()
        .zip(&lbm)
        .filter(|(c, v)| c[2..6] == BUURT[2..6] && v.is_some())
        .map(|(_, v)| v.unwrap())
        .collect();
    let n = peers.len();
    let above = peers.iter().filter(|&&v| v > mine).count();
    let below = peers.iter().filter(|&&v| v < mine).count();
    let equal = n - above - below;
    let percentile = (below as f64 + (equal as f64 - 1.0) / 2.0) / (n as f64 - 1.0) * 100.0;
    let expected = format!(
        "rang {} van {} (percentiel {})",
        above + 1,
        n,
        format::number(percentile, 0, Lang::Nl)
    );

    let b = Browser::start(1280, 800).await;
    b.goto(&format!("/buurt/{BUURT}?weergave=relatief")).await;
    b.wait_for_mark("choropleth-ready").await;
    b.wait_for_text(".view-summary", &expected).await;
    let cells = table_row(&b, BUURT).await;
    assert_eq!(cells[2], expected);
    let class = [20.0, 40.0, 60.0, 80.0]
        .iter()
        .filter(|&&b| b <= percentile)
        .count()
        .min(4);
    let palette = colours(ScaleKind::Diverging, 5, Some(true), Palette::Standard);
    assert_eq!(
        colour_at(&b, inside("buurt", BUURT)).await,
        palette[class].css()
    );
    assert!(b.console_errors().await.is_empty());
    b.close().await;
}

#[tokio::test]
async fn views_work_in_embeds_and_by_keyboard() {
    let b = Browser::start(640, 520).await;
    b.goto("/embed/gemeente/GM0344?weergave=verandering").await;
    b.wait_for_mark("choropleth-ready").await;
    b.wait_for_text(".legend-title", "2012 → 2022").await;
    b.wait_for_text("body", "Leefbaarometer 3.0, meting 2022")
        .await;
    b.screenshot("views-change-embed").await;

    // The picker by keyboard: focus it, arrow down to the next view.
    b.goto("/").await;
    b.wait_for_mark("choropleth-ready").await;
    let picker = b.wait_for("#view-picker").await;
    picker
        .send_keys(&char::from(Key::Down).to_string())
        .await
        .unwrap();
    b.wait_for_text(".legend-title", "2012 → 2022").await;
    assert!(b.path().await.contains("weergave=verandering"));
    b.close().await;
}

#[tokio::test]
async fn screenshots_of_each_view() {
    let b = Browser::start(1280, 800).await;
    for (url, name, wait, scroll) in [
        (
            "/?weergave=verandering",
            "views-change-desktop",
            ".change-list",
            ".legend",
        ),
        (
            "/?weergave=huur",
            "views-tenure-desktop",
            ".scatter-dots",
            ".view-summary",
        ),
        (
            "/?weergave=relatief",
            "views-relative-desktop",
            ".view-panel",
            ".legend",
        ),
    ] {
        b.goto(url).await;
        b.wait_for_mark("choropleth-ready").await;
        b.scroll_to(wait).await;
        b.scroll_to(scroll).await;
        b.screenshot(name).await;
    }
    assert!(b.console_errors().await.is_empty());
    b.close().await;

    // English on a phone: the change view with Rotterdam's lists.
    let b = Browser::start(390, 844).await;
    b.goto("/gemeente/GM0599?weergave=verandering&lang=en")
        .await;
    b.wait_for_mark("choropleth-ready").await;
    b.wait_for_text(".change-lists", "Largest declines").await;
    b.scroll_to(".view-summary").await;
    b.screenshot("views-change-phone-en").await;
    b.close().await;
}

#[tokio::test]
async fn phone_dark_tenure_view() {
    let b = Browser::start_with(support::BrowserOptions {
        width: 390,
        height: 844,
        dark: true,
        ..Default::default()
    })
    .await;
    b.goto(&format!("/buurt/{BUURT}?weergave=huur")).await;
    b.wait_for_mark("choropleth-ready").await;
    b.wait_for(".scatter-selected").await;
    b.scroll_to(".view-summary").await;
    b.screenshot("views-tenure-phone-dark").await;
    let overflow: bool = b
        .js("return document.documentElement.scrollWidth > window.innerWidth;")
        .await;
    assert!(!overflow, "no horizontal scroll on the phone");
    b.close().await;
}
