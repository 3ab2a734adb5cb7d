//! The few browser APIs the embed and the exports need beyond the crate's web-sys features:
//! Blob and object URLs, the clipboard, `<dialog>`, `ResizeObserver`, `Image`, `canvas.toBlob`,
//! and posting to the parent window. Every call that can throw is caught; nothing here panics.
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// A `Blob`.
    #[wasm_bindgen(js_name = Blob)]
    pub type Blob;
    #[wasm_bindgen(constructor, js_class = "Blob", catch)]
    fn new(parts: &Array, options: &Object) -> Result<Blob, JsValue>;

    #[wasm_bindgen(js_namespace = URL, js_name = createObjectURL, catch)]
    fn create_object_url(blob: &Blob) -> Result<String, JsValue>;
    #[wasm_bindgen(js_namespace = URL, js_name = revokeObjectURL, catch)]
    fn revoke_object_url(url: &str) -> Result<(), JsValue>;

    #[wasm_bindgen(js_namespace = ["navigator", "clipboard"], js_name = writeText, catch)]
    fn clipboard_write_text(text: &str) -> Result<js_sys::Promise, JsValue>;

    /// An HTML `<dialog>`.
    #[wasm_bindgen(extends = web_sys::HtmlElement)]
    pub type Dialog;
    #[wasm_bindgen(method, js_name = showModal, catch)]
    fn show_modal(this: &Dialog) -> Result<(), JsValue>;
    #[wasm_bindgen(method, js_name = close)]
    fn close_dialog(this: &Dialog);
    #[wasm_bindgen(method, getter, js_name = open)]
    fn is_open(this: &Dialog) -> bool;

    /// A `ResizeObserver`.
    pub type ResizeObserver;
    #[wasm_bindgen(constructor, catch)]
    fn new(callback: &js_sys::Function) -> Result<ResizeObserver, JsValue>;
    #[wasm_bindgen(method)]
    fn observe(this: &ResizeObserver, target: &web_sys::Element);
    #[wasm_bindgen(method)]
    fn disconnect(this: &ResizeObserver);

    /// An `Image` (`<img>`), for rasterising an SVG.
    #[wasm_bindgen(js_name = Image)]
    type Img;
    #[wasm_bindgen(constructor, js_class = "Image", catch)]
    fn new() -> Result<Img, JsValue>;
    #[wasm_bindgen(method, setter, js_name = src)]
    fn set_src(this: &Img, src: &str);
    #[wasm_bindgen(method, setter, js_name = onload)]
    fn set_onload(this: &Img, f: &js_sys::Function);
    #[wasm_bindgen(method, setter, js_name = onerror)]
    fn set_onerror(this: &Img, f: &js_sys::Function);

    type Ctx2d;
    #[wasm_bindgen(method, js_name = drawImage, catch)]
    fn draw_image(this: &Ctx2d, img: &Img, x: f64, y: f64, w: f64, h: f64) -> Result<(), JsValue>;

    type CanvasEl;
    #[wasm_bindgen(method, js_name = toBlob, catch)]
    fn to_blob(this: &CanvasEl, callback: &js_sys::Function, mime: &str) -> Result<(), JsValue>;
}

fn js_error(e: JsValue) -> String {
    e.as_string()
        .or_else(|| {
            Reflect::get(&e, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
        })
        .unwrap_or_else(|| "onbekende fout".to_string())
}

/// A Blob of `text` with MIME type `mime`.
pub fn text_blob(text: &str, mime: &str) -> Result<Blob, String> {
    let opts = Object::new();
    Reflect::set(&opts, &"type".into(), &mime.into()).map_err(js_error)?;
    Blob::new(&Array::of1(&JsValue::from_str(text)), &opts).map_err(js_error)
}

/// Saves `blob` as a download named `name` (through a temporary `<a download>`).
pub fn download(blob: &Blob, name: &str) -> Result<(), String> {
    let url = create_object_url(blob).map_err(js_error)?;
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("geen document")?;
    let a: web_sys::HtmlElement = doc.create_element("a").map_err(js_error)?.unchecked_into();
    a.set_attribute("href", &url).map_err(js_error)?;
    a.set_attribute("download", name).map_err(js_error)?;
    a.set_attribute("hidden", "").map_err(js_error)?;
    if let Some(body) = doc.body() {
        let _ = body.append_child(&a);
    }
    a.click();
    a.remove();
    // Revoking at once can cancel the download in some browsers; a minute is plenty.
    leptos::prelude::set_timeout(
        move || {
            let _ = revoke_object_url(&url);
        },
        std::time::Duration::from_secs(60),
    );
    Ok(())
}

/// Copies `text` to the clipboard; `done(true)` on success, `done(false)` when the browser
/// refuses (then the caller selects the text for Ctrl+C).
pub fn copy_text(text: &str, done: impl FnOnce(bool) + 'static) {
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(
        Box::new(done) as Box<dyn FnOnce(bool)>
    )));
    let call = move |ok: bool| {
        if let Some(f) = done.borrow_mut().take() {
            f(ok);
        }
    };
    match clipboard_write_text(text) {
        Ok(promise) => {
            let ok = call.clone();
            let on_ok = Closure::<dyn FnMut(JsValue)>::once(move |_: JsValue| ok(true));
            let on_err = Closure::<dyn FnMut(JsValue)>::once(move |_: JsValue| call(false));
            let _ = promise.then2(&on_ok, &on_err);
            // Each runs at most once; the promise keeps them until then.
            on_ok.forget();
            on_err.forget();
        }
        Err(_) => call(false),
    }
}

/// Opens `el` (a `<dialog>`) as a modal; false if the browser cannot.
pub fn show_modal(el: &web_sys::HtmlElement) -> bool {
    let d: &Dialog = el.unchecked_ref();
    if d.is_open() {
        return true;
    }
    d.show_modal().is_ok()
}

/// Closes `el` (a `<dialog>`).
pub fn close_modal(el: &web_sys::HtmlElement) {
    let d: &Dialog = el.unchecked_ref();
    d.close_dialog();
}

/// Calls `on_resize` whenever `el` changes size; keep the observer alive, drop it with
/// [`ResizeObserver::disconnect`]. `None` where `ResizeObserver` is missing.
pub fn observe_size(
    el: &web_sys::Element,
    on_resize: impl FnMut() + 'static,
) -> Option<ResizeObserver> {
    let mut f = on_resize;
    let cb = Closure::<dyn FnMut(JsValue)>::new(move |_| f());
    let obs = ResizeObserver::new(cb.as_ref().unchecked_ref()).ok()?;
    cb.forget();
    obs.observe(el);
    Some(obs)
}

impl ResizeObserver {
    /// Stops observing.
    pub fn stop(&self) {
        self.disconnect();
    }
}

/// Rasterises an SVG document (`width` x `height` CSS px) at `scale` into a PNG Blob.
pub fn svg_to_png(
    svg: &str,
    width: u32,
    height: u32,
    scale: f64,
    done: impl FnOnce(Result<Blob, String>) + 'static,
) {
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(
        Box::new(done) as Box<dyn FnOnce(Result<Blob, String>)>
    )));
    let finish = move |r: Result<Blob, String>| {
        if let Some(f) = done.borrow_mut().take() {
            f(r);
        }
    };
    let start = || -> Result<(Img, String), String> {
        let blob = text_blob(svg, "image/svg+xml;charset=utf-8")?;
        let url = create_object_url(&blob).map_err(js_error)?;
        Ok((Img::new().map_err(js_error)?, url))
    };
    let (img, url) = match start() {
        Ok(v) => v,
        Err(e) => return finish(Err(e)),
    };
    let (w, h) = (
        (width as f64 * scale).round(),
        (height as f64 * scale).round(),
    );
    let img_ref: Img = JsValue::from(&img).unchecked_into();
    let url2 = url.clone();
    let fin_ok = finish.clone();
    let on_load = Closure::once_into_js(move |_: JsValue| {
        let _ = revoke_object_url(&url2);
        let img = img_ref;
        let draw = || -> Result<CanvasEl, String> {
            let doc = web_sys::window()
                .and_then(|w| w.document())
                .ok_or("geen document")?;
            let canvas: web_sys::HtmlCanvasElement = doc
                .create_element("canvas")
                .map_err(js_error)?
                .unchecked_into();
            canvas.set_width(w as u32);
            canvas.set_height(h as u32);
            let ctx = canvas
                .get_context("2d")
                .map_err(js_error)?
                .ok_or("geen 2D-canvas")?;
            let ctx: Ctx2d = ctx.unchecked_into();
            ctx.draw_image(&img, 0.0, 0.0, w, h).map_err(js_error)?;
            Ok(canvas.unchecked_into())
        };
        match draw() {
            Ok(canvas) => {
                let fin = fin_ok.clone();
                let cb = Closure::once_into_js(move |b: JsValue| {
                    if b.is_null() || b.is_undefined() {
                        fin(Err("de afbeelding kon niet worden gemaakt".into()));
                    } else {
                        fin(Ok(b.unchecked_into()));
                    }
                });
                if let Err(e) = canvas.to_blob(cb.unchecked_ref(), "image/png") {
                    fin_ok(Err(js_error(e)));
                }
            }
            Err(e) => fin_ok(Err(e)),
        }
    });
    let url3 = url.clone();
    let on_error = Closure::once_into_js(move |_: JsValue| {
        let _ = revoke_object_url(&url3);
        finish(Err("de kaart kon niet als afbeelding worden gelezen".into()));
    });
    img.set_onload(on_load.unchecked_ref());
    img.set_onerror(on_error.unchecked_ref());
    img.set_src(&url);
}

/// Posts `message` to the parent window, if this page is in a frame. Never throws.
pub fn post_to_parent(message: &JsValue) {
    let Some(win) = web_sys::window() else { return };
    let Ok(Some(parent)) = win.parent() else {
        return;
    };
    if Object::is(&parent, &win) {
        return;
    }
    let _ = parent.post_message(message, "*");
}

/// Whether this page is shown inside a frame.
pub fn in_frame() -> bool {
    let Some(win) = web_sys::window() else {
        return false;
    };
    match win.parent() {
        Ok(Some(parent)) => !Object::is(&parent, &win),
        _ => false,
    }
}

/// Turns JSON text into a JS value for `postMessage` (an object, so that scripts reading
/// `event.data["datawrapper-height"]` work).
pub fn json_value(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap_or_else(|_| JsValue::from_str(text))
}

/// The text of a message's data: a string as is, anything else as JSON (bounded by the caller).
pub fn message_text(data: &JsValue) -> Option<String> {
    if let Some(s) = data.as_string() {
        return Some(s);
    }
    if data.is_object() {
        return js_sys::JSON::stringify(data)
            .ok()
            .and_then(|s| s.as_string());
    }
    None
}

/// The document's base URL (`https://host/sub/`), for absolute links.
pub fn base_url() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_else(|| "/".to_string())
}

/// Today as (year, month 1–12, day).
pub fn today() -> (i32, u32, u32) {
    let d = js_sys::Date::new_0();
    (d.get_full_year() as i32, d.get_month() + 1, d.get_date())
}
