//! Issue 9 in a real headless Chromium: bad links give a sane default view, a short notice and a
//! drawn map; area names with HTML/script, quotes, right-to-left text and emoji are shown as
//! text everywhere (panel, tooltip, search, table) and nothing in them runs.

mod support;

use fantoccini::actions::{InputSource, MouseActions, PointerAction};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use support::{Browser, BrowserOptions};

/// Records `alert`/`confirm`/`prompt` calls and elements added by hostile text, before any
/// script of the page runs.
const TRAP: &str = "window.__dialogs = [];
  for (const f of ['alert', 'confirm', 'prompt']) {
    window[f] = (...a) => { window.__dialogs.push(f + ':' + a.join(',')); };
  }";

async fn install_trap(b: &Browser) {
    b.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        serde_json::json!({ "source": TRAP }),
    )
    .await;
}

/// Waits until the map has drawn some level; returns it.
async fn wait_for_drawn_map(b: &Browser, what: &str) -> String {
    let start = Instant::now();
    loop {
        let level: String = b
            .js("const e = document.querySelector('.map-canvas'); return e ? (e.dataset.level || '') : '';")
            .await;
        if !level.is_empty() {
            return level;
        }
        let text: String = b.js("return document.body.innerText.slice(0, 400);").await;
        assert!(
            start.elapsed() < support::TIMEOUT,
            "{what}: no map drawn; page: {text:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Console errors that mean a bug: a panic, a wasm trap, an uncaught exception.
async fn bad_console_errors(b: &Browser) -> Vec<String> {
    b.console_errors()
        .await
        .into_iter()
        .filter(|m| {
            m.contains("panicked")
                || m.contains("unreachable")
                || m.contains("RuntimeError")
                || m.contains("Uncaught")
        })
        .collect()
}

#[tokio::test]
async fn bad_links_give_a_notice_and_a_drawn_map() {
    let long_junk = "Zx%3C".repeat(1000); // 5,000 characters
    let long_path = format!("/buurt/{}", "A".repeat(5000));
    let long_query = format!("/?indicator={long_junk}");
    let cases: Vec<(&str, String)> = vec![
        ("unknown buurt code", "/buurt/BU99999999".into()),
        (
            "malformed code with markup",
            "/buurt/%3Cscript%3Ealert(1)%3C%2Fscript%3E".into(),
        ),
        ("gemeente code under /wijk", "/wijk/GM0344".into()),
        ("unknown indicator", "/?indicator=nope".into()),
        ("unknown level", "/?niveau=straat".into()),
        (
            "unknown language and palette",
            "/?lang=xx&palet=%F0%9F%92%A3".into(),
        ),
        ("5,000-character query value", long_query),
        ("5,000-character code", long_path),
        (
            "percent-encoded junk in the path",
            "/buurt/%00%FF%E2".into(),
        ),
        (
            "percent-encoded junk in the query",
            "/?indicator=%00%FF%E2&niveau=%E2%80%AE".into(),
        ),
        ("unknown path", "/een/twee/drie/vier".into()),
        ("lone percent signs", "/?indicator=%&niveau=%%".into()),
        (
            "comparison with a bad code",
            "/buurt/BU0363AF08?vergelijk=%3Cimg%3E".into(),
        ),
    ];
    let b = Browser::start(1280, 800).await;
    install_trap(&b).await;
    let mut report = Vec::new();
    for (what, url) in &cases {
        b.goto(url).await;
        b.wait_for(".notice").await;
        let notice: String = b
            .js("return document.querySelector('.notice').innerText;")
            .await;
        let level = wait_for_drawn_map(&b, what).await;
        let errors = bad_console_errors(&b).await;
        assert!(
            errors.is_empty(),
            "{what} ({url:.80}): console errors {errors:#?}"
        );
        let injected: u32 = b
            .js("return document.querySelectorAll('body script, body img, #panic-box').length;")
            .await;
        assert_eq!(injected, 0, "{what}: an element was injected");
        assert!(
            notice.chars().count() < 400,
            "{what}: the notice is short: {notice:?}"
        );
        report.push(format!("{what}: map drew {level}; notice {notice:?}"));
    }
    let dialogs: Vec<String> = b.js("return window.__dialogs;").await;
    assert!(dialogs.is_empty(), "dialogs opened: {dialogs:?}");
    for line in report {
        println!("{line}");
    }
    b.close().await;
}

/// Hostile names: `(level file, code, name)`.
const HOSTILE: &[(&str, &str, &str)] = &[
    (
        "buurt.areas.json",
        "BU0363AF08",
        "<script>alert(1)</script><img src=x onerror=alert(2)>Zuiderkerk",
    ),
    (
        "buurt.areas.json",
        "BU0363AF09",
        "\"Quote's\" & <b>vet</b> Waterloo",
    ),
    (
        "buurt.areas.json",
        "BU0363AG01",
        "\u{202E}حي الاختبار Leidsegracht",
    ),
    (
        "gemeente.areas.json",
        "GM0363",
        "Amsterdam 🏠🌳 <svg onload=alert(3)>",
    ),
];

/// A copy of dist/ whose names include [`HOSTILE`]; every other buurt name gets a script tag too.
fn hostile_dist() -> PathBuf {
    support::dist_with_names("hostile", |file, code, old| {
        match HOSTILE.iter().find(|(f, c, _)| *f == file && *c == code) {
            Some((_, _, name)) => Some(name.to_string()),
            None if file == "buurt.areas.json" => {
                Some(format!("{old} <img src=x onerror=alert(9)>"))
            }
            None => None,
        }
    })
}

async fn assert_nothing_ran(b: &Browser, step: &str) {
    let dialogs: Vec<String> = b.js("return window.__dialogs || ['trap missing'];").await;
    assert!(dialogs.is_empty(), "{step}: dialogs opened: {dialogs:?}");
    assert!(
        b.client.get_alert_text().await.is_err(),
        "{step}: a real dialog is open"
    );
    let injected: Vec<String> = b
        .js("return [...document.querySelectorAll('body script, body img, body svg[onload], b, [onerror], [onload]')]
               .map(e => e.outerHTML.slice(0, 80));")
        .await;
    assert!(
        injected.is_empty(),
        "{step}: elements injected: {injected:?}"
    );
    let errors = bad_console_errors(b).await;
    assert!(errors.is_empty(), "{step}: console errors {errors:#?}");
}

#[tokio::test]
async fn hostile_names_are_shown_as_text_everywhere() {
    let dist = hostile_dist();
    let b = Browser::start_with(BrowserOptions {
        dist: Some(dist.clone()),
        ..Default::default()
    })
    .await;
    install_trap(&b).await;

    // Panel.
    b.goto("/buurt/BU0363AF08").await;
    b.wait_for_mark("choropleth-ready").await;
    b.wait_for_text(".panel-name", "<script>alert(1)</script>")
        .await;
    assert_nothing_ran(&b, "panel").await;
    for (_, code, name) in &HOSTILE[1..3] {
        let level = if code.starts_with("GM") {
            "gemeente"
        } else {
            "buurt"
        };
        b.goto(&format!("/{level}/{code}")).await;
        b.wait_for_text(".panel-name", name).await;
        assert_nothing_ran(&b, code).await;
    }
    b.goto("/gemeente/GM0363").await;
    b.wait_for_text(".panel-name", "🏠🌳 <svg onload=alert(3)>")
        .await;
    assert_nothing_ran(&b, "gemeente panel").await;
    let title: String = b.js("return document.title;").await;
    println!("title with a hostile name: {title:?}");

    // Tooltip: every buurt name carries an <img onerror>; hover the middle of the map.
    b.goto("/buurt/BU0363AF08").await;
    b.wait_for_mark("choropleth-ready").await;
    let (x, y): (f64, f64) = b
        .js(
            "const r = document.querySelector('.map-canvas').getBoundingClientRect();
             return [r.left + r.width / 2, r.top + r.height / 2];",
        )
        .await;
    let hover = MouseActions::new("mouse".into())
        .then(PointerAction::MoveTo {
            duration: Some(Duration::from_millis(50)),
            x: x - 20.0,
            y,
        })
        .then(PointerAction::MoveTo {
            duration: Some(Duration::from_millis(50)),
            x,
            y,
        });
    b.client.perform_actions(hover).await.expect("hover");
    b.wait_for_text(".tooltip-name", "<").await;
    let tip: String = b
        .js("return document.querySelector('.tooltip-name').innerText;")
        .await;
    println!("tooltip: {tip:?}");
    assert_nothing_ran(&b, "tooltip").await;

    // Search.
    let input = b.wait_for("#search").await;
    input.send_keys("zuiderkerk").await.unwrap();
    b.wait_for_text("#search-list [role='option']", "<script>alert(1)</script>")
        .await;
    assert_nothing_ran(&b, "search").await;

    // Table of the areas in view.
    b.click(".table-toggle").await;
    b.wait_for_text(".area-table", "onerror=alert").await;
    assert_nothing_ran(&b, "table").await;

    b.close().await;
    let _ = std::fs::remove_dir_all(dist);
}

/// Issue 20: an RTL override in a URL value (`/?niveau=%E2%80%AEtxt.exe`) used to reverse the rest
/// of the notice's own sentence. The override is removed and the value is isolated.
#[tokio::test]
async fn a_direction_override_in_the_url_does_not_turn_the_notice_around() {
    let b = Browser::start(1280, 800).await;
    b.goto("/?niveau=%E2%80%AEtxt.exe").await;
    b.wait_for(".notice").await;
    let notice: String = b
        .js("return document.querySelector('.notice p').textContent;")
        .await;
    assert!(!notice.contains('\u{202E}'), "{notice:?}");
    assert!(
        notice.starts_with("Onbekende waarde “\u{2068}txt.exe\u{2069}”")
            && notice.ends_with("genegeerd."),
        "{notice:?}"
    );
    b.close().await;
}
