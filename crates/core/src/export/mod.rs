//! Exports of a map view, the pure parts: CSV ("download de data"), GeoJSON ("Geodata"), a print-ready SVG (also the
//! source of the PNG), escaping, file names and the date line. No leptos, no web-sys.

pub mod csv;
pub mod escape;
pub mod geojson;
pub mod svg;

use crate::lang::Lang;

/// A file name from parts: lower-case ASCII letters, digits and `-`, joined by `-`.
///
/// ```
/// use buurtkaart_core::export::file_name;
/// assert_eq!(file_name(&["buurtkaart", "lbm_klasse", "GM0344"], "csv"), "buurtkaart-lbm-klasse-gm0344.csv");
/// assert_eq!(file_name(&["'s-Hertogenbosch / ü"], "png"), "s-hertogenbosch-u.png");
/// ```
pub fn file_name(parts: &[&str], ext: &str) -> String {
    let mut out = String::new();
    for part in parts {
        let clean: String = crate::search::fold::to_ascii(part)
            .to_ascii_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        for piece in clean.split('-').filter(|p| !p.is_empty()) {
            if !out.is_empty() {
                out.push('-');
            }
            out.push_str(piece);
        }
    }
    if out.is_empty() {
        out.push_str("buurtkaart");
    }
    format!("{out}.{ext}")
}

/// A date as people write it: "28 november 2025" / "28 November 2025". `month` is 1–12.
///
/// ```
/// use buurtkaart_core::export::long_date;
/// use buurtkaart_core::lang::Lang;
/// assert_eq!(long_date(2025, 11, 28, Lang::Nl), "28 november 2025");
/// assert_eq!(long_date(2025, 3, 1, Lang::En), "1 March 2025");
/// ```
pub fn long_date(year: i32, month: u32, day: u32, lang: Lang) -> String {
    const NL: [&str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let i = (month.clamp(1, 12) - 1) as usize;
    let name = match lang {
        Lang::Nl => NL[i],
        Lang::En => EN[i],
    };
    format!("{day} {name} {year}")
}
