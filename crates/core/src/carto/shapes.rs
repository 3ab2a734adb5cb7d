//! Area shapes in projected km, with hit testing and culling.
//!
//! Built for a quick first paint: decoding a topology makes only what drawing needs (the arcs in
//! km, each area's oriented rings of arc references, and its bounding box). Hit testing reads
//! the same rings, and the code lookup is built on first use; polygons for export or the tests
//! are made on request by [`AreaShapes::geometry`].
use super::projection::Projection;
use super::viewport::Bounds;
use buurtkaart_model::{FormatError, Topology};
use geo::{Coord, LineString, MultiPolygon, Polygon};
use std::collections::HashMap;
use std::sync::OnceLock;

/// One area's projected geometry.
#[derive(Debug, Clone)]
pub struct Shape {
    /// CBS code.
    pub code: String,
    /// Row of the area in its level's area index, if the index has the code.
    pub row: Option<usize>,
    /// Bounding box in km.
    pub bounds: Bounds,
    /// The rings as references into [`AreaShapes::arcs`] (`!i` = arc `i` reversed), polygon by
    /// polygon (outer ring first, then its holes), oriented for drawing: outer rings clockwise
    /// on screen, holes anticlockwise.
    pub rings: Vec<Vec<i32>>,
    /// How many of `rings` each polygon has, in order.
    pub parts: Vec<u32>,
}

/// Whether the area `code` lies within the focus `only`: the digits/letters of a CBS code after
/// its two-letter prefix (`"0344"` = gemeente 0344, `"034401"` = wijk 034401).
///
/// ```
/// use buurtkaart_core::carto::shapes::within;
/// assert!(within("BU03440101", Some("0344")));
/// assert!(within("WK034401", Some("034401")));
/// assert!(!within("BU03630101", Some("0344")));
/// assert!(within("BU03630101", None));
/// ```
pub fn within(code: &str, only: Option<&str>) -> bool {
    match only {
        None => true,
        Some(o) => code.get(2..).is_some_and(|body| body.starts_with(o)),
    }
}

/// Calls `f` with every point of the ring made of arcs `refs`, taking arc `i` from `arc(i)`
/// (the stored arcs, or simplified ones); consecutive arcs share their joint point, which is
/// passed once.
pub fn for_each_point<'a>(
    refs: &[i32],
    mut arc: impl FnMut(usize) -> &'a [Coord<f64>],
    mut f: impl FnMut(&Coord<f64>),
) {
    for (n, &r) in refs.iter().enumerate() {
        let (idx, rev) = if r < 0 {
            ((!r) as usize, true)
        } else {
            (r as usize, false)
        };
        let pts = arc(idx);
        let skip = usize::from(n > 0);
        if rev {
            pts.iter().rev().skip(skip).for_each(&mut f);
        } else {
            pts.iter().skip(skip).for_each(&mut f);
        }
    }
}

/// A ring's number of points, whether it turns anticlockwise in maths terms (positive shoelace
/// area; y points down, so that is clockwise on screen) and its bounding box.
struct RingInfo {
    points: usize,
    ccw: bool,
    bounds: Bounds,
}

fn ring_info(arcs: &[Vec<Coord<f64>>], refs: &[i32]) -> RingInfo {
    let mut points = 0;
    let mut twice_area = 0.0;
    let mut prev: Option<Coord<f64>> = None;
    let mut b = [
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    ];
    for_each_point(
        refs,
        |a| &arcs[a],
        |&c| {
            points += 1;
            if let Some(p) = prev {
                twice_area += p.x * c.y - c.x * p.y;
            }
            prev = Some(c);
            b = [b[0].min(c.x), b[1].min(c.y), b[2].max(c.x), b[3].max(c.y)];
        },
    );
    RingInfo {
        points,
        ccw: twice_area > 0.0,
        bounds: b,
    }
}

/// The arc references of a ring, reversed if needed so that an outer ring runs clockwise on
/// screen and a hole anticlockwise: the non-zero rule then fills overlapping neighbours fully
/// and leaves holes open. y points down, so maths' anticlockwise is clockwise here.
fn oriented(ccw: bool, refs: &[i32], outer: bool) -> Vec<i32> {
    if ccw == outer {
        refs.to_vec()
    } else {
        refs.iter().rev().map(|&r| !r).collect()
    }
}

/// All shapes of one level.
#[derive(Debug)]
pub struct AreaShapes {
    /// The shapes, in the order of the topology.
    pub shapes: Vec<Shape>,
    /// Bounds of all shapes.
    pub bounds: Bounds,
    /// Total number of vertices.
    pub vertices: usize,
    /// The topology's arcs in km: shared borders, stored once.
    pub arcs: Vec<Vec<Coord<f64>>>,
    /// Code → shape, built on first use (not needed to draw).
    by_code: OnceLock<HashMap<String, usize>>,
}

impl AreaShapes {
    /// Decodes every geometry of `topo` and projects it.
    ///
    /// `row_of` maps a code to its row in the area index.
    pub fn from_topology(
        topo: &Topology,
        row_of: impl Fn(&str) -> Option<usize>,
        projection: &Projection,
    ) -> Result<Self, FormatError> {
        // Delta decoding, dequantisation and projection in one pass.
        let arcs: Vec<Vec<Coord<f64>>> = topo
            .arcs
            .iter()
            .map(|arc| {
                let (mut x, mut y) = (0i32, 0i32);
                arc.iter()
                    .map(|d| {
                        x += d[0];
                        y += d[1];
                        let [lon, lat] = topo.to_lonlat([x, y]);
                        let (x, y) = projection.project(lon, lat);
                        Coord { x, y }
                    })
                    .collect()
            })
            .collect();
        let mut shapes = Vec::new();
        let mut vertices = 0;
        for coll in topo.objects.values() {
            for g in &coll.geometries {
                let mut rings = Vec::new();
                let mut parts = Vec::new();
                let mut b = [
                    f64::INFINITY,
                    f64::INFINITY,
                    f64::NEG_INFINITY,
                    f64::NEG_INFINITY,
                ];
                for poly in g.polygons() {
                    let mut kept = 0u32;
                    for refs in poly {
                        let info = ring_info(&arcs, refs);
                        // As a polygon ring needs: closed, with at least three corners.
                        if info.points < 4 {
                            continue;
                        }
                        vertices += info.points;
                        rings.push(oriented(info.ccw, refs, kept == 0));
                        kept += 1;
                        let r = info.bounds;
                        b = [
                            b[0].min(r[0]),
                            b[1].min(r[1]),
                            b[2].max(r[2]),
                            b[3].max(r[3]),
                        ];
                    }
                    if kept > 0 {
                        parts.push(kept);
                    }
                }
                if parts.is_empty() {
                    continue;
                }
                shapes.push(Shape {
                    code: g.id().to_string(),
                    row: row_of(g.id()),
                    bounds: b,
                    rings,
                    parts,
                });
            }
        }
        let mut s = Self::new(shapes, vertices);
        s.arcs = arcs;
        Ok(s)
    }

    /// Collects ready-made shapes (their rings refer to arcs set afterwards).
    pub fn new(shapes: Vec<Shape>, vertices: usize) -> Self {
        let bounds = shapes.iter().fold(
            [
                f64::INFINITY,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::NEG_INFINITY,
            ],
            |b, s| {
                [
                    b[0].min(s.bounds[0]),
                    b[1].min(s.bounds[1]),
                    b[2].max(s.bounds[2]),
                    b[3].max(s.bounds[3]),
                ]
            },
        );
        AreaShapes {
            shapes,
            bounds,
            vertices,
            arcs: Vec::new(),
            by_code: OnceLock::new(),
        }
    }

    /// These shapes with the areas that `detail` has drawn from `detail` instead (its arcs are
    /// added; the order of the shapes, and so every per-shape colour, stays the same). Areas
    /// of `detail` that are not here are ignored.
    pub fn with_detail<'a>(&self, details: impl IntoIterator<Item = &'a AreaShapes>) -> Self {
        let mut shapes = self.shapes.clone();
        let mut arcs = self.arcs.clone();
        for detail in details {
            let offset = arcs.len() as i32;
            arcs.extend(detail.arcs.iter().cloned());
            for d in &detail.shapes {
                let Some(i) = self.index_of(&d.code) else {
                    continue;
                };
                let s = &mut shapes[i];
                s.rings = d
                    .rings
                    .iter()
                    .map(|ring| {
                        ring.iter()
                            .map(|&r| if r < 0 { !((!r) + offset) } else { r + offset })
                            .collect()
                    })
                    .collect();
                s.parts = d.parts.clone();
                s.bounds = d.bounds;
            }
        }
        let vertices = shapes
            .iter()
            .flat_map(|s| s.rings.iter().flatten())
            .map(|&r| arcs[if r < 0 { (!r) as usize } else { r as usize }].len())
            .sum();
        let mut out = Self::new(shapes, vertices);
        out.arcs = arcs;
        out
    }

    /// Number of shapes.
    pub fn len(&self) -> usize {
        self.shapes.len()
    }

    /// Whether there are no shapes.
    pub fn is_empty(&self) -> bool {
        self.shapes.is_empty()
    }

    /// The shape with this code.
    pub fn index_of(&self, code: &str) -> Option<usize> {
        self.by_code
            .get_or_init(|| {
                self.shapes
                    .iter()
                    .enumerate()
                    .map(|(i, s)| (s.code.clone(), i))
                    .collect()
            })
            .get(code)
            .copied()
    }

    /// The polygons of shape `i` in km (outer ring first, then its holes), made on request.
    pub fn geometry(&self, i: usize) -> MultiPolygon<f64> {
        let s = &self.shapes[i];
        let mut rings = s
            .rings
            .iter()
            .map(|refs| LineString::new(Topology::ring(&self.arcs, refs)));
        MultiPolygon(
            s.parts
                .iter()
                .filter_map(|&n| {
                    let exterior = rings.next()?;
                    let holes = rings.by_ref().take(n as usize - 1).collect();
                    Some(Polygon::new(exterior, holes))
                })
                .collect(),
        )
    }

    /// Whether world point (`x`, `y`) lies inside shape `i` (even-odd rule over its rings, so
    /// holes are outside). Reads the arcs directly: the direction of a segment does not matter
    /// for counting crossings.
    pub fn contains(&self, i: usize, x: f64, y: f64) -> bool {
        let s = &self.shapes[i];
        let b = s.bounds;
        if x < b[0] || x > b[2] || y < b[1] || y > b[3] {
            return false;
        }
        let mut inside = false;
        for &r in s.rings.iter().flatten() {
            let idx = if r < 0 { (!r) as usize } else { r as usize };
            for w in self.arcs[idx].windows(2) {
                let (a, c) = (w[0], w[1]);
                if (a.y > y) != (c.y > y) && x < a.x + (y - a.y) * (c.x - a.x) / (c.y - a.y) {
                    inside = !inside;
                }
            }
        }
        inside
    }

    /// The shape under world point (`x`, `y`); the smallest one where shapes overlap.
    pub fn hit(&self, x: f64, y: f64) -> Option<usize> {
        let area = |i: usize| {
            let b = self.shapes[i].bounds;
            (b[2] - b[0]) * (b[3] - b[1])
        };
        (0..self.shapes.len())
            .filter(|&i| self.contains(i, x, y))
            .min_by(|&a, &b| area(a).total_cmp(&area(b)))
    }

    /// Shapes whose bounding box meets `bounds`, in topology order.
    pub fn in_bounds(&self, bounds: Bounds) -> Vec<usize> {
        self.shapes
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                let b = s.bounds;
                b[0] <= bounds[2] && b[2] >= bounds[0] && b[1] <= bounds[3] && b[3] >= bounds[1]
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// Bounds of several shapes together (`None` when the list is empty).
    pub fn union_bounds(&self, items: impl IntoIterator<Item = usize>) -> Option<Bounds> {
        items.into_iter().fold(None, |acc: Option<Bounds>, i| {
            let s = self.shapes[i].bounds;
            Some(match acc {
                None => s,
                Some(b) => [
                    b[0].min(s[0]),
                    b[1].min(s[1]),
                    b[2].max(s[2]),
                    b[3].max(s[3]),
                ],
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use buurtkaart_model::{Geometry, GeometryCollection, Transform};
    use std::collections::BTreeMap;

    /// Two squares side by side, the right one with a hole.
    fn topo() -> Topology {
        let abs = vec![
            vec![[10, 0], [10, 10]],
            vec![[10, 10], [0, 10], [0, 0], [10, 0]],
            vec![[10, 0], [20, 0], [20, 10], [10, 10]],
            vec![[13, 3], [13, 7], [17, 7], [17, 3], [13, 3]],
        ];
        let mut objects = BTreeMap::new();
        objects.insert(
            "buurt".to_string(),
            GeometryCollection {
                kind: "GeometryCollection".into(),
                geometries: vec![
                    Geometry::Polygon {
                        id: "BU00010001".into(),
                        arcs: vec![vec![0, 1]],
                    },
                    Geometry::Polygon {
                        id: "BU00010002".into(),
                        arcs: vec![vec![2, !0], vec![3]],
                    },
                ],
            },
        );
        Topology {
            kind: "Topology".into(),
            bbox: [5.0, 52.0, 5.2, 52.1],
            transform: Transform {
                scale: [0.01, 0.01],
                translate: [5.0, 52.0],
            },
            objects,
            arcs: Topology::delta_encode(&abs),
        }
    }

    #[test]
    fn hit_test_respects_holes_and_borders() {
        let p = Projection::centred_on(5.0, 52.0);
        let s =
            AreaShapes::from_topology(&topo(), |c| Some(c.ends_with('2') as usize), &p).unwrap();
        assert_eq!(s.len(), 2);
        let at = |lon: f64, lat: f64| {
            let (x, y) = p.project(lon, lat);
            s.hit(x, y).map(|i| s.shapes[i].code.as_str())
        };
        assert_eq!(at(5.05, 52.05), Some("BU00010001"));
        assert_eq!(at(5.11, 52.02), Some("BU00010002"));
        assert_eq!(at(5.15, 52.05), None, "inside the hole");
        assert_eq!(at(5.5, 52.05), None, "outside everything");
        assert_eq!(s.shapes[1].row, Some(1));
    }

    #[test]
    fn geometry_has_the_polygons_and_holes() {
        let p = Projection::centred_on(5.0, 52.0);
        let s = AreaShapes::from_topology(&topo(), |_| None, &p).unwrap();
        let g = s.geometry(1);
        assert_eq!(g.0.len(), 1);
        assert_eq!(g.0[0].interiors().len(), 1);
        assert_eq!(s.shapes[1].parts, vec![2]);
        assert_eq!(s.index_of("BU00010002"), Some(1));
        assert_eq!(s.index_of("BU9"), None);
    }

    /// The hit test on rings agrees with geo's `contains` on the polygons, on real gemeenten.
    #[test]
    fn hit_test_agrees_with_polygons() {
        use geo::{Contains, Point};
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/data");
        let path = buurtkaart_model::naming::find_in(&dir, "gemeente.topo.json").unwrap();
        let text = std::fs::read(path).unwrap();
        let topo = Topology::from_slice("gemeente.topo.json", &text).unwrap();
        let s = AreaShapes::from_topology(&topo, |_| None, &Projection::default()).unwrap();
        let polys: Vec<_> = (0..s.len()).map(|i| s.geometry(i)).collect();
        let b = s.bounds;
        let (mut checked, mut inside) = (0, 0);
        for ix in 0..120 {
            for iy in 0..120 {
                let x = b[0] + (b[2] - b[0]) * (ix as f64 + 0.37) / 120.0;
                let y = b[1] + (b[3] - b[1]) * (iy as f64 + 0.61) / 120.0;
                let p = Point::new(x, y);
                for (i, g) in polys.iter().enumerate() {
                    assert_eq!(
                        s.contains(i, x, y),
                        g.contains(&p),
                        "{} at {x},{y}",
                        s.shapes[i].code
                    );
                }
                let want = (0..s.len())
                    .filter(|&i| polys[i].contains(&p))
                    .min_by(|&a, &c| {
                        let area = |i: usize| {
                            let b = s.shapes[i].bounds;
                            (b[2] - b[0]) * (b[3] - b[1])
                        };
                        area(a).total_cmp(&area(c))
                    });
                assert_eq!(s.hit(x, y), want);
                checked += 1;
                inside += usize::from(want.is_some());
            }
        }
        assert!(
            inside > checked / 4,
            "{inside} of {checked} points inside a gemeente"
        );
    }

    #[test]
    fn culling_by_bounds() {
        let p = Projection::centred_on(5.0, 52.0);
        let s = AreaShapes::from_topology(&topo(), |_| None, &p).unwrap();
        let (x, y) = p.project(5.02, 52.02);
        assert_eq!(s.in_bounds([x - 0.1, y - 0.1, x + 0.1, y + 0.1]), vec![0]);
        assert_eq!(s.in_bounds(s.bounds), vec![0, 1]);
        assert!(s.union_bounds([]).is_none());
    }
}
