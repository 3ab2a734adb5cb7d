//! The whole build: read → join → geometry → tables → manifest → output files.

use crate::classify::{national, quantile_breaks, symmetric_breaks};
use crate::error::Result;
use crate::indicators::{BreakRule, CATALOGUE};
use crate::join::{join, Joined, LevelData, Sources, YEAR};
use crate::progress::Progress;
use crate::report::{FileSize, LevelSummary, Summary};
use crate::shapes::{build_shapes, ShapeParams};
use crate::sources::{geoinzicht, history, lbm, woonikveilig, SourceDir};
use crate::write::{gzip_len, Output};
use buurtkaart_model::{
    AreaIndex, BreakMethod, Column, Indicator, IndicatorLevel, LbmClass, Level, LevelFiles,
    Manifest, Text, ValueTable, FORMAT_VERSION,
};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

/// Version written into the manifest.
pub const PIPELINE_VERSION: &str = concat!("buurtkaart-pipeline ", env!("CARGO_PKG_VERSION"));

/// Files the first national buurt view loads.
pub const FIRST_VIEW: [&str; 5] = [
    "manifest.json",
    "gemeente.topo.json",
    "buurt.topo.json",
    "buurt.areas.json",
    "buurt.lbm.json",
];

/// What to build from where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The source folder (`../shared/data`).
    pub source: PathBuf,
    /// Show progress on stderr.
    pub progress: bool,
}

/// The built files and the summary.
#[derive(Debug)]
pub struct Built {
    /// Files by relative path.
    pub output: Output,
    /// What happened.
    pub summary: Summary,
    /// The joined data (for tests and measurements).
    pub joined: Joined,
    /// The geometry per level (for tests and measurements).
    pub shapes: Vec<(Level, crate::shapes::Shapes)>,
}

/// Reads, validates and joins all sources.
pub fn read_sources(src: &mut SourceDir, progress: &mut Progress) -> Result<Sources> {
    progress.start("reading Leefbaarometer buurten", 0);
    let lbm_buurten = lbm::read_buurten(src)?;
    progress.start("reading Leefbaarometer gemeenten", 0);
    let lbm_gemeenten = lbm::read_gemeenten(src)?;
    progress.start("reading CBS Kerncijfers", 0);
    let cbs = woonikveilig::read_all(src)?;
    progress.start("reading wijk boundaries", 0);
    let wijk_boundaries = geoinzicht::read_wijken(src)?;
    let gemeenten_2022 = geoinzicht::read_gemeenten_2022(src)?;
    progress.start("reading wijk history", 0);
    let history = history::read(src)?;
    progress.finish();
    Ok(Sources {
        lbm_buurten,
        lbm_gemeenten,
        cbs,
        wijk_boundaries,
        gemeenten_2022,
        history,
    })
}

/// Runs the whole pipeline in memory.
pub fn build(opts: &BuildOptions) -> Result<Built> {
    let t0 = Instant::now();
    let mut progress = Progress::new(opts.progress);
    let mut src = SourceDir::open(&opts.source)?;
    let sources = read_sources(&mut src, &mut progress)?;
    progress.start("joining", 0);
    let joined = join(sources)?;

    let mut out = Output::default();
    let mut shapes = Vec::new();
    let mut level_files = Vec::new();
    let mut level_summaries = Vec::new();
    for level in Level::ALL {
        let data = joined.level(level);
        progress.start(&format!("geometry: {}", level.plural().en), 0);
        let geom_file = format!("{}.topo.json", level.id());
        let s = build_shapes(
            level,
            &data.geometry,
            ShapeParams::for_level(level),
            &geom_file,
        )?;
        out.json(&geom_file, &s.topology)?;
        progress.start(&format!("tables: {}", level.plural().en), 0);
        let (lf, ls) = write_level(&mut out, data, &geom_file)?;
        level_files.push(lf);
        level_summaries.push(LevelSummary {
            stats: s.stats.clone(),
            ..ls
        });
        shapes.push((level, s));
    }

    progress.start("history and details", 0);
    out.json("wijk.history.json", &joined.history)?;
    for d in &joined.details {
        out.json(&format!("detail/{}.json", d.gemeente), d)?;
    }

    progress.start("manifest", 0);
    let history_national = joined.history.national_lbm.last().copied().flatten();
    let indicators = indicators(&joined, history_national);
    let mut bbox = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    for (_, s) in &shapes {
        let b = s.topology.bbox;
        bbox = [
            bbox[0].min(b[0]),
            bbox[1].min(b[1]),
            bbox[2].max(b[2]),
            bbox[3].max(b[3]),
        ];
    }
    let manifest = Manifest {
        format_version: FORMAT_VERSION,
        pipeline_version: PIPELINE_VERSION.into(),
        bbox,
        levels: level_files,
        indicators,
        lbm_classes: lbm_classes(),
        attribution: attribution(),
        inputs: src.inputs(),
        files: out.entries(),
    };
    out.json_pretty("manifest.json", &manifest)?;
    progress.start("measuring sizes", 0);
    let files: Vec<FileSize> = out
        .files
        .iter()
        .map(|(p, b)| FileSize {
            path: p.clone(),
            bytes: b.len(),
            gzip: gzip_len(b),
        })
        .collect();
    progress.finish();
    let summary = Summary {
        levels: level_summaries,
        join: joined.report.clone(),
        files,
        first_view: FIRST_VIEW.iter().map(|s| s.to_string()).collect(),
        steps: progress.steps.clone(),
        total: t0.elapsed(),
        history_attached: joined.history.wijken.len(),
        history_excluded: joined.history.excluded.len(),
        details: joined.details.len(),
    };
    Ok(Built {
        output: out,
        summary,
        joined,
        shapes,
    })
}

fn write_level(
    out: &mut Output,
    data: &LevelData,
    geom_file: &str,
) -> Result<(LevelFiles, LevelSummary)> {
    let id = data.level.id();
    let index_file = format!("{id}.areas.json");
    out.json(
        &index_file,
        &AreaIndex {
            level: data.level,
            codes: data.codes.iter().map(|c| c.to_string()).collect(),
            names: data.names.clone(),
            postcodes: data.postcodes.clone(),
        },
    )?;
    let mut value_files = BTreeMap::new();
    let mut columns_summary = BTreeMap::new();
    for group in ["lbm", "cbs"] {
        let mut columns = BTreeMap::new();
        for def in CATALOGUE.iter().filter(|d| d.group == group) {
            let Some(values) = data.columns.get(def.id) else {
                continue;
            };
            let n = values.iter().flatten().count();
            if n == 0 {
                continue;
            }
            columns_summary.insert(def.id.to_string(), n);
            columns.insert(def.id.to_string(), Column::encode(def.decimals, values));
        }
        if columns.is_empty() {
            continue;
        }
        let file = format!("{id}.{group}.json");
        out.json(
            &file,
            &ValueTable {
                level: data.level,
                group: group.into(),
                rows: data.codes.len(),
                columns,
            },
        )?;
        value_files.insert(group.to_string(), file);
    }
    let with_geometry = data.geometry.len();
    Ok((
        LevelFiles {
            level: data.level,
            division_year: YEAR,
            areas: data.codes.len(),
            with_geometry,
            index_file,
            geometry_file: geom_file.to_string(),
            value_files,
        },
        LevelSummary {
            level: data.level,
            areas: data.codes.len(),
            with_geometry,
            columns: columns_summary,
            stats: Default::default(),
        },
    ))
}

fn indicators(joined: &Joined, history_national: Option<f64>) -> Vec<Indicator> {
    let gem = joined.level(Level::Gemeente);
    CATALOGUE
        .iter()
        .filter_map(|def| {
            let present: Vec<&LevelData> = joined
                .levels
                .iter()
                .filter(|d| {
                    d.columns
                        .get(def.id)
                        .is_some_and(|c| c.iter().any(Option::is_some))
                })
                .collect();
            if present.is_empty() {
                return None;
            }
            // Fixed breaks come from the finest level that has the indicator.
            let fixed = present.last().map(|d| symmetric_breaks(&d.columns[def.id]));
            let levels = present
                .iter()
                .map(|d| {
                    let values = &d.columns[def.id];
                    let (breaks, method) = match def.breaks {
                        BreakRule::LbmClasses => (Vec::new(), BreakMethod::LbmClasses),
                        BreakRule::FixedSymmetric => {
                            (fixed.clone().unwrap_or_default(), BreakMethod::Fixed)
                        }
                        BreakRule::Quantiles => (quantile_breaks(values), BreakMethod::Quantiles),
                    };
                    IndicatorLevel {
                        level: d.level,
                        year: d.years.get(def.id).copied().unwrap_or(YEAR),
                        breaks,
                        method,
                    }
                })
                .collect();
            Some(Indicator {
                id: def.id.into(),
                label: def.label(),
                description: def.description(),
                unit: def.unit,
                group: def.group.into(),
                source: def.source.into(),
                higher_is_better: def.higher_is_better,
                scale: def.scale,
                decimals: def.decimals,
                levels,
                national: national(def, gem, history_national),
            })
        })
        .collect()
}

/// The 9 Leefbaarometer classes.
pub fn lbm_classes() -> Vec<LbmClass> {
    [
        ("zeer onvoldoende", "very poor"),
        ("ruim onvoldoende", "poor"),
        ("onvoldoende", "insufficient"),
        ("zwak", "weak"),
        ("voldoende", "sufficient"),
        ("ruim voldoende", "amply sufficient"),
        ("goed", "good"),
        ("zeer goed", "very good"),
        ("uitstekend", "excellent"),
    ]
    .iter()
    .enumerate()
    .map(|(i, (nl, en))| LbmClass {
        class: i as u8 + 1,
        label: Text::new(*nl, *en),
    })
    .collect()
}

/// Attribution lines.
pub fn attribution() -> Vec<Text> {
    vec![
        Text::new(
            "Bron: CBS Kerncijfers wijken en buurten 2024; Leefbaarometer 3.0 – Ministerie van BZK; grenzen CBS/Kadaster",
            "Source: CBS Key figures districts and neighbourhoods 2024; Leefbaarometer 3.0 – Dutch Ministry of the Interior (BZK); boundaries CBS/Kadaster",
        ),
        Text::new(
            "Geregistreerde criminaliteit: Politie via CBS",
            "Registered crime: Police via CBS",
        ),
        Text::new(
            "Ervaren gezondheid: RIVM Gezondheidsmonitor",
            "Self-rated health: RIVM Health Monitor",
        ),
    ]
}
