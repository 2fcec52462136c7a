//! What the integration tests share: reading a folder of scenario files.
// Each test crate that includes this module uses a part of it.
#![allow(dead_code)]

use doctor401::diag::Scenario;
use std::path::{Path, PathBuf};

/// The shared corpus (`../shared/corpus`, or `$DOCTOR_CORPUS_DIR`).
pub fn corpus_dir() -> PathBuf {
    std::env::var_os("DOCTOR_CORPUS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"))
}

/// Every `*.json` scenario in `dir`, by file name in order; at least `min` of them, so a
/// missing folder cannot pass a test vacuously.
pub fn scenarios(dir: &Path, min: usize) -> Vec<(String, Scenario)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read scenarios at {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(
        files.len() >= min,
        "expected at least {min} scenarios in {}, found {}",
        dir.display(),
        files.len()
    );
    files
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(p).unwrap();
            let s = Scenario::from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, s)
        })
        .collect()
}
