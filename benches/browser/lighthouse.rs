//! Lighthouse (issue 16): the release build served with gzip as a static host does, audited by
//! the `lighthouse` CLI (npm, installed into `.tools/` by `scripts/bench`) in the Debian
//! Chromium, with its mobile preset (the default: a mid-range phone on slow 4G, CPU 4× slower,
//! simulated) and its desktop preset. Prints the category scores and FCP, LCP, TBT and CLS.
use crate::support::server::StaticServer;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The Lighthouse categories printed, in order: (id in the report, column heading).
const CATEGORIES: [(&str, &str); 4] = [
    ("performance", "perf"),
    ("accessibility", "a11y"),
    ("best-practices", "best pr."),
    ("seo", "SEO"),
];

/// The metrics printed: (audit id, column heading, unit divisor: ms → s or 1).
const METRICS: [(&str, &str, f64); 5] = [
    ("first-contentful-paint", "FCP s", 1000.0),
    ("largest-contentful-paint", "LCP s", 1000.0),
    ("total-blocking-time", "TBT ms", 1.0),
    ("cumulative-layout-shift", "CLS", 1.0),
    ("max-potential-fid", "max FID ms", 1.0),
];

/// Chromium flags for a root user on a closed network (as the browser tests use).
const CHROME_FLAGS: &str =
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run \
     --disable-background-networking --disable-component-update --disable-sync \
     --disable-dev-shm-usage";

/// One Lighthouse report, reduced to what the table prints.
pub struct Report {
    /// Category scores 0–100 (`None`: not scored), in the order of `CATEGORIES`.
    pub scores: Vec<Option<f64>>,
    /// Metric values in the audit's unit (ms, or unitless for CLS), in the order of `METRICS`.
    pub metrics: Vec<Option<f64>>,
}

/// The `lighthouse` command: `$BUURTKAART_LIGHTHOUSE`, else `.tools/node_modules/.bin/lighthouse`.
fn command() -> Option<PathBuf> {
    std::env::var_os("BUURTKAART_LIGHTHOUSE")
        .map(PathBuf::from)
        .or_else(|| Some(crate::support::repo_root().join(".tools/node_modules/.bin/lighthouse")))
        .filter(|p| p.is_file())
}

/// The runs per page: (name, extra arguments). "mobile" is Lighthouse's default: slow 4G and a
/// 4× slower CPU *simulated* from an unthrottled load (its Lantern model); on this machine's
/// loopback server that model's LCP swings between about 1.8 and 6 s with the order in which the
/// image and the wasm happen to finish. "mobile-dt" applies the same throttling in the browser
/// and measures (`--throttling-method=devtools`), as the bench's own phone profile does.
const PRESETS: [(&str, &[&str]); 3] = [
    ("mobile", &[]),
    ("mobile-dt", &["--throttling-method=devtools"]),
    ("desktop", &["--preset=desktop"]),
];

/// Runs Lighthouse once on `url` with the extra arguments `args` of a preset.
fn run(lighthouse: &Path, url: &str, args: &[&str], out: &Path) -> Option<Report> {
    let mut cmd = Command::new(lighthouse);
    cmd.arg(url)
        .arg("--quiet")
        .arg("--output=json")
        .arg(format!("--output-path={}", out.display()))
        .arg("--only-categories=performance,accessibility,best-practices,seo")
        .arg(format!("--chrome-flags={CHROME_FLAGS}"))
        .env(
            "CHROME_PATH",
            std::env::var_os("CHROME_PATH").unwrap_or_else(|| "/usr/bin/chromium".into()),
        );
    cmd.args(args);
    match cmd.status() {
        Ok(s) if s.success() => {}
        Ok(s) => {
            eprintln!("lighthouse: {url} ended with {s}");
            return None;
        }
        Err(e) => {
            eprintln!("lighthouse: cannot run {}: {e}", lighthouse.display());
            return None;
        }
    }
    let report: Value = std::fs::read_to_string(out)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())?;
    if let Some(err) = report["runtimeError"]["message"].as_str() {
        eprintln!("lighthouse: {url}: {err}");
    }
    Some(Report {
        scores: CATEGORIES
            .iter()
            .map(|(id, _)| {
                report["categories"][id]["score"]
                    .as_f64()
                    .map(|s| s * 100.0)
            })
            .collect(),
        metrics: METRICS
            .iter()
            .map(|(id, _, _)| report["audits"][id]["numericValue"].as_f64())
            .collect(),
    })
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    v.sort_by(f64::total_cmp);
    (!v.is_empty()).then(|| v[(v.len() - 1) / 2])
}

/// The median of every score and metric over `reports`.
fn medians(reports: &[Report]) -> Report {
    let col = |f: &dyn Fn(&Report) -> Option<f64>| median(reports.iter().filter_map(f).collect());
    Report {
        scores: (0..CATEGORIES.len())
            .map(|i| col(&|r| r.scores[i]))
            .collect(),
        metrics: (0..METRICS.len()).map(|i| col(&|r| r.metrics[i])).collect(),
    }
}

/// Runs Lighthouse `runs` times per preset on `/` and prints the medians; returns them as JSON
/// (`{"mobile": {"runs", "scores", "metrics"}, "desktop": …}`, metrics in ms, CLS unitless), or
/// `None` when Lighthouse is not installed.
pub fn lighthouse_section(dist: &Path, runs: usize) -> Option<Value> {
    println!();
    let Some(lighthouse) = command() else {
        println!(
            "Lighthouse: skipped (not installed: ./scripts/bench installs it into .tools/, or set \
             BUURTKAART_LIGHTHOUSE)"
        );
        return None;
    };
    let server = StaticServer::start(dist, "/", Vec::new());
    server.set_gzip(true);
    let url = format!("{}/", server.origin);
    let tmp = std::env::temp_dir().join(format!("buurtkaart-lighthouse-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&tmp);
    println!(
        "Lighthouse {} on / (served with gzip), median of {runs} run(s) per preset; mobile = its \
         default (simulated slow 4G, CPU 4× slower), mobile-dt = the same applied and measured \
         (--throttling-method=devtools), desktop = --preset=desktop",
        version(&lighthouse)
    );
    print!("  {:8}", "preset");
    for (_, h) in CATEGORIES {
        print!(" {h:>8}");
    }
    for (_, h, _) in METRICS {
        print!(" {h:>10}");
    }
    println!();
    let mut out = serde_json::Map::new();
    for (name, args) in PRESETS {
        let reports: Vec<Report> = (0..runs)
            .filter_map(|i| {
                run(
                    &lighthouse,
                    &url,
                    args,
                    &tmp.join(format!("{name}-{i}.json")),
                )
            })
            .collect();
        if reports.is_empty() {
            println!("  {name:8} (no report)");
            continue;
        }
        let m = medians(&reports);
        print!("  {name:8}");
        for s in &m.scores {
            match s {
                Some(s) => print!(" {s:>8.0}"),
                None => print!(" {:>8}", "–"),
            }
        }
        for (v, (id, _, div)) in m.metrics.iter().zip(METRICS) {
            match v {
                Some(v) if id == "cumulative-layout-shift" => print!(" {v:>10.3}"),
                Some(v) if div > 1.0 => print!(" {:>10.1}", v / div),
                Some(v) => print!(" {v:>10.0}"),
                None => print!(" {:>10}", "–"),
            }
        }
        println!();
        out.insert(
            name.to_string(),
            json!({
                "runs": reports.len(),
                "scores": CATEGORIES.iter().zip(&m.scores).map(|((id, _), s)| (id.to_string(), json!(s))).collect::<serde_json::Map<_, _>>(),
                "metrics": METRICS.iter().zip(&m.metrics).map(|((id, _, _), v)| (id.to_string(), json!(v))).collect::<serde_json::Map<_, _>>(),
            }),
        );
    }
    println!(
        "  targets (issue 16): mobile performance ≥ 90, LCP ≤ 2.5 s, TBT ≤ 200 ms; desktop ≥ 98; \
         accessibility, best practices and SEO 100. Reports: {}",
        tmp.display()
    );
    Some(Value::Object(out))
}

fn version(lighthouse: &Path) -> String {
    Command::new(lighthouse)
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}
