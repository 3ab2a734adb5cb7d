//! The geometry stage of one level: quantise → snap → cut into shared arcs → simplify →
//! TopoJSON.

use crate::error::Result;
use crate::quantize::{bbox, quantise_all, Grid, QArea, QuantiseStats};
use crate::simplify::{simplify, SimplifyStats};
use crate::snap::{snap, SnapStats};
use crate::sources::geometry::MultiPolygon;
use crate::topology::extract;
use buurtkaart_model::{AreaCode, Geometry, GeometryCollection, Level, Topology};
use std::collections::BTreeMap;

/// How one level's geometry is prepared.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShapeParams {
    /// Grid step in degrees.
    pub step: f64,
    /// Snapping tolerance in grid units (0 = no snapping).
    pub snap: f64,
    /// Douglas–Peucker tolerance in grid units.
    pub simplify: f64,
}

impl ShapeParams {
    /// The parameters used for `level`.
    ///
    /// The publishers simplified buurten at 0.0001° and wijken and gemeenten at 0.0005°, one
    /// polygon at a time; the snapping tolerance matches that, so the two versions of a
    /// shared border become one.
    pub fn for_level(level: Level) -> ShapeParams {
        match level {
            Level::Buurt => ShapeParams {
                step: 1e-5,
                snap: 10.0,
                simplify: 10.0,
            },
            Level::Wijk => ShapeParams {
                step: 2e-5,
                snap: 25.0,
                simplify: 10.0,
            },
            Level::Gemeente => ShapeParams {
                step: 5e-5,
                snap: 10.0,
                simplify: 6.0,
            },
        }
    }
}

/// Vertex counts through the stage.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ShapeStats {
    /// Quantisation counts.
    pub quantise: QuantiseStats,
    /// Snapping counts.
    pub snap: SnapStats,
    /// Number of arcs.
    pub arcs: usize,
    /// Simplification counts.
    pub simplify: SimplifyStats,
    /// Areas with geometry.
    pub areas: usize,
}

/// The result of the geometry stage.
#[derive(Debug, Clone)]
pub struct Shapes {
    /// The TopoJSON.
    pub topology: Topology,
    /// Areas on the grid after snapping, before arc extraction (for measurements).
    pub snapped: Vec<QArea>,
    /// Areas on the grid before snapping.
    pub quantised: Vec<QArea>,
    /// The grid.
    pub grid: Grid,
    /// Counts.
    pub stats: ShapeStats,
}

/// Runs the geometry stage for `level`.
pub fn build_shapes(
    level: Level,
    geoms: &BTreeMap<AreaCode, MultiPolygon>,
    params: ShapeParams,
    file: &str,
) -> Result<Shapes> {
    let bb = bbox(geoms.values());
    let grid = Grid::new(params.step, bb);
    let (quantised, qstats) = quantise_all(geoms, &grid, file)?;
    let (snapped, sstats) = if params.snap > 0.0 {
        snap(&quantised, params.snap)
    } else {
        (quantised.clone(), SnapStats::default())
    };
    let arcs = extract(&snapped);
    let (simple, simp_stats) = simplify(&arcs, params.simplify);
    let geometries = arcs
        .areas
        .iter()
        .map(|a| {
            let id = snapped[a.area].code.to_string();
            if a.polygons.len() == 1 {
                Geometry::Polygon {
                    id,
                    arcs: a.polygons[0].clone(),
                }
            } else {
                Geometry::MultiPolygon {
                    id,
                    arcs: a.polygons.clone(),
                }
            }
        })
        .collect();
    let mut lo = [i32::MAX; 2];
    let mut hi = [i32::MIN; 2];
    for p in simple.iter().flatten() {
        lo = [lo[0].min(p[0]), lo[1].min(p[1])];
        hi = [hi[0].max(p[0]), hi[1].max(p[1])];
    }
    let (a, b) = (grid.lonlat(lo), grid.lonlat(hi));
    let r = |x: f64| crate::join::round(x, 6);
    let mut objects = BTreeMap::new();
    objects.insert(
        level.id().to_string(),
        GeometryCollection {
            kind: "GeometryCollection".into(),
            geometries,
        },
    );
    let stats = ShapeStats {
        quantise: qstats,
        snap: sstats,
        arcs: simple.len(),
        simplify: simp_stats,
        areas: snapped.len(),
    };
    Ok(Shapes {
        topology: Topology {
            kind: "Topology".into(),
            bbox: [r(a[0]), r(a[1]), r(b[0]), r(b[1])],
            transform: grid.transform(),
            objects,
            arcs: Topology::delta_encode(&simple),
        },
        snapped,
        quantised,
        grid,
        stats,
    })
}
