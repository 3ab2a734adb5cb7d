//! The instant national map (issue 16 item 3): on the first view of the country, `index.html`
//! shows the data pipeline's image of the map (`crates/pipeline/src/instant.rs`) while the app's
//! code and data are on their way. Once the app runs, the map keeps that image over its canvas
//! until its own first draw is on screen (`choropleth-ready`), so the reader never sees a blank
//! map in between. Both place it with the CSS class `map-instant`, framed as the map frames the
//! country; it takes no input (it is not the map), and it goes as soon as the view moves.
use crate::carto::viewport::Bounds;
use crate::context::MapContext;
use leptos::prelude::*;
use std::cell::Cell;
use wasm_bindgen::JsValue;

/// The image's address per theme, as `index.html` chose them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InstantImage {
    /// For the light theme.
    pub light: String,
    /// For the dark theme.
    pub dark: String,
}

/// The global `index.html` leaves when it showed the image.
const GLOBAL: &str = "__buurtkaartInstant";

/// Takes the image the shell showed, once per page load: a map created later (after a visit to
/// `/over`, say) starts without it.
pub fn take() -> Option<InstantImage> {
    let window: JsValue = web_sys::window()?.into();
    let key = JsValue::from_str(GLOBAL);
    let value = js_sys::Reflect::get(&window, &key).ok()?;
    let _ = js_sys::Reflect::delete_property(&window.clone().into(), &key);
    let field = |name: &str| {
        js_sys::Reflect::get(&value, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_string())
    };
    Some(InstantImage {
        light: field("light")?,
        dark: field("dark")?,
    })
}

/// The image over the map until the map's own first draw is on screen, or until the view
/// moves away from the first fit (a search, a zoom button, a turned phone): then it would no
/// longer line up.
#[component]
pub fn InstantMap(
    ctx: MapContext,
    image: InstantImage,
    /// Whether the map has made its first fit of the country (the view the image shows).
    fitted: Signal<bool>,
) -> impl IntoView {
    let shown = RwSignal::new(true);
    let first: Cell<Option<Bounds>> = Cell::new(None);
    Effect::new(move |_| {
        if ctx.ready.get() {
            shown.set(false);
            return;
        }
        if !fitted.get() {
            return;
        }
        match (first.get(), ctx.bounds.get()) {
            (None, Some(b)) => first.set(Some(b)),
            (Some(f), b) if b != Some(f) => shown.set(false),
            _ => {}
        }
    });
    view! {
        <Show when=move || shown.get()>
            // The map itself is described by its container; the image is only its stand-in.
            <img class="map-instant" alt="" aria-hidden="true" draggable="false"
                src={
                    let image = image.clone();
                    move || if ctx.dark.get() { image.dark.clone() } else { image.light.clone() }
                } />
        </Show>
    }
}
