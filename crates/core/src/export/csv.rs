//! "Download de data": the areas of a map view as CSV that Dutch Excel opens correctly.
//!
//! Choices (documented in the README):
//! * UTF-8 with a byte-order mark, so Excel reads names such as "Súdwest-Fryslân" correctly;
//! * `;` between fields and a decimal comma (`-0,112`), what Excel with Dutch regional settings
//!   expects; no thousands separators; CRLF line ends;
//! * Dutch column names whatever the UI language, so scripts can rely on them;
//! * a missing value is an empty cell (never 0), with "geen gegevens" as its class;
//! * text cells that start with `=`, `+`, `-`, `@`, tab or carriage return get a leading `'` so a
//!   spreadsheet never runs them as a formula. Numbers are written by us from numbers and are
//!   left alone.
use crate::views::trend::TrendLine;
use buurtkaart_model::Level;

/// The columns, in order.
pub const HEADER: [&str; 13] = [
    "Code",
    "Naam",
    "Niveau",
    "Ligt in (code)",
    "Ligt in",
    "Gemeente (code)",
    "Gemeente",
    "Indicator",
    "Waarde",
    "Eenheid",
    "Klasse",
    "Bron",
    "Jaar",
];

/// The byte-order mark that tells Excel the file is UTF-8.
pub const BOM: char = '\u{feff}';

/// One area of the view.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaRow {
    /// CBS code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Its level.
    pub level: Level,
    /// Code of the area it lies in (wijk of a buurt, gemeente of a wijk).
    pub parent_code: Option<String>,
    /// Name of that area, if known.
    pub parent_name: Option<String>,
    /// Name of its gemeente (itself for a gemeente), if known; the code comes from `code`.
    pub gemeente_name: Option<String>,
    /// The indicator's value; `None` when missing.
    pub value: Option<f64>,
    /// The class label ("goed", "250 – 300"); `None` when the value is missing.
    pub class: Option<String>,
}

/// What every row shares.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvMeta {
    /// Indicator label (Dutch).
    pub indicator: String,
    /// Unit (Dutch).
    pub unit: String,
    /// Source line.
    pub source: String,
    /// Year of the figures.
    pub year: Option<u16>,
}

/// A text cell: neutralised against formula injection and quoted when needed.
///
/// ```
/// use buurtkaart_core::export::csv::text_cell;
/// assert_eq!(text_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
/// assert_eq!(text_cell("-1+1"), "'-1+1");
/// assert_eq!(text_cell("Noord; Oost"), "\"Noord; Oost\"");
/// assert_eq!(text_cell("'s-Gravenhage"), "'s-Gravenhage");
/// ```
pub fn text_cell(s: &str) -> String {
    let mut t = String::with_capacity(s.len() + 2);
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        t.push('\'');
    }
    t.push_str(s);
    if t.contains([';', '"', '\n', '\r']) || t.starts_with(' ') || t.ends_with(' ') {
        format!("\"{}\"", t.replace('"', "\"\""))
    } else {
        t
    }
}

/// A number with a decimal comma and no grouping (`-0,112`, `312`); empty when missing.
///
/// ```
/// use buurtkaart_core::export::csv::number_cell;
/// assert_eq!(number_cell(Some(-0.112)), "-0,112");
/// assert_eq!(number_cell(Some(312000.0)), "312000");
/// assert_eq!(number_cell(None), "");
/// assert_eq!(number_cell(Some(f64::NAN)), "");
/// ```
pub fn number_cell(v: Option<f64>) -> String {
    match v {
        Some(v) if v.is_finite() => {
            let v = if v == 0.0 { 0.0 } else { v };
            format!("{v}").replace('.', ",")
        }
        _ => String::new(),
    }
}

/// The gemeente code of an area code (`BU03440101` → `GM0344`); empty for a code that does not
/// parse.
fn gemeente_of(code: &str) -> String {
    buurtkaart_model::AreaCode::parse(code)
        .map(|c| c.gemeente().to_string())
        .unwrap_or_default()
}

/// The CSV file: BOM, header, one line per row, CRLF line ends.
pub fn areas_csv(rows: &[AreaRow], meta: &CsvMeta) -> String {
    let mut out = String::with_capacity(64 + rows.len() * 96);
    out.push(BOM);
    out.push_str(&HEADER.map(text_cell).join(";"));
    out.push_str("\r\n");
    let year = meta.year.map(|y| y.to_string()).unwrap_or_default();
    for r in rows {
        let cells = [
            text_cell(&r.code),
            text_cell(&r.name),
            text_cell(r.level.id()),
            text_cell(r.parent_code.as_deref().unwrap_or("")),
            text_cell(r.parent_name.as_deref().unwrap_or("")),
            text_cell(&gemeente_of(&r.code)),
            text_cell(r.gemeente_name.as_deref().unwrap_or("")),
            text_cell(&meta.indicator),
            number_cell(r.value),
            text_cell(&meta.unit),
            text_cell(r.class.as_deref().unwrap_or("geen gegevens")),
            text_cell(&meta.source),
            year.clone(),
        ];
        out.push_str(&cells.join(";"));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> CsvMeta {
        CsvMeta {
            indicator: "Leefbaarometer; afwijking".into(),
            unit: "afwijking van NL-gemiddelde".into(),
            source: "Leefbaarometer 3.0 – BZK".into(),
            year: Some(2024),
        }
    }

    #[test]
    fn bom_header_rows_and_missing_values() {
        let rows = vec![
            AreaRow {
                code: "BU03440101".into(),
                name: "Binnenstad".into(),
                level: Level::Buurt,
                parent_code: Some("WK034401".into()),
                parent_name: Some("West".into()),
                gemeente_name: Some("Utrecht".into()),
                value: Some(-0.112),
                class: Some("−0,10 – −0,05".into()),
            },
            AreaRow {
                code: "BU03440102".into(),
                name: "@evil=1+1".into(),
                level: Level::Buurt,
                parent_code: None,
                parent_name: None,
                gemeente_name: None,
                value: None,
                class: None,
            },
        ];
        let csv = areas_csv(&rows, &meta());
        assert!(csv.starts_with('\u{feff}'));
        let lines: Vec<&str> = csv.trim_start_matches(BOM).split("\r\n").collect();
        assert_eq!(
            lines.len(),
            4,
            "header, two rows, empty after the last CRLF"
        );
        assert_eq!(
            lines[0],
            "Code;Naam;Niveau;Ligt in (code);Ligt in;Gemeente (code);Gemeente;Indicator;Waarde;Eenheid;Klasse;Bron;Jaar"
        );
        assert_eq!(
            lines[1],
            "BU03440101;Binnenstad;buurt;WK034401;West;GM0344;Utrecht;\"Leefbaarometer; afwijking\";-0,112;afwijking van NL-gemiddelde;−0,10 – −0,05;Leefbaarometer 3.0 – BZK;2024"
        );
        assert_eq!(
            lines[2],
            "BU03440102;'@evil=1+1;buurt;;;GM0344;;\"Leefbaarometer; afwijking\";;afwijking van NL-gemiddelde;geen gegevens;Leefbaarometer 3.0 – BZK;2024"
        );
        assert_eq!(lines[3], "");
    }

    #[test]
    fn every_dangerous_start_is_neutralised() {
        for s in ["=1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"] {
            let c = text_cell(s);
            let inner = c.trim_start_matches('"');
            assert!(inner.starts_with('\''), "{s:?} → {c:?}");
        }
        assert_eq!(text_cell("Utrecht"), "Utrecht");
        assert_eq!(text_cell(" spatie"), "\" spatie\"");
        assert_eq!(number_cell(Some(-0.0)), "0");
    }
}

/// The lines of the trend view as CSV (same conventions as [`areas_csv`]): a row per year, per
/// line its mean score (four decimals, as the table shows) and the number of wijken it is over.
/// `source` goes in a last column, so every row carries its origin.
///
pub fn trend_csv(years: &[u16], lines: &[TrendLine], source: &str) -> String {
    let mut out = String::with_capacity(64 + years.len() * lines.len() * 16);
    out.push(BOM);
    let mut head = vec!["Jaar".to_string()];
    for l in lines {
        let label = &l.label;
        head.push(text_cell(label));
        head.push(text_cell(&format!("{label} (aantal wijken)")));
    }
    head.push("Bron".into());
    out.push_str(&head.join(";"));
    out.push_str("\r\n");
    for (i, year) in years.iter().enumerate() {
        let mut row = vec![year.to_string()];
        for l in lines {
            let (values, counts) = (&l.values, &l.counts);
            let v = values.get(i).copied().flatten();
            row.push(number_cell(v.map(|v| (v * 1e4).round() / 1e4)));
            row.push(match v {
                Some(_) => counts.get(i).copied().unwrap_or(0).to_string(),
                None => String::new(),
            });
        }
        row.push(text_cell(source));
        out.push_str(&row.join(";"));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod trend_tests {
    use super::*;

    use crate::views::trend::LineKind;

    fn line(label: &str, values: Vec<Option<f64>>, counts: Vec<usize>) -> TrendLine {
        TrendLine {
            kind: LineKind::National,
            label: label.into(),
            short: label.into(),
            values,
            counts,
            members: vec![],
        }
    }

    #[test]
    fn a_year_without_a_mean_is_empty_not_zero() {
        let csv = trend_csv(
            &[2002, 2012, 2022],
            &[
                line(
                    "Landelijk",
                    vec![Some(4.1), Some(4.11), Some(4.15)],
                    vec![3, 3, 3],
                ),
                line("=zwak", vec![None, Some(3.9), Some(3.95)], vec![0, 2, 2]),
                line(
                    "afgerond",
                    vec![Some(4.09568), None, None],
                    vec![3289, 0, 0],
                ),
            ],
            "LBM",
        );
        let lines: Vec<&str> = csv.trim_start_matches(BOM).split("\r\n").collect();
        assert_eq!(
            lines[0],
            "Jaar;Landelijk;Landelijk (aantal wijken);'=zwak;'=zwak (aantal wijken);afgerond;afgerond (aantal wijken);Bron"
        );
        assert_eq!(lines[1], "2002;4,1;3;;;4,0957;3289;LBM");
        assert_eq!(lines[3], "2022;4,15;3;3,95;2;;;LBM");
    }
}
