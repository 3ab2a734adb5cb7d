//! Adapter for `geoinzicht/`: wijk boundaries 2024 and gemeente indicators 2022.

use super::geometry::{parse_geometry, MultiPolygon, SelfCrossing};
use super::props::{check_year, Props, Range};
use super::{features, parse_json, SourceDir};
use crate::error::{PipelineError, Result};
use buurtkaart_model::{AreaCode, Level};
use std::collections::BTreeMap;

/// Wijk boundaries of the 2024 division.
pub const WIJKEN_FILE: &str = "geoinzicht/wijken_2024.geojson";
/// Gemeenten 2022 with the richest set of indicators.
pub const GEMEENTEN_2022_FILE: &str = "geoinzicht/gemeenten_2022.geojson";

/// A wijk boundary.
#[derive(Debug, Clone)]
pub struct WijkBoundary {
    /// Wijk code.
    pub code: AreaCode,
    /// Name in the file.
    pub name: String,
    /// The gemeente code given in the file.
    pub gemeente: AreaCode,
    /// Boundary.
    pub geometry: MultiPolygon,
}

/// Gemeente figures of 2022 that the 2024 sources lack.
#[derive(Debug, Clone)]
pub struct Gemeente2022 {
    /// Gemeente code (2022 division).
    pub code: AreaCode,
    /// Name.
    pub name: String,
    /// Rented dwellings owned by housing corporations (% of all dwellings).
    pub pct_huurcorporatie: Option<f64>,
}

/// Reads [`WIJKEN_FILE`].
pub fn read_wijken(src: &mut SourceDir) -> Result<Vec<WijkBoundary>> {
    let file = WIJKEN_FILE;
    let bytes = src.read(file)?;
    let doc = parse_json(file, &bytes)?;
    check_metadata_year(file, &doc, 2024)?;
    let mut out = Vec::new();
    let mut seen = BTreeMap::new();
    for (i, f) in features(file, &doc)?.iter().enumerate() {
        let idx = format!("#{i}");
        let props = Props::object(file, &idx, f, "feature")?.child("properties", "")?;
        let code = props.code("wijkcode", Level::Wijk)?;
        let p = Props {
            code: code.as_str(),
            ..props
        };
        let gemeente = p.code("gemeentecode", Level::Gemeente)?;
        if gemeente != code.gemeente() {
            return Err(PipelineError::bad_value(
                file,
                code.as_str(),
                "gemeentecode",
                gemeente,
                format!("wijk code belongs to {}", code.gemeente()),
            ));
        }
        if seen.insert(code.clone(), ()).is_some() {
            return Err(PipelineError::Duplicate {
                file: file.into(),
                code: code.to_string(),
                field: "wijkcode".into(),
                first: file.into(),
            });
        }
        out.push(WijkBoundary {
            name: p.str("wijknaam")?.trim().to_string(),
            geometry: parse_geometry(file, code.as_str(), f.get("geometry"), SelfCrossing::Allow)?,
            code,
            gemeente,
        });
    }
    Ok(out)
}

/// Reads the 2022 gemeente indicators from [`GEMEENTEN_2022_FILE`] (geometry is not used).
pub fn read_gemeenten_2022(src: &mut SourceDir) -> Result<Vec<Gemeente2022>> {
    let file = GEMEENTEN_2022_FILE;
    let bytes = src.read(file)?;
    let doc = parse_json(file, &bytes)?;
    check_metadata_year(file, &doc, 2022)?;
    let mut out = Vec::new();
    let mut seen = BTreeMap::new();
    for (i, f) in features(file, &doc)?.iter().enumerate() {
        let idx = format!("#{i}");
        let props = Props::object(file, &idx, f, "feature")?.child("properties", "")?;
        let code = props.code("gemeentecode", Level::Gemeente)?;
        let p = Props {
            code: code.as_str(),
            ..props
        }
        .with_cbs_markers();
        if seen.insert(code.clone(), ()).is_some() {
            return Err(PipelineError::Duplicate {
                file: file.into(),
                code: code.to_string(),
                field: "gemeentecode".into(),
                first: file.into(),
            });
        }
        out.push(Gemeente2022 {
            name: p.str("gemeentenaam")?.trim().to_string(),
            pct_huurcorporatie: p.num_opt("pct_huurcorporatie", Range::PERCENT)?,
            code,
        });
    }
    Ok(out)
}

/// Checks the file's `metadata.year` (the year of the division and figures) against the year
/// its name promises.
fn check_metadata_year(file: &str, doc: &serde_json::Value, year: u16) -> Result<()> {
    let top = Props::object(file, "(file)", doc, "document")?;
    let meta = top.child("metadata", "metadata.")?;
    check_year(&meta, "year", year)
}
