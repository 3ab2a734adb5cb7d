//! Fetching data files relative to the document's base URL. The only network code of the app.
use super::error::DataError;
use futures::channel::oneshot;
use futures::future::{select, Either};
use gloo_net::http::Request;
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::time::Duration;
use web_sys::RequestCache;

/// The URL of data file `file` (e.g. `manifest.json`), relative to `<base href>`.
pub fn data_url(file: &str) -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_else(|| "/".to_string());
    let base = base.split(['?', '#']).next().unwrap_or("/");
    let dir = match base.rfind('/') {
        Some(i) => &base[..=i],
        None => "/",
    };
    format!("{dir}data/{file}")
}

/// How long one data file may take before it counts as failed. The largest file (buurt
/// boundaries, a few MB) arrives in seconds even on a slow mobile link; a server that never
/// answers must not leave the map waiting for ever.
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(30);

/// A page global that overrides [`FETCH_TIMEOUT`], in milliseconds (at least 100): the test
/// hook with which the browser tests let a hanging file fail in seconds instead of 30.
pub const TIMEOUT_OVERRIDE: &str = "__buurtkaartFetchTimeoutMs";

/// The time limit in effect: [`FETCH_TIMEOUT`] unless the page set [`TIMEOUT_OVERRIDE`].
fn timeout() -> Duration {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &TIMEOUT_OVERRIDE.into()).ok())
        .and_then(|v| v.as_f64())
        .filter(|ms| ms.is_finite() && *ms >= 100.0)
        .map(|ms| Duration::from_millis(ms as u64))
        .unwrap_or(FETCH_TIMEOUT)
}

thread_local! {
    /// Files whose last request timed out and was aborted. Chromium keeps the HTTP cache entry
    /// of an aborted request locked for a while (about 20 s), so the next request for the same
    /// URL would wait behind it; such a file is fetched once past the cache (`no-store`).
    static TIMED_OUT: RefCell<BTreeSet<String>> = const { RefCell::new(BTreeSet::new()) };
}

/// Fetches a data file as bytes, giving up after [`FETCH_TIMEOUT`] (see [`TIMEOUT_OVERRIDE`]).
///
/// Bytes, not text: serde_json reads UTF-8 directly, whereas text would be decoded into a
/// JavaScript string and then encoded again into the WebAssembly memory (~40 ms for the
/// buurt boundaries).
///
/// Giving up aborts the request (an `AbortController` signal on both the request and the
/// reading of its body), so a hung connection is closed instead of holding one of the
/// browser's few connections per host, and a retry goes out at once.
pub async fn fetch_bytes(file: &str) -> Result<Vec<u8>, DataError> {
    fetch_with(file, false).await
}

/// Fetches a data file as [`fetch_bytes`] does, but asks the server whether it changed even
/// when the browser holds a fresh copy (`cache: no-cache`): to see whether the data was
/// redeployed.
pub async fn fetch_revalidated(file: &str) -> Result<Vec<u8>, DataError> {
    fetch_with(file, true).await
}

async fn fetch_with(file: &str, revalidate: bool) -> Result<Vec<u8>, DataError> {
    // Every data file the app asks for, in order (tests compare it with `index.html`'s preload).
    crate::perf::mark(&format!("asked:{file}"));
    let limit = timeout();
    let result = abortable(limit, |signal| async move {
        fetch_now(file, signal.as_ref(), revalidate).await
    })
    .await
    .unwrap_or_else(|| {
        TIMED_OUT.with(|t| t.borrow_mut().insert(file.to_string()));
        Err(DataError::Timeout {
            file: file.to_string(),
            seconds: limit.as_secs(),
        })
    });
    if result.is_ok() {
        TIMED_OUT.with(|t| t.borrow_mut().remove(file));
    }
    result
}

/// Runs the request `start` builds (with an abort signal), giving up after `limit`: then the
/// request is aborted (its connection closed, the reading of its body stopped) and the answer is
/// `None`.
async fn abortable<F, T>(
    limit: Duration,
    start: impl FnOnce(Option<web_sys::AbortSignal>) -> F,
) -> Option<T>
where
    F: std::future::Future<Output = T>,
{
    let controller = web_sys::AbortController::new().ok();
    let signal = controller.as_ref().map(|c| c.signal());
    let (tx, rx) = oneshot::channel::<()>();
    let timer = leptos::prelude::set_timeout_with_handle(
        move || {
            let _ = tx.send(());
        },
        limit,
    )
    .ok();
    let fetch = Box::pin(start(signal));
    let result = match select(fetch, rx).await {
        Either::Left((result, _)) => Some(result),
        Either::Right(_) => {
            if let Some(c) = &controller {
                c.abort();
            }
            None
        }
    };
    if let Some(t) = timer {
        t.clear();
    }
    result
}

async fn fetch_now(
    file: &str,
    signal: Option<&web_sys::AbortSignal>,
    revalidate: bool,
) -> Result<Vec<u8>, DataError> {
    let url = data_url(file);
    let past_cache = TIMED_OUT.with(|t| t.borrow().contains(file));
    let mut request = Request::get(&url).abort_signal(signal);
    if past_cache {
        request = request.cache(RequestCache::NoStore);
    } else if revalidate {
        request = request.cache(RequestCache::NoCache);
    }
    let resp = request.send().await.map_err(|e| DataError::Network {
        file: file.to_string(),
        message: e.to_string(),
    })?;
    if !resp.ok() {
        return Err(DataError::Status {
            file: file.to_string(),
            status: resp.status(),
        });
    }
    resp.binary().await.map_err(|e| DataError::Network {
        file: file.to_string(),
        message: e.to_string(),
    })
}

/// The URL of `file` next to `index.html` (e.g. `config.json`), relative to `<base href>`.
pub fn site_url(file: &str) -> String {
    let data = data_url("");
    format!("{}{file}", data.trim_end_matches("data/"))
}

/// Fetches `url` (a service of `config.json`, or the file itself) as bytes, giving up after
/// `limit` (the request is then aborted). Errors are short texts for the console: an online
/// service that fails is switched off, not reported as a data error.
pub async fn fetch_service(url: &str, limit: Duration) -> Result<Vec<u8>, String> {
    abortable(limit, |signal| async move {
        let resp = Request::get(url)
            .abort_signal(signal.as_ref())
            .send()
            .await
            .map_err(|e| e.to_string())?;
        if !resp.ok() {
            return Err(format!("HTTP {}", resp.status()));
        }
        resp.binary().await.map_err(|e| e.to_string())
    })
    .await
    .unwrap_or_else(|| Err(format!("no answer within {} ms", limit.as_millis())))
}
