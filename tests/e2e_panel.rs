//! Issue 5 in a real headless Chromium: area pages opened by URL show their panel (names, class
//! label, a dimension, a CBS figure beside its gemeente value, the history chart's years, the
//! class distribution), search finds "osdorp" and is driven by the keyboard, an unknown code
//! gives "niet gevonden" with a search box, back and forward move between selections, and
//! "vergelijk" keeps the pinned area in the URL. Also saves the panel screenshots in
//! `target/screenshots/` (`docs/screenshots/` with `UPDATE_SCREENSHOTS=1`) at phone (390x844) and desktop (1280x800) size.
//!
//! Expected values are read from `public/data` here, not copied from the app.

mod support;

use buurtkaart::format;
use buurtkaart::lang::Lang;
use buurtkaart_model::{AreaIndex, Manifest, ValueTable, WijkHistory};
use fantoccini::key::Key;
use support::Browser;

/// An Amsterdam buurt with letters in its code.
const BUURT: &str = "BU0363FK05";
/// A Utrecht wijk with a history 2002–2022.
const WIJK: &str = "WK034401";
/// Utrecht.
const GEMEENTE: &str = "GM0344";

fn read(file: &str) -> String {
    support::data_file(file)
}

fn index(level: &str) -> AreaIndex {
    let f = format!("{level}.areas.json");
    AreaIndex::from_json(&f, &read(&f)).unwrap()
}

fn table(level: &str, group: &str) -> ValueTable {
    let f = format!("{level}.{group}.json");
    ValueTable::from_json(&f, &read(&f)).unwrap()
}

fn manifest() -> Manifest {
    serde_json::from_str(&read("manifest.json")).unwrap()
}

/// Name and row of `code` in its level's index.
fn lookup(level: &str, code: &str) -> (String, usize) {
    let idx = index(level);
    let row = idx
        .codes
        .iter()
        .position(|c| c == code)
        .unwrap_or_else(|| panic!("{code} not in {level}.areas.json"));
    (idx.names[row].clone(), row)
}

/// Text of the first element matching `css` (empty when none).
async fn text(b: &Browser, css: &str) -> String {
    b.js::<String>(&format!(
        "const e = document.querySelector({}); return e ? e.textContent : '';",
        serde_json::json!(css)
    ))
    .await
}

/// Sends one special key to the focused element.
async fn press(b: &Browser, css: &str, key: Key) {
    let el = b.wait_for(css).await;
    el.send_keys(&char::from(key).to_string())
        .await
        .unwrap_or_else(|e| panic!("key to {css}: {e}"));
}

async fn no_errors(b: &Browser, what: &str) {
    let errors = b.console_errors().await;
    assert!(errors.is_empty(), "{what} logged errors: {errors:#?}");
}

/// Opens a buurt page and checks names, class label, a dimension and WOZ beside the gemeente.
async fn buurt_page(width: u32, height: u32, shot: &str) {
    let m = manifest();
    let (name, row) = lookup("buurt", BUURT);
    let (wijk, _) = lookup("wijk", "WK0363FK");
    let (gemeente, grow) = lookup("gemeente", "GM0363");
    let lbm = table("buurt", "lbm");
    let cbs = table("buurt", "cbs");
    let gcbs = table("gemeente", "cbs");
    let class = lbm
        .get("lbm_klasse", row)
        .expect("the test buurt has a class") as u8;
    let label = m.lbm_class(class).unwrap().label.nl.clone();
    let vrz = lbm.get("lbm_vrz", row).unwrap();
    let woz = cbs.get("woz", row).unwrap();
    let gwoz = gcbs.get("woz", grow).unwrap();

    let b = Browser::start(width, height).await;
    b.goto(&format!("/buurt/{BUURT}")).await;
    b.wait_for_text("#panel-name", &name).await;
    b.wait_for_text(".panel-parents .parent-wijk", &wijk).await;
    b.wait_for_text(".panel-parents .parent-gemeente", &gemeente)
        .await;
    b.wait_for_text(".score-section .lbm-class", &label).await;
    b.wait_for_text(".score-section .lbm-sentence", "landelijk gemiddelde")
        .await;
    let dim = format::signed(vrz, 3, Lang::Nl);
    b.wait_for_text(".dimensions-chart [data-id='lbm_vrz'] .row-value", &dim)
        .await;
    assert!(text(&b, ".dimensions-chart [data-id='lbm_vrz'] .row-label")
        .await
        .contains("Voorzieningen"));
    b.wait_for_text(
        ".figures tr[data-id='woz'] .fig-area",
        &format::number(woz * 1000.0, 0, Lang::Nl),
    )
    .await;
    b.wait_for_text(
        ".figures tr[data-id='woz'] .fig-gemeente",
        &format::number(gwoz * 1000.0, 0, Lang::Nl),
    )
    .await;
    assert_eq!(text(&b, ".figures thead .fig-gemeente").await, gemeente);
    // Crime with its yearly counts and health with its trend, each with a text equivalent.
    b.wait_for(".crime-chart svg[role='img'][aria-label]").await;
    for year in 2021..=2025 {
        assert!(
            text(&b, ".crime-chart table")
                .await
                .contains(&year.to_string()),
            "crime year {year}"
        );
    }
    b.wait_for(".health-chart svg[role='img']").await;
    assert!(text(&b, ".panel-sources").await.contains("85984NED"));
    b.wait_for_mark("choropleth-ready").await;
    no_errors(&b, "the buurt page").await;
    b.screenshot(shot).await;
    b.scroll_to(".safety-section").await;
    b.screenshot(&format!("{shot}-charts")).await;
    b.close().await;
}

#[tokio::test]
async fn buurt_page_desktop() {
    buurt_page(1280, 800, "panel-buurt-desktop").await;
}

#[tokio::test]
async fn buurt_page_phone() {
    buurt_page(390, 844, "panel-buurt-phone").await;
}

/// Opens a wijk page and checks the history chart (years, 2012 mark) and dimension table.
async fn wijk_page(width: u32, height: u32, shot: &str) {
    let (name, _) = lookup("wijk", WIJK);
    let history: WijkHistory = serde_json::from_str(&read("wijk.history.json")).unwrap();
    assert!(
        history.wijken.iter().any(|w| w.code == WIJK),
        "{WIJK} has a history"
    );

    let b = Browser::start(width, height).await;
    b.goto(&format!("/wijk/{WIJK}?indicator=lbm_afw")).await;
    b.wait_for_text("#panel-name", &name).await;
    b.wait_for_text(".panel-parents .parent-gemeente", "Utrecht")
        .await;
    b.wait_for(".history-chart svg[role='img']").await;
    let table = text(&b, ".history-chart table").await;
    for year in &history.years {
        assert!(
            table.contains(&year.to_string()),
            "history table lacks {year}: {table}"
        );
    }
    let svg = text(&b, ".history-chart svg").await;
    for year in ["2002", "2012", "2022"] {
        assert!(
            svg.contains(year),
            "history chart lacks the label {year}: {svg}"
        );
    }
    b.wait_for(".history-chart .mark").await;
    let dims = text(&b, ".dimension-history thead").await;
    assert!(
        dims.contains("2014") && dims.contains("2022"),
        "dimension years: {dims}"
    );
    // A reused code says why there is no history.
    b.goto("/wijk/WK165204").await;
    b.wait_for_text(".history-excluded", "Wijk 04 Bakel").await;
    if width > 600 {
        // Keep the screenshot of the wijk with a history.
        b.goto(&format!("/wijk/{WIJK}?indicator=lbm_afw")).await;
        b.wait_for(".history-chart svg").await;
    }
    b.wait_for_mark("choropleth-ready").await;
    no_errors(&b, "the wijk page").await;
    if width <= 600 {
        b.goto(&format!("/wijk/{WIJK}?indicator=lbm_afw")).await;
        b.wait_for(".history-chart svg").await;
        b.wait_for_mark("choropleth-ready").await;
    }
    b.screenshot(shot).await;
    b.scroll_to(".history-section").await;
    b.screenshot(&format!("{shot}-history")).await;
    b.close().await;
}

#[tokio::test]
async fn wijk_page_desktop() {
    wijk_page(1280, 800, "panel-wijk-desktop").await;
}

#[tokio::test]
async fn wijk_page_phone() {
    wijk_page(390, 844, "panel-wijk-phone").await;
}

/// Opens a gemeente page: class, distribution over 9 classes, weakest and strongest links.
async fn gemeente_page(width: u32, height: u32, shot: &str) {
    let m = manifest();
    let (name, row) = lookup("gemeente", GEMEENTE);
    let class = table("gemeente", "lbm").get("lbm_klasse", row).unwrap() as u8;
    let label = m.lbm_class(class).unwrap().label.nl.clone();

    let b = Browser::start(width, height).await;
    b.goto(&format!("/gemeente/{GEMEENTE}")).await;
    b.wait_for_text("#panel-name", &name).await;
    b.wait_for_text(".score-section .lbm-class", &label).await;
    b.wait_for(".distribution-chart svg[role='img']").await;
    let bars: usize = b
        .js("return document.querySelectorAll('.distribution-chart svg .tick').length;")
        .await;
    assert!(
        bars >= 9,
        "9 class labels under the columns, found {bars} ticks"
    );
    let weakest: usize = b
        .js("return document.querySelectorAll('.weakest a[href*=\"/buurt/BU0344\"]').length;")
        .await;
    assert_eq!(weakest, 3, "three weakest buurten as links");
    b.wait_for(".figures tr[data-id='huurcorporatie']").await;
    b.wait_for_mark("choropleth-ready").await;
    no_errors(&b, "the gemeente page").await;
    b.screenshot(shot).await;
    b.scroll_to(".distribution-section").await;
    b.screenshot(&format!("{shot}-distribution")).await;
    b.close().await;
}

#[tokio::test]
async fn gemeente_page_desktop() {
    gemeente_page(1280, 800, "panel-gemeente-desktop").await;
}

#[tokio::test]
async fn gemeente_page_phone() {
    gemeente_page(390, 844, "panel-gemeente-phone").await;
}

#[tokio::test]
async fn search_with_the_keyboard() {
    let b = Browser::start(1280, 800).await;
    b.goto("/").await;
    let input = b.wait_for("#search").await;
    input.send_keys("osdorp").await.unwrap();
    b.wait_for_text("#search-list [role='option']", "Osdorp")
        .await;
    assert_eq!(
        b.js::<String>("return document.querySelector('#search').getAttribute('aria-expanded');")
            .await,
        "true"
    );
    let first = text(&b, "#search-list [role='option'] .search-meta").await;
    assert!(
        first.contains("Amsterdam"),
        "type and gemeente in the suggestion: {first}"
    );
    press(&b, "#search", Key::Down).await;
    press(&b, "#search", Key::Down).await;
    let active: String = b
        .js("return document.querySelector('#search').getAttribute('aria-activedescendant');")
        .await;
    assert_eq!(active, "search-opt-1");
    let code: String = b
        .js("return document.getElementById(document.querySelector('#search').getAttribute('aria-activedescendant')).dataset.code;")
        .await;
    let level: String = b
        .js("return document.getElementById(document.querySelector('#search').getAttribute('aria-activedescendant')).dataset.level;")
        .await;
    let (name, _) = lookup(&level, &code);
    b.screenshot("search-osdorp-desktop").await;
    press(&b, "#search", Key::Enter).await;
    b.wait_for_path(&format!("/{level}/{code}")).await;
    b.wait_for_text("#panel-name", &name).await;
    // A postcode finds buurten and says it is their most common postcode.
    let input = b.wait_for("#search").await;
    input.send_keys("1068").await.unwrap();
    b.wait_for_text(
        "#search-list [role='option'] .search-meta",
        "meest voorkomende postcode 1068",
    )
    .await;
    press(&b, "#search", Key::Escape).await;
    no_errors(&b, "search").await;
    b.close().await;
}

#[tokio::test]
async fn unknown_codes_say_not_found() {
    let b = Browser::start(390, 844).await;
    for path in ["/buurt/BU0363ZZ99", "/wijk/hallo", "/gemeente/GM9999"] {
        b.goto(path).await;
        b.wait_for_text(".not-found h2", "Niet gevonden").await;
        b.wait_for(".not-found input[role='combobox']").await;
    }
    b.wait_for_text(".not-found-text", "GM9999").await;
    // The search box in the message works.
    let input = b.wait_for("#search-notfound").await;
    input.send_keys("s hertogenbosch").await.unwrap();
    b.wait_for_text("#search-notfound-list [role='option']", "'s-Hertogenbosch")
        .await;
    b.screenshot("panel-not-found-phone").await;
    press(&b, "#search-notfound", Key::Enter).await;
    b.wait_for_path("/gemeente/GM0796").await;
    b.wait_for_text("#panel-name", "'s-Hertogenbosch").await;
    no_errors(&b, "not found").await;
    b.close().await;
}

#[tokio::test]
async fn back_and_forward_and_compare() {
    let (wijk, _) = lookup("wijk", "WK0363FK");
    let (buurt, _) = lookup("buurt", BUURT);
    let b = Browser::start(1280, 800).await;
    b.goto(&format!("/buurt/{BUURT}?indicator=woz")).await;
    b.wait_for_text("#panel-name", &buurt).await;
    // The tab's title names the buurt and its gemeente, and follows the navigation.
    let title = || async { b.js::<String>("return document.title;").await };
    assert_eq!(title().await, format!("{buurt}, Amsterdam – Buurtkaart"));
    b.click(".panel-parents .parent-wijk a").await;
    b.wait_for_path("/wijk/WK0363FK?indicator=woz").await;
    b.wait_for_text("#panel-name", &wijk).await;
    assert_eq!(title().await, format!("{wijk}, Amsterdam – Buurtkaart"));
    b.client.back().await.unwrap();
    b.wait_for_path(&format!("/buurt/{BUURT}?indicator=woz"))
        .await;
    b.wait_for_text("#panel-name", &buurt).await;
    b.client.forward().await.unwrap();
    b.wait_for_path("/wijk/WK0363FK?indicator=woz").await;
    b.wait_for_text("#panel-name", &wijk).await;

    // Back to the buurt, pin it, choose its gemeente: both side by side, the pin in the URL.
    b.client.back().await.unwrap();
    b.wait_for_text("#panel-name", &buurt).await;
    b.click(".pin-button").await;
    b.wait_for_path(&format!("/buurt/{BUURT}?indicator=woz&vergelijk={BUURT}"))
        .await;
    b.wait_for_text(".compare-hint", &buurt).await;
    b.click(".panel-parents .parent-gemeente a").await;
    b.wait_for_path(&format!("/gemeente/GM0363?indicator=woz&vergelijk={BUURT}"))
        .await;
    b.wait_for_text(".compare-table thead .cmp-a", &buurt).await;
    b.wait_for_text(".compare-table thead .cmp-b", "Amsterdam")
        .await;
    b.wait_for(".compare-table tr[data-id='lbm_vrz']").await;
    b.wait_for_text(".compare-table tr[data-id='woz'] .cmp-b", "498.000")
        .await;
    // The map outlines the pinned buurt (dashed) as well as the selected gemeente.
    let (_, shapes) = support::places::shapes("buurt");
    let bounds = shapes.shapes[shapes.index_of(BUURT).unwrap()].bounds;
    let outline = || async {
        b.js::<u64>(&format!(
            "const e = document.querySelector('.map-canvas'); const o = e.querySelector('.map-overlay');
             const r = o.getBoundingClientRect(), k = o.width / r.width;
             const x = v => (r.width / 2 + (v - +e.dataset.cx) * +e.dataset.scale) * k;
             const y = v => (r.height / 2 + (v - +e.dataset.cy) * +e.dataset.scale) * k;
             const [x0, y0, x1, y1] = [x({}), y({}), x({}), y({})].map(Math.round);
             const w = Math.max(1, x1 - x0 + 4), h = Math.max(1, y1 - y0 + 4);
             const d = o.getContext('2d').getImageData(x0 - 2, y0 - 2, w, h).data;
             let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n;",
            bounds[0], bounds[1], bounds[2], bounds[3]
        ))
        .await
    };
    let pinned = outline().await;
    assert!(
        pinned > 20,
        "the pinned buurt has no outline on the map ({pinned} px)"
    );
    b.screenshot("panel-compare-desktop").await;
    // The link reproduces the comparison.
    b.goto("/gemeente/GM0363?indicator=woz&vergelijk=WK0363FK")
        .await;
    b.wait_for_text(".compare-table thead .cmp-a", &wijk).await;
    b.click(".compare-stop").await;
    b.wait_for_path("/gemeente/GM0363?indicator=woz").await;
    assert_eq!(title().await, "Amsterdam – Buurtkaart");
    tokio::time::sleep(std::time::Duration::from_millis(300)).await; // the overlay's redraw
    let unpinned = outline().await;
    assert!(
        unpinned < pinned / 4,
        "the buurt keeps its outline after the comparison stopped ({unpinned} px)"
    );
    no_errors(&b, "back/forward/compare").await;
    b.close().await;
}

#[tokio::test]
async fn english_panel() {
    let b = Browser::start(1280, 800).await;
    b.goto(&format!("/buurt/{BUURT}?lang=en")).await;
    b.wait_for_text("#score-title", "Liveability").await;
    b.wait_for_text("#dimensions-title", "Five dimensions")
        .await;
    b.wait_for(".figures thead .fig-nl abbr[title='the Netherlands']")
        .await;
    b.goto("/over?lang=en").await;
    b.wait_for_text("h1", "About Buurtkaart").await;
    b.wait_for_text(".about", "not a verdict on its residents")
        .await;
    b.close().await;
}

/// Words of the panel's table headers and labels that the browser broke across two lines
/// (letters on both sides of the break: "Mathene|sse"), as "word (element)".
const SPLIT_WORDS: &str = r"
  const split = [];
  for (const cell of document.querySelectorAll('#detail-panel th, #detail-panel .trio dt')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const t = node.textContent;
      let prevTop = null;
      for (let i = 0; i < t.length; i++) {
        if (!/\p{L}/u.test(t[i])) { prevTop = null; continue; }
        const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
        // The first letter after a line break also has an empty box at the end of the line
        // before; its last box is where it is drawn.
        const boxes = r.getClientRects();
        if (!boxes.length) continue;
        const top = boxes[boxes.length - 1].top;
        if (prevTop !== null && Math.abs(top - prevTop) > 2) {
          const word = t.slice(0, i).split(/[^\p{L}]/u).pop() + '|' + t.slice(i).split(/[^\p{L}]/u)[0];
          split.push(word + ' (' + cell.tagName.toLowerCase() + ' in ' + cell.closest('table, dl').className + ', ' + Math.round(cell.getBoundingClientRect().width) + ' px)');
        }
        prevTop = top;
      }
    }
  }
  return split;";

#[tokio::test]
async fn panel_headers_do_not_break_words() {
    for (w, h) in [(1280, 800), (1024, 768), (390, 844)] {
        let b = Browser::start(w, h).await;
        for code in ["BU05990327", "BU05991926", "WK059903", "BU0363KA05"] {
            b.goto(&format!("/buurt/{code}").replace("/buurt/WK", "/wijk/WK"))
                .await;
            b.wait_for("#panel-name").await;
            b.wait_for(".figures thead th").await;
            let split: Vec<String> = b.js(SPLIT_WORDS).await;
            assert!(split.is_empty(), "{w}×{h} {code}: words broken: {split:?}");
        }
        b.close().await;
    }
}
