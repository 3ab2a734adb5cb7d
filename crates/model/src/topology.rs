use crate::FormatError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A TopoJSON topology (quantised, delta-encoded arcs), as written by the pipeline.
///
/// Only what Buurtkaart uses of the [TopoJSON spec](https://github.com/topojson/topojson-specification):
/// a `transform`, one `GeometryCollection` per object, `Polygon` and `MultiPolygon` geometries
/// with the CBS code as `id`. Shared borders are stored once, so neighbours cannot drift apart.
///
/// Rings are oriented as RFC 7946 asks (in lon/lat): outer rings counter-clockwise, holes
/// clockwise, so a canvas "nonzero" fill and an "evenodd" fill draw the same.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Topology {
    /// Always `"Topology"`.
    #[serde(rename = "type")]
    pub kind: String,
    /// `[min lon, min lat, max lon, max lat]`.
    pub bbox: [f64; 4],
    /// Quantisation transform: `lon = x * scale[0] + translate[0]`.
    pub transform: Transform,
    /// Named geometry collections (one: the level's id).
    pub objects: BTreeMap<String, GeometryCollection>,
    /// Arcs; each is a first absolute position and then deltas, in quantised units.
    pub arcs: Vec<Vec<[i32; 2]>>,
}

/// Quantisation transform of a [`Topology`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Transform {
    /// Degrees per quantisation step in lon and lat.
    pub scale: [f64; 2],
    /// Lon and lat of quantised (0, 0).
    pub translate: [f64; 2],
}

/// A `GeometryCollection` object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GeometryCollection {
    /// Always `"GeometryCollection"`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The areas.
    pub geometries: Vec<Geometry>,
}

/// One area's geometry: arc references per ring (`~i`, i.e. `-i - 1`, means arc `i` reversed).
///
/// Read through [`RawGeometry`] rather than as an internally tagged enum: serde buffers every
/// field of such an enum (all arc references of all areas) before it looks at `type`, which
/// made that part of reading the buurt boundaries several times slower than the parse itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", try_from = "RawGeometry")]
pub enum Geometry {
    /// A polygon: rings (outer first, then holes) of arc indices.
    Polygon {
        /// CBS code.
        id: String,
        /// Rings of arc indices.
        arcs: Vec<Vec<i32>>,
    },
    /// Several polygons.
    MultiPolygon {
        /// CBS code.
        id: String,
        /// Polygons of rings of arc indices.
        arcs: Vec<Vec<Vec<i32>>>,
    },
}

/// A geometry as stored, whatever its type: `arcs` is read straight into vectors whether it
/// nests two deep (`Polygon`) or three (`MultiPolygon`).
#[derive(Deserialize)]
struct RawGeometry {
    #[serde(rename = "type")]
    kind: String,
    id: String,
    arcs: Vec<RingsOrRing>,
}

/// An element of `arcs`: a ring of arc indices (`Polygon`) or a polygon's rings
/// (`MultiPolygon`). An empty list is either.
enum RingsOrRing {
    Ring(Vec<i32>),
    Rings(Vec<Vec<i32>>),
}

impl<'de> Deserialize<'de> for RingsOrRing {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = RingsOrRing;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of arc indices or a list of rings")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<RingsOrRing, A::Error> {
                let Some(first) = seq.next_element::<IndexOrRing>()? else {
                    return Ok(RingsOrRing::Ring(Vec::new()));
                };
                match first {
                    IndexOrRing::Index(i) => {
                        let mut ring = vec![i];
                        while let Some(i) = seq.next_element::<i32>()? {
                            ring.push(i);
                        }
                        Ok(RingsOrRing::Ring(ring))
                    }
                    IndexOrRing::Ring(r) => {
                        let mut rings = vec![r];
                        while let Some(r) = seq.next_element::<Vec<i32>>()? {
                            rings.push(r);
                        }
                        Ok(RingsOrRing::Rings(rings))
                    }
                }
            }
        }
        d.deserialize_seq(V)
    }
}

/// The first element of an element of `arcs`, which tells the nesting.
enum IndexOrRing {
    Index(i32),
    Ring(Vec<i32>),
}

impl<'de> Deserialize<'de> for IndexOrRing {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = IndexOrRing;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an arc index or a ring of arc indices")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<IndexOrRing, E> {
                i32::try_from(v)
                    .map(IndexOrRing::Index)
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Signed(v), &self))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<IndexOrRing, E> {
                i32::try_from(v)
                    .map(IndexOrRing::Index)
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Unsigned(v), &self))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<IndexOrRing, A::Error> {
                let mut ring = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(i) = seq.next_element::<i32>()? {
                    ring.push(i);
                }
                Ok(IndexOrRing::Ring(ring))
            }
        }
        d.deserialize_any(V)
    }
}

impl TryFrom<RawGeometry> for Geometry {
    type Error = String;

    fn try_from(g: RawGeometry) -> Result<Self, String> {
        let id = g.id;
        match g.kind.as_str() {
            "Polygon" => {
                let arcs = g
                    .arcs
                    .into_iter()
                    .map(|r| match r {
                        RingsOrRing::Ring(r) => Ok(r),
                        RingsOrRing::Rings(_) => {
                            Err(format!("{id}: a Polygon's arcs nest two deep"))
                        }
                    })
                    .collect::<Result<_, _>>()?;
                Ok(Geometry::Polygon { id, arcs })
            }
            "MultiPolygon" => {
                let arcs = g
                    .arcs
                    .into_iter()
                    .map(|r| match r {
                        RingsOrRing::Rings(r) => Ok(r),
                        RingsOrRing::Ring(r) if r.is_empty() => Ok(Vec::new()),
                        RingsOrRing::Ring(_) => {
                            Err(format!("{id}: a MultiPolygon's arcs nest three deep"))
                        }
                    })
                    .collect::<Result<_, _>>()?;
                Ok(Geometry::MultiPolygon { id, arcs })
            }
            other => Err(format!(
                "unknown variant `{other}`, expected `Polygon` or `MultiPolygon`"
            )),
        }
    }
}

impl Geometry {
    /// The area code.
    pub fn id(&self) -> &str {
        match self {
            Geometry::Polygon { id, .. } | Geometry::MultiPolygon { id, .. } => id,
        }
    }

    /// Rewrites every arc reference with `f` (as when arcs are renumbered).
    pub fn map_arcs(&mut self, mut f: impl FnMut(i32) -> i32) {
        let rings: Vec<&mut Vec<i32>> = match self {
            Geometry::Polygon { arcs, .. } => arcs.iter_mut().collect(),
            Geometry::MultiPolygon { arcs, .. } => arcs.iter_mut().flatten().collect(),
        };
        for r in rings.into_iter().flatten() {
            *r = f(*r);
        }
    }

    /// The polygons (each a list of rings of arc indices), whatever the type.
    pub fn polygons(&self) -> Vec<&Vec<Vec<i32>>> {
        match self {
            Geometry::Polygon { arcs, .. } => vec![arcs],
            Geometry::MultiPolygon { arcs, .. } => arcs.iter().collect(),
        }
    }
}

impl Topology {
    /// Parses a topology and checks every arc reference.
    pub fn from_json(file: &str, text: &str) -> Result<Self, FormatError> {
        Self::from_slice(file, text.as_bytes())
    }

    /// Like `from_json`, from the file's bytes (UTF-8), as fetched.
    pub fn from_slice(file: &str, text: &[u8]) -> Result<Self, FormatError> {
        let topo: Topology =
            serde_json::from_slice(text).map_err(|e| FormatError::parse(file, "TopoJSON", e))?;
        let n = topo.arcs.len();
        for coll in topo.objects.values() {
            for g in &coll.geometries {
                for poly in g.polygons() {
                    for &a in poly.iter().flatten() {
                        let idx = if a < 0 { !(a as i64) } else { a as i64 };
                        if idx as usize >= n {
                            return Err(FormatError::BadArc {
                                file: file.to_string(),
                                code: g.id().to_string(),
                                arc: a as i64,
                                arcs: n,
                            });
                        }
                    }
                }
            }
        }
        Ok(topo)
    }

    /// Arcs with absolute quantised positions (deltas summed).
    pub fn absolute_arcs(&self) -> Vec<Vec<[i32; 2]>> {
        self.arcs
            .iter()
            .map(|arc| {
                let (mut x, mut y) = (0i32, 0i32);
                arc.iter()
                    .map(|d| {
                        x += d[0];
                        y += d[1];
                        [x, y]
                    })
                    .collect()
            })
            .collect()
    }

    /// Converts a quantised position to lon/lat.
    pub fn to_lonlat(&self, p: [i32; 2]) -> [f64; 2] {
        let t = &self.transform;
        [
            p[0] as f64 * t.scale[0] + t.translate[0],
            p[1] as f64 * t.scale[1] + t.translate[1],
        ]
    }

    /// Joins arcs into a closed ring of points, using `arcs` from [`Topology::absolute_arcs`].
    ///
    /// Consecutive arcs share their joint point, which is kept once.
    pub fn ring<P: Copy>(arcs: &[Vec<P>], refs: &[i32]) -> Vec<P> {
        let mut out: Vec<P> = Vec::new();
        for &r in refs {
            let (idx, rev) = if r < 0 {
                ((!r) as usize, true)
            } else {
                (r as usize, false)
            };
            let arc = &arcs[idx];
            let skip = usize::from(!out.is_empty());
            if rev {
                out.extend(arc.iter().rev().skip(skip).copied());
            } else {
                out.extend(arc.iter().skip(skip).copied());
            }
        }
        out
    }

    /// Encodes absolute quantised arcs as deltas (the stored form).
    pub fn delta_encode(arcs: &[Vec<[i32; 2]>]) -> Vec<Vec<[i32; 2]>> {
        arcs.iter()
            .map(|arc| {
                let mut prev = [0i32, 0i32];
                arc.iter()
                    .map(|p| {
                        let d = [p[0] - prev[0], p[1] - prev[1]];
                        prev = *p;
                        d
                    })
                    .collect()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square_pair() -> Topology {
        // Two unit squares sharing the arc x = 1.
        let arcs = vec![
            vec![[1, 0], [1, 1]],                 // 0: shared border, upwards
            vec![[1, 1], [0, 1], [0, 0], [1, 0]], // 1: left square's other sides
            vec![[1, 0], [2, 0], [2, 1], [1, 1]], // 2: right square's other sides
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
                        arcs: vec![vec![2, !0]],
                    },
                ],
            },
        );
        Topology {
            kind: "Topology".into(),
            bbox: [0.0, 0.0, 2.0, 1.0],
            transform: Transform {
                scale: [1.0, 1.0],
                translate: [0.0, 0.0],
            },
            objects,
            arcs: Topology::delta_encode(&arcs),
        }
    }

    #[test]
    fn round_trip_and_rings() {
        let t = square_pair();
        let json = serde_json::to_string(&t).unwrap();
        let back = Topology::from_json("t.json", &json).unwrap();
        assert_eq!(back, t);
        let abs = back.absolute_arcs();
        let left = Topology::ring(&abs, &[0, 1]);
        assert_eq!(left, vec![[1, 0], [1, 1], [0, 1], [0, 0], [1, 0]]);
        let right = Topology::ring(&abs, &[2, !0]);
        assert_eq!(right, vec![[1, 0], [2, 0], [2, 1], [1, 1], [1, 0]]);
    }

    #[test]
    fn geometries_parse_whatever_the_field_order() {
        let json = r#"{"type":"Topology","bbox":[0,0,1,1],"transform":{"scale":[1,1],"translate":[0,0]},
            "objects":{"x":{"type":"GeometryCollection","geometries":[
              {"arcs":[[0,-1],[]],"id":"A","type":"Polygon"},
              {"type":"MultiPolygon","id":"B","arcs":[[[0]],[[-1],[0,0]],[]]},
              {"type":"Polygon","id":"C","arcs":[]}]}},
            "arcs":[[[0,0],[1,0],[0,1],[-1,-1]]]}"#;
        let t = Topology::from_json("t.json", json).unwrap();
        let g = &t.objects["x"].geometries;
        assert_eq!(
            g[0],
            Geometry::Polygon {
                id: "A".into(),
                arcs: vec![vec![0, -1], vec![]]
            }
        );
        assert_eq!(
            g[1],
            Geometry::MultiPolygon {
                id: "B".into(),
                arcs: vec![vec![vec![0]], vec![vec![-1], vec![0, 0]], vec![]]
            }
        );
        assert_eq!(
            g[2],
            Geometry::Polygon {
                id: "C".into(),
                arcs: vec![]
            }
        );
        let bad = json.replace("\"type\":\"Polygon\"}", "\"type\":\"Point\"}");
        assert!(Topology::from_json("t.json", &bad).is_err());
        let bad = json.replace("[[[0]],", "[[0],");
        assert!(Topology::from_json("t.json", &bad).is_err());
    }

    #[test]
    fn bad_arc_reference_is_named() {
        let mut t = square_pair();
        if let Some(c) = t.objects.get_mut("buurt") {
            c.geometries[0] = Geometry::Polygon {
                id: "BU00010001".into(),
                arcs: vec![vec![7]],
            };
        }
        let json = serde_json::to_string(&t).unwrap();
        let err = Topology::from_json("t.json", &json).unwrap_err();
        assert!(err.to_string().contains("BU00010001"), "{err}");
    }
}
