//! The oEmbed answer of an area (<https://oembed.com>, type `rich`): its `html` is the embed
//! code the app's "Insluiten / Delen" builder gives for the same area with its defaults, made by
//! the same function (`buurtkaart_core::embed::snippet::embed_code`), so a CMS that reads oEmbed
//! pastes exactly what a journalist would have copied.
use super::page::Image;
use buurtkaart_core::embed::snippet::{embed_code, DEFAULT_HEIGHT};
use buurtkaart_core::embed::text::{area_title, map_title};
use buurtkaart_core::embed::EmbedOptions;
use buurtkaart_core::lang::Lang;
use buurtkaart_model::{AreaCode, Level};
use serde_json::json;

/// The width the oEmbed answer names (the iframe itself is 100 % wide).
pub const WIDTH: u32 = 640;

/// The embed of `area` with the builder's defaults (buurten coloured by `indicator` in `year`).
pub fn embed_options(area: &AreaCode, indicator: &str, year: Option<u16>) -> EmbedOptions {
    let mut o = EmbedOptions::new(area.clone());
    o.indicator = indicator.to_string();
    o.year = year;
    o
}

/// The embed's title, as the builder writes it: a buurt embed names the buurt and its
/// gemeente; others name the area shown. `name_of` gives an area's name.
pub fn embed_title(
    o: &EmbedOptions,
    indicator_label: &str,
    name_of: impl Fn(&AreaCode) -> Option<String>,
) -> String {
    if o.area.level() == Level::Buurt {
        if let Some(buurt) = name_of(&o.area) {
            let gemeente = name_of(&o.area.gemeente());
            return area_title(
                Lang::Nl,
                indicator_label,
                &buurt,
                gemeente.as_deref(),
                o.year,
            );
        }
    }
    let shown = name_of(&o.shown_area());
    map_title(Lang::Nl, indicator_label, o.level, shown.as_deref(), o.year)
}

/// The oEmbed JSON (pretty enough to read, small enough to serve).
///
/// `base` is the public base URL with a trailing slash.
pub fn oembed_json(base: &str, o: &EmbedOptions, title: &str, thumbnail: &Image) -> String {
    let html = embed_code(base, o, title, DEFAULT_HEIGHT);
    let doc = json!({
        "type": "rich",
        "version": "1.0",
        "title": title,
        "provider_name": "Buurtkaart",
        "provider_url": base,
        "width": WIDTH,
        "height": DEFAULT_HEIGHT,
        "html": html,
        "thumbnail_url": thumbnail.url,
        "thumbnail_width": thumbnail.width,
        "thumbnail_height": thumbnail.height,
    });
    doc.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_html_is_the_builders_iframe() {
        let area = AreaCode::parse("BU07960101").unwrap();
        let o = embed_options(&area, "lbm_klasse", Some(2024));
        let names = |c: &AreaCode| match c.as_str() {
            "BU07960101" => Some("Binnenstad & 'Oost'".to_string()),
            "GM0796" => Some("'s-Hertogenbosch".to_string()),
            _ => None,
        };
        let title = embed_title(&o, "Leefbaarheid (klasse)", names);
        assert_eq!(
            title,
            "Leefbaarheid (klasse) in Binnenstad & 'Oost', 's-Hertogenbosch (2024)"
        );
        let img = Image {
            url: "https://example.org/previews/GM0796.png".into(),
            width: 1200,
            height: 630,
            alt: String::new(),
        };
        let text = oembed_json("https://example.org/", &o, &title, &img);
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["type"], "rich");
        assert_eq!(v["version"], "1.0");
        assert_eq!(v["provider_name"], "Buurtkaart");
        assert_eq!(v["title"], title.as_str());
        let html = v["html"].as_str().unwrap();
        assert_eq!(
            html,
            embed_code("https://example.org/", &o, &title, DEFAULT_HEIGHT)
        );
        assert!(html.starts_with(
            "<iframe src=\"https://example.org/embed/buurt/BU07960101?indicator=lbm_klasse&amp;niveau=buurt&amp;jaar=2024\""
        ), "{html}");
        assert!(html.contains("title=\"Leefbaarheid (klasse) in Binnenstad &amp; &#39;Oost&#39;, &#39;s-Hertogenbosch (2024)\""), "{html}");
        assert!(
            html.contains("<noscript><a href=\"https://example.org/buurt/BU07960101"),
            "{html}"
        );
        assert!(
            html.contains("<img src=\"https://example.org/previews/GM0796.png\""),
            "{html}"
        );
        assert_eq!(v["thumbnail_width"], 1200);
    }
}
