//! The instant national map (issue 16 item 3): the first view of the app — every buurt coloured
//! by its Leefbaarometer class, the gemeenten beneath in the "no score" grey and outlined on
//! top — drawn here once, natively, as a small PNG per theme. `index.html` shows it in the map's
//! place while the app's code and data are still on their way, and the app keeps it there until
//! its own map is on screen.
//!
//! It is drawn from the files the app itself reads (the overview topologies, the area index and
//! the class column, as written by this build), with the classes and palette of
//! `buurtkaart_core::scale`, and framed exactly on the manifest's bounding box: the app's "home"
//! view fits that same box into the map, so the page can place the image with
//! `object-fit: contain` in the same box and it lines up with the live map.
use crate::error::{PipelineError, Result};
use crate::write::Output;
use buurtkaart_core::carto::{AreaShapes, Projection, Viewport};
use buurtkaart_core::export::svg::path_data;
use buurtkaart_core::scale::palette::{colours, no_data, Rgb};
use buurtkaart_core::scale::{Classes, Palette};
use buurtkaart_model::{AreaIndex, Indicator, Level, Topology, ValueTable};
use resvg::{tiny_skia, usvg};
use std::collections::HashMap;
use std::fmt::Write as _;

/// The indicator of the app's first view.
pub const INDICATOR: &str = "lbm_klasse";
/// Height of the images in pixels: sharp enough for a phone at device pixel ratio 2 and for a
/// desktop map at 1, small enough to arrive at once on a slow connection.
pub const HEIGHT: u32 = 900;
/// The two themes: logical file name, dark or not.
pub const FILES: [(&str, bool); 2] = [
    ("nederland.licht.png", false),
    ("nederland.donker.png", true),
];

/// The map's background (`--map-bg` in `style/main.css`), light and dark.
pub fn background(dark: bool) -> Rgb {
    if dark {
        Rgb(0x1b, 0x25, 0x30)
    } else {
        Rgb(0xe8, 0xee, 0xf3)
    }
}

/// The gemeente outlines of the live map (`rgba(30,30,30,0.5)`, light on dark).
fn outline(dark: bool) -> &'static str {
    if dark {
        "rgb(230,230,230)"
    } else {
        "rgb(30,30,30)"
    }
}

fn shape_err(file: &str, message: impl std::fmt::Display) -> PipelineError {
    PipelineError::Shape {
        file: file.to_string(),
        message: message.to_string(),
    }
}

fn file<'a>(out: &'a Output, name: &str) -> Result<&'a [u8]> {
    out.files
        .get(name)
        .map(Vec::as_slice)
        .ok_or_else(|| shape_err(name, "not written by this build"))
}

/// Decodes and projects an overview topology as the map does.
fn shapes(out: &Output, name: &str, row_of: impl Fn(&str) -> Option<usize>) -> Result<AreaShapes> {
    let topo = Topology::from_slice(name, file(out, name)?).map_err(|e| shape_err(name, e))?;
    AreaShapes::from_topology(&topo, row_of, &Projection::default()).map_err(|e| shape_err(name, e))
}

/// Everything both images share: the viewport and the SVG paths.
struct Drawing {
    width: u32,
    height: u32,
    /// The gemeenten (underlay and outlines).
    gemeenten: String,
    /// Per class, lowest first: its fill and its buurten.
    classes: Vec<(Rgb, String)>,
}

impl Drawing {
    fn svg(&self, dark: bool) -> String {
        let (w, h) = (self.width, self.height);
        let mut s = String::with_capacity(
            self.gemeenten.len() * 2 + self.classes.iter().map(|c| c.1.len()).sum::<usize>() + 1024,
        );
        // No anti-aliasing: the image then has a few exact colours and packs into a small
        // palette PNG; at this size the buurten are a few pixels each anyway.
        let _ = write!(
            s,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" shape-rendering="crispEdges">"#
        );
        let _ = write!(
            s,
            r#"<rect width="{w}" height="{h}" fill="{}"/>"#,
            background(dark).css()
        );
        let _ = write!(
            s,
            r#"<path fill="{}" d="{}"/>"#,
            no_data(dark).css(),
            self.gemeenten
        );
        for (colour, d) in &self.classes {
            if !d.is_empty() {
                let _ = write!(s, r#"<path fill="{}" d="{d}"/>"#, colour.css());
            }
        }
        let _ = write!(
            s,
            r#"<path fill="none" stroke="{}" stroke-opacity="0.5" stroke-width="1" stroke-linejoin="round" d="{}"/>"#,
            outline(dark),
            self.gemeenten
        );
        s.push_str("</svg>");
        s
    }
}

/// Draws the instant images of one build from its own files; `bbox` is the manifest's.
/// Returns (logical file name, PNG bytes) per theme.
pub fn images(
    out: &Output,
    indicators: &[Indicator],
    bbox: [f64; 4],
) -> Result<Vec<(String, Vec<u8>)>> {
    let drawing = drawing(out, indicators, bbox)?;
    FILES
        .iter()
        .map(|&(name, dark)| {
            Ok((
                name.to_string(),
                render(name, &drawing.svg(dark), &drawing)?,
            ))
        })
        .collect()
}

fn drawing(out: &Output, indicators: &[Indicator], bbox: [f64; 4]) -> Result<Drawing> {
    let manifest = "manifest.json";
    let indicator = indicators
        .iter()
        .find(|i| i.id == INDICATOR)
        .ok_or_else(|| shape_err(manifest, format!("no indicator {INDICATOR}")))?;
    let classes = Classes::new(indicator, Level::Buurt)
        .ok_or_else(|| shape_err(manifest, format!("{INDICATOR} has no classes for buurten")))?;
    let n = classes.count();
    let fills = colours(
        indicator.scale,
        n,
        indicator.higher_is_better,
        Palette::Standard,
    );

    let index_file = "buurt.areas.json";
    let index = AreaIndex::from_slice(index_file, file(out, index_file)?)
        .map_err(|e| shape_err(index_file, e))?;
    let rows = index.rows();
    let column_file = format!("buurt.{INDICATOR}.json");
    let column = ValueTable::from_slice(&column_file, file(out, &column_file)?)
        .map_err(|e| shape_err(&column_file, e))?;
    let buurten = shapes(out, "buurt.topo.json", |c| rows.get(c).copied())?;
    let gemeenten = shapes(out, "gemeente.topo.json", |_| None)?;

    let b = Projection::default().project_box(bbox);
    let aspect = (b[2] - b[0]) / (b[3] - b[1]);
    let (width, height) = ((HEIGHT as f64 * aspect).round() as u32, HEIGHT);
    let v = Viewport::fit(width as f64, height as f64, b, 0.0);

    let mut gem = String::new();
    (0..gemeenten.len()).for_each(|i| path_data(&gemeenten.geometry(i), &v, &mut gem));
    let mut by_class = vec![String::new(); n];
    for (i, s) in buurten.shapes.iter().enumerate() {
        let value = s.row.and_then(|r| column.get(INDICATOR, r));
        // Buurten without a class show the gemeente's grey beneath, as on the map.
        if let Some(k) = classes.class_of(value) {
            path_data(&buurten.geometry(i), &v, &mut by_class[k.min(n - 1)]);
        }
    }
    Ok(Drawing {
        width,
        height,
        gemeenten: gem,
        classes: fills.into_iter().zip(by_class).collect(),
    })
}

fn render(name: &str, svg: &str, d: &Drawing) -> Result<Vec<u8>> {
    let tree =
        usvg::Tree::from_str(svg, &usvg::Options::default()).map_err(|e| shape_err(name, e))?;
    let mut pixmap =
        tiny_skia::Pixmap::new(d.width, d.height).ok_or_else(|| shape_err(name, "no pixmap"))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::identity(),
        &mut pixmap.as_mut(),
    );
    encode(pixmap.data(), d.width, d.height).map_err(|e| shape_err(name, e))
}

/// An opaque RGBA buffer as a PNG: with a palette when it has at most 256 colours (it does,
/// drawn without anti-aliasing), else as RGB.
pub fn encode(rgba: &[u8], width: u32, height: u32) -> std::result::Result<Vec<u8>, String> {
    let mut palette: Vec<[u8; 3]> = Vec::new();
    let mut slot: HashMap<[u8; 3], u8> = HashMap::new();
    let mut indices = Vec::with_capacity(rgba.len() / 4);
    for p in rgba.chunks_exact(4) {
        let c = [p[0], p[1], p[2]];
        let i = match slot.get(&c) {
            Some(&i) => i,
            None if palette.len() < 256 => {
                let i = palette.len() as u8;
                palette.push(c);
                slot.insert(c, i);
                i
            }
            None => return crate::previews::render::encode_rgb(rgba, width, height),
        };
        indices.push(i);
    }
    // Pack to the fewest bits per pixel the palette needs.
    let depth = match palette.len() {
        0..=2 => png::BitDepth::One,
        3..=4 => png::BitDepth::Two,
        5..=16 => png::BitDepth::Four,
        _ => png::BitDepth::Eight,
    };
    let bits = depth as usize;
    let row_bytes = (width as usize * bits).div_ceil(8);
    let mut packed = vec![0u8; row_bytes * height as usize];
    for (y, row) in indices.chunks_exact(width as usize).enumerate() {
        for (x, &i) in row.iter().enumerate() {
            let bit = x * bits;
            packed[y * row_bytes + bit / 8] |= i << (8 - bits - bit % 8);
        }
    }
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, width, height);
        enc.set_color(png::ColorType::Indexed);
        enc.set_depth(depth);
        enc.set_palette(palette.concat());
        enc.set_compression(png::Compression::High);
        enc.set_filter(png::Filter::NoFilter);
        let mut w = enc.write_header().map_err(|e| e.to_string())?;
        w.write_image_data(&packed).map_err(|e| e.to_string())?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_background_is_the_maps() {
        let css =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../style/main.css"))
                .unwrap();
        let values: Vec<&str> = css
            .lines()
            .filter_map(|l| l.trim().strip_prefix("--map-bg:"))
            .map(|v| v.trim().trim_end_matches(';'))
            .collect();
        assert!(
            values.contains(&background(false).css().as_str()),
            "{values:?}"
        );
        assert!(
            values.contains(&background(true).css().as_str()),
            "{values:?}"
        );
    }

    fn decode(png_bytes: &[u8]) -> (png::OutputInfo, Vec<u8>) {
        let mut dec = png::Decoder::new(std::io::Cursor::new(png_bytes));
        dec.set_transformations(png::Transformations::EXPAND);
        let mut r = dec.read_info().unwrap();
        let mut buf = vec![0; r.output_buffer_size().unwrap()];
        let info = r.next_frame(&mut buf).unwrap();
        buf.truncate(info.buffer_size());
        (info, buf)
    }

    #[test]
    fn few_colours_pack_into_a_palette_and_read_back_the_same() {
        let (w, h) = (7u32, 3u32);
        let colours = [[10, 20, 30, 255], [200, 100, 0, 255], [1, 2, 3, 255]];
        let rgba: Vec<u8> = (0..w * h).flat_map(|i| colours[(i % 3) as usize]).collect();
        let bytes = encode(&rgba, w, h).unwrap();
        let (info, rgb) = decode(&bytes);
        assert_eq!(
            info.color_type,
            png::ColorType::Rgb,
            "a palette expands to RGB"
        );
        let expected: Vec<u8> = rgba.chunks(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
        assert_eq!(rgb, expected);
    }

    #[test]
    fn many_colours_fall_back_to_rgb() {
        let (w, h) = (300u32, 1u32);
        let rgba: Vec<u8> = (0..w)
            .flat_map(|i| [i as u8, (i / 256) as u8, 0, 255])
            .collect();
        let bytes = encode(&rgba, w, h).unwrap();
        let (info, rgb) = decode(&bytes);
        assert_eq!(info.color_type, png::ColorType::Rgb);
        assert_eq!(rgb.len(), 900);
        assert_eq!(&rgb[3 * 299..], &[43, 1, 0]);
    }
}
