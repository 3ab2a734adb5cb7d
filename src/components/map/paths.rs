//! Canvas paths straight from the topology's arcs, at a level of detail that suits the scale.
//!
//! Each shared border is simplified once per detail level (Ramer–Douglas–Peucker, within half
//! a pixel), so neighbours keep meeting exactly and the national view draws about half the
//! vertices. A draw appends whole classes of areas to one `Path2d` per class; there is no
//! `Path2d` per area and no `addPath` per area (both cost more than the vertices themselves).
use crate::carto::shapes::for_each_point;
use crate::carto::AreaShapes;
use buurtkaart_model::Level;
use geo::{Coord, LineString, Simplify};
use std::collections::HashMap;
use std::sync::Arc;
use web_sys::Path2d;

/// Largest error, in CSS pixels, that simplification may introduce.
const TOLERANCE_PX: f64 = 0.5;
/// From this scale (px per km) on the arcs are drawn as stored: a tolerance of 2 m is below
/// the data's own precision (~3.5 m quantisation).
const FULL_DETAIL_SCALE: f64 = 256.0;

/// Simplified arcs of one level for one detail step.
struct Detail {
    /// The topology these arcs belong to (to notice a reload).
    shapes: Arc<AreaShapes>,
    /// `log2` of the scale the arcs were simplified for.
    step: i32,
    /// Arcs simplified so far (lazily, as areas come into view).
    arcs: Vec<Option<Vec<Coord<f64>>>>,
    /// SVG path data of the areas traced so far, one after another ...
    svg: String,
    /// ... and where each area's is in it: a redraw in other colours only concatenates.
    svg_at: Vec<Option<(u32, u32)>>,
}

/// Simplified arcs per level, for the current detail step.
#[derive(Default)]
pub struct PathCache {
    levels: HashMap<Level, Detail>,
}

/// The detail step for `scale`: the next power of two at or above it, so that the tolerance
/// never exceeds [`TOLERANCE_PX`] and zooming within a factor of two reuses the arcs. `None`
/// means full detail.
fn step_of(scale: f64) -> Option<i32> {
    (scale < FULL_DETAIL_SCALE).then(|| scale.max(1e-6).log2().ceil() as i32)
}

/// Appends the rings `rings` to `path` (in km), taking arc `i` from `arc(i)`.
fn trace<'a>(path: &Path2d, rings: &[Vec<i32>], arc: &mut impl FnMut(usize) -> &'a [Coord<f64>]) {
    for refs in rings {
        let mut first = true;
        for_each_point(refs, &mut *arc, |p| {
            if first {
                path.move_to(p.x, p.y);
                first = false;
            } else {
                path.line_to(p.x, p.y);
            }
        });
        if !first {
            path.close_path();
        }
    }
}

/// Appends the rings `rings` to `svg` as SVG path data in whole metres (relative moves, so
/// most numbers have two or three digits).
fn trace_svg<'a>(
    svg: &mut String,
    rings: &[Vec<i32>],
    arc: &mut impl FnMut(usize) -> &'a [Coord<f64>],
) {
    let mut num = itoa::Buffer::new();
    for refs in rings {
        let mut last: Option<(i64, i64)> = None;
        let mut lines = false;
        for_each_point(refs, &mut *arc, |p| {
            let q = (
                (p.x * M_PER_KM).round() as i64,
                (p.y * M_PER_KM).round() as i64,
            );
            match last {
                None => {
                    svg.push('M');
                    svg.push_str(num.format(q.0));
                    svg.push(' ');
                    svg.push_str(num.format(q.1));
                }
                Some(l) if l == q => return,
                Some(l) => {
                    // An `l` without numbers would end the browser's parsing of the whole
                    // path, so it comes only with the first move.
                    svg.push(if lines { ' ' } else { 'l' });
                    lines = true;
                    svg.push_str(num.format(q.0 - l.0));
                    svg.push(' ');
                    svg.push_str(num.format(q.1 - l.1));
                }
            }
            last = Some(q);
        });
        if last.is_some() {
            svg.push('z');
        }
    }
}

/// Units of the SVG path data per km of the world (see [`PathCache::append`]).
pub const M_PER_KM: f64 = 1000.0;

impl PathCache {
    /// Appends the areas `items` of `shapes` (of `level`) to `svg` as SVG path data in metres
    /// (scale the canvas by 1 / [`M_PER_KM`]), detailed for `scale`.
    ///
    /// One string per class, parsed by the browser in one call, is much faster than a
    /// `lineTo` call per vertex on a large `Path2d`. Each area's data is kept per detail step,
    /// so a redraw in other colours (or after a pan within the step) only concatenates.
    pub fn append(
        &mut self,
        svg: &mut String,
        level: Level,
        shapes: &Arc<AreaShapes>,
        items: &[usize],
        scale: f64,
    ) {
        let Some(step) = step_of(scale) else {
            // Full detail: few areas are in view, traced as they come.
            for &i in items {
                trace_svg(svg, &shapes.shapes[i].rings, &mut |a| &shapes.arcs[a]);
            }
            return;
        };
        self.simplify(level, shapes, items, step);
        let Some(d) = self.levels.get_mut(&level) else {
            return;
        };
        for &i in items {
            let (from, to) = match d.svg_at.get(i) {
                Some(Some((from, to))) => (*from as usize, *to as usize),
                _ => {
                    let from = d.svg.len();
                    let arcs = &d.arcs;
                    trace_svg(&mut d.svg, &shapes.shapes[i].rings, &mut |a| {
                        arcs[a].as_deref().unwrap_or(&shapes.arcs[a])
                    });
                    if let Some(slot) = d.svg_at.get_mut(i) {
                        *slot = Some((from as u32, d.svg.len() as u32));
                    }
                    (from, d.svg.len())
                }
            };
            svg.push_str(&d.svg[from..to]);
        }
    }

    /// Calls `f` with the arcs of `shapes` (of `level`) detailed for `scale`: `arc(a)` is arc
    /// `a`, simplified once per detail step for the areas `items` (others as stored).
    pub fn with_arcs<'s, R>(
        &'s mut self,
        level: Level,
        shapes: &'s Arc<AreaShapes>,
        items: &[usize],
        scale: f64,
        f: impl FnOnce(&dyn Fn(usize) -> &'s [Coord<f64>]) -> R,
    ) -> R {
        let step = step_of(scale);
        if let Some(step) = step {
            self.simplify(level, shapes, items, step);
        }
        let this: &'s Self = self;
        let detail = step.and_then(|_| this.levels.get(&level));
        let arc = move |a: usize| -> &'s [Coord<f64>] {
            detail
                .and_then(|d| d.arcs.get(a))
                .and_then(|s| s.as_deref())
                .unwrap_or(&shapes.arcs[a])
        };
        f(&arc)
    }

    /// Simplifies the arcs of `items` for detail step `step`, once.
    fn simplify(&mut self, level: Level, shapes: &Arc<AreaShapes>, items: &[usize], step: i32) {
        let d = self.levels.entry(level).or_insert_with(|| Detail {
            shapes: shapes.clone(),
            step,
            arcs: Vec::new(),
            svg: String::new(),
            svg_at: Vec::new(),
        });
        if d.step != step || !Arc::ptr_eq(&d.shapes, shapes) {
            *d = Detail {
                shapes: shapes.clone(),
                step,
                arcs: Vec::new(),
                svg: String::new(),
                svg_at: Vec::new(),
            };
        }
        if d.arcs.len() != shapes.arcs.len() {
            d.arcs = vec![None; shapes.arcs.len()];
        }
        if d.svg_at.len() != shapes.len() {
            d.svg_at = vec![None; shapes.len()];
            d.svg.clear();
        }
        let eps = TOLERANCE_PX / 2f64.powi(step);
        for &i in items {
            for &r in shapes.shapes[i].rings.iter().flatten() {
                let a = if r < 0 { (!r) as usize } else { r as usize };
                if let Some(slot @ None) = d.arcs.get_mut(a) {
                    *slot = Some(LineString::new(shapes.arcs[a].clone()).simplify(eps).0);
                }
            }
        }
    }

    /// A path of the single area `i` at full detail (hover and selection outlines).
    pub fn area(shapes: &AreaShapes, i: usize) -> Option<Path2d> {
        let path = Path2d::new().ok()?;
        trace(&path, &shapes.shapes.get(i)?.rings, &mut |a| {
            &shapes.arcs[a]
        });
        Some(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detail_steps() {
        assert_eq!(step_of(2.5), Some(2));
        assert_eq!(step_of(4.0), Some(2));
        assert_eq!(step_of(0.3), Some(-1));
        assert_eq!(step_of(300.0), None);
    }

    #[test]
    fn svg_path_in_metres_with_relative_moves() {
        let arcs: Vec<Vec<Coord<f64>>> = vec![
            vec![Coord { x: 1.0, y: 0.0 }, Coord { x: 1.0, y: 1.0 }],
            vec![
                Coord { x: 1.0, y: 1.0 },
                Coord { x: 0.0, y: 1.0 },
                Coord { x: 0.0, y: 0.0 },
                Coord { x: 1.0, y: 0.0 },
            ],
        ];
        let mut svg = String::new();
        trace_svg(&mut svg, &[vec![0, 1], vec![!1, !0]], &mut |a| &arcs[a]);
        assert_eq!(
            svg,
            "M1000 0l0 1000 -1000 0 0 -1000 1000 0z\
             M1000 0l-1000 0 0 1000 1000 0 0 -1000z"
        );
        // A ring that collapses to one point is a bare move, never an `l` without numbers.
        let dot: Vec<Vec<Coord<f64>>> = vec![vec![Coord { x: 0.0, y: 0.0 }; 4]];
        let mut svg = String::new();
        trace_svg(&mut svg, &[vec![0]], &mut |a| &dot[a]);
        assert_eq!(svg, "M0 0z");
    }
}
