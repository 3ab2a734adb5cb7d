//! Adapter for `woonikveilig/gemeente/GM*.json`: CBS Kerncijfers 2024 per gemeente, wijk and
//! buurt, with Politie crime figures and RIVM health figures (no geometry).

use super::props::{Props, Range};
use super::{parse_json, SourceDir};
use crate::error::{PipelineError, Result};
use buurtkaart_model::{AreaCode, Level};
use std::collections::BTreeMap;

/// Folder of the per-gemeente files.
pub const DIR: &str = "woonikveilig/gemeente";

/// The Kerncijfers of one area; `None` = missing in the source.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CbsFigures {
    /// Inhabitants.
    pub inwoners: Option<f64>,
    /// Inhabitants aged 65 or older (count).
    pub inwoners_65plus: Option<f64>,
    /// Inhabitants aged 0–15 (count).
    pub inwoners_0_15: Option<f64>,
    /// Inhabitants per km² land.
    pub dichtheid: Option<f64>,
    /// Households.
    pub huishoudens: Option<f64>,
    /// Mean household size.
    pub huishoudensgrootte: Option<f64>,
    /// Mean WOZ value (×€1000).
    pub woz: Option<f64>,
    /// Owner-occupied dwellings (%).
    pub koopwoningen: Option<f64>,
    /// Single-family dwellings (%).
    pub eengezinswoning: Option<f64>,
    /// Income per inhabitant (×€1000).
    pub inkomen: Option<f64>,
    /// Urbanity class 1–5.
    pub stedelijkheid: Option<f64>,
    /// Distance to GP (km).
    pub afstand_huisarts: Option<f64>,
    /// Distance to supermarket (km).
    pub afstand_supermarkt: Option<f64>,
    /// Distance to primary school (km).
    pub afstand_school: Option<f64>,
    /// Land area (km²).
    pub land_km2: Option<f64>,
    /// Registered crimes per 1000 inhabitants, last 12 months.
    pub crime_per1000: Option<f64>,
    /// Registered crimes, last 12 months (count).
    pub crime_12m: Option<f64>,
    /// Good self-rated health (%).
    pub gezondheid: Option<f64>,
}

/// A yearly series from the source (`trend` objects).
pub type Trend = BTreeMap<u16, f64>;

/// One area of a woonikveilig file.
#[derive(Debug, Clone)]
pub struct CbsArea {
    /// CBS code.
    pub code: AreaCode,
    /// CBS name.
    pub name: String,
    /// Most common postcode (buurten).
    pub postcode: Option<String>,
    /// The figures.
    pub figures: CbsFigures,
    /// Registered crimes per year.
    pub crime_trend: Option<Trend>,
    /// Good self-rated health per year (%).
    pub health_trend: Option<Trend>,
}

/// One gemeente file: the gemeente and all its wijken and buurten.
#[derive(Debug, Clone)]
pub struct CbsGemeente {
    /// The gemeente itself.
    pub gemeente: CbsArea,
    /// Its wijken.
    pub wijken: Vec<CbsArea>,
    /// Its buurten.
    pub buurten: Vec<CbsArea>,
    /// File name.
    pub file: String,
}

/// Reads every `GM*.json` in [`DIR`], checking codes are unique across files.
pub fn read_all(src: &mut SourceDir) -> Result<Vec<CbsGemeente>> {
    let mut out = Vec::new();
    let mut seen: BTreeMap<AreaCode, String> = BTreeMap::new();
    for file in src.list(DIR, "GM", ".json")? {
        let bytes = src.read(&file)?;
        let g = read_file(&file, &bytes)?;
        for a in std::iter::once(&g.gemeente)
            .chain(&g.wijken)
            .chain(&g.buurten)
        {
            if let Some(first) = seen.insert(a.code.clone(), file.clone()) {
                return Err(PipelineError::Duplicate {
                    file: file.clone(),
                    code: a.code.to_string(),
                    field: "code".into(),
                    first,
                });
            }
        }
        out.push(g);
    }
    Ok(out)
}

/// Parses one gemeente file.
pub fn read_file(file: &str, bytes: &[u8]) -> Result<CbsGemeente> {
    let doc = parse_json(file, bytes)?;
    let top = Props::object(file, "(file)", &doc, "document")?;
    let code = top.code("code", Level::Gemeente)?;
    let stem = file
        .rsplit('/')
        .next()
        .unwrap_or(file)
        .trim_end_matches(".json");
    if stem != code.as_str() {
        return Err(PipelineError::bad_value(
            file,
            code.as_str(),
            "code",
            code.as_str(),
            format!("file name says {stem}"),
        ));
    }
    let gemeente = area(
        Props {
            code: code.as_str(),
            ..top
        },
        code.clone(),
        true,
    )?;
    let list = |field: &'static str, level: Level| -> Result<Vec<CbsArea>> {
        let arr = doc
            .get(field)
            .and_then(|v| v.as_array())
            .ok_or_else(|| PipelineError::missing(file, code.as_str(), field))?;
        arr.iter()
            .enumerate()
            .map(|(i, v)| {
                let idx = format!("{field}[{i}]");
                let p = Props::object(file, &idx, v, field)?;
                let c = p.code("code", level)?;
                if c.gemeente() != code {
                    return Err(PipelineError::bad_value(
                        file,
                        c.as_str(),
                        "code",
                        c.as_str(),
                        format!("does not belong to gemeente {code}"),
                    ));
                }
                area(
                    Props {
                        code: c.as_str(),
                        ..p
                    },
                    c.clone(),
                    level == Level::Buurt,
                )
            })
            .collect()
    };
    Ok(CbsGemeente {
        gemeente,
        wijken: list("wijken", Level::Wijk)?,
        buurten: list("buurten", Level::Buurt)?,
        file: file.to_string(),
    })
}

fn area(p: Props<'_>, code: AreaCode, with_safety_health: bool) -> Result<CbsArea> {
    let name = p.str("name")?.trim().to_string();
    let d = p.child("demografie", "demografie.")?.with_cbs_markers();
    let count = Range::NON_NEGATIVE;
    let mut figures = CbsFigures {
        inwoners: d.num_opt("inwoners", count)?,
        inwoners_65plus: d.num_opt("inwoners65plus", count)?,
        inwoners_0_15: d.num_opt("inwoners0tot15", count)?,
        dichtheid: d.num_opt("dichtheid", count)?,
        huishoudens: d.num_opt("huishoudens", count)?,
        huishoudensgrootte: d.num_opt("huishoudensgrootte", Range::new(0.0, 30.0))?,
        woz: d.num_opt("wozWaarde", count)?,
        koopwoningen: d.num_opt("koopwoningen", Range::PERCENT)?,
        eengezinswoning: d.num_opt("eengezinswoning", Range::PERCENT)?,
        inkomen: d.num_opt("inkomenPerInwoner", count)?,
        stedelijkheid: d.num_opt("stedelijkheid", Range::new(1.0, 5.0))?,
        afstand_huisarts: d.num_opt("afstandHuisarts", count)?,
        afstand_supermarkt: d.num_opt("afstandSupermarkt", count)?,
        afstand_school: d.num_opt("afstandSchool", count)?,
        land_km2: d.num_opt("oppervlakteLandKm2", count)?,
        ..CbsFigures::default()
    };
    let postcode = d.str_opt("postcode")?.map(|s| s.trim().to_string());
    let (mut crime_trend, mut health_trend) = (None, None);
    if with_safety_health {
        if let Some(v) = p
            .child_opt("veiligheid", "veiligheid.")?
            .map(|v| v.with_cbs_markers())
        {
            figures.crime_per1000 = v.num_opt("per1000", count)?;
            figures.crime_12m = v.num_opt("laatste12Maanden", count)?;
            crime_trend = trend(&v, count)?;
        }
        if let Some(g) = p
            .child_opt("gezondheid", "gezondheid.")?
            .map(|g| g.with_cbs_markers())
        {
            figures.gezondheid = g.num_opt("goedErvarenGezondheid", Range::PERCENT)?;
            health_trend = trend(&g, Range::PERCENT)?;
        }
    }
    Ok(CbsArea {
        code,
        name,
        postcode,
        figures,
        crime_trend,
        health_trend,
    })
}

fn trend(p: &Props<'_>, range: Range) -> Result<Option<Trend>> {
    let Some(t) = p.child_opt("trend", "")? else {
        return Ok(None);
    };
    let mut out = Trend::new();
    for key in t.map.keys() {
        let field = format!("{}trend.{key}", p.prefix);
        let year: u16 = key
            .parse()
            .ok()
            .filter(|y| (1990..=2100).contains(y))
            .ok_or_else(|| {
                PipelineError::bad_value(p.file, p.code, &field, key, "key is not a year")
            })?;
        if let Some(x) = t.num_opt(key, range).map_err(|e| rename_field(e, &field))? {
            out.insert(year, x);
        }
    }
    Ok((!out.is_empty()).then_some(out))
}

fn rename_field(e: PipelineError, field: &str) -> PipelineError {
    match e {
        PipelineError::BadValue {
            file,
            code,
            value,
            reason,
            ..
        } => PipelineError::BadValue {
            file,
            code,
            field: field.to_string(),
            value,
            reason,
        },
        other => other,
    }
}
