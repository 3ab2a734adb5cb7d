//! `buurtkaart-data`: builds Buurtkaart's static data files.

use buurtkaart_pipeline::previews::{self, PreviewOptions};
use buurtkaart_pipeline::{build, check, default_source, BuildOptions};
use clap::{Args, Parser, Subcommand};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Turns the public CBS and Leefbaarometer files into the compact static files of Buurtkaart.
#[derive(Debug, Parser)]
#[command(name = "buurtkaart-data", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// What `build` writes and `check` compares: the data folder and the `index.html` that names
/// its files.
#[derive(Debug, Args)]
struct Files {
    /// Source folder (layout of ../shared/data). Default: $BUURTKAART_SOURCE or ../shared/data.
    #[arg(long)]
    source: Option<PathBuf>,
    /// The data folder (the committed output).
    #[arg(long, default_value = "public/data")]
    out: PathBuf,
    /// The app's `index.html`, whose preload table and data links name the (content-hashed)
    /// data files.
    #[arg(long, default_value = "index.html")]
    index: PathBuf,
    /// Leave `index.html` out (a build into another folder, for experiments).
    #[arg(long)]
    no_index: bool,
    /// No progress display.
    #[arg(long, short)]
    quiet: bool,
}

impl Files {
    /// The build options, with progress on a terminal unless `--quiet`.
    fn options(&self, terminal: bool) -> BuildOptions {
        BuildOptions {
            source: self.source.clone().unwrap_or_else(default_source),
            progress: terminal && !self.quiet,
        }
    }

    /// The `index.html` to write or check, unless `--no-index`.
    fn index(&self) -> Option<&Path> {
        (!self.no_index).then_some(self.index.as_path())
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the data files into OUT (written to a temporary folder, then swapped in) and point
    /// `index.html` at them.
    Build(Files),
    /// Rebuild in memory and compare byte for byte with OUT and `index.html`; non-zero exit if
    /// anything differs.
    Check(Files),
    /// Measure gaps and overlaps between neighbouring areas before and after the geometry stage.
    Measure {
        /// Source folder. Default: $BUURTKAART_SOURCE or ../shared/data.
        #[arg(long)]
        source: Option<PathBuf>,
        /// Sliver holes narrower than this (mean width, metres) count as gaps.
        #[arg(long, default_value_t = 20.0)]
        max_gap_width: f64,
    },
    /// After `trunk build`: write a link-preview page, an oEmbed file and share images for
    /// every gemeente, wijk and buurt into DIST (`DIST/{level}/{code}/index.html`,
    /// `DIST/previews/*.png`), from the data in DIST/data.
    Previews(PreviewArgs),
}

/// Options of `previews`.
#[derive(Debug, Args)]
struct PreviewArgs {
    /// trunk's output folder.
    #[arg(long, default_value = "dist")]
    dist: PathBuf,
    /// The data folder to read. Default: DIST/data (trunk's copy of public/data).
    #[arg(long)]
    data: Option<PathBuf>,
    /// The public URL the app is served at (the pages' canonical, og:image and oEmbed URLs),
    /// e.g. https://example.org/ or https://example.org/buurtkaart/.
    #[arg(long, env = previews::BASE_URL_ENV, default_value = previews::DEFAULT_BASE_URL)]
    base_url: String,
    /// Folder with DejaVuSans.ttf and DejaVuSans-Bold.ttf (Debian's fonts-dejavu-core).
    #[arg(long, default_value = previews::render::DEFAULT_FONT_DIR)]
    font_dir: PathBuf,
    /// Skip the share images (pages and oEmbed files only; the pages still name the images).
    #[arg(long)]
    no_images: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let show = std::io::stderr().is_terminal();
    let result = match cli.command {
        Command::Build(files) => build(&files.options(show)).and_then(|built| {
            built.output.commit(&files.out)?;
            println!("{}", built.summary);
            println!(
                "wrote {} files to {}",
                built.output.files.len(),
                files.out.display()
            );
            if let Some(index) = files.index() {
                if buurtkaart_pipeline::relink_index(index, &built.names)? {
                    println!("pointed {} at the new data file names", index.display());
                }
            }
            Ok(())
        }),
        Command::Check(files) => {
            check(&files.options(show), &files.out, files.index()).map(|built| {
                println!(
                    "{} files in {} match a fresh build",
                    built.output.files.len(),
                    files.out.display()
                );
            })
        }
        Command::Measure {
            source,
            max_gap_width,
        } => {
            let opts = BuildOptions {
                source: source.unwrap_or_else(default_source),
                progress: show,
            };
            build(&opts).map(|built| {
                for (level, shapes) in &built.shapes {
                    let source = &built.joined.level(*level).geometry;
                    let m =
                        buurtkaart_pipeline::measure::measure_level(source, shapes, max_gap_width);
                    println!("{}: {m}", level.id());
                }
            })
        }
        Command::Previews(args) => {
            let opts = PreviewOptions {
                dist: args.dist,
                data: args.data,
                base_url: args.base_url,
                font_dir: args.font_dir,
                images: !args.no_images,
            };
            match previews::build_previews(&opts) {
                Ok(report) => {
                    println!("previews for {}:\n{report}", opts.base_url);
                    Ok(())
                }
                Err(e) => {
                    eprintln!("error: previews: {e}");
                    return ExitCode::FAILURE;
                }
            }
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
