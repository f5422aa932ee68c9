//! What the engine specification tests share (tests/answers.rs,
//! tests/chatstyle.rs, tests/reasoning.rs): the repository's engine,
//! loaded once, and the plainest assertions over its answers.

#![allow(dead_code)]

use cspo_bot::{Answer, Context, Engine};
use once_cell::sync::Lazy;
use std::path::Path;

/// The engine over the repository's own data and intents.
pub static ENGINE: Lazy<Engine> = Lazy::new(|| {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    Engine::load(&root.join("data"), &root.join("intents"))
        .expect("the repository's data and intents load")
});

/// Asks `q` in a fresh conversation.
pub fn ask(q: &str) -> Answer {
    ENGINE.answer(q, &mut Context::default())
}

/// Asks `q` alone: no intent answers it.
#[track_caller]
pub fn declined(q: &str) -> Answer {
    let a = ask(q);
    assert_eq!(
        a.intent, None,
        "{q:?} should be declined, got {:?}: {}",
        a.intent, a.text
    );
    a
}

/// The answer to `q` holds every word of `has` (case aside).
#[track_caller]
pub fn holds(q: &str, a: &Answer, has: &[&str]) {
    let lower = a.text.to_lowercase();
    for h in has {
        assert!(
            lower.contains(&h.to_lowercase()),
            "{q:?}: answer lacks {h:?}: {}",
            a.text
        );
    }
}
