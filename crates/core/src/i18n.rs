//! UI texts in Dutch and English. Data texts (indicator labels, class names) come from the
//! manifest.
use crate::lang::Lang;

/// Accessible name of the map.
pub fn map_label(lang: Lang) -> &'static str {
    lang.pick(
        "Kaart van de leefbaarheid. Pijltjestoetsen verschuiven, plus en min zoomen, Enter kiest het gebied in het midden.",
        "Liveability map. Arrow keys pan, plus and minus zoom, Enter chooses the area in the centre.",
    )
}

/// Source line shown on the map, with the credit CBS asks for its boundaries.
pub fn source_line(lang: Lang) -> &'static str {
    lang.pick(
        "Bron: CBS, Leefbaarometer 3.0 – BZK; grenzen: Kadaster / Centraal Bureau voor de Statistiek, 2024",
        "Source: CBS, Leefbaarometer 3.0 – BZK; boundaries: Kadaster / Centraal Bureau voor de Statistiek, 2024",
    )
}

/// The tagline in the header.
pub fn tagline(lang: Lang) -> &'static str {
    lang.pick("Leefbaarheid per buurt", "Liveability per neighbourhood")
}

/// Label of the indicator picker.
pub fn indicator_label(lang: Lang) -> &'static str {
    lang.pick("Kaart toont", "Map shows")
}

/// Label of the level switch.
pub fn level_label(lang: Lang) -> &'static str {
    lang.pick("Niveau", "Level")
}

/// "Automatic" level.
pub fn level_auto(lang: Lang) -> &'static str {
    lang.pick("Automatisch (zoom)", "Automatic (zoom)")
}

/// Zoom in.
pub fn zoom_in(lang: Lang) -> &'static str {
    lang.pick("Inzoomen", "Zoom in")
}

/// Zoom out.
pub fn zoom_out(lang: Lang) -> &'static str {
    lang.pick("Uitzoomen", "Zoom out")
}

/// Whole country.
pub fn whole_country(lang: Lang) -> &'static str {
    lang.pick("Heel Nederland", "Whole country")
}

/// Loading message.
pub fn loading(lang: Lang) -> &'static str {
    lang.pick("Kaartgegevens laden…", "Loading map data…")
}

/// Retry button.
pub fn retry(lang: Lang) -> &'static str {
    lang.pick("Opnieuw proberen", "Try again")
}

/// Legend heading.
pub fn legend(lang: Lang) -> &'static str {
    lang.pick("Legenda", "Legend")
}

/// Legend hint.
pub fn legend_hint(lang: Lang) -> &'static str {
    lang.pick(
        "Klik op een klasse om die gebieden te laten oplichten.",
        "Click a class to highlight its areas.",
    )
}

/// Explains the grey beneath the buurten.
pub fn no_holes_note(lang: Lang) -> &'static str {
    lang.pick(
        "Grijs: buurten zonder Leefbaarometer-score (te weinig inwoners) of zonder grens in de data.",
        "Grey: neighbourhoods without a Leefbaarometer score (too few inhabitants) or without a boundary in the data.",
    )
}

/// Prompt in the empty panel.
pub fn choose_area(lang: Lang) -> &'static str {
    lang.pick(
        "Klik op een buurt, wijk of gemeente op de kaart om te zien hoe het daar gaat.",
        "Click a neighbourhood, district or municipality on the map to see how it is doing.",
    )
}

/// Close.
pub fn close(lang: Lang) -> &'static str {
    lang.pick("Sluiten", "Close")
}

/// About link.
pub fn about(lang: Lang) -> &'static str {
    lang.pick("Over", "About")
}
