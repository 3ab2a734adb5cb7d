//! Pointer, wheel, pinch and keyboard handling of the map.
use super::{MapController, MapHandle};
use crate::context::{Hover, MapContext};
use crate::data::DataStore;
use buurtkaart_model::Level;
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::time::Duration;
use web_sys::{KeyboardEvent, PointerEvent, WheelEvent};

/// Pointers currently down and what they have done.
#[derive(Default)]
pub struct Gestures {
    pointers: BTreeMap<i32, (f64, f64)>,
    start: Option<(f64, f64)>,
    moved: bool,
    pinched: bool,
    /// The view when the first pointer went down, for a gesture the browser takes over.
    view0: Option<crate::carto::Viewport>,
}

/// The event handlers of the map element.
pub struct Handlers {
    pub pointerdown: Box<dyn FnMut(PointerEvent)>,
    pub pointermove: Box<dyn FnMut(PointerEvent)>,
    pub pointerup: std::rc::Rc<dyn Fn(PointerEvent)>,
    pub pointerleave: Box<dyn FnMut(PointerEvent)>,
    pub wheel: Box<dyn FnMut(WheelEvent)>,
    pub keydown: Box<dyn FnMut(KeyboardEvent)>,
}

fn pos(ev: &PointerEvent) -> (f64, f64) {
    (ev.offset_x() as f64, ev.offset_y() as f64)
}

/// After a gesture rests, tell the rest of the page the new scale (auto level, zoom UI).
fn settle(h: &MapHandle, ctx: MapContext) {
    h.after(Duration::from_millis(200), move |h| h.publish_view(ctx));
}

fn hit(
    h: &MapHandle,
    store: DataStore,
    ctx: MapContext,
    x: f64,
    y: f64,
) -> Option<(Level, usize, String)> {
    let level = h.with(|r| r.layer.as_ref().map(|l| l.level)).flatten()?;
    let shapes = store.level_untracked(level).shapes?;
    let v = h.viewport()?;
    let (wx, wy) = v.to_world(x, y);
    let i = shapes.hit(wx, wy)?;
    let code = shapes.shapes[i].code.clone();
    crate::carto::shapes::within(&code, ctx.only().as_deref()).then_some((level, i, code))
}

fn set_hover(h: &MapHandle, ctx: MapContext, found: Option<(Level, usize)>, x: f64, y: f64) {
    let idx = found.map(|f| f.1);
    let changed = h.with(|r| {
        let changed = r.hovered != idx;
        r.hovered = idx;
        changed
    });
    if changed == Some(true) {
        h.with(|r| r.draw_overlay());
    }
    ctx.hover
        .set(found.map(|(level, shape)| Hover { level, shape, x, y }));
}

/// Builds the handlers.
pub fn handlers(
    map: MapController,
    store: DataStore,
    on_select: Callback<(Level, String)>,
) -> Handlers {
    let h = map.handle();
    let ctx = map.ctx();
    let down = {
        let h = h.clone();
        Box::new(move |ev: PointerEvent| {
            if let Some(t) = ev.target() {
                use wasm_bindgen::JsCast;
                if let Ok(el) = t.dyn_into::<web_sys::Element>() {
                    let _ = el.set_pointer_capture(ev.pointer_id());
                }
            }
            let p = pos(&ev);
            let view0 = h.viewport();
            let mut g = h.gestures.borrow_mut();
            if g.pointers.is_empty() {
                g.start = Some(p);
                g.moved = false;
                g.pinched = false;
                g.view0 = view0;
            }
            g.pointers.insert(ev.pointer_id(), p);
            if g.pointers.len() > 1 {
                g.pinched = true;
            }
        }) as Box<dyn FnMut(PointerEvent)>
    };

    let mv = {
        let h = h.clone();
        Box::new(move |ev: PointerEvent| {
            let p = pos(&ev);
            let mut g = h.gestures.borrow_mut();
            let Some(&prev) = g.pointers.get(&ev.pointer_id()) else {
                drop(g);
                // Hover (mouse or pen without buttons).
                if ev.pointer_type() != "touch" {
                    let found = hit(&h, store, ctx, p.0, p.1).map(|(l, i, _)| (l, i));
                    set_hover(&h, ctx, found, p.0, p.1);
                }
                return;
            };
            if g.pointers.len() == 1 {
                if let Some(s) = g.start {
                    if (p.0 - s.0).hypot(p.1 - s.1) > 5.0 {
                        g.moved = true;
                    }
                }
                if g.moved {
                    h.with(|r| r.viewport.pan(p.0 - prev.0, p.1 - prev.1));
                }
                g.pointers.insert(ev.pointer_id(), p);
            } else {
                // Pinch: zoom by the change in distance around the midpoint, pan with the midpoint.
                let others: Vec<(f64, f64)> = g
                    .pointers
                    .iter()
                    .filter(|(id, _)| **id != ev.pointer_id())
                    .map(|(_, q)| *q)
                    .collect();
                let o = others[0];
                let d0 = (prev.0 - o.0).hypot(prev.1 - o.1).max(1.0);
                let d1 = (p.0 - o.0).hypot(p.1 - o.1).max(1.0);
                let m0 = ((prev.0 + o.0) / 2.0, (prev.1 + o.1) / 2.0);
                let m1 = ((p.0 + o.0) / 2.0, (p.1 + o.1) / 2.0);
                h.with(|r| {
                    r.viewport.pan(m1.0 - m0.0, m1.1 - m0.1);
                    r.viewport.zoom_at(m1.0, m1.1, d1 / d0);
                });
                g.moved = true;
                g.pointers.insert(ev.pointer_id(), p);
            }
            let moved = g.moved;
            drop(g);
            if moved {
                if let Some(b) = untrack(|| map.home_bounds()) {
                    h.with(|r| r.viewport.clamp_centre(b));
                }
                ctx.hover.set(None);
                h.request(false);
            }
        }) as Box<dyn FnMut(PointerEvent)>
    };

    let up = {
        let h = h.clone();
        std::rc::Rc::new(move |ev: PointerEvent| {
            let p = pos(&ev);
            let mut g = h.gestures.borrow_mut();
            if g.pointers.remove(&ev.pointer_id()).is_none() {
                return;
            }
            let tap = g.pointers.is_empty() && !g.moved && !g.pinched && ev.type_() == "pointerup";
            let ended = g.pointers.is_empty();
            // The browser took the gesture (in an embed, `touch-action: pan-y` lets a vertical
            // drag scroll the host page): the first moves it let through are undone.
            let taken = (ended && g.moved && ev.type_() == "pointercancel")
                .then_some(g.view0)
                .flatten();
            drop(g);
            if let Some(v0) = taken {
                h.with(|r| r.viewport = v0);
            }
            if tap {
                let found = hit(&h, store, ctx, p.0, p.1);
                // A finger has no hover: a tap shows the tooltip of what it touched (a tap on
                // nothing hides it), and a tap elsewhere moves it.
                if ev.pointer_type() == "touch" {
                    let at = found.as_ref().map(|(l, i, _)| (*l, *i));
                    set_hover(&h, ctx, at, p.0, p.1);
                }
                if let Some((level, _, code)) = found {
                    on_select.run((level, code));
                }
            } else if ended {
                // Not a full draw inside the gesture: a slow map shows its moved snapshot now
                // and repaints fully once the pointer has rested.
                h.request(false);
                settle(&h, ctx);
            }
        }) as std::rc::Rc<dyn Fn(PointerEvent)>
    };

    let leave = {
        let h = h.clone();
        Box::new(move |ev: PointerEvent| {
            // A lifted finger "leaves" too, right after its tap: keep the tap's tooltip.
            if ev.pointer_type() == "touch" {
                return;
            }
            if h.gestures.borrow().pointers.is_empty() {
                set_hover(&h, ctx, None, 0.0, 0.0);
            }
        }) as Box<dyn FnMut(PointerEvent)>
    };

    let wheel = {
        let h = h.clone();
        Box::new(move |ev: WheelEvent| {
            ev.prevent_default();
            let unit = match ev.delta_mode() {
                1 => 16.0,
                2 => 400.0,
                _ => 1.0,
            };
            let dy = (ev.delta_y() * unit).clamp(-300.0, 300.0);
            let factor = (-dy * 0.0022).exp();
            let (x, y) = (ev.offset_x() as f64, ev.offset_y() as f64);
            h.with(|r| r.viewport.zoom_at(x, y, factor));
            ctx.hover.set(None);
            h.request(false);
            settle(&h, ctx);
        }) as Box<dyn FnMut(WheelEvent)>
    };

    let key = {
        let h = h.clone();
        Box::new(move |ev: KeyboardEvent| {
            let step = 80.0;
            let Some(v) = h.viewport() else { return };
            let (cx, cy) = (v.width / 2.0, v.height / 2.0);
            let handled = match ev.key().as_str() {
                "ArrowLeft" => h.with(|r| r.viewport.pan(step, 0.0)).is_some(),
                "ArrowRight" => h.with(|r| r.viewport.pan(-step, 0.0)).is_some(),
                "ArrowUp" => h.with(|r| r.viewport.pan(0.0, step)).is_some(),
                "ArrowDown" => h.with(|r| r.viewport.pan(0.0, -step)).is_some(),
                "+" | "=" => h.with(|r| r.viewport.zoom_at(cx, cy, 1.5)).is_some(),
                "-" | "_" => h.with(|r| r.viewport.zoom_at(cx, cy, 1.0 / 1.5)).is_some(),
                "0" | "Home" => {
                    map.home();
                    true
                }
                "Enter" | " " => {
                    if let Some((level, _, code)) = hit(&h, store, ctx, cx, cy) {
                        on_select.run((level, code));
                    }
                    true
                }
                _ => false,
            };
            if handled {
                ev.prevent_default();
                if let Some(b) = untrack(|| map.home_bounds()) {
                    h.with(|r| r.viewport.clamp_centre(b));
                }
                // Show what is under the centre, as keyboard "hover".
                let found = hit(&h, store, ctx, cx, cy).map(|(l, i, _)| (l, i));
                set_hover(&h, ctx, found, cx, cy);
                h.request(true);
                settle(&h, ctx);
            }
        }) as Box<dyn FnMut(KeyboardEvent)>
    };

    Handlers {
        pointerdown: down,
        pointermove: mv,
        pointerup: up,
        pointerleave: leave,
        wheel,
        keydown: key,
    }
}
