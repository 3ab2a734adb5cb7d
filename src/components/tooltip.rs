//! The hover/focus tooltip: name, parent area, value with its class label.
use crate::context::MapContext;
use crate::data::DataStore;
use crate::format;
use buurtkaart_model::{AreaCode, Level};
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
    view! {
        <Show when=move || content.with(|c| c.is_some())>
            {move || content.get().map(|(x, y, (name, parent, value))| {
                let style = format!("transform: translate({}px, {}px)", (x + 14.0).round(), (y + 14.0).round());
                view! {
                    <div class="tooltip" role="status" style=style>
                        <strong class="tooltip-name">{name}</strong>
                        <span class="tooltip-parent">{parent}</span>
                        <span class="tooltip-value">{value}</span>
                    </div>
                }
            })}
        </Show>
    }
}
