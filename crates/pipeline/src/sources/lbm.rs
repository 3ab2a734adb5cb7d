//! Adapter for `thuisscan-lbm/`: Leefbaarometer 2024 per buurt and gemeente, with boundaries.

use super::geometry::{parse_geometry, MultiPolygon, SelfCrossing};
use super::props::{check_year, Props, Range};
use super::YEAR;
use super::{features, parse_json, SourceDir};
use crate::error::{PipelineError, Result};
use buurtkaart_model::{AreaCode, Level};
use std::collections::BTreeMap;

/// Folder of the buurt files (one per provincie).
pub const BUURT_DIR: &str = "thuisscan-lbm/buurten";
/// The gemeente file.
pub const GEMEENTE_FILE: &str = "thuisscan-lbm/gemeenten.geojson";

/// Leefbaarometer 2024 figures of one area (the BZK fields under `raw`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LbmScores {
    /// Class 1–9 (`kscore`).
    pub klasse: u8,
    /// Total deviation from the national mean (`afw`).
    pub afw: f64,
    /// Woningvoorraad deviation.
    pub won: f64,
    /// Fysieke omgeving deviation.
    pub fys: f64,
    /// Voorzieningen deviation.
    pub vrz: f64,
    /// Sociale samenhang deviation.
    pub soc: f64,
    /// Overlast en onveiligheid deviation.
    pub onv: f64,
}

/// One scored area with its boundary.
#[derive(Debug, Clone)]
pub struct LbmArea {
    /// CBS code.
    pub code: AreaCode,
    /// Name as in the file.
    pub name: String,
    /// Boundary.
    pub geometry: MultiPolygon,
    /// The 2024 figures.
    pub scores: LbmScores,
    /// File it came from.
    pub file: String,
}

/// Reads every `*.geojson` in [`BUURT_DIR`].
pub fn read_buurten(src: &mut SourceDir) -> Result<Vec<LbmArea>> {
    let mut out = Vec::new();
    for file in src.list(BUURT_DIR, "", ".geojson")? {
        let bytes = src.read(&file)?;
        out.extend(read_file(&file, &bytes, Level::Buurt)?);
    }
    check_duplicates(&out)?;
    Ok(out)
}

/// Reads [`GEMEENTE_FILE`].
pub fn read_gemeenten(src: &mut SourceDir) -> Result<Vec<LbmArea>> {
    let bytes = src.read(GEMEENTE_FILE)?;
    let out = read_file(GEMEENTE_FILE, &bytes, Level::Gemeente)?;
    check_duplicates(&out)?;
    Ok(out)
}

fn check_duplicates(areas: &[LbmArea]) -> Result<()> {
    let mut seen: BTreeMap<&AreaCode, &str> = BTreeMap::new();
    for a in areas {
        if let Some(first) = seen.insert(&a.code, &a.file) {
            return Err(PipelineError::Duplicate {
                file: a.file.clone(),
                code: a.code.to_string(),
                field: "code".into(),
                first: first.to_string(),
            });
        }
    }
    Ok(())
}

/// Parses one Leefbaarometer GeoJSON file of `level`.
pub fn read_file(file: &str, bytes: &[u8], level: Level) -> Result<Vec<LbmArea>> {
    let doc = parse_json(file, bytes)?;
    let mut out = Vec::new();
    for (i, f) in features(file, &doc)?.iter().enumerate() {
        let idx = format!("#{i}");
        let feature = Props::object(file, &idx, f, "feature")?;
        let props = feature.child("properties", "")?;
        let code = props.code("code", level)?;
        let c = code.as_str();
        let props = Props { code: c, ..props };
        let name = props.str("naam")?.trim().to_string();
        let raw = Props { code: c, ..props }.child("raw", "raw.")?;
        check_year(&raw, "year", YEAR)?;
        let klasse = raw.int("kscore", Range::new(1.0, 9.0))? as u8;
        let scores = LbmScores {
            klasse,
            afw: raw.num("afw", Range::DEVIATION)?,
            won: raw.num("won", Range::DEVIATION)?,
            fys: raw.num("fys", Range::DEVIATION)?,
            vrz: raw.num("vrz", Range::DEVIATION)?,
            soc: raw.num("soc", Range::DEVIATION)?,
            onv: raw.num("onv", Range::DEVIATION)?,
        };
        let geometry = parse_geometry(file, c, f.get("geometry"), SelfCrossing::Refuse)?;
        out.push(LbmArea {
            code,
            name,
            geometry,
            scores,
            file: file.to_string(),
        });
    }
    Ok(out)
}
