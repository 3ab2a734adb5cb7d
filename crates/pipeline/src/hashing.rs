//! Content-hashed names for the written files (see [`buurtkaart_model::naming`]): each national
//! file is named after the SHA-256 of its bytes, each folder of per-gemeente files after one
//! hash over all its files. Only `manifest.json` keeps its name; it lists the others.

use crate::sources::hex;
use crate::write::Output;
use buurtkaart_model::naming::{hashed_dir, hashed_file};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// The one file whose name never changes.
pub const MANIFEST: &str = "manifest.json";

/// Logical → hashed names of one build.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Names {
    /// Top-level files: `buurt.topo.json` → `buurt.topo.3fa2c1d0e5.json`.
    pub files: BTreeMap<String, String>,
    /// Folders: `geo/buurt/` → `geo/buurt.3fa2c1d0e5/`.
    pub folders: BTreeMap<String, String>,
}

impl Names {
    /// The names of every file in `out` (by their logical paths), but the manifest.
    pub fn of(out: &Output) -> Names {
        let mut names = Names::default();
        let mut folders: BTreeMap<String, Sha256> = BTreeMap::new();
        for (path, bytes) in &out.files {
            if path == MANIFEST {
                continue;
            }
            match path.rfind('/') {
                Some(slash) => {
                    // Name and length go in too: a renamed or split file changes the hash.
                    let h = folders.entry(path[..=slash].to_string()).or_default();
                    h.update(&path.as_bytes()[slash + 1..]);
                    h.update([0]);
                    h.update((bytes.len() as u64).to_le_bytes());
                    h.update(bytes);
                }
                None => {
                    names.add_file(path, bytes);
                }
            }
        }
        for (folder, h) in folders {
            let hashed = hashed_dir(&folder, &hex(&h.finalize()));
            names.folders.insert(folder, hashed);
        }
        names
    }

    /// Names the top-level file `logical` after `bytes`; returns the hashed name.
    pub fn add_file(&mut self, logical: &str, bytes: &[u8]) -> String {
        let hashed = hashed_file(logical, &hex(&Sha256::digest(bytes)));
        self.files.insert(logical.to_string(), hashed.clone());
        hashed
    }

    /// Adds `value` to `out` as indented JSON under its content-hashed name (the manifest's
    /// provenance file, written after the other names are known); returns that name.
    pub fn add_json_pretty<T: serde::Serialize>(
        &mut self,
        out: &mut Output,
        logical: &str,
        value: &T,
    ) -> crate::error::Result<String> {
        out.json_pretty(logical, value)?;
        let bytes = out.files.remove(logical).unwrap_or_default();
        let hashed = self.add_file(logical, &bytes);
        out.files.insert(hashed.clone(), bytes);
        Ok(hashed)
    }

    /// The hashed name of a logical path or template (`geo/buurt/{gemeente}.json`); a path
    /// these names do not know stays as it is.
    pub fn name(&self, logical: &str) -> String {
        if let Some(n) = self.files.get(logical) {
            return n.clone();
        }
        match logical.rfind('/') {
            Some(slash) => match self.folders.get(&logical[..=slash]) {
                Some(folder) => format!("{folder}{}", &logical[slash + 1..]),
                None => logical.to_string(),
            },
            None => logical.to_string(),
        }
    }

    /// Renames every file of `out` to its hashed name.
    pub fn rename(&self, out: &mut Output) {
        out.files = std::mem::take(&mut out.files)
            .into_iter()
            .map(|(path, bytes)| (self.name(&path), bytes))
            .collect();
    }

    /// Files and folders in one table (logical → hashed), for `index.html`'s preload.
    pub fn table(&self) -> BTreeMap<String, String> {
        self.files
            .iter()
            .chain(&self.folders)
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use buurtkaart_model::naming::logical_name;

    fn output(files: &[(&str, &str)]) -> Output {
        Output {
            files: files
                .iter()
                .map(|(p, b)| (p.to_string(), b.as_bytes().to_vec()))
                .collect(),
        }
    }

    #[test]
    fn names_follow_content() {
        let a = output(&[
            ("manifest.json", "{}"),
            ("buurt.topo.json", "A"),
            ("geo/buurt/GM0001.json", "x"),
            ("geo/buurt/GM0002.json", "y"),
        ]);
        let na = Names::of(&a);
        assert_eq!(na.name("manifest.json"), "manifest.json");
        let topo = na.name("buurt.topo.json");
        assert_ne!(topo, "buurt.topo.json");
        assert_eq!(logical_name(&topo), "buurt.topo.json");
        let tpl = na.name("geo/buurt/{gemeente}.json");
        assert!(tpl.starts_with("geo/buurt.") && tpl.ends_with("/{gemeente}.json"));

        // One changed gemeente file renames its folder, not the national file.
        let b = output(&[
            ("buurt.topo.json", "A"),
            ("geo/buurt/GM0001.json", "x"),
            ("geo/buurt/GM0002.json", "z"),
        ]);
        let nb = Names::of(&b);
        assert_eq!(nb.name("buurt.topo.json"), topo);
        assert_ne!(
            nb.name("geo/buurt/GM0001.json"),
            na.name("geo/buurt/GM0001.json")
        );

        let mut renamed = a.clone();
        na.rename(&mut renamed);
        assert!(renamed.files.contains_key("manifest.json"));
        assert!(renamed.files.contains_key(&topo));
        assert_eq!(renamed.files.len(), 4);
        for path in renamed.files.keys() {
            assert!(a.files.contains_key(&logical_name(path)), "{path}");
        }
    }
}
