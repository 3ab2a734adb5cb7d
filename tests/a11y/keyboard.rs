//! The whole journey with keys only (WebDriver key actions, never a click): skip link → map →
//! search → choose a buurt → read the panel → table → sort → arrow through the rows → Enter
//! selects → Escape closes the panel, the suggestions and the share dialog. Every element the
//! focus lands on shows it, and the page itself never scrolls.

use super::{focused, press, ready, tab_until, type_text, wait_until, Focused};
use crate::support::Browser;
use fantoccini::key::Key;

/// Fails with the list of focused elements that had no visible focus indicator.
fn assert_visible(seen: &[Focused]) {
    let hidden: Vec<&Focused> = seen.iter().filter(|f| !f.visible).collect();
    assert!(hidden.is_empty(), "focus not visible on: {hidden:#?}");
}

/// Fails when the page itself has scrolled (only the sidebar and table may scroll).
async fn page_does_not_scroll(b: &Browser, when: &str) {
    let (top, height, inner): (f64, f64, f64) = b
        .js("const d = document.scrollingElement; return [d.scrollTop, d.scrollHeight, innerHeight];")
        .await;
    assert!(
        top == 0.0 && height <= inner,
        "{when}: the page scrolled to {top} (height {height} in a {inner} px window)"
    );
}

#[tokio::test]
async fn keyboard_only_journey() {
    let b = Browser::start(1280, 800).await;
    ready(&b, "/").await;
    let mut seen = Vec::new();

    // 1. The first Tab reaches the skip link; Enter puts the focus on the map.
    press(&b, Key::Tab).await;
    let skip = focused(&b).await;
    assert!(skip.is("skip-link"), "first Tab stop: {skip:?}");
    let on_screen: bool = b
        .js("const r = document.activeElement.getBoundingClientRect(); return r.left >= 0 && r.top >= 0 && r.width > 0;")
        .await;
    assert!(on_screen, "the focused skip link is off screen");
    seen.push(skip);
    press(&b, Key::Enter).await;
    let map = focused(&b).await;
    assert!(map.is("map-canvas"), "after the skip link: {map:?}");
    seen.push(map);

    // 2. On to the search box, in a sensible order: the map's zoom buttons, then search.
    let way = tab_until(&b, false, 8, |f| f.id == "search").await;
    let order: Vec<&str> = way.iter().map(|f| f.class.as_str()).collect();
    println!("tab order map → search: {order:?}");
    assert_eq!(
        order,
        ["zoom-in", "zoom-out", "zoom-home", "search-input"],
        "tab order from the map to the search box"
    );
    seen.extend(way);

    // 3. Type a name, choose a buurt with the arrow keys and Enter.
    type_text(&b, "Osdorp").await;
    b.wait_for_text("#search-list [role='option']", "Osdorp")
        .await;
    let levels: Vec<String> = b
        .js("return [...document.querySelectorAll('#search-list [role=option]')].map(o => o.dataset.level);")
        .await;
    let k = levels
        .iter()
        .position(|l| l == "buurt")
        .unwrap_or_else(|| panic!("no buurt among the suggestions: {levels:?}"));
    for _ in 0..=k {
        press(&b, Key::Down).await;
    }
    let (code, name, highlighted): (String, String, bool) = b
        .js("const o = document.getElementById(document.activeElement.getAttribute('aria-activedescendant'));
             const bg = getComputedStyle(o).backgroundColor;
             return [o.dataset.code, o.querySelector('.search-name').textContent, o.classList.contains('active') && bg !== 'rgba(0, 0, 0, 0)'];")
        .await;
    assert!(highlighted, "the active suggestion is not highlighted");
    press(&b, Key::Enter).await;
    b.wait_for_path(&format!("/buurt/{code}")).await;

    // 4. Read the panel: name and score.
    b.wait_for_text("#panel-name", &name).await;
    let score: String = b
        .js("const s = document.querySelector('#detail-panel .lbm-score, #detail-panel .lbm-score-abs'); return s ? s.textContent : '';")
        .await;
    assert!(
        score.contains("klasse") || score.contains("score"),
        "the panel shows no Leefbaarometer score: {score:?}"
    );
    let announced: String = b
        .js("return document.querySelector('#detail-panel [aria-live]').textContent;")
        .await;
    assert!(
        announced.contains(&name),
        "selection not announced: {announced:?}"
    );
    println!("chose {name} ({code}); score: {score}");

    // 5. Tab on (through the controls, legend and panel) to the table toggle; open it.
    let way = tab_until(&b, false, 80, |f| f.is("table-toggle")).await;
    assert!(
        way.iter().any(|f| f.in_panel),
        "the panel's links and buttons are not in the tab order"
    );
    seen.extend(way);
    press(&b, Key::Enter).await;
    b.wait_for(".area-table tbody tr .row-select").await;

    // 6. Sort by value with the keyboard: the value column's button, then Enter.
    let way = tab_until(&b, false, 6, |f| {
        f.is("sort") && (f.text.starts_with("Waarde"))
    })
    .await;
    seen.extend(way);
    press(&b, Key::Enter).await;
    b.wait_for(".area-table thead th:nth-child(3)[aria-sort='descending']")
        .await;

    // 7. Into the rows; the arrow keys walk them in the table's order.
    let way = tab_until(&b, false, 4, |f| f.is("row-select")).await;
    seen.extend(way);
    let rows: Vec<(String, String)> = b
        .js("return [...document.querySelectorAll('.area-table tbody tr')].slice(0, 4).map(r => [r.querySelector('.row-select').textContent, r.children[2].textContent]);")
        .await;
    assert!(rows.len() >= 4, "too few rows in view: {rows:?}");
    let mut walked = vec![focused(&b).await];
    for _ in 0..3 {
        press(&b, Key::Down).await;
        walked.push(focused(&b).await);
    }
    let names: Vec<&str> = walked.iter().map(|f| f.text.as_str()).collect();
    let expected: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(names, expected, "arrow down does not follow the rows");
    println!("rows by value, walked with ArrowDown: {rows:?}");
    b.screenshot("a11y-keyboard-desktop").await;
    press(&b, Key::Up).await;
    assert_eq!(focused(&b).await.text, rows[2].0, "arrow up");
    press(&b, Key::Home).await;
    assert_eq!(focused(&b).await.text, rows[0].0, "Home");
    press(&b, Key::Down).await;
    seen.extend(walked);

    // 8. Enter selects the row: URL and panel follow.
    press(&b, Key::Enter).await;
    b.wait_for_text("#panel-name", &rows[1].0).await;
    let path = b.path().await;
    assert!(
        path.starts_with("/buurt/BU") && !path.contains(&code),
        "after Enter on a row the URL is {path}"
    );
    page_does_not_scroll(&b, "after choosing a row").await;

    // 9. Back into the panel; Escape closes it and returns the focus to the map.
    let way = tab_until(&b, true, 80, |f| f.in_panel).await;
    seen.extend(way);
    press(&b, Key::Escape).await;
    wait_until(
        &b,
        "return !location.pathname.includes('/buurt/');",
        "Escape to close the panel",
    )
    .await;
    let after = focused(&b).await;
    assert!(after.is("map-canvas"), "focus after Escape: {after:?}");
    seen.push(after);
    assert!(
        b.js::<bool>("return !document.querySelector('#panel-name');")
            .await,
        "the panel still shows an area after Escape"
    );

    // 10. Escape also closes the open list of suggestions.
    let way = tab_until(&b, false, 8, |f| f.id == "search").await;
    seen.extend(way);
    type_text(&b, "Utrecht").await;
    b.wait_for("#search-list:not([hidden]) [role='option']")
        .await;
    press(&b, Key::Escape).await;
    wait_until(
        &b,
        "return document.querySelector('#search-list').hidden && document.querySelector('#search').getAttribute('aria-expanded') === 'false';",
        "Escape to close the suggestions",
    )
    .await;

    // 11. The share dialog: Enter opens it with the focus inside, Escape closes it and the
    // focus returns to its button.
    let way = tab_until(&b, false, 30, |f| f.is("share-open")).await;
    seen.extend(way);
    press(&b, Key::Enter).await;
    b.wait_for("dialog.share-dialog[open]").await;
    wait_until(
        &b,
        "return !!document.activeElement.closest('dialog[open]');",
        "the focus inside the share dialog",
    )
    .await;
    seen.push(focused(&b).await);
    press(&b, Key::Escape).await;
    wait_until(
        &b,
        "return !document.querySelector('dialog[open]') && document.activeElement.classList.contains('share-open');",
        "Escape to close the share dialog and return the focus",
    )
    .await;

    page_does_not_scroll(&b, "end of the journey").await;
    assert_visible(&seen);
    println!("focus visible on all {} elements focused", seen.len());
    let errors = b.console_errors().await;
    assert!(errors.is_empty(), "browser errors: {errors:#?}");
    b.close().await;
}
