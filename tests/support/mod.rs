//! Browser-test harness: serves `dist/` and drives headless Chromium through chromedriver.
//!
//! Use it from a test file with `mod support;`:
//!
//! ```ignore
//! mod support;
//! use support::Browser;
//!
//! #[tokio::test]
//! async fn map_page_opens() {
//!     let b = Browser::start(1280, 800).await;
//!     b.goto("/").await;
//!     b.wait_for_text("header", "Buurtkaart").await;
//!     b.screenshot("map-desktop").await;
//!     b.close().await;
//! }
//! ```
//!
//! Every [`Browser`] has its own static server (ephemeral port on 127.0.0.1), its own
//! chromedriver (ephemeral port) and its own Chromium profile in a fresh temp dir, so tests may
//! run in parallel. It needs a release build in `dist/` (`trunk build --release`, which
//! `./scripts/test` runs first); `BUURTKAART_DIST` points it at another folder.
//!
//! Caveats: a test that panics before `close()` still cleans up (chromedriver and Chromium are
//! killed as a process group in `Drop`), but `close()` is cleaner. Each waiting helper gives up
//! after [`TIMEOUT`] with a message that names the selector, the URL and the page text.
// Each test file compiles its own copy of this module and uses only part of it.
#![allow(dead_code, unused_imports)]

mod chrome;
pub mod places;
pub mod server;
pub mod stand_in;

pub use server::{Fault, FaultKind, Served};

use fantoccini::elements::Element;
use fantoccini::Locator;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long the `wait_*` helpers wait before they fail.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// The repository root (where `dist/` and `docs/` live).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Where screenshots go: `target/screenshots/` on an ordinary run, so that running the tests
/// leaves the work tree clean; `docs/screenshots/` (the committed pictures the README shows)
/// only when `UPDATE_SCREENSHOTS=1` asks to refresh them on purpose.
pub fn screenshot_dir() -> PathBuf {
    if std::env::var_os("UPDATE_SCREENSHOTS").is_some_and(|v| v == "1") {
        repo_root().join("docs").join("screenshots")
    } else {
        repo_root().join("target").join("screenshots")
    }
}

/// Waits for a finished download whose name ends with `ext` in `dir` (a download folder set
/// with [`Browser::allow_downloads`]) and returns its path.
pub async fn wait_for_download(dir: &Path, ext: &str) -> PathBuf {
    let start = Instant::now();
    loop {
        let found = std::fs::read_dir(dir)
            .ok()
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == ext));
        // Chromium writes to a .crdownload file and renames it when done, but the final name
        // can appear empty for a moment first: wait until it has bytes and they stop growing.
        if let Some(p) = found {
            let size = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
            let before = size(&p);
            tokio::time::sleep(Duration::from_millis(100)).await;
            if before > 0 && size(&p) == before {
                return p;
            }
        }
        assert!(
            start.elapsed() < TIMEOUT,
            "no .{ext} file appeared in {}",
            dir.display()
        );
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

/// Writes PNG bytes as `{name}.png` in [`screenshot_dir`] and returns the path.
pub fn save_screenshot(name: &str, png: &[u8]) -> PathBuf {
    let dir = screenshot_dir();
    std::fs::create_dir_all(&dir)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    let path = dir.join(format!("{name}.png"));
    std::fs::write(&path, png).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    path
}

/// The text of the data file `file` (a logical name, such as `buurt.areas.json` or
/// `geo/buurt/GM0363.json`) in `public/data`, from which tests compute what the app should show.
pub fn data_file(file: &str) -> String {
    let path = data_path(&repo_root().join("public/data"), file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Where the data file with the logical name `file` is under the data folder `dir` (on disk
/// every data file but the manifest has a content hash in its name).
pub fn data_path(dir: &Path, file: &str) -> PathBuf {
    buurtkaart_model::naming::find_in(dir, file)
        .unwrap_or_else(|| panic!("no data file {file} in {}", dir.display()))
}

/// A copy of `dist/` in a temporary folder named after `tag`, with the names of the buurt and
/// gemeente area files rewritten by `rename(file, code, old name)` (where it gives a name): a data
/// set with hostile names for the escaping tests.
pub fn dist_with_names(tag: &str, rename: impl Fn(&str, &str, &str) -> Option<String>) -> PathBuf {
    fn copy_dir(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy_dir(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
    }
    let dir = std::env::temp_dir().join(format!("buurtkaart-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    // Without the link previews (a page per area, share images: ~37,000 files, ~380 MB), which
    // would name the old names anyway; their paths then get the SPA fallback.
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(dist_dir()).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if ["gemeente", "wijk", "buurt", "previews"].contains(&name.to_str().unwrap_or("")) {
            continue;
        }
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dir.join(&name));
        } else {
            std::fs::copy(entry.path(), dir.join(&name)).unwrap();
        }
    }
    for file in ["buurt.areas.json", "gemeente.areas.json"] {
        let path = data_path(&dir.join("data"), file);
        let mut json: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let codes: Vec<String> = json["codes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_string())
            .collect();
        let names = json["names"].as_array_mut().unwrap();
        for (i, code) in codes.iter().enumerate() {
            let old = names[i].as_str().unwrap_or_default().to_string();
            if let Some(name) = rename(file, code, &old) {
                names[i] = Value::String(name);
            }
        }
        std::fs::write(&path, serde_json::to_string(&json).unwrap()).unwrap();
    }
    dir
}

/// The folder the tests serve: `$BUURTKAART_DIST` or `<repo>/dist`.
pub fn dist_dir() -> PathBuf {
    std::env::var_os("BUURTKAART_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("dist"))
}

/// How to start a [`Browser`]. Use `..Default::default()` for the rest.
#[derive(Clone, Debug)]
pub struct BrowserOptions {
    /// Viewport width in CSS pixels.
    pub width: u32,
    /// Viewport height in CSS pixels.
    pub height: u32,
    /// Emulate `prefers-color-scheme: dark`.
    pub dark: bool,
    /// Emulate `prefers-reduced-motion: reduce`.
    pub reduced_motion: bool,
    /// Emulate a phone (mobile viewport, touch). `None`: a phone when `width < 600`.
    pub mobile: Option<bool>,
    /// The browser's language (`navigator.language`, `Accept-Language`), e.g. `"nl-NL"`, `"en-GB"`.
    pub lang: String,
    /// Faults the static server injects (see [`Fault`]).
    pub faults: Vec<Fault>,
    /// Where `dist/` is served: `"/"` or a sub-path such as `"/buurtkaart/"` (for a build made
    /// with `trunk build --public-url /buurtkaart/`). [`Browser::url`] includes it.
    pub mount: String,
    /// The folder to serve; `None` = [`dist_dir()`].
    pub dist: Option<PathBuf>,
    /// The `config.json` served instead of the built one. Default `{}`: no online services,
    /// so no test reaches out to PDOK; [`stand_in::config`] points them at local stand-ins;
    /// empty serves the file of the build.
    pub config: String,
}

impl Default for BrowserOptions {
    fn default() -> Self {
        BrowserOptions {
            width: 1280,
            height: 800,
            dark: false,
            reduced_motion: false,
            mobile: None,
            lang: "nl-NL".to_string(),
            faults: Vec::new(),
            mount: "/".to_string(),
            dist: None,
            config: "{}".to_string(),
        }
    }
}

/// A headless Chromium showing the built app, with the static server that serves it.
pub struct Browser {
    /// The WebDriver client, for anything the helpers below do not cover.
    pub client: fantoccini::Client,
    /// `http://127.0.0.1:PORT` plus the mount path without its trailing slash.
    pub base: String,
    /// The static server (faults, request log).
    pub server: server::StaticServer,
    driver: chrome::Driver,
}

impl Browser {
    /// Starts server, chromedriver and Chromium with a viewport of `width` x `height`.
    pub async fn start(width: u32, height: u32) -> Browser {
        Browser::start_with(BrowserOptions {
            width,
            height,
            ..Default::default()
        })
        .await
    }

    /// Starts server, chromedriver and Chromium as `opts` says.
    pub async fn start_with(opts: BrowserOptions) -> Browser {
        let dist = opts.dist.clone().unwrap_or_else(dist_dir);
        check_dist(&dist);
        let server = server::StaticServer::start(&dist, &opts.mount, opts.faults.clone());
        if !opts.config.is_empty() {
            server.set_config(opts.config.as_bytes());
        }
        let base = format!("{}{}", server.origin, opts.mount.trim_end_matches('/'));
        let (driver, client) = chrome::Driver::launch(&opts).await;
        let browser = Browser {
            client,
            base,
            server,
            driver,
        };
        browser.emulate(&opts).await;
        browser
    }

    async fn emulate(&self, opts: &BrowserOptions) {
        let mobile = opts.mobile.unwrap_or(opts.width < 600);
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({
                "width": opts.width, "height": opts.height,
                "deviceScaleFactor": 1, "mobile": mobile,
            }),
        )
        .await;
        if mobile {
            self.cdp(
                "Emulation.setTouchEmulationEnabled",
                json!({ "enabled": true, "maxTouchPoints": 5 }),
            )
            .await;
        }
        let features = json!([
            { "name": "prefers-color-scheme", "value": if opts.dark { "dark" } else { "light" } },
            { "name": "prefers-reduced-motion", "value": if opts.reduced_motion { "reduce" } else { "no-preference" } },
        ]);
        self.cdp(
            "Emulation.setEmulatedMedia",
            json!({ "features": features }),
        )
        .await;
    }

    /// The absolute URL of an app path: `url("/over")` → `http://127.0.0.1:PORT/over`.
    pub fn url(&self, path: &str) -> String {
        if path.starts_with('/') {
            format!("{}{}", self.base, path)
        } else {
            format!("{}/{}", self.base, path)
        }
    }

    /// Opens an app path by URL (a fresh page load, as a typed or shared link would).
    pub async fn goto(&self, path: &str) {
        let url = self.url(path);
        self.client
            .goto(&url)
            .await
            .unwrap_or_else(|e| panic!("goto({url}) failed: {e}"));
    }

    /// Waits until an element matches `css` and returns the first one.
    pub async fn wait_for(&self, css: &str) -> Element {
        let start = Instant::now();
        loop {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                return el;
            }
            if start.elapsed() > TIMEOUT {
                let msg = format!("wait_for({css:?}): no element matched");
                panic!("{}", self.failure(&msg).await);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the first element matching `css` has text containing `needle`.
    pub async fn wait_for_text(&self, css: &str, needle: &str) {
        let start = Instant::now();
        let mut last = None;
        loop {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                if let Ok(text) = el.text().await {
                    if text.contains(needle) {
                        return;
                    }
                    last = Some(text);
                }
            }
            if start.elapsed() > TIMEOUT {
                let seen = match last {
                    Some(t) => format!("its text was {t:?}"),
                    None => "no element matched".to_string(),
                };
                let msg = format!("wait_for_text({css:?}, {needle:?}): text not found; {seen}");
                panic!("{}", self.failure(&msg).await);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the page has called `performance.mark(mark)`.
    pub async fn wait_for_mark(&self, mark: &str) {
        let script = format!(
            "return performance.getEntriesByName({}, 'mark').length > 0;",
            json!(mark)
        );
        let start = Instant::now();
        loop {
            if let Ok(Value::Bool(true)) = self.client.execute(&script, vec![]).await {
                return;
            }
            if start.elapsed() > TIMEOUT {
                let msg = format!("wait_for_mark({mark:?}): mark never set");
                panic!("{}", self.failure(&msg).await);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Presses the map's `+` button (300 ms apart) until the drawn scale (`data-scale`, px per
    /// km) reaches `scale`; returns `performance.now()` of the last press (0 if none).
    pub async fn zoom_in_to(&self, scale: f64) -> f64 {
        let mut clicked = 0.0;
        for _ in 0..12 {
            let now: f64 = self
                .js("return +document.querySelector('.map-canvas').dataset.scale;")
                .await;
            if now >= scale {
                break;
            }
            clicked = self
                .js("const t = performance.now(); document.querySelector('.zoom-in').click(); return t;")
                .await;
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
        clicked
    }

    /// Sets the `<select>` at `css` to `value` like a reader does (value + change event), once
    /// that option exists.
    pub async fn choose(&self, css: &str, value: &str) {
        self.wait_for(&format!("{css} option[value='{value}']"))
            .await;
        let _: bool = self
            .js(&format!(
                "const s = document.querySelector({}); s.value = {}; s.dispatchEvent(new Event('change', {{bubbles: true}})); return true;",
                json!(css),
                json!(value)
            ))
            .await;
    }

    /// Lets Chromium save downloads into `dir`.
    pub async fn allow_downloads(&self, dir: &Path) {
        let params = json!({ "behavior": "allow", "downloadPath": dir.display().to_string() });
        self.cdp("Browser.setDownloadBehavior", params).await;
    }

    /// Runs `script` as the body of a function in the page and returns its `return` value.
    ///
    /// `b.js::<f64>("return window.innerWidth;")`. Panics if the script throws or the value
    /// does not deserialize into `T`.
    pub async fn js<T: serde::de::DeserializeOwned>(&self, script: &str) -> T {
        let value = self
            .client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("js({script:?}) failed: {e}"));
        serde_json::from_value(value.clone()).unwrap_or_else(|e| {
            panic!(
                "js({script:?}) returned {value}, which is not a {}: {e}",
                std::any::type_name::<T>()
            )
        })
    }

    /// Saves a PNG of the viewport as `{name}.png` in [`screenshot_dir`] and returns the path.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self
            .client
            .screenshot()
            .await
            .unwrap_or_else(|e| panic!("screenshot({name:?}) failed: {e}"));
        save_screenshot(name, &png)
    }

    /// The current URL's path and query, e.g. `/over` or `/?indicator=lbm`.
    pub async fn path(&self) -> String {
        let url = self
            .client
            .current_url()
            .await
            .unwrap_or_else(|e| panic!("current_url failed: {e}"));
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        }
    }

    /// Waits until the current [`path`](Self::path) equals `expected` (after a click, say).
    pub async fn wait_for_path(&self, expected: &str) {
        let start = Instant::now();
        loop {
            let now = self.path().await;
            if now == expected {
                return;
            }
            if start.elapsed() > TIMEOUT {
                let msg = format!("wait_for_path({expected:?}): the path stayed {now:?}");
                panic!("{}", self.failure(&msg).await);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Scrolls the first element matching `css` to the top of its scroll container (waiting for
    /// it first), and gives smooth scrolling a moment: for a screenshot of a panel section.
    pub async fn scroll_to(&self, css: &str) {
        self.wait_for(css).await;
        let _: bool = self
            .js(&format!(
                "document.querySelector({}).scrollIntoView({{block: 'start'}}); return true;",
                json!(css)
            ))
            .await;
        tokio::time::sleep(Duration::from_millis(300)).await;
    }

    /// Clicks the first element matching `css` (waiting for it first).
    pub async fn click(&self, css: &str) {
        let el = self.wait_for(css).await;
        el.click()
            .await
            .unwrap_or_else(|e| panic!("click({css:?}) failed: {e}"));
    }

    /// One CDP touch event (`touchStart`, `touchMove`, `touchEnd`) with fingers at `points`
    /// (CSS px in the top-level viewport, also while a frame is entered; finger ids are their
    /// indexes).
    pub async fn touch(&self, kind: &str, points: &[(f64, f64)]) {
        let pts: Vec<Value> = points
            .iter()
            .enumerate()
            .map(|(i, (x, y))| serde_json::json!({ "x": x, "y": y, "id": i, "radiusX": 4, "radiusY": 4, "force": 1 }))
            .collect();
        self.cdp(
            "Input.dispatchTouchEvent",
            serde_json::json!({ "type": kind, "touchPoints": pts }),
        )
        .await;
    }

    /// Sends a Chrome DevTools Protocol command (e.g. `Network.emulateNetworkConditions`).
    pub async fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.client
            .issue_cmd(chrome::Cdp::new(cmd, params))
            .await
            .unwrap_or_else(|e| panic!("CDP {cmd} failed: {e}"))
    }

    /// Console messages and uncaught errors at level SEVERE since the last call (a Rust panic
    /// in the app shows up here through `console_error_panic_hook`). The browser's own request
    /// for `/favicon.ico` is left out.
    pub async fn console_errors(&self) -> Vec<String> {
        let entries = self
            .client
            .issue_cmd(chrome::BrowserLog)
            .await
            .unwrap_or_else(|e| panic!("reading the browser log failed: {e}"));
        entries
            .as_array()
            .map(|a| {
                a.iter()
                    .filter(|e| e["level"] == "SEVERE")
                    .map(|e| e["message"].as_str().unwrap_or_default().to_string())
                    .filter(|m| !m.contains("/favicon.ico "))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Every request the static server answered so far (path with query, and status).
    pub fn requests(&self) -> Vec<Served> {
        self.server.requests()
    }

    /// Replaces the server's faults from now on.
    pub fn set_faults(&self, faults: Vec<Fault>) {
        self.server.set_faults(faults);
    }

    /// Ends the browser session, chromedriver and the server, and removes the temp profile.
    pub async fn close(self) {
        let _ = tokio::time::timeout(Duration::from_secs(10), self.client.clone().close()).await;
        // Drop kills chromedriver's process group, stops the server and removes the profile.
    }

    /// `what`, plus the current URL, the page's text and the browser's errors: a failure message.
    async fn failure(&self, what: &str) -> String {
        let url = self
            .client
            .current_url()
            .await
            .map(|u| u.to_string())
            .unwrap_or_else(|e| format!("(unknown: {e})"));
        let text: String = self
            .client
            .execute(
                "return document.body ? document.body.innerText : '';",
                vec![],
            )
            .await
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let text: String = text.chars().take(600).collect();
        let errors = self.console_errors().await;
        format!(
            "{what} within {}s\n  url: {url}\n  page text: {text:?}\n  browser errors: {errors:#?}",
            TIMEOUT.as_secs()
        )
    }
}

fn check_dist(dist: &Path) {
    if !dist.join("index.html").is_file() {
        panic!(
            "{}/index.html is missing: the browser tests serve a release build. \
             Run `trunk build --release` first, or use ./scripts/test, which builds it.",
            dist.display()
        );
    }
}

/// Width and height of a PNG file, read from its header.
pub fn png_size(path: &Path) -> (u32, u32) {
    let bytes =
        std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    assert!(
        bytes.len() > 24 && &bytes[1..4] == b"PNG",
        "{} is not a PNG",
        path.display()
    );
    let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    (w, h)
}
