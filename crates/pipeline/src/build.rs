//! The whole build: read → join → geometry → tables → manifest → output files.

use crate::classify::{national, quantile_breaks, symmetric_breaks};
use crate::error::Result;
use crate::hashing::{Names, MANIFEST};
use crate::indicators::{BreakRule, CATALOGUE};
use crate::join::{join, Joined, LevelData, Sources, YEAR};
use crate::lod::{subset, validate};
use crate::progress::Progress;
use crate::report::{FileSize, LevelSummary, Summary};
use crate::shapes::{build_shapes, ShapeParams, OVERVIEW_MAX_SCALE};
use crate::sources::{geoinzicht, history, lbm, woonikveilig, SourceDir};
use crate::write::{gzip_len, Output};
use buurtkaart_model::naming::logical_name;
use buurtkaart_model::{
    AreaCode, AreaIndex, BreakMethod, Column, GemeentePack, Indicator, IndicatorLevel, LbmClass,
    Level, LevelFiles, Manifest, PackLevel, Provenance, Text, ValueTable, FORMAT_VERSION,
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
    "buurt.lbm_klasse.json",
];

/// Template of a gemeente's detail geometry of a level.
pub fn detail_template(level: Level) -> String {
    format!("geo/{}/{{gemeente}}.json", level.id())
}

/// Columns also written on their own, for the first map (the default indicator).
pub const FIRST_COLUMNS: [&str; 1] = ["lbm_klasse"];

/// Template of a gemeente's pack (names and values for embeds).
pub const PACK_TEMPLATE: &str = "pack/{gemeente}.json";

/// Where the provenance goes (logical name).
pub const PROVENANCE_FILE: &str = "provenance.json";

/// Template of a gemeente's yearly series for the panel (logical name).
pub const SERIES_TEMPLATE: &str = "detail/{gemeente}.json";

/// The wijk history (logical name).
pub const HISTORY_FILE: &str = "wijk.history.json";

/// The gemeente of an area code string (`None` for a code that does not parse).
fn gemeente_of(code: &str) -> Option<String> {
    AreaCode::parse(code).ok().map(|c| c.gemeente().to_string())
}

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
    /// Files by relative path (content-hashed names).
    pub output: Output,
    /// Logical → hashed names of the files.
    pub names: Names,
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
    let gemeenten: Vec<String> = joined
        .level(Level::Gemeente)
        .codes
        .iter()
        .map(|c| c.to_string())
        .collect();
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
        progress.start(&format!("validating: {}", level.plural().en), 0);
        let template = detail_template(level);
        let detail = validate(&template, &s.topology, &data.geometry)?;
        let overview = validate(&geom_file, &s.overview, &data.geometry)?;
        out.json(&geom_file, &s.overview)?;
        for g in &gemeenten {
            if let Some(t) = subset(&s.topology, |c| gemeente_of(c).as_deref() == Some(g)) {
                out.json(&Manifest::for_gemeente(&template, g), &t)?;
            }
        }
        progress.start(&format!("tables: {}", level.plural().en), 0);
        let (lf, ls) = write_level(&mut out, data, &geom_file, &template)?;
        level_files.push(lf);
        level_summaries.push(LevelSummary {
            stats: s.stats.clone(),
            overview_stats: s.overview_stats.clone(),
            overview,
            detail,
            ..ls
        });
        shapes.push((level, s));
    }
    progress.start("gemeente packs", 0);
    for g in &gemeenten {
        out.json(&Manifest::for_gemeente(PACK_TEMPLATE, g), &pack(&joined, g))?;
    }

    progress.start("history and details", 0);
    out.json(HISTORY_FILE, &joined.history)?;
    for d in &joined.details {
        out.json(&Manifest::for_gemeente(SERIES_TEMPLATE, &d.gemeente), d)?;
    }

    progress.start("manifest", 0);
    let history_national = joined.history.national_mean.last().copied().flatten();
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
    progress.start("instant national map", 0);
    for (name, png) in crate::instant::images(&out, &indicators, bbox)? {
        out.files.insert(name, png);
    }
    // Content-hashed names: every file but the manifest, which lists them.
    let mut names = Names::of(&out);
    names.rename(&mut out);
    for lf in &mut level_files {
        for name in [
            &mut lf.index_file,
            &mut lf.geometry_file,
            &mut lf.detail_file,
            &mut lf.labels_file,
        ]
        .into_iter()
        .chain(lf.value_files.values_mut())
        .chain(lf.column_files.values_mut())
        {
            *name = names.name(name);
        }
    }
    let provenance = Provenance {
        pipeline_version: PIPELINE_VERSION.into(),
        inputs: src.inputs(),
        files: out.entries(),
    };
    let provenance_file = names.add_json_pretty(&mut out, PROVENANCE_FILE, &provenance)?;
    let manifest = Manifest {
        format_version: FORMAT_VERSION,
        pipeline_version: PIPELINE_VERSION.into(),
        bbox,
        levels: level_files,
        indicators,
        lbm_classes: lbm_classes(),
        attribution: attribution(),
        detail_scale: OVERVIEW_MAX_SCALE,
        pack_file: names.name(PACK_TEMPLATE),
        series_file: names.name(SERIES_TEMPLATE),
        history_file: names.name(HISTORY_FILE),
        provenance_file,
        gemeenten: gemeenten.clone(),
    };
    out.json_pretty(MANIFEST, &manifest)?;
    progress.start("measuring sizes", 0);
    let files: Vec<FileSize> = out
        .files
        .iter()
        .map(|(p, b)| FileSize {
            path: logical_name(p),
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
        names,
        summary,
        joined,
        shapes,
    })
}

/// The index of the rows `rows` of `data`.
fn index(data: &LevelData, rows: &[usize]) -> AreaIndex {
    AreaIndex {
        level: data.level,
        codes: rows.iter().map(|&r| data.codes[r].to_string()).collect(),
        names: rows.iter().map(|&r| data.names[r].clone()).collect(),
        postcodes: if data.postcodes.is_empty() {
            Vec::new()
        } else {
            rows.iter().map(|&r| data.postcodes[r].clone()).collect()
        },
    }
}

/// The value tables (by group) of the rows `rows` of `data`, and the non-missing values
/// per column. A group without values is left out.
fn tables(
    data: &LevelData,
    rows: &[usize],
) -> (BTreeMap<String, ValueTable>, BTreeMap<String, usize>) {
    let mut out = BTreeMap::new();
    let mut counts = BTreeMap::new();
    for group in ["lbm", "cbs"] {
        let mut columns = BTreeMap::new();
        for def in CATALOGUE.iter().filter(|d| d.group == group) {
            let Some(all) = data.columns.get(def.id) else {
                continue;
            };
            let values: Vec<Option<f64>> = rows.iter().map(|&r| all[r]).collect();
            let n = values.iter().flatten().count();
            if n == 0 {
                continue;
            }
            counts.insert(def.id.to_string(), n);
            columns.insert(def.id.to_string(), Column::encode(def.decimals, &values));
        }
        if !columns.is_empty() {
            let table = ValueTable {
                level: data.level,
                group: group.into(),
                rows: rows.len(),
                columns,
            };
            out.insert(group.to_string(), table);
        }
    }
    (out, counts)
}

/// The pack of gemeente `g`: names and values of the gemeente, its wijken and buurten.
fn pack(joined: &Joined, g: &str) -> GemeentePack {
    let levels = Level::ALL
        .iter()
        .map(|&level| {
            let data = joined.level(level);
            let rows: Vec<usize> = (0..data.codes.len())
                .filter(|&r| data.codes[r].gemeente().as_str() == g)
                .collect();
            PackLevel {
                index: index(data, &rows),
                tables: tables(data, &rows).0,
                labels: Some(crate::labels::label_table_of(data, &rows)),
            }
        })
        .collect();
    GemeentePack {
        gemeente: g.to_string(),
        levels,
    }
}

fn write_level(
    out: &mut Output,
    data: &LevelData,
    geom_file: &str,
    detail_file: &str,
) -> Result<(LevelFiles, LevelSummary)> {
    let id = data.level.id();
    let index_file = format!("{id}.areas.json");
    let all: Vec<usize> = (0..data.codes.len()).collect();
    out.json(&index_file, &index(data, &all))?;
    let labels_file = crate::labels::file_name(data.level);
    out.json(&labels_file, &crate::labels::label_table(data))?;
    let mut value_files = BTreeMap::new();
    let (tables, columns_summary) = tables(data, &all);
    let mut column_files = BTreeMap::new();
    for (group, table) in tables {
        // The first map's column on its own (see `LevelFiles::column_files`).
        for column in FIRST_COLUMNS {
            if let Some(col) = table.columns.get(column) {
                let file = format!("{id}.{column}.json");
                let single = ValueTable {
                    columns: BTreeMap::from([(column.to_string(), col.clone())]),
                    ..table.clone()
                };
                out.json(&file, &single)?;
                column_files.insert(column.to_string(), file);
            }
        }
        let file = format!("{id}.{group}.json");
        out.json(&file, &table)?;
        value_files.insert(group, file);
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
            detail_file: detail_file.to_string(),
            labels_file,
            value_files,
            column_files,
        },
        LevelSummary {
            level: data.level,
            areas: data.codes.len(),
            with_geometry,
            columns: columns_summary,
            stats: Default::default(),
            overview_stats: Default::default(),
            overview: Default::default(),
            detail: Default::default(),
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
