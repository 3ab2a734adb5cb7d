//! Finds arcs that cross or touch another arc (or themselves) after simplification.
//!
//! All arcs of a level together form a planar graph: they meet only at their end positions
//! (the junctions). Simplification moves an arc's interior, and can make it cross itself, the
//! other arcs of its ring, or a neighbour's border. Any such conflict makes a polygon invalid
//! (a self-crossing ring, or two areas that overlap), so the simplification stage keeps more
//! points in the arcs named here.
//!
//! Two segments conflict when they have any point in common other than one shared end
//! position: a proper crossing, a position on the other's interior, or a collinear overlap.
//! The arithmetic is exact (integer grid positions, `i64` orientation tests).

use crate::quantize::Pt;
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{RTree, RTreeObject};
use std::collections::BTreeSet;

/// A segment: arc index and the index of its first position in the arc.
type Seg = GeomWithData<Rectangle<[i64; 2]>, (u32, u32)>;

/// Indices of the arcs that take part in at least one conflict.
///
/// ```
/// use buurtkaart_pipeline::arc_guard::conflicting_arcs;
/// // Two arcs that meet at their ends only: no conflict.
/// let ok = vec![vec![[0, 0], [5, 5], [10, 0]], vec![[10, 0], [5, -5], [0, 0]]];
/// assert!(conflicting_arcs(&ok).is_empty());
/// // The second arc now crosses the first.
/// let bad = vec![vec![[0, 0], [5, 5], [10, 0]], vec![[10, 0], [2, 6], [0, 0]]];
/// assert_eq!(conflicting_arcs(&bad).into_iter().collect::<Vec<_>>(), vec![0, 1]);
/// ```
pub fn conflicting_arcs(arcs: &[Vec<Pt>]) -> BTreeSet<usize> {
    let segs: Vec<Seg> = arcs
        .iter()
        .enumerate()
        .flat_map(|(a, arc)| {
            arc.windows(2)
                .enumerate()
                .filter(|(_, w)| w[0] != w[1])
                .map(move |(i, w)| {
                    let (p, q) = (wide(w[0]), wide(w[1]));
                    GeomWithData::new(Rectangle::from_corners(p, q), (a as u32, i as u32))
                })
        })
        .collect();
    let tree = RTree::bulk_load(segs.clone());
    let mut out = BTreeSet::new();
    for s in &segs {
        let (a, _) = s.data;
        let (p, q) = ends(arcs, s.data);
        for o in tree.locate_in_envelope_intersecting(&s.envelope()) {
            if o.data <= s.data {
                continue;
            }
            let (c, d) = ends(arcs, o.data);
            if conflict(p, q, c, d) {
                out.insert(a as usize);
                out.insert(o.data.0 as usize);
            }
        }
    }
    out
}

fn wide(p: Pt) -> [i64; 2] {
    [p[0] as i64, p[1] as i64]
}

fn ends(arcs: &[Vec<Pt>], (a, i): (u32, u32)) -> ([i64; 2], [i64; 2]) {
    let arc = &arcs[a as usize];
    (wide(arc[i as usize]), wide(arc[i as usize + 1]))
}

/// Sign of the turn a → b → c.
fn orient(a: [i64; 2], b: [i64; 2], c: [i64; 2]) -> i64 {
    ((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])).signum()
}

/// Whether `p` lies on the closed segment `a`–`b`, given that the three are collinear.
fn on_segment(p: [i64; 2], a: [i64; 2], b: [i64; 2]) -> bool {
    p[0] >= a[0].min(b[0])
        && p[0] <= a[0].max(b[0])
        && p[1] >= a[1].min(b[1])
        && p[1] <= a[1].max(b[1])
}

/// Whether segments `p`–`q` and `c`–`d` share more than one common end position.
pub fn conflict(p: [i64; 2], q: [i64; 2], c: [i64; 2], d: [i64; 2]) -> bool {
    let (o1, o2, o3, o4) = (
        orient(p, q, c),
        orient(p, q, d),
        orient(c, d, p),
        orient(c, d, q),
    );
    if o1 * o2 > 0 || o3 * o4 > 0 {
        return false;
    }
    if o1 == 0 && o2 == 0 {
        // Collinear: they conflict unless they meet in one shared end position only.
        let shared = [p, q].iter().filter(|e| **e == c || **e == d).count();
        let inner = [c, d]
            .iter()
            .any(|e| *e != p && *e != q && on_segment(*e, p, q))
            || [p, q]
                .iter()
                .any(|e| *e != c && *e != d && on_segment(*e, c, d));
        return inner || shared == 2;
    }
    if o1 * o2 < 0 && o3 * o4 < 0 {
        return true;
    }
    // They meet where one's end position lies on the other: allowed only at a shared end.
    let touch = if o1 == 0 && on_segment(c, p, q) {
        c
    } else if o2 == 0 && on_segment(d, p, q) {
        d
    } else if o3 == 0 && on_segment(p, c, d) {
        p
    } else if o4 == 0 && on_segment(q, c, d) {
        q
    } else {
        return false;
    };
    !((touch == p || touch == q) && (touch == c || touch == d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments() {
        let z = |x, y| [x, y];
        // Proper crossing.
        assert!(conflict(z(0, 0), z(10, 10), z(0, 10), z(10, 0)));
        // Shared end only.
        assert!(!conflict(z(0, 0), z(10, 10), z(10, 10), z(20, 0)));
        // An end on the other's interior (a T).
        assert!(conflict(z(0, 0), z(10, 0), z(5, 0), z(5, 5)));
        // Collinear overlap, and a fold back along the same line.
        assert!(conflict(z(0, 0), z(10, 0), z(5, 0), z(15, 0)));
        assert!(conflict(z(0, 0), z(10, 0), z(10, 0), z(4, 0)));
        // Collinear, meeting end to end.
        assert!(!conflict(z(0, 0), z(10, 0), z(10, 0), z(20, 0)));
        // Apart.
        assert!(!conflict(z(0, 0), z(10, 0), z(0, 1), z(10, 1)));
        // The same segment twice (two arcs along one border).
        assert!(conflict(z(0, 0), z(10, 0), z(10, 0), z(0, 0)));
    }

    #[test]
    fn a_closed_arc_is_fine_and_a_bow_tie_is_not() {
        let square = vec![vec![[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]];
        assert!(conflicting_arcs(&square).is_empty());
        let bow = vec![vec![[0, 0], [10, 10], [10, 0], [0, 10], [0, 0]]];
        assert_eq!(conflicting_arcs(&bow).len(), 1);
    }
}
