//! A print-ready SVG of a map view: title, the map itself (one path per class), legend, source
//! and date. The PNG export rasterises this same SVG at twice the size, so both look alike.
//!
//! Paths are written in screen pixels of the view (one decimal), dropping vertices closer than
//! half a pixel to the previous one: a national view stays a few megabytes, a gemeente far less.
use super::escape::xml;
use crate::carto::Viewport;
use geo::MultiPolygon;
use std::fmt::Write;

/// One row of the legend.
#[derive(Debug, Clone, PartialEq)]
pub struct SvgLegendItem {
    /// Fill colour (`#rrggbb`).
    pub colour: String,
    /// Text.
    pub label: String,
}

/// One drawn layer: a path with a fill and/or an outline.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SvgLayer {
    /// Path data (see [`path_data`]).
    pub d: String,
    /// Fill colour, or none.
    pub fill: Option<String>,
    /// Outline colour and width in px, or none.
    pub stroke: Option<(String, f64)>,
}

/// What goes into the picture.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SvgMap {
    /// Width of the map (and the picture), CSS px.
    pub width: f64,
    /// Height of the map, CSS px.
    pub height: f64,
    /// Title above the map.
    pub title: String,
    /// A line under the title.
    pub subtitle: Option<String>,
    /// Heading of the legend.
    pub legend_title: Option<String>,
    /// Legend rows.
    pub legend: Vec<SvgLegendItem>,
    /// Source line.
    pub source: String,
    /// Maker and date ("Buurtkaart · 28 november 2025").
    pub credit: String,
    /// Map layers from bottom to top, in map pixels.
    pub layers: Vec<SvgLayer>,
    /// Place names over the map, as the map wrote them.
    pub names: Vec<SvgName>,
}

/// A place name on the map (centred on `x`, `y`, map pixels), with a white halo.
#[derive(Debug, Clone, PartialEq)]
pub struct SvgName {
    /// The name.
    pub text: String,
    /// Centre, x.
    pub x: f64,
    /// Centre, y.
    pub y: f64,
    /// Font size, px.
    pub size: f64,
    /// Semi-bold.
    pub bold: bool,
}

/// A finished SVG and its size.
#[derive(Debug, Clone, PartialEq)]
pub struct SvgDoc {
    /// The document text.
    pub text: String,
    /// Width, CSS px.
    pub width: u32,
    /// Height, CSS px.
    pub height: u32,
}

const PAD: f64 = 16.0;
const TEXT: &str = "#1d1f23";
const MUTED: &str = "#50555c";
const FONT: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif";

/// Pushes `v` rounded to one decimal, without a trailing `.0` and without `-0`.
fn push_num(out: &mut String, v: f64) {
    let r = (v * 10.0).round() / 10.0;
    let r = if r == 0.0 { 0.0 } else { r };
    if r.fract() == 0.0 {
        let _ = write!(out, "{}", r as i64);
    } else {
        let _ = write!(out, "{r:.1}");
    }
}

/// Appends the path data of `geom` (world km) as seen in viewport `v` (screen px) to `out`.
///
/// ```
/// use buurtkaart_core::carto::Viewport;
/// use buurtkaart_core::export::svg::path_data;
/// use geo::{polygon, MultiPolygon};
/// let square = MultiPolygon(vec![polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0), (x: 0.0, y: 1.0), (x: 0.0, y: 0.0)]]);
/// let v = Viewport { width: 100.0, height: 100.0, scale: 10.0, cx: 0.5, cy: 0.5 };
/// let mut d = String::new();
/// path_data(&square, &v, &mut d);
/// assert_eq!(d, "M45 45L55 45L55 55L45 55Z");
/// ```
pub fn path_data(geom: &MultiPolygon<f64>, v: &Viewport, out: &mut String) {
    for poly in &geom.0 {
        for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
            let mut pts: Vec<(f64, f64)> = Vec::with_capacity(ring.0.len());
            for c in &ring.0 {
                let p = v.to_screen(c.x, c.y);
                match pts.last() {
                    Some(l) if (p.0 - l.0).abs() < 0.5 && (p.1 - l.1).abs() < 0.5 => {}
                    _ => pts.push(p),
                }
            }
            // The closing point repeats the first; Z closes the ring.
            if pts.len() > 1 {
                let (f, l) = (pts[0], pts[pts.len() - 1]);
                if (f.0 - l.0).abs() < 0.5 && (f.1 - l.1).abs() < 0.5 {
                    pts.pop();
                }
            }
            if pts.len() < 3 {
                continue;
            }
            for (i, p) in pts.iter().enumerate() {
                out.push(if i == 0 { 'M' } else { 'L' });
                push_num(out, p.0);
                out.push(' ');
                push_num(out, p.1);
            }
            out.push('Z');
        }
    }
}

/// Splits `text` into lines of at most `max_px` wide, estimating `char_px` per character.
fn wrap(text: &str, max_px: f64, char_px: f64) -> Vec<String> {
    let max_chars = ((max_px / char_px).floor() as usize).max(8);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > max_chars {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Size, weight and colour of a line of text.
#[derive(Clone, Copy)]
struct Style(f64, u16, &'static str);

const TITLE: Style = Style(20.0, 700, TEXT);
const SUBTITLE: Style = Style(14.0, 400, MUTED);
const HEADING: Style = Style(13.0, 700, TEXT);
const LABEL: Style = Style(12.0, 400, TEXT);
const SMALL: Style = Style(11.0, 400, MUTED);

fn text_line(out: &mut String, x: f64, y: f64, Style(size, weight, colour): Style, text: &str) {
    let _ = writeln!(
        out,
        r#"<text x="{x}" y="{y}" font-size="{size}" font-weight="{weight}" fill="{colour}">{}</text>"#,
        xml(text)
    );
}

/// Builds the SVG document.
pub fn map_svg(m: &SvgMap) -> SvgDoc {
    let w = m.width.max(240.0).round();
    let mh = m.height.max(120.0).round();
    let inner = w - 2.0 * PAD;
    let mut body = String::new();
    let mut y = PAD;

    for line in wrap(&m.title, inner, 11.0) {
        y += 22.0;
        text_line(&mut body, PAD, y, TITLE, &line);
    }
    if let Some(sub) = &m.subtitle {
        for line in wrap(sub, inner, 7.6) {
            y += 19.0;
            text_line(&mut body, PAD, y, SUBTITLE, &line);
        }
    }
    y += 12.0;

    let map_y = y;
    let _ = writeln!(
        body,
        r#"<clipPath id="bk-map-clip"><rect x="0" y="0" width="{w}" height="{mh}"/></clipPath>"#
    );
    let _ = writeln!(
        body,
        r#"<g transform="translate(0 {map_y})" clip-path="url(#bk-map-clip)" stroke-linejoin="round">"#
    );
    for layer in &m.layers {
        if layer.d.is_empty() {
            continue;
        }
        let fill = layer.fill.as_deref().map(xml).unwrap_or("none".into());
        let stroke = match &layer.stroke {
            Some((c, width)) => format!(r#" stroke="{}" stroke-width="{width}""#, xml(c)),
            None => String::new(),
        };
        let _ = writeln!(
            body,
            r#"<path fill="{fill}" fill-rule="evenodd"{stroke} d="{}"/>"#,
            layer.d
        );
    }
    for n in &m.names {
        let mut x = String::new();
        push_num(&mut x, n.x);
        let mut yy = String::new();
        push_num(&mut yy, n.y);
        let weight = if n.bold { r#" font-weight="600""# } else { "" };
        let _ = writeln!(
            body,
            r##"<text x="{x}" y="{yy}" font-family="{FONT}" font-size="{}"{weight} text-anchor="middle" dominant-baseline="central" fill="{TEXT}" stroke="#ffffff" stroke-opacity="0.85" stroke-width="3" stroke-linejoin="round" paint-order="stroke">{}</text>"##,
            n.size,
            xml(&n.text)
        );
    }
    body.push_str("</g>\n");
    y = map_y + mh + 12.0;

    if let Some(t) = &m.legend_title {
        for line in wrap(t, inner, 7.2) {
            y += 16.0;
            text_line(&mut body, PAD, y, HEADING, &line);
        }
    }
    if !m.legend.is_empty() {
        y += 6.0;
        let mut x = PAD;
        for item in &m.legend {
            let item_w = 14.0 + 6.0 + item.label.chars().count() as f64 * 6.8 + 14.0;
            if x > PAD && x + item_w > w - PAD {
                x = PAD;
                y += 18.0;
            }
            let _ = writeln!(
                body,
                r##"<rect x="{x}" y="{}" width="14" height="10" rx="2" fill="{}" stroke="#00000040" stroke-width="0.8"/>"##,
                y,
                xml(&item.colour)
            );
            text_line(&mut body, x + 20.0, y + 9.5, LABEL, &item.label);
            x += item_w;
        }
        y += 18.0;
    }
    y += 6.0;
    for line in wrap(&m.source, inner, 6.2) {
        y += 15.0;
        text_line(&mut body, PAD, y, SMALL, &line);
    }
    y += 15.0;
    text_line(&mut body, PAD, y, SMALL, &m.credit);
    let h = (y + PAD).ceil();

    let mut out = String::with_capacity(body.len() + 512);
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONT}">"#
    );
    let _ = writeln!(out, "<title>{}</title>", xml(&m.title));
    let _ = writeln!(out, r##"<rect width="{w}" height="{h}" fill="#ffffff"/>"##);
    out.push_str(&body);
    out.push_str("</svg>\n");
    SvgDoc {
        text: out,
        width: w as u32,
        height: h as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    fn sample() -> SvgMap {
        SvgMap {
            width: 400.0,
            height: 300.0,
            title: "Leefbaarometer per buurt in 's-Hertogenbosch & Vught, 2024".into(),
            subtitle: Some("<b>niet vet</b>".into()),
            legend_title: Some("Klasse".into()),
            legend: vec![
                SvgLegendItem {
                    colour: "#d73027".into(),
                    label: "zeer onvoldoende".into(),
                },
                SvgLegendItem {
                    colour: "#4575b4".into(),
                    label: "uitstekend".into(),
                },
            ],
            source: "Bron: CBS, Leefbaarometer 3.0 – BZK".into(),
            credit: "Buurtkaart · 28 november 2025".into(),
            layers: vec![SvgLayer {
                d: "M0 0L10 0L10 10Z".into(),
                fill: Some("#d73027".into()),
                stroke: None,
            }],
            names: vec![SvgName {
                text: "Den Bosch <centrum>".into(),
                x: 5.0,
                y: 5.0,
                size: 12.0,
                bold: true,
            }],
        }
    }

    #[test]
    fn place_names_are_escaped_text_with_a_halo() {
        let doc = map_svg(&sample());
        assert!(doc
            .text
            .contains(r#"font-size="12" font-weight="600" text-anchor="middle""#));
        assert!(doc
            .text
            .contains(r#"paint-order="stroke">Den Bosch &lt;centrum&gt;</text>"#));
    }

    #[test]
    fn names_are_escaped_and_tags_balance() {
        let doc = map_svg(&sample());
        assert!(
            doc.text.contains("&#39;s-Hertogenbosch &amp; Vught"),
            "{}",
            doc.text
        );
        assert!(doc.text.contains("&lt;b&gt;niet vet&lt;/b&gt;"));
        assert!(!doc.text.contains("<b>"));
        assert_eq!(doc.width, 400);
        assert!(
            doc.height > 300 + 60,
            "room for title, legend and source: {}",
            doc.height
        );
        assert!(doc.text.contains(&format!(r#"height="{}""#, doc.height)));
        for tag in ["svg", "g", "text", "clipPath", "title"] {
            let open = doc.text.matches(&format!("<{tag}")).count();
            let close = doc.text.matches(&format!("</{tag}>")).count();
            assert_eq!(open, close, "<{tag}> opened {open}, closed {close}");
        }
    }

    #[test]
    fn tiny_rings_vanish_and_holes_stay() {
        let v = Viewport {
            width: 100.0,
            height: 100.0,
            scale: 10.0,
            cx: 0.0,
            cy: 0.0,
        };
        let speck = MultiPolygon(vec![
            polygon![(x: 0.0, y: 0.0), (x: 0.01, y: 0.0), (x: 0.01, y: 0.01), (x: 0.0, y: 0.0)],
        ]);
        let mut d = String::new();
        path_data(&speck, &v, &mut d);
        assert_eq!(d, "");
        let with_hole = MultiPolygon(vec![polygon!(
            exterior: [(x: -2.0, y: -2.0), (x: 2.0, y: -2.0), (x: 2.0, y: 2.0), (x: -2.0, y: 2.0), (x: -2.0, y: -2.0)],
            interiors: [[(x: -1.0, y: -1.0), (x: 1.0, y: -1.0), (x: 1.0, y: 1.0), (x: -1.0, y: -1.0)]],
        )]);
        path_data(&with_hole, &v, &mut d);
        assert_eq!(d.matches('M').count(), 2, "{d}");
        assert_eq!(d.matches('Z').count(), 2);
    }

    #[test]
    fn long_titles_wrap() {
        let lines = wrap(
            "een twee drie vier vijf zes zeven acht negen tien",
            100.0,
            10.0,
        );
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.chars().count() <= 10), "{lines:?}");
    }
}
