//! Draws a level's areas on a canvas: one `Path2d` per class, built from the topology's arcs
//! (see `paths`) and filled with the world transform. An overlay canvas carries hover and
//! selection, so moving the pointer never repaints the choropleth.
//!
//! After a full draw, an [`IdMap`] of the same view is built when the map rests; a recolour of
//! the same geometry then paints from it at once ([`Renderer::recolour`]) and the anti-aliased
//! full draw follows when the user pauses.
#[path = "fulldraw.rs"]
mod fulldraw;

use super::idmap::{area_id, IdMap, UNDERLAY};
use super::names::{Names, PlacedName};
use super::paths::{PathCache, M_PER_KM};
use super::tiles::TileLayer;
use crate::carto::shapes::{for_each_point, within};
use crate::carto::viewport::Bounds;
use crate::carto::{AreaShapes, Viewport};
use crate::scale::palette::Rgb;
use buurtkaart_model::Level;
use fulldraw::FullDraw;
pub use fulldraw::Progress;
use std::sync::Arc;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData, Path2d};

/// What to draw: a level coloured by classes.
pub struct Layer {
    /// The level drawn.
    pub level: Level,
    /// Its shapes.
    pub shapes: Arc<AreaShapes>,
    /// Class per shape (`None` = no data).
    pub class_of: Vec<Option<u8>>,
    /// Fill per class.
    pub colours: Vec<Rgb>,
    /// Fill for "no data".
    pub no_data: Rgb,
    /// Only this class at full strength (legend highlight).
    pub highlight: Option<Option<usize>>,
    /// Per shape: at full strength (`None`: all are). Pointing at a trend line dims the wijken
    /// outside its group.
    pub emphasis: Option<Vec<bool>>,
    /// Gemeenten drawn beneath (no-data style) and outlined on top.
    pub gemeenten: Option<Arc<AreaShapes>>,
    /// Thin border between areas (RGBA).
    pub border: [u8; 4],
    /// Gemeente outline colour.
    pub outline: String,
    /// Draw only areas within this focus (code body prefix, see [`within`]).
    pub only: Option<String>,
    /// Fill of the surroundings when the focus is narrower than its gemeente (a wijk or buurt
    /// embed): the rest of the gemeente is context, muted, not "no data".
    pub context: Option<(Rgb, [u8; 4])>,
}

impl Layer {
    /// Whether shape `i` is dimmed because something else is emphasised.
    fn muted(&self, i: usize) -> bool {
        self.emphasis
            .as_ref()
            .is_some_and(|e| !e.get(i).copied().unwrap_or(false))
    }

    /// The fill beneath the level's areas: the muted context, else "no data".
    fn underlay(&self) -> Rgb {
        self.context.map_or(self.no_data, |c| c.0)
    }

    /// Whether the focus is narrower than a gemeente (its other areas are drawn as context).
    fn narrow_focus(&self) -> bool {
        self.context.is_some() && self.only.as_ref().is_some_and(|o| o.len() > 4)
    }
}

/// Canvas state and caches of the map.
pub struct Renderer {
    base: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    overlay: HtmlCanvasElement,
    octx: CanvasRenderingContext2d,
    snapshot: HtmlCanvasElement,
    sctx: CanvasRenderingContext2d,
    snap_viewport: Option<Viewport>,
    /// The view of the full frame on the base canvas, while it shows one (the snapshot for
    /// gestures is copied from it when the first gesture needs it, not after every draw).
    base_viewport: Option<Viewport>,
    /// A full draw under way (painted in bands on a big canvas).
    full: Option<FullDraw>,
    /// Full draws started, to tell a draw's bands from an earlier one's.
    draws: u32,
    /// What is on screen.
    pub viewport: Viewport,
    dpr: f64,
    paths: PathCache,
    /// The layer drawn by [`Renderer::draw_full`].
    pub layer: Option<Layer>,
    /// Duration of the last full draw (ms).
    pub last_full_ms: f64,
    /// Hovered shape of the drawn level.
    pub hovered: Option<usize>,
    /// Draw the selection with a halo (an embed's marked area must stand out).
    pub halo: bool,
    /// Selected shape (level and index).
    pub selected: Option<(Level, usize)>,
    /// Colours of the hover/selection outlines.
    pub focus_colours: (String, String),
    /// Outline of the selected shape, built by [`Renderer::prepare`].
    selected_path: Option<(Level, usize, Path2d, Bounds)>,
    /// Outline of the area pinned for comparison (dashed), when it is not the selected one.
    pinned_path: Option<(Path2d, Bounds)>,
    /// The device pixels the overlay drew on last (clearing the whole overlay again took
    /// 100 ms on a 4K screen).
    overlay_dirty: std::cell::Cell<Option<Bounds>>,
    /// What the last full draw drew, with its gemeente outlines and whether it drew borders.
    drawn: Option<Drawn>,
    /// Area per pixel of a full draw's geometry, once built ([`Renderer::build_ids`]).
    ids: Option<(Geometry, IdMap)>,
    /// Pixels of the last recolour (reused).
    rgba: Vec<u8>,
    /// Paths built for the next full draw, if any.
    prepared: Option<Prepared>,
    /// Place names to write over the choropleth (`None`: names off).
    pub names: Option<Names>,
    /// The names written by the last draw (CSS px), for the exports.
    pub placed_names: Vec<PlacedName>,
    /// The background map beneath the choropleth, if the page has one.
    pub tiles: Option<TileLayer>,
    /// The fill opacity of the last full draw or recolour (1: no background showing through).
    pub drawn_alpha: f64,
    /// A point marked on the map (projected km): a searched address or the reader's position.
    pub pin: Option<(f64, f64)>,
}

/// What decides which area covers which pixel: everything of a layer but its colours.
#[derive(Clone)]
struct Geometry {
    level: Level,
    shapes: Arc<AreaShapes>,
    gemeenten: Option<Arc<AreaShapes>>,
    only: Option<String>,
    viewport: Viewport,
    dpr: f64,
}

impl PartialEq for Geometry {
    fn eq(&self, o: &Self) -> bool {
        self.level == o.level
            && Arc::ptr_eq(&self.shapes, &o.shapes)
            && match (&self.gemeenten, &o.gemeenten) {
                (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
            && self.only == o.only
            && self.viewport == o.viewport
            && self.dpr == o.dpr
    }
}

/// What the paths of a full draw depend on: the geometry, the class per shape, the emphasis and
/// the number of classes.
type PathsKey = (Geometry, Vec<Option<u8>>, Option<Vec<bool>>, usize);

/// The paths of a full draw, built ahead of it by [`Renderer::prepare_full`] so that building
/// them (about half of a national buurt draw) and painting them are separate tasks.
struct Prepared {
    /// What the paths were built for: the geometry, and the classes and emphasis that sort the
    /// areas into paths (colours and the legend highlight are applied when painting).
    key: PathsKey,
    gem_path: Option<Path2d>,
    /// One path per class (the last one: no data), then the same for muted areas.
    class_paths: Vec<Option<Path2d>>,
    borders: bool,
    visible: usize,
}

/// The geometry of a full draw and what a recolour redraws on top of its pixels.
struct Drawn {
    geometry: Geometry,
    /// Gemeente outlines and their line width (in path units).
    outlines: Option<(Path2d, f64)>,
    borders: bool,
    /// At least [`QUICK_FIRST_AREAS`] areas in view: always worth a quick recolour.
    dense: bool,
}

impl Renderer {
    /// Whether a gesture should move a snapshot of the last full draw rather than draw every
    /// frame fully: the last full draw was slow, or it had many areas. Its time alone no longer
    /// tells: the canvas records a draw in a few ms and rasterises it when the frame is painted
    /// (150k edges of the national buurt map: 40–60 ms frames while panning).
    pub fn heavy(&self) -> bool {
        self.last_full_ms > 12.0 || self.drawn.as_ref().is_some_and(|d| d.dense)
    }
}

impl Drawn {
    /// Whether a recolour of this view should paint from the area-per-pixel map: it is dense,
    /// or its last full draw (`full_ms`) was slow.
    fn quick(&self, full_ms: f64) -> bool {
        self.dense || full_ms >= QUICK_FROM_MS
    }
}

/// Whether class `class` (`None`: no data) is dimmed by the legend highlight `highlight`.
fn dimmed(highlight: Option<Option<usize>>, class: Option<usize>) -> bool {
    matches!(highlight, Some(h) if h != class)
}

/// A full draw faster than this (ms) is cheaper than a quick recolour, which costs about as
/// much per pixel whatever is on the map (10–20 ms for a desktop map).
const QUICK_FROM_MS: f64 = 16.0;

/// From this many areas in view, a new geometry is first painted from an area-per-pixel map
/// (see [`Renderer::draw_first`]).
const QUICK_FIRST_AREAS: usize = 2000;

/// The biggest canvas (device pixels) with an area-per-pixel map: 8 bytes per pixel with the
/// recolour's pixels (64 MB here), and painting it costs about as much per pixel as a full
/// draw. A 1920×1080 map at device pixel ratio 2 fits; a 4K screen at ratio 2 (29 million
/// pixels, 235 MB) draws in bands instead (see `fulldraw`).
const IDS_MAX_PX: f64 = 8.0e6;

/// Opacity of dimmed classes.
const DIM_ALPHA: f64 = 0.18;

/// `rgba(…)` for an RGBA colour.
fn css_rgba([r, g, b, a]: [u8; 4]) -> String {
    format!("rgba({r},{g},{b},{:.3})", a as f64 / 255.0)
}

/// The areas of `layer` to draw in `bounds`: the gemeenten beneath (if any) and the level's own.
fn visible(
    layer: &Layer,
    bounds: crate::carto::viewport::Bounds,
) -> (Option<Vec<usize>>, Vec<usize>) {
    let only = layer.only.as_deref();
    let gem_only = only.map(|o| &o[..o.len().min(4)]);
    let gem = match &layer.gemeenten {
        Some(g) if layer.level != Level::Gemeente => {
            let mut vis = g.in_bounds(bounds);
            vis.retain(|&i| within(&g.shapes[i].code, gem_only));
            Some(vis)
        }
        _ => None,
    };
    let mut own = layer.shapes.in_bounds(bounds);
    own.retain(|&i| within(&layer.shapes.shapes[i].code, only));
    (gem, own)
}

/// Whether to draw borders between the areas `visible`: only where they are big enough on
/// screen to see them.
fn borders(
    layer: &Layer,
    visible: &[usize],
    bounds: crate::carto::viewport::Bounds,
    km_scale: f64,
) -> bool {
    if visible.is_empty() {
        return false;
    }
    let b = layer
        .shapes
        .union_bounds(visible.iter().copied())
        .unwrap_or(bounds);
    let avg_px = ((b[2] - b[0]) * (b[3] - b[1]) / visible.len() as f64).sqrt() * km_scale;
    avg_px > 14.0
}

/// The gemeenten `gem_visible` of `layer` as one path (the underlay and the outlines on top).
fn gemeente_path(
    paths: &mut PathCache,
    layer: &Layer,
    gem_visible: Option<&[usize]>,
    km_scale: f64,
) -> Option<Path2d> {
    let (g, vis) = layer.gemeenten.as_ref().zip(gem_visible)?;
    let mut svg = String::new();
    paths.append(&mut svg, Level::Gemeente, g, vis, km_scale);
    Path2d::new_with_path_string(&svg).ok()
}

/// Line width of the gemeente outlines, in path units (metres), at `km_scale` px per km:
/// bolder where the areas have borders of their own.
fn outline_width(borders: bool, km_scale: f64) -> f64 {
    (if borders { 1.4 } else { 0.7 }) / (km_scale / M_PER_KM)
}

/// Rasterises the areas `items` of `shapes` into `ids` with `id(i)`, from the arcs the canvas
/// drew at `viewport`.
#[allow(clippy::too_many_arguments)]
fn burn(
    ids: &mut IdMap,
    paths: &mut PathCache,
    level: Level,
    shapes: &Arc<AreaShapes>,
    items: &[usize],
    viewport: &Viewport,
    dpr: f64,
    id: impl Fn(usize) -> u32,
) {
    let v = *viewport;
    let dev = |p: &geo::Coord<f64>| {
        (
            ((p.x - v.cx) * v.scale + v.width / 2.0) * dpr,
            ((p.y - v.cy) * v.scale + v.height / 2.0) * dpr,
        )
    };
    paths.with_arcs(level, shapes, items, v.scale, |arc| {
        for &i in items {
            for refs in &shapes.shapes[i].rings {
                let (mut first, mut last) = (None, None);
                for_each_point(refs, arc, |p| {
                    let q = dev(p);
                    match last {
                        None => first = Some(q),
                        Some(l) => ids.edge(l, q),
                    }
                    last = Some(q);
                });
                if let (Some(a), Some(b)) = (last, first) {
                    ids.edge(a, b);
                }
            }
            ids.fill(id(i));
        }
    });
}

fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok().flatten()?.dyn_into().ok()
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

impl Renderer {
    /// A renderer on the base and overlay canvases; `None` if 2D canvas is unavailable.
    pub fn new(base: HtmlCanvasElement, overlay: HtmlCanvasElement) -> Option<Self> {
        let doc = web_sys::window()?.document()?;
        let snapshot: HtmlCanvasElement = doc.create_element("canvas").ok()?.dyn_into().ok()?;
        Some(Renderer {
            ctx: context(&base)?,
            octx: context(&overlay)?,
            sctx: context(&snapshot)?,
            base,
            overlay,
            snapshot,
            snap_viewport: None,
            base_viewport: None,
            full: None,
            draws: 0,
            viewport: Viewport {
                width: 1.0,
                height: 1.0,
                scale: 1.0,
                cx: 0.0,
                cy: 0.0,
            },
            dpr: 1.0,
            paths: PathCache::default(),
            layer: None,
            last_full_ms: 0.0,
            hovered: None,
            halo: false,
            selected: None,
            focus_colours: ("#111".into(), "#fff".into()),
            selected_path: None,
            pinned_path: None,
            overlay_dirty: std::cell::Cell::new(None),
            drawn: None,
            ids: None,
            rgba: Vec::new(),
            prepared: None,
            names: None,
            placed_names: Vec::new(),
            tiles: None,
            drawn_alpha: 1.0,
            pin: None,
        })
    }

    /// Sets the CSS size and device pixel ratio; returns true if anything changed.
    pub fn resize(&mut self, width: f64, height: f64, dpr: f64) -> bool {
        if width == self.viewport.width && height == self.viewport.height && dpr == self.dpr {
            return false;
        }
        self.viewport.resize(width, height);
        self.dpr = dpr;
        for c in [&self.base, &self.overlay, &self.snapshot] {
            c.set_width((width * dpr).round().max(1.0) as u32);
            c.set_height((height * dpr).round().max(1.0) as u32);
        }
        if let Some(t) = &self.tiles {
            t.resize(self.base.width(), self.base.height());
        }
        self.snap_viewport = None;
        self.base_viewport = None;
        self.overlay_dirty.set(None);
        true
    }

    /// How opaque the fill is now: translucent when zoomed in over a background map.
    pub fn fill_alpha(&self) -> f64 {
        match &self.tiles {
            Some(t) if t.showing(&self.viewport) => {
                crate::carto::tiles::fill_opacity(self.viewport.scale)
            }
            _ => 1.0,
        }
    }

    /// Redraws the background map for the current viewport.
    pub fn draw_tiles(&mut self) {
        let (viewport, dpr) = (self.viewport, self.dpr);
        if let Some(t) = self.tiles.as_mut() {
            t.draw(&viewport, dpr, &crate::data::DataStore::projection());
        }
    }

    /// Makes everything drawn so far `alpha` opaque (the fills, before outlines and names), so
    /// the background map shows through evenly, however the fills overlap.
    fn fade(&self, alpha: f64) {
        if alpha >= 1.0 {
            return;
        }
        let ctx = &self.ctx;
        // The caller's transform and styles survive the pass.
        ctx.save();
        let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
        let _ = ctx.set_global_composite_operation("destination-in");
        ctx.set_fill_style_str(&format!("rgba(0,0,0,{alpha:.3})"));
        ctx.fill_rect(
            0.0,
            0.0,
            self.base.width() as f64,
            self.base.height() as f64,
        );
        ctx.restore();
    }

    /// Builds the outline of the selected shape `i` of `level` (drawn by [`Self::draw_overlay`]).
    pub fn prepare(&mut self, level: Level, shapes: &AreaShapes, i: usize) {
        let b = shapes.shapes.get(i).map(|s| s.bounds);
        self.selected_path = PathCache::area(shapes, i)
            .zip(b)
            .map(|(p, b)| (level, i, p, b));
    }

    /// Prepares the dashed outline of the area pinned for comparison (`None`: no pin).
    pub fn prepare_pinned(&mut self, pinned: Option<(&AreaShapes, usize)>) {
        self.pinned_path = pinned.and_then(|(shapes, i)| {
            Some((PathCache::area(shapes, i)?, shapes.shapes.get(i)?.bounds))
        });
    }

    fn world_transform(&self, ctx: &CanvasRenderingContext2d) {
        let v = &self.viewport;
        let s = v.scale * self.dpr;
        let _ = ctx.set_transform(
            s,
            0.0,
            0.0,
            s,
            (v.width / 2.0 - v.cx * v.scale) * self.dpr,
            (v.height / 2.0 - v.cy * v.scale) * self.dpr,
        );
    }

    fn clear(&self, ctx: &CanvasRenderingContext2d, canvas: &HtmlCanvasElement) {
        let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
        ctx.clear_rect(0.0, 0.0, canvas.width() as f64, canvas.height() as f64);
    }

    /// The geometry the current layer and viewport draw.
    fn geometry(&self) -> Option<Geometry> {
        let layer = self.layer.as_ref()?;
        Some(Geometry {
            level: layer.level,
            shapes: layer.shapes.clone(),
            gemeenten: layer.gemeenten.clone(),
            only: layer.only.clone(),
            viewport: self.viewport,
            dpr: self.dpr,
        })
    }

    /// What paths of a full draw of the current layer and viewport depend on.
    fn prepare_key(&self) -> Option<PathsKey> {
        let layer = self.layer.as_ref()?;
        Some((
            self.geometry()?,
            layer.class_of.clone(),
            layer.emphasis.clone(),
            layer.colours.len(),
        ))
    }

    /// Builds the paths of a full draw of the current layer and viewport (kept for
    /// [`Self::draw_full`]). Returns whether that was worth doing ahead: the view has many
    /// areas, so the draw is better split into this task and the painting one.
    pub fn prepare_full(&mut self) -> bool {
        let Some(key) = self.prepare_key() else {
            return false;
        };
        if self.banded() {
            // A draw in bands builds the paths of each band with it.
            return false;
        }
        if self.prepared.as_ref().is_some_and(|p| p.key == key) {
            return true;
        }
        self.prepared = None;
        let Some(layer) = &self.layer else {
            return false;
        };
        let bounds = self.viewport.world_bounds();
        let km_scale = self.viewport.scale;
        let (gem_visible, visible) = visible(layer, bounds);
        if visible.len() < QUICK_FIRST_AREAS {
            return false;
        }
        self.prepared = Some(self.build_paths(key, gem_visible.as_deref(), &visible, km_scale));
        crate::perf::mark("draw:prepared");
        true
    }

    /// Whether the paths of [`Self::prepare_full`] are there and still fit the current view.
    pub fn prepared_fits(&self) -> bool {
        self.prepared
            .as_ref()
            .is_some_and(|p| Some(&p.key) == self.prepare_key().as_ref())
    }

    /// Builds the gemeente path beneath and one path per class of the areas `visible`.
    fn build_paths(
        &mut self,
        key: PathsKey,
        gem_visible: Option<&[usize]>,
        visible: &[usize],
        km_scale: f64,
    ) -> Prepared {
        let paths = &mut self.paths;
        let Some(layer) = &self.layer else {
            return Prepared {
                key,
                gem_path: None,
                class_paths: Vec::new(),
                borders: false,
                visible: 0,
            };
        };
        let gem_path = gemeente_path(paths, layer, gem_visible, km_scale);
        let n = layer.colours.len();
        // Areas per class (the last one: no data), each class drawn as one path; muted areas
        // (outside an emphasis) in a second run of the same classes.
        let mut by_class: Vec<Vec<usize>> = vec![Vec::new(); 2 * (n + 1)];
        for &i in visible {
            let c = layer
                .class_of
                .get(i)
                .copied()
                .flatten()
                .map(|c| c as usize)
                .unwrap_or(n)
                .min(n);
            let muted = if layer.muted(i) { n + 1 } else { 0 };
            by_class[c + muted].push(i);
        }
        let class_paths: Vec<Option<Path2d>> = by_class
            .into_iter()
            .map(|items| {
                if items.is_empty() {
                    return None;
                }
                let mut svg = String::with_capacity(items.len() * 160);
                paths.append(&mut svg, layer.level, &layer.shapes, &items, km_scale);
                Path2d::new_with_path_string(&svg).ok()
            })
            .collect();
        let borders = borders(layer, visible, self.viewport.world_bounds(), km_scale);
        Prepared {
            key,
            gem_path,
            class_paths,
            borders,
            visible: visible.len(),
        }
    }

    /// Writes the place names over the choropleth (the snapshot then moves them with a gesture).
    fn draw_names(&mut self) {
        self.placed_names = match self.names.as_mut() {
            Some(n) => n.draw(&self.ctx, &self.viewport, self.dpr),
            None => Vec::new(),
        };
    }

    /// Notes that the base canvas holds a full frame of the current view, to copy for smooth
    /// gestures when one starts ([`Self::draw_fast`]). Copying it after every draw cost as much
    /// as the draw itself on a big canvas.
    fn keep_snapshot(&mut self) {
        self.base_viewport = Some(self.viewport);
        self.snap_viewport = None;
    }

    /// Copies the full frame on the base canvas into the snapshot, if it is one and newer.
    fn take_snapshot(&mut self) {
        let Some(v) = self.base_viewport else {
            return;
        };
        self.clear(&self.sctx, &self.snapshot);
        let _ = self
            .sctx
            .draw_image_with_html_canvas_element(&self.base, 0.0, 0.0);
        self.snap_viewport = Some(v);
    }

    /// Builds the area-per-pixel map of the last full draw, unless it is there already or the
    /// draw was fast enough to repeat. Returns how long that took (ms), or `None` if nothing
    /// was built.
    pub fn build_ids(&mut self) -> Option<f64> {
        let drawn = self.drawn.as_ref()?;
        if !drawn.quick(self.last_full_ms) || !self.ids_fit() {
            self.ids = None;
            return None;
        }
        if self.geometry().as_ref() != Some(&drawn.geometry)
            || self.ids.as_ref().is_some_and(|(g, _)| *g == drawn.geometry)
        {
            return None;
        }
        let t0 = now();
        let (gem_visible, own) = visible(self.layer.as_ref()?, self.viewport.world_bounds());
        let ids = self.burn_ids(gem_visible.as_deref(), &own)?;
        self.ids = Some(ids);
        Some(self.published_ids_ms(t0))
    }

    /// Rasterises the current layer and viewport into a new area-per-pixel map: the gemeenten
    /// `gem_visible` beneath, the level's areas `visible` (see [`visible`]) on top.
    fn burn_ids(
        &mut self,
        gem_visible: Option<&[usize]>,
        visible: &[usize],
    ) -> Option<(Geometry, IdMap)> {
        let g = self.geometry()?;
        let layer = self.layer.as_ref()?;
        let mut ids = IdMap::new(self.base.width() as usize, self.base.height() as usize);
        if let (Some(gem), Some(vis)) = (&layer.gemeenten, gem_visible) {
            let paths = &mut self.paths;
            burn(
                &mut ids,
                paths,
                Level::Gemeente,
                gem,
                vis,
                &g.viewport,
                g.dpr,
                |_| UNDERLAY,
            );
        }
        burn(
            &mut ids,
            &mut self.paths,
            layer.level,
            &layer.shapes,
            visible,
            &g.viewport,
            g.dpr,
            area_id,
        );
        Some((g, ids))
    }

    /// Whether the canvas is small enough for an area-per-pixel map ([`IDS_MAX_PX`]); above it
    /// every draw is a full one, in bands.
    fn ids_fit(&self) -> bool {
        (self.base.width() as f64) * (self.base.height() as f64) <= IDS_MAX_PX
    }

    /// Tells the page how long building the area-per-pixel map took, since `t0`.
    fn published_ids_ms(&self, t0: f64) -> f64 {
        let ms = now() - t0;
        if let Some(el) = self.base.parent_element() {
            let _ = el.set_attribute("data-ids-ms", &format!("{ms:.1}"));
            let size = format!("{}×{}", self.base.width(), self.base.height());
            let _ = el.set_attribute("data-ids-size", &size);
        }
        ms
    }

    /// Builds the area-per-pixel map of a new geometry with many areas in view (the national
    /// buurt map), so that [`Self::recolour`] paints it, with the gemeente outlines on top,
    /// instead of a full draw: it takes about half the time, and the map is complete in its
    /// colours. The caller paints in the next frame (a task of its own: building and painting
    /// together were one of the load's longest tasks); the anti-aliased full draw should follow
    /// a moment later. Returns false (building nothing) for fewer areas.
    pub fn burn_first(&mut self) -> bool {
        if !self.ids_fit() {
            return false;
        }
        let Some(layer) = &self.layer else {
            return false;
        };
        let bounds = self.viewport.world_bounds();
        let (gem_visible, own) = visible(layer, bounds);
        if own.len() < QUICK_FIRST_AREAS {
            return false;
        }
        let t0 = now();
        let km_scale = self.viewport.scale;
        let borders = borders(layer, &own, bounds, km_scale);
        let outlines = gemeente_path(&mut self.paths, layer, gem_visible.as_deref(), km_scale)
            .map(|p| (p, outline_width(borders, km_scale)));
        let Some((geometry, ids)) = self.burn_ids(gem_visible.as_deref(), &own) else {
            return false;
        };
        self.published_ids_ms(t0);
        self.drawn = Some(Drawn {
            geometry: geometry.clone(),
            outlines,
            borders,
            dense: true,
        });
        self.ids = Some((geometry, ids));
        // A map this dense is slow to draw fully: gestures move its snapshot until the full draw.
        self.last_full_ms = self.last_full_ms.max(QUICK_FROM_MS);
        crate::perf::mark("draw:ids");
        true
    }

    /// Paints the current layer's colours from the area-per-pixel map, without anti-aliased
    /// edges, when the geometry is the one it was built for and a full draw of it is slow.
    /// Returns false (and paints nothing) otherwise: then [`Self::draw_full`] shows the layer.
    pub fn recolour(&mut self) -> bool {
        let t0 = now();
        let (Some(layer), Some(drawn), Some((built, ids))) = (&self.layer, &self.drawn, &self.ids)
        else {
            return false;
        };
        if self.geometry().as_ref() != Some(built)
            || drawn.geometry != *built
            || !drawn.quick(self.last_full_ms)
            || !self.ids_fit()
        {
            return false;
        }
        let (w, h) = (self.base.width(), self.base.height());
        if (ids.width, ids.height) != (w as usize, h as usize) {
            return false;
        }
        // Colour per id: nothing, the gemeente underlay, then every area of the level.
        let n = layer.colours.len();
        let nd = layer.no_data;
        let underlay = layer.gemeenten.is_some() && layer.level != Level::Gemeente;
        let mut lut = Vec::with_capacity(layer.shapes.len() + 2);
        lut.push([0, 0, 0, 0]);
        let u = layer.underlay();
        lut.push([u.0, u.1, u.2, 255]);
        for i in 0..layer.shapes.len() {
            let class = layer.class_of.get(i).copied().flatten().map(usize::from);
            let class = class.filter(|&c| c < n);
            let c = class.map(|c| layer.colours[c]).unwrap_or(nd);
            lut.push(if !dimmed(layer.highlight, class) && !layer.muted(i) {
                [c.0, c.1, c.2, 255]
            } else if underlay {
                let mix = |a: u8, b: u8| {
                    (a as f64 * DIM_ALPHA + b as f64 * (1.0 - DIM_ALPHA)).round() as u8
                };
                [mix(c.0, nd.0), mix(c.1, nd.1), mix(c.2, nd.2), 255]
            } else {
                [c.0, c.1, c.2, (255.0 * DIM_ALPHA).round() as u8]
            });
        }
        let border = drawn.borders.then_some(layer.border);
        ids.paint(&lut, border, &mut self.rgba);
        let Ok(image) = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&self.rgba), w, h)
        else {
            return false;
        };
        // A full draw under way would paint its bands over this.
        self.full = None;
        self.clear(&self.ctx, &self.base);
        if self.ctx.put_image_data(&image, 0.0, 0.0).is_err() {
            return false;
        }
        if let Some(t) = self.tiles.as_mut() {
            t.draw(
                &self.viewport,
                self.dpr,
                &crate::data::DataStore::projection(),
            );
        }
        let alpha = self.fill_alpha();
        self.fade(alpha);
        self.drawn_alpha = alpha;
        if let Some((lines, width)) = &drawn.outlines {
            self.world_transform(&self.ctx);
            let _ = self.ctx.scale(1.0 / M_PER_KM, 1.0 / M_PER_KM);
            self.ctx.set_line_join("round");
            self.ctx.set_stroke_style_str(&layer.outline);
            self.ctx.set_line_width(*width);
            self.ctx.stroke_with_path(lines);
        }
        self.draw_names();
        self.keep_snapshot();
        self.publish("quick", now() - t0);
        self.draw_overlay();
        true
    }

    /// Exposes the drawn view as `data-*` attributes of the map element, so tests and the
    /// benchmark can relate screen pixels to places without reaching into the app.
    fn publish(&self, kind: &str, ms: f64) {
        let Some(el) = self.base.parent_element() else {
            return;
        };
        let v = &self.viewport;
        let level = self.layer.as_ref().map(|l| l.level.id()).unwrap_or("");
        let vertices = self.layer.as_ref().map_or(0, |l| l.shapes.vertices);
        for (k, val) in [
            ("data-level", level.to_string()),
            ("data-vertices", vertices.to_string()),
            ("data-scale", format!("{}", v.scale)),
            ("data-cx", format!("{}", v.cx)),
            ("data-cy", format!("{}", v.cy)),
            ("data-draw-kind", kind.to_string()),
            // Areas at full strength while something is emphasised (empty: all).
            (
                "data-emphasis",
                self.layer
                    .as_ref()
                    .and_then(|l| l.emphasis.as_ref())
                    .map_or(String::new(), |e| {
                        e.iter().filter(|&&b| b).count().to_string()
                    }),
            ),
            ("data-draw-ms", format!("{ms:.1}")),
            // For the tests: the place names written, in the order they were placed.
            (
                "data-names",
                self.placed_names
                    .iter()
                    .map(|n| n.text.as_str())
                    .collect::<Vec<_>>()
                    .join("|"),
            ),
        ] {
            let _ = el.set_attribute(k, &val);
        }
    }

    /// Draws the last full frame moved and scaled to the current viewport (cheap, for gestures).
    /// Returns false when there is no snapshot to move.
    pub fn draw_fast(&mut self) -> bool {
        if self.snap_viewport.is_none() {
            self.take_snapshot();
        }
        let Some(snap) = self.snap_viewport else {
            return false;
        };
        // The base canvas no longer holds a full frame.
        self.base_viewport = None;
        self.full = None;
        let v = self.viewport;
        let k = v.scale / snap.scale;
        let tx = v.width / 2.0 * (1.0 - k) + (snap.cx - v.cx) * v.scale;
        let ty = v.height / 2.0 * (1.0 - k) + (snap.cy - v.cy) * v.scale;
        self.draw_tiles();
        self.clear(&self.ctx, &self.base);
        let _ = self
            .ctx
            .set_transform(k, 0.0, 0.0, k, tx * self.dpr, ty * self.dpr);
        let _ = self
            .ctx
            .draw_image_with_html_canvas_element(&self.snapshot, 0.0, 0.0);
        self.draw_overlay();
        true
    }

    /// Redraws hover and selection outlines.
    pub fn draw_overlay(&self) {
        if let Some([x0, y0, x1, y1]) = self.overlay_dirty.take() {
            let _ = self.octx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
            self.octx.clear_rect(x0, y0, x1 - x0, y1 - y0);
        }
        let Some(layer) = &self.layer else {
            return;
        };
        // What this draws on, in device px, with room for line widths, halo and pin.
        let v = self.viewport;
        let (w, h) = (self.overlay.width() as f64, self.overlay.height() as f64);
        let dirty = |b: Bounds| {
            let pad = 24.0;
            let (x0, y0) = v.to_screen(b[0], b[1]);
            let (x1, y1) = v.to_screen(b[2], b[3]);
            let d = self.dpr;
            let r = [
                ((x0.min(x1) - pad) * d).floor().max(0.0),
                ((y0.min(y1) - pad) * d).floor().max(0.0),
                ((x0.max(x1) + pad) * d).ceil().min(w),
                ((y0.max(y1) + pad) * d).ceil().min(h),
            ];
            if r[2] > r[0] && r[3] > r[1] {
                let u = self.overlay_dirty.get().map_or(r, |o| {
                    [
                        o[0].min(r[0]),
                        o[1].min(r[1]),
                        o[2].max(r[2]),
                        o[3].max(r[3]),
                    ]
                });
                self.overlay_dirty.set(Some(u));
            }
        };
        self.world_transform(&self.octx);
        let s = self.viewport.scale;
        let ctx = &self.octx;
        ctx.set_line_join("round");
        let (dark, light) = &self.focus_colours;
        if let Some(h) = self.hovered {
            if let Some(p) = PathCache::area(&layer.shapes, h) {
                dirty(layer.shapes.shapes[h].bounds);
                ctx.set_stroke_style_str(dark);
                ctx.set_line_width(2.0 / s);
                ctx.stroke_with_path(&p);
            }
        }
        if let Some((p, b)) = &self.pinned_path {
            dirty(*b);
            let dash = js_sys::Array::of2(&(7.0 / s).into(), &(4.0 / s).into());
            ctx.set_stroke_style_str(light);
            ctx.set_line_width(5.0 / s);
            ctx.stroke_with_path(p);
            let _ = ctx.set_line_dash(&dash);
            ctx.set_stroke_style_str(dark);
            ctx.set_line_width(2.5 / s);
            ctx.stroke_with_path(p);
            let _ = ctx.set_line_dash(&js_sys::Array::new());
        }
        if let Some(sel) = self.selected {
            let path = self
                .selected_path
                .as_ref()
                .filter(|(level, i, _, _)| (*level, *i) == sel);
            if let Some((_, _, p, b)) = path {
                dirty(*b);
                if self.halo {
                    // A soft shadow under a wide light band, then a bold outline: the marked
                    // area of an embed reads at a glance, on any class colour.
                    ctx.set_shadow_color("rgba(0,0,0,0.55)");
                    ctx.set_shadow_blur(6.0 * self.dpr);
                    ctx.set_stroke_style_str(light);
                    ctx.set_line_width(9.0 / s);
                    ctx.stroke_with_path(p);
                    ctx.set_shadow_color("transparent");
                    ctx.set_shadow_blur(0.0);
                    ctx.set_stroke_style_str(dark);
                    ctx.set_line_width(3.5 / s);
                    ctx.stroke_with_path(p);
                } else {
                    ctx.set_stroke_style_str(light);
                    ctx.set_line_width(5.0 / s);
                    ctx.stroke_with_path(p);
                    ctx.set_stroke_style_str(dark);
                    ctx.set_line_width(2.5 / s);
                    ctx.stroke_with_path(p);
                }
            }
        }
        if let Some((x, y)) = self.pin {
            dirty([x, y, x, y]);
        }
        self.draw_pin();
    }

    /// Draws the pin: a dot in a white ring with a dark edge, readable on every class colour.
    fn draw_pin(&self) {
        let Some((x, y)) = self.pin else {
            return;
        };
        let (sx, sy) = self.viewport.to_screen(x, y);
        let ctx = &self.octx;
        let _ = ctx.set_transform(self.dpr, 0.0, 0.0, self.dpr, 0.0, 0.0);
        let (dark, light) = &self.focus_colours;
        ctx.begin_path();
        let _ = ctx.arc(sx, sy, 8.0, 0.0, std::f64::consts::TAU);
        ctx.set_fill_style_str(light);
        ctx.fill();
        ctx.set_stroke_style_str(dark);
        ctx.set_line_width(2.0);
        ctx.stroke();
        ctx.begin_path();
        let _ = ctx.arc(sx, sy, 3.5, 0.0, std::f64::consts::TAU);
        ctx.set_fill_style_str("#d81b60");
        ctx.fill();
    }

    /// The base canvas (for export).
    pub fn base_canvas(&self) -> &HtmlCanvasElement {
        &self.base
    }
}
