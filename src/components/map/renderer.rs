//! Draws a level's areas on a canvas: one `Path2d` per class, built from the topology's arcs
//! (see `paths`) and filled with the world transform. An overlay canvas carries hover and
//! selection, so moving the pointer never repaints the choropleth.
use super::paths::{PathCache, M_PER_KM};
use crate::carto::shapes::within;
use crate::carto::{AreaShapes, Viewport};
use buurtkaart_model::Level;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, Path2d};

/// What to draw: a level coloured by classes.
pub struct Layer {
    /// The level drawn.
    pub level: Level,
    /// Its shapes.
    pub shapes: Arc<AreaShapes>,
    /// Class per shape (`None` = no data).
    pub class_of: Vec<Option<u8>>,
    /// Fill per class (CSS colour).
    pub colours: Vec<String>,
    /// Fill for "no data".
    pub no_data: String,
    /// Only this class at full strength (legend highlight).
    pub highlight: Option<Option<usize>>,
    /// Gemeenten drawn beneath (no-data style) and outlined on top.
    pub gemeenten: Option<Arc<AreaShapes>>,
    /// Thin border between areas.
    pub border: String,
    /// Gemeente outline colour.
    pub outline: String,
    /// Draw only areas within this focus (code body prefix, see [`within`]).
    pub only: Option<String>,
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
    /// Selected shape (level and index).
    pub selected: Option<(Level, usize)>,
    /// Colours of the hover/selection outlines.
    pub focus_colours: (String, String),
    /// Outline of the selected shape, built by [`Renderer::prepare`].
    selected_path: Option<(Level, usize, Path2d)>,
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
            selected: None,
            focus_colours: ("#111".into(), "#fff".into()),
            selected_path: None,
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
        self.snap_viewport = None;
        true
    }

    /// Builds the outline of the selected shape `i` of `level` (drawn by [`Self::draw_overlay`]).
    pub fn prepare(&mut self, level: Level, shapes: &AreaShapes, i: usize) {
        self.selected_path = PathCache::area(shapes, i).map(|p| (level, i, p));
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

    /// Draws the whole choropleth for the current viewport and keeps a snapshot for gestures.
    pub fn draw_full(&mut self) {
        let t0 = now();
        self.clear(&self.ctx, &self.base);
        let Some(layer) = &self.layer else {
            return;
        };
        self.world_transform(&self.ctx);
        // The paths are in metres (see `paths`); `scale` below is in px per metre.
        let _ = self.ctx.scale(1.0 / M_PER_KM, 1.0 / M_PER_KM);
        let ctx = &self.ctx;
        let paths = &mut self.paths;
        let bounds = self.viewport.world_bounds();
        let km_scale = self.viewport.scale;
        let scale = km_scale / M_PER_KM;

        // Gemeenten beneath, in the "no data" style, so areas without a boundary are no holes;
        // the same path outlines them on top.
        let only = layer.only.as_deref();
        let gem_only = only.map(|o| &o[..o.len().min(4)]);
        let gem_path = match &layer.gemeenten {
            Some(g) if layer.level != Level::Gemeente => {
                let mut vis = g.in_bounds(bounds);
                vis.retain(|&i| within(&g.shapes[i].code, gem_only));
                let mut svg = String::new();
                paths.append(&mut svg, Level::Gemeente, g, vis, km_scale);
                let path = Path2d::new_with_path_string(&svg).ok();
                if let Some(p) = &path {
                    ctx.set_fill_style_str(&layer.no_data);
                    ctx.fill_with_path_2d(p);
                }
                path
            }
            _ => None,
        };

        crate::perf::mark("draw:underlay");
        let mut visible = layer.shapes.in_bounds(bounds);
        visible.retain(|&i| within(&layer.shapes.shapes[i].code, only));
        let n = layer.colours.len();
        // Areas per class (the last one: no data), each class drawn as one path.
        let mut by_class: Vec<Vec<usize>> = vec![Vec::new(); n + 1];
        for &i in &visible {
            let c = layer
                .class_of
                .get(i)
                .copied()
                .flatten()
                .map(|c| c as usize)
                .unwrap_or(n)
                .min(n);
            by_class[c].push(i);
        }
        let class_paths: Vec<Option<Path2d>> = by_class
            .into_iter()
            .map(|items| {
                if items.is_empty() {
                    return None;
                }
                let mut svg = String::with_capacity(items.len() * 160);
                paths.append(&mut svg, layer.level, &layer.shapes, items, km_scale);
                Path2d::new_with_path_string(&svg).ok()
            })
            .collect();
        crate::perf::mark("draw:classpaths");
        // Borders only where areas are big enough on screen to see them.
        let avg_px = if visible.is_empty() {
            0.0
        } else {
            let b = layer
                .shapes
                .union_bounds(visible.iter().copied())
                .unwrap_or(bounds);
            ((b[2] - b[0]) * (b[3] - b[1]) / visible.len() as f64).sqrt() * km_scale
        };
        let borders = avg_px > 14.0;
        ctx.set_line_join("round");
        for (c, path) in class_paths.iter().enumerate() {
            let Some(path) = path else { continue };
            let colour = if c == n {
                &layer.no_data
            } else {
                &layer.colours[c]
            };
            let dim = matches!(layer.highlight, Some(h) if h != (c < n).then_some(c));
            ctx.set_global_alpha(if dim { 0.18 } else { 1.0 });
            ctx.set_fill_style_str(colour);
            ctx.fill_with_path_2d(path);
            if borders {
                ctx.set_stroke_style_str(&layer.border);
                ctx.set_line_width(0.6 / scale);
                ctx.stroke_with_path(path);
            }
        }
        ctx.set_global_alpha(1.0);
        crate::perf::mark("draw:fills");

        // Gemeente outlines on top of wijken and buurten.
        if let Some(lines) = &gem_path {
            ctx.set_stroke_style_str(&layer.outline);
            ctx.set_line_width((if avg_px > 14.0 { 1.4 } else { 0.7 }) / scale);
            ctx.stroke_with_path(lines);
        }

        crate::perf::mark("draw:outlines");
        // Keep a copy for smooth gestures.
        self.clear(&self.sctx, &self.snapshot);
        let _ = self
            .sctx
            .draw_image_with_html_canvas_element(&self.base, 0.0, 0.0);
        self.snap_viewport = Some(self.viewport);
        self.last_full_ms = now() - t0;
        self.publish();
        self.draw_overlay();
    }

    /// Exposes the drawn view as `data-*` attributes of the map element, so tests and the
    /// benchmark can relate screen pixels to places without reaching into the app.
    fn publish(&self) {
        let Some(el) = self.base.parent_element() else {
            return;
        };
        let v = &self.viewport;
        let level = self.layer.as_ref().map(|l| l.level.id()).unwrap_or("");
        for (k, val) in [
            ("data-level", level.to_string()),
            ("data-scale", format!("{}", v.scale)),
            ("data-cx", format!("{}", v.cx)),
            ("data-cy", format!("{}", v.cy)),
            ("data-draw-ms", format!("{:.1}", self.last_full_ms)),
        ] {
            let _ = el.set_attribute(k, &val);
        }
    }

    /// Draws the last full frame moved and scaled to the current viewport (cheap, for gestures).
    /// Returns false when there is no snapshot to move.
    pub fn draw_fast(&mut self) -> bool {
        let Some(snap) = self.snap_viewport else {
            return false;
        };
        let v = self.viewport;
        let k = v.scale / snap.scale;
        let tx = v.width / 2.0 * (1.0 - k) + (snap.cx - v.cx) * v.scale;
        let ty = v.height / 2.0 * (1.0 - k) + (snap.cy - v.cy) * v.scale;
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
        self.clear(&self.octx, &self.overlay);
        let Some(layer) = &self.layer else {
            return;
        };
        self.world_transform(&self.octx);
        let s = self.viewport.scale;
        let ctx = &self.octx;
        ctx.set_line_join("round");
        let (dark, light) = &self.focus_colours;
        if let Some(h) = self.hovered {
            if let Some(p) = PathCache::area(&layer.shapes, h) {
                ctx.set_stroke_style_str(dark);
                ctx.set_line_width(2.0 / s);
                ctx.stroke_with_path(&p);
            }
        }
        if let Some(sel) = self.selected {
            let path = self
                .selected_path
                .as_ref()
                .filter(|(level, i, _)| (*level, *i) == sel);
            if let Some((_, _, p)) = path {
                ctx.set_stroke_style_str(light);
                ctx.set_line_width(5.0 / s);
                ctx.stroke_with_path(p);
                ctx.set_stroke_style_str(dark);
                ctx.set_line_width(2.5 / s);
                ctx.stroke_with_path(p);
            }
        }
    }

    /// The base canvas (for export).
    pub fn base_canvas(&self) -> &HtmlCanvasElement {
        &self.base
    }
}
