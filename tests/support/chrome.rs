//! chromedriver + headless Chromium: launch, capabilities, cleanup, and the extra
//! chromedriver endpoints (CDP, browser log) that fantoccini has no method for.

use super::BrowserOptions;
use serde_json::{json, Value};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

/// Debian's Chromium, unless `BUURTKAART_CHROMIUM` says otherwise.
fn chromium_bin() -> PathBuf {
    std::env::var_os("BUURTKAART_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

/// Debian's chromedriver, unless `CHROMEDRIVER` says otherwise.
fn chromedriver_bin() -> PathBuf {
    std::env::var_os("CHROMEDRIVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromedriver"))
}

/// A running chromedriver (in its own process group, with Chromium under it) and its temp dir.
pub struct Driver {
    child: Child,
    dir: PathBuf,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique_temp_dir() -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let dir = std::env::temp_dir().join(format!(
        "buurtkaart-e2e-{}-{}-{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(dir.join("profile"))
        .unwrap_or_else(|e| panic!("cannot create temp dir {}: {e}", dir.display()));
    dir
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("cannot find a free port on 127.0.0.1")
}

fn log_tail(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(30)..].join("\n")
}

impl Driver {
    /// Starts chromedriver on a free port and opens a Chromium session as `opts` says.
    pub async fn launch(opts: &BrowserOptions) -> (Driver, fantoccini::Client) {
        let chromium = chromium_bin();
        let chromedriver = chromedriver_bin();
        for (what, path) in [("chromium", &chromium), ("chromedriver", &chromedriver)] {
            if !path.is_file() {
                panic!(
                    "{what} not found at {}: the browser tests need Debian's chromium and \
                     chromium-driver. Run ./scripts/setup (or apt-get install chromium chromium-driver).",
                    path.display()
                );
            }
        }
        let dir = unique_temp_dir();
        let log = dir.join("chromedriver.log");
        let mut attempt = 0;
        let (child, port) = loop {
            attempt += 1;
            let port = free_port();
            let out = std::fs::File::create(&log).expect("create chromedriver log");
            let mut child = Command::new(&chromedriver)
                .arg(format!("--port={port}"))
                .stdin(Stdio::null())
                .stdout(out.try_clone().expect("clone log handle"))
                .stderr(out)
                // Own process group: Drop kills chromedriver and the Chromium it started together.
                .process_group(0)
                .spawn()
                .unwrap_or_else(|e| panic!("cannot start {}: {e}", chromedriver.display()));
            let start = Instant::now();
            let ready = loop {
                if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                    break true;
                }
                if let Ok(Some(_)) = child.try_wait() {
                    break false;
                }
                if start.elapsed() > Duration::from_secs(20) {
                    break false;
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            };
            if ready {
                break (child, port);
            }
            let _ = child.kill();
            let _ = child.wait();
            // Another process may have taken the port between our probe and chromedriver's bind.
            if attempt >= 3 {
                panic!(
                    "chromedriver ({}) did not start listening on port {port}.\nIts log:\n{}",
                    chromedriver.display(),
                    log_tail(&log)
                );
            }
        };
        let driver = Driver { child, dir };

        let args = vec![
            "--headless".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--no-default-browser-check".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--disable-dev-shm-usage".into(),
            "--disable-extensions".into(),
            "--password-store=basic".into(),
            "--use-mock-keychain".into(),
            "--mute-audio".into(),
            "--hide-scrollbars".into(),
            "--force-device-scale-factor=1".into(),
            format!("--user-data-dir={}", driver.dir.join("profile").display()),
            format!("--window-size={},{}", opts.width, opts.height),
            format!("--lang={}", opts.lang),
        ];
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("chrome"));
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": chromium.display().to_string(),
                "args": args,
                "prefs": { "intl.accept_languages": opts.lang },
            }),
        );
        caps.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));

        let connect = async {
            fantoccini::ClientBuilder::native()
                .capabilities(caps)
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
        };
        let client = match tokio::time::timeout(Duration::from_secs(60), connect).await {
            Ok(Ok(client)) => client,
            Ok(Err(e)) => panic!(
                "Chromium ({}) could not start through chromedriver: {e}\nchromedriver log:\n{}",
                chromium.display(),
                log_tail(&driver.dir.join("chromedriver.log"))
            ),
            Err(_) => panic!(
                "Chromium ({}) did not start within 60 s.\nchromedriver log:\n{}",
                chromium.display(),
                log_tail(&driver.dir.join("chromedriver.log"))
            ),
        };
        (driver, client)
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let pgid = self.child.id() as libc::pid_t;
        // SAFETY: kill(2) with a negative pid signals the process group we created.
        unsafe {
            libc::kill(-pgid, libc::SIGKILL);
        }
        let _ = self.child.wait();
        if std::env::var_os("BUURTKAART_KEEP_PROFILE").is_none() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// chromedriver's `goog/cdp/execute`: one Chrome DevTools Protocol command.
#[derive(Debug)]
pub struct Cdp {
    cmd: String,
    params: Value,
}

impl Cdp {
    pub fn new(cmd: &str, params: Value) -> Cdp {
        Cdp {
            cmd: cmd.to_string(),
            params,
        }
    }
}

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.cmd, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

/// chromedriver's `se/log` for the `browser` log (console and uncaught errors; read clears it).
#[derive(Debug)]
pub struct BrowserLog;

impl fantoccini::wd::WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/se/log",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({ "type": "browser" }).to_string()),
        )
    }
}
