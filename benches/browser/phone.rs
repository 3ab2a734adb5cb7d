//! The phone profile and the levels of detail (issue 14): fresh loads on a throttled phone
//! (Chromium's CPU throttling 4×, 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, answers
//! gzipped as a static host sends them) of the national view and of two embeds, and on the
//! desktop the time from a zoom into a gemeente to its detail on screen.
use crate::support::{Browser, BrowserOptions};
use serde_json::json;
use std::path::Path;
use std::time::{Duration, Instant};

/// Pages loaded on the phone profile.
pub const PHONE_PAGES: [&str; 3] = ["/", "/embed/gemeente/GM0599", "/embed/buurt/BU0363KA05"];

/// Collects long tasks from the start of the page.
const LONG_TASKS: &str = "window.__benchLong = [];
try {
  new PerformanceObserver(l => { for (const e of l.getEntries()) window.__benchLong.push([e.startTime, e.duration]); })
    .observe({ type: 'longtask', buffered: true });
} catch (_) {}
window.__benchInstant = null;
try {
  new PerformanceObserver(l => { for (const e of l.getEntries())
    if (e.identifier === 'map-instant' && window.__benchInstant === null) window.__benchInstant = e.renderTime || e.loadTime; })
    .observe({ type: 'element', buffered: true });
} catch (_) {}";

/// One phone load.
pub struct PhoneLoad {
    /// Navigation → `choropleth-ready`.
    pub ready_ms: f64,
    /// Bytes over the wire until ready (transfer sizes: headers and gzip included).
    pub transfer: f64,
    /// Of which data files (`data/…`).
    pub data_transfer: f64,
    /// The longest main-thread task until ready.
    pub longest_task_ms: f64,
    /// Total blocking time until ready (the part of each task beyond 50 ms).
    pub blocking_ms: f64,
    /// Navigation → the instant national image on screen (element timing), if the page has it.
    pub instant_ms: Option<f64>,
}

async fn until(b: &Browser, script: &str, limit: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if b.js::<bool>(script).await {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    false
}

/// Loads `path` once on the phone profile.
pub async fn phone_load(dist: &Path, path: &str) -> Option<PhoneLoad> {
    let b = Browser::start_with(BrowserOptions {
        width: 390,
        height: 844,
        dist: Some(dist.to_path_buf()),
        ..Default::default()
    })
    .await;
    b.server.set_gzip(true);
    b.cdp("Network.enable", json!({})).await;
    b.cdp("Network.setCacheDisabled", json!({ "cacheDisabled": true }))
        .await;
    b.cdp(
        "Network.emulateNetworkConditions",
        json!({ "offline": false, "latency": 150, "downloadThroughput": 200_000,
                "uploadThroughput": 93_750 }),
    )
    .await;
    b.cdp("Emulation.setCPUThrottlingRate", json!({ "rate": 4 }))
        .await;
    b.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": LONG_TASKS }),
    )
    .await;
    b.goto(path).await;
    let ready = until(
        &b,
        "return performance.getEntriesByName('choropleth-ready', 'mark').length > 0;",
        Duration::from_secs(90),
    )
    .await;
    let out = if ready {
        let (ready_ms, transfer, data_transfer, longest, blocking): (f64, f64, f64, f64, f64) = b
            .js("const ready = performance.getEntriesByName('choropleth-ready', 'mark')[0].startTime;
                 const nav = performance.getEntriesByType('navigation')[0];
                 const res = performance.getEntriesByType('resource').filter(r => r.startTime <= ready);
                 const sum = rs => rs.reduce((s, r) => s + (r.transferSize || 0), 0);
                 const data = res.filter(r => r.name.includes('/data/'));
                 const long = (window.__benchLong || []).filter(t => t[0] <= ready);
                 return [ready, nav.transferSize + sum(res), sum(data),
                         long.reduce((m, t) => Math.max(m, t[1]), 0),
                         long.reduce((s, t) => s + Math.max(0, t[1] - 50), 0)];")
            .await;
        let instant_ms: Option<f64> = b.js("return window.__benchInstant;").await;
        Some(PhoneLoad {
            instant_ms,
            ready_ms,
            transfer,
            data_transfer,
            longest_task_ms: longest,
            blocking_ms: blocking,
        })
    } else {
        eprintln!("phone profile: {path} not ready within 90 s");
        None
    };
    b.close().await;
    out
}

/// Desktop (1280×800, no throttling): zooms in with the `+` button until the scale passes the
/// manifest's `detail_scale`, and returns (last click → detail merged, last click → detail
/// drawn) in ms. Both include the 200 ms the map waits for a gesture to rest.
pub async fn detail_after_zoom(dist: &Path, threshold: f64) -> Option<(f64, f64)> {
    let b = Browser::start_with(BrowserOptions {
        width: 1280,
        height: 800,
        dist: Some(dist.to_path_buf()),
        ..Default::default()
    })
    .await;
    b.goto("/").await;
    b.wait_for_mark("choropleth-ready").await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    b.js::<bool>(
        "const el = document.querySelector('.map-canvas');
         window.__benchVertices = [];
         new MutationObserver(() => window.__benchVertices.push([performance.now(), +el.dataset.vertices]))
           .observe(el, { attributes: true, attributeFilter: ['data-draw-ms'] });
         return true;",
    )
    .await;
    let clicked = b.zoom_in_to(threshold).await;
    let merged = until(
        &b,
        "return performance.getEntriesByName('buurtkaart:detail:buurt', 'mark').length > 0;",
        Duration::from_secs(20),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let out = if merged {
        let (mark, drawn): (f64, f64) = b
            .js(
                "const marks = performance.getEntriesByName('buurtkaart:detail:buurt', 'mark');
                 const last = marks[marks.length - 1].startTime;
                 const draws = window.__benchVertices.filter(d => d[0] >= last);
                 return [last, draws.length ? draws[0][0] : NaN];",
            )
            .await;
        Some((mark - clicked, drawn - clicked))
    } else {
        None
    };
    b.close().await;
    out
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        f64::NAN
    } else {
        v[(v.len() - 1) / 2]
    }
}

/// Runs and prints the phone profile (`runs` loads per page) and the detail timing.
pub async fn phone_section(dist: &Path, runs: usize, threshold: f64) {
    println!();
    println!(
        "Phone profile: 390×844, CPU 4× slower, 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up, gzip; \
         median of {runs} fresh loads (KB = 1000 bytes over the wire)"
    );
    println!(
        "  {:28} {:>10} {:>9} {:>10} {:>10} {:>12} {:>10}",
        "page", "image ms", "ready ms", "bytes KB", "data KB", "longest ms", "TBT ms"
    );
    for page in PHONE_PAGES {
        let mut loads = Vec::new();
        for _ in 0..runs {
            if let Some(l) = phone_load(dist, page).await {
                loads.push(l);
            }
        }
        if loads.is_empty() {
            println!("  {page:28} (never ready)");
            continue;
        }
        let m = |f: fn(&PhoneLoad) -> f64| median(loads.iter().map(f).collect());
        // The coloured country on screen: the instant image where the page has one (target
        // 2.5 s), else the live map.
        let image = if loads.iter().all(|l| l.instant_ms.is_some()) {
            format!("{:.0}", m(|l| l.instant_ms.unwrap_or(f64::NAN)))
        } else {
            "–".into()
        };
        println!(
            "  {:28} {:>10} {:>9.0} {:>10.0} {:>10.0} {:>12.0} {:>10.0}",
            page,
            image,
            m(|l| l.ready_ms),
            m(|l| l.transfer) / 1000.0,
            m(|l| l.data_transfer) / 1000.0,
            m(|l| l.longest_task_ms),
            m(|l| l.blocking_ms),
        );
    }
    let mut merged = Vec::new();
    let mut drawn = Vec::new();
    for _ in 0..runs {
        if let Some((m, d)) = detail_after_zoom(dist, threshold).await {
            merged.push(m);
            drawn.push(d);
        }
    }
    println!(
        "Detail (desktop): last zoom click → detail merged {:.0} ms, → drawn {:.0} ms (median of {}; \
         includes the map's 200 ms wait for the gesture to rest)",
        median(merged),
        median(drawn.clone()),
        drawn.len()
    );
}
