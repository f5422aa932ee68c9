//! A temporary copy of the repository's `data/` and `intents/`, to break
//! (tests/cli.rs) or to extend as a maintainer would (tests/data_changes.rs).

use std::path::{Path, PathBuf};

/// A copy of `data/` and `intents/`: (the directory, data, intents).
pub fn copy_tree() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    for sub in ["data", "intents"] {
        copy_dir(&root.join(sub), &dir.path().join(sub));
    }
    let (d, i) = (dir.path().join("data"), dir.path().join("intents"));
    (dir, d, i)
}

/// Copies the directory `from` to `to`, subdirectories included
/// (`data/lang/`, `intents/lang/`).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// Replaces the first `from` in a file by `to` (which must be there).
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Appends text to a file.
pub fn append(path: &Path, more: &str) {
    let mut text = std::fs::read_to_string(path).unwrap();
    text.push_str(more);
    std::fs::write(path, text).unwrap();
}
