//! What the previews read: the app's own data files as deployed (`dist/data`, a copy of
//! `public/data`), through the shared format types of `buurtkaart-model`. Never the sources.
use super::error::PreviewError;
use buurtkaart_core::carto::{AreaShapes, Projection};
use buurtkaart_model::{AreaIndex, Level, Manifest, Topology, ValueTable};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One level's areas and their Leefbaarometer table.
pub struct LevelData {
    /// Codes and names, in the order of the tables.
    pub index: AreaIndex,
    /// The `lbm` value table (class, deviation, score), aligned with `index`.
    pub lbm: ValueTable,
    /// Code → row.
    pub rows: HashMap<String, usize>,
}

impl LevelData {
    /// The name of `code`, if the level has it.
    pub fn name(&self, code: &str) -> Option<&str> {
        self.rows.get(code).map(|&r| self.index.names[r].as_str())
    }

    /// The value of indicator `id` for `code`.
    pub fn value(&self, code: &str, id: &str) -> Option<f64> {
        self.lbm.get(id, *self.rows.get(code)?)
    }
}

/// The data folder, read once.
pub struct Site {
    /// Where the files are.
    pub dir: PathBuf,
    /// `manifest.json`.
    pub manifest: Manifest,
    /// Gemeenten, wijken and buurten.
    pub levels: Vec<(Level, LevelData)>,
}

fn read(dir: &Path, file: &str) -> Result<Vec<u8>, PreviewError> {
    let path = dir.join(file);
    std::fs::read(&path).map_err(|e| PreviewError::io(path, e))
}

fn data_err(file: &str, e: impl std::fmt::Display) -> PreviewError {
    PreviewError::Data {
        file: file.to_string(),
        message: e.to_string(),
    }
}

impl Site {
    /// Reads the manifest, and per level the area index and the `lbm` table.
    pub fn load(dir: &Path) -> Result<Site, PreviewError> {
        let manifest: Manifest = serde_json::from_slice(&read(dir, "manifest.json")?)
            .map_err(|e| data_err("manifest.json", e))?;
        let mut levels = Vec::new();
        for level in [Level::Gemeente, Level::Wijk, Level::Buurt] {
            let files = manifest
                .level(level)
                .ok_or_else(|| data_err("manifest.json", format!("no level {}", level.id())))?;
            let index = AreaIndex::from_slice(&files.index_file, &read(dir, &files.index_file)?)
                .map_err(|e| data_err(&files.index_file, e))?;
            let lbm_file = files.value_files.get("lbm").ok_or_else(|| {
                data_err("manifest.json", format!("no lbm table for {}", level.id()))
            })?;
            let lbm = ValueTable::from_slice(lbm_file, &read(dir, lbm_file)?)
                .map_err(|e| data_err(lbm_file, e))?;
            if lbm.rows != index.len() {
                return Err(data_err(
                    lbm_file,
                    format!("{} rows, the area index has {}", lbm.rows, index.len()),
                ));
            }
            let rows = index
                .codes
                .iter()
                .enumerate()
                .map(|(i, c)| (c.clone(), i))
                .collect();
            levels.push((level, LevelData { index, lbm, rows }));
        }
        Ok(Site {
            dir: dir.to_path_buf(),
            manifest,
            levels,
        })
    }

    /// The data of `level`.
    pub fn level(&self, level: Level) -> &LevelData {
        &self
            .levels
            .iter()
            .find(|(l, _)| *l == level)
            .expect("Site::load reads every level")
            .1
    }

    /// Decodes and projects a topology file of the data folder, as the map does.
    pub fn shapes(&self, file: &str) -> Result<AreaShapes, PreviewError> {
        let topo =
            Topology::from_slice(file, &read(&self.dir, file)?).map_err(|e| data_err(file, e))?;
        AreaShapes::from_topology(&topo, |_| None, &Projection::default())
            .map_err(|e| data_err(file, e))
    }

    /// The national overview shapes of `level`.
    pub fn overview(&self, level: Level) -> Result<AreaShapes, PreviewError> {
        let files = self
            .manifest
            .level(level)
            .ok_or_else(|| data_err("manifest.json", format!("no level {}", level.id())))?;
        self.shapes(&files.geometry_file)
    }

    /// The detailed shapes of `level` within gemeente `gemeente` (the file the map loads when
    /// zoomed in there).
    pub fn detail(&self, level: Level, gemeente: &str) -> Result<AreaShapes, PreviewError> {
        let files = self
            .manifest
            .level(level)
            .ok_or_else(|| data_err("manifest.json", format!("no level {}", level.id())))?;
        self.shapes(&Manifest::for_gemeente(&files.detail_file, gemeente))
    }
}
