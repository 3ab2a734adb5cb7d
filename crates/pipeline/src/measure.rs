//! Gap and overlap measurements between neighbouring areas, before and after the geometry
//! stage (the `measure` command).
//!
//! * **Overlap**: Σ over pairs of areas whose bounding boxes meet of area(A ∩ B). Disjoint
//!   neighbours give 0; borders simplified differently on each side give thin slivers.
//! * **Gap**: Σ area of the holes of the union of all areas that are slivers, i.e. whose
//!   mean width (2 · area / perimeter) is below a threshold. Real holes (lakes, areas
//!   without a boundary) are wide and are not counted.
//!
//! Areas are in m² in a local equirectangular projection around 52.1° N (good to a few
//! percent over the Netherlands).

use crate::planar::{decode, pair_overlaps, to_geo};
use crate::shapes::Shapes;
use crate::sources::geometry::MultiPolygon as SrcMulti;
use buurtkaart_model::{AreaCode, Topology};
use geo::{Area, Euclidean, Length, MultiPolygon, Polygon};
use std::collections::BTreeMap;
use std::fmt;

/// Gap and overlap of one geometry set.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GapOverlap {
    /// Σ pairwise intersection area (m²).
    pub overlap_m2: f64,
    /// Number of pairs that overlap by more than 1 m².
    pub overlap_pairs: usize,
    /// Σ area of sliver holes of the union (m²).
    pub gap_m2: f64,
    /// Number of sliver holes larger than 1 m².
    pub gap_holes: usize,
    /// The largest overlaps: (area index, area index, m²), largest first (at most 5).
    pub worst: Vec<(usize, usize, f64)>,
    /// Overlap per pair of area indices (pairs with any overlap).
    pub pairs: BTreeMap<(usize, usize), f64>,
}

/// Measurements of one level.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Measurement {
    /// The source geometry.
    pub before: GapOverlap,
    /// The written topology.
    pub after: GapOverlap,
    /// Share of the written boundary length that is a shared arc (used by two areas).
    pub shared_length: f64,
    /// Areas in the source / in the written topology with non-zero area.
    pub areas: (usize, usize),
    /// Pairs whose overlap grew by more than 1 m², with the total growth (m²).
    pub worse_pairs: (usize, f64),
    /// Area codes (both geometry sets are in this order).
    pub codes: Vec<String>,
}

impl fmt::Display for Measurement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let g = |x: &GapOverlap| {
            let worst: Vec<String> = x
                .worst
                .iter()
                .map(|(i, j, a)| format!("{} × {} {:.0} m²", self.codes[*i], self.codes[*j], a))
                .collect();
            format!(
                "overlap {:.0} m² ({} pairs; largest {}), gap {:.0} m² ({} sliver holes)",
                x.overlap_m2,
                x.overlap_pairs,
                worst.join(", "),
                x.gap_m2,
                x.gap_holes
            )
        };
        write!(
            f,
            "\n  before: {}\n  after:  {}\n  {} pairs overlap more than before (together +{:.0} m²)\n  {:.1} % of the written boundary length is shared; areas with non-zero area {} → {}",
            g(&self.before),
            g(&self.after),
            self.worse_pairs.0,
            self.worse_pairs.1,
            self.shared_length * 100.0,
            self.areas.0,
            self.areas.1
        )
    }
}

/// Measures gap and overlap of a set of areas; `max_gap_width` in metres.
pub fn gap_overlap(areas: &[MultiPolygon<f64>], max_gap_width: f64) -> GapOverlap {
    let mut r = GapOverlap {
        pairs: pair_overlaps(areas),
        ..Default::default()
    };
    for (&(i, j), &a) in &r.pairs {
        r.overlap_m2 += a;
        if a > 1.0 {
            r.overlap_pairs += 1;
        }
        r.worst.push((i, j, a));
    }
    r.worst.sort_by(|a, b| b.2.total_cmp(&a.2));
    r.worst.truncate(5);
    let union = geo::unary_union(areas.iter());
    for p in union.0 {
        for hole in p.interiors() {
            let a = Polygon::new(hole.clone(), vec![]).unsigned_area();
            let per = Euclidean.length(hole);
            if per > 0.0 && 2.0 * a / per < max_gap_width {
                r.gap_m2 += a;
                if a > 1.0 {
                    r.gap_holes += 1;
                }
            }
        }
    }
    r
}

/// Measures one level: the source geometry against the written topology.
pub fn measure_level(
    source: &BTreeMap<AreaCode, SrcMulti>,
    shapes: &Shapes,
    max_gap_width: f64,
) -> Measurement {
    let before: Vec<MultiPolygon<f64>> = source.values().map(|g| to_geo(g)).collect();
    let decoded = decode(&shapes.topology);
    let after: Vec<MultiPolygon<f64>> = decoded.iter().map(|(_, g)| to_geo(g)).collect();
    let nonzero = |v: &[MultiPolygon<f64>]| v.iter().filter(|m| m.unsigned_area() > 0.0).count();
    let mut m = Measurement {
        before: gap_overlap(&before, max_gap_width),
        after: gap_overlap(&after, max_gap_width),
        shared_length: shared_length(&shapes.topology),
        areas: (nonzero(&before), nonzero(&after)),
        codes: source.keys().map(|c| c.to_string()).collect(),
        worse_pairs: (0, 0.0),
    };
    for (pair, a) in &m.after.pairs {
        let b = m.before.pairs.get(pair).copied().unwrap_or(0.0);
        if *a > b + 1.0 {
            m.worse_pairs.0 += 1;
            m.worse_pairs.1 += a - b;
        }
    }
    m
}

/// Share of the arc length (grid units) that belongs to arcs used by two or more rings.
pub fn shared_length(topo: &Topology) -> f64 {
    let abs = topo.absolute_arcs();
    let mut uses = vec![0usize; abs.len()];
    for coll in topo.objects.values() {
        for g in &coll.geometries {
            for poly in g.polygons() {
                for &r in poly.iter().flatten() {
                    uses[if r < 0 { !r as usize } else { r as usize }] += 1;
                }
            }
        }
    }
    let (mut shared, mut total) = (0.0, 0.0);
    for (arc, n) in abs.iter().zip(uses) {
        let len: f64 = arc
            .windows(2)
            .map(|w| {
                (((w[1][0] - w[0][0]) as f64).powi(2) + ((w[1][1] - w[0][1]) as f64).powi(2)).sqrt()
            })
            .sum();
        total += len;
        if n >= 2 {
            shared += len;
        }
    }
    if total > 0.0 {
        shared / total
    } else {
        0.0
    }
}
