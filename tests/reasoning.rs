//! Light reasoning over the membership and time facts, and compound
//! questions, as a specification (issue 10): spans of years, counts,
//! shares and the largest cohort computed from the join years; choice
//! questions answered by the fact that settles them; a stated number
//! checked; and a message of several questions answered part by part, or
//! not at all (half an answer is a wrong answer).

mod spec;

use cspo_bot::{Answer, Context};
use spec::{ENGINE, ask, declined, holds};

/// Asks `q`: the answer is no decline, has every word of `has` and none
/// of `lacks` (case aside), and cites the article.
#[track_caller]
fn says(q: &str, has: &[&str], lacks: &[&str]) -> Answer {
    let a = ask(q);
    assert!(a.intent.is_some(), "{q:?} was declined: {}", a.text);
    holds(q, &a, has);
    let lower = a.text.to_lowercase();
    for l in lacks {
        assert!(
            !lower.contains(&l.to_lowercase()),
            "{q:?}: answer has {l:?}: {}",
            a.text
        );
    }
    assert!(!a.sources.is_empty(), "{q:?}: no sources");
    a
}

#[test]
fn every_part_of_a_compound_is_answered() {
    // Two questions with one question word: one answer would be half.
    let a = says(
        "How many founding members did the initiative have, and how many does it have now?",
        &["5 founding", "10 member"],
        &[],
    );
    assert_eq!(a.trace.parts.len(), 2, "{:?}", a.trace.parts);
    // A trailing "and at which facility?" asks it of the meeting before.
    says(
        "On what date did the CSpO convene near Toulouse, and at which facility?",
        &["December 5", "French Space Command"],
        &[],
    );
    // "and which were they?" after a count of a year's joiners.
    says(
        "How many nations joined in the 2023 round, and which were they?",
        &["3", "Italy", "Japan", "Norway"],
        &[],
    );
}

#[test]
fn a_compound_with_a_part_not_understood_is_declined_not_half_answered() {
    for q in [
        "How many founding members were there, and what is the population of Japan?",
        "When did Japan join, and when will Sweden join?",
        "Who hosted the meeting, and what was the weather like?",
    ] {
        declined(q);
    }
    // "where are they floating": answered in full by the article, or not
    // at all; never "yes, they were discussed" alone.
    let a = ask("Were WMDs discussed, and where are they supposedly floating?");
    assert!(
        a.intent.is_none() || a.text.contains("galaxy"),
        "half an answer: {}",
        a.text
    );
}

#[test]
fn spans_of_years_are_read_as_ranges() {
    says(
        "Which member states joined after 2018 but before 2023?",
        &["France", "Germany"],
        &["Italy", "Japan", "Norway", "Canada"],
    );
    says(
        "how many countries joined after 2018 and before 2023",
        &["2 joined"],
        &["Italy"],
    );
    says("did any country join in 2021 or 2022?", &["no"], &["yes"]);
    says(
        "Did anyone join after 2020 but before 2023?",
        &["no"],
        &["yes"],
    );
    // "before 2020 and after 2023" is no span: not read as one.
    let a = ask("Which countries joined before 2020 and after 2023?");
    assert_ne!(a.intent.as_deref(), Some("joined_range"), "{}", a.text);
}

#[test]
fn the_end_of_a_year_counts_that_years_joiners() {
    says(
        "How many of the ten members were already in by the end of 2018?",
        &["5 members"],
        &["France"],
    );
    says(
        "What was the membership count by the end of 2020?",
        &["7 members"],
        &["Italy"],
    );
    says(
        "How many states joined during the 2023 round?",
        &["3 joined"],
        &[],
    );
}

#[test]
fn gaps_and_choices_between_two_members() {
    says(
        "gap between france joining and japan joining, in years?",
        &["three years"],
        &[],
    );
    says(
        "Between Australia and Japan, which is the longer-standing member?",
        &["Australia"],
        &[],
    );
    // A choice ("before or after") is answered by the fact, with the gap.
    says(
        "Tell me whether Norway joined before or after Germany, and by how many years.",
        &["after", "three years"],
        &[],
    );
    says(
        "the uk - og member or joined later?",
        &["founding", "2018"],
        &["joined later"],
    );
    says(
        "Was Japan a founding member or did it join later?",
        &["joined later", "2023"],
        &[],
    );
}

#[test]
fn a_stated_number_is_checked_against_the_facts() {
    says(
        "so japan joined 5 yrs after it started?",
        &["yes", "2023"],
        &[],
    );
    says(
        "did germany join 4 years after the founding",
        &["no", "two years", "not four"],
        &[],
    );
    says("Did Italy join three years after France?", &["yes"], &[]);
    says(
        "Did Italy join two years after France?",
        &["no", "not two"],
        &[],
    );
}

#[test]
fn aggregates_of_the_membership() {
    says(
        "What proportion of the current membership consists of founding members?",
        &["5 of the 10", "50%"],
        &[],
    );
    says(
        "Counting the founders, in which year did the largest number of countries become members?",
        &["2018", "5 countries"],
        &[],
    );
    says(
        "Which was the larger accession cohort, 2020 or 2023?",
        &["2023: 3"],
        &[],
    );
    says(
        "How many rounds of enlargement has CSpO undergone since its founding?",
        &["two times"],
        &[],
    );
    says(
        "Describe the chronology of the Initiative's expansion following its establishment.",
        &["2018", "2020", "2023", "Norway"],
        &[],
    );
    says("whats the newest 3", &["Italy", "Japan", "Norway"], &[]);
}

#[test]
fn near_misses_about_the_future_decline() {
    for q in [
        "how many members will there be in 2030?",
        "Which countries will join the CSpO next year?",
        "In which year will the most countries join?",
    ] {
        declined(q);
    }
}

/// A conversation: each (question, words the answer must hold) in one
/// context.
#[track_caller]
fn dialog(turns: &[(&str, &[&str])]) {
    let mut ctx = Context::default();
    for (q, has) in turns {
        let a = ENGINE.answer(q, &mut ctx);
        holds(q, &a, has);
    }
}

#[test]
fn follow_ups_lean_on_what_was_just_said() {
    // A bare "by how many years" after a yes/no comparison asks the gap.
    dialog(&[
        ("did canada join before italy", &["yes"]),
        ("by how many years", &["five years"]),
    ]);
    // "that" is the year the last answer gave.
    dialog(&[
        ("How many nations joined in 2020?", &["2 joined"]),
        (
            "How many years after the founding was that?",
            &["two years"],
        ),
    ]);
    dialog(&[
        ("Which states acceded in 2023?", &["Norway"]),
        ("how many were there in that round", &["3 joined"]),
    ]);
    // "one of them" is the list just given, not the whole membership.
    dialog(&[
        ("who were the founding members", &["Canada"]),
        ("was germany one of them??", &["no"]),
    ]);
    dialog(&[
        ("Who joined in 2023?", &["Japan"]),
        ("was norway one of those", &["yes"]),
    ]);
    // With nothing listed before, or the whole membership, "one of them"
    // refers to no group.
    declined("was germany one of them?");
    let mut ctx = Context::default();
    ENGINE.answer("Who are the members?", &mut ctx);
    let a = ENGINE.answer("was germany one of them?", &mut ctx);
    assert_ne!(a.intent.as_deref(), Some("in_group"), "{}", a.text);
}

#[test]
fn counts_are_stated_with_the_lists_they_count() {
    says("how many joined after 2018", &["5 joined"], &[]);
    says(
        "Which states acceded in 2023, and how many were there in that round?",
        &["Italy", "3 joined"],
        &[],
    );
}
