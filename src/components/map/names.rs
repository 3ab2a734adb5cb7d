//! Place names on the choropleth: gemeenten far out, wijken in between, buurten close in, each
//! at its area's label point, never overlapping, with a halo so they read on every class
//! colour. Which names fit is decided by the pure [`crate::carto::labels::place`].
use crate::carto::labels::{map_text, place, Anchor, Candidate};
use crate::carto::Viewport;
use buurtkaart_model::{AreaIndex, Level};
use std::collections::HashMap;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use web_sys::CanvasRenderingContext2d;

/// At most this many names on screen: more is clutter, and costs frame time.
const MAX_NAMES: usize = 160;

/// The names of one level.
#[derive(Clone)]
pub struct NameSet {
    /// Which level.
    pub level: Level,
    /// Label points per row of `index`.
    pub anchors: Arc<Vec<Option<Anchor>>>,
    /// The level's names.
    pub index: Arc<AreaIndex>,
}

/// A name written on the map (CSS px), for the exports.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedName {
    /// The text.
    pub text: String,
    /// Centre, x.
    pub x: f64,
    /// Centre, y.
    pub y: f64,
    /// Font size (CSS px).
    pub size: f64,
    /// Bold (gemeente names among wijk names).
    pub bold: bool,
}

/// The names to write and how.
pub struct Names {
    /// The levels named, most important first.
    pub sets: Vec<NameSet>,
    /// Text colour.
    pub fill: String,
    /// Halo colour (the map's background).
    pub halo: String,
    /// Only areas within this focus (code body prefix).
    pub only: Option<String>,
    /// Measured text widths per (level, row, font size): a gemeente's name is larger beside
    /// wijk names than on its own.
    widths: HashMap<(Level, usize, u64), f64>,
}

/// The font of a level's names: gemeenten larger and bold when wijken are named too.
fn font(level: Level, mixed: bool) -> (f64, bool) {
    match level {
        Level::Gemeente if mixed => (13.0, true),
        Level::Gemeente => (12.0, true),
        Level::Wijk => (11.5, false),
        Level::Buurt => (11.0, false),
    }
}

fn css_font(size: f64, bold: bool) -> String {
    format!(
        "{}{size}px system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif",
        if bold { "600 " } else { "" }
    )
}

/// The rectangles of the controls that lie over the map (zoom buttons, source line, notices),
/// in CSS px relative to the map: names keep clear of them.
fn controls_over(ctx: &CanvasRenderingContext2d) -> Vec<[f64; 4]> {
    let Some(map) = ctx.canvas().and_then(|c| c.parent_element()) else {
        return Vec::new();
    };
    let Some(wrap) = map.parent_element() else {
        return Vec::new();
    };
    let origin = map.get_bounding_client_rect();
    let Ok(list) = wrap.query_selector_all(
        ".zoom-buttons, .map-source, .scale-bar, .notice, .loading, .data-error",
    ) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok())
        .map(|e| e.get_bounding_client_rect())
        .filter(|r| r.width() > 0.0 && r.height() > 0.0)
        .map(|r| {
            [
                r.left() - origin.left(),
                r.top() - origin.top(),
                r.right() - origin.left(),
                r.bottom() - origin.top(),
            ]
        })
        .collect()
}

impl Names {
    /// Names for `sets`, in `fill` with a `halo`.
    pub fn new(sets: Vec<NameSet>, fill: &str, halo: &str, only: Option<String>) -> Self {
        Names {
            sets,
            fill: fill.into(),
            halo: halo.into(),
            only,
            widths: HashMap::new(),
        }
    }

    /// Keeps the widths `old` measured (each is keyed by its font size, so all still apply).
    pub fn keep_widths(&mut self, old: Option<Names>) {
        if let Some(old) = old {
            self.widths = old.widths;
        }
    }

    /// Writes the names that fit view `v` on `ctx` (whose transform this sets to CSS px at
    /// `dpr`), and returns them.
    pub fn draw(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        v: &Viewport,
        dpr: f64,
    ) -> Vec<PlacedName> {
        let placed = self.place(ctx, v);
        self.write(ctx, &placed, dpr);
        placed
    }

    /// The names that fit view `v`, placed (CSS px) but not written; `ctx` measures them.
    pub fn place(&mut self, ctx: &CanvasRenderingContext2d, v: &Viewport) -> Vec<PlacedName> {
        let mixed = self.sets.len() > 1;
        let [x0, y0, x1, y1] = v.world_bounds();
        let mut cands = Vec::new();
        let mut whose = Vec::new();
        for (k, set) in self.sets.iter().enumerate() {
            let (size, bold) = font(set.level, mixed);
            ctx.set_font(&css_font(size, bold));
            // Gemeenten first when they share the map with wijken.
            let boost = if mixed && set.level == Level::Gemeente {
                1e12
            } else {
                0.0
            };
            for (row, a) in set.anchors.iter().enumerate() {
                let Some(a) = a else { continue };
                if a.x < x0 || a.x > x1 || a.y < y0 || a.y > y1 {
                    continue;
                }
                let Some(code) = set.index.codes.get(row) else {
                    continue;
                };
                if !crate::carto::shapes::within(code, self.only.as_deref()) {
                    continue;
                }
                let Some(name) = map_text(&set.index.names[row]) else {
                    continue;
                };
                let width = *self
                    .widths
                    .entry((set.level, row, size.to_bits()))
                    .or_insert_with(|| ctx.measure_text(name).map(|m| m.width()).unwrap_or(0.0));
                cands.push(Candidate {
                    anchor: *a,
                    width,
                    height: size * 1.2,
                    // Inhabitants rank names; room breaks ties (and ranks areas without any).
                    rank: boost + a.weight + a.room,
                    overflow: match set.level {
                        Level::Gemeente => 5.0,
                        Level::Wijk => 2.0,
                        Level::Buurt => 1.6,
                    },
                });
                whose.push((k, row, size, bold));
            }
        }
        let chosen = place(&cands, v, MAX_NAMES, &controls_over(ctx));
        let mut placed = Vec::with_capacity(chosen.len());
        for (i, x, y) in chosen {
            let (k, row, size, bold) = whose[i];
            let name = &self.sets[k].index.names[row];
            let text = map_text(name).unwrap_or(name);
            placed.push(PlacedName {
                text: text.to_string(),
                x,
                y,
                size,
                bold,
            });
        }
        placed
    }

    /// Writes the names `placed` (by [`Self::draw`] for the same view) on `ctx`, whose
    /// transform this sets to CSS px at `dpr`. A full draw in bands places the names once and
    /// writes in each band only those that reach into it.
    pub fn write(&self, ctx: &CanvasRenderingContext2d, placed: &[PlacedName], dpr: f64) {
        let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
        ctx.set_text_align("center");
        ctx.set_text_baseline("middle");
        ctx.set_line_join("round");
        ctx.set_line_width(3.0);
        ctx.set_stroke_style_str(&self.halo);
        ctx.set_fill_style_str(&self.fill);
        let mut current = None;
        for n in placed {
            if current != Some((n.size.to_bits(), n.bold)) {
                ctx.set_font(&css_font(n.size, n.bold));
                current = Some((n.size.to_bits(), n.bold));
            }
            let _ = ctx.stroke_text(&n.text, n.x, n.y);
            let _ = ctx.fill_text(&n.text, n.x, n.y);
        }
    }
}
