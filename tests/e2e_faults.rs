//! Issue 9 in a real headless Chromium: data files that fail (404, 500, cut off, not JSON, the
//! wrong shape, slow, a dropped connection) give a message that names the file and a retry
//! button; what did load keeps working (buurten missing → the gemeenten are still drawn); after
//! the fault is gone, "Opnieuw proberen" brings the buurt choropleth back. No panic reaches the
//! console.

mod support;

use buurtkaart::data::fetch::TIMEOUT_OVERRIDE;
use std::time::{Duration, Instant};
use support::{Browser, BrowserOptions, Fault, FaultKind};

/// The level the map has drawn (`.map-canvas[data-level]`), or "" when nothing is drawn yet.
async fn drawn_level(b: &Browser) -> String {
    b.js(
        "const e = document.querySelector('.map-canvas'); return e ? (e.dataset.level || '') : '';",
    )
    .await
}

/// Waits until the map has drawn `level`.
async fn wait_for_level(b: &Browser, level: &str) {
    let start = Instant::now();
    loop {
        let now = drawn_level(b).await;
        if now == level {
            return;
        }
        assert!(
            start.elapsed() < support::TIMEOUT,
            "the map should draw {level:?}, it drew {now:?}; page: {}",
            page_text(b).await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn page_text(b: &Browser) -> String {
    let t: String = b.js("return document.body.innerText;").await;
    t.chars().take(600).collect()
}

/// How many pixels of the map's base canvas are painted (not transparent).
async fn painted_pixels(b: &Browser) -> u64 {
    b.js(
        "const c = document.querySelector('.map-canvas canvas.map-base');
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n;",
    )
    .await
}

/// Console errors that mean a bug (a panic or a wasm trap), not a failed request we caused.
async fn assert_no_panic(b: &Browser) {
    let errors = b.console_errors().await;
    let bad: Vec<&String> = errors
        .iter()
        .filter(|m| {
            m.contains("panicked")
                || m.contains("unreachable")
                || m.contains("RuntimeError")
                || m.contains("Uncaught")
        })
        .collect();
    assert!(
        bad.is_empty(),
        "panic or uncaught error in the console: {bad:#?}"
    );
    let boxed: bool = b.js("return !!document.getElementById('panic-box');").await;
    assert!(!boxed, "the panic box is shown");
}

/// Fails with `why` when the data error box is shown.
async fn assert_no_error_box(b: &Browser, why: &str) {
    let shown: bool = b
        .js("return !!document.querySelector('.data-error');")
        .await;
    assert!(!shown, "{why}");
}

/// Opens `/` with `fault`, checks the error names `file`, that `level_while_broken` is drawn,
/// then clears the fault, presses retry and checks that the buurt choropleth appears.
async fn fault_then_retry(fault: Fault, file: &str, level_while_broken: &str) {
    let what = format!("{fault:?}");
    let b = Browser::start_with(BrowserOptions {
        faults: vec![fault],
        ..Default::default()
    })
    .await;
    b.goto("/").await;
    b.wait_for_text(".data-error", file).await;
    let message: String = b
        .js("return document.querySelector('.data-error').innerText;")
        .await;
    assert!(
        message.contains("Het bestand") && message.contains(file),
        "{what}: a Dutch message naming {file}: {message:?}"
    );
    b.wait_for_text(".data-error .retry", "Opnieuw proberen")
        .await;
    wait_for_level(&b, level_while_broken).await;
    assert!(
        painted_pixels(&b).await > 10_000,
        "{what}: the map is drawn while {file} is broken"
    );
    println!("{what}: message {message:?}, map drew {level_while_broken}");
    assert_no_panic(&b).await;

    b.set_faults(vec![]);
    b.click(".data-error .retry").await;
    b.wait_for_mark("choropleth-ready").await;
    wait_for_level(&b, "buurt").await;
    assert_no_error_box(
        &b,
        &format!("{what}: the error box is gone after a successful retry"),
    )
    .await;
    assert_no_panic(&b).await;
    b.close().await;
}

#[tokio::test]
async fn buurt_geometry_404_shows_gemeenten_and_retry_loads_buurten() {
    fault_then_retry(
        Fault::status("buurt.topo.json", 404),
        "buurt.topo.json",
        "gemeente",
    )
    .await;
}

#[tokio::test]
async fn buurt_geometry_500_shows_gemeenten_and_retry_loads_buurten() {
    fault_then_retry(
        Fault::status("buurt.topo.json", 500),
        "buurt.topo.json",
        "gemeente",
    )
    .await;
}

#[tokio::test]
async fn truncated_buurt_geometry_is_reported_and_retried() {
    fault_then_retry(
        Fault::truncate("buurt.topo.json", 5000),
        "buurt.topo.json",
        "gemeente",
    )
    .await;
}

#[tokio::test]
async fn dropped_connection_for_buurt_geometry_is_reported_and_retried() {
    fault_then_retry(
        Fault::new("buurt.topo.json", FaultKind::Abort(5000)),
        "buurt.topo.json",
        "gemeente",
    )
    .await;
}

#[tokio::test]
async fn non_json_buurt_names_are_reported_and_retried() {
    fault_then_retry(
        Fault::new(
            "buurt.areas.json",
            FaultKind::Body(b"<html>Bad gateway</html>".to_vec()),
        ),
        "buurt.areas.json",
        "gemeente",
    )
    .await;
}

#[tokio::test]
async fn wrong_shape_values_keep_the_buurten_drawn_and_retry_colours_them() {
    fault_then_retry(
        Fault::new("buurt.lbm_klasse.json", FaultKind::Body(b"{}".to_vec())),
        "buurt.lbm_klasse.json",
        "buurt",
    )
    .await;
}

#[tokio::test]
async fn values_with_missing_fields_are_reported() {
    fault_then_retry(
        Fault::new(
            "buurt.lbm_klasse.json",
            FaultKind::Body(br#"{"level":"buurt","columns":{"lbm_klasse":{}}}"#.to_vec()),
        ),
        "buurt.lbm_klasse.json",
        "buurt",
    )
    .await;
}

#[tokio::test]
async fn manifest_failure_shows_a_message_and_retry_loads_the_map() {
    let b = Browser::start_with(BrowserOptions {
        faults: vec![Fault::status("manifest.json", 503)],
        ..Default::default()
    })
    .await;
    b.goto("/").await;
    b.wait_for_text(".data-error", "manifest.json").await;
    assert_no_panic(&b).await;
    b.set_faults(vec![]);
    b.click(".data-error .retry").await;
    b.wait_for_mark("choropleth-ready").await;
    wait_for_level(&b, "buurt").await;
    assert_no_panic(&b).await;
    b.close().await;
}

#[tokio::test]
async fn manifest_that_is_not_json_is_reported() {
    let b = Browser::start_with(BrowserOptions {
        faults: vec![Fault::new("manifest.json", FaultKind::Body(b"not json".to_vec())).times(1)],
        ..Default::default()
    })
    .await;
    b.goto("/").await;
    b.wait_for_text(".data-error", "manifest.json").await;
    b.click(".data-error .retry").await;
    b.wait_for_mark("choropleth-ready").await;
    assert_no_panic(&b).await;
    b.close().await;
}

#[tokio::test]
async fn slow_geometry_shows_progress_then_the_map() {
    let b = Browser::start_with(BrowserOptions {
        faults: vec![Fault::delay("buurt.topo.json", 3000)],
        ..Default::default()
    })
    .await;
    b.goto("/").await;
    b.wait_for(".loading").await;
    b.wait_for_mark("choropleth-ready").await;
    wait_for_level(&b, "buurt").await;
    assert_no_error_box(&b, "a slow file is not an error").await;
    assert_no_panic(&b).await;
    b.close().await;
}

#[tokio::test]
async fn a_failed_gemeente_detail_file_leaves_the_map_working() {
    // The panel's extra file for the gemeente of the selected buurt.
    let b = Browser::start_with(BrowserOptions {
        faults: vec![Fault::status("detail/GM0363.json", 500)],
        ..Default::default()
    })
    .await;
    b.goto("/buurt/BU0363AF08").await;
    b.wait_for_text(".data-error", "GM0363.json").await;
    wait_for_level(&b, "buurt").await;
    assert_no_panic(&b).await;
    b.close().await;
}

/// Records, in the page, each data request's abort signal and how its `fetch` ended.
const WATCH_FETCH: &str = r"window.__fetches = [];
  const fetch0 = window.fetch;
  window.fetch = function (req, init) {
    const url = String((req && req.url) || req);
    if (url.includes('/data/')) {
      // The data file by its logical name (content hashes taken out).
      const file = url.split('/data/')[1].split('?')[0].replace(/\.[0-9a-f]{10}(?=\.json$|\/)/g, '');
      const e = { url, file, aborted: false, outcome: 'pending' };
      window.__fetches.push(e);
      const signal = (init && init.signal) || (req && req.signal);
      if (signal) signal.addEventListener('abort', () => { e.aborted = true; });
      const p = fetch0.call(this, req, init);
      p.then(r => { e.outcome = 'status ' + r.status; }, err => { e.outcome = err.name; });
      return p;
    }
    return fetch0.call(this, req, init);
  };";

#[tokio::test]
async fn a_hanging_file_times_out_is_aborted_and_retry_works_at_once() {
    let b = Browser::start_with(BrowserOptions {
        faults: vec![Fault::new("buurt.lbm_klasse.json", FaultKind::Hang)],
        ..Default::default()
    })
    .await;
    // The app's 30 s limit (`FETCH_TIMEOUT`), shortened to 4 s through its test hook
    // (`TIMEOUT_OVERRIDE`) so the suite does not wait half a minute.
    b.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        serde_json::json!({ "source": format!("window.{TIMEOUT_OVERRIDE} = 4000;\n{WATCH_FETCH}") }),
    )
    .await;
    b.goto("/").await;
    let start = Instant::now();
    loop {
        let text: String = b
            .js("const e = document.querySelector('.data-error'); return e ? e.innerText : '';")
            .await;
        if text.contains("buurt.lbm_klasse.json") {
            println!(
                "hang: after {:.0} s: {text:?}",
                start.elapsed().as_secs_f64()
            );
            assert!(
                text.contains("4 s"),
                "the message gives the time limit: {text:?}"
            );
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no timeout message after 20 s"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    // Giving up aborted the request: its signal fired and its fetch ended in an AbortError.
    let start = Instant::now();
    let hung = loop {
        let hung: serde_json::Value = b
            .js("return window.__fetches.filter(f => f.file === 'buurt.lbm_klasse.json');")
            .await;
        if hung[0]["outcome"] != "pending" || start.elapsed() > Duration::from_secs(5) {
            break hung;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    println!("hang: {hung}");
    assert_eq!(hung[0]["aborted"], true, "the request's signal was aborted");
    assert_eq!(hung[0]["outcome"], "AbortError", "the request was aborted");
    wait_for_level(&b, "buurt").await;
    assert!(painted_pixels(&b).await > 10_000, "the map is still drawn");
    assert_no_panic(&b).await;

    b.set_faults(vec![]);
    let _: bool = b
        .js("performance.clearMarks('choropleth-ready'); return true;")
        .await;
    b.click(".data-error .retry").await;
    // The retry goes out at once (past Chromium's lock on the aborted request's cache entry).
    let start = Instant::now();
    loop {
        let ready: bool = b
            .js(
                "const lbm = window.__fetches.filter(f => f.file === 'buurt.lbm_klasse.json');
                 return lbm.length === 2 && lbm[1].outcome === 'status 200'
                    && performance.getEntriesByName('choropleth-ready', 'mark').length > 0
                    && !document.querySelector('.data-error');",
            )
            .await;
        if ready {
            println!(
                "hang: retry drew the choropleth after {:.1} s",
                start.elapsed().as_secs_f64()
            );
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no choropleth 10 s after retry"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    wait_for_level(&b, "buurt").await;
    assert_no_panic(&b).await;
    b.close().await;
}

/// A deploy that races the page: the manifest the page got names a buurt geometry file that is
/// gone (404). The app fetches the manifest again, sees new data, says so, reloads the page once
/// and then draws the map from the new files.
#[tokio::test]
async fn a_hashed_file_gone_after_a_redeploy_reloads_the_page_once() {
    let manifest = support::data_file("manifest.json");
    let current: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    let topo = current["levels"][2]["geometry_file"].as_str().unwrap();
    assert!(topo.starts_with("buurt.topo."), "{topo}");
    // The manifest of an earlier deploy: its buurt geometry had another hash.
    let old = manifest.replace(topo, "buurt.topo.0000000000.json");
    let b = Browser::start_with(BrowserOptions {
        faults: vec![Fault::new("manifest.json", FaultKind::Body(old.into_bytes())).times(1)],
        ..Default::default()
    })
    .await;
    b.goto("/").await;
    b.wait_for_text(".data-error", "bijgewerkt").await;
    let message: String = b
        .js("return document.querySelector('.data-error').innerText;")
        .await;
    println!("redeploy: {message:?}");
    assert!(
        message.contains("opnieuw geladen"),
        "the message says the page reloads: {message:?}"
    );
    // The reload: the page itself is asked for again, then the map is drawn from the new files.
    let start = Instant::now();
    while b.requests().iter().filter(|r| r.path == "/").count() < 2 {
        assert!(
            start.elapsed() < support::TIMEOUT,
            "the page did not reload"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    b.wait_for_mark("choropleth-ready").await;
    wait_for_level(&b, "buurt").await;
    assert_no_error_box(&b, "an error box after the reload").await;
    let served: Vec<String> = b
        .requests()
        .iter()
        .filter(|r| r.status == 200)
        .filter_map(|r| r.data_file())
        .collect();
    let manifests = served.iter().filter(|f| *f == "manifest.json").count();
    assert!(
        manifests >= 3,
        "manifest fetched on load, again to check, and after the reload: {served:?}"
    );
    assert!(
        b.requests()
            .iter()
            .any(|r| r.status == 200 && r.path.ends_with(topo)),
        "the new buurt geometry was drawn"
    );
    assert_no_panic(&b).await;
    b.close().await;
}
