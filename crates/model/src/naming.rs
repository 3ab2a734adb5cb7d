//! Content-hashed data file names.
//!
//! Every data file but `manifest.json` carries a hash of its content in its name, so a host
//! can cache it for good and a deploy never mixes old and new files: a national file gets the
//! hash of its own bytes (`buurt.topo.json` → `buurt.topo.3fa2c1d0e5.json`), a folder of
//! per-gemeente files gets one hash over all of them (`geo/buurt/` → `geo/buurt.3fa2c1d0e5/`).
//! The manifest lists the hashed names; the *logical* name (without hash) is what people,
//! reports and tests speak of.

/// Hex digits of the content hash in a name.
pub const HASH_LEN: usize = 10;

/// The hashed name of the file `logical` (`buurt.topo.json`, hash `3fa2c1d0e5…`) →
/// `buurt.topo.3fa2c1d0e5.json`: the hash goes before the last extension.
///
/// ```
/// use buurtkaart_model::naming::hashed_file;
/// assert_eq!(hashed_file("buurt.topo.json", "3fa2c1d0e5ff"), "buurt.topo.3fa2c1d0e5.json");
/// ```
pub fn hashed_file(logical: &str, hash: &str) -> String {
    let hash = &hash[..HASH_LEN.min(hash.len())];
    match logical.rfind('.') {
        Some(dot) if !logical[dot..].contains('/') => {
            format!("{}.{hash}{}", &logical[..dot], &logical[dot..])
        }
        _ => format!("{logical}.{hash}"),
    }
}

/// The hashed name of the folder `logical` (ending in `/`): `geo/buurt/` → `geo/buurt.3fa2c1d0e5/`.
///
/// ```
/// use buurtkaart_model::naming::hashed_dir;
/// assert_eq!(hashed_dir("pack/", "0123456789abcdef"), "pack.0123456789/");
/// ```
pub fn hashed_dir(logical: &str, hash: &str) -> String {
    let hash = &hash[..HASH_LEN.min(hash.len())];
    format!("{}.{hash}/", logical.trim_end_matches('/'))
}

/// The logical name of a data path: every content hash taken out again.
///
/// ```
/// use buurtkaart_model::naming::logical_name;
/// assert_eq!(logical_name("buurt.topo.3fa2c1d0e5.json"), "buurt.topo.json");
/// assert_eq!(logical_name("geo/buurt.3fa2c1d0e5/GM0363.json"), "geo/buurt/GM0363.json");
/// assert_eq!(logical_name("manifest.json"), "manifest.json");
/// ```
pub fn logical_name(path: &str) -> String {
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len() - 1;
    segments
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if i < last {
                strip_hash(s).to_string()
            } else {
                match s.rfind('.') {
                    Some(dot) if dot > 0 => format!("{}{}", strip_hash(&s[..dot]), &s[dot..]),
                    _ => strip_hash(s).to_string(),
                }
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The file under the data folder `dir` whose logical name (path relative to `dir`) is
/// `logical`: how tests, benchmarks and tools find `buurt.topo.json` on disk.
#[cfg(not(target_arch = "wasm32"))]
pub fn find_in(dir: &std::path::Path, logical: &str) -> Option<std::path::PathBuf> {
    // `prefix`: the logical path of `dir` below the data folder ("", "geo/", "geo/buurt/").
    fn walk(dir: &std::path::Path, prefix: &str, logical: &str) -> Option<std::path::PathBuf> {
        let mut entries: Vec<_> = std::fs::read_dir(dir).ok()?.flatten().collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.path().is_dir() {
                let sub = format!("{prefix}{}/", strip_hash(&name));
                if logical.starts_with(&sub) {
                    if let Some(found) = walk(&entry.path(), &sub, logical) {
                        return Some(found);
                    }
                }
            } else if format!("{prefix}{}", logical_name(&name)) == logical {
                return Some(entry.path());
            }
        }
        None
    }
    walk(dir, "", logical)
}

/// `name.0123456789` → `name`; anything else unchanged.
fn strip_hash(s: &str) -> &str {
    match s.len().checked_sub(HASH_LEN + 1) {
        Some(dot)
            if dot > 0
                && s.as_bytes()[dot] == b'.'
                && s[dot + 1..]
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) =>
        {
            &s[..dot]
        }
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for (logical, hashed) in [
            ("buurt.topo.json", "buurt.topo.0123456789.json"),
            ("wijk.history.json", "wijk.history.0123456789.json"),
            ("provenance.json", "provenance.0123456789.json"),
        ] {
            assert_eq!(hashed_file(logical, "0123456789abcdef"), hashed);
            assert_eq!(logical_name(hashed), logical);
        }
        let dir = hashed_dir("geo/buurt/", "abcdef0123456");
        assert_eq!(dir, "geo/buurt.abcdef0123/");
        assert_eq!(
            logical_name(&format!("{dir}GM0014.json")),
            "geo/buurt/GM0014.json"
        );
    }

    #[test]
    fn leaves_other_names_alone() {
        for name in [
            "manifest.json",
            "buurt.lbm_klasse.json",
            "x.ABCDEF0123.json",
            "x.012345678.json",
            ".0123456789.json",
            "",
        ] {
            assert_eq!(logical_name(name), name);
        }
    }
}
