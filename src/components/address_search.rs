//! Addresses, streets, postcodes and towns for the search box, from the configured address
//! service (PDOK Locatieserver). Asked after a pause in typing, never blocking it; an answer to
//! an older query is dropped. When the service fails, answers garbage or takes longer than
//! [`ANSWER_TIMEOUT`], it is switched off for the page and the box says that addresses are
//! unavailable; area names keep working from the app's own data.
//!
//! A chosen place is found in the app's own buurt boundaries (its point, not the service's
//! codes), and found again when a gemeente's detailed boundaries replace the overview.
use crate::context::MapContext;
use crate::data::fetch::fetch_service;
use crate::data::DataStore;
use crate::services::ServiceState;
use buurtkaart_core::search::geocoder::{free_url, parse_free, Place, MIN_QUERY};
use buurtkaart_model::{AreaCode, Level};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use std::time::Duration;

/// Pause in typing before the service is asked.
const DEBOUNCE: Duration = Duration::from_millis(300);

/// Longest wait for an answer; slower counts as unavailable.
pub const ANSWER_TIMEOUT: Duration = Duration::from_secs(3);

/// How long a chosen place keeps being matched against newly arrived boundaries.
const REFINE_FOR: Duration = Duration::from_secs(20);

/// The service's suggestions for the box's current query.
#[derive(Clone, Copy)]
pub struct AddressSuggestions {
    /// Places for [`Self::query`] (empty while asking, or when the service is off).
    pub places: RwSignal<Vec<Place>>,
    /// The query the places answer.
    pub query: RwSignal<String>,
    /// A request is on its way.
    pub asking: RwSignal<bool>,
}

/// Asks the address service for `query` while the box is `open`.
pub fn use_address_suggestions(query: RwSignal<String>, open: Memo<bool>) -> AddressSuggestions {
    let s = AddressSuggestions {
        places: RwSignal::new(Vec::new()),
        query: RwSignal::new(String::new()),
        asking: RwSignal::new(false),
    };
    let Some(services) = use_context::<ServiceState>() else {
        return s;
    };
    let generation = StoredValue::new(0u32);
    Effect::new(move |_| {
        let q = query.get().trim().to_string();
        let geocoder = services.geocoder();
        let gen = generation.get_value().wrapping_add(1);
        generation.set_value(gen);
        s.places.set(Vec::new());
        s.asking.set(false);
        let Some(geocoder) = geocoder.filter(|_| open.get() && q.chars().count() >= MIN_QUERY)
        else {
            return;
        };
        s.asking.set(true);
        set_timeout(
            move || {
                if generation.try_get_value() != Some(gen) {
                    return;
                }
                spawn_local(async move {
                    let answer = fetch_service(&free_url(&geocoder.url, &q), ANSWER_TIMEOUT).await;
                    if generation.try_get_value() != Some(gen) {
                        return;
                    }
                    s.asking.try_set(false);
                    match answer.map_err(|e| e.to_string()).and_then(|bytes| {
                        parse_free(&bytes).map_err(|e| format!("unusable answer: {}", e.0))
                    }) {
                        Ok(places) => {
                            s.query.try_set(q);
                            s.places.try_set(places);
                        }
                        Err(e) => {
                            leptos::logging::warn!("address search off: {e}");
                            services.geocoder_down.try_set(true);
                        }
                    }
                });
            },
            DEBOUNCE,
        );
    });
    s
}

/// Goes to the buurt a chosen place lies in. Returns the function the box calls, and the label
/// of a chosen place that lies in no buurt (for the box's note).
pub fn use_place_chooser() -> (impl Fn(Place) + Clone + 'static, RwSignal<Option<String>>) {
    let ctx = expect_context::<MapContext>();
    let store = expect_context::<DataStore>();
    let navigate = use_navigate();
    let pending = RwSignal::new(None::<(Place, u32)>);
    let round = StoredValue::new(0u32);
    // The round and buurt last navigated to: refinements replace that history entry, and stop
    // once the reader has moved on.
    let shown = StoredValue::new(None::<(u32, AreaCode)>);
    let missing = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let Some((place, r)) = pending.get() else {
            return;
        };
        store.ensure_geometry(Level::Buurt);
        // Tracked: the overview first, then each merge of a gemeente's detail.
        let Some(shapes) = store.level(Level::Buurt).shapes else {
            return;
        };
        let mut v = ctx.view.get_untracked();
        let before = shown.get_value().filter(|(sr, _)| *sr == r);
        if let Some((_, code)) = &before {
            if v.selected.as_ref() != Some(code) {
                pending.set(None);
                return;
            }
        }
        let (x, y) = DataStore::projection().project(place.lon, place.lat);
        let found = shapes
            .hit(x, y)
            .and_then(|i| AreaCode::parse(&shapes.shapes[i].code).ok());
        let Some(code) = found else {
            missing.set(Some(place.label.clone()));
            pending.set(None);
            return;
        };
        missing.set(None);
        if v.selected.as_ref() == Some(&code) {
            shown.set_value(Some((r, code)));
            return;
        }
        v.selected = Some(code.clone());
        shown.set_value(Some((r, code)));
        navigate(
            &v.to_url(),
            NavigateOptions {
                replace: before.is_some(),
                ..Default::default()
            },
        );
    });
    let choose = move |place: Place| {
        ctx.pin.set(Some((place.lon, place.lat)));
        let r = round.get_value().wrapping_add(1);
        round.set_value(r);
        // The first answer may come from the overview; refine as detail arrives, for a while.
        pending.set(Some((place, r)));
        set_timeout(
            move || {
                if round.try_get_value() == Some(r) {
                    pending.try_set(None);
                }
            },
            REFINE_FOR,
        );
    };
    (choose, missing)
}
