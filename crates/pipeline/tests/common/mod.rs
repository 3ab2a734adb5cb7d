//! Helpers shared by the integration tests.
#![allow(dead_code)]

use buurtkaart_pipeline::{build, BuildOptions, Built, PipelineError};
use std::path::{Path, PathBuf};

/// `tests/fixtures/<rel>`.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// Copies `from` into `to` recursively, overwriting files.
pub fn copy_tree(from: &Path, to: &Path) {
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// A temporary source tree: the good fixture, with `bad/<case>` laid over it if given.
pub fn source_tree(case: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("good"), dir.path());
    if let Some(case) = case {
        copy_tree(&fixture(&format!("bad/{case}")), dir.path());
    }
    dir
}

/// Builds from `source` in memory.
pub fn build_from(source: &Path) -> Result<Built, PipelineError> {
    build(&BuildOptions {
        source: source.to_path_buf(),
        progress: false,
    })
}

/// The text of output file `path` of a build.
pub fn text(built: &Built, path: &str) -> String {
    let file = built.names.name(path);
    let bytes = built.output.files.get(&file);
    String::from_utf8(
        bytes
            .unwrap_or_else(|| panic!("no {path} ({file})"))
            .clone(),
    )
    .unwrap()
}
