//! Adapter for `ssp-leefbaarometer-wijken/`: Leefbaarometer 3.0 per wijk 2002–2022 (CSV).

use super::props::{check_range, parse_code, Range};
use super::SourceDir;
use crate::error::{PipelineError, Result};
use buurtkaart_model::Level;
use std::collections::BTreeSet;

/// The history file.
pub const FILE: &str = "ssp-leefbaarometer-wijken/Leefbaarometer-scores wijken 2002-2022.csv";

/// Columns the file must have, in any order.
const COLUMNS: [&str; 10] = [
    "wk_code", "wk_naam", "jaar", "lbm", "afw", "fys", "onv", "soc", "vrz", "won",
];

/// One row: a wijk in one year.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryRow {
    /// Wijk code of the 2022 division.
    pub code: String,
    /// Wijk name in the file.
    pub name: String,
    /// Year.
    pub year: u16,
    /// Absolute score.
    pub lbm: f64,
    /// Deviation from the national mean.
    pub afw: f64,
    /// Dimension deviations (`NA` → `None`): won, fys, vrz, soc, onv.
    pub dims: [Option<f64>; 5],
}

/// Reads the history CSV. The literal `NA` means missing.
pub fn read(src: &mut SourceDir) -> Result<Vec<HistoryRow>> {
    let bytes = src.read(FILE)?;
    parse(FILE, &bytes)
}

/// Parses history CSV bytes.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Vec<HistoryRow>> {
    let syntax = |line: u64, m: String| PipelineError::Syntax {
        file: file.to_string(),
        what: "CSV",
        message: format!("line {line}: {m}"),
    };
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes);
    let headers = rdr.headers().map_err(|e| syntax(1, e.to_string()))?.clone();
    let col = |name: &str| -> Result<usize> {
        headers
            .iter()
            .position(|h| h.trim() == name)
            .ok_or_else(|| PipelineError::Shape {
                file: file.to_string(),
                message: format!("header has no column `{name}`"),
            })
    };
    let idx: Vec<usize> = COLUMNS.iter().map(|c| col(c)).collect::<Result<_>>()?;
    let years = years_in_name(file);
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            syntax(line, e.to_string())
        })?;
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        let get = |i: usize| rec.get(idx[i]).unwrap_or("").trim();
        let code = parse_code(file, get(0), "wk_code", Level::Wijk)?.to_string();
        let num = |i: usize, range: Range| -> Result<Option<f64>> {
            let s = get(i);
            if s == "NA" || s.is_empty() {
                return Ok(None);
            }
            let x: f64 = s.parse().map_err(|_| {
                PipelineError::bad_value(
                    file,
                    &code,
                    COLUMNS[i],
                    s,
                    format!("line {line}: not a number"),
                )
            })?;
            check_range(file, &code, COLUMNS[i], x, range).map(Some)
        };
        let req = |i: usize, range: Range| -> Result<f64> {
            num(i, range)?.ok_or_else(|| PipelineError::missing(file, &code, COLUMNS[i]))
        };
        let year = req(2, Range::new(1990.0, 2100.0))?;
        if year.fract() != 0.0 {
            return Err(PipelineError::bad_value(
                file,
                &code,
                "jaar",
                year,
                "not a whole year",
            ));
        }
        let year = year as u16;
        if let Some((first, last)) = years {
            if !(first..=last).contains(&year) {
                return Err(PipelineError::bad_value(
                    file,
                    &code,
                    "jaar",
                    year,
                    format!(
                        "line {line}: outside {first}-{last}, the years in the file name \
                         (data of another year must not be mixed in)"
                    ),
                ));
            }
        }
        if !seen.insert((code.clone(), year)) {
            return Err(PipelineError::Duplicate {
                file: file.into(),
                code: format!("{code} {year}"),
                field: "wk_code+jaar".into(),
                first: file.into(),
            });
        }
        // Column order in COLUMNS: fys, onv, soc, vrz, won → store as won, fys, vrz, soc, onv.
        let (fys, onv, soc, vrz, won) = (
            num(5, Range::DEVIATION)?,
            num(6, Range::DEVIATION)?,
            num(7, Range::DEVIATION)?,
            num(8, Range::DEVIATION)?,
            num(9, Range::DEVIATION)?,
        );
        out.push(HistoryRow {
            name: get(1).to_string(),
            year,
            lbm: req(3, Range::new(0.0, 10.0))?,
            afw: req(4, Range::DEVIATION)?,
            dims: [won, fys, vrz, soc, onv],
            code,
        });
    }
    Ok(out)
}

/// The year range a file name ends in ("… 2002-2022.csv" → 2002 to 2022), if any.
fn years_in_name(file: &str) -> Option<(u16, u16)> {
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    let tail = stem.get(stem.len().checked_sub(9)?..)?;
    let (a, b) = tail.split_once('-')?;
    Some((a.parse().ok()?, b.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::years_in_name;

    #[test]
    fn years_come_from_the_end_of_the_file_name() {
        assert_eq!(years_in_name(super::FILE), Some((2002, 2022)));
        assert_eq!(years_in_name("history.csv"), None);
        assert_eq!(years_in_name("x-é.csv"), None);
    }
}
