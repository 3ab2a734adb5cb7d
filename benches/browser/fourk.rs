//! A 4K screen (issue 20 item 4): 3840×2160 CSS px at device pixel ratio 2, so the map canvas
//! has about 29 million device pixels. Fresh loads of the tenure view and of the national
//! view, their ready time and longest tasks, the memory of the area-per-pixel map, the longest
//! task per interaction and a burst of rapid resizes. Prints figures; asserts no timings.
use crate::support::Browser;
use crate::{
    ids_built, interactions, long_since, start_browser, Interaction, Probe, INTERACTIONS, WAIT,
};
use serde_json::json;
use std::path::Path;
use std::time::{Duration, Instant};

/// The emulated screen: CSS px and device pixel ratio.
const SIZE: (u32, u32) = (3840, 2160);
const DPR: f64 = 2.0;
/// Resizes of the burst, one per 60 Hz frame.
const BURST: usize = 50;

/// The interactions of [`INTERACTIONS`], with resizes to half the screen and back.
fn fourk_interactions() -> Vec<(&'static str, Interaction)> {
    INTERACTIONS
        .iter()
        .map(|&(label, what)| match what {
            Interaction::Resize(1024, _) => ("resize → 1920×1080", Interaction::Resize(1920, 1080)),
            Interaction::Resize(..) => ("resize → 3840×2160", Interaction::Resize(SIZE.0, SIZE.1)),
            other => (label, other),
        })
        .collect()
}

/// Sets the emulated 4K screen (`w`×`h` CSS px at [`DPR`]).
async fn screen(b: &Browser, w: u32, h: u32) {
    b.cdp(
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": w, "height": h, "deviceScaleFactor": DPR, "mobile": false }),
    )
    .await;
}

/// Loads `path` on the 4K screen; prints ready time, the load's longest task, the longest task
/// in the 3 s after ready (the area-per-pixel map is built then), the canvas and id-map sizes
/// and wasm memory. Returns the browser, ready.
async fn load(dist: &Path, path: &str) -> Browser {
    let b = start_browser(dist).await;
    screen(&b, SIZE.0, SIZE.1).await;
    b.goto(path).await;
    b.wait_for_mark("choropleth-ready").await;
    let (ready, load_longest): (f64, f64) = b
        .js("const ready = performance.getEntriesByName('choropleth-ready', 'mark')[0].startTime;
             return [ready, window.__longTasks.filter(t => t[0] <= ready).reduce((m, t) => Math.max(m, t[1]), 0)];")
        .await;
    let ids_ms = ids_built(&b, Duration::from_secs(8)).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let (after, _) = long_since(&b, ready).await;
    let (canvas, ids, wasm): (String, String, Option<f64>) = b
        .js("const c = document.querySelector('.map-base');
             const d = document.querySelector('.map-canvas').dataset;
             const m = window.__benchWasmMemory;
             return [c.width + '×' + c.height, d.idsSize || '', m ? m.buffer.byteLength : null];")
        .await;
    let ids_mb = ids
        .split_once('×')
        .and_then(|(w, h)| Some(w.parse::<f64>().ok()? * h.parse::<f64>().ok()? * 4.0 / 1e6))
        .map_or(String::new(), |mb| format!(" ({mb:.1} MB)"));
    println!(
        "  {path}: ready {ready:.0} ms · longest task until ready {load_longest:.0} ms, in the \
         3 s after {after:.0} ms · canvas {canvas} device px · area map {}{ids_mb}, built in {} · \
         wasm memory {:.1} MB",
        if ids.is_empty() { "none" } else { ids.as_str() },
        ids_ms.map_or("-".to_string(), |ms| format!("{ms:.0} ms")),
        wasm.unwrap_or(f64::NAN) / 1e6,
    );
    if std::env::var_os("BENCH_DRAW_MARKS").is_some() {
        let marks: Vec<(String, f64)> = b
            .js("return performance.getEntriesByType('mark').filter(m => m.name.startsWith('buurtkaart:draw')).slice(-12).map(m => [m.name, m.startTime]);")
            .await;
        let d = document_marks(&marks);
        println!("    last draw marks: {d}");
    }
    b
}

/// The marks `marks` as the time since the previous one.
fn document_marks(marks: &[(String, f64)]) -> String {
    let mut prev = None;
    let mut out = Vec::new();
    for (name, t) in marks {
        let d = prev.map_or(0.0, |p| t - p);
        out.push(format!(
            "{} +{d:.0}",
            name.trim_start_matches("buurtkaart:")
        ));
        prev = Some(*t);
    }
    out.join(", ")
}

/// Resizes the window [`BURST`] times, one per frame, then back to the full screen; prints the
/// longest task from the first resize until 2 s after the last.
async fn resize_burst(b: &Browser) {
    let t0: f64 = b.js("return performance.now();").await;
    let start = Instant::now();
    for k in 0..BURST {
        let due = start + Duration::from_micros(16_667) * k as u32;
        tokio::time::sleep_until(tokio::time::Instant::from_std(due)).await;
        let w = SIZE.0 - 40 * (k as u32 % 12);
        let h = SIZE.1 - 24 * (k as u32 % 7);
        screen(b, w, h).await;
    }
    screen(b, SIZE.0, SIZE.1).await;
    let took = start.elapsed();
    tokio::time::sleep(Duration::from_millis(2000)).await;
    let (ms, frame) = long_since(b, t0).await;
    let n: usize = b
        .js(&format!(
            "return window.__longTasks.filter(t => t[0] >= {t0} - 1).length;"
        ))
        .await;
    println!(
        "  {BURST} rapid resizes in {} ms: longest task {ms:.0} ms, {n} tasks ≥ 50 ms{}",
        took.as_millis(),
        if frame.is_empty() {
            String::new()
        } else {
            format!("; longest frame {frame}")
        }
    );
}

/// The 4K section of the benchmark.
pub async fn fourk_section(dist: &Path, probe: &Probe) {
    println!();
    println!(
        "4K screen: {}×{} CSS px at device pixel ratio {DPR} (fresh Chromium each):",
        SIZE.0, SIZE.1
    );
    let b = load(dist, "/?weergave=huur").await;
    b.close().await;
    let b = load(dist, "/").await;
    // The interactions start from a map at rest, as in the 1280×800 run.
    let _ = ids_built(&b, WAIT).await;
    interactions(&b, probe, &fourk_interactions(), DPR).await;
    resize_burst(&b).await;
    let errors = b.console_errors().await;
    if !errors.is_empty() {
        println!("  browser errors: {errors:?}");
    }
    b.close().await;
}
