//! The page's handle on its map. The page creates one [`MapController`] and passes it as a prop
//! to the map and to whatever moves or reads the map (zoom buttons, exports): commands are
//! method calls, not events in a signal, and nobody has to be placed after the map to find it.
use super::{fit_visible, MapHandle};
use crate::carto::shapes::within;
use crate::carto::viewport::Bounds;
use crate::carto::Viewport;
use crate::context::MapContext;
use crate::data::DataStore;
use leptos::prelude::*;

/// How the map fits areas into view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FitPolicy {
    /// The app's page: fit into the part of the map a reader can see (above the bottom sheet in
    /// the phone layout, beside the sidebar otherwise).
    Page,
    /// An embed: the whole map, kept fitted to its focus area whatever else moved it (a first
    /// fit, a selection, a resize, a late data file).
    Embed,
}

/// The map's controls for the page that owns it (cheap to copy).
#[derive(Clone, Copy)]
pub struct MapController {
    handle: StoredValue<MapHandle, LocalStorage>,
    ctx: MapContext,
    store: DataStore,
    /// "Home": the country, or in an embed the focus area once its shapes are loaded.
    home: Memo<Option<Bounds>>,
    /// How this map fits areas.
    pub policy: FitPolicy,
}

impl MapController {
    /// A controller for a map of `ctx`'s view; the map itself is created by `MapView`.
    pub fn new(ctx: MapContext, store: DataStore, policy: FitPolicy) -> Self {
        let home = Memo::new(move |_| match ctx.only() {
            None => store.manifest.with(|m| {
                m.as_ref()
                    .map(|m| DataStore::projection().project_box(m.bbox))
            }),
            Some(only) => {
                let shapes = store.level(ctx.level()).shapes?;
                let items =
                    (0..shapes.len()).filter(|&i| within(&shapes.shapes[i].code, Some(&only)));
                shapes.union_bounds(items)
            }
        });
        MapController {
            handle: StoredValue::new_local(MapHandle::new()),
            ctx,
            store,
            home,
            policy,
        }
    }

    /// The canvas state shared with the map component.
    pub(super) fn handle(&self) -> MapHandle {
        self.handle.get_value()
    }

    /// The page context the map draws.
    pub(super) fn ctx(&self) -> MapContext {
        self.ctx
    }

    /// Whether fits leave room for the bottom sheet of the phone layout.
    pub(super) fn sheet(&self) -> bool {
        self.policy == FitPolicy::Page
    }

    /// The home bounds (tracked).
    pub(super) fn home_bounds(&self) -> Option<Bounds> {
        self.home.get()
    }

    /// The viewport on screen, once the map exists.
    pub fn viewport(&self) -> Option<Viewport> {
        self.handle.try_with_value(|h| h.viewport()).flatten()
    }

    /// The place names the map wrote in its last draw (CSS px), for the exports.
    pub fn placed_names(&self) -> Vec<super::PlacedName> {
        self.handle
            .try_with_value(|h| h.with(|r| r.placed_names.clone()))
            .flatten()
            .unwrap_or_default()
    }

    /// Changes the viewport, then tells the page and redraws.
    fn apply(&self, f: impl FnOnce(&mut Viewport)) {
        // The page may be gone (a click during navigation): then there is nothing to move.
        let Some(h) = self.handle.try_get_value() else {
            return;
        };
        if h.with(|r| f(&mut r.viewport)).is_some() {
            h.publish_view(self.ctx);
            h.request(true);
        }
    }

    /// Zooms by `factor` around the centre of the map.
    pub fn zoom(&self, factor: f64) {
        self.apply(|v| v.zoom_at(v.width / 2.0, v.height / 2.0, factor));
    }

    /// Shows the whole country (an embed: its whole area).
    pub fn home(&self) {
        let Some(b) = self.home.get_untracked() else {
            return;
        };
        let sheet = self.sheet();
        self.apply(|v| *v = fit_visible(v, b, 12.0, false, sheet));
    }

    /// Fits the embed's focus area into the whole map (the [`FitPolicy::Embed`] rule).
    pub(super) fn fit_focus(&self) {
        let (ctx, store) = (self.ctx, self.store);
        let bounds = untrack(|| {
            let shapes = store.level_untracked(ctx.level()).shapes?;
            let only = ctx.only();
            shapes.union_bounds(
                (0..shapes.len()).filter(|&i| within(&shapes.shapes[i].code, only.as_deref())),
            )
        });
        if let Some(b) = bounds {
            self.apply(|v| *v = Viewport::fit(v.width, v.height, b, 12.0));
        }
    }
}
