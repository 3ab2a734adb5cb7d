//! The panic hook: a bug must not leave a silent, dead page.
//!
//! On a panic the hook (1) logs the message and location to the console through
//! `console_error_panic_hook` (with a stack trace), and (2) puts a small fixed box on the page,
//! in Dutch and English, with a button that reloads the page. The box is built with plain DOM
//! calls and `textContent` (never HTML), so it works even when the Leptos runtime is in a broken
//! state. Release builds use `panic = "abort"`: the hook still runs before the wasm trap.
//!
//! Caveat: after a panic the app's wasm instance is unusable; reloading is the only way back.
//!
//! Debug hook: [`buurtkaart_debug_panic`] panics on purpose, so that a test (or a person at the
//! browser console: `wasmBindings.buurtkaart_debug_panic()`) can see what a bug looks like to a
//! reader. It is in every build and harmless: nothing in the app calls it, and it only breaks
//! the tab it is called in, which the box then offers to reload.
use std::sync::Once;

/// The id of the box, so tests can find it and a second panic does not add another.
pub const PANIC_BOX_ID: &str = "panic-box";

/// Dutch and English text of the box.
pub const MESSAGE_NL: &str = "Er ging iets mis in Buurtkaart. Laad de pagina opnieuw.";
/// English text of the box.
pub const MESSAGE_EN: &str = "Something went wrong in Buurtkaart. Please reload the page.";

/// The message of the deliberate panic of [`buurtkaart_debug_panic`].
pub const DEBUG_PANIC_MESSAGE: &str = "buurtkaart_debug_panic: a panic on purpose (debug hook)";

/// Panics on purpose (see the module docs); exported to JavaScript.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn buurtkaart_debug_panic() {
    panic!("{DEBUG_PANIC_MESSAGE}");
}

/// Installs the hook (once; later calls do nothing).
pub fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            console_error_panic_hook::hook(info);
            show_box();
        }));
    });
}

/// Shows the error box; does nothing outside a browser or when it is already shown.
pub fn show_box() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if doc.get_element_by_id(PANIC_BOX_ID).is_some() {
        return;
    }
    let Some(body) = doc.body() else { return };
    let build = || -> Result<(), wasm_bindgen::JsValue> {
        let div = doc.create_element("div")?;
        div.set_id(PANIC_BOX_ID);
        div.set_attribute("role", "alert")?;
        div.set_attribute(
            "style",
            "position:fixed;z-index:10000;left:50%;top:30%;transform:translateX(-50%);\
             max-width:min(90vw,28rem);padding:16px 20px;border-radius:8px;\
             border-left:4px solid #b3261e;background:#fff;color:#111;\
             box-shadow:0 4px 24px rgba(0,0,0,.3);font:16px/1.4 system-ui,sans-serif;",
        )?;
        for (lang, text) in [("nl", MESSAGE_NL), ("en", MESSAGE_EN)] {
            let p = doc.create_element("p")?;
            p.set_attribute("lang", lang)?;
            p.set_attribute("style", "margin:0 0 8px")?;
            p.set_text_content(Some(text));
            div.append_child(&p)?;
        }
        let button = doc.create_element("button")?;
        button.set_attribute("type", "button")?;
        button.set_attribute("class", "panic-reload")?;
        button.set_attribute("onclick", "location.reload()")?;
        button.set_attribute(
            "style",
            "min-height:44px;padding:0 16px;font:inherit;cursor:pointer",
        )?;
        button.set_text_content(Some("Opnieuw laden / Reload"));
        div.append_child(&button)?;
        body.append_child(&div)?;
        Ok(())
    };
    let _ = build();
}
