//! Repair of areas that rounding to the grid made invalid: where a channel narrower than a
//! grid step closes, the ring touches or crosses itself, or two parts come to overlap. The
//! area's polygons are unioned (geo's boolean operations resolve crossings and pinches into
//! valid parts, OGC style) and put back on the grid; that is tried a few times, since new
//! crossing points are rounded too. Where two parts still overlap after that, the smaller one
//! is dropped if it is a sliver.

use crate::quantize::{clean_ring, orient, Grid, QArea, QPolygon};
use geo::algorithm::bool_ops::FillRule;
use geo::algorithm::validation::InvalidMultiPolygon;
use geo::{Area, BooleanOps, Coord, LineString, MultiPolygon, OpType, Polygon, Validation};

/// Rounds of union and rounding at most.
const MAX_TRIES: usize = 10;

/// The area's polygons on the grid as geo polygons in grid units.
fn grid_polygons(area: &QArea) -> MultiPolygon<f64> {
    let ring = |r: &Vec<[i32; 2]>| {
        LineString(
            r.iter()
                .map(|p| Coord {
                    x: p[0] as f64,
                    y: p[1] as f64,
                })
                .collect(),
        )
    };
    MultiPolygon(
        area.polygons
            .iter()
            .map(|p| Polygon::new(ring(&p[0]), p[1..].iter().map(ring).collect()))
            .collect(),
    )
}

/// The polygons of `mp` (grid units) rounded back onto the grid; collapsed rings are dropped.
fn on_grid(mp: &MultiPolygon<f64>) -> Vec<QPolygon> {
    let snap = |l: &LineString<f64>| {
        clean_ring(l.0.iter().map(|c| [c.x.round() as i32, c.y.round() as i32]))
    };
    mp.0.iter()
        .filter_map(|p| {
            let outer = orient(snap(p.exterior())?, true);
            let holes = p
                .interiors()
                .iter()
                .filter_map(snap)
                .map(|h| orient(h, false));
            Some(std::iter::once(outer).chain(holes).collect())
        })
        .collect()
}

/// The index of the smaller of two overlapping parts of `area`, when it is a sliver.
fn sliver_part(area: &QArea, grid: &Grid) -> Option<usize> {
    let geo = area.in_metres(grid);
    let (i, j) = match geo.check_validation() {
        Err(InvalidMultiPolygon::ElementsOverlaps(i, j))
        | Err(InvalidMultiPolygon::ElementsTouchOnALine(i, j)) => (i.0, j.0),
        _ => return None,
    };
    let area_of = |k: usize| geo.0[k].unsigned_area();
    let small = if area_of(i) < area_of(j) { i } else { j };
    (area_of(small) < 0.01 * geo.unsigned_area()).then_some(small)
}

/// Whether `area` is valid (checked as the validation of the written files does: in metres).
pub fn is_valid(area: &QArea, grid: &Grid) -> bool {
    area.in_metres(grid).is_valid()
}

/// A valid version of `area` on the grid, or `None` when union and rounding do not give one.
pub fn repair(area: &QArea, grid: &Grid) -> Option<QArea> {
    let mut current = area.clone();
    for _ in 0..MAX_TRIES {
        // Non-zero winding: overlapping parts (both counter-clockwise) fill once, holes
        // (clockwise) stay holes, both lobes of a crossed ring are kept.
        let united = grid_polygons(&current).boolean_op_with_fill_rule(
            &MultiPolygon::<f64>(vec![]),
            OpType::Union,
            FillRule::NonZero,
        );
        let polygons = on_grid(&united);
        if polygons.is_empty() {
            return None;
        }
        current = QArea {
            code: area.code.clone(),
            polygons,
        };
        if is_valid(&current, grid) {
            return Some(current);
        }
    }
    // Where rounding keeps two parts overlapping (two piers a grid step apart), the smaller
    // part goes if it is a sliver (under 1 % of the area).
    for _ in 0..current.polygons.len() {
        let drop = sliver_part(&current, grid)?;
        current.polygons.remove(drop);
        if is_valid(&current, grid) {
            return Some(current);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use buurtkaart_model::AreaCode;

    fn grid() -> Grid {
        Grid::new(5e-5, [5.0, 52.0, 5.1, 52.1])
    }

    #[test]
    fn a_pinched_ring_becomes_two_valid_parts() {
        // A figure of eight: the ring passes (2, 2) twice.
        let ring = vec![[0, 0], [2, 2], [4, 0], [4, 4], [2, 2], [0, 4], [0, 0]];
        let area = QArea {
            code: AreaCode::parse("BU00000001").unwrap(),
            polygons: vec![vec![ring]],
        };
        assert!(!is_valid(&area, &grid()));
        let fixed = repair(&area, &grid()).expect("repaired");
        assert!(is_valid(&fixed, &grid()));
        assert_eq!(fixed.polygons.len(), 2);
    }

    #[test]
    fn overlapping_parts_are_merged() {
        let a = vec![[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]];
        let b = vec![[2, 2], [6, 2], [6, 6], [2, 6], [2, 2]];
        let area = QArea {
            code: AreaCode::parse("BU00000001").unwrap(),
            polygons: vec![vec![a], vec![b]],
        };
        assert!(!is_valid(&area, &grid()));
        let fixed = repair(&area, &grid()).expect("repaired");
        assert!(is_valid(&fixed, &grid()));
        assert_eq!(fixed.polygons.len(), 1);
    }
}
