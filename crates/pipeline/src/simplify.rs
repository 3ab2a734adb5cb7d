//! Douglas–Peucker simplification of arcs, each arc once, endpoints fixed, with guards that
//! no ring collapses and no arc crosses or touches another (so every polygon stays valid and
//! neighbours do not overlap).

use crate::arc_guard::conflicting_arcs;
use crate::quantize::{area2, Pt};
use crate::topology::{ring_points, Arcs};
use geo::{LineString, MultiPolygon, Polygon, Validation};

/// Simplification result counts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SimplifyStats {
    /// Arc positions before.
    pub before: usize,
    /// Arc positions after.
    pub after: usize,
    /// Arcs simplified less than asked because a ring would otherwise collapse or flip, or an
    /// arc would cross or touch another.
    pub protected_arcs: usize,
    /// Arcs still in a conflict at full detail (the conflict is in the input itself).
    pub input_conflicts: usize,
}

/// Simplifies every arc with tolerance `eps` (grid units), except the arcs marked in
/// `exact`. A ring that would lose its area (fewer than 3 distinct positions, zero area,
/// flipped orientation or less than a tenth of its area left) gets its arcs simplified with
/// a quarter of the tolerance, repeatedly, down to no simplification; so does an arc that
/// crosses or touches another arc or itself ([`conflicting_arcs`]).
pub fn simplify(arcs: &Arcs, eps: f64, exact: &[bool]) -> (Vec<Vec<Pt>>, SimplifyStats) {
    let mut tol: Vec<f64> = (0..arcs.arcs.len())
        .map(|i| {
            if exact.get(i).copied().unwrap_or(false) {
                0.0
            } else {
                eps
            }
        })
        .collect();
    let mut out: Vec<Vec<Pt>> = arcs
        .arcs
        .iter()
        .zip(&tol)
        .map(|(a, t)| douglas_peucker(a, *t))
        .collect();
    let mut stats = SimplifyStats {
        before: arcs.arcs.iter().map(Vec::len).sum(),
        ..Default::default()
    };
    // Areas valid before simplification must stay valid (parts that come to lie inside one
    // another cross no arc, so the arc guard alone does not see them).
    let valid_before: Vec<bool> = arcs
        .areas
        .iter()
        .map(|a| area_polygon(&arcs.arcs, &a.polygons).is_valid())
        .collect();
    let mut dirty: Vec<bool> = vec![true; arcs.areas.len()];
    loop {
        let mut bad = Vec::new();
        for (k, a) in arcs.areas.iter().enumerate() {
            if valid_before[k] && dirty[k] && !area_polygon(&out, &a.polygons).is_valid() {
                bad.extend(a.polygons.iter().flatten().flatten().map(|&r| arc_index(r)));
            }
        }
        for ring in arcs.areas.iter().flat_map(|a| a.polygons.iter().flatten()) {
            let orig = ring_points(&arcs.arcs, ring);
            let simp = ring_points(&out, ring);
            if !ring_ok(&orig, &simp) {
                bad.extend(ring.iter().map(|&r| arc_index(r)));
            }
        }
        let conflicts = conflicting_arcs(&out);
        stats.input_conflicts = conflicts.iter().filter(|&&i| tol[i] == 0.0).count();
        bad.extend(conflicts);
        bad.sort_unstable();
        bad.dedup();
        let mut changed = vec![false; out.len()];
        for i in bad {
            if tol[i] > 0.0 {
                tol[i] = if tol[i] < 1.0 { 0.0 } else { tol[i] / 4.0 };
                out[i] = douglas_peucker(&arcs.arcs[i], tol[i]);
                changed[i] = true;
            }
        }
        if !changed.contains(&true) {
            break;
        }
        for (k, a) in arcs.areas.iter().enumerate() {
            dirty[k] = a
                .polygons
                .iter()
                .flatten()
                .flatten()
                .any(|&r| changed[arc_index(r)]);
        }
    }
    stats.protected_arcs = tol.iter().filter(|t| **t < eps).count();
    stats.after = out.iter().map(Vec::len).sum();
    (out, stats)
}

fn arc_index(r: i32) -> usize {
    if r < 0 {
        !r as usize
    } else {
        r as usize
    }
}

/// An area's polygons (rings of arc references) with the arcs `arcs`, in grid units.
fn area_polygon(arcs: &[Vec<Pt>], polygons: &[Vec<Vec<i32>>]) -> MultiPolygon<f64> {
    let ring = |refs: &Vec<i32>| {
        LineString::from(
            ring_points(arcs, refs)
                .iter()
                .map(|p| (p[0] as f64, p[1] as f64))
                .collect::<Vec<_>>(),
        )
    };
    MultiPolygon(
        polygons
            .iter()
            .filter(|p| !p.is_empty())
            .map(|p| Polygon::new(ring(&p[0]), p[1..].iter().map(ring).collect()))
            .collect(),
    )
}

/// Whether a simplified ring keeps its area: ≥ 3 distinct positions, same orientation,
/// and at least a tenth of its original area.
fn ring_ok(orig: &[Pt], simp: &[Pt]) -> bool {
    if simp.len() < 4 {
        return false;
    }
    let a0 = area2(orig);
    let a1 = area2(simp);
    a1 != 0 && (a0 > 0) == (a1 > 0) && a1.abs() * 10 >= a0.abs()
}

/// Douglas–Peucker on one polyline, endpoints kept. A closed polyline (first == last) is
/// split at its farthest position from the start first.
pub fn douglas_peucker(line: &[Pt], eps: f64) -> Vec<Pt> {
    let n = line.len();
    if n <= 2 || eps <= 0.0 {
        return line.to_vec();
    }
    let mut keep = vec![false; n];
    keep[0] = true;
    keep[n - 1] = true;
    let mut stack = vec![(0usize, n - 1)];
    while let Some((a, b)) = stack.pop() {
        if b <= a + 1 {
            continue;
        }
        let (mut best, mut best_d) = (0usize, -1.0f64);
        for i in a + 1..b {
            let d = seg_dist(line[i], line[a], line[b]);
            if d > best_d {
                best_d = d;
                best = i;
            }
        }
        if best_d > eps || line[a] == line[b] {
            keep[best] = true;
            stack.push((a, best));
            stack.push((best, b));
        }
    }
    line.iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(p, _)| *p)
        .collect()
}

/// Distance from `p` to segment `a`–`b`.
pub fn seg_dist(p: Pt, a: Pt, b: Pt) -> f64 {
    let (px, py) = (p[0] as f64, p[1] as f64);
    let (ax, ay) = (a[0] as f64, a[1] as f64);
    let (bx, by) = (b[0] as f64, b[1] as f64);
    let (dx, dy) = (bx - ax, by - ay);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((px - ax) * dx + (py - ay) * dy) / len2).clamp(0.0, 1.0)
    };
    let (qx, qy) = (ax + t * dx, ay + t * dy);
    ((px - qx).powi(2) + (py - qy).powi(2)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_endpoints_and_corners() {
        let line = vec![[0, 0], [5, 1], [10, 0], [10, 10]];
        assert_eq!(douglas_peucker(&line, 2.0), vec![[0, 0], [10, 0], [10, 10]]);
        assert_eq!(douglas_peucker(&line, 0.5), line);
    }

    #[test]
    fn closed_line_keeps_a_triangle() {
        let ring = vec![[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]];
        let s = douglas_peucker(&ring, 100.0);
        assert!(s.len() >= 3, "{s:?}");
    }

    #[test]
    fn empty_and_single() {
        assert!(douglas_peucker(&[], 1.0).is_empty());
        assert_eq!(douglas_peucker(&[[1, 1]], 1.0), vec![[1, 1]]);
    }
}
