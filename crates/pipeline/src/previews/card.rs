//! The share image's picture as SVG, 1200 × 630 (the size link previews show large): the map on
//! the left, the title above it, legend and sources on the right. Map layers are drawn by the
//! export's path writer (`buurtkaart_core::export::svg`), text escaped by its `xml`.
use buurtkaart_core::carto::viewport::Bounds;
use buurtkaart_core::carto::Viewport;
use buurtkaart_core::export::escape::xml;
use buurtkaart_core::export::svg::SvgLayer;
use std::fmt::Write;

/// Width of a share image, px.
pub const WIDTH: u32 = 1200;
/// Height of a share image, px.
pub const HEIGHT: u32 = 630;
/// The font the images are written in (Debian's fonts-dejavu-core).
pub const FONT: &str = "DejaVu Sans";

/// The map's frame on the card: x, y, width, height.
pub const MAP: [f64; 4] = [24.0, 128.0, 776.0, 486.0];
/// Left edge of the legend column.
const COLUMN_X: f64 = 828.0;
/// Right edge of the text.
const RIGHT: f64 = 1176.0;

const TEXT: &str = "#1d1f23";
const MUTED: &str = "#50555c";

/// One legend row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// `#rrggbb`.
    pub colour: String,
    /// "goed".
    pub label: String,
    /// How many areas of the map are in this class.
    pub count: usize,
}

/// What goes on the card.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Card {
    /// Big, top left: the place.
    pub title: String,
    /// Under it: what the map shows.
    pub subtitle: String,
    /// Above the legend.
    pub legend_heading: String,
    /// Legend rows, top to bottom.
    pub legend: Vec<Row>,
    /// Source lines, bottom right.
    pub sources: Vec<String>,
    /// Map layers, bottom to top, in the coordinates of [`map_viewport`].
    pub layers: Vec<SvgLayer>,
}

/// The viewport that fits `bounds` (km) into the map frame, in the frame's own pixels.
pub fn map_viewport(bounds: Bounds) -> Viewport {
    Viewport::fit(MAP[2], MAP[3], bounds, 8.0)
}

/// A rough width of `text` at `size` px in DejaVu Sans (wide: 0.6 em on average; bold 0.66).
fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    text.chars().count() as f64 * size * if bold { 0.66 } else { 0.6 }
}

/// The largest size up to `max` at which `text` fits into `width`, but not below `min`.
fn fitting_size(text: &str, width: f64, max: f64, min: f64, bold: bool) -> f64 {
    let w = text_width(text, max, bold);
    if w <= width {
        max
    } else {
        (max * width / w).floor().max(min)
    }
}

/// How a line of text looks: size (px), bold, colour, `text-anchor`.
#[derive(Clone, Copy)]
struct Look(f64, bool, &'static str, &'static str);

fn text(out: &mut String, x: f64, y: f64, Look(size, bold, fill, anchor): Look, s: &str) {
    let weight = if bold { r#" font-weight="bold""# } else { "" };
    let _ = writeln!(
        out,
        r#"<text x="{x}" y="{y}" font-size="{size}"{weight} fill="{fill}" text-anchor="{anchor}">{}</text>"#,
        xml(s)
    );
}

/// The SVG document of `card`.
pub fn card_svg(card: &Card) -> String {
    let mut out =
        String::with_capacity(card.layers.iter().map(|l| l.d.len() + 96).sum::<usize>() + 4096);
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="{FONT}">"#
    );
    let _ = writeln!(
        out,
        r##"<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>"##
    );
    let [mx, my, mw, mh] = MAP;
    let _ = writeln!(
        out,
        r#"<clipPath id="map"><rect x="0" y="0" width="{mw}" height="{mh}"/></clipPath>"#
    );
    let _ = writeln!(
        out,
        r#"<g transform="translate({mx} {my})" clip-path="url(#map)" stroke-linejoin="round">"#
    );
    for layer in card.layers.iter().filter(|l| !l.d.is_empty()) {
        let fill = layer.fill.as_deref().map(xml).unwrap_or("none".into());
        let stroke = match &layer.stroke {
            Some((c, w)) => format!(r#" stroke="{}" stroke-width="{w}""#, xml(c)),
            None => String::new(),
        };
        let _ = writeln!(
            out,
            r#"<path fill="{fill}" fill-rule="evenodd"{stroke} d="{}"/>"#,
            layer.d
        );
    }
    out.push_str("</g>\n");

    // Title and subtitle over the whole width.
    let title_size = fitting_size(&card.title, RIGHT - 32.0, 46.0, 26.0, true);
    text(
        &mut out,
        32.0,
        70.0,
        Look(title_size, true, TEXT, "start"),
        &card.title,
    );
    let sub_size = fitting_size(&card.subtitle, RIGHT - 32.0, 24.0, 15.0, false);
    text(
        &mut out,
        32.0,
        106.0,
        Look(sub_size, false, MUTED, "start"),
        &card.subtitle,
    );

    // Legend: swatch, label, count.
    let column = RIGHT - COLUMN_X;
    let heading_size = fitting_size(&card.legend_heading, column, 19.0, 13.0, true);
    text(
        &mut out,
        COLUMN_X,
        162.0,
        Look(heading_size, true, TEXT, "start"),
        &card.legend_heading,
    );
    let row_h = if card.legend.len() > 10 { 26.0 } else { 31.0 };
    for (i, row) in card.legend.iter().enumerate() {
        let y = 180.0 + i as f64 * row_h;
        let _ = writeln!(
            out,
            r##"<rect x="{COLUMN_X}" y="{y}" width="26" height="20" rx="3" fill="{}" stroke="#00000040" stroke-width="1"/>"##,
            xml(&row.colour)
        );
        let size = fitting_size(&row.label, column - 100.0, 18.0, 12.0, false);
        text(
            &mut out,
            COLUMN_X + 36.0,
            y + 16.0,
            Look(size, false, TEXT, "start"),
            &row.label,
        );
        text(
            &mut out,
            RIGHT,
            y + 16.0,
            Look(16.0, false, MUTED, "end"),
            &row.count.to_string(),
        );
    }

    // Sources and the maker, bottom right.
    let mut y = HEIGHT as f64 - 24.0 - 24.0 * card.sources.len() as f64;
    for s in &card.sources {
        let size = fitting_size(s, column, 15.0, 11.0, false);
        text(&mut out, COLUMN_X, y, Look(size, false, MUTED, "start"), s);
        y += 24.0;
    }
    text(
        &mut out,
        COLUMN_X,
        y + 2.0,
        Look(18.0, true, TEXT, "start"),
        "Buurtkaart",
    );
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_escaped_and_long_titles_shrink() {
        let card = Card {
            title: "'s-Hertogenbosch & <Vught>".into(),
            subtitle: "Leefbaarheid per buurt".into(),
            legend_heading: "Klasse".into(),
            legend: vec![Row {
                colour: "#4575b4".into(),
                label: "uitstekend".into(),
                count: 3,
            }],
            sources: vec!["Bron: CBS, Leefbaarometer 3.0 – BZK".into()],
            layers: vec![SvgLayer {
                d: "M0 0L10 0L10 10Z".into(),
                fill: Some("#d73027".into()),
                stroke: None,
            }],
        };
        let svg = card_svg(&card);
        assert!(
            svg.contains("&#39;s-Hertogenbosch &amp; &lt;Vught&gt;"),
            "{svg}"
        );
        assert!(!svg.contains("<Vught>"));
        assert!(svg.contains(r#"width="1200" height="630""#));
        assert_eq!(fitting_size("kort", 500.0, 46.0, 26.0, true), 46.0);
        let long = "Hardinxveld-Giessendam en nog veel meer woorden erachter";
        let size = fitting_size(long, 500.0, 46.0, 10.0, true);
        assert!(text_width(long, size, true) <= 500.0, "{size}");
    }
}
