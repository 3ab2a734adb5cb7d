//! Data redeployed while the page loads. Every data file but the manifest has a content-hashed
//! name, so a host can cache it for good; a file the manifest names that is missing (404)
//! usually means a new deploy replaced the files. The store then fetches the manifest once
//! more, past the browser cache: if it changed, it says so and reloads the page (at most once
//! a minute, so a broken server cannot make it loop), and app and data agree again. If it did
//! not change, the 404 is an ordinary failure with "opnieuw proberen".
use super::error::DataError;
use super::fetch::fetch_revalidated;
use super::store::DataStore;
use buurtkaart_model::Manifest;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::Cell;
use std::time::Duration;

/// The manifest's name, the one data file without a hash.
pub const MANIFEST: &str = "manifest.json";

/// Where the time of the last reload for new data is kept (this tab only).
const RELOADED_AT: &str = "buurtkaart-data-reload";

/// How long after such a reload another one is not tried.
const RELOAD_PAUSE_MS: f64 = 60_000.0;

/// How long the notice shows before the page reloads.
const NOTICE: Duration = Duration::from_millis(1500);

thread_local! {
    /// Whether the manifest was checked again already (once per page).
    static CHECKED: Cell<bool> = const { Cell::new(false) };
}

impl DataStore {
    /// For a missing hashed file (the first of the page): checks for a redeploy and records
    /// the outcome later; returns whether it did so (else the caller records `e`).
    pub(super) fn check_redeploy(&self, e: &DataError) -> bool {
        if !e.is_missing() || e.file() == MANIFEST || CHECKED.with(|c| c.replace(true)) {
            return false;
        }
        let store = *self;
        let e = e.clone();
        spawn_local(async move {
            let fresh = fetch_revalidated(MANIFEST)
                .await
                .ok()
                .and_then(|b| serde_json::from_slice::<Manifest>(&b).ok());
            let current = store.manifest.get_untracked();
            match (fresh, current) {
                (Some(fresh), Some(current)) if fresh != *current => {
                    let reloading = may_reload();
                    store.record(DataError::Outdated {
                        file: e.file(),
                        reloading,
                    });
                    if reloading {
                        set_timeout(reload, NOTICE);
                    }
                }
                _ => store.record(e),
            }
        });
        true
    }
}

/// Whether no reload for new data happened in this tab within the last minute (and notes
/// this one).
fn may_reload() -> bool {
    let Some(storage) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) else {
        return false;
    };
    let now = js_sys::Date::now();
    let last = storage
        .get_item(RELOADED_AT)
        .ok()
        .flatten()
        .and_then(|t| t.parse::<f64>().ok());
    if last.is_some_and(|t| now - t < RELOAD_PAUSE_MS) {
        return false;
    }
    storage.set_item(RELOADED_AT, &now.to_string()).is_ok()
}

fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}
