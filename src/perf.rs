//! Performance marks (`performance.mark`) that the benchmark reads to break load time down.

/// Sets a performance mark named `buurtkaart:{name}`; silently does nothing outside a browser.
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(&format!("buurtkaart:{name}"));
    }
}
