//! The browser benchmark (issue 7): what a visitor of Buurtkaart waits for, measured in a real
//! headless Chromium against the release build.
//!
//! Run it with `./scripts/bench` (which sets up, builds `dist/` and then runs this), or by hand
//! after a release build:
//!
//! ```text
//! cargo bench --bench browser -- [--runs N] [--json FILE] [--compare OLD.json] [--cpuprofile FILE]
//!
//! `BENCH_TILES=1` in the environment switches the background map on (served by the harness's
//! local stand-in tile server), to measure gestures with tiles.
//! ```
//!
//! Every run is a fresh Chromium with a new, empty profile (so nothing is cached: no HTTP cache,
//! no compiled-wasm cache) that loads the national buurt view and then:
//!
//! 1. reads navigation → `choropleth-ready` (the app's mark after the first full choropleth is
//!    on screen) and the `buurtkaart:*` marks that break it down;
//! 2. the bytes of every file fetched until then (raw, and gzip -6 as a static host sends them),
//!    the data files (`data/*`, the issue's target) apart from the app (html, css, js, wasm);
//! 3. memory after load (after a forced GC): JS heap, Blink heap, wasm linear memory;
//! 4. hover → tooltip: real pointer moves (CDP `Input.dispatchMouseEvent`) onto known buurten,
//!    timed in the page from the event's timestamp to the first frame painted with the tooltip;
//! 5. recolour: another indicator chosen in `#indicator-picker`, from the `change` event to the
//!    frame painted after the map's full draw (and a switch that must fetch a table first);
//! 6. 60 wheel/drag steps at 60 Hz, frame intervals from a `requestAnimationFrame` loop.
//!
//! All times are taken in the page with `performance.now()` / event timestamps, so WebDriver
//! round trips are not in them. "Painted" means the `setTimeout(0)` queued from the first
//! `requestAnimationFrame` after the change: it runs once that frame's rendering is done, the
//! same rule the app uses for `choropleth-ready`.
//!
//! `--cpuprofile FILE` first records one extra, unmeasured load under the V8 sampling profiler
//! (CDP `Profiler`) and writes a `.cpuprofile` that Chromium DevTools opens (Performance panel →
//! load profile); it prints the functions with the most self time.
//!
//! It is a bench target with `harness = false`, so `cargo test` never runs it.
#[path = "browser/fourk.rs"]
mod fourk;
#[path = "browser/lighthouse.rs"]
mod lighthouse;
#[path = "browser/phone.rs"]
mod phone;
#[path = "../tests/support/mod.rs"]
mod support;

use buurtkaart::carto::Viewport;
use buurtkaart_model::naming::logical_name;
use geo::Area;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use support::{Browser, BrowserOptions};

const WIDTH: u32 = 1280;
const HEIGHT: u32 = 800;
/// The indicator of the first view. The recolour switches to another indicator of its table
/// (no download) and back; then to one of another table (the switch includes its download),
/// preferably this one.
const FIRST_INDICATOR: &str = "lbm_klasse";
const FETCH_INDICATOR: &str = "woz";
/// Buurten hovered per page load.
const HOVERS_PER_RUN: usize = 5;
/// Wheel/drag steps of the pan/zoom test, and their spacing (60 Hz).
const GESTURE_STEPS: usize = 60;
const STEP_INTERVAL: Duration = Duration::from_micros(16_667);
/// How long the in-page waits of one measurement may take.
const WAIT: Duration = Duration::from_secs(15);

// ---------------------------------------------------------------------------------------------
// Command line

struct Args {
    runs: usize,
    json: Option<PathBuf>,
    compare: Option<PathBuf>,
    cpuprofile: Option<PathBuf>,
    /// Lighthouse: `Some(false)` skips it, `Some(true)` runs it alone.
    lighthouse: Option<bool>,
    /// Run only the phone profile.
    phone_only: bool,
    /// Only the longest tasks per interaction, at 1280×800 and on a 4K screen.
    longtasks: bool,
}

fn usage() -> ! {
    eprintln!(
        "usage: cargo bench --bench browser -- [--runs N] [--json FILE] [--compare OLD.json] \
         [--cpuprofile FILE] [--no-lighthouse | --lighthouse-only | --phone-only | --longtasks]\n\
         \n  --runs N            fresh page loads (default 5, at least 1)\
         \n  --json FILE         also write the results as JSON\
         \n  --compare OLD.json  print the change of every median against an earlier --json file\
         \n  --cpuprofile FILE   first record one unmeasured load with the V8 CPU profiler\
         \n  --no-lighthouse     skip the Lighthouse audits at the end\
         \n  --lighthouse-only   run only the Lighthouse audits (min(N, 3) per preset)\
         \n  --phone-only        run only the phone profile (min(N, 3) loads per page)\
         \n  --longtasks         only the longest task per interaction, at 1280×800 and 4K\
         \n\nServes $BUURTKAART_DIST or dist/ (a release build: trunk build --release)."
    );
    std::process::exit(2)
}

/// The scale (px per km) from which the map loads detail: the manifest's `detail_scale`.
fn detail_threshold(dist: &Path) -> f64 {
    std::fs::read_to_string(dist.join("data/manifest.json"))
        .ok()
        .and_then(|t| serde_json::from_str::<Value>(&t).ok())
        .and_then(|m| m["detail_scale"].as_f64())
        .unwrap_or(16.0)
}

fn parse_args() -> Args {
    let mut args = Args {
        runs: 5,
        json: None,
        compare: None,
        cpuprofile: None,
        lighthouse: None,
        phone_only: false,
        longtasks: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().unwrap_or_else(|| usage());
        match a.as_str() {
            "--runs" => args.runs = value().parse().unwrap_or_else(|_| usage()),
            "--json" => args.json = Some(PathBuf::from(value())),
            "--compare" => args.compare = Some(PathBuf::from(value())),
            "--cpuprofile" => args.cpuprofile = Some(PathBuf::from(value())),
            "--no-lighthouse" => args.lighthouse = Some(false),
            "--lighthouse-only" => args.lighthouse = Some(true),
            "--phone-only" => args.phone_only = true,
            "--longtasks" => args.longtasks = true,
            // cargo bench passes --bench to every bench binary.
            "--bench" => {}
            "-h" | "--help" => usage(),
            other => {
                eprintln!("unknown argument {other:?}");
                usage()
            }
        }
    }
    if args.runs == 0 {
        usage();
    }
    args
}

// ---------------------------------------------------------------------------------------------
// Metrics: definitions, samples, statistics

#[derive(Clone, Copy, PartialEq)]
enum Unit {
    Ms,
    Bytes,
    Count,
}

/// One row of the table. The target is compared with the median over all samples.
struct Def {
    id: &'static str,
    label: &'static str,
    unit: Unit,
    target: Option<f64>,
}

/// The issue's "16 ms": one frame at 60 Hz. Frame intervals come in whole frames, so a median
/// of exactly one frame (16.67 ms) must pass.
const FRAME_MS: f64 = 16.7;

const DEFS: &[Def] = &[
    Def {
        id: "ready_ms",
        label: "national buurt view: navigation → choropleth-ready",
        unit: Unit::Ms,
        target: Some(600.0),
    },
    Def {
        id: "first_draw_ms",
        label: "  its first paint, from an area-per-pixel map (data-draw-ms)",
        unit: Unit::Ms,
        target: None,
    },
    Def {
        id: "recolour_ms",
        label: "recolour (indicator of the same table): change → painted in the new colours",
        unit: Unit::Ms,
        target: Some(50.0),
    },
    Def {
        id: "recolour_quick_ms",
        label: "  of which the quick paint from the area-per-pixel map",
        unit: Unit::Ms,
        target: None,
    },
    Def {
        id: "recolour_refined_ms",
        label: "  change → anti-aliased full draw painted (after 140 ms rest)",
        unit: Unit::Ms,
        target: None,
    },
    Def {
        id: "recolour_draw_ms",
        label: "  that full draw (data-draw-ms)",
        unit: Unit::Ms,
        target: None,
    },
    Def {
        id: "recolour_draws",
        label: "  full draws per recolour",
        unit: Unit::Count,
        target: None,
    },
    Def {
        id: "ids_build_ms",
        label: "area-per-pixel map: its build for the first paint (simplifying arcs, gemeente outlines included)",
        unit: Unit::Ms,
        target: None,
    },
    Def {
        id: "switch_fetch_ms",
        label: "indicator of another table (+ its download) → painted",
        unit: Unit::Ms,
        target: None,
    },
    Def {
        id: "hover_ms",
        label: "hover → tooltip painted",
        unit: Unit::Ms,
        target: Some(FRAME_MS),
    },
    Def {
        id: "hover_dom_ms",
        label: "  hover → tooltip in the DOM",
        unit: Unit::Ms,
        target: None,
    },
    Def {
        id: "frame_median_ms",
        label: "pan/zoom (60 steps): median frame",
        unit: Unit::Ms,
        target: Some(FRAME_MS),
    },
    Def {
        id: "frame_worst_ms",
        label: "pan/zoom (60 steps): worst frame",
        unit: Unit::Ms,
        target: Some(50.0),
    },
    Def {
        id: "frames_over_50",
        label: "  frames > 50 ms per gesture",
        unit: Unit::Count,
        target: None,
    },
    Def {
        id: "interaction_longest_task_ms",
        label: "longest main-thread task per interaction (switches, selection, resize)",
        unit: Unit::Ms,
        target: Some(50.0),
    },
    Def {
        id: "load_longest_task_ms",
        label: "load until choropleth-ready: longest main-thread task",
        unit: Unit::Ms,
        target: Some(50.0),
    },
    Def {
        id: "load_tbt_ms",
        label: "  load until choropleth-ready: total blocking time (task time over 50 ms)",
        unit: Unit::Ms,
        target: None,
    },
    Def {
        id: "full_draw_ms",
        label: "full draw (data-draw-ms, all seen)",
        unit: Unit::Ms,
        target: None,
    },
    Def {
        id: "first_view_data_gzip",
        label: "first national view: data files (data/*), gzip -6",
        unit: Unit::Bytes,
        target: Some(800_000.0),
    },
    Def {
        id: "first_view_data_raw",
        label: "  data files, raw",
        unit: Unit::Bytes,
        target: None,
    },
    Def {
        id: "first_view_app_gzip",
        label: "  the app (html, css, js, wasm), gzip -6",
        unit: Unit::Bytes,
        target: None,
    },
    Def {
        id: "first_view_gzip",
        label: "  everything (data + app), gzip -6",
        unit: Unit::Bytes,
        target: None,
    },
    Def {
        id: "first_view_raw",
        label: "  everything (data + app), raw",
        unit: Unit::Bytes,
        target: None,
    },
    Def {
        id: "first_view_requests",
        label: "  requests until ready",
        unit: Unit::Count,
        target: None,
    },
    Def {
        id: "duplicate_downloads",
        label: "  files downloaded twice",
        unit: Unit::Count,
        target: None,
    },
    Def {
        id: "wasm_gzip",
        label: "wasm, gzip -6",
        unit: Unit::Bytes,
        target: Some(400_000.0),
    },
    Def {
        id: "wasm_raw",
        label: "wasm, raw",
        unit: Unit::Bytes,
        target: None,
    },
    Def {
        id: "memory_total",
        label: "memory after load: JS + Blink heap + wasm",
        unit: Unit::Bytes,
        target: Some(150_000_000.0),
    },
    Def {
        id: "js_heap",
        label: "  JS heap used",
        unit: Unit::Bytes,
        target: None,
    },
    Def {
        id: "blink_heap",
        label: "  Blink heap used (DOM, Path2D, …)",
        unit: Unit::Bytes,
        target: None,
    },
    Def {
        id: "wasm_memory",
        label: "  wasm linear memory",
        unit: Unit::Bytes,
        target: None,
    },
    Def {
        id: "renderer_pss",
        label: "  renderer process PSS (all of it)",
        unit: Unit::Bytes,
        target: None,
    },
];

fn def(id: &str) -> &'static Def {
    DEFS.iter()
        .find(|d| d.id == id)
        .unwrap_or_else(|| panic!("no metric {id}"))
}

#[derive(Default)]
struct Results {
    samples: BTreeMap<&'static str, Vec<f64>>,
}

impl Results {
    fn add(&mut self, id: &'static str, v: f64) {
        def(id);
        if v.is_finite() {
            self.samples.entry(id).or_default().push(v);
        }
    }
}

struct Stats {
    n: usize,
    min: f64,
    median: f64,
    max: f64,
}

fn stats(v: &[f64]) -> Option<Stats> {
    if v.is_empty() {
        return None;
    }
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let n = s.len();
    let median = if n % 2 == 1 {
        s[n / 2]
    } else {
        (s[n / 2 - 1] + s[n / 2]) / 2.0
    };
    Some(Stats {
        n,
        min: s[0],
        median,
        max: s[n - 1],
    })
}

fn median(v: &[f64]) -> f64 {
    stats(v).map(|s| s.median).unwrap_or(f64::NAN)
}

fn fmt_value(unit: Unit, v: f64) -> String {
    if !v.is_finite() {
        return "–".into();
    }
    match unit {
        Unit::Ms => {
            if v >= 100.0 {
                format!("{v:.0} ms")
            } else {
                format!("{v:.1} ms")
            }
        }
        Unit::Bytes => {
            if v >= 1e6 {
                format!("{:.2} MB", v / 1e6)
            } else {
                format!("{:.0} KB", v / 1e3)
            }
        }
        Unit::Count => {
            if v.fract() == 0.0 {
                format!("{v:.0}")
            } else {
                format!("{v:.1}")
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Machine, commit, files

struct Machine {
    cpu: String,
    cores: usize,
    load: String,
    chromium: String,
}

fn machine() -> Machine {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split(':').nth(1))
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    Machine {
        cpu,
        cores,
        load: loadavg(),
        chromium: String::new(),
    }
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

/// `(short commit, dirty)` of the git work tree that holds `dir`.
fn commit(dir: &Path) -> (String, bool) {
    let git = |args: &[&str]| {
        Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    let hash = git(&["rev-parse", "--short", "HEAD"]).unwrap_or_else(|| "unknown".into());
    let dirty =
        git(&["status", "--porcelain", "--untracked-files=no"]).is_some_and(|s| !s.is_empty());
    (hash, dirty)
}

/// Size of `bytes` after `gzip -6` (what nginx/Apache send with compression on at that level).
fn gzip_len(bytes: &[u8]) -> usize {
    let mut child = Command::new("gzip")
        .args(["-6", "-n", "-c"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("gzip is needed to compute compressed sizes");
    let mut stdin = child.stdin.take().expect("gzip stdin");
    let data = bytes.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&data);
    });
    let out = child.wait_with_output().expect("gzip output");
    let _ = writer.join();
    out.stdout.len()
}

/// Raw and gzip sizes of files in `dist`, computed once per file.
struct Sizes {
    dist: PathBuf,
    cache: HashMap<String, Option<(usize, usize)>>,
}

impl Sizes {
    fn get(&mut self, rel: &str) -> Option<(usize, usize)> {
        if let Some(v) = self.cache.get(rel) {
            return *v;
        }
        let v = std::fs::read(self.dist.join(rel))
            .ok()
            .map(|b| (b.len(), gzip_len(&b)));
        self.cache.insert(rel.to_string(), v);
        v
    }
}

/// The file under `dist` that a URL of the page names (`index.html` for the app's routes).
fn dist_file(base: &str, url: &str) -> String {
    let path = url.strip_prefix(base).unwrap_or(url);
    let path = path.split(['?', '#']).next().unwrap_or("");
    let path = path.trim_start_matches('/');
    let last = path.rsplit('/').next().unwrap_or("");
    if path.is_empty() || !last.contains('.') {
        "index.html".into()
    } else {
        path.to_string()
    }
}

/// PSS and RSS (bytes) of the largest Chromium renderer below this process (our chromedriver's).
fn renderer_memory() -> Option<(u64, u64)> {
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    for entry in std::fs::read_dir("/proc").ok()?.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // "pid (comm) state ppid …": comm may hold spaces and parentheses.
        let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else {
            continue;
        };
        if let Some(ppid) = rest.split_whitespace().nth(1).and_then(|p| p.parse().ok()) {
            children.entry(ppid).or_default().push(pid);
        }
    }
    let mut stack = vec![std::process::id()];
    let mut best: Option<(u64, u64)> = None;
    while let Some(pid) = stack.pop() {
        if let Some(c) = children.get(&pid) {
            stack.extend(c);
        }
        let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        if !String::from_utf8_lossy(&cmdline).contains("--type=renderer") {
            continue;
        }
        let field = |file: &str, key: &str| -> Option<u64> {
            let text = std::fs::read_to_string(format!("/proc/{pid}/{file}")).ok()?;
            let line = text.lines().find(|l| l.starts_with(key))?;
            line.split_whitespace()
                .nth(1)?
                .parse::<u64>()
                .ok()
                .map(|kb| kb * 1024)
        };
        let pss = field("smaps_rollup", "Pss:");
        let rss = field("status", "VmRSS:");
        if let (Some(pss), Some(rss)) = (pss, rss) {
            if best.is_none_or(|(p, _)| pss > p) {
                best = Some((pss, rss));
            }
        }
    }
    best
}

// ---------------------------------------------------------------------------------------------
// Probes: buurten with room around a point, computed from the served data (not by the app)

struct Probe {
    name: String,
    world: (f64, f64),
}

fn probes(dist: &Path, n: usize, margin_km: f64) -> Vec<Probe> {
    let (index, shapes) = support::places::shapes_in(&dist.join("data"), "buurt");
    let mut by_size: Vec<usize> = (0..shapes.len()).collect();
    let areas: Vec<f64> = (0..shapes.len())
        .map(|i| shapes.geometry(i).unsigned_area())
        .collect();
    by_size.sort_by(|&a, &b| areas[b].total_cmp(&areas[a]));
    let mut out: Vec<Probe> = Vec::new();
    for i in by_size {
        let s = &shapes.shapes[i];
        let Some(row) = s.row else { continue };
        let Some(world) = support::places::inner_point(&shapes, i, margin_km) else {
            continue;
        };
        let name = index.names[row].clone();
        // A name seen already would not prove that the tooltip changed (`inner_point` already
        // skips points under another shape, which would show another name).
        if out.iter().any(|o| o.name == name) {
            continue;
        }
        out.push(Probe { name, world });
        if out.len() == n {
            break;
        }
    }
    out
}

/// The indicators the recolour test switches to: (same table as the first view's, another table).
struct Switches {
    same: String,
    other: String,
}

fn switches(dist: &Path) -> Switches {
    let path = dist.join("data").join("manifest.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let m: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let at_buurt: Vec<(&str, &str)> = m["indicators"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|i| {
            i["levels"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|l| l["level"] == "buurt")
        })
        .filter_map(|i| Some((i["id"].as_str()?, i["group"].as_str()?)))
        .collect();
    let group = at_buurt
        .iter()
        .find(|(id, _)| *id == FIRST_INDICATOR)
        .map(|(_, g)| *g)
        .unwrap_or_else(|| {
            panic!(
                "{FIRST_INDICATOR} is not a buurt indicator in {}",
                path.display()
            )
        });
    let same = at_buurt
        .iter()
        .find(|(id, g)| *g == group && *id != FIRST_INDICATOR)
        .unwrap_or_else(|| {
            panic!(
                "no second buurt indicator of group {group} in {}",
                path.display()
            )
        });
    let others: Vec<&(&str, &str)> = at_buurt.iter().filter(|(_, g)| *g != group).collect();
    let other = others
        .iter()
        .find(|(id, _)| *id == FETCH_INDICATOR)
        .or(others.first())
        .unwrap_or_else(|| {
            panic!(
                "no buurt indicator outside group {group} in {}",
                path.display()
            )
        });
    Switches {
        same: same.0.to_string(),
        other: other.0.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// In-page helpers

/// Polls `script` (a function body returning a value) until it returns something other than
/// `null`/`false`; gives up after [`WAIT`].
async fn poll(b: &Browser, what: &str, script: &str) -> Value {
    let start = Instant::now();
    loop {
        let v: Value = b.js(script).await;
        if !v.is_null() && v != Value::Bool(false) {
            return v;
        }
        if start.elapsed() > WAIT {
            panic!("benchmark: timed out waiting for {what}");
        }
        tokio::time::sleep(Duration::from_millis(15)).await;
    }
}

async fn mouse(b: &Browser, kind: &str, x: f64, y: f64, extra: Value) {
    let mut params = json!({ "type": kind, "x": x, "y": y });
    if let (Some(p), Some(e)) = (params.as_object_mut(), extra.as_object()) {
        p.extend(e.clone());
    }
    b.cdp("Input.dispatchMouseEvent", params).await;
}

/// The map's drawn view and its offset in the page.
async fn view(b: &Browser) -> (Viewport, (f64, f64)) {
    let v: (f64, f64, f64, f64, f64, f64, f64) = b
        .js("const e = document.querySelector('.map-canvas'); const r = e.getBoundingClientRect();
             return [r.left, r.top, r.width, r.height, +e.dataset.scale, +e.dataset.cx, +e.dataset.cy];")
        .await;
    (
        Viewport {
            width: v.2,
            height: v.3,
            scale: v.4,
            cx: v.5,
            cy: v.6,
        },
        (v.0, v.1),
    )
}

// Captures the app's wasm memory: trunk's loader announces the instance's exports.
const INIT_SCRIPT: &str = "addEventListener('TrunkApplicationStarted', e => {
    try { window.__benchWasmMemory = e.detail.wasm.memory; } catch (_) {}
});
window.__longTasks = [];
window.__longFrames = [];
try {
    new PerformanceObserver(l => { for (const e of l.getEntries()) window.__longTasks.push([e.startTime, e.duration]); })
        .observe({ type: 'longtask', buffered: true });
    new PerformanceObserver(l => { for (const e of l.getEntries()) window.__longFrames.push(e); })
        .observe({ type: 'long-animation-frame', buffered: true });
} catch (_) {}";

/// The interactions whose longest main-thread task is measured (issue 20): (label, how).
const INTERACTIONS: [(&str, Interaction); 9] = [
    (
        "indicator → woz",
        Interaction::Select("#indicator-picker", "woz"),
    ),
    (
        "indicator → class",
        Interaction::Select("#indicator-picker", "lbm_klasse"),
    ),
    (
        "level → wijken",
        Interaction::Select("#level-switch", "wijk"),
    ),
    (
        "level → buurten",
        Interaction::Select("#level-switch", "buurt"),
    ),
    ("view → tenure", Interaction::Select("#view-picker", "huur")),
    (
        "view → standard",
        Interaction::Select("#view-picker", "standaard"),
    ),
    ("select a buurt", Interaction::ClickProbe),
    ("resize → 1024×768", Interaction::Resize(1024, 768)),
    ("resize → 1280×800", Interaction::Resize(1280, 800)),
];

/// One interaction of [`INTERACTIONS`].
#[derive(Clone, Copy)]
enum Interaction {
    /// Choose a value in a `<select>`.
    Select(&'static str, &'static str),
    /// Click the first probe (selects its buurt).
    ClickProbe,
    /// Resize the window (CSS px).
    Resize(u32, u32),
}

/// Runs `what` and returns the longest main-thread task (`longtask` entries, ≥ 50 ms) that
/// started from just before it until 1,5 s after (0 if none), and where the time of the
/// longest animation frame in that window went (empty if none was long). Resizes keep the
/// device pixel ratio `dpr`.
async fn longest_task(b: &Browser, probe: &Probe, what: Interaction, dpr: f64) -> (f64, String) {
    let t0: f64 = b.js("return performance.now();").await;
    match what {
        Interaction::Select(css, value) => {
            let el = b.wait_for(css).await;
            el.select_by_value(value)
                .await
                .unwrap_or_else(|e| panic!("choosing {value} in {css}: {e}"));
        }
        Interaction::ClickProbe => {
            let (vp, (ox, oy)) = view(b).await;
            let (x, y) = vp.to_screen(probe.world.0, probe.world.1);
            let left = json!({ "button": "left", "buttons": 1, "clickCount": 1 });
            mouse(b, "mouseMoved", ox + x, oy + y, json!({})).await;
            mouse(b, "mousePressed", ox + x, oy + y, left.clone()).await;
            mouse(b, "mouseReleased", ox + x, oy + y, left).await;
        }
        Interaction::Resize(w, h) => {
            b.cdp(
                "Emulation.setDeviceMetricsOverride",
                json!({ "width": w, "height": h, "deviceScaleFactor": dpr, "mobile": false }),
            )
            .await;
        }
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let (ms, frame) = long_since(b, t0).await;
    if ms > 0.0 && std::env::var_os("BENCH_DRAW_MARKS").is_some() {
        // Where the time went: the app's marks and the long tasks, since the interaction.
        /// (name, ms since the interaction) of each mark; (start, duration) of each long task.
        type Seen = (Vec<(String, f64)>, Vec<(f64, f64)>);
        let (marks, tasks): Seen = b
            .js(&format!(
                "return [performance.getEntriesByType('mark').filter(m => m.startTime >= {t0} && m.name.startsWith('buurtkaart:')).map(m => [m.name, m.startTime - {t0}]),
                         window.__longTasks.filter(t => t[0] >= {t0}).map(t => [t[0] - {t0}, t[1]])];"
            ))
            .await;
        let marks: Vec<String> = marks
            .iter()
            .map(|(n, t)| format!("{} @{t:.0}", n.trim_start_matches("buurtkaart:")))
            .collect();
        let tasks: Vec<String> = tasks
            .iter()
            .map(|(t, d)| format!("@{t:.0} {d:.0} ms"))
            .collect();
        println!("    marks: {}", marks.join(", "));
        println!("    long tasks: {}", tasks.join(", "));
    }
    (ms, frame)
}

/// The longest `longtask` that started at or after `t0` (0 if none), and the longest
/// animation frame since then, described (empty if none).
async fn long_since(b: &Browser, t0: f64) -> (f64, String) {
    let (ms, frame): (f64, Option<LongFrame>) = b
        .js(&format!(
            "const long = window.__longTasks.filter(t => t[0] >= {t0} - 1).reduce((m, t) => Math.max(m, t[1]), 0);
             const frames = (window.__longFrames || []).filter(e => e.startTime >= {t0} - 1);
             frames.sort((a, b) => b.duration - a.duration);
             const e = frames[0];
             return [long, e ? {LOAF_ROW} : null];"
        ))
        .await;
    (
        ms,
        frame.map(|f| describe_long_frame(&f)).unwrap_or_default(),
    )
}

/// Runs `list` one after the other, prints the longest task of each (and where the longest
/// frame's time went, when one was long) and returns them.
async fn interactions(
    b: &Browser,
    probe: &Probe,
    list: &[(&str, Interaction)],
    dpr: f64,
) -> Vec<f64> {
    let mut out = Vec::new();
    let mut line = Vec::new();
    for &(label, what) in list {
        let (ms, frame) = longest_task(b, probe, what, dpr).await;
        out.push(ms);
        line.push(format!("{label} {ms:.0}"));
        if ms > 0.0 {
            let frame = if frame.is_empty() {
                "none ≥ 50 ms (the long task was outside animation frames' scripts)".to_string()
            } else {
                frame
            };
            println!("  {label}: longest frame {frame}");
        }
    }
    println!(
        "  longest task per interaction (ms, 0 = none ≥ 50): {}",
        line.join(" · ")
    );
    out
}

/// Waits until the map has built its area-per-pixel map (`data-ids-ms`) after the full draw,
/// up to `limit`; returns its build time, if it was built.
async fn ids_built(b: &Browser, limit: Duration) -> Option<f64> {
    let start = Instant::now();
    while start.elapsed() < limit {
        let v: Option<f64> = b
            .js("const d = document.querySelector('.map-canvas').dataset; return d.idsMs === undefined || d.drawKind !== 'full' ? null : parseFloat(d.idsMs);")
            .await;
        if v.is_some() {
            return v;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    None
}

const WATCH_DRAWS: &str = "
    const el = document.querySelector('.map-canvas');
    const st = { t0: null, draws: [], painted: [] };
    const onChange = e => {
        if (st.t0 === null && e.target && e.target.id === 'indicator-picker') st.t0 = e.timeStamp;
    };
    document.addEventListener('change', onChange, true);
    const mo = new MutationObserver(() => {
        st.draws.push([performance.now(), parseFloat(el.dataset.drawMs), el.dataset.drawKind || 'full']);
        requestAnimationFrame(() => setTimeout(() => st.painted.push(performance.now()), 0));
    });
    mo.observe(el, { attributes: true, attributeFilter: ['data-draw-ms'] });
    st.stop = () => { document.removeEventListener('change', onChange, true); mo.disconnect(); };
    window.__benchRecolour = st;
    return true;";

/// What one indicator change drew.
struct Recolour {
    /// Change → the first frame in the new colours painted.
    first_ms: f64,
    /// Change → the last draw painted (the anti-aliased one).
    last_ms: f64,
    /// Duration of each full draw (data-draw-ms).
    full_ms: Vec<f64>,
    /// Duration of each quick recolour from the area-per-pixel map.
    quick_ms: Vec<f64>,
}

/// Chooses `indicator` in the picker and returns what it drew, when.
async fn recolour(b: &Browser, indicator: &str) -> Recolour {
    b.js::<bool>(WATCH_DRAWS).await;
    let picker = b.wait_for("#indicator-picker").await;
    picker
        .select_by_value(indicator)
        .await
        .unwrap_or_else(|e| panic!("choosing {indicator} in #indicator-picker failed: {e}"));
    poll(
        b,
        "the first draw after the indicator change",
        "return window.__benchRecolour.painted.length > 0;",
    )
    .await;
    // Let any further draws of the same change come in (they count: the user sees the last).
    let mut seen = 0;
    loop {
        tokio::time::sleep(Duration::from_millis(400)).await;
        let n: usize = b.js("const s = window.__benchRecolour; return s.painted.length === s.draws.length ? s.draws.length : 0;").await;
        if n != 0 && n == seen {
            break;
        }
        seen = n;
    }
    /// Change time, (time, ms, kind) of each draw, paint time of each draw, the URL query.
    type Seen = (Option<f64>, Vec<(f64, f64, String)>, Vec<f64>, String);
    let r: Seen = b
        .js("const s = window.__benchRecolour; s.stop();
             return [s.t0, s.draws, s.painted, location.search];")
        .await;
    let t0 =
        r.0.unwrap_or_else(|| panic!("no change event seen for {indicator}"));
    let want = if indicator == FIRST_INDICATOR {
        String::new()
    } else {
        format!("indicator={indicator}")
    };
    assert!(
        r.3.contains(&want),
        "after choosing {indicator} the URL query is {:?}",
        r.3
    );
    let first = r.2.iter().copied().fold(f64::NAN, f64::min);
    let last = r.2.iter().copied().fold(f64::NAN, f64::max);
    let of = |kind: &str| -> Vec<f64> { r.1.iter().filter(|d| d.2 == kind).map(|d| d.1).collect() };
    let full_ms = of("full");
    Recolour {
        first_ms: first - t0,
        last_ms: last - t0,
        full_ms,
        quick_ms: of("quick"),
    }
}

/// Hovers `probe` from outside the map; returns (event → tooltip in DOM, event → painted).
async fn hover(b: &Browser, probe: &Probe) -> (f64, f64) {
    // Start from outside the map, with no tooltip.
    mouse(b, "mouseMoved", 2.0, 2.0, json!({})).await;
    poll(
        b,
        "the tooltip to go away",
        "return !document.querySelector('.tooltip');",
    )
    .await;
    let (vp, (ox, oy)) = view(b).await;
    let (sx, sy) = vp.to_screen(probe.world.0, probe.world.1);
    let script = format!(
        "const want = {};
         const st = {{ t0: null, dom: null, painted: null }};
         const onMove = e => {{
             if (st.t0 === null && e.target.classList && e.target.classList.contains('map-overlay')) st.t0 = e.timeStamp;
         }};
         addEventListener('pointermove', onMove, true);
         const mo = new MutationObserver(() => {{
             const n = document.querySelector('.tooltip-name');
             if (st.dom !== null || !n || !n.textContent.includes(want)) return;
             st.dom = performance.now();
             mo.disconnect();
             removeEventListener('pointermove', onMove, true);
             requestAnimationFrame(() => setTimeout(() => {{ st.painted = performance.now(); }}, 0));
         }});
         mo.observe(document.body, {{ childList: true, subtree: true, characterData: true }});
         window.__benchHover = st;
         return true;",
        json!(probe.name)
    );
    b.js::<bool>(&script).await;
    mouse(b, "mouseMoved", ox + sx, oy + sy, json!({})).await;
    let what = format!("the tooltip of {}", probe.name);
    poll(b, &what, "return window.__benchHover.painted !== null;").await;
    let (t0, dom, painted): (f64, f64, f64) = b
        .js("const s = window.__benchHover; return [s.t0, s.dom, s.painted];")
        .await;
    (dom - t0, painted - t0)
}

const WATCH_FRAMES: &str = "
    const st = { frames: [], inputs: [], draws: [], long: [], on: true };
    let po = null;
    try {
        po = new PerformanceObserver(l => l.getEntries().forEach(e => st.long.push(LOAF_ROW)));
        po.observe({ type: 'long-animation-frame' });
    } catch (_) {}
    // performance.now(), not the rAF timestamp: that is the frame's vsync time even when the
    // main thread reaches the frame late, which would hide a late frame.
    const loop = () => { st.frames.push(performance.now()); if (st.on) requestAnimationFrame(loop); };
    requestAnimationFrame(loop);
    const types = ['wheel', 'pointerdown', 'pointermove', 'pointerup'];
    const onInput = e => st.inputs.push([e.type, e.timeStamp, performance.now()]);
    types.forEach(t => addEventListener(t, onInput, true));
    const el = document.querySelector('.map-canvas');
    const mo = new MutationObserver(() => st.draws.push([performance.now(), parseFloat(el.dataset.drawMs)]));
    mo.observe(el, { attributes: true, attributeFilter: ['data-draw-ms'] });
    st.stop = () => { st.on = false; mo.disconnect(); if (po) po.disconnect(); types.forEach(t => removeEventListener(t, onInput, true)); };
    window.__benchFrames = st;
    return true;";

struct Gesture {
    draw_log: Vec<String>,
    long: Vec<LongFrame>,
    took: Duration,
    intervals: Vec<f64>,
    draws_during: Vec<f64>,
    draws_after: Vec<f64>,
}

/// A 20-step drag at the national view, 20 wheel steps in, 20 out; one step per 60 Hz frame
/// (or as fast as CDP delivers them, if slower).
async fn pan_zoom(b: &Browser) -> Gesture {
    let (vp, (ox, oy)) = view(b).await;
    let (mx, my) = (ox + vp.width / 2.0, oy + vp.height / 2.0);
    b.js::<bool>(&WATCH_FRAMES.replace("LOAF_ROW", LOAF_ROW))
        .await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let start = Instant::now();
    let left = json!({ "button": "left", "buttons": 1, "clickCount": 1 });
    for k in 0..GESTURE_STEPS {
        let due = start + STEP_INTERVAL * k as u32;
        tokio::time::sleep_until(tokio::time::Instant::from_std(due)).await;
        let third = GESTURE_STEPS / 3;
        if k < third {
            let x = mx - 190.0 + 20.0 * k as f64;
            if k == 0 {
                mouse(b, "mouseMoved", x, my, json!({})).await;
                mouse(b, "mousePressed", x, my, left.clone()).await;
            } else if k + 1 == third {
                mouse(
                    b,
                    "mouseReleased",
                    x,
                    my,
                    json!({ "button": "left", "buttons": 0, "clickCount": 1 }),
                )
                .await;
            } else {
                mouse(
                    b,
                    "mouseMoved",
                    x,
                    my,
                    json!({ "button": "left", "buttons": 1 }),
                )
                .await;
            }
        } else {
            let dy = if k < 2 * third { -50 } else { 50 };
            mouse(
                b,
                "mouseWheel",
                mx,
                my,
                json!({ "deltaX": 0, "deltaY": dy }),
            )
            .await;
        }
    }
    let took = start.elapsed();
    // Let the repaint after the gesture rests happen (it is reported apart).
    tokio::time::sleep(Duration::from_millis(800)).await;
    type FrameData = (
        Vec<f64>,
        Vec<(String, f64, f64)>,
        Vec<(f64, f64)>,
        Vec<LongFrame>,
    );
    let (frames, inputs, draws, long): FrameData = b
        .js("const s = window.__benchFrames; s.stop(); return [s.frames, s.inputs, s.draws, s.long];")
        .await;
    assert!(
        inputs.len() >= GESTURE_STEPS / 2,
        "only {} input events reached the page",
        inputs.len()
    );
    let first = inputs.iter().map(|i| i.2).fold(f64::INFINITY, f64::min);
    let last = inputs.iter().map(|i| i.2).fold(f64::NEG_INFINITY, f64::max);
    // Each full draw, with the input event handled last before it.
    let draw_log = draws
        .iter()
        .map(|d| {
            let before = inputs.iter().rev().find(|i| i.2 <= d.0);
            match before {
                Some(i) => format!(
                    "{:.0} ms at +{:.0} ms, {:.0} ms after a {}",
                    d.1,
                    d.0 - first,
                    d.0 - i.2,
                    i.0
                ),
                None => format!("{:.0} ms at +{:.0} ms", d.1, d.0 - first),
            }
        })
        .collect();
    // Frames that overlap the gesture: from the first input to the frame that shows the last.
    let intervals = frames
        .windows(2)
        .filter(|w| w[1] >= first && w[0] <= last)
        .map(|w| w[1] - w[0])
        .collect();
    Gesture {
        draw_log,
        long: long.into_iter().filter(|f| f.0 <= last).collect(),
        took,
        intervals,
        draws_during: draws
            .iter()
            .filter(|d| d.0 <= last + 50.0)
            .map(|d| d.1)
            .collect(),
        draws_after: draws
            .iter()
            .filter(|d| d.0 > last + 50.0)
            .map(|d| d.1)
            .collect(),
    }
}

// ---------------------------------------------------------------------------------------------
// One page load

struct FileRow {
    path: String,
    start: f64,
    end: f64,
    raw: usize,
    gzip: usize,
}

/// A long animation frame (Chromium's LoAF entry): start, duration, tasks before the rendering
/// update, its rAF callbacks, and its scripts (invoker, ms).
type LongFrame = (f64, f64, f64, f64, Vec<(String, f64)>);

/// Maps a LoAF entry `e` to a [`LongFrame`] (JavaScript expression).
const LOAF_ROW: &str = "[e.startTime, e.duration,
    (e.renderStart || e.startTime + e.duration) - e.startTime,
    e.renderStart ? (e.styleAndLayoutStart || e.renderStart) - e.renderStart : 0,
    (e.scripts || []).map(s => [s.invoker || s.name || '?', s.duration])]";

/// Long animation frames (≥ 50 ms) seen since navigation, up to `until` ms.
const LONG_FRAMES: &str = "
    return new Promise(resolve => {
        const out = [];
        try {
            const po = new PerformanceObserver(l => out.push(...l.getEntries()));
            po.observe({ type: 'long-animation-frame', buffered: true });
            setTimeout(() => {
                po.disconnect();
                resolve(out.map(e => LOAF_ROW));
            }, 100);
        } catch (_) { resolve([]); }
    });";

fn describe_long_frame(f: &LongFrame) -> String {
    let (start, dur, tasks, raf, scripts) = f;
    let mut scripts = scripts.clone();
    scripts.sort_by(|a, b| b.1.total_cmp(&a.1));
    let top: Vec<String> = scripts
        .iter()
        .take(3)
        .map(|(inv, d)| format!("{d:.0} ms {inv}"))
        .collect();
    format!(
        "at {start:>6.0} ms, {dur:>4.0} ms: tasks {tasks:.0} + rAF callbacks {raf:.0} + style/layout/paint {:.0} ms; {}",
        dur - tasks - raf,
        top.join(", ")
    )
}

struct Run {
    ready: f64,
    long_frames: Vec<LongFrame>,
    marks: Vec<(String, f64)>,
    files: Vec<FileRow>,
    duplicates: Vec<String>,
}

async fn start_browser(dist: &Path) -> Browser {
    let b = Browser::start_with(BrowserOptions {
        width: WIDTH,
        height: HEIGHT,
        dist: Some(dist.to_path_buf()),
        // BENCH_TILES=1: the background map on (the local stand-in tile server), to measure
        // pan/zoom frames with tiles; by default no online service, as offline.
        config: if std::env::var_os("BENCH_TILES").is_some_and(|v| v == "1") {
            support::stand_in::config()
        } else {
            "{}".to_string()
        },
        ..Default::default()
    })
    .await;
    // A new profile has an empty cache already; this makes sure nothing is cached within the run.
    b.cdp("Network.enable", json!({})).await;
    b.cdp("Network.setCacheDisabled", json!({ "cacheDisabled": true }))
        .await;
    b.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": INIT_SCRIPT }),
    )
    .await;
    b
}

async fn load_national_view(b: &Browser) {
    b.server.clear_requests();
    b.goto("/").await;
    b.wait_for_mark("choropleth-ready").await;
}

async fn one_run(
    n: usize,
    dist: &Path,
    probes: &[Probe],
    sw: &Switches,
    sizes: &mut Sizes,
    res: &mut Results,
    m: &mut Machine,
) -> Run {
    let b = start_browser(dist).await;
    if m.chromium.is_empty() {
        let ua: String = b.js("return navigator.userAgent;").await;
        m.chromium = ua
            .split_whitespace()
            .find(|p| p.contains("Chrome/"))
            .unwrap_or(&ua)
            .to_string();
    }
    load_national_view(&b).await;
    let log_at_ready = b.requests();

    // 1. Time to the first national view, and its stages.
    type Load = (
        f64,
        Vec<(String, f64)>,
        Vec<(String, f64, f64)>,
        String,
        String,
    );
    let (ready, marks, entries, level, draw_ms): Load = b
        .js("const ready = performance.getEntriesByName('choropleth-ready', 'mark')[0].startTime;
             const nav = performance.getEntriesByType('navigation')[0];
             const marks = performance.getEntriesByType('mark').map(m => [m.name, m.startTime]);
             const files = [[nav.name, 0, nav.responseEnd]].concat(performance.getEntriesByType('resource')
                 .filter(r => r.startTime <= ready).map(r => [r.name, r.startTime, r.responseEnd]));
             const el = document.querySelector('.map-canvas');
             return [ready, marks, files, el.dataset.level || '', (el.dataset.drawKind || 'full') + ' ' + (el.dataset.drawMs || '')];")
        .await;
    assert_eq!(level, "buurt", "the first view should show buurten");
    let long_frames: Vec<LongFrame> = b
        .js::<Vec<LongFrame>>(&LONG_FRAMES.replace("LOAF_ROW", LOAF_ROW))
        .await
        .into_iter()
        .filter(|f| f.0 <= ready)
        .collect();
    res.add("ready_ms", ready);
    // The load's long tasks (issue 16 item 2: none over 50 ms), as the phone profile counts them.
    let (load_longest, load_tbt): (f64, f64) = b
        .js(&format!(
            "const long = window.__longTasks.filter(t => t[0] <= {ready});
             return [long.reduce((m, t) => Math.max(m, t[1]), 0),
                     long.reduce((s, t) => s + Math.max(0, t[1] - 50), 0)];"
        ))
        .await;
    res.add("load_longest_task_ms", load_longest);
    res.add("load_tbt_ms", load_tbt);
    // The draw on screen when asked (the first paint, or already the full draw after it).
    let (kind, draw_ms) = draw_ms.split_once(' ').unwrap_or(("full", ""));
    let draw_ms: f64 = draw_ms.parse().unwrap_or(f64::NAN);
    if kind == "full" {
        res.add("full_draw_ms", draw_ms);
    } else {
        res.add("first_draw_ms", draw_ms);
    }

    // 2. Bytes of the first view.
    let mut files = Vec::new();
    for (url, start, end) in entries {
        let path = dist_file(&b.base, &url);
        let (raw, gzip) = sizes.get(&path).unwrap_or((0, 0));
        files.push(FileRow {
            path,
            start,
            end,
            raw,
            gzip,
        });
    }
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for r in log_at_ready.iter().filter(|r| r.status == 200) {
        *count
            .entry(r.path.split('?').next().unwrap_or(""))
            .or_default() += 1;
    }
    let duplicates: Vec<String> = count
        .iter()
        .filter(|(_, &c)| c > 1)
        .map(|(p, c)| format!("{p} ×{c}"))
        .collect();
    let data = |f: &&FileRow| f.path.starts_with("data/");
    res.add(
        "first_view_data_gzip",
        files.iter().filter(data).map(|f| f.gzip as f64).sum(),
    );
    res.add(
        "first_view_data_raw",
        files.iter().filter(data).map(|f| f.raw as f64).sum(),
    );
    res.add(
        "first_view_app_gzip",
        files
            .iter()
            .filter(|f| !data(f))
            .map(|f| f.gzip as f64)
            .sum(),
    );
    res.add("first_view_gzip", files.iter().map(|f| f.gzip as f64).sum());
    res.add("first_view_raw", files.iter().map(|f| f.raw as f64).sum());
    res.add("first_view_requests", files.len() as f64);
    res.add("duplicate_downloads", duplicates.len() as f64);

    // 3. Memory once the page has stopped loading, after a full GC.
    let mut last = usize::MAX;
    let quiet = Instant::now();
    loop {
        let n: usize = b
            .js("return performance.getEntriesByType('resource').length;")
            .await;
        if n == last || quiet.elapsed() > Duration::from_secs(10) {
            break;
        }
        last = n;
        tokio::time::sleep(Duration::from_millis(1000)).await;
    }
    b.cdp("HeapProfiler.collectGarbage", json!({})).await;
    let heap = b.cdp("Runtime.getHeapUsage", json!({})).await;
    let js_heap = heap["usedSize"].as_f64().unwrap_or(f64::NAN);
    let blink_heap = heap["embedderHeapUsedSize"].as_f64().unwrap_or(0.0);
    let wasm: f64 = b
        .js::<Option<f64>>(
            "const m = window.__benchWasmMemory; return m ? m.buffer.byteLength : null;",
        )
        .await
        .unwrap_or(f64::NAN);
    res.add("js_heap", js_heap);
    res.add("blink_heap", blink_heap);
    res.add("wasm_memory", wasm);
    res.add("memory_total", js_heap + blink_heap + wasm);
    if let Some((pss, _rss)) = renderer_memory() {
        res.add("renderer_pss", pss as f64);
    }

    // 4. Hover.
    let mut hovers = Vec::new();
    for p in probes {
        let (dom, painted) = hover(&b, p).await;
        res.add("hover_dom_ms", dom);
        res.add("hover_ms", painted);
        hovers.push(painted);
    }
    mouse(&b, "mouseMoved", 2.0, 2.0, json!({})).await;

    // 5. Recolour (same table, there and back), then a switch that needs another table.
    // The area-per-pixel map a quick recolour paints from (built with the first paint, or once
    // the map has rested after a full draw) and the anti-aliased draw after the first paint;
    // a person takes longer than that to reach the picker.
    let ids_ms: f64 = poll(
        &b,
        "the area-per-pixel map (data-ids-ms)",
        "const d = document.querySelector('.map-canvas').dataset; return d.idsMs === undefined || d.drawKind !== 'full' ? null : parseFloat(d.idsMs);",
    )
    .await
    .as_f64()
    .unwrap_or(f64::NAN);
    res.add("ids_build_ms", ids_ms);
    let mut recolours = Vec::new();
    for ind in [sw.same.as_str(), FIRST_INDICATOR] {
        let r = recolour(&b, ind).await;
        res.add("recolour_ms", r.first_ms);
        res.add("recolour_refined_ms", r.last_ms);
        r.quick_ms
            .iter()
            .for_each(|d| res.add("recolour_quick_ms", *d));
        res.add("recolour_draws", r.full_ms.len() as f64);
        res.add("recolour_draw_ms", r.full_ms.iter().sum());
        r.full_ms.iter().for_each(|d| res.add("full_draw_ms", *d));
        recolours.push(r.first_ms);
    }
    let r = recolour(&b, &sw.other).await;
    let fetch_ms = r.first_ms;
    res.add("switch_fetch_ms", fetch_ms);
    r.full_ms.iter().for_each(|d| res.add("full_draw_ms", *d));

    // 6. Pan and zoom.
    let g = pan_zoom(&b).await;
    let frame_med = median(&g.intervals);
    let frame_max = g.intervals.iter().copied().fold(f64::NAN, f64::max);
    res.add("frame_median_ms", frame_med);
    res.add("frame_worst_ms", frame_max);
    res.add(
        "frames_over_50",
        g.intervals.iter().filter(|&&i| i > 50.0).count() as f64,
    );
    g.draws_during
        .iter()
        .chain(&g.draws_after)
        .for_each(|d| res.add("full_draw_ms", *d));

    // 7. The longest main-thread task of each interaction (issue 20: target ≤ 50 ms).
    for ms in interactions(&b, &probes[0], &INTERACTIONS, 1.0).await {
        res.add("interaction_longest_task_ms", ms);
    }

    let errors = b.console_errors().await;
    b.close().await;
    println!(
        "run {n}: ready {ready:.0} ms · hover {} ms · recolour {} ms · {} {fetch_ms:.0} ms · frames median {frame_med:.1} / worst {frame_max:.0} ms ({} frames, {} steps in {} ms, {} full draws during, {} after) · heap {:.1} MB + wasm {:.1} MB{}",
        hovers.iter().map(|h| format!("{h:.1}")).collect::<Vec<_>>().join("/"),
        recolours.iter().map(|h| format!("{h:.0}")).collect::<Vec<_>>().join("/"),
        sw.other,
        g.intervals.len(),
        GESTURE_STEPS,
        g.took.as_millis(),
        g.draws_during.len(),
        g.draws_after.len(),
        (js_heap + blink_heap) / 1e6,
        wasm / 1e6,
        if duplicates.is_empty() { String::new() } else { format!(" · downloaded twice: {}", duplicates.join(", ")) },
    );
    println!(
        "  full draws in the pan/zoom test: {}",
        g.draw_log.join("; ")
    );
    for f in &g.long {
        println!(
            "  long frame while panning/zooming: {}",
            describe_long_frame(f)
        );
    }
    if !errors.is_empty() {
        println!("  browser errors: {errors:?}");
    }
    Run {
        ready,
        long_frames,
        marks,
        files,
        duplicates,
    }
}

// ---------------------------------------------------------------------------------------------
// CPU profile of one load

async fn cpu_profile(dist: &Path, out: &Path) {
    let b = start_browser(dist).await;
    // Open a page of the same origin first, so that the profiler runs in the renderer that
    // will load the app.
    b.goto("/bench-blank.txt").await;
    b.cdp("Profiler.enable", json!({})).await;
    b.cdp("Profiler.setSamplingInterval", json!({ "interval": 200 }))
        .await;
    b.cdp("Profiler.start", json!({})).await;
    load_national_view(&b).await;
    let ready: f64 = b
        .js("return performance.getEntriesByName('choropleth-ready', 'mark')[0].startTime;")
        .await;
    let result = b.cdp("Profiler.stop", json!({})).await;
    b.close().await;
    let profile = &result["profile"];
    std::fs::write(out, profile.to_string()).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
    println!(
        "CPU profile of one load (ready after {ready:.0} ms, under the profiler) → {}",
        out.display()
    );
    print_profile_summary(profile);
    println!();
}

fn print_profile_summary(profile: &Value) {
    let nodes = profile["nodes"].as_array().cloned().unwrap_or_default();
    let samples = profile["samples"].as_array().cloned().unwrap_or_default();
    let deltas = profile["timeDeltas"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut self_us: HashMap<u64, f64> = HashMap::new();
    // A sample's time is the delta to the next sample.
    for (i, s) in samples.iter().enumerate() {
        let dt = deltas.get(i + 1).and_then(Value::as_f64).unwrap_or(0.0);
        *self_us.entry(s.as_u64().unwrap_or(0)).or_default() += dt;
    }
    let mut by_fn: HashMap<String, f64> = HashMap::new();
    let mut total = 0.0;
    for n in &nodes {
        let id = n["id"].as_u64().unwrap_or(0);
        let t = self_us.get(&id).copied().unwrap_or(0.0);
        total += t;
        let f = &n["callFrame"];
        let name = f["functionName"].as_str().unwrap_or("");
        let url = f["url"].as_str().unwrap_or("");
        let file = url.rsplit('/').next().unwrap_or("");
        let key = match (name.is_empty(), file.is_empty()) {
            (true, true) => "(anonymous)".to_string(),
            (true, false) => format!("(anonymous) {file}"),
            (false, true) => name.to_string(),
            (false, false) => format!("{name}  {file}"),
        };
        *by_fn.entry(key).or_default() += t;
    }
    let mut rows: Vec<(String, f64)> = by_fn.into_iter().collect();
    rows.sort_by(|a, b| b.1.total_cmp(&a.1));
    println!("  self time, top 25 (of {:.0} ms sampled):", total / 1e3);
    for (name, us) in rows.iter().take(25) {
        let name: String = name.chars().take(90).collect();
        println!(
            "  {:>8.1} ms {:>5.1}%  {name}",
            us / 1e3,
            100.0 * us / total.max(1.0)
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Report

fn print_table(res: &Results) {
    println!(
        "{:<64} {:>10} {:>10} {:>10} {:>11}  result",
        "metric", "min", "median", "max", "target"
    );
    println!("{}", "-".repeat(116));
    for d in DEFS {
        let Some(s) = res.samples.get(d.id).and_then(|v| stats(v)) else {
            continue;
        };
        let target = d
            .target
            .map(|t| format!("≤ {}", fmt_value(d.unit, t)))
            .unwrap_or_default();
        let verdict = match d.target {
            Some(t) if s.median <= t => "PASS",
            Some(_) => "MISS",
            None => "",
        };
        let label = if s.n > 1 {
            format!("{} (n={})", d.label, s.n)
        } else {
            d.label.to_string()
        };
        println!(
            "{:<64} {:>10} {:>10} {:>10} {:>11}  {verdict}",
            label,
            fmt_value(d.unit, s.min),
            fmt_value(d.unit, s.median),
            fmt_value(d.unit, s.max),
            target
        );
    }
}

fn print_breakdown(run: &Run) {
    println!(
        "Where the time goes (the median run, ready after {:.0} ms):",
        run.ready
    );
    let mut prev = 0.0;
    for (name, t) in &run.marks {
        // Data files by their logical names (content hashes left out).
        println!(
            "  {t:>7.1} ms  (+{:>6.1})  {}",
            t - prev,
            logical_name(name)
        );
        prev = *t;
    }
    if !run.long_frames.is_empty() {
        println!("Long animation frames until ready (the median run):");
        for f in &run.long_frames {
            println!("  {}", describe_long_frame(f));
        }
    }
    println!("Files until ready (the median run):");
    println!(
        "  {:>7} – {:>7} ms  {:>10} {:>10}  file",
        "start", "end", "raw", "gzip -6"
    );
    for f in &run.files {
        println!(
            "  {:>7.0} – {:>7.0} ms  {:>10} {:>10}  {}",
            f.start,
            f.end,
            f.raw,
            f.gzip,
            logical_name(&f.path)
        );
    }
    if !run.duplicates.is_empty() {
        println!("  downloaded more than once: {}", run.duplicates.join(", "));
    }
}

fn to_json(
    res: &Results,
    m: &Machine,
    commit: &(String, bool),
    runs: usize,
    setup: (&[Probe], &Switches),
    median_run: &Run,
) -> Value {
    let metrics: serde_json::Map<String, Value> = DEFS
        .iter()
        .filter_map(|d| {
            let v = res.samples.get(d.id)?;
            let s = stats(v)?;
            let unit = match d.unit {
                Unit::Ms => "ms",
                Unit::Bytes => "bytes",
                Unit::Count => "count",
            };
            Some((
                d.id.to_string(),
                json!({
                    "label": d.label.trim(), "unit": unit, "n": s.n,
                    "min": s.min, "median": s.median, "max": s.max, "samples": v,
                    "target": d.target, "pass": d.target.map(|t| s.median <= t),
                }),
            ))
        })
        .collect();
    let unix = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    json!({
        "schema": "buurtkaart-bench/1",
        "commit": commit.0, "dirty": commit.1, "unix_time": unix,
        "machine": { "cpu": m.cpu, "cores": m.cores, "loadavg": m.load, "chromium": m.chromium },
        "runs": runs, "viewport": [WIDTH, HEIGHT],
        "hovered": setup.0.iter().map(|p| p.name.clone()).collect::<Vec<_>>(),
        "indicators": { "first": FIRST_INDICATOR, "same_table": setup.1.same, "other_table": setup.1.other },
        "metrics": metrics,
        "median_run": {
            "ready_ms": median_run.ready,
            "marks": median_run.marks.iter().map(|(n, t)| json!([n, t])).collect::<Vec<_>>(),
            "files": median_run.files.iter().map(|f| json!({
                "path": f.path, "start_ms": f.start, "end_ms": f.end, "raw": f.raw, "gzip": f.gzip,
            })).collect::<Vec<_>>(),
        },
    })
}

fn print_comparison(old: &Value, res: &Results) {
    println!(
        "Compared with {} ({} runs on {} ×{}, load {}):",
        old["commit"].as_str().unwrap_or("?"),
        old["runs"],
        old["machine"]["cpu"].as_str().unwrap_or("?"),
        old["machine"]["cores"],
        old["machine"]["loadavg"].as_str().unwrap_or("?"),
    );
    for d in DEFS {
        let (Some(new), Some(was)) = (
            res.samples.get(d.id).and_then(|v| stats(v)),
            old["metrics"][d.id]["median"].as_f64(),
        ) else {
            continue;
        };
        let change = if was != 0.0 {
            format!("{:+.0}%", 100.0 * (new.median - was) / was)
        } else {
            String::new()
        };
        println!(
            "  {:<64} {:>10} → {:>10}  {change}",
            d.label,
            fmt_value(d.unit, was),
            fmt_value(d.unit, new.median)
        );
    }
}

#[tokio::main]
async fn main() {
    let args = parse_args();
    let dist = support::dist_dir();
    if !dist.join("index.html").is_file() {
        eprintln!(
            "{}/index.html is missing: build first (trunk build --release), or use ./scripts/bench",
            dist.display()
        );
        std::process::exit(1);
    }
    let dist = dist.canonicalize().unwrap_or(dist);
    if args.lighthouse == Some(true) {
        lighthouse::lighthouse_section(&dist, args.runs.min(3));
        return;
    }
    if args.phone_only {
        phone::phone_section(&dist, args.runs.min(3), detail_threshold(&dist)).await;
        return;
    }
    // The commit of the sources the build came from: scripts/bench says which tree it built;
    // otherwise the tree around the dist folder (the repository for the default dist/).
    let source = std::env::var_os("BUURTKAART_SOURCE")
        .map(PathBuf::from)
        .unwrap_or_else(|| dist.parent().unwrap_or(&dist).to_path_buf());
    let commit = commit(&source);
    let mut m = machine();
    let load_before = m.load.clone();

    println!(
        "Buurtkaart browser benchmark: {} fresh page loads of the national buurt view",
        args.runs
    );
    println!("  dist: {}", dist.display());
    let started = Instant::now();
    let probes = probes(&dist, HOVERS_PER_RUN, 2.5);
    assert!(
        !probes.is_empty(),
        "no buurt to hover found in {}",
        dist.display()
    );
    let sw = switches(&dist);
    println!(
        "  hover: {}; recolour: {FIRST_INDICATOR} → {} → {FIRST_INDICATOR}, then → {} (another table)",
        probes.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", "),
        sw.same,
        sw.other
    );

    let mut sizes = Sizes {
        dist: dist.clone(),
        cache: HashMap::new(),
    };
    let mut res = Results::default();
    let wasm = std::fs::read_dir(&dist).ok().and_then(|d| {
        d.flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == "wasm"))
    });
    if let Some(w) = &wasm {
        let rel = w
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        if let Some((raw, gz)) = sizes.get(&rel) {
            res.add("wasm_raw", raw as f64);
            res.add("wasm_gzip", gz as f64);
        }
    }

    if let Some(out) = &args.cpuprofile {
        cpu_profile(&dist, out).await;
    }
    if args.longtasks {
        println!("1280×800, the national buurt view:");
        let b = start_browser(&dist).await;
        load_national_view(&b).await;
        ids_built(&b, WAIT).await;
        interactions(&b, &probes[0], &INTERACTIONS, 1.0).await;
        b.close().await;
        fourk::fourk_section(&dist, &probes[0]).await;
        return;
    }

    let mut runs = Vec::new();
    for n in 1..=args.runs {
        runs.push(one_run(n, &dist, &probes, &sw, &mut sizes, &mut res, &mut m).await);
    }
    let load_after = loadavg();
    m.load = format!("{load_before} → {load_after}");

    let mut order: Vec<usize> = (0..runs.len()).collect();
    order.sort_by(|&a, &b| runs[a].ready.total_cmp(&runs[b].ready));
    let median_run = &runs[order[(order.len() - 1) / 2]];

    println!();
    println!(
        "Machine: {} ×{} cores, load average (1/5/15 min) {} · {} headless, {}×{} · commit {}{}",
        m.cpu,
        m.cores,
        m.load,
        m.chromium,
        WIDTH,
        HEIGHT,
        commit.0,
        if commit.1 { " (dirty)" } else { "" }
    );
    println!(
        "{} fresh page loads (new Chromium profile each, cache disabled) in {:.0} s; \
         KB/MB = 1000/1000² bytes; PASS/MISS compares the median with the target.",
        args.runs,
        started.elapsed().as_secs_f64()
    );
    let busy: f64 = load_before
        .split_whitespace()
        .next()
        .and_then(|l| l.parse().ok())
        .unwrap_or(0.0);
    if busy > 0.75 * m.cores as f64 {
        println!(
            "WARNING: the load average was {busy:.1} on {} cores when the benchmark started: other \
             work competed for the CPU, so the times are provisional (too high).",
            m.cores
        );
    }
    println!();
    print_table(&res);
    println!();
    print_breakdown(median_run);

    fourk::fourk_section(&dist, &probes[0]).await;
    phone::phone_section(&dist, args.runs.min(3), detail_threshold(&dist)).await;
    let lighthouse = (args.lighthouse != Some(false))
        .then(|| lighthouse::lighthouse_section(&dist, args.runs.min(3)))
        .flatten();

    if let Some(old) = &args.compare {
        let text =
            std::fs::read_to_string(old).unwrap_or_else(|e| panic!("{}: {e}", old.display()));
        let old: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", old.display()));
        println!();
        print_comparison(&old, &res);
    }
    if let Some(path) = &args.json {
        let mut v = to_json(&res, &m, &commit, args.runs, (&probes, &sw), median_run);
        if let Some(l) = lighthouse {
            v["lighthouse"] = l;
        }
        let text = serde_json::to_string_pretty(&v).expect("JSON");
        std::fs::write(path, text + "\n").unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        println!();
        println!("Results written to {}", path.display());
    }
}
