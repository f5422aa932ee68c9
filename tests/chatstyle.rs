//! Chat-style questions and follow-ups, as a specification: typos in
//! names and question words, slang, and questions that lean on the
//! conversation ("what's his title?" after an answer that named him).
//!
//! Each test reads as "asking X (after Y) gives an answer containing A",
//! or "asking X is declined": a typo never turns a near miss into an
//! answer.

mod spec;

use cspo_bot::Context;
use spec::{ENGINE, ask, declined, holds};

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
    holds(q, &a, has);
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

#[test]
fn short_question_words_and_chat_spellings_are_read() {
    answers("wher they meet", "meeting_place", &["Toulouse"]);
    answers("what brose sed", "person_quote", &["freedom"]);
}

#[test]
fn a_flag_after_the_question_mark_decorates_it() {
    let a =
        ask("hey bot, my friend says the meeting was in paris, is that right? \u{1F1EB}\u{1F1F7}");
    assert_eq!(a.intent.as_deref(), Some("meeting_in"), "{}", a.text);
    assert!(a.text.starts_with("No"), "{}", a.text);
    // A place check reads the place, not the rest of the question.
    let a = ask("the meeting was in toulouse, is that right?");
    assert!(a.text.starts_with("Yes"), "{}", a.text);
}

#[test]
fn where_and_when_the_meeting_was_however_asked() {
    answers(
        "In which country was the December gathering convened?",
        "meeting_place",
        &["France"],
    );
    answers("which building was it at", "meeting_place", &["CDE"]);
    answers(
        "Where is the French Space Command facility that hosted the session located?",
        "meeting_place",
        &["Toulouse"],
    );
    answers(
        "was it in the center of toulouse or",
        "meeting_in",
        &["No", "outskirts"],
    );
    answers(
        "was it inside toulouse city or where",
        "meeting_in",
        &["No", "outskirts"],
    );
    answers(
        "was it in december or november the toulouse meeting?",
        "meeting_date",
        &["December 5"],
    );
}

#[test]
fn the_venue_is_as_new_as_the_article_says_and_no_more() {
    answers(
        "is the cde facility old or new",
        "venue_age",
        &["recently established"],
    );
    dialog(&[
        ("Who hosted the meeting?", "French Space Command"),
        ("Was that facility established long ago?", "recently"),
        ("When precisely was it set up?", ""),
    ]);
    // Another organisation's age, or an age in years, is not in the article.
    declined("is the space force new");
    declined("how old is the cde facility");
}

#[test]
fn one_of_them_is_one_of_the_countries_just_listed() {
    dialog(&[
        ("who were the founding members", "Canada"),
        ("was germany one of them??", "No"),
        ("when it joined then", "2020"),
    ]);
    dialog(&[
        ("how many joined in 2023", "3"),
        ("which ones", "Norway"),
        ("is japan among those", "Yes"),
    ]);
    // With no list before it, there is nothing to check against.
    declined("was germany one of them");
}
