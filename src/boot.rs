//! Starting order on the national first view: the shell's image of the map (see
//! `components::map::instant`) is painted before the app mounts and takes it over. On a slow
//! line it has long been on screen when the app's code arrives; on a fast one the app would
//! otherwise move the image into its map before the browser ever painted it, and the page's
//! largest paint would wait for the app.
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The app's mounting, run once.
type Mount = Box<dyn FnOnce()>;

/// The longest the app waits for the image (a stalled image must not hold the map back).
const MAX_WAIT_MS: i32 = 1000;

/// Runs `mount` once the shell's image is on screen (after its load, or its error, and the
/// next frame), at once when the shell has none, and after [`MAX_WAIT_MS`] at the latest.
pub fn after_instant_paint(mount: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return mount();
    };
    let Some(image) = crate::components::map::shell_image() else {
        return mount();
    };
    let pending: Rc<Cell<Option<Mount>>> = Rc::new(Cell::new(Some(Box::new(mount))));
    let go = {
        let pending = pending.clone();
        move || {
            if let Some(f) = pending.take() {
                f();
            }
        }
    };
    // After the frame that shows the image: a frame callback, then a task after it.
    let after_frame = {
        let go = go.clone();
        move || {
            let task = Closure::once_into_js(go.clone());
            let frame = Closure::once_into_js(move || {
                if let Some(w) = web_sys::window() {
                    let _ = w.set_timeout_with_callback(task.unchecked_ref());
                }
            });
            if let Some(w) = web_sys::window() {
                let _ = w.request_animation_frame(frame.unchecked_ref());
            }
        }
    };
    if image.complete() {
        after_frame();
    } else {
        let on = Closure::once_into_js(after_frame);
        let _ = image.add_event_listener_with_callback("load", on.unchecked_ref());
        let _ = image.add_event_listener_with_callback("error", on.unchecked_ref());
    }
    let cap = Closure::once_into_js(go);
    let _ = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(cap.unchecked_ref(), MAX_WAIT_MS);
}
