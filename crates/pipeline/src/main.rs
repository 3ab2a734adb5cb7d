//! `buurtkaart-data`: builds Buurtkaart's static data files.

use buurtkaart_pipeline::{build, check, default_source, BuildOptions};
use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// Turns the public CBS and Leefbaarometer files into the compact static files of Buurtkaart.
#[derive(Debug, Parser)]
#[command(name = "buurtkaart-data", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the data files into OUT (written to a temporary folder, then swapped in).
    Build {
        /// Source folder (layout of ../shared/data). Default: $BUURTKAART_SOURCE or ../shared/data.
        #[arg(long)]
        source: Option<PathBuf>,
        /// Output folder.
        #[arg(long, default_value = "public/data")]
        out: PathBuf,
        /// The app's `index.html`, whose preload table and data links are pointed at the new
        /// (content-hashed) file names.
        #[arg(long, default_value = "index.html")]
        index: PathBuf,
        /// Leave `index.html` alone (builds into another folder, for experiments).
        #[arg(long)]
        no_index: bool,
        /// No progress display.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Rebuild in memory and compare byte for byte with OUT; non-zero exit if anything differs.
    Check {
        /// Source folder. Default: $BUURTKAART_SOURCE or ../shared/data.
        #[arg(long)]
        source: Option<PathBuf>,
        /// The committed output folder.
        #[arg(long, default_value = "public/data")]
        out: PathBuf,
        /// The app's `index.html`, whose data names must match the build.
        #[arg(long, default_value = "index.html")]
        index: PathBuf,
        /// Do not check `index.html` (a build in another folder).
        #[arg(long)]
        no_index: bool,
        /// No progress display.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Measure gaps and overlaps between neighbouring areas before and after the geometry stage.
    Measure {
        /// Source folder. Default: $BUURTKAART_SOURCE or ../shared/data.
        #[arg(long)]
        source: Option<PathBuf>,
        /// Sliver holes narrower than this (mean width, metres) count as gaps.
        #[arg(long, default_value_t = 20.0)]
        max_gap_width: f64,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let show = std::io::stderr().is_terminal();
    let result = match cli.command {
        Command::Build {
            source,
            out,
            index,
            no_index,
            quiet,
        } => {
            let opts = BuildOptions {
                source: source.unwrap_or_else(default_source),
                progress: show && !quiet,
            };
            build(&opts).and_then(|built| {
                built.output.commit(&out)?;
                println!("{}", built.summary);
                println!(
                    "wrote {} files to {}",
                    built.output.files.len(),
                    out.display()
                );
                if !no_index && buurtkaart_pipeline::relink_index(&index, &built.names)? {
                    println!("pointed {} at the new data file names", index.display());
                }
                Ok(())
            })
        }
        Command::Check {
            source,
            out,
            index,
            no_index,
            quiet,
        } => {
            let opts = BuildOptions {
                source: source.unwrap_or_else(default_source),
                progress: show && !quiet,
            };
            check(&opts, &out, (!no_index).then_some(index.as_path())).map(|built| {
                println!(
                    "{} files in {} match a fresh build",
                    built.output.files.len(),
                    out.display()
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
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
