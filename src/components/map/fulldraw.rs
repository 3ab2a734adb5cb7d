//! The full, anti-aliased draw of the choropleth, painted in row bands on big canvases.
//!
//! Without a GPU the browser rasterises a 2D canvas on the main thread, at the end of the frame
//! that drew on it, about 15 ms per million device pixels for the national buurt map: a 4K
//! screen at device pixel ratio 2 (a map of some 29 million device pixels) took 450 ms in one
//! task (issue 20 item 4: none over 50 ms). Each band is clipped to its rows, fills only the
//! areas that reach into them and is painted in a frame of its own, so each frame rasterises
//! at most [`BAND_PX`] pixels. A map of ordinary size (up to about 1250×800 CSS px at ratio 1)
//! is one band, painted at once as before. The old frame stays on screen below the bands not
//! yet painted.
use super::M_PER_KM;
use super::{
    borders, css_rgba, dimmed, gemeente_path, now, outline_width, visible, Drawn, Prepared,
    Renderer,
};
use super::{PathsKey, DIM_ALPHA, QUICK_FIRST_AREAS};
use crate::carto::shapes::within;
use web_sys::Path2d;

/// Device pixels painted per band (per frame).
pub const BAND_PX: f64 = 1.0e6;

/// A full draw under way.
pub(super) struct FullDraw {
    /// Tells this draw from a later one (see [`Renderer::draw_band`]).
    pub id: u32,
    key: PathsKey,
    /// The paths of the whole view (one band), or of the band being painted.
    prepared: Option<Prepared>,
    /// On a canvas of several bands: the gemeenten beneath and the areas in view, of which
    /// each band builds the paths of those in its rows (a band filling the paths of the whole
    /// view spent longer on their edges than on its pixels), and whether borders are drawn.
    in_view: Option<(Option<Vec<usize>>, Vec<usize>, bool)>,
    /// Outlines of the other areas of the gemeente around a narrow focus.
    around: Option<Path2d>,
    alpha: f64,
    bands: u32,
    next: u32,
    canvas: (u32, u32),
    t0: f64,
}

/// What [`Renderer::draw_full`] and [`Renderer::draw_band`] leave to do.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Progress {
    /// More bands: call [`Renderer::draw_band`] with this id on the next frame.
    More(u32),
    /// The draw is on the canvas.
    Done,
    /// Nothing was drawn (no layer), or the draw no longer fits the view and was dropped.
    Dropped,
}

impl Renderer {
    /// How many bands a full draw of the current canvas takes.
    fn bands(&self) -> u32 {
        let px = self.base.width() as f64 * self.base.height() as f64;
        (px / BAND_PX).ceil().clamp(1.0, 64.0) as u32
    }

    /// Whether a full draw is under way (bands of it still to paint).
    pub fn drawing(&self) -> bool {
        self.full.is_some()
    }

    /// Whether the canvas is so big that its full draws are painted in several bands.
    pub fn banded(&self) -> bool {
        self.bands() > 1
    }

    /// Starts a full draw of the current layer and viewport and paints its first band. A canvas
    /// of one band is painted at once (with the paths of [`Self::prepare_full`] when they are
    /// for this view); on a bigger one the caller paints the other bands with
    /// [`Self::draw_band`], one per frame.
    pub fn draw_full(&mut self) -> Progress {
        let t0 = now();
        self.draw_tiles();
        let alpha = self.fill_alpha();
        let Some(key) = self.prepare_key() else {
            self.clear(&self.ctx, &self.base);
            return Progress::Dropped;
        };
        let km_scale = self.viewport.scale;
        let bounds = self.viewport.world_bounds();
        let bands = self.bands();
        let Some(layer) = &self.layer else {
            return Progress::Dropped;
        };
        let (prepared, in_view) = if bands > 1 {
            self.prepared = None;
            let (gem_visible, own) = visible(layer, bounds);
            let borders = borders(layer, &own, bounds, km_scale);
            (None, Some((gem_visible, own, borders)))
        } else {
            match self.prepared.take() {
                Some(p) if p.key == key => (Some(p), None),
                _ => {
                    let (gem_visible, visible) = visible(layer, bounds);
                    let p =
                        self.build_paths(key.clone(), gem_visible.as_deref(), &visible, km_scale);
                    (Some(p), None)
                }
            }
        };
        let Some(layer) = &self.layer else {
            return Progress::Dropped;
        };
        // Around a narrow focus, the gemeente's other areas are outlined as context.
        let around = if layer.narrow_focus() {
            let only = layer.only.as_deref().unwrap_or_default();
            let mut around = layer.shapes.in_bounds(bounds);
            around.retain(|&i| {
                let code = &layer.shapes.shapes[i].code;
                within(code, Some(&only[..4])) && !within(code, Some(only))
            });
            (!around.is_empty()).then(|| {
                let mut svg = String::with_capacity(around.len() * 160);
                self.paths
                    .append(&mut svg, layer.level, &layer.shapes, &around, km_scale);
                Path2d::new_with_path_string(&svg).ok()
            })
        } else {
            None
        }
        .flatten();
        self.draws = self.draws.wrapping_add(1);
        let id = self.draws;
        // The canvas is drawn over band by band: until the last, it is no full frame to move.
        self.base_viewport = None;
        self.full = Some(FullDraw {
            id,
            key,
            prepared,
            in_view,
            around,
            alpha,
            bands,
            next: 0,
            canvas: (self.base.width(), self.base.height()),
            t0,
        });
        self.draw_band(id)
    }

    /// Paints the next band of the full draw `id`, if it is still the current one and fits the
    /// view; finishes the draw after the last band.
    pub fn draw_band(&mut self, id: u32) -> Progress {
        let Some(full) = self.full.as_ref().filter(|f| f.id == id) else {
            return Progress::Dropped;
        };
        if Some(&full.key) != self.prepare_key().as_ref()
            || full.canvas != (self.base.width(), self.base.height())
        {
            self.full = None;
            return Progress::Dropped;
        }
        let (k, n) = (full.next, full.bands);
        self.paint_band(k, n);
        if let Some(f) = self.full.as_mut() {
            f.next += 1;
        }
        if k + 1 < n {
            return Progress::More(id);
        }
        self.finish_full();
        Progress::Done
    }

    /// Paints rows `k`/`n` of the canvas: the underlay, the classes, the gemeente outlines and
    /// the names, clipped to the band.
    fn paint_band(&mut self, k: u32, n: u32) {
        let Some(mut full) = self.full.take() else {
            return;
        };
        if let Some((gem, own, borders)) = &full.in_view {
            let (y0, y1) = self.band_rows(k, n);
            let v = self.viewport;
            // The world rows of the band, with a margin for the outlines' width.
            let wy = |y: f64| (y / self.dpr - v.height / 2.0) / v.scale + v.cy;
            let margin = 4.0 / v.scale;
            let (w0, w1) = (wy(y0) - margin, wy(y1) + margin);
            let rows = |shapes: &crate::carto::AreaShapes, items: &[usize]| -> Vec<usize> {
                items
                    .iter()
                    .copied()
                    .filter(|&i| {
                        let b = shapes.shapes[i].bounds;
                        b[1] <= w1 && b[3] >= w0
                    })
                    .collect()
            };
            if let Some(layer) = &self.layer {
                let gem_rows = layer
                    .gemeenten
                    .as_ref()
                    .zip(gem.as_ref())
                    .map(|(g, items)| rows(g, items));
                let own_rows = rows(&layer.shapes, own);
                let borders = *borders;
                let mut p =
                    self.build_paths(full.key.clone(), gem_rows.as_deref(), &own_rows, v.scale);
                p.borders = borders;
                full.prepared = Some(p);
            }
        }
        self.paint_rows(&full, k, n);
        if n == 1 {
            self.draw_names();
        } else {
            self.band_names(k, n);
        }
        self.ctx.restore();
        self.full = Some(full);
    }

    /// Paints the fills and outlines of band `k`/`n` of `full`, inside a saved canvas state
    /// clipped to the band (the caller restores it).
    fn paint_rows(&self, full: &FullDraw, k: u32, n: u32) {
        let ctx = &self.ctx;
        ctx.save();
        let Some(layer) = self.layer.as_ref() else {
            return;
        };
        let Some(p) = &full.prepared else {
            return;
        };
        let w = self.base.width() as f64;
        let (y0, y1) = self.band_rows(k, n);
        let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
        ctx.clear_rect(0.0, y0, w, y1 - y0);
        if n > 1 {
            ctx.begin_path();
            ctx.rect(0.0, y0, w, y1 - y0);
            ctx.clip();
        }
        self.world_transform(ctx);
        // The paths are in metres (see `paths`); `scale` below is in px per metre.
        let _ = ctx.scale(1.0 / M_PER_KM, 1.0 / M_PER_KM);
        let km_scale = self.viewport.scale;
        let scale = km_scale / M_PER_KM;
        // Gemeenten beneath, in the "no data" style, so areas without a boundary are no holes;
        // the same path outlines them on top. Around a narrow focus: in the context colour,
        // with the borders of the gemeente's other areas, so the surroundings read as a map.
        if let Some(g) = &p.gem_path {
            ctx.set_fill_style_str(&layer.underlay().css());
            ctx.fill_with_path_2d(g);
        }
        if let Some(a) = &full.around {
            let line = layer.context.map_or(layer.border, |c| c.1);
            ctx.set_stroke_style_str(&css_rgba(line));
            ctx.set_line_width(0.8 / scale);
            ctx.stroke_with_path(a);
        }
        let n_classes = layer.colours.len();
        let no_data = layer.no_data.css();
        let border = css_rgba(layer.border);
        ctx.set_line_join("round");
        for (i, path) in p.class_paths.iter().enumerate() {
            let Some(path) = path else { continue };
            let (c, muted) = (i % (n_classes + 1), i > n_classes);
            let class = (c < n_classes).then_some(c);
            let dim = muted || dimmed(layer.highlight, class);
            ctx.set_global_alpha(if dim { DIM_ALPHA } else { 1.0 });
            match class {
                Some(c) => ctx.set_fill_style_str(&layer.colours[c].css()),
                None => ctx.set_fill_style_str(&no_data),
            }
            ctx.fill_with_path_2d(path);
            if p.borders {
                ctx.set_stroke_style_str(&border);
                ctx.set_line_width(0.6 / scale);
                ctx.stroke_with_path(path);
            }
        }
        ctx.set_global_alpha(1.0);
        self.fade(full.alpha);
        // Gemeente outlines on top of wijken and buurten.
        if let Some(lines) = &p.gem_path {
            ctx.set_stroke_style_str(&layer.outline);
            ctx.set_line_width(outline_width(p.borders, km_scale));
            ctx.stroke_with_path(lines);
        }
    }

    /// Writes the names that reach into band `k`/`n`, placed once for the whole draw (in its
    /// first band): placing and writing every name in every band cost more than the band.
    fn band_names(&mut self, k: u32, n: u32) {
        let (y0, y1) = self.band_rows(k, n);
        let Some(names) = self.names.as_mut() else {
            self.placed_names = Vec::new();
            return;
        };
        if k == 0 {
            self.placed_names = names.place(&self.ctx, &self.viewport);
        }
        let (top, bottom) = (y0 / self.dpr, y1 / self.dpr);
        let inside: Vec<_> = self
            .placed_names
            .iter()
            .filter(|p| p.y + p.size >= top && p.y - p.size <= bottom)
            .cloned()
            .collect();
        names.write(&self.ctx, &inside, self.dpr);
    }

    /// Device rows of band `k`/`n`.
    fn band_rows(&self, k: u32, n: u32) -> (f64, f64) {
        let h = self.base.height() as f64;
        (
            (h * k as f64 / n as f64).floor(),
            (h * (k + 1) as f64 / n as f64).floor(),
        )
    }

    /// After the last band: what was drawn, for quick recolours and the page.
    fn finish_full(&mut self) {
        let Some(full) = self.full.take() else {
            return;
        };
        let km_scale = self.viewport.scale;
        self.drawn_alpha = full.alpha;
        let (gem_path, borders, visible) = match (full.prepared, full.in_view) {
            (_, Some((gem, own, borders))) => {
                // The outlines a quick recolour draws, if this canvas has one.
                let path = match (&self.layer, self.ids_fit()) {
                    (Some(layer), true) => {
                        gemeente_path(&mut self.paths, layer, gem.as_deref(), km_scale)
                    }
                    _ => None,
                };
                (path, borders, own.len())
            }
            (Some(p), None) => (p.gem_path, p.borders, p.visible),
            (None, None) => (None, false, 0),
        };
        self.drawn = self.geometry().map(|geometry| Drawn {
            geometry,
            outlines: gem_path.map(|g| (g, outline_width(borders, km_scale))),
            borders,
            dense: visible >= QUICK_FIRST_AREAS,
        });
        crate::perf::mark("draw:outlines");
        self.keep_snapshot();
        self.last_full_ms = now() - full.t0;
        self.publish("full", self.last_full_ms);
        self.draw_overlay();
    }
}
