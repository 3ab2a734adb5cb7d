//! The browser tab's title: it names the area shown, so a bookmark, the history and a shared
//! tab say where they lead ("Osdorp-Zuidoost, Amsterdam – Buurtkaart"). The texts are
//! [`buurtkaart_core::title`]'s, which the pipeline's link previews use too.
pub use buurtkaart_core::title::{for_area, home};

/// Sets the document's title (nothing outside a browser).
pub fn set(title: &str) {
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        if d.title() != title {
            d.set_title(title);
        }
    }
}
