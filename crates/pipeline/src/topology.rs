//! Arc extraction, TopoJSON style: rings are cut at junctions (positions where the set of
//! neighbouring positions changes), and every arc is stored once; a neighbour that runs
//! along the same border in the other direction refers to it reversed (`~i`).

use crate::quantize::{Pt, QArea};
use std::collections::{HashMap, HashSet};

/// Arc references per area: polygons → rings → arc indices (`!i` = arc `i` reversed).
#[derive(Debug, Clone, PartialEq)]
pub struct AreaArcs {
    /// Index of the area in the input.
    pub area: usize,
    /// Polygons of rings of arc references.
    pub polygons: Vec<Vec<Vec<i32>>>,
}

/// Arcs (absolute grid positions) and the rings that use them.
#[derive(Debug, Clone, PartialEq)]
pub struct Arcs {
    /// Each arc: at least two positions; a closed arc (a whole ring) starts and ends alike.
    pub arcs: Vec<Vec<Pt>>,
    /// Per area, its rings as arc references.
    pub areas: Vec<AreaArcs>,
}

/// Cuts every ring at junctions and deduplicates the pieces.
pub fn extract(areas: &[QArea]) -> Arcs {
    let junctions = junctions(areas);
    let mut arcs: Vec<Vec<Pt>> = Vec::new();
    let mut lookup: HashMap<Vec<Pt>, usize> = HashMap::new();
    let mut out = Vec::with_capacity(areas.len());
    for (ai, area) in areas.iter().enumerate() {
        let mut polygons = Vec::with_capacity(area.polygons.len());
        for poly in &area.polygons {
            let mut rings = Vec::with_capacity(poly.len());
            for ring in poly {
                let open = &ring[..ring.len() - 1];
                let pieces = cut(open, &junctions);
                let refs = pieces
                    .into_iter()
                    .map(|piece| intern(piece, &mut arcs, &mut lookup))
                    .collect();
                rings.push(refs);
            }
            polygons.push(rings);
        }
        out.push(AreaArcs { area: ai, polygons });
    }
    Arcs { arcs, areas: out }
}

/// Positions where rings meet with different neighbours (or a ring touches itself).
fn junctions(areas: &[QArea]) -> HashSet<Pt> {
    let mut seen: HashMap<Pt, (Pt, Pt)> = HashMap::new();
    let mut junctions = HashSet::new();
    for ring in areas.iter().flat_map(|a| a.polygons.iter().flatten()) {
        let open = &ring[..ring.len() - 1];
        let n = open.len();
        for i in 0..n {
            let p = open[i];
            let prev = open[(i + n - 1) % n];
            let next = open[(i + 1) % n];
            match seen.get(&p) {
                None => {
                    seen.insert(p, (prev, next));
                }
                Some(&(a, b)) => {
                    if !((a == prev && b == next) || (a == next && b == prev)) {
                        junctions.insert(p);
                    }
                }
            }
        }
    }
    junctions
}

/// Cuts an open ring into arcs at junctions. Without junctions the whole ring is one closed
/// arc, rotated to start at its smallest position so equal rings compare equal.
fn cut(open: &[Pt], junctions: &HashSet<Pt>) -> Vec<Vec<Pt>> {
    let n = open.len();
    let Some(start) = (0..n).find(|&i| junctions.contains(&open[i])) else {
        let m = (0..n).min_by_key(|&i| open[i]).unwrap_or(0);
        let mut arc: Vec<Pt> = (0..=n).map(|k| open[(m + k) % n]).collect();
        arc.shrink_to_fit();
        return vec![arc];
    };
    let mut pieces = Vec::new();
    let mut cur = vec![open[start]];
    for k in 1..=n {
        let p = open[(start + k) % n];
        cur.push(p);
        if junctions.contains(&p) {
            pieces.push(std::mem::replace(&mut cur, vec![p]));
        }
    }
    pieces
}

/// Returns the reference of `piece`, adding it as a new arc unless it (or its reverse) exists.
fn intern(piece: Vec<Pt>, arcs: &mut Vec<Vec<Pt>>, lookup: &mut HashMap<Vec<Pt>, usize>) -> i32 {
    if let Some(&i) = lookup.get(&piece) {
        return i as i32;
    }
    let closed = piece.first() == piece.last();
    let reversed: Vec<Pt> = if closed {
        // A closed arc reversed must also start at its smallest position.
        let open = &piece[..piece.len() - 1];
        let rev: Vec<Pt> = open.iter().rev().copied().collect();
        let n = rev.len();
        let m = (0..n).min_by_key(|&i| rev[i]).unwrap_or(0);
        (0..=n).map(|k| rev[(m + k) % n]).collect()
    } else {
        piece.iter().rev().copied().collect()
    };
    if let Some(&i) = lookup.get(&reversed) {
        return !(i as i32);
    }
    let i = arcs.len();
    lookup.insert(piece.clone(), i);
    arcs.push(piece);
    i as i32
}

/// The positions of a ring from its arc references (closed: first == last).
pub fn ring_points(arcs: &[Vec<Pt>], refs: &[i32]) -> Vec<Pt> {
    buurtkaart_model::Topology::ring(arcs, refs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use buurtkaart_model::AreaCode;

    fn area(code: &str, ring: Vec<Pt>) -> QArea {
        QArea {
            code: AreaCode::parse(code).unwrap(),
            polygons: vec![vec![ring]],
        }
    }

    #[test]
    fn shared_border_is_one_arc() {
        let a = area("BU00010001", vec![[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]);
        let b = area("BU00010002", vec![[1, 0], [2, 0], [2, 1], [1, 1], [1, 0]]);
        let t = extract(&[a.clone(), b.clone()]);
        let ra = &t.areas[0].polygons[0][0];
        let rb = &t.areas[1].polygons[0][0];
        let shared: Vec<i32> = ra
            .iter()
            .filter(|r| rb.contains(&!**r) || rb.contains(r))
            .copied()
            .collect();
        assert_eq!(shared.len(), 1, "{t:?}");
        let mut pa = ring_points(&t.arcs, ra);
        let mut pb = ring_points(&t.arcs, rb);
        // Same ring positions (up to rotation) as the input.
        pa.pop();
        pb.pop();
        for p in &a.polygons[0][0] {
            assert!(pa.contains(p));
        }
        for p in &b.polygons[0][0] {
            assert!(pb.contains(p));
        }
    }

    #[test]
    fn identical_rings_share_a_closed_arc() {
        // An island buurt inside a hole of another: the hole and the island are one arc.
        let outer = vec![[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]];
        let hole = vec![[3, 3], [3, 6], [6, 6], [6, 3], [3, 3]];
        let island = vec![[3, 3], [6, 3], [6, 6], [3, 6], [3, 3]];
        let a = QArea {
            code: AreaCode::parse("BU00010001").unwrap(),
            polygons: vec![vec![outer, hole]],
        };
        let b = area("BU00010002", island);
        let t = extract(&[a, b]);
        assert_eq!(t.arcs.len(), 2);
        let h = t.areas[0].polygons[0][1][0];
        let i = t.areas[1].polygons[0][0][0];
        assert_eq!(h, !i);
    }
}
