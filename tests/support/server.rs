//! A static file server for `dist/` with SPA fallback and per-file fault injection.
//!
//! It runs on its own thread with its own tokio runtime, so a test's runtime flavour does not
//! matter and a `Delay` fault never blocks the test. One server per [`super::Browser`], bound to
//! an ephemeral port on 127.0.0.1, so tests can run in parallel.

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::{Body, Frame, Incoming, SizeHint};
use hyper::{Method, Request, Response, StatusCode};
use std::convert::Infallible;
use std::path::{Component, Path, PathBuf};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

/// What a [`Fault`] does to the response for a matching request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FaultKind {
    /// Answer with this status code and a short plain-text body instead of the file.
    Status(u16),
    /// Wait this long before answering (the file itself is served unchanged).
    Delay(Duration),
    /// Serve only the first `n` bytes, with a matching `Content-Length`: a complete response
    /// whose content is cut off (a broken JSON file, say).
    Truncate(usize),
    /// Announce the full `Content-Length`, send the first `n` bytes, then drop the connection:
    /// the browser sees a network error in the middle of the body.
    Abort(usize),
    /// Serve these bytes instead of the file (status 200, the file's content type).
    Body(Vec<u8>),
    /// Never answer (until the server stops).
    Hang,
}

/// A fault injected into the responses for every request whose path ends with `path_suffix`.
///
/// Faults are applied in the order given; a `Delay` followed by a `Status(500)` delays, then fails.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fault {
    /// Matched against the end of the request path (without query and without the content
    /// hashes of data file names), e.g. `"manifest.json"`, `"buurt.topo.json"`.
    pub path_suffix: String,
    /// What happens to the response.
    pub kind: FaultKind,
    /// Apply only to the first `n` matching requests (then serve normally); `None` = always.
    pub times: Option<u32>,
}

impl Served {
    /// The data file asked for, by its logical name (`buurt.topo.json`, `geo/buurt/GM0363.json`),
    /// if this was a request under `data/`.
    pub fn data_file(&self) -> Option<String> {
        let path = self.path.split('?').next()?;
        let (_, file) = path.split_once("/data/")?;
        Some(buurtkaart_model::naming::logical_name(file))
    }
}

impl Fault {
    /// A fault that applies to every matching request.
    pub fn new(path_suffix: &str, kind: FaultKind) -> Fault {
        Fault {
            path_suffix: path_suffix.to_string(),
            kind,
            times: None,
        }
    }

    /// Answer `status` instead of the file.
    pub fn status(path_suffix: &str, status: u16) -> Fault {
        Fault::new(path_suffix, FaultKind::Status(status))
    }

    /// Delay the answer by `millis` milliseconds.
    pub fn delay(path_suffix: &str, millis: u64) -> Fault {
        Fault::new(path_suffix, FaultKind::Delay(Duration::from_millis(millis)))
    }

    /// Serve only the first `bytes` bytes (a complete but cut-off response).
    pub fn truncate(path_suffix: &str, bytes: usize) -> Fault {
        Fault::new(path_suffix, FaultKind::Truncate(bytes))
    }

    /// Limit the fault to the first `n` matching requests (for retry tests).
    pub fn times(mut self, n: u32) -> Fault {
        self.times = Some(n);
        self
    }
}

/// One request the server received.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Served {
    /// The request path and query, as sent (`/data/manifest.json?v=1`).
    pub path: String,
    /// The status code answered (0 if the connection was dropped or hung).
    pub status: u16,
}

struct State {
    root: PathBuf,
    mount: String,
    faults: Mutex<Vec<(Fault, u32)>>,
    log: Mutex<Vec<Served>>,
    /// Compress text and wasm answers as a static host does (the benchmark's phone profile).
    gzip: std::sync::atomic::AtomicBool,
    /// Served for `{mount}config.json` instead of the file, when set.
    config: Mutex<Option<Vec<u8>>>,
    /// Gzipped bodies by a hash of the plain one: a static host compresses a file once (or
    /// ahead of time), not on every request.
    gzipped: Mutex<std::collections::HashMap<u64, Bytes>>,
}

/// A running static server; stops when dropped.
pub struct StaticServer {
    /// `http://127.0.0.1:PORT`
    pub origin: String,
    state: Arc<State>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl StaticServer {
    /// Serves `root` under `mount` (`"/"`, or a sub-path such as `"/buurtkaart/"`).
    pub fn start(root: &Path, mount: &str, faults: Vec<Fault>) -> StaticServer {
        let mut mount = mount.to_string();
        if !mount.starts_with('/') {
            mount.insert(0, '/');
        }
        if !mount.ends_with('/') {
            mount.push('/');
        }
        let state = Arc::new(State {
            root: root.to_path_buf(),
            mount,
            faults: Mutex::new(faults.into_iter().map(|f| (f, 0)).collect()),
            log: Mutex::new(Vec::new()),
            gzip: std::sync::atomic::AtomicBool::new(false),
            config: Mutex::new(None),
            gzipped: Mutex::new(std::collections::HashMap::new()),
        });
        let listener = std::net::TcpListener::bind("127.0.0.1:0")
            .expect("static server: cannot bind an ephemeral port on 127.0.0.1");
        listener.set_nonblocking(true).expect("set_nonblocking");
        let port = listener.local_addr().expect("local_addr").port();
        let (tx, mut rx) = tokio::sync::oneshot::channel::<()>();
        let thread_state = state.clone();
        let thread = std::thread::Builder::new()
            .name(format!("static-server-{port}"))
            .spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("static server runtime");
                rt.block_on(async move {
                    let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
                    loop {
                        tokio::select! {
                            _ = &mut rx => break,
                            accepted = listener.accept() => {
                                let Ok((stream, _)) = accepted else { continue };
                                let state = thread_state.clone();
                                tokio::spawn(async move {
                                    let service = hyper::service::service_fn(move |req| {
                                        let state = state.clone();
                                        async move { Ok::<_, Infallible>(respond(&state, req).await) }
                                    });
                                    let _ = hyper::server::conn::http1::Builder::new()
                                        .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                                        .await;
                                });
                            }
                        }
                    }
                });
                // Dropping the runtime cancels open connections, hung ones included.
            })
            .expect("spawn static server thread");
        StaticServer {
            origin: format!("http://127.0.0.1:{port}"),
            state,
            shutdown: Some(tx),
            thread: Some(thread),
        }
    }

    /// From now on answers with `Content-Encoding: gzip` (level 6, as nginx's `gzip on` with
    /// `gzip_comp_level 6`) when the browser accepts it: HTML, JS, CSS, JSON and wasm.
    pub fn set_gzip(&self, on: bool) {
        self.state
            .gzip
            .store(on, std::sync::atomic::Ordering::Relaxed);
    }

    /// Answers `config.json` (the app's online services) with `bytes` instead of the built file.
    pub fn set_config(&self, bytes: &[u8]) {
        *self.state.config.lock().unwrap() = Some(bytes.to_vec());
    }

    /// Replaces the active faults (their `times` counters start again).
    pub fn set_faults(&self, faults: Vec<Fault>) {
        *self.state.faults.lock().unwrap() = faults.into_iter().map(|f| (f, 0)).collect();
    }

    /// Every request served so far, in order.
    pub fn requests(&self) -> Vec<Served> {
        self.state.log.lock().unwrap().clone()
    }

    /// Forgets the requests served so far.
    pub fn clear_requests(&self) {
        self.state.log.lock().unwrap().clear();
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A response body: whole, or cut off by an error after some bytes (`FaultKind::Abort`).
pub enum ServeBody {
    Full(Full<Bytes>),
    Abort(Option<Bytes>, u64),
}

impl Body for ServeBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, std::io::Error>>> {
        match self.get_mut() {
            ServeBody::Full(full) => Pin::new(full)
                .poll_frame(cx)
                .map_err(|never| match never {}),
            ServeBody::Abort(chunk, _) => match chunk.take() {
                Some(bytes) => Poll::Ready(Some(Ok(Frame::data(bytes)))),
                None => Poll::Ready(Some(Err(std::io::Error::new(
                    std::io::ErrorKind::ConnectionAborted,
                    "fault injection: connection aborted",
                )))),
            },
        }
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            ServeBody::Full(full) => full.size_hint(),
            ServeBody::Abort(_, announced) => SizeHint::with_exact(*announced),
        }
    }
}

fn full(status: StatusCode, content_type: &str, body: Vec<u8>) -> Response<ServeBody> {
    Response::builder()
        .status(status)
        .header("content-type", content_type)
        .header("cache-control", "no-store")
        .body(ServeBody::Full(Full::new(Bytes::from(body))))
        .expect("response")
}

async fn respond(state: &State, req: Request<Incoming>) -> Response<ServeBody> {
    let path_and_query = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/".to_string());
    let path = req.uri().path().to_string();
    // Faults name data files by their logical names (`buurt.topo.json`, without content hash).
    let logical = buurtkaart_model::naming::logical_name(&path);
    let accepts_gzip = req
        .headers()
        .get("accept-encoding")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("gzip"));

    // Collect the faults for this path (and count them) before touching the disk.
    let faults: Vec<FaultKind> = {
        let mut all = state.faults.lock().unwrap();
        all.iter_mut()
            .filter(|(f, used)| {
                logical.ends_with(&f.path_suffix) && f.times.is_none_or(|n| *used < n)
            })
            .map(|(f, used)| {
                *used += 1;
                f.kind.clone()
            })
            .collect()
    };

    let mut response = if req.method() != Method::GET && req.method() != Method::HEAD {
        full(
            StatusCode::METHOD_NOT_ALLOWED,
            "text/plain; charset=utf-8",
            b"method not allowed".to_vec(),
        )
    } else if let Some((status, kind, body)) = super::stand_in::answer(&path_and_query) {
        let status = StatusCode::from_u16(status).expect("stand-in status");
        full(status, kind, body)
    } else if path == format!("{}config.json", state.mount) {
        match state.config.lock().unwrap().clone() {
            Some(bytes) => full(StatusCode::OK, "application/json", bytes),
            None => serve_file(state, &path),
        }
    } else {
        serve_file(state, &path)
    };

    for kind in faults {
        match kind {
            FaultKind::Delay(d) => tokio::time::sleep(d).await,
            FaultKind::Hang => {
                log(state, &path_and_query, 0);
                std::future::pending::<()>().await;
            }
            FaultKind::Status(code) => {
                let status = StatusCode::from_u16(code).expect("fault: invalid status code");
                response = full(
                    status,
                    "text/plain; charset=utf-8",
                    format!("fault injection: {code}").into_bytes(),
                );
            }
            FaultKind::Truncate(_) | FaultKind::Abort(_) | FaultKind::Body(_) => {
                let (mut parts, body) = response.into_parts();
                let bytes = match body {
                    ServeBody::Full(full) => {
                        use http_body_util::BodyExt;
                        full.collect()
                            .await
                            .map(|c| c.to_bytes())
                            .unwrap_or_default()
                    }
                    ServeBody::Abort(chunk, _) => chunk.unwrap_or_default(),
                };
                parts.headers.remove("content-length");
                let body = match kind {
                    FaultKind::Truncate(n) => {
                        ServeBody::Full(Full::new(bytes.slice(..n.min(bytes.len()))))
                    }
                    FaultKind::Abort(n) => ServeBody::Abort(
                        Some(bytes.slice(..n.min(bytes.len()))),
                        bytes.len() as u64,
                    ),
                    FaultKind::Body(new) => ServeBody::Full(Full::new(Bytes::from(new))),
                    _ => unreachable!("only body faults reach here"),
                };
                response = Response::from_parts(parts, body);
            }
        }
    }
    if accepts_gzip && state.gzip.load(std::sync::atomic::Ordering::Relaxed) {
        response = gzipped(state, response).await;
    }
    let status = response.status().as_u16();
    log(
        state,
        &path_and_query,
        if matches!(response.body(), ServeBody::Abort(..)) {
            0
        } else {
            status
        },
    );
    // hyper sends no body for HEAD by itself.
    response
}

/// The response compressed, if it is a whole body of a compressible type. Compression runs off
/// the server's one thread (and once per body), so a big file being compressed does not hold
/// back the answers to other requests, as it would not on a real host.
async fn gzipped(state: &State, response: Response<ServeBody>) -> Response<ServeBody> {
    use flate2::{write::GzEncoder, Compression};
    use http_body_util::BodyExt;
    use std::io::Write;
    let compressible = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| {
            ["text/", "json", "javascript", "wasm"]
                .iter()
                .any(|k| t.contains(k))
        });
    if !compressible || !matches!(response.body(), ServeBody::Full(_)) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let ServeBody::Full(full) = body else {
        unreachable!("checked above")
    };
    let bytes = full
        .collect()
        .await
        .map(|c| c.to_bytes())
        .unwrap_or_default();
    let key = {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut h);
        h.finish()
    };
    let cached = state.gzipped.lock().unwrap().get(&key).cloned();
    let packed = match cached {
        Some(packed) => packed,
        None => {
            let packed = tokio::task::spawn_blocking(move || {
                let mut enc = GzEncoder::new(Vec::new(), Compression::new(6));
                let _ = enc.write_all(&bytes);
                Bytes::from(enc.finish().unwrap_or_default())
            })
            .await
            .unwrap_or_default();
            state.gzipped.lock().unwrap().insert(key, packed.clone());
            packed
        }
    };
    parts.headers.remove("content-length");
    parts
        .headers
        .insert("content-encoding", http::HeaderValue::from_static("gzip"));
    parts
        .headers
        .insert("vary", http::HeaderValue::from_static("accept-encoding"));
    Response::from_parts(parts, ServeBody::Full(Full::new(packed)))
}

fn log(state: &State, path: &str, status: u16) {
    state.log.lock().unwrap().push(Served {
        path: path.to_string(),
        status,
    });
}

/// Maps a request path to a file under the root, with the SPA fallback: a path whose last
/// segment has no extension and that is not a file gets `index.html` (so deep links work);
/// a missing file with an extension is a 404.
fn serve_file(state: &State, path: &str) -> Response<ServeBody> {
    let not_found = || {
        full(
            StatusCode::NOT_FOUND,
            "text/plain; charset=utf-8",
            b"not found".to_vec(),
        )
    };
    let rel = if path == state.mount.trim_end_matches('/') {
        ""
    } else if let Some(rel) = path.strip_prefix(&state.mount) {
        rel
    } else {
        return not_found();
    };
    // Doubled slashes are merged, as nginx does by default (`//buurt/…` is a deep link too).
    let rel = percent_decode(rel.trim_start_matches('/'));
    let rel_path = Path::new(&rel);
    if rel_path
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return not_found();
    }
    let mut file = state.root.join(rel_path);
    if file.is_dir() {
        file = file.join("index.html");
    }
    if !file.is_file() {
        let last = rel.rsplit('/').next().unwrap_or("");
        if last.contains('.') {
            return not_found();
        }
        file = state.root.join("index.html");
    }
    match std::fs::read(&file) {
        Ok(bytes) => full(StatusCode::OK, content_type(&file), bytes),
        Err(_) => not_found(),
    }
}

/// The content type for a file, by extension.
pub fn content_type(file: &Path) -> &'static str {
    match file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
        .as_str()
    {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json",
        "geojson" => "application/geo+json",
        "webmanifest" => "application/manifest+json",
        "css" => "text/css; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(b) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
