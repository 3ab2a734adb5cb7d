//! One adapter per source format. Each reads, validates and returns plain Rust structs;
//! none of them knows about the output format.
//!
//! To add a source: write an adapter here that reads through [`SourceDir`] (so the file is
//! listed with its checksum in the manifest) and returns typed records, then join it in
//! [`crate::join`].

/// Year of the 2024 area division and of most figures (the sources' year, which every stage
/// after them uses).
pub const YEAR: u16 = 2024;

pub mod crossing;
pub mod geoinzicht;
pub mod geometry;
pub mod history;
pub mod lbm;
pub mod props;
pub mod woonikveilig;

use crate::error::{PipelineError, Result};
use buurtkaart_model::FileEntry;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The source folder (`../shared/data`), recording every file read.
#[derive(Debug)]
pub struct SourceDir {
    root: PathBuf,
    read: BTreeMap<String, FileEntry>,
}

impl SourceDir {
    /// Opens a source folder; fails if it does not exist.
    pub fn open(root: &Path) -> Result<Self> {
        std::fs::metadata(root).map_err(|e| PipelineError::io(root, e))?;
        Ok(SourceDir {
            root: root.to_path_buf(),
            read: BTreeMap::new(),
        })
    }

    /// Reads `rel` (relative to the root, `/`-separated) and records size and SHA-256.
    pub fn read(&mut self, rel: &str) -> Result<Vec<u8>> {
        let path = self.root.join(rel);
        let bytes = std::fs::read(&path).map_err(|e| PipelineError::io(&path, e))?;
        let sha = hex(&Sha256::digest(&bytes));
        self.read.insert(
            rel.to_string(),
            FileEntry {
                path: rel.to_string(),
                bytes: bytes.len() as u64,
                sha256: sha,
            },
        );
        Ok(bytes)
    }

    /// Names of the files in folder `rel` that end in `suffix`, sorted, as `rel/name`.
    pub fn list(&self, rel: &str, prefix: &str, suffix: &str) -> Result<Vec<String>> {
        let dir = self.root.join(rel);
        let mut names = Vec::new();
        for entry in std::fs::read_dir(&dir).map_err(|e| PipelineError::io(&dir, e))? {
            let entry = entry.map_err(|e| PipelineError::io(&dir, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(prefix) && name.ends_with(suffix) {
                names.push(format!("{rel}/{name}"));
            }
        }
        names.sort();
        if names.is_empty() {
            return Err(PipelineError::Shape {
                file: rel.to_string(),
                message: format!("no {prefix}*{suffix} files in this folder"),
            });
        }
        Ok(names)
    }

    /// Every file read so far, sorted by path.
    pub fn inputs(&self) -> Vec<FileEntry> {
        self.read.values().cloned().collect()
    }
}

/// Lower-case hex of a digest.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Parses JSON bytes, naming the file in the error and quoting the text around the fault
/// (JSON has no `NaN` or `Infinity`, and a number such as `1e999` is out of range: both are
/// syntax errors here, never a non-finite coordinate later on).
pub fn parse_json(file: &str, bytes: &[u8]) -> Result<serde_json::Value> {
    serde_json::from_slice(bytes).map_err(|e| {
        let near = excerpt(bytes, e.line(), e.column());
        PipelineError::Syntax {
            file: file.to_string(),
            what: "JSON",
            message: if near.is_empty() {
                e.to_string()
            } else {
                format!("{e}, near `{near}`")
            },
        }
    })
}

/// Up to 30 characters either side of 1-based `line` and `column` of `bytes`, on one line.
fn excerpt(bytes: &[u8], line: usize, column: usize) -> String {
    let Some(text) = bytes.split(|&b| b == b'\n').nth(line.saturating_sub(1)) else {
        return String::new();
    };
    let at = column.min(text.len());
    let from = at.saturating_sub(30);
    let to = (at + 30).min(text.len());
    String::from_utf8_lossy(&text[from..to])
        .chars()
        .filter(|c| !c.is_control())
        .collect()
}

/// The `features` array of a GeoJSON FeatureCollection.
pub fn features<'a>(file: &str, doc: &'a serde_json::Value) -> Result<&'a Vec<serde_json::Value>> {
    let shape = |m: &str| PipelineError::Shape {
        file: file.to_string(),
        message: m.to_string(),
    };
    let obj = doc.as_object().ok_or_else(|| shape("not a JSON object"))?;
    if obj.get("type").and_then(|t| t.as_str()) != Some("FeatureCollection") {
        return Err(shape("`type` is not \"FeatureCollection\""));
    }
    obj.get("features")
        .and_then(|f| f.as_array())
        .ok_or_else(|| shape("no `features` array"))
}
