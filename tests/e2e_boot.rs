//! Issue 20 in a real headless Chromium: when the app's own script or wasm does not arrive (404,
//! 500, cut off so that the integrity check refuses it, dropped), the static shell of
//! `index.html` says so in Dutch and English with "Opnieuw proberen" instead of a blank page,
//! after one automatic fresh reload (a redeploy's old `index.html`); the retry works once the
//! fault is gone. Also the shell itself, which the app replaces when it starts.

mod support;

use std::time::{Duration, Instant};
use support::{Browser, BrowserOptions, Fault, FaultKind};

/// Opens `path` with `fault`, expects the failure message and one automatic reload, then removes
/// the fault and retries.
async fn cannot_start_then_retry(fault: Fault, path: &str) {
    let what = format!("{fault:?} on {path}");
    let suffix = fault.path_suffix.clone();
    let b = Browser::start_with(BrowserOptions {
        width: 1280,
        height: 800,
        faults: vec![fault],
        ..Default::default()
    })
    .await;
    b.goto(path).await;
    b.wait_for_text("#boot-status", "Buurtkaart kon niet starten")
        .await;
    let text: String = b
        .js("return document.getElementById('boot-shell').innerText;")
        .await;
    println!("{what}: {text:?}");
    assert!(
        text.contains("Buurtkaart could not start"),
        "{what}: {text:?}"
    );
    assert!(text.contains("Opnieuw proberen"), "{what}: {text:?}");
    assert!(
        text.contains("Bron: CBS"),
        "{what}: the source line stays: {text:?}"
    );
    let tries = b
        .requests()
        .iter()
        .filter(|r| r.path.ends_with(&suffix))
        .count();
    assert!(
        tries >= 2,
        "{what}: the page reloads itself once before giving up ({tries} requests)"
    );
    // An embed keeps a map in the article: its gemeente's share image, linked to the area
    // (the link previews' PNGs; scripts/test makes them before the tests run).
    if path.starts_with("/embed/") {
        let code = path.rsplit('/').next().unwrap_or_default();
        let gemeente = format!("GM{}", &code[2..6]);
        let has_previews = support::dist_dir()
            .join(format!("previews/{gemeente}.png"))
            .is_file();
        let script = "const i = document.querySelector('#boot-preview img');
             return [!!i && i.complete && i.naturalWidth > 0,
                     document.getElementById('boot-preview')?.href || ''];";
        let start = Instant::now();
        let (shown, href) = loop {
            let (shown, href): (bool, String) = b.js(script).await;
            if shown || !has_previews || start.elapsed() > Duration::from_secs(10) {
                break (shown, href);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        if has_previews {
            assert!(shown, "{what}: the embed shows its gemeente's image");
            assert!(href.ends_with(&path["/embed".len()..]), "{what}: {href}");
        } else {
            assert!(!shown, "{what}: no previews in this build, no broken image");
            println!("{what}: no previews in this build (run the previews step to see the image)");
        }
    }
    b.screenshot(&format!(
        "boot-failed-{}{}",
        suffix.trim_start_matches(['_', '.']),
        if path.starts_with("/embed/") {
            "-embed"
        } else {
            ""
        }
    ))
    .await;
    b.set_faults(vec![]);
    b.click("#boot-retry").await;
    b.wait_for_mark("choropleth-ready").await;
    let shell: bool = b
        .js("return !!document.getElementById('boot-shell');")
        .await;
    assert!(!shell, "{what}: the app replaced the shell");
    b.close().await;
}

#[tokio::test]
async fn wasm_404_on_the_map() {
    cannot_start_then_retry(Fault::status("_bg.wasm", 404), "/").await;
}

#[tokio::test]
async fn script_500_on_a_deep_link() {
    cannot_start_then_retry(Fault::status(".js", 500), "/buurt/BU03440112").await;
}

#[tokio::test]
async fn truncated_script_fails_its_integrity_check() {
    cannot_start_then_retry(Fault::truncate(".js", 2000), "/gemeente/GM0344").await;
}

#[tokio::test]
async fn dropped_wasm_in_an_embed() {
    cannot_start_then_retry(
        Fault::new("_bg.wasm", FaultKind::Abort(20_000)),
        "/embed/gemeente/GM0344",
    )
    .await;
}

/// The shell says what this is before the app has started, and the app replaces it.
#[tokio::test]
async fn the_shell_shows_while_the_wasm_loads_and_gives_way_to_the_app() {
    let b = Browser::start_with(BrowserOptions {
        width: 390,
        height: 844,
        faults: vec![Fault::new(
            "_bg.wasm",
            FaultKind::Delay(Duration::from_millis(2500)),
        )],
        ..Default::default()
    })
    .await;
    b.goto("/").await;
    let start = Instant::now();
    let text: String = b
        .js("return document.getElementById('boot-shell')?.innerText || '';")
        .await;
    assert!(
        text.contains("Buurtkaart") && text.contains("Kaart laden") && text.contains("Bron: CBS"),
        "the shell while loading: {text:?}"
    );
    b.screenshot("boot-shell-phone").await;
    b.wait_for_mark("choropleth-ready").await;
    println!(
        "ready {} ms after the shell was read",
        start.elapsed().as_millis()
    );
    let shell: bool = b
        .js("return !!document.getElementById('boot-shell');")
        .await;
    assert!(!shell, "the app replaced the shell");
    b.close().await;
}
