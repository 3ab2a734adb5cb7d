//! The hover/focus tooltip: name, parent area, value with its class label.
use crate::context::MapContext;
use crate::data::DataStore;
use crate::format;
use buurtkaart_model::{AreaCode, Level};
use leptos::html;
use leptos::prelude::*;

/// Text lines of the tooltip for shape `shape` of `level`.
fn lines(
    ctx: &MapContext,
    store: &DataStore,
    level: Level,
    shape: usize,
) -> Option<(String, String, String)> {
    let lang = ctx.lang();
    let data = store.level(level);
    let shapes = data.shapes.clone()?;
    let s = shapes.shapes.get(shape)?;
    let code = AreaCode::parse(&s.code).ok()?;
    let name = s
        .row
        .and_then(|r| data.index.as_ref().map(|i| i.names[r].clone()))
        .unwrap_or_else(|| s.code.clone());
    let mut parents = Vec::new();
    if let Some(w) = code.wijk().filter(|_| level == Level::Buurt) {
        if let Some(n) = store.name(&w) {
            parents.push(n);
        }
    }
    if level != Level::Gemeente {
        parents.push(
            store
                .name(&code.gemeente())
                .unwrap_or_else(|| code.gemeente().to_string()),
        );
    }
    // Until the view's colouring is in, the name alone.
    let value = match (ctx.colouring_at(level), s.row) {
        (Some(c), Some(r)) => c.tooltip_text(r, lang),
        (Some(_), None) => format::no_data(lang).to_string(),
        (None, _) => String::new(),
    };
    Some((name, parents.join(", "), value))
}

/// Where a box of `size` starts along one axis of a map of `room` for a point at `at`: after
/// it by 14 px, else before it, else against the map's start.
fn side(at: f64, size: f64, room: f64) -> f64 {
    let after = at + 14.0;
    let start = if after + size <= room - 4.0 || room <= 0.0 {
        after
    } else {
        (at - 14.0 - size)
            .max(4.0)
            .min((room - size - 4.0).max(4.0))
    };
    start.round()
}

/// Floating tooltip near the pointer (or the map centre for keyboard users).
#[component]
pub fn Tooltip() -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let store = expect_context::<DataStore>();
    let content = Memo::new(move |_| {
        let h = ctx.hover.get()?;
        let text = lines(&ctx, &store, h.level, h.shape)?;
        Some((h.x, h.y, text))
    });
    // Near the map's right or bottom edge (a tap on a phone) the tooltip goes to the other
    // side of the point, so the map's edge never cuts it off.
    let tip: NodeRef<html::Div> = NodeRef::new();
    Effect::new(move |_| {
        let Some((x, y, _)) = content.get() else {
            return;
        };
        request_animation_frame(move || {
            let Some(el) = tip.try_get_untracked().flatten() else {
                return;
            };
            let Some(map) = el.parent_element() else {
                return;
            };
            let (mw, mh) = (map.client_width() as f64, map.client_height() as f64);
            let (w, h) = (el.offset_width() as f64, el.offset_height() as f64);
            let (left, top) = (side(x, w, mw), side(y, h, mh));
            let _ = web_sys::HtmlElement::style(&el)
                .set_property("transform", &format!("translate({left}px, {top}px)"));
        });
    });
    view! {
        <Show when=move || content.with(|c| c.is_some())>
            {move || content.get().map(|(x, y, (name, parent, value))| {
                let style = format!("transform: translate({}px, {}px)", (x + 14.0).round(), (y + 14.0).round());
                view! {
                    <div class="tooltip" role="status" style=style node_ref=tip>
                        <strong class="tooltip-name">{name}</strong>
                        <span class="tooltip-parent">{parent}</span>
                        <span class="tooltip-value">{value}</span>
                    </div>
                }
            })}
        </Show>
    }
}
