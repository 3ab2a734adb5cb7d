//! Context shared by the map page's components: the URL view, what the map shows and does.
use crate::carto::viewport::Bounds;
use crate::data::DataStore;
use crate::lang::Lang;
use crate::state::{Notice, ViewState};
use crate::views::{Colouring, ViewMode};
use buurtkaart_model::{AreaCode, Indicator, Level};
use leptos::prelude::*;
use std::sync::Arc;

pub use crate::derived::DEFAULT_INDICATOR;

/// The area under the pointer or keyboard focus.
#[derive(Debug, Clone, PartialEq)]
pub struct Hover {
    /// Level of the area.
    pub level: Level,
    /// Shape index in that level's shapes.
    pub shape: usize,
    /// Screen position (CSS px, relative to the map) for the tooltip.
    pub x: f64,
    /// See `x`.
    pub y: f64,
}

/// Shared state of the map page.
#[derive(Clone, Copy)]
pub struct MapContext {
    /// What the URL says.
    pub view: Memo<ViewState>,
    /// What was wrong with the URL (parsed once, with `view`).
    pub url_notices: Signal<Vec<Notice>>,
    /// Current map scale (CSS px per km), updated when a gesture ends.
    pub scale: RwSignal<f64>,
    /// Area under the pointer.
    pub hover: RwSignal<Option<Hover>>,
    /// Legend class highlighted (`Some(None)` = the no-data class).
    pub highlight: RwSignal<Option<Option<usize>>>,
    /// Dark colour scheme in effect.
    pub dark: RwSignal<bool>,
    /// Set once the first full choropleth is on screen.
    pub ready: RwSignal<bool>,
    /// The world bounds on screen, updated when a gesture ends.
    pub bounds: RwSignal<Option<Bounds>>,
    /// Embeds: draw only this area and its children, fitted.
    pub focus: RwSignal<Option<AreaCode>>,
    /// The level the view draws (derived from `view` and `scale`).
    level: Memo<Level>,
    /// The colouring of the view once its data is in (derived: [`crate::derived::colouring`]).
    pub colouring: Memo<Option<Arc<Colouring>>>,
    /// A point marked on the map (lon, lat): the address chosen in the search box or the
    /// reader's position ("Waar ben ik?"), so they see where exactly in the buurt it lies.
    pub pin: RwSignal<Option<(f64, f64)>>,
    /// Areas shown at full strength while the reader points at something that stands for
    /// them (a line of the trend chart: its wijken); the others are dimmed. `None`: all.
    pub emphasis: RwSignal<Option<Arc<Vec<String>>>>,
}

impl MapContext {
    /// A context for `view` (and what its URL parse noticed), deriving the level and colouring
    /// from it and the loaded data in `store`.
    pub fn new(view: Memo<ViewState>, url_notices: Signal<Vec<Notice>>, store: DataStore) -> Self {
        let scale = RwSignal::new(1.0);
        let level = Memo::new(move |_| {
            let s = scale.get();
            view.with(|v| v.drawn_level(s))
        });
        let colouring =
            Memo::new(move |_| view.with(|v| crate::derived::colouring(v, level.get(), &store)));
        MapContext {
            view,
            url_notices,
            scale,
            hover: RwSignal::new(None),
            highlight: RwSignal::new(None),
            dark: RwSignal::new(false),
            ready: RwSignal::new(false),
            bounds: RwSignal::new(None),
            focus: RwSignal::new(None),
            level,
            colouring,
            pin: RwSignal::new(None),
            emphasis: RwSignal::new(None),
        }
    }

    /// The view mode.
    pub fn mode(&self) -> ViewMode {
        self.view.with(|v| v.mode)
    }

    /// The colouring on the map, if it colours `level` (tracked).
    pub fn colouring_at(&self, level: Level) -> Option<Arc<Colouring>> {
        self.colouring.get().filter(|c| c.level == level)
    }

    /// The UI language.
    pub fn lang(&self) -> Lang {
        self.view.with(|v| v.lang)
    }

    /// The level drawn now.
    pub fn level(&self) -> Level {
        self.level.get()
    }

    /// The focus as a code-body prefix for [`crate::carto::shapes::within`]: a gemeente's four
    /// characters, or the wijk's six (for a wijk, and for a buurt: its wijk's buurten).
    pub fn only(&self) -> Option<String> {
        self.focus.with(|f| {
            f.as_ref().map(|c| match c.level() {
                Level::Gemeente => c.as_str()[2..6].to_string(),
                _ => c.as_str()[2..8].to_string(),
            })
        })
    }

    /// The selected area.
    pub fn selected(&self) -> Option<AreaCode> {
        self.view.with(|v| v.selected.clone())
    }

    /// The indicator asked for, as it can be shown at `level` ([`crate::derived::indicator`]).
    pub fn indicator_at(&self, store: &DataStore, level: Level) -> Option<Indicator> {
        let manifest = store.manifest.get()?;
        self.view
            .with(|v| crate::derived::indicator(&manifest, v.indicator.as_deref(), level))
    }
}
