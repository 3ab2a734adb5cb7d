//! SVG → PNG with resvg, with the font loaded from a file (never "whatever the system has"), so
//! every machine draws the same image: DejaVu Sans from Debian's fonts-dejavu-core.
use super::card::{FONT, HEIGHT, WIDTH};
use super::error::PreviewError;
use resvg::{tiny_skia, usvg};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where Debian puts DejaVu Sans.
pub const DEFAULT_FONT_DIR: &str = "/usr/share/fonts/truetype/dejavu";
/// The font files the images need, regular and bold.
const FONT_FILES: [&str; 2] = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"];

/// Draws share images; cheap to share between threads.
pub struct Renderer {
    fonts: Arc<usvg::fontdb::Database>,
}

impl Renderer {
    /// Loads the fonts from `dir`; an error says which file is missing and how to get it.
    pub fn new(dir: &Path) -> Result<Renderer, PreviewError> {
        let mut db = usvg::fontdb::Database::new();
        for file in FONT_FILES {
            let path: PathBuf = dir.join(file);
            let bytes = std::fs::read(&path).map_err(|e| PreviewError::Font {
                path: path.clone(),
                reason: e.to_string(),
            })?;
            db.load_font_data(bytes);
        }
        let has_family = db
            .faces()
            .any(|f| f.families.iter().any(|(n, _)| n == FONT));
        if !has_family {
            return Err(PreviewError::Font {
                path: dir.join(FONT_FILES[0]),
                reason: format!("no font family {FONT:?} in it"),
            });
        }
        db.set_sans_serif_family(FONT);
        Ok(Renderer {
            fonts: Arc::new(db),
        })
    }

    /// Renders `svg` (1200 × 630) to a PNG; `name` is for errors.
    pub fn png(&self, name: &str, svg: &str) -> Result<Vec<u8>, PreviewError> {
        let fail = |message: String| PreviewError::Image {
            name: name.to_string(),
            message,
        };
        let options = usvg::Options {
            fontdb: self.fonts.clone(),
            font_family: FONT.to_string(),
            ..usvg::Options::default()
        };
        let tree = usvg::Tree::from_str(svg, &options).map_err(|e| fail(e.to_string()))?;
        let mut pixmap =
            tiny_skia::Pixmap::new(WIDTH, HEIGHT).ok_or_else(|| fail("no pixmap".into()))?;
        pixmap.fill(tiny_skia::Color::WHITE);
        resvg::render(
            &tree,
            tiny_skia::Transform::identity(),
            &mut pixmap.as_mut(),
        );
        encode_rgb(pixmap.data(), WIDTH, HEIGHT).map_err(fail)
    }
}

/// An opaque RGBA buffer as an RGB PNG (a quarter smaller than RGBA, no alpha to carry).
pub fn encode_rgb(rgba: &[u8], width: u32, height: u32) -> Result<Vec<u8>, String> {
    let rgb: Vec<u8> = rgba
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    let mut out = Vec::with_capacity(rgb.len() / 8);
    {
        let mut enc = png::Encoder::new(&mut out, width, height);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::High);
        enc.set_filter(png::Filter::Adaptive);
        let mut w = enc.write_header().map_err(|e| e.to_string())?;
        w.write_image_data(&rgb).map_err(|e| e.to_string())?;
    }
    Ok(out)
}
