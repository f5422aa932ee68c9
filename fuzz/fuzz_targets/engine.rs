//! Fuzzes the engine: any bytes, as one question or as a conversation of
//! several (split on newlines), must give a non-empty reply that fits a
//! Telegram message, without panicking.
#![no_main]

use cspo_bot::{Context, Engine};
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        Engine::load(&root.join("data"), &root.join("intents")).expect("repository data loads")
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut ctx = Context::default();
    for q in text.split('\n').take(8) {
        let a = engine().answer(q, &mut ctx);
        assert!(!a.text.is_empty());
        assert!(a.text.chars().count() <= 4096 && a.html.chars().count() <= 4096);
    }
});
