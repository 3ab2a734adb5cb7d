//! What the page derives from the URL state and the loaded data: the colouring of the view,
//! held in one [`Memo`] by [`crate::context::MapContext`]. The map, the legend, the tooltip, the
//! table of areas and the exports read that one value, and nothing downstream recolours unless it
//! changed. The rules are pure and live in `buurtkaart_core` ([`ViewState::drawn_level`],
//! [`indicator`], [`Colouring`]); loading is not done here ([`crate::data::needs`]): this only
//! reads what is in.
use crate::data::DataStore;
use crate::state::ViewState;
use crate::views::{Colouring, ViewMode};
use buurtkaart_model::{Level, Manifest};
use leptos::prelude::*;
use std::sync::Arc;

pub use buurtkaart_core::indicator::{ranked as ranked_indicator, shown as indicator};
pub use buurtkaart_core::state::DEFAULT_INDICATOR;

/// The level actually drawn for `level`: the gemeenten when that level's boundaries or names
/// failed to load, so the map stays usable until "opnieuw proberen" succeeds.
pub fn drawable_level(store: &DataStore, manifest: &Manifest, level: Level) -> Level {
    let Some(files) = manifest
        .level(level)
        .map(|l| [l.index_file.clone(), l.geometry_file.clone()])
    else {
        return level;
    };
    let failed = store
        .errors
        .with(|e| e.iter().any(|e| files.contains(&e.file())));
    if failed {
        Level::Gemeente
    } else {
        level
    }
}

/// The decoded column `id` of the loaded table `group` of `level` (tracked).
pub fn column(store: &DataStore, level: Level, group: &str, id: &str) -> Option<Vec<Option<f64>>> {
    let data = store.level(level);
    Some(data.tables.get(group)?.columns.get(id)?.decode())
}

/// The colouring of `view` from what is loaded (tracked): `None` while its data is still on
/// the way, [`Colouring::missing`] when a file it needs failed.
pub fn colouring(view: &ViewState, level: Level, store: &DataStore) -> Option<Arc<Colouring>> {
    let manifest = store.manifest.get()?;
    let (mode, lang, palette) = (view.mode, view.lang, view.palette);
    let wanted = view.indicator.as_deref();
    let level = drawable_level(store, &manifest, level);
    let built = match mode {
        ViewMode::Standard => match indicator(&manifest, wanted, level) {
            // Nothing to show at this level: every area without data, at once.
            None => Some(Colouring::missing(mode, level)),
            Some(ind) => (|| {
                let table = store.level(level).table_for(&ind)?;
                let values = table.columns.get(&ind.id)?.decode();
                Colouring::standard(&manifest, &ind, level, values, palette, lang)
            })(),
        },
        // The change view's map, and the trend view's (the change over its chosen period).
        ViewMode::Change { from, to } | ViewMode::Trend { from, to, .. } => (|| {
            let index = store.level(Level::Wijk).index?;
            let history = store.history()?;
            let change = Colouring::change(&index, &history, from, to, palette, lang);
            Some(Colouring { mode, ..change })
        })(),
        ViewMode::Tenure => (|| {
            let lbm = column(store, Level::Buurt, "lbm", "lbm_afw")?;
            let koop = column(store, Level::Buurt, "cbs", "koopwoningen")?;
            Some(Colouring::tenure(&lbm, &koop, lang))
        })(),
        ViewMode::Relative => (|| {
            let ind = ranked_indicator(&manifest, wanted)?;
            let index = store.level(Level::Buurt).index?;
            let values = column(store, Level::Buurt, &ind.group, &ind.id)?;
            Some(Colouring::relative(&index, &values, &ind, palette, lang))
        })(),
    };
    match built {
        Some(c) => Some(Arc::new(c)),
        // Nothing to wait for: draw every area without data rather than nothing at all.
        None if store.errors.with(|e| !e.is_empty()) => {
            Some(Arc::new(Colouring::missing(mode, level)))
        }
        None => None,
    }
}
