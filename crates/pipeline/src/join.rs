//! Joins the sources on CBS codes into one table per level, plus the wijk history and the
//! per-gemeente detail series.

use crate::error::{PipelineError, Result};
use crate::indicators::{SRC_CRIME, SRC_HEALTH};
use crate::names::normalise;
use crate::numbers::{median, round};
use crate::sources::geoinzicht::{Gemeente2022, WijkBoundary, GEMEENTEN_2022_FILE, WIJKEN_FILE};
use crate::sources::geometry::MultiPolygon;
use crate::sources::history::{HistoryRow, FILE as HISTORY_FILE};
use crate::sources::lbm::{LbmArea, LbmScores};
use crate::sources::woonikveilig::{CbsArea, CbsGemeente, Trend};
use buurtkaart_model::{
    AreaCode, AreaDetail, GemeenteDetail, HistoryExclusion, Level, WijkHistory, WijkSeries,
    YearSeries,
};
use std::collections::{BTreeMap, BTreeSet};

/// The gemeente code CBS uses for "Buitenland" (abroad); its wijk is not part of any gemeente.
pub const ABROAD_GEMEENTE: &str = "GM0998";
pub use crate::sources::YEAR;

/// All sources, read and validated.
#[derive(Debug)]
pub struct Sources {
    /// Leefbaarometer buurten with boundaries.
    pub lbm_buurten: Vec<LbmArea>,
    /// Leefbaarometer gemeenten with boundaries.
    pub lbm_gemeenten: Vec<LbmArea>,
    /// CBS Kerncijfers per gemeente file.
    pub cbs: Vec<CbsGemeente>,
    /// Wijk boundaries 2024.
    pub wijk_boundaries: Vec<WijkBoundary>,
    /// Gemeente figures 2022.
    pub gemeenten_2022: Vec<Gemeente2022>,
    /// Leefbaarometer history per wijk.
    pub history: Vec<HistoryRow>,
}

/// One level's areas, in code order, with geometry and indicator columns.
#[derive(Debug, Clone)]
pub struct LevelData {
    /// Which level.
    pub level: Level,
    /// Codes, sorted.
    pub codes: Vec<AreaCode>,
    /// Names aligned with `codes`.
    pub names: Vec<String>,
    /// Postcodes aligned with `codes` (buurten; empty otherwise).
    pub postcodes: Vec<Option<String>>,
    /// Boundaries by code (a subset of `codes`).
    pub geometry: BTreeMap<AreaCode, MultiPolygon>,
    /// Indicator columns by id, aligned with `codes`.
    pub columns: BTreeMap<&'static str, Vec<Option<f64>>>,
    /// Year of each column.
    pub years: BTreeMap<&'static str, u16>,
}

impl LevelData {
    fn new(level: Level, areas: BTreeMap<AreaCode, (String, Option<String>)>) -> Self {
        let mut d = LevelData {
            level,
            codes: Vec::new(),
            names: Vec::new(),
            postcodes: Vec::new(),
            geometry: BTreeMap::new(),
            columns: BTreeMap::new(),
            years: BTreeMap::new(),
        };
        for (code, (name, postcode)) in areas {
            d.codes.push(code);
            d.names.push(name);
            if level == Level::Buurt {
                d.postcodes.push(postcode);
            }
        }
        d
    }

    /// Row of `code`.
    pub fn row(&self, code: &AreaCode) -> Option<usize> {
        self.codes.binary_search(code).ok()
    }

    fn set(&mut self, id: &'static str, year: u16, row: usize, v: Option<f64>) {
        let n = self.codes.len();
        self.columns.entry(id).or_insert_with(|| vec![None; n])[row] = v;
        self.years.insert(id, year);
    }

    /// The column `id` (all missing if absent).
    pub fn column(&self, id: &str) -> Vec<Option<f64>> {
        self.columns
            .get(id)
            .cloned()
            .unwrap_or_else(|| vec![None; self.codes.len()])
    }
}

/// What the joins matched and what they left out.
#[derive(Debug, Clone, Default)]
pub struct JoinReport {
    /// Lines for the summary, in order.
    pub lines: Vec<String>,
    /// Codes left out or unmatched, by kind (for the summary).
    pub unjoined: BTreeMap<String, Vec<String>>,
}

impl JoinReport {
    fn line(&mut self, s: impl Into<String>) {
        self.lines.push(s.into());
    }
    fn unjoined(&mut self, kind: &str, codes: Vec<String>) {
        if !codes.is_empty() {
            self.unjoined.insert(kind.to_string(), codes);
        }
    }
}

/// The joined data set.
#[derive(Debug, Clone)]
pub struct Joined {
    /// Gemeente, wijk and buurt level.
    pub levels: Vec<LevelData>,
    /// Wijk history.
    pub history: WijkHistory,
    /// Detail series per gemeente.
    pub details: Vec<GemeenteDetail>,
    /// Join report.
    pub report: JoinReport,
}

impl Joined {
    /// The data of `level`.
    pub fn level(&self, level: Level) -> &LevelData {
        &self.levels[level as usize]
    }
}

/// Joins everything. Fails on codes that the CBS division does not know.
pub fn join(src: Sources) -> Result<Joined> {
    let mut report = JoinReport::default();
    let cbs_areas: Vec<(&CbsGemeente, &CbsArea, Level)> = src
        .cbs
        .iter()
        .flat_map(|g| {
            std::iter::once((g, &g.gemeente, Level::Gemeente))
                .chain(g.wijken.iter().map(move |w| (g, w, Level::Wijk)))
                .chain(g.buurten.iter().map(move |b| (g, b, Level::Buurt)))
        })
        .collect();
    let index = |level: Level| -> BTreeMap<AreaCode, (String, Option<String>)> {
        cbs_areas
            .iter()
            .filter(|(_, _, l)| *l == level)
            .map(|(_, a, _)| (a.code.clone(), (a.name.clone(), a.postcode.clone())))
            .collect()
    };
    let mut gem = LevelData::new(Level::Gemeente, index(Level::Gemeente));
    let mut buurt = LevelData::new(Level::Buurt, index(Level::Buurt));

    // Wijken: CBS list plus boundary-only wijken (e.g. "Groot water") of known gemeenten.
    let mut wijk_index = index(Level::Wijk);
    let cbs_wijken = wijk_index.len();
    let mut abroad = Vec::new();
    let mut boundary_only = Vec::new();
    let mut wijk_geometry = BTreeMap::new();
    for w in &src.wijk_boundaries {
        if w.gemeente.as_str() == ABROAD_GEMEENTE {
            abroad.push(format!("{} {}", w.code, w.name));
            continue;
        }
        if gem.row(&w.gemeente).is_none() {
            return Err(PipelineError::UnknownCode {
                file: WIJKEN_FILE.into(),
                code: w.code.to_string(),
                field: "gemeentecode".into(),
                reference: "the 2024 gemeenten of woonikveilig".into(),
            });
        }
        if !wijk_index.contains_key(&w.code) {
            boundary_only.push(format!("{} {}", w.code, w.name));
            wijk_index.insert(w.code.clone(), (w.name.clone(), None));
        }
        wijk_geometry.insert(w.code.clone(), w.geometry.clone());
    }
    let mut wijk = LevelData::new(Level::Wijk, wijk_index);
    wijk.geometry = wijk_geometry;
    report.line(format!(
        "wijk boundaries: {} of {} CBS wijken have one; {} boundary-only wijken added (water); {} skipped (abroad, {ABROAD_GEMEENTE})",
        wijk.codes.len() - boundary_only.len() - wijk.codes.iter().filter(|c| !wijk.geometry.contains_key(*c)).count(),
        wijk.codes.len() - boundary_only.len(),
        boundary_only.len(),
        abroad.len()
    ));
    report.unjoined("wijk boundaries added without CBS figures", boundary_only);
    report.unjoined("wijk boundaries skipped (abroad)", abroad);

    // Every buurt's wijk (derived from its code; the source's `wijkCode` is wrong) must exist.
    for (g, a, level) in &cbs_areas {
        if *level == Level::Buurt {
            let w = a.code.wijk().expect("a buurt has a wijk");
            if wijk.row(&w).is_none() {
                return Err(PipelineError::UnknownCode {
                    file: g.file.clone(),
                    code: a.code.to_string(),
                    field: "code (wijk part)".into(),
                    reference: format!("the wijken of {}", g.gemeente.code),
                });
            }
        }
    }

    // CBS figures.
    let crime_year = latest_year(
        src.cbs
            .iter()
            .filter_map(|g| g.gemeente.crime_trend.as_ref()),
    );
    let health_year = latest_year(
        src.cbs
            .iter()
            .filter_map(|g| g.gemeente.health_trend.as_ref()),
    );
    for (_, a, level) in &cbs_areas {
        let data = match level {
            Level::Gemeente => &mut gem,
            Level::Wijk => &mut wijk,
            Level::Buurt => &mut buurt,
        };
        let row = data.row(&a.code).expect("indexed above");
        put_cbs(data, row, a, crime_year, health_year);
    }

    // Leefbaarometer 2024 with boundaries: buurten and gemeenten.
    for (data, areas, file) in [
        (&mut buurt, &src.lbm_buurten, "thuisscan-lbm/buurten"),
        (
            &mut gem,
            &src.lbm_gemeenten,
            crate::sources::lbm::GEMEENTE_FILE,
        ),
    ] {
        for a in areas {
            let row = data
                .row(&a.code)
                .ok_or_else(|| PipelineError::UnknownCode {
                    file: a.file.clone(),
                    code: a.code.to_string(),
                    field: "code".into(),
                    reference: "the CBS 2024 division (woonikveilig)".into(),
                })?;
            put_lbm(data, row, &a.scores, YEAR);
            data.geometry.insert(a.code.clone(), a.geometry.clone());
        }
        let level = data.level;
        let missing: Vec<String> = data
            .codes
            .iter()
            .filter(|c| !data.geometry.contains_key(*c))
            .map(|c| c.to_string())
            .collect();
        report.line(format!(
            "{}: {} of {} CBS areas have a Leefbaarometer 2024 score and boundary ({:.1} %) [{file}]",
            level.id(),
            areas.len(),
            data.codes.len(),
            100.0 * areas.len() as f64 / data.codes.len() as f64
        ));
        if level == Level::Gemeente {
            report.unjoined("gemeenten without Leefbaarometer score", missing);
        }
    }

    let history = attach_history(&src.history, &mut wijk, cbs_wijken, &mut report);
    attach_gemeenten_2022(&src.gemeenten_2022, &mut gem, &mut report);
    let details = details(&src.cbs);

    Ok(Joined {
        levels: vec![gem, wijk, buurt],
        history,
        details,
        report,
    })
}

fn latest_year<'a>(trends: impl Iterator<Item = &'a Trend>) -> u16 {
    trends
        .filter_map(|t| t.keys().next_back().copied())
        .max()
        .unwrap_or(YEAR)
}

fn put_cbs(data: &mut LevelData, row: usize, a: &CbsArea, crime_year: u16, health_year: u16) {
    let f = &a.figures;
    let share = |count: Option<f64>| match (count, f.inwoners) {
        (Some(c), Some(n)) if n > 0.0 => Some((c / n * 100.0).min(100.0)),
        _ => None,
    };
    for (id, v) in [
        ("inwoners", f.inwoners),
        ("dichtheid", f.dichtheid),
        ("huishoudens", f.huishoudens),
        ("huishoudensgrootte", f.huishoudensgrootte),
        ("woz", f.woz),
        ("koopwoningen", f.koopwoningen),
        ("eengezinswoning", f.eengezinswoning),
        ("inkomen", f.inkomen),
        ("pct_65plus", share(f.inwoners_65plus)),
        ("pct_0_15", share(f.inwoners_0_15)),
        ("stedelijkheid", f.stedelijkheid),
        ("afstand_huisarts", f.afstand_huisarts),
        ("afstand_supermarkt", f.afstand_supermarkt),
        ("afstand_school", f.afstand_school),
    ] {
        data.set(id, YEAR, row, v);
    }
    if data.level != Level::Wijk {
        data.set("criminaliteit", crime_year, row, f.crime_per1000);
        data.set("gezondheid", health_year, row, f.gezondheid);
    }
}

fn put_lbm(data: &mut LevelData, row: usize, s: &LbmScores, year: u16) {
    data.set("lbm_klasse", year, row, Some(f64::from(s.klasse)));
    for (id, v) in [
        ("lbm_afw", s.afw),
        ("lbm_won", s.won),
        ("lbm_fys", s.fys),
        ("lbm_vrz", s.vrz),
        ("lbm_soc", s.soc),
        ("lbm_onv", s.onv),
    ] {
        data.set(id, year, row, Some(v));
    }
}

/// The unweighted mean `lbm` per year over *every* row of the history file (also wijken that
/// are not attached to a 2024 wijk), rounded to 6 decimals, and how many rows each is over.
pub fn national_means(rows: &[HistoryRow], years: &[u16]) -> (Vec<Option<f64>>, Vec<usize>) {
    years
        .iter()
        .map(|y| {
            let (sum, n) = rows
                .iter()
                .filter(|r| r.year == *y)
                .fold((0.0, 0usize), |(s, n), r| (s + r.lbm, n + 1));
            ((n > 0).then(|| round(sum / n as f64, 6)), n)
        })
        .unzip()
}

fn attach_history(
    rows: &[HistoryRow],
    wijk: &mut LevelData,
    cbs_wijken: usize,
    report: &mut JoinReport,
) -> WijkHistory {
    let years: Vec<u16> = rows
        .iter()
        .map(|r| r.year)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    // The reference the deviations are measured from (`lbm − afw`): fixed per release, not a
    // mean of the year.
    let reference_lbm: Vec<Option<f64>> = years
        .iter()
        .map(|y| {
            let mut v: Vec<f64> = rows
                .iter()
                .filter(|r| r.year == *y)
                .map(|r| r.lbm - r.afw)
                .collect();
            median(&mut v).map(|m| round(m, 4))
        })
        .collect();
    let (national_mean, national_count) = national_means(rows, &years);
    let mut by_code: BTreeMap<&str, Vec<&HistoryRow>> = BTreeMap::new();
    for r in rows {
        by_code.entry(&r.code).or_default().push(r);
    }
    let mut series = Vec::new();
    let mut excluded = Vec::new();
    let last_year = years.last().copied().unwrap_or(2022);
    for (code, rs) in &by_code {
        // The name of the newest row describes the area the values were computed on.
        let hist_name = rs
            .iter()
            .max_by_key(|r| r.year)
            .map(|r| r.name.clone())
            .unwrap_or_default();
        let row = AreaCode::parse(code).ok().and_then(|c| wijk.row(&c));
        let name_2024 = row.map(|r| wijk.names[r].clone());
        let reason = match (&row, &name_2024) {
            (None, _) => Some("code_not_in_2024"),
            (Some(_), Some(n)) if normalise(n) != normalise(&hist_name) => Some("name_differs"),
            _ => None,
        };
        if let Some(reason) = reason {
            excluded.push(HistoryExclusion {
                code: code.to_string(),
                history_name: hist_name,
                name_2024,
                reason: reason.into(),
            });
            continue;
        }
        let row = row.expect("matched");
        let at = |y: u16| rs.iter().find(|r| r.year == y);
        let col = |f: &dyn Fn(&HistoryRow) -> Option<f64>| -> Vec<Option<f64>> {
            years
                .iter()
                .map(|y| at(*y).and_then(|r| f(r)).map(|x| round(x, 4)))
                .collect()
        };
        let s = WijkSeries {
            code: code.to_string(),
            lbm: col(&|r| Some(r.lbm)),
            afw: col(&|r| Some(r.afw)),
            won: col(&|r| r.dims[0]),
            fys: col(&|r| r.dims[1]),
            vrz: col(&|r| r.dims[2]),
            soc: col(&|r| r.dims[3]),
            onv: col(&|r| r.dims[4]),
        };
        if let Some(r) = at(last_year) {
            wijk.set("lbm_score", last_year, row, Some(r.lbm));
            wijk.set("lbm_afw", last_year, row, Some(r.afw));
            for (id, v) in ["lbm_won", "lbm_fys", "lbm_vrz", "lbm_soc", "lbm_onv"]
                .iter()
                .zip(r.dims)
            {
                wijk.set(id, last_year, row, v);
            }
        }
        series.push(s);
    }
    let not_in = excluded
        .iter()
        .filter(|e| e.reason == "code_not_in_2024")
        .count();
    let differs = excluded.len() - not_in;
    report.line(format!(
        "wijk history [{HISTORY_FILE}]: {} of {} history codes attached; {} not in 2024, {} name differs; {} of {} wijken have a history ({:.1} %)",
        series.len(),
        by_code.len(),
        not_in,
        differs,
        series.len(),
        cbs_wijken,
        100.0 * series.len() as f64 / cbs_wijken.max(1) as f64,
    ));
    report.line(format!(
        "wijk history national mean (all rows of the file, attached or not): {}",
        years
            .iter()
            .zip(national_mean.iter().zip(&national_count))
            .map(|(y, (m, n))| match m {
                Some(m) => format!("{y} {m:.4} ({n})"),
                None => format!("{y} none"),
            })
            .collect::<Vec<_>>()
            .join(", ")
    ));
    report.unjoined(
        "history codes with a different 2024 name",
        excluded
            .iter()
            .filter(|e| e.reason == "name_differs")
            .map(|e| {
                format!(
                    "{} {:?} vs {:?}",
                    e.code,
                    e.history_name,
                    e.name_2024.clone().unwrap_or_default()
                )
            })
            .collect(),
    );
    WijkHistory {
        release: "Leefbaarometer 3.0, meting 2022".into(),
        years,
        reference_lbm,
        national_mean,
        national_count,
        wijken: series,
        excluded,
    }
}

fn attach_gemeenten_2022(rows: &[Gemeente2022], gem: &mut LevelData, report: &mut JoinReport) {
    let mut attached = 0;
    let mut left = Vec::new();
    for g in rows {
        match gem.row(&g.code) {
            Some(row) if normalise(&gem.names[row]) == normalise(&g.name) => {
                attached += 1;
                gem.set("huurcorporatie", 2022, row, g.pct_huurcorporatie);
            }
            Some(row) => left.push(format!(
                "{} {:?} (2024: {:?})",
                g.code, g.name, gem.names[row]
            )),
            None => left.push(format!("{} {:?} (not in 2024)", g.code, g.name)),
        }
    }
    report.line(format!(
        "gemeenten 2022 [{GEMEENTEN_2022_FILE}]: {attached} of {} attached to a 2024 gemeente with the same code and name; {} of {} 2024 gemeenten have figures",
        rows.len(),
        attached,
        gem.codes.len()
    ));
    report.unjoined("gemeenten 2022 not attached", left);
}

fn details(cbs: &[CbsGemeente]) -> Vec<GemeenteDetail> {
    let series = |t: &Option<Trend>, source: &str| {
        t.as_ref().map(|t| YearSeries {
            source: source.to_string(),
            points: t.iter().map(|(y, v)| (*y, *v)).collect(),
        })
    };
    let mut out: Vec<GemeenteDetail> = cbs
        .iter()
        .map(|g| {
            let mut areas = BTreeMap::new();
            for a in std::iter::once(&g.gemeente)
                .chain(&g.wijken)
                .chain(&g.buurten)
            {
                let d = AreaDetail {
                    crime: series(&a.crime_trend, SRC_CRIME),
                    health: series(&a.health_trend, SRC_HEALTH),
                };
                if d.crime.is_some() || d.health.is_some() {
                    areas.insert(a.code.to_string(), d);
                }
            }
            GemeenteDetail {
                gemeente: g.gemeente.code.to_string(),
                areas,
            }
        })
        .collect();
    out.sort_by(|a, b| a.gemeente.cmp(&b.gemeente));
    out
}
