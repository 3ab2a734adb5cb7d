//! What the page derives from the URL state and the loaded data: the level drawn and the
//! colouring of the view. Each is one [`Memo`]: the map, the legend, the tooltip, the table of
//! areas and the exports read the same value, and nothing downstream recolours unless it
//! changed. Loading is not done here (see [`crate::data::needs`]): these only read what is in.
use crate::data::DataStore;
use crate::state::{LevelMode, ViewState};
use crate::views::{Colouring, ViewMode};
use buurtkaart_model::{Indicator, Level, Manifest, ScaleKind};
use leptos::prelude::*;
use std::sync::Arc;

/// The default indicator: the Leefbaarometer class (total score).
pub const DEFAULT_INDICATOR: &str = "lbm_klasse";

/// The level the view draws: the view mode's own, or the URL's level (at `scale` for "auto").
pub fn level(view: &ViewState, scale: f64) -> Level {
    if let Some(level) = view.mode.level() {
        return level;
    }
    match view.level {
        LevelMode::Auto => LevelMode::Auto.level_at(scale),
        other => other.level_at(0.0),
    }
}

/// The indicator the view asks for (the default when it names none or an unknown one), as it
/// can be shown at `level` ([`Manifest::indicator_at`]).
pub fn indicator(manifest: &Manifest, wanted: Option<&str>, level: Level) -> Option<Indicator> {
    let id = wanted
        .filter(|id| manifest.indicator(id).is_some())
        .unwrap_or(DEFAULT_INDICATOR);
    manifest.indicator_at(id, level).cloned()
}

/// The indicator the relative view ranks by: the chosen one at buurt level, the LBM deviation
/// instead of the LBM class (ranks need a continuous value).
pub fn ranked_indicator(manifest: &Manifest, wanted: Option<&str>) -> Option<Indicator> {
    let ind = indicator(manifest, wanted, Level::Buurt)?;
    if ind.scale == ScaleKind::LbmClasses {
        return manifest.indicator("lbm_afw").cloned();
    }
    Some(ind)
}

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

fn column(store: &DataStore, level: Level, group: &str, id: &str) -> Option<Vec<Option<f64>>> {
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
        ViewMode::Standard => indicator(&manifest, wanted, level).and_then(|ind| {
            let table = store.level(level).table_for(&ind)?;
            let values = table.columns.get(&ind.id)?.decode();
            Colouring::standard(&manifest, &ind, level, values, palette, lang)
        }),
        ViewMode::Change { from, to } => (|| {
            let index = store.level(Level::Wijk).index?;
            let history = store.history()?;
            Some(Colouring::change(&index, &history, from, to, palette, lang))
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
        None if mode == ViewMode::Standard && indicator(&manifest, wanted, level).is_none() => {
            Some(Arc::new(Colouring::missing(mode, level)))
        }
        None => None,
    }
}
