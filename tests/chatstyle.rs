//! Chat-style questions and follow-ups, as a specification: typos in
//! names and question words, slang, and questions that lean on the
//! conversation ("what's his title?" after an answer that named him).
//!
//! Each test reads as "asking X (after Y) gives an answer containing A",
//! or "asking X is declined": a typo never turns a near miss into an
//! answer.

use cspo_bot::{Answer, Context, Engine};
use once_cell::sync::Lazy;
use std::path::Path;

static ENGINE: Lazy<Engine> = Lazy::new(|| {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    Engine::load(&root.join("data"), &root.join("intents"))
        .expect("the repository's data and intents load")
});

fn ask(q: &str) -> Answer {
    ENGINE.answer(q, &mut Context::default())
}

/// Asks `q` alone and checks the intent and the words of the answer.
#[track_caller]
fn answers(q: &str, intent: &str, has: &[&str]) {
    let a = ask(q);
    assert_eq!(
        a.intent.as_deref(),
        Some(intent),
        "{q:?} -> {:?}: {}",
        a.intent,
        a.text
    );
    for h in has {
        assert!(
            a.text.to_lowercase().contains(&h.to_lowercase()),
            "{q:?}: answer lacks {h:?}: {}",
            a.text
        );
    }
}

#[track_caller]
fn declined(q: &str) {
    let a = ask(q);
    assert_eq!(
        a.intent, None,
        "{q:?} should be declined, got {:?}: {}",
        a.intent, a.text
    );
}

/// A conversation: each (question, expected word) in one context; an
/// empty expected word means the turn must be declined.
#[track_caller]
fn dialog(turns: &[(&str, &str)]) {
    let mut ctx = Context::default();
    for (q, want) in turns {
        let a = ENGINE.answer(q, &mut ctx);
        if want.is_empty() {
            assert_eq!(a.intent, None, "{q:?} should be declined: {}", a.text);
            continue;
        }
        assert!(
            a.text.to_lowercase().contains(&want.to_lowercase()),
            "{q:?}: answer lacks {want:?}: {}",
            a.text
        );
    }
}

#[test]
fn misspelled_names_of_several_words_are_read_whole() {
    // "chanse" alone is as near "change" as "chance": the surname decides.
    answers(
        "what did chanse saltsman say",
        "person_quote",
        &["Saltzman"],
    );
    answers("what did steven whitting say", "person_quote", &["Whiting"]);
    answers("who is robert brosse", "person_who", &["Brose"]);
    answers("knew zealand joined wen", "join_year", &["2018"]);
}

#[test]
fn a_misspelled_name_does_not_answer_what_the_article_does_not_say() {
    declined("how old is chanse saltsman");
    declined("where was steven whitting born");
}
