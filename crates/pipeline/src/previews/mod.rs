//! Link previews: after `trunk build`, a static page for every gemeente, wijk and buurt path of
//! the app (`dist/{level}/{code}/index.html`), so a crawler that runs no JavaScript (WhatsApp,
//! Mastodon, LinkedIn, a CMS) sees the area's own title, description, share image and oEmbed.
//!
//! Each page is the app shell of `dist/index.html` with its own head tags ([`page`]); the app
//! boots there exactly as on the SPA fallback. Beside it, `oembed.json` ([`oembed`]) carries
//! the embed code the app's builder makes. Share images, 1200 × 630 PNG, one per gemeente and
//! one for the country, go to `dist/previews/` ([`image`], [`card`], [`render`]); a wijk's or
//! buurt's page shows its gemeente's. `dist/index.html` itself gets the national tags (no
//! canonical link: it also answers every other path).
//!
//! # Caveats
//! * The pages name absolute URLs (crawlers need them): build with the public base URL of the
//!   deployment (`--base-url`, `$BUURTKAART_PUBLIC_URL`).
//! * Images and pages are not content-hashed: a host must let them revalidate, like
//!   `index.html`.

pub mod card;
pub mod describe;
pub mod error;
pub mod image;
pub mod oembed;
pub mod page;
pub mod render;
pub mod site;

use buurtkaart_core::embed::alt::{alt_text, AltInput, AltItem};
use buurtkaart_core::state::DEFAULT_INDICATOR;
use buurtkaart_core::title;
use buurtkaart_model::{AreaCode, Level};
use describe::{description, AreaFacts};
pub use error::PreviewError;
use image::Painter;
use page::{Head, Image, Shell};
use rayon::prelude::*;
use render::Renderer;
use site::Site;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The environment variable with the public base URL.
pub const BASE_URL_ENV: &str = "BUURTKAART_PUBLIC_URL";
/// The base URL when none is given: where `scripts/serve` serves the app.
pub const DEFAULT_BASE_URL: &str = "http://127.0.0.1:8080/";
/// The folder under `dist/` with the share images (the app's embed code names them there:
/// `buurtkaart_core::embed::snippet::share_image_path`).
pub const IMAGE_DIR: &str = "previews";
/// The name of the national image (beside the gemeenten' `GMxxxx.png`).
pub const NATIONAL: &str = "nederland";
/// The most a share image may weigh (link previews refuse or shrink bigger ones).
pub const MAX_IMAGE_BYTES: usize = 300 * 1024;

/// What to build, and where.
#[derive(Debug, Clone)]
pub struct PreviewOptions {
    /// trunk's output folder (`dist`).
    pub dist: PathBuf,
    /// The data folder to read (default `dist/data`, trunk's copy of `public/data`).
    pub data: Option<PathBuf>,
    /// The public base URL, e.g. `https://example.org/` or `https://example.org/buurtkaart/`.
    pub base_url: String,
    /// Where DejaVu Sans is.
    pub font_dir: PathBuf,
    /// Also draw the share images (else the pages still point at them).
    pub images: bool,
}

/// What was written.
#[derive(Debug, Clone, Default)]
pub struct PreviewReport {
    /// Area pages written.
    pub pages: usize,
    /// Bytes of the area pages.
    pub page_bytes: u64,
    /// oEmbed files written.
    pub oembeds: usize,
    /// Bytes of the oEmbed files.
    pub oembed_bytes: u64,
    /// Share images written, with their sizes.
    pub images: Vec<(String, usize)>,
    /// Time spent on images (wall clock).
    pub image_time: Duration,
    /// Time spent on pages (wall clock).
    pub page_time: Duration,
}

impl std::fmt::Display for PreviewReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{} area pages ({} bytes) and {} oEmbed files ({} bytes) in {:.1} s",
            self.pages,
            self.page_bytes,
            self.oembeds,
            self.oembed_bytes,
            self.page_time.as_secs_f64()
        )?;
        let sizes: Vec<usize> = self.images.iter().map(|(_, b)| *b).collect();
        let total: usize = sizes.iter().sum();
        write!(
            f,
            "{} share images ({} bytes, {}–{} bytes each) in {:.1} s",
            sizes.len(),
            total,
            sizes.iter().min().unwrap_or(&0),
            sizes.iter().max().unwrap_or(&0),
            self.image_time.as_secs_f64()
        )
    }
}

/// `url` checked and with a trailing slash.
pub fn base_url(url: &str) -> Result<String, PreviewError> {
    let url = url.trim();
    let ok = (url.starts_with("https://") || url.starts_with("http://"))
        && url.split("://").nth(1).is_some_and(|rest| {
            !rest.is_empty() && !rest.starts_with('/') && !rest.contains(['?', '#', ' ', '"'])
        });
    if !ok {
        return Err(PreviewError::BaseUrl(url.to_string()));
    }
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), PreviewError> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| PreviewError::io(dir, e))?;
    }
    std::fs::write(path, bytes).map_err(|e| PreviewError::io(path, e))
}

fn remove_dir(path: &Path) -> Result<(), PreviewError> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(PreviewError::io(path, e)),
        _ => Ok(()),
    }
}

/// The alt text of each gemeente's image: the embed's generated description of its buurten.
fn image_alts(site: &Site, painter: &Painter) -> BTreeMap<String, String> {
    let buurten = site.level(Level::Buurt);
    let wijken = site.level(Level::Wijk);
    let gemeenten = site.level(Level::Gemeente);
    let mut items: BTreeMap<String, Vec<AltItem>> = BTreeMap::new();
    for (row, code) in buurten.index.codes.iter().enumerate() {
        let Ok(c) = AreaCode::parse(code) else {
            continue;
        };
        items
            .entry(c.gemeente().to_string())
            .or_default()
            .push(AltItem {
                name: buurten.index.names[row].clone(),
                group: c
                    .wijk()
                    .and_then(|w| wijken.name(w.as_str()))
                    .map(str::to_string),
                value: buurten.lbm.get(&painter.indicator().id, row),
            });
    }
    items
        .into_iter()
        .map(|(code, items)| {
            let name = gemeenten.name(&code).unwrap_or(&code).to_string();
            let text = alt_text(&AltInput {
                lang: buurtkaart_core::lang::Lang::Nl,
                area_name: &name,
                level: Level::Buurt,
                indicator: painter.indicator(),
                year: painter.year(),
                items: &items,
            });
            (code, text)
        })
        .collect()
}

/// Draws the share images into `dir`, in parallel; fails on an image over [`MAX_IMAGE_BYTES`].
fn draw_images(
    site: &Site,
    painter: &Painter,
    renderer: &Renderer,
    dir: &Path,
) -> Result<Vec<(String, usize)>, PreviewError> {
    let gemeenten = site.level(Level::Gemeente);
    let jobs: Vec<(String, String)> = std::iter::once((NATIONAL.to_string(), String::new()))
        .chain(
            gemeenten
                .index
                .codes
                .iter()
                .zip(&gemeenten.index.names)
                .map(|(c, n)| (c.clone(), n.clone())),
        )
        .collect();
    jobs.par_iter()
        .map(|(code, name)| {
            let card = if code == NATIONAL {
                painter.national()?
            } else {
                painter.gemeente(code, name)?
            };
            let png = renderer.png(code, &card::card_svg(&card))?;
            if png.len() > MAX_IMAGE_BYTES {
                return Err(PreviewError::Image {
                    name: code.clone(),
                    message: format!("{} bytes, more than {MAX_IMAGE_BYTES}", png.len()),
                });
            }
            write(&dir.join(format!("{code}.png")), &png)?;
            Ok((code.clone(), png.len()))
        })
        .collect()
}

/// Writes the previews into `opts.dist`.
pub fn build_previews(opts: &PreviewOptions) -> Result<PreviewReport, PreviewError> {
    let base = base_url(&opts.base_url)?;
    let shell_path = opts.dist.join("index.html");
    let shell_text =
        std::fs::read_to_string(&shell_path).map_err(|e| PreviewError::io(&shell_path, e))?;
    let shell = Shell::parse(&shell_text).map_err(|message| PreviewError::Shell {
        path: shell_path.clone(),
        message,
    })?;
    let data_dir = opts.data.clone().unwrap_or_else(|| opts.dist.join("data"));
    let site = Site::load(&data_dir)?;
    let painter = Painter::new(&site, DEFAULT_INDICATOR)?;
    let mut report = PreviewReport::default();

    let image_dir = opts.dist.join(IMAGE_DIR);
    let t0 = Instant::now();
    if opts.images {
        let renderer = Renderer::new(&opts.font_dir)?;
        remove_dir(&image_dir)?;
        report.images = draw_images(&site, &painter, &renderer, &image_dir)?;
    }
    report.image_time = t0.elapsed();

    let t0 = Instant::now();
    let alts = image_alts(&site, &painter);
    // A gemeente has an image when its buurten have shapes (its detail file exists).
    let with_image: HashSet<String> = site
        .level(Level::Gemeente)
        .index
        .codes
        .iter()
        .filter(|c| {
            let file = site
                .manifest
                .level(Level::Buurt)
                .map(|l| buurtkaart_model::Manifest::for_gemeente(&l.detail_file, c));
            file.is_some_and(|f| data_dir.join(f).is_file())
        })
        .cloned()
        .collect();
    let national_image = Image {
        url: format!("{base}{IMAGE_DIR}/{NATIONAL}.png"),
        width: card::WIDTH,
        height: card::HEIGHT,
        alt: "Kaart van Nederland: alle buurten gekleurd naar hun Leefbaarometer-klasse 2024"
            .to_string(),
    };
    let image_of = |gemeente: &str| match alts.get(gemeente) {
        Some(alt) if with_image.contains(gemeente) => Image {
            url: format!(
                "{base}{}",
                AreaCode::parse(gemeente).map_or_else(
                    |_| format!("{IMAGE_DIR}/{gemeente}.png"),
                    |g| buurtkaart_core::embed::snippet::share_image_path(&g)
                )
            ),
            width: card::WIDTH,
            height: card::HEIGHT,
            alt: alt.clone(),
        },
        _ => national_image.clone(),
    };
    let embed_ind = buurtkaart_core::indicator::shown(&site.manifest, None, Level::Buurt)
        .ok_or_else(|| PreviewError::Data {
            file: "manifest.json".into(),
            message: format!("no indicator {DEFAULT_INDICATOR} for buurten"),
        })?;
    let embed_year = embed_ind.at(Level::Buurt).map(|l| l.year);
    let embed_label = embed_ind.label.nl.clone();
    let name_of = |c: &AreaCode| site.level(c.level()).name(c.as_str()).map(str::to_string);

    for level in [Level::Gemeente, Level::Wijk, Level::Buurt] {
        remove_dir(&opts.dist.join(level.id()))?;
    }
    let areas: Vec<(Level, usize)> = [Level::Gemeente, Level::Wijk, Level::Buurt]
        .into_iter()
        .flat_map(|l| (0..site.level(l).index.len()).map(move |r| (l, r)))
        .collect();
    let afw = site.manifest.indicator("lbm_afw");
    let written: Vec<(usize, usize)> = areas
        .par_iter()
        .map(|&(level, row)| {
            let data = site.level(level);
            let code_text = &data.index.codes[row];
            let Ok(code) = AreaCode::parse(code_text) else {
                return Err(PreviewError::Data {
                    file: format!("{}.areas.json", level.id()),
                    message: format!("invalid code {code_text:?}"),
                });
            };
            let name = &data.index.names[row];
            let gemeente = (level != Level::Gemeente)
                .then(|| name_of(&code.gemeente()))
                .flatten();
            let class = data
                .lbm
                .get("lbm_klasse", row)
                .map(|k| k.round().clamp(1.0, 9.0) as u8)
                .and_then(|k| site.manifest.lbm_class(k).map(|c| (k, c.label.nl.as_str())));
            let facts = AreaFacts {
                level,
                name,
                gemeente: gemeente.as_deref(),
                class,
                deviation: data.lbm.get("lbm_afw", row),
                score: data.lbm.get("lbm_score", row),
                year: afw.and_then(|i| i.at(level)).map_or(2024, |l| l.year),
                source: afw.map_or("Leefbaarometer 3.0 – Ministerie van BZK", |i| {
                    i.source.as_str()
                }),
            };
            let dir = opts.dist.join(level.id()).join(code_text);
            let canonical = format!("{base}{}/{code_text}", level.id());
            let image = image_of(code.gemeente().as_str());
            let o = oembed::embed_options(&code, &embed_ind.id, embed_year);
            let embed_title = oembed::embed_title(&o, &embed_label, name_of);
            let json = oembed::oembed_json(&base, &o, &embed_title, &image);
            let head = Head {
                title: title::for_area(name, gemeente.as_deref()),
                description: description(&facts),
                canonical: Some(canonical.clone()),
                image,
                oembed: Some(format!("{canonical}/oembed.json")),
            };
            let html = shell.page(&head);
            write(&dir.join("index.html"), html.as_bytes())?;
            write(&dir.join("oembed.json"), json.as_bytes())?;
            Ok((html.len(), json.len()))
        })
        .collect::<Result<_, _>>()?;
    report.pages = written.len();
    report.oembeds = written.len();
    report.page_bytes = written.iter().map(|w| w.0 as u64).sum();
    report.oembed_bytes = written.iter().map(|w| w.1 as u64).sum();

    // The shell itself: the national preview, for `/` and every path without a page.
    let home = Head {
        title: title::home(buurtkaart_core::lang::Lang::Nl),
        // The shell's own description (index.html).
        description: "Buurtkaart: open kaart van de leefbaarheid in Nederlandse buurten, wijken \
            en gemeenten (Leefbaarometer 3.0, CBS)."
            .to_string(),
        canonical: None,
        image: national_image,
        oembed: None,
    };
    write(&shell_path, shell.page(&home).as_bytes())?;
    report.page_time = t0.elapsed();
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_images_lie_where_the_embed_code_names_them() {
        let g = AreaCode::parse("GM0344").unwrap();
        assert_eq!(
            buurtkaart_core::embed::snippet::share_image_path(&g),
            format!("{IMAGE_DIR}/GM0344.png")
        );
    }

    #[test]
    fn base_urls_get_a_trailing_slash_and_must_be_absolute() {
        assert_eq!(
            base_url("https://example.org").unwrap(),
            "https://example.org/"
        );
        assert_eq!(
            base_url("https://example.org/buurtkaart/").unwrap(),
            "https://example.org/buurtkaart/"
        );
        assert!(base_url("example.org").is_err());
        assert!(base_url("https://").is_err());
        assert!(base_url("https://x.nl/\"><script>").is_err());
    }
}
