//! The instant national map (issue 16 item 3): on the first view of the country, `index.html`
//! shows the data pipeline's image of the map (`crates/pipeline/src/instant.rs`) while the app's
//! code and data are on their way. When the app starts it keeps that very element (one image,
//! one request, one paint) and the map puts it over its canvas until its own first draw is on
//! screen (`choropleth-ready`), so the reader never sees a blank map in between. Both place it
//! with the CSS class `map-instant`, framed as the map frames the country; it takes no input
//! (it is not the map), and it goes as soon as the view moves.
use crate::carto::viewport::Bounds;
use crate::context::MapContext;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlImageElement;

/// The shell's image and its address per theme, as `index.html` chose them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InstantImage {
    /// The image element of the shell, taken out of it.
    pub element: HtmlImageElement,
    /// For the light theme.
    pub light: String,
    /// For the dark theme.
    pub dark: String,
}

/// The global `index.html` leaves when it showed the image.
const GLOBAL: &str = "__buurtkaartInstant";

thread_local! {
    static KEPT: RefCell<Option<InstantImage>> = const { RefCell::new(None) };
}

/// The shell's image of the national map, if it shows one (only on the national first view).
pub fn shell_image() -> Option<HtmlImageElement> {
    web_sys::window()?
        .document()?
        .get_element_by_id("boot-map")?
        .dyn_into::<HtmlImageElement>()
        .ok()
        .filter(|e| e.has_attribute("src"))
}

/// Takes the shell's image out of the shell before the app replaces the shell (called by
/// `start`); nothing when the shell showed none (any view but the national first one).
pub fn keep_shell_image() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let win: JsValue = window.clone().into();
    let key = JsValue::from_str(GLOBAL);
    let Ok(value) = js_sys::Reflect::get(&win, &key) else {
        return;
    };
    let field = |name: &str| {
        js_sys::Reflect::get(&value, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_string())
    };
    let (Some(light), Some(dark)) = (field("light"), field("dark")) else {
        return;
    };
    let Some(element) = shell_image() else {
        return;
    };
    element.remove();
    // The map is described by its own container; the image is only its stand-in.
    element.set_alt("");
    let _ = element.set_attribute("aria-hidden", "true");
    element.remove_attribute("id").ok();
    KEPT.with(|k| {
        *k.borrow_mut() = Some(InstantImage {
            element,
            light,
            dark,
        })
    });
}

/// The kept image, once per page load: a map created later (after a visit to `/over`, say)
/// starts without it.
pub fn take() -> Option<InstantImage> {
    KEPT.with(|k| k.borrow_mut().take())
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
    let slot: NodeRef<leptos::html::Div> = NodeRef::new();
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
    let InstantImage {
        element,
        light,
        dark,
    } = image;
    Effect::new(move |_| {
        let Some(slot) = slot.get() else { return };
        if !shown.get() {
            element.remove();
            return;
        }
        // The theme may have changed since the shell chose (the reader's stored choice wins).
        let src = if ctx.dark.get() { &dark } else { &light };
        if element.get_attribute("src").as_deref() != Some(src.as_str()) {
            element.set_src(src);
        }
        if element.parent_node().is_none() {
            let _ = slot.append_child(&element);
        }
    });
    view! { <div class="map-instant-slot" node_ref=slot></div> }
}
