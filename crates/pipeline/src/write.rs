//! Output: files are collected in memory, written to a temporary folder beside the output
//! folder, and swapped in only when everything succeeded.

use crate::error::{PipelineError, Result};
use crate::sources::hex;
use buurtkaart_model::FileEntry;
use flate2::{write::GzEncoder, Compression};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The files of one build, by path relative to the output folder.
#[derive(Debug, Default, Clone)]
pub struct Output {
    /// File contents by relative path (`/`-separated).
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Output {
    /// Adds a file serialised as compact JSON.
    pub fn json<T: Serialize>(&mut self, path: &str, value: &T) -> Result<()> {
        let bytes = serde_json::to_vec(value).map_err(|e| PipelineError::Serialise {
            file: path.into(),
            message: e.to_string(),
        })?;
        self.files.insert(path.to_string(), bytes);
        Ok(())
    }

    /// Adds a file serialised as indented JSON (for the manifest, which people read).
    pub fn json_pretty<T: Serialize>(&mut self, path: &str, value: &T) -> Result<()> {
        let mut bytes = serde_json::to_vec_pretty(value).map_err(|e| PipelineError::Serialise {
            file: path.into(),
            message: e.to_string(),
        })?;
        bytes.push(b'\n');
        self.files.insert(path.to_string(), bytes);
        Ok(())
    }

    /// Size and SHA-256 of every file so far, sorted by path.
    pub fn entries(&self) -> Vec<FileEntry> {
        self.files
            .iter()
            .map(|(path, bytes)| FileEntry {
                path: path.clone(),
                bytes: bytes.len() as u64,
                sha256: hex(&Sha256::digest(bytes)),
            })
            .collect()
    }

    /// Writes all files into `out`, replacing its previous content only on success.
    pub fn commit(&self, out: &Path) -> Result<()> {
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(|e| PipelineError::io(&parent, e))?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "data".into());
        let pid = std::process::id();
        let tmp = parent.join(format!(".{name}.new-{pid}"));
        let old = parent.join(format!(".{name}.old-{pid}"));
        let result = self.write_into(&tmp).and_then(|()| swap(&tmp, out, &old));
        if result.is_err() {
            let _ = std::fs::remove_dir_all(&tmp);
        }
        result
    }

    /// Writes all files into a new folder `dir`.
    pub fn write_into(&self, dir: &Path) -> Result<()> {
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(|e| PipelineError::io(dir, e))?;
        }
        for (rel, bytes) in &self.files {
            let path = dir.join(rel);
            if let Some(p) = path.parent() {
                std::fs::create_dir_all(p).map_err(|e| PipelineError::io(p, e))?;
            }
            std::fs::write(&path, bytes).map_err(|e| PipelineError::io(&path, e))?;
        }
        Ok(())
    }
}

fn swap(new: &Path, out: &Path, old: &Path) -> Result<()> {
    if out.exists() {
        std::fs::rename(out, old).map_err(|e| PipelineError::io(out, e))?;
    }
    if let Err(e) = std::fs::rename(new, out) {
        // Put the previous output back.
        let _ = std::fs::rename(old, out);
        return Err(PipelineError::io(out, e));
    }
    if old.exists() {
        std::fs::remove_dir_all(old).map_err(|e| PipelineError::io(old, e))?;
    }
    Ok(())
}

/// Size of `bytes` after gzip at level 9.
pub fn gzip_len(bytes: &[u8]) -> usize {
    let mut enc = GzEncoder::new(Vec::new(), Compression::new(9));
    enc.write_all(bytes).expect("writing to memory");
    enc.finish().expect("writing to memory").len()
}

/// Reads every file under `dir` (relative `/` paths), for comparison.
pub fn read_tree(dir: &Path) -> Result<BTreeMap<String, Vec<u8>>> {
    let mut out = BTreeMap::new();
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) -> Result<()> {
        for e in std::fs::read_dir(dir).map_err(|e| PipelineError::io(dir, e))? {
            let e = e.map_err(|e| PipelineError::io(dir, e))?;
            let p = e.path();
            if p.is_dir() {
                walk(base, &p, out)?;
            } else {
                let rel = p
                    .strip_prefix(base)
                    .unwrap_or(&p)
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                let bytes = std::fs::read(&p).map_err(|e| PipelineError::io(&p, e))?;
                out.insert(rel, bytes);
            }
        }
        Ok(())
    }
    if dir.exists() {
        walk(dir, dir, &mut out)?;
    }
    Ok(out)
}
