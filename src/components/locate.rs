//! "Waar ben ik?": the browser's position (Geolocation API) selects the buurt it lies in, found
//! in our own boundaries. The position never leaves the page.
use crate::components::controls::use_view_updater;
use crate::context::MapContext;
use crate::data::DataStore;
use crate::lang::Lang;
use crate::state::ViewState;
use buurtkaart_model::{AreaCode, Level};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// What became of a request for the position.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Located {
    /// Waiting for the browser.
    Asking,
    /// A position (lon, lat), to be found in the buurten.
    At(f64, f64),
    /// The reader did not allow it.
    Denied,
    /// The browser could not tell (no signal, timeout).
    Unavailable,
    /// The browser has no Geolocation API.
    Unsupported,
    /// The position lies in no buurt of the Netherlands.
    Outside,
    /// Done: the buurt is selected.
    Found,
}

fn message(state: Located, lang: Lang) -> &'static str {
    match state {
        Located::Asking | Located::At(..) => lang.pick("Uw locatie bepalen…", "Finding your location…"),
        Located::Denied => lang.pick(
            "Geen toestemming om uw locatie te gebruiken. Sta het toe in de browser, of zoek uw buurt op naam of postcode.",
            "No permission to use your location. Allow it in the browser, or search your neighbourhood by name or postcode.",
        ),
        Located::Unavailable => lang.pick(
            "Uw locatie is nu niet beschikbaar. Zoek uw buurt op naam of postcode.",
            "Your location is not available now. Search your neighbourhood by name or postcode.",
        ),
        Located::Unsupported => lang.pick(
            "Deze browser kan uw locatie niet bepalen.",
            "This browser cannot determine your location.",
        ),
        Located::Outside => lang.pick(
            "Uw locatie ligt niet in een buurt van Nederland.",
            "Your location is not in a neighbourhood of the Netherlands.",
        ),
        Located::Found => "",
    }
}

/// Asks the browser for the position; the answer lands in `state`.
fn ask(state: RwSignal<Option<Located>>) {
    let geo = web_sys::window().and_then(|w| w.navigator().geolocation().ok());
    let Some(geo) = geo else {
        state.set(Some(Located::Unsupported));
        return;
    };
    state.set(Some(Located::Asking));
    let ok = wasm_bindgen::closure::Closure::once_into_js(move |p: JsValue| {
        let p: web_sys::Position = p.unchecked_into();
        let c = p.coords();
        state.try_set(Some(Located::At(c.longitude(), c.latitude())));
    });
    let err = wasm_bindgen::closure::Closure::once_into_js(move |e: JsValue| {
        // Read structurally: browsers name the class GeolocationPositionError, not PositionError.
        let code = js_sys::Reflect::get(&e, &JsValue::from_str("code"))
            .ok()
            .and_then(|c| c.as_f64())
            .unwrap_or(2.0);
        state.try_set(Some(if code == 1.0 {
            Located::Denied
        } else {
            Located::Unavailable
        }));
    });
    let opts = web_sys::PositionOptions::new();
    opts.set_timeout(15_000);
    opts.set_maximum_age(60_000);
    let asked = geo.get_current_position_with_error_callback_and_options(
        ok.unchecked_ref(),
        Some(err.unchecked_ref()),
        &opts,
    );
    if asked.is_err() {
        state.set(Some(Located::Unavailable));
    }
}

/// The "Waar ben ik?" button and what it found.
#[component]
pub fn LocateButton() -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let store = expect_context::<DataStore>();
    let update = use_view_updater();
    let state = RwSignal::new(None::<Located>);
    // A position is found in the buurten once their boundaries are in.
    Effect::new(move |_| {
        let Some(Located::At(lon, lat)) = state.get() else {
            return;
        };
        store.ensure_geometry(Level::Buurt);
        let Some(shapes) = store.level(Level::Buurt).shapes else {
            return;
        };
        let (x, y) = DataStore::projection().project(lon, lat);
        match shapes
            .hit(x, y)
            .and_then(|i| AreaCode::parse(&shapes.shapes[i].code).ok())
        {
            Some(code) => {
                ctx.pin.set(Some((lon, lat)));
                state.set(Some(Located::Found));
                update(&|v: &mut ViewState| v.selected = Some(code.clone()));
            }
            None => state.set(Some(Located::Outside)),
        }
    });
    let note = move || {
        state
            .get()
            .map(|s| message(s, ctx.lang()))
            .filter(|m| !m.is_empty())
    };
    view! {
        <div class="locate">
            <button type="button" class="locate-button" on:click=move |_| ask(state)>
                <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
                    <circle cx="12" cy="12" r="4" fill="currentColor"/>
                    <path d="M12 2v4M12 18v4M2 12h4M18 12h4" stroke="currentColor" stroke-width="2" fill="none"/>
                    <circle cx="12" cy="12" r="7" stroke="currentColor" stroke-width="2" fill="none"/>
                </svg>
                {move || ctx.lang().pick("Waar ben ik?", "Where am I?")}
            </button>
            <p class="locate-status" role="status">{note}</p>
        </div>
    }
}
