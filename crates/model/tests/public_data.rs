//! Reads the committed `public/data/` with the model types, as the app does, and writes it
//! back: the pipeline's output and this crate agree on the format.

use buurtkaart_model::{
    AreaIndex, GemeenteDetail, GemeentePack, Level, Manifest, Provenance, Topology, ValueTable,
    WijkHistory, FORMAT_VERSION,
};
use std::path::Path;

/// The committed data folder and its manifest; `None` (and a note) when there is none.
fn data() -> Option<(std::path::PathBuf, Manifest)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/data");
    if !dir.join("manifest.json").exists() {
        eprintln!("skipped: no public/data/manifest.json");
        return None;
    }
    let m = serde_json::from_str(&read(&dir, "manifest.json")).unwrap();
    Some((dir, m))
}

fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn committed_data_parses_and_round_trips() {
    let Some((dir, m)) = data() else {
        return;
    };
    assert_eq!(m.format_version, FORMAT_VERSION);
    let back: Manifest = serde_json::from_str(&serde_json::to_string(&m).unwrap()).unwrap();
    assert_eq!(back, m);
    for level in &m.levels {
        let index =
            AreaIndex::from_json(&level.index_file, &read(&dir, &level.index_file)).unwrap();
        assert_eq!(index.len(), level.areas);
        let topo =
            Topology::from_json(&level.geometry_file, &read(&dir, &level.geometry_file)).unwrap();
        let geoms = &topo.objects[level.level.id()].geometries;
        assert_eq!(geoms.len(), level.with_geometry);
        for file in level.value_files.values() {
            let t = ValueTable::from_json(file, &read(&dir, file)).unwrap();
            assert_eq!(t.rows, index.len(), "{file}");
        }
    }
    let h: WijkHistory = serde_json::from_str(&read(&dir, &m.history_file)).unwrap();
    assert!(h.wijken.iter().all(|w| w.lbm.len() == h.years.len()));
    let series = Manifest::for_gemeente(&m.series_file, "GM0363");
    let d: GemeenteDetail = serde_json::from_str(&read(&dir, &series)).unwrap();
    // Every gemeente has a pack and detail geometry of every level, with the same areas as
    // the national files.
    let file = &m.level(Level::Gemeente).unwrap().index_file;
    let gemeenten = AreaIndex::from_json(file, &read(&dir, file)).unwrap();
    assert_eq!(gemeenten.codes.len(), 342);
    let mut detailed = 0;
    for g in &gemeenten.codes {
        let pack: GemeentePack =
            serde_json::from_str(&read(&dir, &Manifest::for_gemeente(&m.pack_file, g))).unwrap();
        assert_eq!(&pack.gemeente, g);
        for level in &m.levels {
            let file = Manifest::for_gemeente(&level.detail_file, g);
            let topo = Topology::from_json(&file, &read(&dir, &file)).unwrap();
            detailed += topo.objects[level.level.id()].geometries.len();
        }
    }
    assert_eq!(
        detailed,
        m.levels.iter().map(|l| l.with_geometry).sum::<usize>()
    );
    assert_eq!(d.gemeente, "GM0363");
    let p: Provenance = serde_json::from_str(&read(&dir, &m.provenance_file)).unwrap();
    for f in &p.files {
        let bytes = std::fs::metadata(dir.join(&f.path)).unwrap().len();
        assert_eq!(bytes, f.bytes, "{}", f.path);
    }
}

/// Every data file but the manifest has a content-hashed name, and the manifest names only
/// files that exist.
#[test]
fn data_file_names_are_hashed_and_exist() {
    use buurtkaart_model::naming::logical_name;
    let Some((dir, m)) = data() else {
        return;
    };
    let mut named: Vec<String> = vec![
        m.history_file.clone(),
        m.provenance_file.clone(),
        Manifest::for_gemeente(&m.pack_file, "GM0014"),
        Manifest::for_gemeente(&m.series_file, "GM0014"),
    ];
    for l in &m.levels {
        named.extend([l.index_file.clone(), l.geometry_file.clone()]);
        named.push(Manifest::for_gemeente(&l.detail_file, "GM0014"));
        named.extend(l.value_files.values().cloned());
        named.extend(l.column_files.values().cloned());
    }
    for file in &named {
        assert_ne!(&logical_name(file), file, "{file} has no content hash");
        assert!(
            dir.join(file).is_file(),
            "the manifest names {file}, which is missing"
        );
    }
}

#[test]
fn indicators_fall_back_within_their_group_where_a_level_lacks_them() {
    let Some((_, m)) = data() else {
        return;
    };
    let at = |id: &str, level| m.indicator_at(id, level).map(|i| i.id.as_str());
    // The class exists for buurten and gemeenten; wijken show the deviation instead.
    assert_eq!(at("lbm_klasse", Level::Buurt), Some("lbm_klasse"));
    assert_eq!(at("lbm_klasse", Level::Wijk), Some("lbm_afw"));
    assert_eq!(at("lbm_afw", Level::Wijk), Some("lbm_afw"));
    assert_eq!(at("geen_maat", Level::Buurt), None);
}
