//! GeoJSON Polygon / MultiPolygon geometry, read into plain coordinate vectors.

use crate::error::{PipelineError, Result};
use serde_json::Value;

/// A closed ring of lon/lat positions (first == last).
pub type Ring = Vec<[f64; 2]>;
/// A polygon: outer ring first, then holes.
pub type Polygon = Vec<Ring>;
/// One area's geometry: one or more polygons.
pub type MultiPolygon = Vec<Polygon>;

/// Reads the `geometry` member of a feature as a list of polygons.
///
/// Accepts `Polygon` and `MultiPolygon` only. Positions must be finite lon/lat numbers;
/// rings need at least 4 positions and are closed if the file left them open.
pub fn parse_geometry(file: &str, code: &str, geometry: Option<&Value>) -> Result<MultiPolygon> {
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
        "Polygon" => vec![polygon(coords, &err)?],
        "MultiPolygon" => coords
            .iter()
            .map(|p| {
                let p = p
                    .as_array()
                    .ok_or_else(|| err("polygon is not an array".into()))?;
                polygon(p, &err)
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

fn polygon(rings: &[Value], err: &impl Fn(String) -> PipelineError) -> Result<Polygon> {
    if rings.is_empty() {
        return Err(err("polygon without rings".into()));
    }
    rings
        .iter()
        .map(|r| {
            let r = r
                .as_array()
                .ok_or_else(|| err("ring is not an array".into()))?;
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
                    "ring with {} positions (at least 4 needed)",
                    r.len()
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
