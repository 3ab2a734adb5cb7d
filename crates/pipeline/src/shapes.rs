//! The geometry stage of one level: quantise → snap → cut into shared arcs → simplify →
//! TopoJSON.

use crate::error::Result;
use crate::planar::{pair_overlaps, to_geo};
use crate::quantize::Pt;
use crate::quantize::{bbox, quantise_all, Grid, QArea, QuantiseStats};
use crate::simplify::{simplify, SimplifyStats};
use crate::snap::snap;
use crate::snap::SnapStats;
use crate::sources::geometry::MultiPolygon;
use crate::topology::{extract, ring_points};
use buurtkaart_model::{AreaCode, Geometry, GeometryCollection, Level, Topology};
use geo::Validation;
use std::collections::BTreeMap;
use std::collections::BTreeSet;

/// How one level's geometry is prepared.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShapeParams {
    /// Grid step in degrees.
    pub step: f64,
    /// Snapping tolerance in grid units (0 = no snapping).
    pub snap: f64,
    /// Douglas–Peucker tolerance in grid units of the detail files (per gemeente).
    pub simplify: f64,
    /// Douglas–Peucker tolerance in grid units of the national overview file.
    pub overview: f64,
}

impl ShapeParams {
    /// The parameters used for `level`.
    ///
    /// The publishers simplified buurten at 0.0001° and wijken and gemeenten at 0.0005°, one
    /// polygon at a time; the snapping tolerance matches that, so the two versions of a
    /// shared border become one.
    ///
    /// The detail files keep the borders within about one grid step of the source (buurt and
    /// wijk 0.0001° ≈ 7–11 m; gemeente 0.0002°), so a buurt's area stays within a percent.
    /// The overview is what a screen needs up to the zoom where the app switches to detail
    /// ([`OVERVIEW_MAX_SCALE`]): 0.002° ≈ 140–220 m, one to two pixels there. (At 0.001° and
    /// twice the switch scale the overview was 8 % larger: most of its positions are the
    /// junctions of 12,147 buurten, which no tolerance removes.)
    pub fn for_level(level: Level) -> ShapeParams {
        match level {
            Level::Buurt => ShapeParams {
                step: 5e-5,
                snap: 2.0,
                simplify: 1.5,
                overview: 40.0,
            },
            Level::Wijk => ShapeParams {
                step: 5e-5,
                snap: 10.0,
                simplify: 2.0,
                overview: 40.0,
            },
            Level::Gemeente => ShapeParams {
                step: 5e-5,
                snap: 10.0,
                simplify: 4.0,
                overview: 40.0,
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
    /// Pairs of areas kept apart (not snapped) because snapping made their overlap worse.
    pub apart: usize,
    /// Rounds of the snap guard.
    pub rounds: usize,
    /// Pairs still overlapping more than before after the last round.
    pub worse_pairs: usize,
}

/// Overlap growth (m²) above which a pair counts as worse (plus 5 % of its old overlap).
pub const WORSE_M2: f64 = 10.0;
/// Rounds of the snap guard at most.
pub const MAX_ROUNDS: usize = 3;

fn count(areas: &[QArea]) -> usize {
    areas
        .iter()
        .flat_map(|a| a.polygons.iter().flatten())
        .map(Vec::len)
        .sum()
}

/// Areas on the grid as polygons in metres (for overlap measurements).
fn to_metres(areas: &[QArea], grid: &Grid) -> Vec<geo::MultiPolygon<f64>> {
    areas.iter().map(|a| a.in_metres(grid)).collect()
}

/// `quantised` snapped with tolerance `tol`; an area that snapping made invalid (parts pressed
/// together, a ring pinched onto itself) keeps its quantised version.
fn snap_valid(
    quantised: &[QArea],
    quantised_valid: &[bool],
    tol: f64,
    apart: &BTreeSet<(usize, usize)>,
    grid: &Grid,
) -> (Vec<QArea>, SnapStats) {
    if tol <= 0.0 {
        let stats = SnapStats {
            vertices_out: count(quantised),
            ..Default::default()
        };
        return (quantised.to_vec(), stats);
    }
    let (mut snapped, mut stats) = snap(quantised, tol, apart);
    let after = to_metres(&snapped, grid);
    for (k, a) in after.iter().enumerate() {
        if !a.is_valid() && quantised_valid[k] {
            snapped[k] = quantised[k].clone();
            stats.reverted_areas += 1;
        }
    }
    (snapped, stats)
}

/// The scale (CSS pixels per km) up to which the app draws the national overview; from there
/// on it loads the detail of the gemeenten in view (a 1280×800 map then shows 160 × 100 km,
/// some 40–60 gemeenten). The overview tolerances are one to two pixels at this scale.
pub const OVERVIEW_MAX_SCALE: f64 = 8.0;

/// The result of the geometry stage.
#[derive(Debug, Clone)]
pub struct Shapes {
    /// The TopoJSON at full detail (cut into per-gemeente files by [`crate::lod`]).
    pub topology: Topology,
    /// The national overview TopoJSON (the same arcs, simplified more).
    pub overview: Topology,
    /// Counts of the overview's simplification.
    pub overview_stats: SimplifyStats,
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
    let (mut quantised, mut qstats) = quantise_all(geoms, &grid, file)?;
    let mut quantised_m = to_metres(&quantised, &grid);
    // Areas that rounding to the grid made invalid (valid in the source) are repaired there.
    for ((a, m), src) in quantised
        .iter_mut()
        .zip(&mut quantised_m)
        .zip(geoms.values())
    {
        if !m.is_valid() && to_geo(src).is_valid() {
            match crate::repair::repair(a, &grid) {
                Some(fixed) => {
                    *m = fixed.in_metres(&grid);
                    *a = fixed;
                    qstats.repaired += 1;
                }
                None => qstats.unrepaired += 1,
            }
        }
    }
    // Guard: snapping must not make the overlap of a pair of neighbours clearly worse. Pairs
    // that got worse are kept apart (not snapped onto each other) and the stage runs again.
    let before = pair_overlaps(&quantised_m);
    let quantised_valid: Vec<bool> = quantised_m.iter().map(|a| a.is_valid()).collect();
    let mut apart: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut rounds = 0;
    let (snapped, sstats, arcs, simple, simp_stats, worse) = loop {
        rounds += 1;
        let (snapped, sstats) =
            snap_valid(&quantised, &quantised_valid, params.snap, &apart, &grid);
        let arcs = extract(&snapped);
        let (simple, simp_stats) = simplify(&arcs, params.simplify, &[]);
        let after_areas: Vec<QArea> = arcs
            .areas
            .iter()
            .map(|a| QArea {
                code: snapped[a.area].code.clone(),
                polygons: a
                    .polygons
                    .iter()
                    .map(|p| p.iter().map(|r| ring_points(&simple, r)).collect())
                    .collect(),
            })
            .collect();
        let after = pair_overlaps(&to_metres(&after_areas, &grid));
        let worse: Vec<(usize, usize)> = after
            .iter()
            .filter(|(pair, a)| {
                let b = before.get(pair).copied().unwrap_or(0.0);
                **a > b + WORSE_M2 + 0.05 * b
            })
            .map(|(pair, _)| *pair)
            .collect();
        let grew = worse.iter().any(|p| !apart.contains(p));
        if worse.is_empty() || !grew || rounds == MAX_ROUNDS {
            break (snapped, sstats, arcs, simple, simp_stats, worse.len());
        }
        apart.extend(worse.iter().copied());
    };
    let topology = to_topology(level, &arcs, &snapped, &simple, &grid);
    let (coarse, overview_stats) = simplify(&arcs, params.overview, &[]);
    let overview = to_topology(level, &arcs, &snapped, &coarse, &grid);
    let stats = ShapeStats {
        quantise: qstats,
        snap: sstats,
        apart: apart.len(),
        rounds,
        worse_pairs: worse,
        arcs: simple.len(),
        simplify: simp_stats,
        areas: snapped.len(),
    };
    Ok(Shapes {
        topology,
        overview,
        overview_stats,
        snapped,
        quantised,
        grid,
        stats,
    })
}

/// The TopoJSON of `level` with the arcs `simple` (absolute grid positions).
fn to_topology(
    level: Level,
    arcs: &crate::topology::Arcs,
    snapped: &[QArea],
    simple: &[Vec<Pt>],
    grid: &Grid,
) -> Topology {
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
    let r = |x: f64| crate::numbers::round(x, 6);
    let mut objects = BTreeMap::new();
    objects.insert(
        level.id().to_string(),
        GeometryCollection {
            kind: "GeometryCollection".into(),
            geometries,
        },
    );
    Topology {
        kind: "Topology".into(),
        bbox: [r(a[0]), r(a[1]), r(b[0]), r(b[1])],
        transform: grid.transform(),
        objects,
        arcs: Topology::delta_encode(simple),
    }
}
