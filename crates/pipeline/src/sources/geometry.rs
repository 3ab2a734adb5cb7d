//! GeoJSON Polygon / MultiPolygon geometry, read into plain coordinate vectors.

use super::crossing::self_crossing;
use crate::error::{PipelineError, Result};
use serde_json::Value;

/// A closed ring of lon/lat positions (first == last).
pub type Ring = Vec<[f64; 2]>;
/// A polygon: outer ring first, then holes.
pub type Polygon = Vec<Ring>;
/// One area's geometry: one or more polygons.
pub type MultiPolygon = Vec<Polygon>;

/// What to do with a ring that crosses itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelfCrossing {
    /// Stop with an error naming file, feature and ring (the Leefbaarometer boundaries, which
    /// have none).
    Refuse,
    /// Keep the ring as published: the wijk file of 2024 has 10 rings with crossings a few
    /// metres long from its publisher's simplification; refusing them would drop 10 wijken,
    /// and the map fills such a ring with the non-zero rule, which draws both lobes.
    Allow,
}

/// Reads the `geometry` member of a feature as a list of polygons.
///
/// Accepts `Polygon` and `MultiPolygon` only. Positions must be finite lon/lat numbers;
/// rings need at least 4 positions, are closed if the file left them open, and must not cross
/// themselves unless `crossing` allows it (see [`self_crossing`]).
pub fn parse_geometry(
    file: &str,
    code: &str,
    geometry: Option<&Value>,
    crossing: SelfCrossing,
) -> Result<MultiPolygon> {
    let err = |m: String| PipelineError::Geometry {
        file: file.to_string(),
        code: code.to_string(),
        message: m,
    };
    let g = match geometry {
        None | Some(Value::Null) => return Err(err("missing (null)".into())),
        Some(g) => g
            .as_object()
            .ok_or_else(|| err("not a JSON object".into()))?,
    };
    let kind = g.get("type").and_then(Value::as_str).unwrap_or("(none)");
    let coords = g
        .get("coordinates")
        .and_then(Value::as_array)
        .ok_or_else(|| err("no `coordinates` array".into()))?;
    let polys = match kind {
        "Polygon" => vec![polygon(coords, "", crossing, &err)?],
        "MultiPolygon" => coords
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let p = p
                    .as_array()
                    .ok_or_else(|| err(format!("polygon {i} is not an array")))?;
                polygon(p, &format!("polygon {i}, "), crossing, &err)
            })
            .collect::<Result<Vec<_>>>()?,
        other => {
            return Err(err(format!(
                "type {other:?} is not supported (expected Polygon or MultiPolygon)"
            )))
        }
    };
    if polys.is_empty() {
        return Err(err("MultiPolygon without polygons".into()));
    }
    Ok(polys)
}

/// One polygon's rings; `at` ("polygon 2, " or "") places a fault in messages.
fn polygon(
    rings: &[Value],
    at: &str,
    crossing: SelfCrossing,
    err: &impl Fn(String) -> PipelineError,
) -> Result<Polygon> {
    if rings.is_empty() {
        return Err(err(format!(
            "{at}polygon without rings (empty coordinates)"
        )));
    }
    rings
        .iter()
        .enumerate()
        .map(|(k, r)| {
            let what = if k == 0 {
                format!("{at}outer ring")
            } else {
                format!("{at}ring {k} (hole)")
            };
            let r = r
                .as_array()
                .ok_or_else(|| err(format!("{what} is not an array")))?;
            let mut ring = r
                .iter()
                .map(|p| position(p, err))
                .collect::<Result<Vec<_>>>()?;
            if ring.first() != ring.last() {
                let first = ring[0];
                ring.push(first);
            }
            if ring.len() < 4 {
                return Err(err(format!(
                    "{what} has {} positions (at least 4 needed)",
                    r.len()
                )));
            }
            if let Some(c) = self_crossing(&ring).filter(|_| crossing == SelfCrossing::Refuse) {
                return Err(err(format!(
                    "{what} crosses itself near [{:.6}, {:.6}] (edges {} and {}); \
                     a self-intersecting polygon has no defined area",
                    c.at[0], c.at[1], c.edge_a, c.edge_b
                )));
            }
            Ok(ring)
        })
        .collect()
}

fn position(p: &Value, err: &impl Fn(String) -> PipelineError) -> Result<[f64; 2]> {
    let a = p
        .as_array()
        .ok_or_else(|| err(format!("position {p} is not an array")))?;
    let num = |i: usize| a.get(i).and_then(Value::as_f64);
    match (num(0), num(1)) {
        (Some(x), Some(y)) if (-180.0..=180.0).contains(&x) && (-90.0..=90.0).contains(&y) => {
            Ok([x, y])
        }
        (Some(x), Some(y)) => Err(err(format!(
            "position [{x}, {y}] is not WGS84 lon/lat (is the file in RD New?)"
        ))),
        _ => Err(err(format!("position {p} is not a pair of numbers"))),
    }
}

/// Signed area of a ring in coordinate units² (positive = counter-clockwise).
pub fn ring_area(ring: &[[f64; 2]]) -> f64 {
    let mut s = 0.0;
    for w in ring.windows(2) {
        s += w[0][0] * w[1][1] - w[1][0] * w[0][1];
    }
    s / 2.0
}

/// Number of positions (closing position included) of a geometry.
pub fn vertex_count(g: &MultiPolygon) -> usize {
    g.iter().flatten().map(Vec::len).sum()
}
