//! The short texts around an embedded map: its title and its source line.
use crate::lang::Lang;
use buurtkaart_model::Level;

/// "Leefbaarheid (klasse) per buurt in Utrecht, 2024" — also the iframe's `title` attribute.
///
/// ```
/// use buurtkaart_core::embed::text::map_title;
/// use buurtkaart_core::lang::Lang;
/// use buurtkaart_model::Level;
/// assert_eq!(map_title(Lang::Nl, "WOZ-waarde", Level::Buurt, Some("Utrecht"), Some(2024)), "WOZ-waarde per buurt in Utrecht, 2024");
/// assert_eq!(map_title(Lang::En, "Property value", Level::Wijk, None, None), "Property value per district");
/// ```
pub fn map_title(
    lang: Lang,
    indicator: &str,
    level: Level,
    area: Option<&str>,
    year: Option<u16>,
) -> String {
    let mut t = format!(
        "{indicator} {} {}",
        lang.pick("per", "per"),
        lang.text(&level.name())
    );
    if let Some(a) = area {
        t.push_str(&format!(" {} {a}", lang.pick("in", "in")));
    }
    if let Some(y) = year {
        t.push_str(&format!(", {y}"));
    }
    t
}

/// "Leefbaarheid (klasse) in Aalsmeerwegbuurt-Oost, Amsterdam (2024)": the title of the embed
/// of one area (a buurt embed), which names it and its gemeente rather than the level drawn.
///
/// ```
/// use buurtkaart_core::embed::text::area_title;
/// use buurtkaart_core::lang::Lang;
/// assert_eq!(area_title(Lang::Nl, "Leefbaarheid (klasse)", "Aalsmeerwegbuurt-Oost", Some("Amsterdam"), Some(2024)),
///     "Leefbaarheid (klasse) in Aalsmeerwegbuurt-Oost, Amsterdam (2024)");
/// assert_eq!(area_title(Lang::En, "Property value", "Lombok-Oost", None, None), "Property value in Lombok-Oost");
/// ```
pub fn area_title(
    lang: Lang,
    indicator: &str,
    area: &str,
    gemeente: Option<&str>,
    year: Option<u16>,
) -> String {
    let mut t = format!("{indicator} {} {area}", lang.pick("in", "in"));
    // A buurt called after its gemeente ("Centrum" of a gemeente "Centrum") is named once.
    if let Some(g) = gemeente.filter(|g| *g != area) {
        t.push_str(&format!(", {g}"));
    }
    if let Some(y) = year {
        t.push_str(&format!(" ({y})"));
    }
    t
}

/// How CBS asks maps drawn on its Wijk- en Buurtkaart boundaries to credit them.
pub const BOUNDARIES_CREDIT: &str = "Kadaster / Centraal Bureau voor de Statistiek, 2024";

/// "Bron: Leefbaarometer 3.0 – Ministerie van BZK (2024); grenzen Kadaster / Centraal Bureau
/// voor de Statistiek, 2024".
///
/// ```
/// use buurtkaart_core::embed::text::source_line;
/// use buurtkaart_core::lang::Lang;
/// assert_eq!(source_line(Lang::En, "CBS", Some(2024)),
///     "Source: CBS (2024); boundaries Kadaster / Centraal Bureau voor de Statistiek, 2024");
/// assert_eq!(source_line(Lang::Nl, "CBS Kerncijfers 2024", Some(2024)),
///     "Bron: CBS Kerncijfers 2024; grenzen Kadaster / Centraal Bureau voor de Statistiek, 2024");
/// ```
pub fn source_line(lang: Lang, source: &str, year: Option<u16>) -> String {
    // The year once: not again when the source's name already has it.
    let year = year
        .filter(|y| !source.contains(&y.to_string()))
        .map(|y| format!(" ({y})"))
        .unwrap_or_default();
    format!(
        "{}: {source}{year}; {} {BOUNDARIES_CREDIT}",
        lang.pick("Bron", "Source"),
        lang.pick("grenzen", "boundaries")
    )
}

/// The note shown when the link asks for a year the data no longer has.
pub fn year_note(lang: Lang, asked: u16, shown: u16) -> String {
    match lang {
        Lang::Nl => format!("Let op: deze kaart is gemaakt met cijfers over {asked}; hij toont nu die over {shown}."),
        Lang::En => format!("Note: this map was made with figures for {asked}; it now shows those for {shown}."),
    }
}
