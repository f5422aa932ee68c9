//! Fuzzes the data and intent loaders: the input replaces one file of a
//! copy of `data/` or `intents/` (chosen by the first byte). Loading must
//! either succeed or return an error naming a file, never panic.
#![no_main]

use cspo_bot::Engine;
use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const FILES: [&str; 12] = [
    "data/sources.toml",
    "data/initiative.toml",
    "data/members.toml",
    "data/meeting.toml",
    "data/topics.toml",
    "data/people.toml",
    "intents/grammar.toml",
    "intents/membership.toml",
    "intents/history.toml",
    "intents/meeting.toml",
    "intents/people.toml",
    "intents/followups.toml",
];

/// A private copy of the repository's data and intents, made once.
fn workdir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let dir = std::env::temp_dir().join(format!("cspo-fuzz-{}", std::process::id()));
        for sub in ["data", "intents"] {
            std::fs::create_dir_all(dir.join(sub)).unwrap();
            for e in std::fs::read_dir(root.join(sub)).unwrap() {
                let e = e.unwrap();
                std::fs::copy(e.path(), dir.join(sub).join(e.file_name())).unwrap();
            }
        }
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let dir = workdir();
    let file = dir.join(FILES[pick as usize % FILES.len()]);
    let original = std::fs::read(&file).unwrap();
    std::fs::write(&file, rest).unwrap();
    let result = Engine::load(&dir.join("data"), &dir.join("intents"));
    std::fs::write(&file, &original).unwrap();
    if let Err(e) = result {
        assert!(!e.to_string().is_empty());
    }
});
