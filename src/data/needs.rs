//! What the view needs loaded: one effect per page that asks the store for the files of the
//! level drawn, its indicator (or view mode), the selection, and the detail of the gemeenten in
//! view. Asking twice costs nothing; the store fetches each file once.
mod detail;

use crate::context::MapContext;
use crate::data::DataStore;
use crate::derived::ranked_indicator;
use crate::views::ViewMode;
use buurtkaart_model::Level;
use leptos::prelude::*;

/// Loads what the current view needs, and again after "opnieuw proberen".
pub fn load_view(ctx: MapContext, store: DataStore) {
    detail::load_detail_in_view(store, ctx);
    Effect::new(move |_| {
        store.attempt.track();
        let Some(manifest) = store.manifest.get() else {
            return;
        };
        let level = ctx.level();
        store.ensure_geometry(Level::Gemeente);
        store.ensure_geometry(level);
        if let Some(sel) = ctx.selected() {
            store.ensure_geometry(sel.level());
        }
        if !ctx.view.with(|v| v.hide_names) {
            for named in crate::carto::labels::levels_at(ctx.scale.get()) {
                store.ensure_index(named);
                store.ensure_labels(named);
            }
        }
        match ctx.mode() {
            ViewMode::Standard => {
                if let Some(ind) = ctx.indicator_at(&store, level) {
                    // The first map needs only its column; once it is on screen the whole
                    // table follows, so that choosing another indicator of it is a lookup, not a
                    // download. The panel of a selected area reads the whole table at once.
                    if ctx.ready.get() || ctx.selected().is_some() {
                        store.ensure_table(level, &ind.group);
                    } else {
                        store.ensure_values(level, &ind);
                    }
                }
            }
            ViewMode::Change { .. } | ViewMode::Trend { .. } => {
                store.ensure_history();
                store.ensure_index(Level::Wijk);
            }
            ViewMode::Tenure => {
                store.ensure_index(Level::Buurt);
                store.ensure_table(Level::Buurt, "lbm");
                store.ensure_table(Level::Buurt, "cbs");
            }
            ViewMode::Relative => {
                store.ensure_index(Level::Buurt);
                let wanted = ctx.view.with(|v| v.indicator.clone());
                if let Some(ind) = ranked_indicator(&manifest, wanted.as_deref()) {
                    store.ensure_table(Level::Buurt, &ind.group);
                }
            }
        }
    });
}
