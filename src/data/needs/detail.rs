//! Which gemeenten get their full-detail geometry: those in view once the map is zoomed in
//! past the manifest's `detail_scale`, and the gemeente of the selected area.
use crate::carto::viewport::Bounds;
use crate::context::MapContext;
use crate::data::DataStore;
use buurtkaart_model::Level;
use leptos::prelude::*;

/// At most this many gemeenten are refined for one view (a wide view at the threshold on a
/// large screen); beyond it the overview is detailed enough.
const MAX_IN_VIEW: usize = 60;

/// Whether two bounds overlap.
fn overlaps(a: Bounds, b: Bounds) -> bool {
    a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]
}

/// Loads the detail of the gemeenten the view needs, whenever the view rests somewhere new.
pub fn load_detail_in_view(store: DataStore, ctx: MapContext) {
    Effect::new(move |_| {
        store.attempt.track();
        let Some(threshold) = store.manifest.with(|m| m.as_ref().map(|m| m.detail_scale)) else {
            return;
        };
        let level = ctx.level();
        // A selection that exists (an unknown code in the URL fetches nothing).
        if let Some(sel) = ctx.selected() {
            let known = store
                .level(sel.level())
                .rows
                .is_some_and(|r| r.contains_key(sel.as_str()));
            if known {
                let g = sel.gemeente().to_string();
                store.ensure_detail_geometry(sel.level(), &g);
                store.ensure_detail_geometry(Level::Gemeente, &g);
            }
        }
        let (scale, Some(view)) = (ctx.scale.get(), ctx.bounds.get()) else {
            return;
        };
        let Some(gemeenten) = store.level(Level::Gemeente).shapes else {
            return;
        };
        if scale < threshold {
            return;
        }
        let in_view: Vec<&str> = gemeenten
            .shapes
            .iter()
            .filter(|s| overlaps(s.bounds, view))
            .map(|s| s.code.as_str())
            .collect();
        for g in in_view.into_iter().take(MAX_IN_VIEW) {
            store.ensure_detail_geometry(level, g);
            if level != Level::Gemeente {
                store.ensure_detail_geometry(Level::Gemeente, g);
            }
        }
    });
}
