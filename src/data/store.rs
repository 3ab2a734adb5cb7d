//! The loaded data, shared through context. Files are fetched once, on demand; recolouring is a
//! lookup in loaded tables, never a reload.
use super::error::DataError;
use super::fetch::fetch_bytes;
use super::redeploy::MANIFEST;
use crate::carto::labels::{anchors, Anchor};
use crate::carto::{AreaShapes, Projection};
use buurtkaart_model::{
    AreaCode, AreaIndex, FormatError, GemeenteDetail, GemeentePack, Indicator, LabelTable, Level,
    Manifest, Topology, ValueTable, WijkHistory, FORMAT_VERSION,
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
    /// Single-column tables by indicator id (the first map's column, before its group).
    pub columns: HashMap<String, Arc<ValueTable>>,
    /// Where the map writes each area's name, per row of `index` (projected).
    pub labels: Option<Arc<Vec<Option<Anchor>>>>,
}

impl LevelData {
    /// A loaded table with the column of `ind`: its group's, else its own single column.
    pub fn table_for(&self, ind: &Indicator) -> Option<Arc<ValueTable>> {
        self.tables
            .get(&ind.group)
            .or_else(|| self.columns.get(&ind.id))
            .cloned()
    }
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
    /// Yearly series per gemeente (`detail/GMxxxx.json`), by gemeente code.
    details: RwSignal<HashMap<String, Arc<GemeenteDetail>>>,
    /// The Leefbaarometer history of the wijken (`wijk.history.json`).
    history: RwSignal<Option<Arc<WijkHistory>>>,
    /// The one gemeente an embed shows: then every level comes from that gemeente's pack and
    /// detail files, and no national file is fetched.
    scope: RwSignal<Option<String>>,
    /// Detail geometry asked for, per level and gemeente (loading, loaded or failed).
    detail_asked: RwSignal<HashSet<(Level, String)>>,
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
            details: RwSignal::new(HashMap::new()),
            history: RwSignal::new(None),
            scope: RwSignal::new(None),
            detail_asked: RwSignal::new(HashSet::new()),
        }
    }

    /// Limits the data to one gemeente (an embed): from now on the store fetches that
    /// gemeente's pack and detail geometry instead of the national files. Set it before
    /// anything is loaded.
    pub fn scope_to(&self, gemeente: &AreaCode) {
        self.scope.set(Some(gemeente.gemeente().to_string()));
    }

    /// The gemeente the data is limited to, if any (untracked).
    pub fn scope(&self) -> Option<String> {
        self.scope.get_untracked()
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
        self.levels
            .with(|l| l.get(&level).cloned().unwrap_or_default())
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
        self.level(level).table_for(ind)?.get(&ind.id, row)
    }

    /// Starts loading the manifest (once).
    pub fn load_manifest(&self) {
        let store = *self;
        if !self.begin(MANIFEST) {
            return;
        }
        spawn_local(async move {
            let text = fetch_bytes(MANIFEST).await;
            crate::perf::mark("fetched:manifest.json");
            let result = text.and_then(|text| {
                let m: Manifest = serde_json::from_slice(&text)
                    .map_err(|e| FormatError::parse(MANIFEST, "manifest", e))?;
                if m.format_version != FORMAT_VERSION {
                    return Err(DataError::Format(FormatError::Version {
                        file: MANIFEST.into(),
                        found: m.format_version,
                        expected: FORMAT_VERSION,
                    }));
                }
                Ok(m)
            });
            match result {
                Ok(m) => {
                    crate::perf::mark("parsed:manifest.json");
                    store.manifest.set(Some(Arc::new(m)));
                    crate::perf::mark("rendered:manifest.json");
                }
                Err(e) => store.fail(e),
            }
            store.finish(MANIFEST);
        });
    }

    /// Starts loading the area index of `level` (names), if not loaded or loading.
    pub fn ensure_index(&self, level: Level) {
        if let Some(g) = self.scope() {
            return self.ensure_pack(&g);
        }
        let Some(file) = self.file_of(level, |l| l.index_file.clone()) else {
            return;
        };
        if self.level_untracked(level).index.is_some() || !self.begin(&file) {
            return;
        }
        let store = *self;
        spawn_local(async move {
            match fetch_bytes(&file)
                .await
                .and_then(|t| Ok(AreaIndex::from_slice(&file, &t)?))
            {
                Ok(index) => {
                    let rows = rows_of(&index);
                    store.levels.update(|l| {
                        let d = l.entry(level).or_default();
                        d.index = Some(Arc::new(index));
                        d.rows = Some(Arc::new(rows));
                    });
                    store.build_shapes_if_ready(level).await;
                }
                Err(e) => store.fail(e),
            }
            store.finish(&file);
        });
    }

    /// Starts loading where the map writes the names of `level`. Names are an extra: a file
    /// that fails leaves the map without them, not with an error. An embed has them from its
    /// gemeente's pack.
    pub fn ensure_labels(&self, level: Level) {
        if self.scope().is_some() {
            return;
        }
        let Some(file) = self.file_of(level, |l| l.labels_file.clone()) else {
            return;
        };
        if self.level_untracked(level).labels.is_some() || !self.begin(&file) {
            return;
        }
        let store = *self;
        spawn_local(async move {
            let table = fetch_bytes(&file)
                .await
                .and_then(|t| Ok(LabelTable::from_slice(&file, &t)?));
            // A bad file counts as "no names" (and is not fetched again).
            let anchors = match table {
                Ok(t) if t.level == level => anchors(&t, &Self::projection()),
                _ => Vec::new(),
            };
            store.levels.update(|l| {
                l.entry(level).or_default().labels = Some(Arc::new(anchors));
            });
            store.finish(&file);
        });
    }

    /// Starts loading the boundaries (and names) of `level`.
    pub fn ensure_geometry(&self, level: Level) {
        self.ensure_index(level);
        let file = match self.scope() {
            Some(g) if !self.known_gemeente(&g) => return,
            Some(g) => self.file_of(level, |l| Manifest::for_gemeente(&l.detail_file, &g)),
            None => self.file_of(level, |l| l.geometry_file.clone()),
        };
        let Some(file) = file else {
            return;
        };
        if self.level_untracked(level).shapes.is_some() || !self.begin(&file) {
            return;
        }
        let store = *self;
        spawn_local(async move {
            let text = fetch_bytes(&file).await;
            crate::perf::mark(&format!("fetched:{file}"));
            // Parsing the buurt boundaries is a long step: a task of its own, not the tail of
            // whatever task delivered the bytes.
            crate::perf::yield_to_browser().await;
            match text.and_then(|t| Ok(Topology::from_slice(&file, &t)?)) {
                Ok(topo) => {
                    crate::perf::mark(&format!("parsed:{file}"));
                    TOPOLOGIES.with(|t| t.borrow_mut().insert(level, topo));
                    store.build_shapes_if_ready(level).await;
                }
                Err(e) => store.fail(e),
            }
            store.finish(&file);
        });
    }

    /// Starts loading the value table `group` of `level`.
    pub fn ensure_table(&self, level: Level, group: &str) {
        if let Some(g) = self.scope() {
            return self.ensure_pack(&g);
        }
        let Some(file) = self.file_of(level, |l| {
            l.value_files.get(group).cloned().unwrap_or_default()
        }) else {
            return;
        };
        if file.is_empty()
            || self.level_untracked(level).tables.contains_key(group)
            || !self.begin(&file)
        {
            return;
        }
        let group = group.to_string();
        self.load_table(level, file, move |d, t| {
            d.tables.insert(group, t);
        });
    }

    /// Fetches the value table `file` of `level` (already begun) and keeps it with `put`.
    fn load_table(
        &self,
        level: Level,
        file: String,
        put: impl FnOnce(&mut LevelData, Arc<ValueTable>) + 'static,
    ) {
        let store = *self;
        spawn_local(async move {
            let text = fetch_bytes(&file).await;
            crate::perf::mark(&format!("fetched:{file}"));
            match text.and_then(|t| Ok(ValueTable::from_slice(&file, &t)?)) {
                Ok(table) => {
                    crate::perf::mark(&format!("parsed:{file}"));
                    // Parsing a big table (the buurt CBS table, 840 KB) and what the page does
                    // with it (the panel, the map) are a task each, not one of over 50 ms.
                    crate::perf::yield_to_browser().await;
                    store
                        .levels
                        .update(|l| put(l.entry(level).or_default(), Arc::new(table)))
                }
                Err(e) => store.fail(e),
            }
            store.finish(&file);
        });
    }

    /// Starts loading what colouring by `ind` at `level` needs: its group's table, or only
    /// its column when the data has that on its own (the first map: the class column is a
    /// twentieth of the Leefbaarometer table).
    pub fn ensure_values(&self, level: Level, ind: &Indicator) {
        if self.scope().is_some() {
            return self.ensure_table(level, &ind.group);
        }
        let data = self.level_untracked(level);
        if data.table_for(ind).is_some() {
            return;
        }
        let Some(file) = self.file_of(level, |l| {
            l.column_files.get(&ind.id).cloned().unwrap_or_default()
        }) else {
            return;
        };
        if file.is_empty() {
            return self.ensure_table(level, &ind.group);
        }
        if !self.begin(&file) {
            return;
        }
        let id = ind.id.clone();
        self.load_table(level, file, move |d, t| {
            d.columns.insert(id, t);
        });
    }

    fn file_of(
        &self,
        level: Level,
        f: impl Fn(&buurtkaart_model::LevelFiles) -> String,
    ) -> Option<String> {
        self.manifest
            .with_untracked(|m| m.as_ref().and_then(|m| m.level(level).map(&f)))
    }

    /// Marks `file` as in flight; false if it already is or has failed this attempt.
    fn begin(&self, file: &str) -> bool {
        let failed = self
            .errors
            .with_untracked(|e| e.iter().any(|e| e.file() == file));
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

    /// Records the failure `e` for the error box; a missing content-hashed file first checks
    /// whether the data was redeployed ([`super::redeploy`]).
    fn fail(&self, e: DataError) {
        if !self.check_redeploy(&e) {
            self.record(e);
        }
    }

    /// Records `e` as it is.
    pub(super) fn record(&self, e: DataError) {
        leptos::logging::warn!("buurtkaart: {e}");
        self.errors.update(|errs| errs.push(e));
    }

    /// Builds the shapes of `level` once both its index and its topology are in, and hands them
    /// to the page. Each of the two is a task of its own (see [`crate::perf::yield_to_browser`]):
    /// building the national buurt shapes and drawing them for the first time are the load's
    /// longest steps. The caller finishes its file only after this, so that the file counts as
    /// in flight until its shapes are in (no second fetch in between).
    async fn build_shapes_if_ready(&self, level: Level) {
        let Some(rows) = self.level_untracked(level).rows else {
            return;
        };
        let Some(topo) = TOPOLOGIES.with(|t| t.borrow_mut().remove(&level)) else {
            return;
        };
        crate::perf::yield_to_browser().await;
        let built = AreaShapes::from_topology(&topo, |c| rows.get(c).copied(), &Self::projection());
        drop(topo);
        match built {
            Ok(shapes) => {
                crate::perf::mark(&format!("shapes:{}", level.id()));
                crate::perf::yield_to_browser().await;
                let shapes = Arc::new(shapes);
                DETAILS.with(|d| d.borrow_mut().overview.insert(level, shapes.clone()));
                self.levels.update(|l| {
                    l.entry(level).or_default().shapes = Some(shapes);
                });
                self.merge_details(level);
            }
            Err(e) => self.fail(e.into()),
        }
    }
}

/// Levels of detail: the national overview is refined with a gemeente's full-detail geometry
/// when the view comes close (see `components::map::detail`).
impl DataStore {
    /// The scale (px per km) from which the gemeenten in view get their detail geometry.
    pub fn detail_scale(&self) -> Option<f64> {
        self.manifest
            .with_untracked(|m| m.as_ref().map(|m| m.detail_scale))
    }

    /// Starts loading the full-detail geometry of `gemeente` at `level` (once; again after
    /// "opnieuw proberen"), to replace the overview's shapes of its areas. Does nothing in an
    /// embed, whose geometry is already the detail.
    pub fn ensure_detail_geometry(&self, level: Level, gemeente: &str) {
        if self.scope().is_some() {
            return;
        }
        let Some(file) = self.file_of(level, |l| Manifest::for_gemeente(&l.detail_file, gemeente))
        else {
            return;
        };
        let key = (level, gemeente.to_string());
        if self.detail_asked.with_untracked(|d| d.contains(&key)) || !self.begin(&file) {
            return;
        }
        self.detail_asked.update(|d| {
            d.insert(key.clone());
        });
        let store = *self;
        spawn_local(async move {
            // A view that comes close asks for dozens of gemeenten at once, and starting a
            // request costs about a millisecond: started in one go they made selecting a buurt
            // one task of 80 ms (issue 20 item 4). Each starts in a task of its own.
            crate::perf::yield_to_browser().await;
            let text = fetch_bytes(&file).await;
            match text.and_then(|t| Ok(Topology::from_slice(&file, &t)?)) {
                Ok(topo) => {
                    // Files that arrive close together are merged together: each merge
                    // rebuilds the level's shapes and the map redraws.
                    let first = DETAILS.with(|d| {
                        let mut d = d.borrow_mut();
                        let pending = d.pending.entry(level).or_default();
                        pending.push((key.1.clone(), topo));
                        pending.len() == 1
                    });
                    if first {
                        set_timeout(move || store.merge_details(level), MERGE_WINDOW);
                    }
                }
                Err(e) => {
                    // Asked again after "opnieuw proberen".
                    store.detail_asked.update(|d| {
                        d.remove(&key);
                    });
                    store.fail(e);
                }
            }
            store.finish(&file);
        });
    }

    /// Merges the detail topologies that arrived into the level's shapes, all at once. The
    /// shapes are rebuilt from the overview with the [`MAX_DETAILED`] most recent gemeenten;
    /// older ones fall back to the overview (and load again when they come back into view).
    fn merge_details(&self, level: Level) {
        let data = self.level_untracked(level);
        let (Some(current), Some(rows)) = (data.shapes, data.rows) else {
            return;
        };
        let (pending, overview) = DETAILS.with(|d| {
            let mut d = d.borrow_mut();
            let overview = d.overview.entry(level).or_insert(current).clone();
            (d.pending.remove(&level).unwrap_or_default(), overview)
        });
        if pending.is_empty() {
            return;
        }
        let mut parsed = Vec::new();
        for (g, topo) in &pending {
            match AreaShapes::from_topology(topo, |c| rows.get(c).copied(), &Self::projection()) {
                Ok(s) => parsed.push((g.clone(), s)),
                Err(e) => self.fail(e.into()),
            }
        }
        let (merged, dropped) = DETAILS.with(|d| {
            let mut d = d.borrow_mut();
            let kept = d.merged.entry(level).or_default();
            kept.extend(parsed);
            let excess = kept.len().saturating_sub(MAX_DETAILED);
            let dropped: Vec<String> = kept.drain(..excess).map(|(g, _)| g).collect();
            (overview.with_detail(kept.iter().map(|(_, s)| s)), dropped)
        });
        if !dropped.is_empty() {
            self.detail_asked.update(|a| {
                for g in dropped {
                    a.remove(&(level, g));
                }
            });
        }
        crate::perf::mark(&format!("detail:{}", level.id()));
        self.levels.update(|l| {
            l.entry(level).or_default().shapes = Some(Arc::new(merged));
        });
    }

    /// Whether the manifest lists `gemeente` (untracked; false before the manifest).
    fn known_gemeente(&self, gemeente: &str) -> bool {
        self.manifest.with_untracked(|m| {
            m.as_ref()
                .is_some_and(|m| m.gemeenten.iter().any(|g| g == gemeente))
        })
    }

    /// Starts loading the pack of `gemeente` (names and values of its areas, all levels), for
    /// an embed limited to it. For a gemeente the data does not have, every level gets an empty
    /// index at once, so the embed says the area is not found.
    fn ensure_pack(&self, gemeente: &str) {
        let loaded = self
            .levels
            .with_untracked(|l| l.values().any(|d| d.index.is_some()));
        if loaded || self.manifest.with_untracked(Option::is_none) {
            return;
        }
        if !self.known_gemeente(gemeente) {
            self.levels.update(|l| {
                for level in Level::ALL {
                    let d = l.entry(level).or_default();
                    d.index = Some(Arc::new(AreaIndex {
                        level,
                        codes: Vec::new(),
                        names: Vec::new(),
                        postcodes: Vec::new(),
                    }));
                    d.rows = Some(Arc::new(HashMap::new()));
                }
            });
            return;
        }
        let Some(file) = self.manifest.with_untracked(|m| {
            m.as_ref()
                .map(|m| Manifest::for_gemeente(&m.pack_file, gemeente))
        }) else {
            return;
        };
        if !self.begin(&file) {
            return;
        }
        let store = *self;
        spawn_local(async move {
            let parsed = fetch_bytes(&file).await.and_then(|t| {
                serde_json::from_slice::<GemeentePack>(&t)
                    .map_err(|e| FormatError::parse(&file, "gemeente pack", e).into())
            });
            match parsed {
                Ok(pack) => {
                    store.levels.update(|l| {
                        for p in pack.levels {
                            let level = p.index.level;
                            let rows = rows_of(&p.index);
                            let d = l.entry(level).or_default();
                            d.index = Some(Arc::new(p.index));
                            d.rows = Some(Arc::new(rows));
                            d.tables = p
                                .tables
                                .into_iter()
                                .map(|(g, t)| (g, Arc::new(t)))
                                .collect();
                            // An older pack without names: the embed has none, as before.
                            d.labels = Some(Arc::new(
                                p.labels
                                    .filter(|t| t.level == level)
                                    .map(|t| anchors(&t, &Self::projection()))
                                    .unwrap_or_default(),
                            ));
                        }
                    });
                    for level in Level::ALL {
                        store.build_shapes_if_ready(level).await;
                    }
                }
                Err(e) => store.fail(e),
            }
            store.finish(&file);
        });
    }
}

/// The panel's extra files: yearly series per gemeente and the wijk history.
impl DataStore {
    /// Starts loading the gemeente's series file (`detail/{gemeente}.json`: crime and health series of the gemeente and its
    /// buurten), if not loaded or loading. Call it only for a gemeente that exists.
    pub fn ensure_detail(&self, gemeente: &AreaCode) {
        let code = gemeente.gemeente().to_string();
        let Some(file) = self.manifest.with_untracked(|m| {
            m.as_ref()
                .map(|m| Manifest::for_gemeente(&m.series_file, &code))
        }) else {
            return;
        };
        if self.details.with_untracked(|d| d.contains_key(&code)) || !self.begin(&file) {
            return;
        }
        let store = *self;
        spawn_local(async move {
            let parsed = fetch_bytes(&file).await.and_then(|t| {
                serde_json::from_slice::<GemeenteDetail>(&t)
                    .map_err(|e| FormatError::parse(&file, "gemeente detail", e).into())
            });
            match parsed {
                Ok(d) => store.details.update(|m| {
                    m.insert(code, Arc::new(d));
                }),
                Err(e) => store.fail(e),
            }
            store.finish(&file);
        });
    }

    /// The loaded detail file of `gemeente` (tracked).
    pub fn detail(&self, gemeente: &AreaCode) -> Option<Arc<GemeenteDetail>> {
        let code = gemeente.gemeente();
        self.details.with(|d| d.get(code.as_str()).cloned())
    }

    /// How many detail files are loaded (tracked): a cheap signal that one arrived.
    pub fn detail_count(&self) -> usize {
        self.details.with(|d| d.len())
    }

    /// Starts loading the wijk history (`wijk.history.json`: Leefbaarometer 2002–2022 per
    /// wijk), once.
    pub fn ensure_history(&self) {
        let Some(file) = self
            .manifest
            .with_untracked(|m| m.as_ref().map(|m| m.history_file.clone()))
        else {
            return;
        };
        if self.history.with_untracked(|h| h.is_some()) || !self.begin(&file) {
            return;
        }
        let store = *self;
        spawn_local(async move {
            let parsed = fetch_bytes(&file).await.and_then(|t| {
                serde_json::from_slice::<WijkHistory>(&t)
                    .map_err(|e| FormatError::parse(&file, "wijk history", e).into())
            });
            match parsed {
                Ok(h) => store.history.set(Some(Arc::new(h))),
                Err(e) => store.fail(e),
            }
            store.finish(&file);
        });
    }

    /// The wijk history, once loaded (tracked).
    pub fn history(&self) -> Option<Arc<WijkHistory>> {
        self.history.get()
    }
}

/// Code → row of an area index.
fn rows_of(index: &AreaIndex) -> HashMap<String, usize> {
    index
        .codes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.clone(), i))
        .collect()
}

/// How long detail files that arrive one after another are collected before they are merged
/// (one rebuild of the shapes and one redraw for all of them).
const MERGE_WINDOW: std::time::Duration = std::time::Duration::from_millis(40);

/// How many gemeenten per level are drawn in full detail at most (a bounded cache: each costs
/// a few hundred kB of wasm memory at most).
pub const MAX_DETAILED: usize = 80;

/// Detail geometry per level, outside the reactive graph (only the merged shapes are signals).
#[derive(Default)]
struct Details {
    /// Arrived, by gemeente, not merged yet.
    pending: HashMap<Level, Vec<(String, Topology)>>,
    /// The national overview shapes each merge starts from.
    overview: HashMap<Level, Arc<AreaShapes>>,
    /// Merged, oldest first.
    merged: HashMap<Level, Vec<(String, AreaShapes)>>,
}

thread_local! {
    /// Topologies that arrived before their area index, waiting to be turned into shapes.
    static TOPOLOGIES: std::cell::RefCell<HashMap<Level, Topology>> = Default::default();
    /// The levels of detail: what waits to be merged, and what is merged into what.
    static DETAILS: std::cell::RefCell<Details> = Default::default();
}
