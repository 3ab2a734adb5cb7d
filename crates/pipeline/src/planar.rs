//! Area geometry in metres for measuring: lon/lat rings projected onto a local
//! equirectangular plane around 52.1° N (good to a few percent over the Netherlands), the
//! written topology decoded back to lon/lat, and pairwise overlaps. Shared by the geometry
//! stage (its guards), the validation of the output and the `measure` command.

use buurtkaart_model::Topology;
use geo::{Area, BooleanOps, BoundingRect, Coord, LineString, MultiPolygon, Polygon};
use rstar::{primitives::GeomWithData, primitives::Rectangle, RTree, RTreeObject};
use std::collections::BTreeMap;

const LAT0: f64 = 52.1;

/// Polygons → rings → lon/lat positions.
pub type LonLatPolygons = Vec<Vec<Vec<[f64; 2]>>>;

/// A lon/lat position in metres on the local plane.
pub fn project(p: [f64; 2]) -> Coord<f64> {
    let kx = 111_320.0 * LAT0.to_radians().cos();
    Coord {
        x: (p[0] - 5.3) * kx,
        y: (p[1] - LAT0) * 110_574.0,
    }
}

/// Lon/lat polygons (outer ring first) as a geo multipolygon in metres, rings oriented.
pub fn to_geo(rings: &[Vec<Vec<[f64; 2]>>]) -> MultiPolygon<f64> {
    MultiPolygon(
        rings
            .iter()
            .map(|poly| {
                let mut it = poly
                    .iter()
                    .map(|r| LineString(r.iter().map(|p| project(*p)).collect()));
                let outer = it.next().unwrap_or_else(|| LineString(vec![]));
                let mut p = Polygon::new(outer, it.collect());
                // Outer rings counter-clockwise, holes clockwise, as unary_union expects.
                use geo::orient::{Direction, Orient};
                p = p.orient(Direction::Default);
                p
            })
            .collect(),
    )
}

/// The written topology as lon/lat polygons per area.
pub fn decode(topo: &Topology) -> Vec<(String, LonLatPolygons)> {
    let abs = topo.absolute_arcs();
    let mut out = Vec::new();
    for coll in topo.objects.values() {
        for g in &coll.geometries {
            let polys = g
                .polygons()
                .iter()
                .map(|rings| {
                    rings
                        .iter()
                        .map(|refs| {
                            Topology::ring(&abs, refs)
                                .into_iter()
                                .map(|p| topo.to_lonlat(p))
                                .collect()
                        })
                        .collect()
                })
                .collect();
            out.push((g.id().to_string(), polys));
        }
    }
    out
}

/// Overlap area of every pair of areas whose bounding boxes meet (pairs with overlap > 0).
pub fn pair_overlaps(areas: &[MultiPolygon<f64>]) -> BTreeMap<(usize, usize), f64> {
    let boxes: Vec<GeomWithData<Rectangle<[f64; 2]>, usize>> = areas
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let b = a.bounding_rect()?;
            Some(GeomWithData::new(
                Rectangle::from_corners([b.min().x, b.min().y], [b.max().x, b.max().y]),
                i,
            ))
        })
        .collect();
    let tree = RTree::bulk_load(boxes.clone());
    let mut out = BTreeMap::new();
    for b in &boxes {
        let i = b.data;
        let mut near: Vec<usize> = tree
            .locate_in_envelope_intersecting(&b.envelope())
            .map(|o| o.data)
            .filter(|&j| j > i)
            .collect();
        near.sort_unstable();
        for j in near {
            let a = areas[i].intersection(&areas[j]).unsigned_area();
            if a > 0.0 {
                out.insert((i, j), a);
            }
        }
    }
    out
}
