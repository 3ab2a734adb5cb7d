//! The optional online services of `config.json` (background tiles, address search), as the
//! app sees them: off until the file has been read, and each one switched off for the rest of
//! the page's life once it proves unreachable. The app never waits for them: the map and the
//! search work on the app's own data alone.
use crate::data::fetch::{fetch_service, site_url};
use buurtkaart_core::services::{GeocoderService, Services, TileService};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;
use std::time::Duration;

/// How long `config.json` may take (it is tiny and next to `index.html`).
const CONFIG_TIMEOUT: Duration = Duration::from_secs(10);

/// The services and whether they work (a context, copied freely).
#[derive(Clone, Copy)]
pub struct ServiceState {
    /// What `config.json` configures (`None` until read, or when it is missing).
    config: RwSignal<Option<Arc<Services>>>,
    /// The tile service failed: the map is drawn without background.
    pub tiles_down: RwSignal<bool>,
    /// The address service failed or answered garbage: the search offers area names only.
    pub geocoder_down: RwSignal<bool>,
}

impl ServiceState {
    /// Creates the state and reads `config.json` in the background.
    pub fn provide() -> Self {
        let state = ServiceState {
            config: RwSignal::new(None),
            tiles_down: RwSignal::new(false),
            geocoder_down: RwSignal::new(false),
        };
        provide_context(state);
        spawn_local(async move {
            match fetch_service(&site_url("config.json"), CONFIG_TIMEOUT).await {
                Ok(bytes) => {
                    let (services, notes) = Services::parse(&bytes);
                    for note in notes {
                        leptos::logging::warn!("{note}");
                    }
                    state.config.try_set(Some(Arc::new(services)));
                }
                // No file (a host that did not deploy it): the app on its own data, as designed.
                Err(e) => leptos::logging::log!("config.json not used ({e}): no online services"),
            }
        });
        state
    }

    /// The tile service, while configured and working (tracked).
    pub fn tiles(&self) -> Option<TileService> {
        if self.tiles_down.get() {
            return None;
        }
        self.config
            .with(|c| c.as_ref().and_then(|c| c.tiles.clone()))
    }

    /// The tile service as configured, working or not (tracked): for the note that it is down.
    pub fn tiles_configured(&self) -> bool {
        self.config
            .with(|c| c.as_ref().is_some_and(|c| c.tiles.is_some()))
    }

    /// The address service, while configured and working (tracked).
    pub fn geocoder(&self) -> Option<GeocoderService> {
        if self.geocoder_down.get() {
            return None;
        }
        self.config
            .with(|c| c.as_ref().and_then(|c| c.geocoder.clone()))
    }

    /// The address service as configured, working or not (tracked).
    pub fn geocoder_configured(&self) -> bool {
        self.config
            .with(|c| c.as_ref().is_some_and(|c| c.geocoder.is_some()))
    }
}
