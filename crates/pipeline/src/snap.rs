//! Snapping neighbouring rings onto each other before arc extraction.
//!
//! The publishers simplified every polygon on its own, so two neighbours carry different
//! subsets of the original border's vertices and their borders are not vertex-identical:
//! thin gaps and overlaps open between them and arc extraction cannot see a shared border.
//! Both subsets are original vertices, so they lie within the publisher's tolerance of the
//! other's edges. Snapping recovers the common border in three steps:
//!
//! 1. **Vertex clusters.** Vertices of different rings closer than a quarter of the tolerance
//!    become one position (greedy in sorted order, so the result is deterministic; a
//!    cluster never takes two vertices of the same ring, which would pinch it).
//! 2. **Vertex insertion.** A vertex lying within the tolerance of another ring's edge, where
//!    its own ring runs along that other ring (a neighbouring vertex of it, or the middle of
//!    its incident edge, is within the tolerance too), is inserted into that edge. Then both
//!    rings carry the union of the vertices along their border, in the same order, and the
//!    border becomes one shared arc.
//! 3. **Folds.** Where the two rings disagree on the order of two vertices along their
//!    border (both rings then run the edge between them in the *same* direction, which
//!    correctly oriented neighbours never do), the two vertices become one position.
//!
//! A ring that snapping damages (collapses, flips, or changes its area by more than a
//! quarter) keeps its unsnapped version.

use crate::quantize::{area2, clean_ring, Pt, QArea};
use crate::simplify::seg_dist;
use rstar::{primitives::GeomWithData, primitives::Rectangle, RTree, AABB};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Snapping counts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SnapStats {
    /// Ring positions after snapping (closing positions included).
    pub vertices_out: usize,
    /// Vertices moved onto a nearby vertex of another ring.
    pub moved: usize,
    /// Vertices inserted into a nearby edge of another ring.
    pub inserted: usize,
    /// Folds repaired (an edge that two rings run in the same direction).
    pub folds: usize,
    /// Rings left unsnapped because snapping would have damaged them.
    pub reverted_rings: usize,
    /// Areas left unsnapped because snapping made them invalid.
    pub reverted_areas: usize,
}

type RingId = usize;

/// Which rings must not be snapped onto each other.
struct Apart<'a> {
    owner: &'a [usize],
    apart: &'a BTreeSet<(usize, usize)>,
}

impl Apart<'_> {
    /// Whether rings `r` and `s` must not be snapped onto each other: two rings of one area
    /// (its parts, or a shell and its hole: snapping them together makes the area invalid),
    /// or of a pair kept apart.
    fn separate(&self, r: RingId, s: RingId) -> bool {
        let (a, b) = (self.owner[r], self.owner[s]);
        (a == b && r != s)
            || (!self.apart.is_empty() && a != b && self.apart.contains(&(a.min(b), a.max(b))))
    }
}
type EdgeEntry = GeomWithData<Rectangle<[i64; 2]>, (RingId, usize)>;

/// Snaps rings that lie within `tol` grid units of each other. Pairs of areas (indices,
/// smaller first) listed in `apart` are not snapped onto each other.
pub fn snap(
    areas: &[QArea],
    tol: f64,
    apart: &BTreeSet<(usize, usize)>,
) -> (Vec<QArea>, SnapStats) {
    let mut stats = SnapStats::default();
    let owner: Vec<usize> = areas
        .iter()
        .enumerate()
        .flat_map(|(i, a)| std::iter::repeat_n(i, a.polygons.iter().map(Vec::len).sum()))
        .collect();
    let sep = Apart {
        owner: &owner,
        apart,
    };
    // Open rings, flat.
    let originals: Vec<Vec<Pt>> = areas
        .iter()
        .flat_map(|a| a.polygons.iter().flatten())
        .map(|r| r[..r.len() - 1].to_vec())
        .collect();
    let mut rings = originals.clone();
    stats.moved = cluster(&mut rings, tol / 4.0, &sep);
    stats.inserted = insert(&mut rings, tol, &sep);
    stats.folds = unfold(&mut rings, 3.0 * tol, &sep);

    // Reassemble, reverting damaged rings.
    let mut next = 0;
    let mut out = Vec::with_capacity(areas.len());
    for a in areas {
        let mut polygons = Vec::with_capacity(a.polygons.len());
        for poly in &a.polygons {
            let mut qp = Vec::with_capacity(poly.len());
            for orig in poly {
                let snapped = clean_ring(rings[next].iter().copied());
                next += 1;
                let ok = snapped.as_ref().is_some_and(|s| {
                    let (a0, a1) = (area2(orig), area2(s));
                    (a0 > 0) == (a1 > 0)
                        && a1.abs() * 4 >= a0.abs() * 3
                        && a1.abs() * 3 <= a0.abs() * 4
                });
                match snapped {
                    Some(s) if ok => qp.push(s),
                    _ => {
                        stats.reverted_rings += 1;
                        qp.push(orig.clone());
                    }
                }
            }
            polygons.push(qp);
        }
        out.push(QArea {
            code: a.code.clone(),
            polygons,
        });
    }
    stats.vertices_out = out
        .iter()
        .flat_map(|a| a.polygons.iter().flatten())
        .map(Vec::len)
        .sum();
    (out, stats)
}

/// Which rings use each position.
fn ring_sets(rings: &[Vec<Pt>]) -> HashMap<Pt, Vec<RingId>> {
    let mut m: HashMap<Pt, Vec<RingId>> = HashMap::new();
    for (r, ring) in rings.iter().enumerate() {
        for p in ring {
            let v = m.entry(*p).or_default();
            if v.last() != Some(&r) {
                v.push(r);
            }
        }
    }
    m
}

/// Step 1: merges vertices of different rings within `tol`; returns how many moved.
fn cluster(rings: &mut [Vec<Pt>], tol: f64, apart: &Apart<'_>) -> usize {
    if tol < 1.0 {
        return 0;
    }
    let sets = ring_sets(rings);
    let mut points: Vec<Pt> = sets.keys().copied().collect();
    points.sort_unstable();
    let tree: RTree<GeomWithData<[i64; 2], usize>> = RTree::bulk_load(
        points
            .iter()
            .enumerate()
            .map(|(i, p)| GeomWithData::new([p[0] as i64, p[1] as i64], i))
            .collect(),
    );
    let mut target: Vec<Option<usize>> = vec![None; points.len()];
    let t = tol.floor() as i64;
    let mut moved = BTreeMap::new();
    for i in 0..points.len() {
        if target[i].is_some() {
            continue;
        }
        target[i] = Some(i);
        let p = points[i];
        let mut members: Vec<RingId> = sets[&p].clone();
        let env = AABB::from_corners(
            [p[0] as i64 - t, p[1] as i64 - t],
            [p[0] as i64 + t, p[1] as i64 + t],
        );
        let mut near: Vec<usize> = tree
            .locate_in_envelope(&env)
            .map(|g| g.data)
            .filter(|&j| j != i && target[j].is_none())
            .collect();
        near.sort_unstable();
        for j in near {
            let q = points[j];
            let d = (((q[0] - p[0]) as f64).powi(2) + ((q[1] - p[1]) as f64).powi(2)).sqrt();
            let clash = sets[&q]
                .iter()
                .any(|r| members.iter().any(|m| m == r || apart.separate(*m, *r)));
            if d > tol || clash {
                continue;
            }
            members.extend(sets[&q].iter().copied());
            target[j] = Some(i);
            moved.insert(q, p);
        }
    }
    let mut count = 0;
    for ring in rings.iter_mut() {
        for p in ring.iter_mut() {
            if let Some(to) = moved.get(p) {
                *p = *to;
                count += 1;
            }
        }
    }
    count
}

/// Step 2: inserts vertices into nearby edges of other rings; returns how many.
fn insert(rings: &mut [Vec<Pt>], tol: f64, apart: &Apart<'_>) -> usize {
    let sets = ring_sets(rings);
    let t = tol.ceil() as i64;
    let mut entries: Vec<EdgeEntry> = Vec::new();
    for (r, ring) in rings.iter().enumerate() {
        let n = ring.len();
        for i in 0..n {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            let lo = [a[0].min(b[0]) as i64, a[1].min(b[1]) as i64];
            let hi = [a[0].max(b[0]) as i64, a[1].max(b[1]) as i64];
            entries.push(GeomWithData::new(Rectangle::from_corners(lo, hi), (r, i)));
        }
    }
    let tree = RTree::bulk_load(entries);
    let near_ring = |p: [f64; 2], r: RingId, rings: &[Vec<Pt>]| -> bool {
        let env = AABB::from_corners(
            [p[0].floor() as i64 - t, p[1].floor() as i64 - t],
            [p[0].ceil() as i64 + t, p[1].ceil() as i64 + t],
        );
        tree.locate_in_envelope_intersecting(&env).any(|e| {
            let (er, ei) = e.data;
            if er != r {
                return false;
            }
            let ring = &rings[er];
            let (a, b) = (ring[ei], ring[(ei + 1) % ring.len()]);
            seg_dist_f(p, a, b) <= tol
        })
    };
    // (ring, edge, t, point) of every insertion.
    let mut inserts: Vec<(RingId, usize, u64, Pt)> = Vec::new();
    for (s, ring) in rings.iter().enumerate() {
        let n = ring.len();
        for j in 0..n {
            let v = ring[j];
            let prev = ring[(j + n - 1) % n];
            let next = ring[(j + 1) % n];
            let env = AABB::from_corners(
                [v[0] as i64 - t, v[1] as i64 - t],
                [v[0] as i64 + t, v[1] as i64 + t],
            );
            // Best edge per other ring: (distance, edge, t).
            let mut best: BTreeMap<RingId, (f64, usize, f64)> = BTreeMap::new();
            for e in tree.locate_in_envelope_intersecting(&env) {
                let (r, i) = e.data;
                if r == s || apart.separate(r, s) || sets[&v].contains(&r) {
                    continue;
                }
                let other = &rings[r];
                let (a, b) = (other[i], other[(i + 1) % other.len()]);
                let d = seg_dist(v, a, b);
                if d > tol {
                    continue;
                }
                let tt = param(v, a, b);
                if tt <= 0.0 || tt >= 1.0 {
                    continue;
                }
                let better = best
                    .get(&r)
                    .is_none_or(|(bd, bi, _)| d < *bd || (d == *bd && i < *bi));
                if better {
                    best.insert(r, (d, i, tt));
                }
            }
            for (r, (_, i, tt)) in best {
                let mid = |q: Pt| [(q[0] + v[0]) as f64 / 2.0, (q[1] + v[1]) as f64 / 2.0];
                let along = [prev, next].iter().any(|q| {
                    near_ring([q[0] as f64, q[1] as f64], r, rings) || near_ring(mid(*q), r, rings)
                });
                if along {
                    inserts.push((r, i, (tt * 1e12) as u64, v));
                }
            }
        }
    }
    inserts.sort_unstable();
    inserts.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1 && a.3 == b.3);
    let count = inserts.len();
    let mut by_ring: BTreeMap<RingId, Vec<(usize, Pt)>> = BTreeMap::new();
    for (r, i, _, p) in inserts {
        by_ring.entry(r).or_default().push((i, p));
    }
    for (r, ins) in by_ring {
        let ring = &rings[r];
        let mut out = Vec::with_capacity(ring.len() + ins.len());
        let mut k = 0;
        for (i, p) in ring.iter().enumerate() {
            out.push(*p);
            while k < ins.len() && ins[k].0 == i {
                out.push(ins[k].1);
                k += 1;
            }
        }
        rings[r] = out;
    }
    count
}

/// Step 3: merges the ends of edges that two rings run in the same direction; returns how
/// many edges were merged. Edges longer than `max_len` are left alone.
fn unfold(rings: &mut [Vec<Pt>], max_len: f64, apart: &Apart<'_>) -> usize {
    let mut total = 0;
    for _ in 0..4 {
        let mut first: HashMap<(Pt, Pt), RingId> = HashMap::new();
        let mut merge: BTreeMap<Pt, Pt> = BTreeMap::new();
        for (r, ring) in rings.iter().enumerate() {
            let n = ring.len();
            for i in 0..n {
                let (a, b) = (ring[i], ring[(i + 1) % n]);
                if a == b {
                    continue;
                }
                match first.get(&(a, b)) {
                    Some(&other) if other != r && !apart.separate(other, r) => {
                        let len = (((b[0] - a[0]) as f64).powi(2) + ((b[1] - a[1]) as f64).powi(2))
                            .sqrt();
                        if len <= max_len {
                            let (lo, hi) = if a < b { (a, b) } else { (b, a) };
                            merge.insert(hi, lo);
                        }
                    }
                    Some(_) => {}
                    None => {
                        first.insert((a, b), r);
                    }
                }
            }
        }
        if merge.is_empty() {
            break;
        }
        total += merge.len();
        let resolve = |mut p: Pt| {
            while let Some(&q) = merge.get(&p) {
                p = q;
            }
            p
        };
        for ring in rings.iter_mut() {
            let mut out: Vec<Pt> = Vec::with_capacity(ring.len());
            for p in ring.iter() {
                let q = resolve(*p);
                if out.last() != Some(&q) {
                    out.push(q);
                }
            }
            while out.len() > 1 && out.first() == out.last() {
                out.pop();
            }
            *ring = out;
        }
    }
    total
}

/// Position of the projection of `p` on line `a`–`b` (0 at `a`, 1 at `b`).
fn param(p: Pt, a: Pt, b: Pt) -> f64 {
    let (dx, dy) = ((b[0] - a[0]) as f64, (b[1] - a[1]) as f64);
    let len2 = dx * dx + dy * dy;
    if len2 == 0.0 {
        return 0.0;
    }
    (((p[0] - a[0]) as f64) * dx + ((p[1] - a[1]) as f64) * dy) / len2
}

fn seg_dist_f(p: [f64; 2], a: Pt, b: Pt) -> f64 {
    let (ax, ay) = (a[0] as f64, a[1] as f64);
    let (dx, dy) = (b[0] as f64 - ax, b[1] as f64 - ay);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((p[0] - ax) * dx + (p[1] - ay) * dy) / len2).clamp(0.0, 1.0)
    };
    ((p[0] - ax - t * dx).powi(2) + (p[1] - ay - t * dy).powi(2)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::topology::extract;
    use buurtkaart_model::AreaCode;

    fn area(code: &str, ring: Vec<Pt>) -> QArea {
        QArea {
            code: AreaCode::parse(code).unwrap(),
            polygons: vec![vec![ring]],
        }
    }

    /// Two squares whose common border (x = 100) was simplified differently on each side.
    fn pair() -> Vec<QArea> {
        vec![
            area(
                "BU00010001",
                vec![[0, 0], [100, 0], [101, 50], [100, 100], [0, 100], [0, 0]],
            ),
            area(
                "BU00010002",
                vec![
                    [100, 0],
                    [200, 0],
                    [200, 100],
                    [100, 100],
                    [99, 30],
                    [100, 0],
                ],
            ),
        ]
    }

    #[test]
    fn unsnapped_border_is_not_shared() {
        let t = extract(&pair());
        let a: Vec<usize> = t.areas[0].polygons[0][0]
            .iter()
            .map(|r| if *r < 0 { !*r as usize } else { *r as usize })
            .collect();
        let b: Vec<usize> = t.areas[1].polygons[0][0]
            .iter()
            .map(|r| if *r < 0 { !*r as usize } else { *r as usize })
            .collect();
        assert!(a.iter().all(|x| !b.contains(x)));
    }

    #[test]
    fn snapped_border_is_one_arc() {
        let (snapped, stats) = snap(&pair(), 3.0, &BTreeSet::new());
        assert_eq!(stats.inserted, 2, "{stats:?}");
        let t = extract(&snapped);
        let a = &t.areas[0].polygons[0][0];
        let b = &t.areas[1].polygons[0][0];
        let shared = a.iter().filter(|r| b.contains(&!**r)).count();
        assert_eq!(shared, 1, "{t:?}");
        assert_eq!(t.arcs.len(), 3);
    }

    #[test]
    fn far_rings_are_left_alone() {
        let mut p = pair();
        for ring in p[1].polygons[0].iter_mut() {
            for q in ring.iter_mut() {
                q[0] += 50;
            }
        }
        let (snapped, stats) = snap(&p, 3.0, &BTreeSet::new());
        assert_eq!(stats.inserted + stats.moved, 0);
        assert_eq!(snapped, p);
    }
}
