//! Quantisation: lon/lat → integer grid positions, with ring clean-up.
//!
//! After rounding, consecutive duplicates and back-and-forth spikes are removed and rings
//! are oriented as RFC 7946 asks (outer rings counter-clockwise, holes clockwise).
//! A ring that collapses (fewer than 3 distinct positions or zero area) is dropped; an area
//! whose every polygon collapses is an error, so no area can vanish silently.

use crate::error::{PipelineError, Result};
use crate::sources::geometry::MultiPolygon;
use buurtkaart_model::{AreaCode, Transform};
use std::collections::BTreeMap;

/// A grid position.
pub type Pt = [i32; 2];
/// A closed ring on the grid (first == last).
pub type QRing = Vec<Pt>;
/// A polygon on the grid: outer ring, then holes.
pub type QPolygon = Vec<QRing>;

/// The quantisation grid of one level.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grid {
    /// Degrees per step (lon, lat).
    pub scale: [f64; 2],
    /// Lon/lat of grid (0, 0).
    pub translate: [f64; 2],
}

impl Grid {
    /// A grid with `step` degrees per unit whose origin is `bbox`'s corner rounded down to 0.1°.
    pub fn new(step: f64, bbox: [f64; 4]) -> Grid {
        Grid {
            scale: [step, step],
            translate: [
                (bbox[0] * 10.0).floor() / 10.0,
                (bbox[1] * 10.0).floor() / 10.0,
            ],
        }
    }

    /// The grid position of a lon/lat position.
    pub fn quantise(&self, p: [f64; 2]) -> Pt {
        [
            ((p[0] - self.translate[0]) / self.scale[0]).round() as i32,
            ((p[1] - self.translate[1]) / self.scale[1]).round() as i32,
        ]
    }

    /// The lon/lat of a grid position.
    pub fn lonlat(&self, p: Pt) -> [f64; 2] {
        [
            p[0] as f64 * self.scale[0] + self.translate[0],
            p[1] as f64 * self.scale[1] + self.translate[1],
        ]
    }

    /// As a TopoJSON transform.
    pub fn transform(&self) -> Transform {
        Transform {
            scale: self.scale,
            translate: self.translate,
        }
    }
}

/// One area on the grid.
#[derive(Debug, Clone, PartialEq)]
pub struct QArea {
    /// CBS code.
    pub code: AreaCode,
    /// Polygons.
    pub polygons: Vec<QPolygon>,
}

impl QArea {
    /// The area as polygons in metres (as the validation of the written files sees it).
    pub fn in_metres(&self, grid: &Grid) -> geo::MultiPolygon<f64> {
        let polys: Vec<Vec<Vec<[f64; 2]>>> = self
            .polygons
            .iter()
            .map(|p| {
                p.iter()
                    .map(|r| r.iter().map(|q| grid.lonlat(*q)).collect())
                    .collect()
            })
            .collect();
        crate::planar::to_geo(&polys)
    }
}

/// Bounding box `[min lon, min lat, max lon, max lat]` of some geometries.
pub fn bbox<'a>(geoms: impl Iterator<Item = &'a MultiPolygon>) -> [f64; 4] {
    let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    for p in geoms.flatten().flatten().flatten() {
        b = [
            b[0].min(p[0]),
            b[1].min(p[1]),
            b[2].max(p[0]),
            b[3].max(p[1]),
        ];
    }
    b
}

/// What quantisation dropped.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QuantiseStats {
    /// Positions before.
    pub vertices_in: usize,
    /// Positions after (closing positions included).
    pub vertices_out: usize,
    /// Polygons dropped because they collapsed.
    pub dropped_polygons: usize,
    /// Holes dropped because they collapsed.
    pub dropped_holes: usize,
    /// Areas that rounding made invalid and that were repaired on the grid.
    pub repaired: usize,
    /// Areas that rounding made invalid and that could not be repaired.
    pub unrepaired: usize,
}

/// Quantises every area; `file` names the source in errors.
pub fn quantise_all(
    geoms: &BTreeMap<AreaCode, MultiPolygon>,
    grid: &Grid,
    file: &str,
) -> Result<(Vec<QArea>, QuantiseStats)> {
    let mut stats = QuantiseStats::default();
    let mut out = Vec::with_capacity(geoms.len());
    for (code, mp) in geoms {
        let mut polygons = Vec::new();
        for poly in mp {
            stats.vertices_in += poly.iter().map(Vec::len).sum::<usize>();
            let mut rings = poly
                .iter()
                .map(|r| clean_ring(r.iter().map(|p| grid.quantise(*p))));
            let Some(outer) = rings.next().flatten() else {
                stats.dropped_polygons += 1;
                continue;
            };
            let mut qp = vec![orient(outer, true)];
            for hole in rings {
                match hole {
                    Some(h) => qp.push(orient(h, false)),
                    None => stats.dropped_holes += 1,
                }
            }
            polygons.push(qp);
        }
        if polygons.is_empty() {
            return Err(PipelineError::Geometry {
                file: file.to_string(),
                code: code.to_string(),
                message: format!(
                    "every polygon collapses at a grid step of {}°",
                    grid.scale[0]
                ),
            });
        }
        stats.vertices_out += polygons.iter().flatten().map(Vec::len).sum::<usize>();
        out.push(QArea {
            code: code.clone(),
            polygons,
        });
    }
    Ok((out, stats))
}

/// Removes repeated positions and spikes and closes the ring; `None` if it collapses.
pub fn clean_ring(points: impl Iterator<Item = Pt>) -> Option<QRing> {
    let mut open: Vec<Pt> = Vec::new();
    for p in points {
        if open.last() == Some(&p) {
            continue;
        }
        // A→B→A spike: drop B and the repeated A.
        if open.len() >= 2 && open[open.len() - 2] == p {
            open.pop();
            continue;
        }
        open.push(p);
    }
    // The ring's closing position repeats its first; also fold spikes across the seam.
    loop {
        let n = open.len();
        if n >= 2 && open[0] == open[n - 1] {
            open.pop();
        } else if n >= 3 && open[n - 2] == open[0] {
            open.pop();
            open.pop();
        } else if n >= 3 && open[n - 1] == open[1] {
            open.remove(0);
            open.pop();
        } else {
            break;
        }
    }
    if open.len() < 3 || area2(&open) == 0 {
        return None;
    }
    open.push(open[0]);
    Some(open)
}

/// Twice the signed area of a ring on the grid (open or closed form; positive = CCW).
pub fn area2(ring: &[Pt]) -> i64 {
    let n = ring.len();
    let mut s: i64 = 0;
    for i in 0..n {
        let a = ring[i];
        let b = ring[(i + 1) % n];
        s += a[0] as i64 * b[1] as i64 - b[0] as i64 * a[1] as i64;
    }
    s
}

/// Orients a closed ring: counter-clockwise if `ccw`, else clockwise.
pub fn orient(mut ring: QRing, ccw: bool) -> QRing {
    if (area2(&ring) > 0) != ccw {
        ring.reverse();
    }
    ring
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_duplicates_and_spikes() {
        let r = clean_ring(
            [
                [0, 0],
                [0, 0],
                [4, 0],
                [4, 4],
                [6, 6],
                [4, 4],
                [0, 4],
                [0, 0],
            ]
            .into_iter(),
        );
        assert_eq!(r.unwrap(), vec![[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]);
    }

    #[test]
    fn collapsed_ring_is_none() {
        assert!(clean_ring([[0, 0], [1, 1], [2, 2], [0, 0]].into_iter()).is_none());
        assert!(clean_ring([[0, 0], [0, 0], [0, 0], [0, 0]].into_iter()).is_none());
    }

    #[test]
    fn orientation() {
        let cw = vec![[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]];
        assert!(area2(&orient(cw.clone(), true)) > 0);
        assert!(area2(&orient(cw, false)) < 0);
    }
}
