//! Per-area `Path2d`s in world km, built lazily for the areas on screen and at a level of
//! detail that suits the scale: points closer than ~0.4 px to the last kept one are dropped,
//! and an area's path is rebuilt finer once the map is zoomed in well past the scale it was
//! built for. At the national view this draws a fraction of the vertices.
use crate::carto::AreaShapes;
use buurtkaart_model::Level;
use geo::{Coord, LineString, Winding};
use std::collections::HashMap;
use web_sys::Path2d;

/// Pixels below which consecutive points are merged.
const TOLERANCE_PX: f64 = 0.4;
/// Rebuild a path once the scale exceeds its build scale by this factor.
const REBUILD_FACTOR: f64 = 2.5;

/// Cached paths per level and shape.
#[derive(Default)]
pub struct PathCache {
    levels: HashMap<Level, Vec<Option<(Path2d, f64)>>>,
}

/// Adds `ring` to `path`, dropping points within `tol` of the previous kept point. Exteriors
/// run clockwise and holes anticlockwise, so the non-zero rule fills overlapping neighbours
/// fully and leaves holes open.
fn trace(path: &Path2d, ring: &LineString<f64>, clockwise: bool, tol: f64) {
    let pts: &[Coord<f64>] = &ring.0;
    if pts.len() < 3 {
        return;
    }
    // y points down on screen, so geo's anticlockwise (maths orientation) is clockwise here.
    let reverse = ring.is_ccw() != clockwise;
    let emit = |i: usize, p: &Coord<f64>, last: &mut Option<Coord<f64>>| {
        let keep = match last {
            None => true,
            Some(l) => i + 1 == pts.len() || (p.x - l.x).abs() + (p.y - l.y).abs() >= tol,
        };
        if keep {
            if last.is_none() {
                path.move_to(p.x, p.y);
            } else {
                path.line_to(p.x, p.y);
            }
            *last = Some(*p);
        }
    };
    let mut last = None;
    if reverse {
        for (i, p) in pts.iter().rev().enumerate() {
            emit(i, p, &mut last);
        }
    } else {
        for (i, p) in pts.iter().enumerate() {
            emit(i, p, &mut last);
        }
    }
    path.close_path();
}

fn build(shapes: &AreaShapes, i: usize, scale: f64) -> Path2d {
    let path = Path2d::new().expect("Path2D is supported");
    let tol = TOLERANCE_PX / scale;
    for poly in &shapes.shapes[i].geometry.0 {
        trace(&path, poly.exterior(), true, tol);
        for hole in poly.interiors() {
            trace(&path, hole, false, tol);
        }
    }
    path
}

impl PathCache {
    /// The path of shape `i` of `level`, detailed enough for `scale` (built if needed).
    pub fn get(
        &mut self,
        level: Level,
        shapes: &AreaShapes,
        i: usize,
        scale: f64,
    ) -> Option<Path2d> {
        let v = self.levels.entry(level).or_default();
        if v.len() != shapes.len() {
            *v = vec![None; shapes.len()];
        }
        let slot = v.get_mut(i)?;
        match slot {
            Some((p, built)) if scale <= *built * REBUILD_FACTOR => Some(p.clone()),
            _ => {
                let p = build(shapes, i, scale);
                *slot = Some((p.clone(), scale));
                Some(p)
            }
        }
    }

    /// The cached path of shape `i`, if any (no building).
    pub fn peek(&self, level: Level, i: usize) -> Option<Path2d> {
        self.levels
            .get(&level)?
            .get(i)?
            .as_ref()
            .map(|(p, _)| p.clone())
    }
}
