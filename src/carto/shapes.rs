//! Area shapes in projected km, with a spatial index for hit testing and culling.
use super::projection::Projection;
use super::viewport::Bounds;
use buurtkaart_model::{FormatError, Topology};
use geo::{BoundingRect, Contains, Coord, LineString, MultiPolygon, Point, Polygon, Winding};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{RTree, AABB};
use std::collections::HashMap;

/// One area's projected geometry.
#[derive(Debug, Clone)]
pub struct Shape {
    /// CBS code.
    pub code: String,
    /// Row of the area in its level's area index, if the index has the code.
    pub row: Option<usize>,
    /// Bounding box in km.
    pub bounds: Bounds,
    /// The polygons in km (y down).
    pub geometry: MultiPolygon<f64>,
    /// The same rings as references into [`AreaShapes::arcs`] (`!i` = arc `i` reversed),
    /// oriented for drawing: outer rings clockwise on screen, holes anticlockwise.
    pub rings: Vec<Vec<i32>>,
}

/// Whether the area `code` lies within the focus `only`: the digits/letters of a CBS code after
/// its two-letter prefix (`"0344"` = gemeente 0344, `"034401"` = wijk 034401).
///
/// ```
/// use buurtkaart::carto::shapes::within;
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

/// The arc references of a ring, reversed if needed so that an outer ring runs clockwise on
/// screen and a hole anticlockwise: the non-zero rule then fills overlapping neighbours fully
/// and leaves holes open. y points down, so geo's anticlockwise (maths) is clockwise here.
fn oriented(ring: &LineString<f64>, refs: &[i32], outer: bool) -> Vec<i32> {
    if ring.is_ccw() == outer {
        refs.to_vec()
    } else {
        refs.iter().rev().map(|&r| !r).collect()
    }
}

type Entry = GeomWithData<Rectangle<[f64; 2]>, usize>;

/// All shapes of one level, with an R-tree over their bounding boxes.
#[derive(Debug)]
pub struct AreaShapes {
    /// The shapes, in the order of the topology.
    pub shapes: Vec<Shape>,
    /// Bounds of all shapes.
    pub bounds: Bounds,
    /// Total number of vertices.
    pub vertices: usize,
    /// The topology's arcs in km: shared borders, stored once (empty for ready-made shapes).
    pub arcs: Vec<Vec<Coord<f64>>>,
    tree: RTree<Entry>,
    by_code: HashMap<String, usize>,
}

impl AreaShapes {
    /// Decodes every geometry of `topo`, projects it and indexes it.
    ///
    /// `row_of` maps a code to its row in the area index.
    pub fn from_topology(
        topo: &Topology,
        row_of: impl Fn(&str) -> Option<usize>,
        projection: &Projection,
    ) -> Result<Self, FormatError> {
        let arcs: Vec<Vec<Coord<f64>>> = topo
            .absolute_arcs()
            .into_iter()
            .map(|arc| {
                arc.into_iter()
                    .map(|q| {
                        let [lon, lat] = topo.to_lonlat(q);
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
                let mut polygons = Vec::new();
                let mut drawn = Vec::new();
                for rings in g.polygons() {
                    let (mut lines, refs): (Vec<LineString<f64>>, Vec<&Vec<i32>>) = rings
                        .iter()
                        .map(|refs| (LineString::new(Topology::ring(&arcs, refs)), refs))
                        .filter(|(l, _)| l.0.len() >= 4)
                        .unzip();
                    if lines.is_empty() {
                        continue;
                    }
                    vertices += lines.iter().map(|l| l.0.len()).sum::<usize>();
                    for (k, (line, refs)) in lines.iter().zip(refs).enumerate() {
                        drawn.push(oriented(line, refs, k == 0));
                    }
                    let exterior = lines.remove(0);
                    polygons.push(Polygon::new(exterior, lines));
                }
                let geometry = MultiPolygon(polygons);
                let Some(rect) = geometry.bounding_rect() else {
                    continue;
                };
                shapes.push(Shape {
                    code: g.id().to_string(),
                    row: row_of(g.id()),
                    bounds: [rect.min().x, rect.min().y, rect.max().x, rect.max().y],
                    geometry,
                    rings: drawn,
                });
            }
        }
        let mut s = Self::new(shapes, vertices);
        s.arcs = arcs;
        Ok(s)
    }

    /// Indexes ready-made shapes.
    pub fn new(shapes: Vec<Shape>, vertices: usize) -> Self {
        let entries = shapes
            .iter()
            .enumerate()
            .map(|(i, s)| {
                Entry::new(
                    Rectangle::from_corners([s.bounds[0], s.bounds[1]], [s.bounds[2], s.bounds[3]]),
                    i,
                )
            })
            .collect();
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
        let by_code = shapes
            .iter()
            .enumerate()
            .map(|(i, s)| (s.code.clone(), i))
            .collect();
        AreaShapes {
            shapes,
            bounds,
            vertices,
            arcs: Vec::new(),
            tree: RTree::bulk_load(entries),
            by_code,
        }
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
        self.by_code.get(code).copied()
    }

    /// The shape under world point (`x`, `y`); the smallest one where shapes overlap.
    pub fn hit(&self, x: f64, y: f64) -> Option<usize> {
        let p = Point::new(x, y);
        self.tree
            .locate_all_at_point(&[x, y])
            .map(|e| e.data)
            .filter(|&i| self.shapes[i].geometry.contains(&p))
            .min_by(|&a, &b| {
                let area = |i: usize| {
                    let b = self.shapes[i].bounds;
                    (b[2] - b[0]) * (b[3] - b[1])
                };
                area(a).total_cmp(&area(b))
            })
    }

    /// Shapes whose bounding box meets `bounds`, in topology order.
    pub fn in_bounds(&self, bounds: Bounds) -> Vec<usize> {
        let env = AABB::from_corners([bounds[0], bounds[1]], [bounds[2], bounds[3]]);
        let mut v: Vec<usize> = self
            .tree
            .locate_in_envelope_intersecting(&env)
            .map(|e| e.data)
            .collect();
        v.sort_unstable();
        v
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
    fn culling_by_bounds() {
        let p = Projection::centred_on(5.0, 52.0);
        let s = AreaShapes::from_topology(&topo(), |_| None, &p).unwrap();
        let (x, y) = p.project(5.02, 52.02);
        assert_eq!(s.in_bounds([x - 0.1, y - 0.1, x + 0.1, y + 0.1]), vec![0]);
        assert_eq!(s.in_bounds(s.bounds), vec![0, 1]);
        assert!(s.union_bounds([]).is_none());
    }
}
