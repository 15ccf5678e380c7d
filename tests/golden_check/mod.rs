//! Golden files of the interop tests (`tests/golden/`): an export compared byte for byte
//! with a file checked in beside the tests. After an intended change of an export,
//! `UPDATE_GOLDEN=1 cargo test --test interop_...` rewrites the files; review the diff
//! before committing. Under CI (`CI` set) nothing is ever written: a difference fails.
//!
//! Why not `insta`: its text snapshots trim the ends and turn CRLF into LF before they
//! compare, and our exports' CRLF line ends are part of what is tested; its `.snap`
//! files carry a header, while these golden files double as import fixtures in the
//! formats' own syntax (the brat golden folder is read back as a brat folder).
#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

use std::path::PathBuf;

/// The folder of the golden files.
pub fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("golden")
}

/// Whether this run rewrites the golden files: `UPDATE_GOLDEN` is set, and this is not CI.
pub fn updating() -> bool {
    let asked = std::env::var_os("UPDATE_GOLDEN").is_some();
    assert!(
        !(asked && std::env::var_os("CI").is_some()),
        "UPDATE_GOLDEN is refused under CI: golden files are rewritten on a developer's machine, then reviewed"
    );
    asked
}

/// Compares `actual` with the golden file `name` (a path under [`dir`]) byte for byte,
/// or rewrites the file when [`updating`].
pub fn check(name: &str, actual: &[u8]) {
    let path = dir().join(name);
    if updating() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected =
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}; run with UPDATE_GOLDEN=1", path.display()));
    assert!(
        expected == actual,
        "{} differs from the export; if the change is intended, run with UPDATE_GOLDEN=1 and review the diff\n\
         --- expected\n{}\n--- actual\n{}",
        path.display(),
        String::from_utf8_lossy(&expected),
        String::from_utf8_lossy(actual)
    );
}
