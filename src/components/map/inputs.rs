//! What the choropleth's colours depend on, gathered into one value that compares cheaply.
//!
//! The colour effect redraws all areas, so it must run only when something it uses changes.
//! Reading the store or the URL view directly subscribes it to every file that arrives (names
//! of another level, a gemeente's detail series) and to every URL change (a selection), each of
//! which cost a full redraw. A [`Memo`](leptos::prelude::Memo) of [`ColourInputs`] only
//! notifies when one of these inputs really changed. Keep it in step with the effect
//! (`mod.rs`): an input missing here is a map that does not recolour.
use crate::carto::AreaShapes;
use crate::context::MapContext;
use crate::data::{DataStore, LevelData};
use crate::scale::palette::Palette;
use crate::views::{Colouring, ViewMode};
use buurtkaart_model::{Level, Manifest, ValueTable};
use leptos::prelude::*;
use std::sync::Arc;

/// The loaded files of one level that colouring reads, compared by identity (holding the
/// `Arc`s keeps their addresses from being reused while compared).
#[derive(Clone, Default)]
struct Loaded {
    shapes: Option<Arc<AreaShapes>>,
    tables: Vec<(String, Arc<ValueTable>)>,
}

impl Loaded {
    fn of(data: &LevelData) -> Self {
        // Group tables and single-column tables (`column:{id}`) alike.
        let mut tables: Vec<(String, Arc<ValueTable>)> = data
            .tables
            .iter()
            .map(|(g, t)| (g.clone(), t.clone()))
            .chain(
                data.columns
                    .iter()
                    .map(|(id, t)| (format!("column:{id}"), t.clone())),
            )
            .collect();
        tables.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        Loaded {
            shapes: data.shapes.clone(),
            tables,
        }
    }
}

fn same<T>(a: &Option<Arc<T>>, b: &Option<Arc<T>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    }
}

impl PartialEq for Loaded {
    fn eq(&self, other: &Self) -> bool {
        same(&self.shapes, &other.shapes)
            && self.tables.len() == other.tables.len()
            && self
                .tables
                .iter()
                .zip(&other.tables)
                .all(|(a, b)| a.0 == b.0 && Arc::ptr_eq(&a.1, &b.1))
    }
}

/// Everything the colour effect of the map reads (tracked when built).
#[derive(Clone)]
pub struct ColourInputs {
    level: Level,
    mode: ViewMode,
    /// The view mode's colouring (by identity).
    colouring: Option<Arc<Colouring>>,
    indicator: Option<String>,
    palette: Palette,
    dark: bool,
    highlight: Option<Option<usize>>,
    only: Option<String>,
    manifest: Option<Arc<Manifest>>,
    errors: usize,
    /// The drawn level and the gemeenten (drawn beneath, and the fallback level).
    loaded: [Loaded; 2],
}

impl PartialEq for ColourInputs {
    fn eq(&self, o: &Self) -> bool {
        self.level == o.level
            && self.mode == o.mode
            && same(&self.colouring, &o.colouring)
            && self.indicator == o.indicator
            && self.palette == o.palette
            && self.dark == o.dark
            && self.highlight == o.highlight
            && self.only == o.only
            && same(&self.manifest, &o.manifest)
            && self.errors == o.errors
            && self.loaded == o.loaded
    }
}

/// Reads (and so tracks) the colour effect's inputs.
pub fn colour_inputs(ctx: MapContext, store: DataStore) -> ColourInputs {
    let level = ctx.level();
    let (indicator, palette, mode) = ctx.view.with(|v| (v.indicator.clone(), v.palette, v.mode));
    ColourInputs {
        level,
        mode,
        colouring: ctx.colouring.get(),
        indicator,
        palette,
        dark: ctx.dark.get(),
        highlight: ctx.highlight.get(),
        only: ctx.only(),
        manifest: store.manifest.get(),
        errors: store.errors.with(|e| e.len()),
        loaded: [
            Loaded::of(&store.level(level)),
            Loaded::of(&store.level(Level::Gemeente)),
        ],
    }
}
