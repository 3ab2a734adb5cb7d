//! The loaded data, shared through context. Files are fetched once, on demand; recolouring is a
//! lookup in loaded tables, never a reload.
use super::error::DataError;
use super::fetch::fetch_text;
use crate::carto::{AreaShapes, Projection};
use buurtkaart_model::{
    AreaCode, AreaIndex, FormatError, Indicator, Level, Manifest, Topology, ValueTable,
    FORMAT_VERSION,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// What is loaded of one level.
#[derive(Clone, Default)]
pub struct LevelData {
    /// Every area of the level (names, codes).
    pub index: Option<Arc<AreaIndex>>,
    /// Code → row in `index`.
    pub rows: Option<Arc<HashMap<String, usize>>>,
    /// Projected shapes (after both index and topology arrived).
    pub shapes: Option<Arc<AreaShapes>>,
    /// Value tables by group.
    pub tables: HashMap<String, Arc<ValueTable>>,
}

/// Progress of loading, for the progress bar and announcements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LoadState {
    /// Files finished.
    pub done: usize,
    /// Files in flight.
    pub pending: usize,
}

/// Handle to the app's data (cheap to copy; all fields are signals).
#[derive(Clone, Copy)]
pub struct DataStore {
    /// The manifest, once loaded.
    pub manifest: RwSignal<Option<Arc<Manifest>>>,
    levels: RwSignal<HashMap<Level, LevelData>>,
    pending: RwSignal<HashSet<String>>,
    done: RwSignal<usize>,
    /// Files that failed, with why.
    pub errors: RwSignal<Vec<DataError>>,
    /// Bumped by [`DataStore::retry`] so that loaders run again.
    pub attempt: RwSignal<u32>,
}

impl Default for DataStore {
    fn default() -> Self {
        Self::new()
    }
}

impl DataStore {
    /// An empty store.
    pub fn new() -> Self {
        DataStore {
            manifest: RwSignal::new(None),
            levels: RwSignal::new(HashMap::new()),
            pending: RwSignal::new(HashSet::new()),
            done: RwSignal::new(0),
            errors: RwSignal::new(Vec::new()),
            attempt: RwSignal::new(0),
        }
    }

    /// The projection used for all shapes.
    pub fn projection() -> Projection {
        Projection::default()
    }

    /// Loading progress.
    pub fn progress(&self) -> LoadState {
        LoadState {
            done: self.done.get(),
            pending: self.pending.with(|p| p.len()),
        }
    }

    /// Forgets the failures and lets loaders try again.
    pub fn retry(&self) {
        self.errors.set(Vec::new());
        self.attempt.update(|a| *a += 1);
    }

    /// The loaded data of `level` (tracked).
    pub fn level(&self, level: Level) -> LevelData {
        self.levels.with(|l| l.get(&level).cloned().unwrap_or_default())
    }

    /// The loaded data of `level` without tracking.
    pub fn level_untracked(&self, level: Level) -> LevelData {
        self.levels
            .with_untracked(|l| l.get(&level).cloned().unwrap_or_default())
    }

    /// The indicator `id` of the manifest (tracked).
    pub fn indicator(&self, id: &str) -> Option<Indicator> {
        self.manifest
            .with(|m| m.as_ref().and_then(|m| m.indicator(id).cloned()))
    }

    /// The name of an area, if its level's index is loaded (tracked).
    pub fn name(&self, code: &AreaCode) -> Option<String> {
        let data = self.level(code.level());
        let row = *data.rows?.get(code.as_str())?;
        data.index.map(|i| i.names[row].clone())
    }

    /// The value of indicator `ind` for the area in `row` of `level` (tracked).
    pub fn value(&self, level: Level, ind: &Indicator, row: usize) -> Option<f64> {
        self.level(level).tables.get(&ind.group)?.get(&ind.id, row)
    }

    /// Starts loading the manifest (once).
    pub fn load_manifest(&self) {
        let store = *self;
        if !self.begin("manifest.json") {
            return;
        }
        spawn_local(async move {
            let result = fetch_text("manifest.json").await.and_then(|text| {
                let m: Manifest = serde_json::from_str(&text)
                    .map_err(|e| FormatError::parse("manifest.json", "manifest", e))?;
                if m.format_version != FORMAT_VERSION {
                    return Err(DataError::Format(FormatError::Version {
                        file: "manifest.json".into(),
                        found: m.format_version,
                        expected: FORMAT_VERSION,
                    }));
                }
                Ok(m)
            });
            match result {
                Ok(m) => store.manifest.set(Some(Arc::new(m))),
                Err(e) => store.fail(e),
            }
            store.finish("manifest.json");
        });
    }

    /// Starts loading the area index of `level` (names), if not loaded or loading.
    pub fn ensure_index(&self, level: Level) {
        let Some(file) = self.file_of(level, |l| l.index_file.clone()) else {
            return;
        };
        if self.level_untracked(level).index.is_some() || !self.begin(&file) {
            return;
        }
        let store = *self;
        spawn_local(async move {
            match fetch_text(&file).await.and_then(|t| Ok(AreaIndex::from_json(&file, &t)?)) {
                Ok(index) => {
                    let rows: HashMap<String, usize> =
                        index.codes.iter().enumerate().map(|(i, c)| (c.clone(), i)).collect();
                    store.levels.update(|l| {
                        let d = l.entry(level).or_default();
                        d.index = Some(Arc::new(index));
                        d.rows = Some(Arc::new(rows));
                    });
                    store.build_shapes_if_ready(level);
                }
                Err(e) => store.fail(e),
            }
            store.finish(&file);
        });
    }

    /// Starts loading the boundaries (and names) of `level`.
    pub fn ensure_geometry(&self, level: Level) {
        self.ensure_index(level);
        let Some(file) = self.file_of(level, |l| l.geometry_file.clone()) else {
            return;
        };
        if self.level_untracked(level).shapes.is_some() || !self.begin(&file) {
            return;
        }
        let store = *self;
        spawn_local(async move {
            match fetch_text(&file).await.and_then(|t| Ok(Topology::from_json(&file, &t)?)) {
                Ok(topo) => {
                    TOPOLOGIES.with(|t| t.borrow_mut().insert(level, topo));
                    store.build_shapes_if_ready(level);
                }
                Err(e) => store.fail(e),
            }
            store.finish(&file);
        });
    }

    /// Starts loading the value table `group` of `level`.
    pub fn ensure_table(&self, level: Level, group: &str) {
        let Some(file) = self.file_of(level, |l| l.value_files.get(group).cloned().unwrap_or_default())
        else {
            return;
        };
        if file.is_empty()
            || self.level_untracked(level).tables.contains_key(group)
            || !self.begin(&file)
        {
            return;
        }
        let store = *self;
        let group = group.to_string();
        spawn_local(async move {
            match fetch_text(&file).await.and_then(|t| Ok(ValueTable::from_json(&file, &t)?)) {
                Ok(table) => store.levels.update(|l| {
                    l.entry(level).or_default().tables.insert(group, Arc::new(table));
                }),
                Err(e) => store.fail(e),
            }
            store.finish(&file);
        });
    }

    fn file_of(&self, level: Level, f: impl Fn(&buurtkaart_model::LevelFiles) -> String) -> Option<String> {
        self.manifest
            .with_untracked(|m| m.as_ref().and_then(|m| m.level(level).map(&f)))
    }

    /// Marks `file` as in flight; false if it already is or has failed this attempt.
    fn begin(&self, file: &str) -> bool {
        let failed = self.errors.with_untracked(|e| e.iter().any(|e| e.file() == file));
        if failed || self.pending.with_untracked(|p| p.contains(file)) {
            return false;
        }
        self.pending.update(|p| {
            p.insert(file.to_string());
        });
        true
    }

    fn finish(&self, file: &str) {
        self.pending.update(|p| {
            p.remove(file);
        });
        self.done.update(|d| *d += 1);
    }

    fn fail(&self, e: DataError) {
        leptos::logging::warn!("buurtkaart: {e}");
        self.errors.update(|errs| errs.push(e));
    }

    fn build_shapes_if_ready(&self, level: Level) {
        let Some(rows) = self.level_untracked(level).rows else {
            return;
        };
        let Some(topo) = TOPOLOGIES.with(|t| t.borrow_mut().remove(&level)) else {
            return;
        };
        match AreaShapes::from_topology(&topo, |c| rows.get(c).copied(), &Self::projection()) {
            Ok(shapes) => self.levels.update(|l| {
                l.entry(level).or_default().shapes = Some(Arc::new(shapes));
            }),
            Err(e) => self.fail(e.into()),
        }
    }
}

thread_local! {
    /// Topologies that arrived before their area index, waiting to be turned into shapes.
    static TOPOLOGIES: std::cell::RefCell<HashMap<Level, Topology>> = Default::default();
}
