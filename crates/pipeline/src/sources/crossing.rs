//! Finds a ring that crosses itself (a "bow tie"), which no later stage can mend: its area,
//! orientation and fill are undefined.
//!
//! Only *proper* crossings count: two edges that are not neighbours and whose interiors cross at
//! one point. Touching at a vertex and collinear overlap are allowed, as published boundaries
//! have them (a self-touching ring is a legal "inverted hole" in many tools).
//!
//! Caveat: the orientation test is plain `f64` arithmetic, so a crossing within a rounding error
//! of a vertex may go unnoticed; that is a touch for every practical purpose.

/// Where a ring crosses itself: the two edge indices (edge `i` runs from position `i` to `i + 1`)
/// and the approximate crossing point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Crossing {
    /// The first edge.
    pub edge_a: usize,
    /// The second edge (`> edge_a`).
    pub edge_b: usize,
    /// Where they cross (lon, lat).
    pub at: [f64; 2],
}

/// The first proper self-crossing of a closed ring (first == last), if any.
///
/// Sweeps the edges in order of their left end, so a ring of n positions costs about
/// n log n plus the pairs whose x ranges overlap.
///
/// ```
/// use buurtkaart_pipeline::sources::crossing::self_crossing;
/// let bow_tie = [[0.0, 0.0], [1.0, 1.0], [1.0, 0.0], [0.0, 1.0], [0.0, 0.0]];
/// assert_eq!(self_crossing(&bow_tie).map(|c| c.at), Some([0.5, 0.5]));
/// let square = [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]];
/// assert_eq!(self_crossing(&square), None);
/// ```
pub fn self_crossing(ring: &[[f64; 2]]) -> Option<Crossing> {
    let n = ring.len().checked_sub(1)?; // edges
    let min_x = |i: usize| ring[i][0].min(ring[i + 1][0]);
    let max_x = |i: usize| ring[i][0].max(ring[i + 1][0]);
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| min_x(a).total_cmp(&min_x(b)));
    let mut active: Vec<usize> = Vec::new();
    for &e in &order {
        let left = min_x(e);
        active.retain(|&a| max_x(a) >= left);
        for &a in &active {
            let (i, j) = (a.min(e), a.max(e));
            let neighbours = j == i + 1 || (i == 0 && j == n - 1);
            if neighbours {
                continue;
            }
            if let Some(at) = proper_crossing(ring[i], ring[i + 1], ring[j], ring[j + 1]) {
                return Some(Crossing {
                    edge_a: i,
                    edge_b: j,
                    at,
                });
            }
        }
        active.push(e);
    }
    None
}

/// Twice the signed area of triangle p q r (> 0: counter-clockwise).
fn orient(p: [f64; 2], q: [f64; 2], r: [f64; 2]) -> f64 {
    (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
}

/// The crossing point if segments p1p2 and q1q2 cross in both their interiors.
fn proper_crossing(p1: [f64; 2], p2: [f64; 2], q1: [f64; 2], q2: [f64; 2]) -> Option<[f64; 2]> {
    let d1 = orient(q1, q2, p1);
    let d2 = orient(q1, q2, p2);
    let d3 = orient(p1, p2, q1);
    let d4 = orient(p1, p2, q2);
    let strict = |a: f64, b: f64| (a > 0.0 && b < 0.0) || (a < 0.0 && b > 0.0);
    if !(strict(d1, d2) && strict(d3, d4)) {
        return None;
    }
    let t = d1 / (d1 - d2);
    Some([p1[0] + t * (p2[0] - p1[0]), p1[1] + t * (p2[1] - p1[1])])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_tiny_rings_have_no_crossing() {
        assert_eq!(self_crossing(&[]), None);
        assert_eq!(self_crossing(&[[0.0, 0.0]]), None);
        assert_eq!(self_crossing(&[[0.0, 0.0], [1.0, 0.0], [0.0, 0.0]]), None);
    }

    #[test]
    fn touching_at_a_vertex_is_not_a_crossing() {
        // Two squares meeting at (1, 1), drawn as one ring (an "inverted hole" shape).
        let ring = [
            [0.0, 0.0],
            [1.0, 0.0],
            [1.0, 1.0],
            [2.0, 1.0],
            [2.0, 2.0],
            [1.0, 2.0],
            [1.0, 1.0],
            [0.0, 1.0],
            [0.0, 0.0],
        ];
        assert_eq!(self_crossing(&ring), None);
    }

    #[test]
    fn a_figure_eight_is_found_with_its_edges() {
        let ring = [[0.0, 0.0], [2.0, 2.0], [2.0, 0.0], [0.0, 2.0], [0.0, 0.0]];
        let c = self_crossing(&ring).unwrap();
        assert_eq!((c.edge_a, c.edge_b, c.at), (0, 2, [1.0, 1.0]));
    }

    #[test]
    fn a_long_spike_through_the_ring_is_found() {
        let ring = [
            [0.0, 0.0],
            [10.0, 0.0],
            [10.0, 10.0],
            [5.0, 10.0],
            [5.0, -3.0],
            [4.0, 10.0],
            [0.0, 10.0],
            [0.0, 0.0],
        ];
        assert!(self_crossing(&ring).is_some());
    }
}
