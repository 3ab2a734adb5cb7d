//! Buurtkaart's data pipeline: turns the public CBS and Leefbaarometer files in
//! `../shared/data` into the compact static files in `public/data/` that the app fetches.
//!
//! Stages, one module each: [`sources`] (one adapter per source format) → [`join`] (on CBS
//! codes) → [`quantize`] → [`snap`] → [`topology`] (shared arcs) → [`simplify`] (guarded by
//! [`arc_guard`]) → [`lod`] (national overview, per-gemeente detail, validation) →
//! [`classify`] (breaks, reference values) → [`write`] (temporary folder, then swap) →
//! [`report`]. [`build::build`] runs them all in memory; the binary `buurtkaart-data` wraps it.
//! After `trunk build`, [`previews`] writes the link previews (a page, an oEmbed file and a
//! share image per area) into `dist/`.
//!
//! # Caveats
//! * Output is deterministic: no timestamps, sorted maps, no parallel floating-point sums.
//! * A missing value stays missing (`null`), never `0`; CBS codes stay strings.

pub mod arc_guard;
pub mod build;
pub mod classify;
pub mod error;
pub mod hashing;
pub mod index_html;
pub mod indicators;
pub mod instant;
pub mod join;
pub mod labels;
pub mod lod;
pub mod measure;
pub mod names;
pub mod numbers;
pub mod planar;
pub mod previews;
pub mod progress;
pub mod quantize;
pub mod repair;
pub mod report;
pub mod shapes;
pub mod simplify;
pub mod snap;
pub mod sources;
pub mod topology;
pub mod write;

pub use build::{build, BuildOptions, Built};
pub use error::PipelineError;

use std::path::{Path, PathBuf};

/// Environment variable that overrides the default source folder.
pub const SOURCE_ENV: &str = "BUURTKAART_SOURCE";

/// The default source folder: `$BUURTKAART_SOURCE`, else `../shared/data` beside the
/// repository root.
pub fn default_source() -> PathBuf {
    if let Some(s) = std::env::var_os(SOURCE_ENV) {
        return PathBuf::from(s);
    }
    repo_root().join("../shared/data")
}

/// The repository root (two levels above this crate).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Builds and compares with the files in `out` (and, if given, the name table and links of
/// `index`: see [`index_html`]); an error lists what differs.
pub fn check(
    opts: &BuildOptions,
    out: &Path,
    index: Option<&Path>,
) -> Result<Built, PipelineError> {
    let built = build(opts)?;
    let committed = write::read_tree(out)?;
    let mut diff = Vec::new();
    if let Some(index) = index {
        let (html, relinked) = read_relinked(index, &built.names)?;
        if relinked != html {
            diff.push(format!("stale data names in {}", index.display()));
        }
    }
    for (path, bytes) in &built.output.files {
        match committed.get(path) {
            None => diff.push(format!("missing {path}")),
            Some(b) if b != bytes => diff.push(format!("differs {path}")),
            _ => {}
        }
    }
    for path in committed.keys() {
        if !built.output.files.contains_key(path) {
            diff.push(format!("extra {path}"));
        }
    }
    if diff.is_empty() {
        Ok(built)
    } else {
        Err(PipelineError::Differs {
            out: out.to_path_buf(),
            differences: diff,
        })
    }
}

/// Points `index` (the app's `index.html`) at the data files named by `names`; true if the
/// file changed.
pub fn relink_index(index: &Path, names: &hashing::Names) -> Result<bool, PipelineError> {
    let (html, relinked) = read_relinked(index, names)?;
    if relinked == html {
        return Ok(false);
    }
    std::fs::write(index, relinked).map_err(|e| PipelineError::io(index, e))?;
    Ok(true)
}

/// `index` as it is and as it should be for `names`.
fn read_relinked(index: &Path, names: &hashing::Names) -> Result<(String, String), PipelineError> {
    let html = std::fs::read_to_string(index).map_err(|e| PipelineError::io(index, e))?;
    let relinked = index_html::relink(&html, names).map_err(|message| PipelineError::Index {
        file: index.to_path_buf(),
        message,
    })?;
    Ok((html, relinked))
}
