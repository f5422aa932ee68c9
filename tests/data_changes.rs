//! What a maintainer changes in `data/` alone (and `intents/` only for a new
//! phrasing; never Rust) stays true: each test makes one edit in a
//! temporary copy of the data, then asks the questions the edit concerns
//! and checks both the answer and its citations: every sentence an answer
//! cites must name something the answer states, and what the answer states
//! must be in a sentence it cites.

mod support;

use cspo_bot::engine::{Answer, Context, Engine};
use std::path::Path;
use support::data_copy::{append, copy_tree};

/// A sentence added to the article and to `sources.toml`.
fn add_sentence(data: &Path, id: &str, text: &str) {
    append(&data.join("article.txt"), &format!("\n{text}\n"));
    append(
        &data.join("sources.toml"),
        &format!(
            "\n[[sentence]]\nid = \"{id}\"\ntext = \"{}\"\n",
            text.replace('"', "\\\"")
        ),
    );
}

fn load(data: &Path, intents: &Path) -> Engine {
    Engine::load(data, intents).unwrap_or_else(|e| panic!("the edited data must load: {e}"))
}

/// The text of each sentence an answer cites.
fn cited(engine: &Engine, a: &Answer) -> Vec<String> {
    a.sources
        .iter()
        .map(|id| {
            engine
                .facts()
                .sentence(id)
                .unwrap_or_else(|| panic!("unknown source {id}"))
                .text
                .clone()
        })
        .collect()
}

/// Asks `q` (in `ctx`) and checks that the answer states each of `states`,
/// that each is in a sentence it cites, and that every cited sentence names
/// one of them.
#[track_caller]
fn ask(engine: &Engine, ctx: &mut Context, q: &str, intent: &str, states: &[&str]) -> Answer {
    let a = engine.answer(q, ctx);
    assert_eq!(a.intent.as_deref(), Some(intent), "{q}: {}", a.text);
    let sentences = cited(engine, &a);
    for s in states {
        assert!(
            a.text.contains(s),
            "{q}: the answer does not state {s:?}: {}",
            a.text
        );
        assert!(
            sentences.iter().any(|t| t.contains(s)),
            "{q}: no cited sentence states {s:?}: {:?}",
            a.sources
        );
    }
    for t in &sentences {
        assert!(
            states.iter().any(|s| t.contains(s)),
            "{q}: cites a sentence that names nothing the answer states: {t}"
        );
    }
    a
}

#[test]
fn sweden_joins_in_2025() {
    let (_dir, data, intents) = copy_tree();
    let sentence = "Sweden joined the CSpO Initiative in 2025.";
    add_sentence(&data, "sweden", sentence);
    append(
        &data.join("members.toml"),
        r#"
[[member]]
id = "sweden"
name = "Sweden"
iso = "SE"
demonyms = ["Swedish", "Swedes"]
joined = 2025
founding = false
joined_sources = ["sweden"]
sources = ["sweden"]
"#,
    );
    let e = load(&data, &intents);
    let mut c = Context::default();
    let a = ask(
        &e,
        &mut c,
        "When did Sweden join?",
        "join_year",
        &["Sweden", "2025"],
    );
    assert!(!a.text.contains("together with"), "{}", a.text);
    ask(
        &e,
        &mut c,
        "Who joined in 2025?",
        "joined_in_year",
        &["Sweden", "2025"],
    );
    let a = ask(
        &e,
        &mut c,
        "Who joined most recently?",
        "joined_latest",
        &["Sweden", "2025"],
    );
    assert!(!a.text.contains("Norway"), "{}", a.text);
    let a = ask(
        &e,
        &mut c,
        "How many members are there?",
        "member_count",
        &["Sweden", "Norway"],
    );
    assert!(a.text.contains("11 member nations"), "{}", a.text);
    let a = ask(
        &e,
        &mut c,
        "Who are the members?",
        "member_list",
        &["Sweden", "Norway", "2018"],
    );
    assert!(a.text.contains("has 11 members"), "{}", a.text);
    assert!(a.text.contains("Sweden (joined 2025)"), "{}", a.text);
    // The count in the patterns is the data's: "eleven", no longer "ten".
    let a = ask(
        &e,
        &mut c,
        "Who are the eleven countries?",
        "member_list",
        &["Sweden", "Norway", "2018"],
    );
    assert!(a.text.contains("has 11 members"), "{}", a.text);
    let a = ask(
        &e,
        &mut c,
        "Was Sweden a founding member?",
        "is_founding",
        &["Sweden", "2025", "Canada"],
    );
    assert!(a.text.starts_with("No"), "{}", a.text);
    // The article names ten nations at the meeting; Sweden is not one.
    let a = e.answer("Did Sweden attend the December 5 meeting?", &mut c);
    assert_eq!(a.intent.as_deref(), Some("meeting_attended"), "{}", a.text);
    assert!(!a.text.to_lowercase().starts_with("yes"), "{}", a.text);
    assert!(a.text.contains("does not name Sweden"), "{}", a.text);
    assert!(
        !a.sources.contains(&"sweden".to_string()),
        "{:?}",
        a.sources
    );
    let a = ask(
        &e,
        &mut c,
        "How did the CSpO grow?",
        "growth",
        &["Sweden", "2025", "2018"],
    );
    assert!(a.text.contains("four steps, to 11 members"), "{}", a.text);
    assert!(a.text.contains("2025: Sweden"), "{}", a.text);
    // The reasoning answers are computed from the data: a new round.
    let a = ask(
        &e,
        &mut c,
        "How many years after the founding did Sweden join?",
        "years_between",
        &["Sweden", "2025", "2018"],
    );
    assert!(a.text.contains("seven years after"), "{}", a.text);
    let a = ask(
        &e,
        &mut c,
        "How many rounds of expansion have there been?",
        "expansion_rounds",
        &["2020", "2023", "2025", "Sweden", "2018"],
    );
    assert!(a.text.contains("three times"), "{}", a.text);
    let a = ask(
        &e,
        &mut c,
        "How many members did the initiative have following the 2025 enlargement?",
        "members_by_year",
        &["Sweden", "Norway", "2025"],
    );
    assert!(
        a.text
            .contains("At the end of 2025, the CSpO Initiative had 11 members"),
        "{}",
        a.text
    );
    let a = e.answer(
        "What was the size of the membership just before the 2025 intake?",
        &mut c,
    );
    assert!(a.text.contains("had 10 members"), "{}", a.text);
    assert!(!a.text.contains("Sweden"), "{}", a.text);
}

#[test]
fn a_new_quoted_official() {
    let (_dir, data, intents) = copy_tree();
    let sentence = "“Space security is a shared responsibility,” said Lt. Gen. Ingrid Solberg, Commander of the Norwegian Space Operations Center.";
    add_sentence(&data, "solberg", sentence);
    append(
        &data.join("people.toml"),
        r#"
[[person]]
id = "solberg"
name = "Ingrid Solberg"
display = "Lt. Gen. Ingrid Solberg"
titles = "Commander of the Norwegian Space Operations Center"
rank = "Lt. Gen."
aliases = ["Solberg", "General Solberg", "Gen. Solberg"]
nationality = "norway"
sources = ["solberg"]

[[person.role]]
id = "solberg-nsoc"
title = "Commander of the Norwegian Space Operations Center"
aliases = ["Norwegian Space Operations Center commander"]
sources = ["solberg"]

[[person.quote]]
id = "solberg-shared"
text = "Space security is a shared responsibility."
how = "said"
sources = ["solberg"]
"#,
    );
    // people.toml ends with its organisations: the new person must come
    // before them in TOML, so the append above is moved into place.
    let people = data.join("people.toml");
    let text = std::fs::read_to_string(&people).unwrap();
    let (head, person) = text.split_at(text.rfind("\n[[person]]\nid = \"solberg\"").unwrap());
    let first_org = head.find("[[organization]]").unwrap();
    std::fs::write(
        &people,
        format!(
            "{}{}\n\n{}",
            &head[..first_org],
            person.trim(),
            &head[first_org..]
        ),
    )
    .unwrap();
    let e = load(&data, &intents);
    let mut c = Context::default();
    ask(
        &e,
        &mut c,
        "Who is Ingrid Solberg?",
        "person_who",
        &["Solberg", "Norwegian Space Operations Center"],
    );
    ask(
        &e,
        &mut c,
        "What did she say?",
        "person_quote",
        &["shared responsibility"],
    );
    ask(
        &e,
        &mut c,
        "What is her rank?",
        "person_rank",
        &["Lt. Gen."],
    );
    let a = e.answer("Is she American?", &mut c);
    assert_eq!(
        a.intent.as_deref(),
        Some("person_nationality"),
        "{}",
        a.text
    );
    assert!(a.text.starts_with("No"), "{}", a.text);
    assert!(a.text.contains("Norway"), "{}", a.text);
    assert_eq!(a.sources, ["solberg"]);
    // A rank other than the one asked is stated, without a verdict.
    let a = e.answer("Is Solberg a general?", &mut c);
    assert_eq!(a.intent.as_deref(), Some("person_rank_is"), "{}", a.text);
    assert!(
        !a.text.starts_with("No") && !a.text.starts_with("Yes"),
        "{}",
        a.text
    );
    assert!(a.text.contains("Lt. Gen."), "{}", a.text);
    // Not every quoted official is American any more.
    let a = ask(
        &e,
        &mut Context::default(),
        "Are all the quoted officials American?",
        "officials_nationality",
        &["Solberg"],
    );
    assert!(a.text.starts_with("No"), "{}", a.text);
    assert!(a.text.contains("Norway"), "{}", a.text);
    // Who was quoted now lists her too.
    let a = e.answer("Who was quoted?", &mut Context::default());
    assert!(
        a.text.contains("4 officials") && a.text.contains("Solberg"),
        "{}",
        a.text
    );
}

#[test]
fn a_second_meeting_in_2026() {
    let (_dir, data, intents) = copy_tree();
    let sentence = "In June 2026, the CSpO nations met again in Madrid, Spain, at the headquarters of the Spanish Space Command.";
    add_sentence(&data, "madrid", sentence);
    append(
        &data.join("meeting.toml"),
        r#"
[[meeting]]
id = "madrid"
name = "the 2026 meeting in Madrid"
aliases = ["Madrid meeting", "2026 meeting", "June meeting", "meeting in Madrid"]
date = { year = 2026, month = 6 }
date_sources = ["madrid"]
city = "Madrid"
country = "ES"
place = "in Madrid, Spain"
place_sources = ["madrid"]
venue = "the headquarters of the Spanish Space Command"
venue_sources = ["madrid"]
host = "the Spanish Space Command"
host_sources = ["madrid"]
"#,
    );
    // "and the one before?" is the real intent (intents/followups.toml):
    // its example answers about the meeting before once there are two.
    let e = load(&data, &intents);
    let report = cspo_bot::check::check(&e);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let mut c = Context::default();
    let a = ask(
        &e,
        &mut c,
        "Where was the last meeting?",
        "meeting_place",
        &["Madrid"],
    );
    assert!(
        a.text
            .starts_with("The 2026 meeting in Madrid was held in Madrid"),
        "{}",
        a.text
    );
    let mut c = Context::default();
    ask(
        &e,
        &mut c,
        "Where was the 2026 meeting?",
        "meeting_place",
        &["Madrid"],
    );
    let mut c = Context::default();
    let a = ask(
        &e,
        &mut c,
        "When was the Toulouse meeting?",
        "meeting_date",
        &["December 5"],
    );
    assert!(
        a.text.contains("near Toulouse"),
        "it says which meeting: {}",
        a.text
    );
    // Unnamed: the latest, saying which.
    let mut c = Context::default();
    let a = ask(
        &e,
        &mut c,
        "Where was the meeting?",
        "meeting_place",
        &["Madrid"],
    );
    assert!(a.text.contains("2026 meeting"), "{}", a.text);
    let a = ask(
        &e,
        &mut c,
        "and the one before?",
        "meeting_place",
        &["Toulouse", "French Space Command (CDE) facility"],
    );
    assert!(
        a.text
            .starts_with("The December 5 meeting near Toulouse was held"),
        "{}",
        a.text
    );
    let a = e.answer("and the one before?", &mut c);
    assert_eq!(a.intent, None, "no meeting before Toulouse: {}", a.text);
    assert_eq!(
        a.text,
        "The article names no meeting before the December 5 meeting near Toulouse, the earliest of the two meetings it describes."
    );
    // Who attended the Madrid meeting the article does not say: declined.
    let a = e.answer(
        "Did Japan attend the Madrid meeting?",
        &mut Context::default(),
    );
    assert_eq!(a.intent, None, "{}", a.text);
    // The Toulouse meeting keeps its ten participants.
    let a = e.answer(
        "Did Japan attend the Toulouse meeting?",
        &mut Context::default(),
    );
    assert!(a.text.starts_with("Yes"), "{}", a.text);
}

/// On today's data, with one meeting, "and the one before?" says that the
/// article describes no earlier meeting (an informed decline: no intent,
/// so no evaluation counts it as an answer), whatever came before it.
#[test]
fn the_one_before_on_todays_data() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let e = load(&root.join("data"), &root.join("intents"));
    for before in [
        &["Where was the meeting?"][..],
        &["When was the Toulouse meeting?"],
        &[],
    ] {
        let mut c = Context::default();
        for q in before {
            assert!(e.answer(q, &mut c).intent.is_some(), "{q}");
        }
        let a = e.answer("and the one before?", &mut c);
        assert_eq!(a.intent, None, "after {before:?}: {}", a.text);
        assert_eq!(
            a.text,
            "The article describes one meeting, the December 5 meeting near Toulouse, and names none before it.",
            "after {before:?}"
        );
        assert_eq!(a.trace.matched.as_deref(), Some("followup_meeting_before"));
        assert_eq!(a.sources, ["meeting"], "cited by its date");
    }
}
