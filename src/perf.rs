//! Performance marks (`performance.mark`) that the benchmark reads to break load time down, and
//! yielding to the browser between heavy steps.

/// Sets a performance mark named `buurtkaart:{name}`; silently does nothing outside a browser.
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(&format!("buurtkaart:{name}"));
    }
}

/// Lets the browser run its own work (input, rendering) before the caller goes on: resolves in
/// a new task, after a zero timeout. Heavy steps of the load (parsing a file, building its
/// shapes, drawing them) await this between them, so each is a task of its own and input waits
/// at most one step, not the whole chain (issue 16: tasks ≤ 50 ms). Awaiting a resolved future
/// would not do: it continues in the same task's microtasks.
pub async fn yield_to_browser() {
    let (tx, rx) = futures::channel::oneshot::channel::<()>();
    leptos::prelude::set_timeout(
        move || {
            let _ = tx.send(());
        },
        std::time::Duration::ZERO,
    );
    // A dropped sender (no timers outside a browser) simply continues.
    let _ = rx.await;
}
