//! Context shared by the map page's components: the URL view, what the map shows and does.
use crate::carto::viewport::Bounds;
use crate::data::DataStore;
use crate::lang::Lang;
use crate::state::{LevelMode, ViewState};
use crate::views::{Colouring, ViewMode};
use buurtkaart_model::{AreaCode, Indicator, Level, ScaleKind};
use leptos::prelude::*;
use std::sync::Arc;

/// The default indicator: the Leefbaarometer class (total score).
pub const DEFAULT_INDICATOR: &str = "lbm_klasse";

/// Something the map should do (from buttons, search, selection).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MapCommand {
    /// Zoom by a factor around the centre.
    Zoom(f64),
    /// Show the whole country.
    Home,
    /// Fit these world bounds.
    Fit(Bounds),
}

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
    /// Current map scale (CSS px per km), updated when a gesture ends.
    pub scale: RwSignal<f64>,
    /// Area under the pointer.
    pub hover: RwSignal<Option<Hover>>,
    /// Legend class highlighted (`Some(None)` = the no-data class).
    pub highlight: RwSignal<Option<Option<usize>>>,
    /// Pending command for the map.
    pub command: RwSignal<Option<MapCommand>>,
    /// Dark colour scheme in effect.
    pub dark: RwSignal<bool>,
    /// Set once the first full choropleth is on screen.
    pub ready: RwSignal<bool>,
    /// The world bounds on screen, updated when a gesture ends.
    pub bounds: RwSignal<Option<Bounds>>,
    /// Embeds: draw only this area and its children, fitted.
    pub focus: RwSignal<Option<AreaCode>>,
    /// The colouring of the view mode, once its data is loaded (`None` on the standard map).
    pub colouring: RwSignal<Option<Arc<Colouring>>>,
}

impl MapContext {
    /// A context for `view` with everything else at its start value.
    pub fn new(view: Memo<ViewState>) -> Self {
        MapContext {
            view,
            scale: RwSignal::new(1.0),
            hover: RwSignal::new(None),
            highlight: RwSignal::new(None),
            command: RwSignal::new(None),
            dark: RwSignal::new(false),
            ready: RwSignal::new(false),
            bounds: RwSignal::new(None),
            focus: RwSignal::new(None),
            colouring: RwSignal::new(None),
        }
    }

    /// The view mode.
    pub fn mode(&self) -> ViewMode {
        self.view.with(|v| v.mode)
    }

    /// The colouring of the view mode if it is ready and fits the mode asked for (tracked).
    pub fn view_colouring(&self) -> Option<Arc<Colouring>> {
        let mode = self.mode();
        self.colouring
            .get()
            .filter(|c| mode != ViewMode::Standard && c.mode == mode)
    }

    /// The UI language.
    pub fn lang(&self) -> Lang {
        self.view.with(|v| v.lang)
    }

    /// The level drawn now.
    pub fn level(&self) -> Level {
        if let Some(level) = self.mode().level() {
            return level;
        }
        let mode = self.view.with(|v| v.level);
        match mode {
            LevelMode::Auto => mode.level_at(self.scale.get()),
            other => other.level_at(0.0),
        }
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

    /// The indicator asked for, falling back to one that exists at `level`:
    /// the LBM class becomes the LBM deviation for wijken (the newest wijk figure is 2022).
    pub fn indicator_at(&self, store: &DataStore, level: Level) -> Option<Indicator> {
        let wanted = self
            .view
            .with(|v| v.indicator.clone())
            .unwrap_or_else(|| DEFAULT_INDICATOR.to_string());
        store.manifest.with(|m| {
            let m = m.as_ref()?;
            let ind = m
                .indicator(&wanted)
                .or_else(|| m.indicator(DEFAULT_INDICATOR))?;
            if ind.at(level).is_some() {
                return Some(ind.clone());
            }
            // Same group, another indicator that exists at this level (class → deviation).
            m.indicators
                .iter()
                .find(|i| {
                    i.group == ind.group
                        && i.at(level).is_some()
                        && i.scale != ScaleKind::LbmClasses
                })
                .cloned()
        })
    }
}
