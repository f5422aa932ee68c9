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

#[test]
fn he_means_the_one_person_an_answer_named() {
    // The answer names Brose though the question named no one.
    dialog(&[
        ("who was quoted via press release", "Brose"),
        ("whats his job", "Assistant Secretary"),
        ("what did he say about space", "freedom"),
    ]);
}

#[test]
fn he_after_an_answer_that_named_several_asks_which() {
    let mut ctx = Context::default();
    ENGINE.answer("which generals were quoted", &mut ctx);
    let a = ENGINE.answer("whats his job", &mut ctx);
    assert_eq!(a.intent, None, "{}", a.text);
    assert!(a.text.starts_with("Which person"), "{}", a.text);
}

#[test]
fn who_else_leaves_out_the_people_already_named() {
    let mut ctx = Context::default();
    ENGINE.answer("which generals quoted", &mut ctx);
    let a = ENGINE.answer("who else quoted", &mut ctx);
    assert!(a.text.contains("Brose"), "{}", a.text);
    let listed = a.text.split_once(':').map_or("", |(_, l)| l);
    assert!(
        !listed.contains("Whiting") && !listed.contains("Saltzman"),
        "{}",
        a.text
    );
    // Once everyone was named, the whole list again.
    let a = ENGINE.answer("who else?", &mut ctx);
    assert!(a.text.contains("quotes 3 officials"), "{}", a.text);
    // After one person, the two others.
    dialog(&[
        ("who is saltzman", "Chief of Space Operations"),
        ("who else was quoted?", "Brose"),
    ]);
}
