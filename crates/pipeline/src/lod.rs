//! Levels of detail: the per-gemeente detail topologies cut from a level's full-detail
//! topology, and the check that every written polygon is valid and close to its source.

use crate::error::{PipelineError, Result};
use crate::planar::{decode, to_geo};
use crate::sources::geometry::MultiPolygon;
use buurtkaart_model::{AreaCode, GeometryCollection, Topology};
use geo::{Area, Validation};
use std::collections::BTreeMap;

/// The part of `topo` with the areas for which `keep(code)` holds, and only the arcs they
/// use (renumbered), or `None` when no area is kept.
pub fn subset(topo: &Topology, keep: impl Fn(&str) -> bool) -> Option<Topology> {
    let abs = topo.absolute_arcs();
    let mut renumber: BTreeMap<usize, i32> = BTreeMap::new();
    let mut arcs: Vec<Vec<[i32; 2]>> = Vec::new();
    let mut objects = BTreeMap::new();
    for (name, coll) in &topo.objects {
        let mut geometries = Vec::new();
        for g in coll.geometries.iter().filter(|g| keep(g.id())) {
            let mut g = g.clone();
            g.map_arcs(|r| {
                let i = if r < 0 { !r as usize } else { r as usize };
                let n = *renumber.entry(i).or_insert_with(|| {
                    arcs.push(abs[i].clone());
                    arcs.len() as i32 - 1
                });
                if r < 0 {
                    !n
                } else {
                    n
                }
            });
            geometries.push(g);
        }
        if !geometries.is_empty() {
            objects.insert(
                name.clone(),
                GeometryCollection {
                    kind: coll.kind.clone(),
                    geometries,
                },
            );
        }
    }
    if objects.is_empty() {
        return None;
    }
    let mut lo = [i32::MAX; 2];
    let mut hi = [i32::MIN; 2];
    for p in arcs.iter().flatten() {
        lo = [lo[0].min(p[0]), lo[1].min(p[1])];
        hi = [hi[0].max(p[0]), hi[1].max(p[1])];
    }
    let mut out = Topology {
        kind: topo.kind.clone(),
        bbox: topo.bbox,
        transform: topo.transform,
        objects,
        arcs: Topology::delta_encode(&arcs),
    };
    let (a, b) = (out.to_lonlat(lo), out.to_lonlat(hi));
    let r = |x: f64| crate::numbers::round(x, 6);
    out.bbox = [r(a[0]), r(a[1]), r(b[0]), r(b[1])];
    Some(out)
}

/// What the validation of one written topology found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Validity {
    /// Areas checked.
    pub areas: usize,
    /// Areas invalid in the output whose source polygon is invalid too (left as published).
    pub invalid_in_source: usize,
    /// Relative area error against the source, per area (sorted).
    pub area_errors: Vec<f64>,
}

impl Validity {
    /// The `q`-quantile (0–1) of the relative area error.
    pub fn area_error(&self, q: f64) -> f64 {
        let n = self.area_errors.len();
        if n == 0 {
            return 0.0;
        }
        self.area_errors[((n - 1) as f64 * q).round() as usize]
    }
}

/// Checks every area of the written `topo` (file `file`): valid (geo's OGC rules: no
/// self-crossing ring, no overlapping parts, holes inside) unless its source is invalid too,
/// and present (no area lost). Fails with the first violation: file, code and the reason,
/// which names the ring.
pub fn validate(
    file: &str,
    topo: &Topology,
    sources: &BTreeMap<AreaCode, MultiPolygon>,
) -> Result<Validity> {
    let written: BTreeMap<String, _> = decode(topo).into_iter().collect();
    let mut v = Validity::default();
    let mut violations: Vec<PipelineError> = Vec::new();
    for (code, src) in sources {
        let Some(polys) = written.get(code.as_str()) else {
            return Err(PipelineError::Invalid {
                file: file.into(),
                code: code.to_string(),
                reason: "area lost: not in the output".into(),
            });
        };
        let out = to_geo(polys);
        let source = to_geo(src);
        v.areas += 1;
        if let Err(e) = out.check_validation() {
            if !source.is_valid() {
                v.invalid_in_source += 1;
            } else {
                violations.push(PipelineError::Invalid {
                    file: file.into(),
                    code: code.to_string(),
                    reason: e.to_string(),
                });
                continue;
            }
        }
        let a0 = source.unsigned_area();
        if a0 > 0.0 {
            v.area_errors.push((out.unsigned_area() - a0).abs() / a0);
        }
    }
    v.area_errors.sort_by(f64::total_cmp);
    if !violations.is_empty() {
        for e in violations.iter().take(20) {
            eprintln!("{e}");
        }
        eprintln!("{file}: {} invalid areas", violations.len());
        return Err(violations.remove(0));
    }
    Ok(v)
}
