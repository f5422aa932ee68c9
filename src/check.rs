//! `cspo-bot check`: proves the data and intents are whole and consistent.
//!
//! Loading already validated the files (the caller got an [`Engine`]).
//! This runs every intent's examples (each must be matched by its intent,
//! with the expected slots, and its answer must have no unfilled
//! `{placeholder}`), every reject (must not be answered by its intent), and
//! lints the set: two intents of equal priority matching one example (an
//! ambiguity only file order resolves), patterns that win no example (dead,
//! or always beaten by a higher-priority pattern), and facts that no
//! example's answer reads (unreachable).

use crate::engine::{Context, Engine};
use crate::facts::Class;
use std::collections::BTreeSet;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// `file:line`, or the fact id.
    pub location: String,
    pub message: String,
    /// Whether it stops the data from serving ([`Report::serviceable`]).
    pub level: Level,
}

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Wrong answers would serve: an example not answered by its intent, a
    /// reject answered, an unfilled placeholder, a follow-up not
    /// understood, or two intents of equal priority matching one example
    /// (which wins is up to file order). `run` and reloads refuse it.
    Error,
    /// Untidy but harmless to answers: a pattern that wins no example, a
    /// fact no example reads. `check` fails on it; `run` logs it.
    Warning,
}

/// Why data that loaded may not serve: `check`'s error-level findings.
#[derive(Debug, Clone)]
pub struct Refused {
    pub findings: Vec<Finding>,
}

impl fmt::Display for Refused {
    /// The first finding as `file:line: message`, and how many more.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.findings.first() {
            Some(first) => write!(f, "{}: {}", first.location, first.message)?,
            None => write!(f, "no findings")?,
        }
        if self.findings.len() > 1 {
            write!(
                f,
                " (and {} more errors; `cspo-bot check` lists them)",
                self.findings.len() - 1
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for Refused {}

#[derive(Debug, Default)]
pub struct Report {
    pub intents: usize,
    pub patterns: usize,
    pub examples: usize,
    pub rejects: usize,
    pub errors: Vec<Finding>,
    pub lints: Vec<Finding>,
    /// Overlaps that priority resolves (informational).
    pub resolved_overlaps: usize,
}

impl Report {
    pub fn is_clean(&self) -> bool {
        self.errors.is_empty() && self.lints.is_empty()
    }

    /// The error-level findings, if any: then the data must not serve.
    pub fn serviceable(&self) -> Result<(), Refused> {
        let findings: Vec<Finding> = self
            .errors
            .iter()
            .chain(&self.lints)
            .filter(|f| f.level == Level::Error)
            .cloned()
            .collect();
        if findings.is_empty() {
            Ok(())
        } else {
            Err(Refused { findings })
        }
    }

    /// The warnings that do not stop serving, for the log.
    pub fn warnings(&self) -> impl Iterator<Item = &Finding> {
        self.errors
            .iter()
            .chain(&self.lints)
            .filter(|f| f.level == Level::Warning)
    }
}

/// The validation that `check`, `run` and every reload share: loads
/// nothing, runs [`check`] on a loaded engine, and refuses it when check
/// finds an error-level problem. `Ok` carries the report (its warnings are
/// for the log).
pub fn validate(engine: &Engine) -> Result<Report, Refused> {
    let report = check(engine);
    report.serviceable()?;
    Ok(report)
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for e in &self.errors {
            writeln!(f, "error: {}: {}", e.location, e.message)?;
        }
        for l in &self.lints {
            writeln!(f, "lint: {}: {}", l.location, l.message)?;
        }
        writeln!(
            f,
            "{} intents, {} patterns, {} examples, {} rejects; {} errors, {} lint findings ({} overlaps resolved by priority)",
            self.intents,
            self.patterns,
            self.examples,
            self.rejects,
            self.errors.len(),
            self.lints.len(),
            self.resolved_overlaps
        )
    }
}

/// What a text names that a citation must back: the countries, people,
/// organisations and topics (through the fact base's names and aliases),
/// the numbers in it, and its runs of three words (a quote, a summary).
fn named(engine: &Engine, text: &str) -> BTreeSet<String> {
    let normalized = engine.normalize(text);
    let tagged = engine.tag(&normalized);
    let mut out: BTreeSet<String> = tagged
        .mentions
        .iter()
        .filter(|m| match m.entity.class {
            // The world's other countries are no facts of the article: "X is
            // not a member" names nothing a sentence must back.
            Class::Country => engine.facts().countries[m.entity.index].is_member(),
            Class::Meeting => false,
            _ => true,
        })
        .map(|m| match m.entity.class {
            // A title stands for its holder.
            Class::Role => {
                engine.facts().roles[m.entity.index]
                    .person
                    .index()
                    .to_string()
                    + "p"
            }
            Class::Person => m.entity.index.to_string() + "p",
            _ => crate::tagger::tag(m.entity),
        })
        .collect();
    let words: Vec<&str> = normalized.split(' ').filter(|w| !w.is_empty()).collect();
    out.extend(
        words
            .iter()
            .filter(|w| w.chars().all(|c| c.is_ascii_digit()))
            .map(|w| w.to_string()),
    );
    out.extend(words.windows(3).map(|w| w.join(" ")));
    out
}

/// The first sentence an answer cites that names nothing the answer names
/// (none of its countries, people, years or numbers), when the answer names
/// any: a citation that cannot be what the answer came from.
fn uncited_sentence(engine: &Engine, a: &crate::engine::Answer) -> Option<String> {
    let stated = named(engine, &a.text);
    // Only an answer that names something needs a sentence that names it
    // (runs of words, which hold spaces, only help a sentence pass).
    if stated.iter().all(|s| s.contains(' ')) {
        return None;
    }
    a.sources
        .iter()
        .find(|id| {
            engine
                .facts()
                .sentence(id)
                .is_some_and(|s| named(engine, &s.text).is_disjoint(&stated))
        })
        .cloned()
}

pub fn check(engine: &Engine) -> Report {
    let set = engine.intents();
    let mut r = Report {
        intents: set.intents.len(),
        patterns: set.intents.iter().map(|i| i.patterns.len()).sum(),
        ..Default::default()
    };
    let mut winners: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut facts_read: BTreeSet<crate::facts::FactId> = BTreeSet::new();
    let mut fields_read: BTreeSet<&'static str> = BTreeSet::new();
    let mut overlaps: BTreeSet<(String, String)> = BTreeSet::new();

    for intent in &set.intents {
        for ex in &intent.examples {
            r.examples += 1;
            let loc = format!("{}:{}", intent.file.display(), ex.line);
            let mut ctx = Context::default();
            for before in &ex.after {
                engine.answer(before, &mut ctx);
            }
            let a = engine.answer(&ex.question, &mut ctx);
            facts_read.extend(a.trace.read.iter().copied());
            fields_read.extend(a.trace.fields.iter().copied());
            // The kinds table says what each kind reads: an answer that
            // cites more makes it false.
            let answering = a.intent.as_deref().or(a.trace.matched.as_deref());
            if let Some(kind) = answering.and_then(|n| set.by_name(n)).map(|i| i.answer)
                && let Some(f) = a.trace.fields.iter().find(|f| !kind.reads().contains(f))
            {
                r.errors.push(Finding {
                    location: loc.clone(),
                    message: format!(
                        "the answer to {:?} (kind {:?}) cites field {f:?}, which the kinds table does not list among what {:?} reads (AnswerKind::reads)",
                        ex.question,
                        kind.name(),
                        kind.name()
                    ),
                    level: Level::Error,
                });
            }
            if a.trace.matched.as_deref() != Some(intent.name.as_str()) {
                r.errors.push(Finding {
                    location: loc.clone(),
                    message: format!(
                        "example {:?} of {:?} was matched by {:?}",
                        ex.question,
                        intent.name,
                        a.trace.matched.as_deref().unwrap_or("nothing")
                    ),
                    level: Level::Error,
                });
                continue;
            }
            if a.intent.is_none() && !intent.declines {
                r.errors.push(Finding {
                    location: loc.clone(),
                    message: format!(
                        "example {:?} was declined: {}",
                        ex.question,
                        a.trace.declined.clone().unwrap_or_default()
                    ),
                    level: Level::Error,
                });
                continue;
            }
            if let Some(want) = &ex.answered_by
                && a.intent.as_deref() != Some(want.as_str())
            {
                r.errors.push(Finding {
                    location: loc.clone(),
                    message: format!(
                        "example {:?} was answered by {:?}, expected {want:?}",
                        ex.question, a.intent
                    ),
                    level: Level::Error,
                });
            }
            for (k, v) in &ex.slots {
                if a.slots.get(k) != Some(v) {
                    r.errors.push(Finding {
                        location: loc.clone(),
                        message: format!(
                            "example {:?}: slot {k} is {:?}, expected {v:?}",
                            ex.question,
                            a.slots.get(k)
                        ),
                        level: Level::Error,
                    });
                }
            }
            if let Some(s) = uncited_sentence(engine, &a) {
                r.lints.push(Finding {
                    location: loc.clone(),
                    message: format!(
                        "the answer to {:?} cites sentence {s:?}, which names none of the countries, people, years or numbers the answer states",
                        ex.question
                    ),
                    level: Level::Warning,
                });
            }
            if has_placeholder(&a.text) {
                r.errors.push(Finding {
                    location: loc.clone(),
                    message: format!(
                        "answer to {:?} has an unfilled placeholder: {:?}",
                        ex.question, a.text
                    ),
                    level: Level::Error,
                });
            }
            for fu in &a.followups {
                let mut c2 = ctx.clone();
                if !engine.answer(fu, &mut c2).understood() {
                    r.errors.push(Finding {
                        location: loc.clone(),
                        message: format!("suggested follow-up {fu:?} is not understood"),
                        level: Level::Error,
                    });
                }
            }
            // Which patterns match the example, and which one won: the
            // engine's own reading of it (the text it matched, as the trace
            // gives it: respelled, corrected, the clause it answered), not a
            // second preparation here.
            {
                let cands = set.candidates(&a.trace.tagged);
                if let Some(best) = cands.first() {
                    winners.insert((best.intent, best.pattern));
                    for c in &cands[1..] {
                        if c.intent == best.intent {
                            continue;
                        }
                        let other = &set.intents[c.intent];
                        let pair = (intent.name.clone(), other.name.clone());
                        if other.priority == set.intents[best.intent].priority {
                            if overlaps.insert(pair) {
                                r.lints.push(Finding {
                                    location: loc.clone(),
                                    message: format!(
                                        "intents {:?} and {:?} both match {:?} at equal priority",
                                        intent.name, other.name, ex.question
                                    ),
                                    level: Level::Error,
                                });
                            }
                        } else if overlaps.insert(pair) {
                            r.resolved_overlaps += 1;
                        }
                    }
                }
            }
        }
        for (q, line) in &intent.rejects {
            r.rejects += 1;
            let a = engine.answer(q, &mut Context::default());
            if a.intent.as_deref() == Some(intent.name.as_str())
                || a.trace.matched.as_deref() == Some(intent.name.as_str()) && a.understood()
            {
                r.errors.push(Finding {
                    location: format!("{}:{line}", intent.file.display()),
                    message: format!("reject {q:?} was answered by {:?}", intent.name),
                    level: Level::Error,
                });
            }
        }
    }
    for (ii, intent) in set.intents.iter().enumerate() {
        for (pi, p) in intent.patterns.iter().enumerate() {
            if !winners.contains(&(ii, pi)) {
                r.lints.push(Finding {
                    location: format!("{}:{}", intent.file.display(), p.line),
                    message: format!(
                        "pattern of {:?} wins no example (add one it answers, or remove it): {}",
                        intent.name, p.source
                    ),
                    level: Level::Warning,
                });
            }
        }
    }
    concept_lints(engine, &mut r);
    reachability(engine, &fields_read, &facts_read, &mut r);
    languages(engine, &mut r);
    r
}

/// Every language besides English is whole: each of its `.ftl` files has
/// a message for every template of every intent and every message the
/// answers and Telegram need; its lexicon has an entry for every concept
/// of `concepts.toml` or declares the concept a `fallback`; its examples
/// (`[[examples]]` of the lexicon) are read in that language and reach
/// their intent (or decline); the example and suggested questions of its
/// `.ftl` are answered in it. All errors: a language with a hole would
/// answer in English, or not at all, where it should not.
fn languages(engine: &Engine, r: &mut Report) {
    use crate::lang::render::{COMMON_MESSAGES, EXAMPLE_MESSAGES, UI_MESSAGES};
    let set = engine.intents();
    let error = |r: &mut Report, location: String, message: String| {
        r.errors.push(Finding {
            location,
            message,
            level: Level::Error,
        })
    };
    for pack in &engine.languages().packs {
        let code = pack.lang.code();
        let ftl = pack.render.file.display().to_string();
        for intent in &set.intents {
            for key in intent.templates.keys() {
                let id = format!("{}-{key}", intent.name);
                if !pack.render.has(&id) {
                    error(
                        r,
                        ftl.clone(),
                        format!(
                            "no message {id:?}: the template {key:?} of intent {:?} ({}:{}) has no wording in {code}",
                            intent.name,
                            intent.file.display(),
                            intent.line
                        ),
                    );
                }
            }
        }
        for id in COMMON_MESSAGES.iter().chain(UI_MESSAGES) {
            if !pack.render.has(id) {
                error(
                    r,
                    ftl.clone(),
                    format!("no message {id:?}, which every language needs"),
                );
            }
        }
        let lexicon = pack.concepts.file.display().to_string();
        for name in &pack.concepts.missing {
            let english = &set.concepts;
            let line = english
                .id(name)
                .map(|id| english.lines[id as usize])
                .unwrap_or_default();
            error(
                r,
                lexicon.clone(),
                format!(
                    "no entry in {code} for concept {name:?} ({}:{line}) and no `fallback` for it",
                    english.file.display()
                ),
            );
        }
        for (q, intent, line) in &pack.concepts.examples {
            r.examples += 1;
            let loc = format!("{lexicon}:{line}");
            let read_in = engine.language(q, Some(code));
            if read_in != Some(pack.lang) {
                error(
                    r,
                    loc,
                    format!(
                        "example {q:?} is not read as {code} (read as {})",
                        read_in.map(|l| l.code()).unwrap_or("English")
                    ),
                );
                continue;
            }
            let a = engine.answer_hinted(q, &mut Context::default(), Some(code));
            let got = a.intent.as_deref().or(a.trace.matched.as_deref());
            let got = if a.intent.is_none()
                && got
                    .and_then(|n| set.by_name(n))
                    .is_some_and(|i| !i.declines)
            {
                None
            } else {
                got
            };
            if got != intent.as_deref() {
                error(
                    r,
                    loc,
                    format!(
                        "example {q:?} should {}, but {}",
                        match intent {
                            Some(i) => format!("be answered by {i:?}"),
                            None => "decline".into(),
                        },
                        match got {
                            Some(g) => format!("was answered by {g:?}"),
                            None => format!(
                                "was declined: {}",
                                a.trace.declined.clone().unwrap_or_default()
                            ),
                        }
                    ),
                );
            }
        }
        // The questions the language offers users: each answered in it.
        let members: Vec<usize> = (0..engine.facts().countries.len())
            .filter(|&i| engine.facts().countries[i].is_member())
            .collect();
        for prefix in EXAMPLE_MESSAGES {
            for id in pack.render.numbered(prefix) {
                let questions: Vec<String> = if *prefix == "suggest-country-" {
                    members
                        .iter()
                        .filter_map(|&i| pack.render.country_message(&id, &pack.names, i))
                        .collect()
                } else {
                    pack.render.text(&id).into_iter().collect()
                };
                if questions.is_empty() {
                    error(r, ftl.clone(), format!("message {id:?} does not format"));
                }
                for q in questions {
                    // Offered to users of the language: with its hint.
                    if engine.language(&q, Some(code)) != Some(pack.lang)
                        || engine.answers_in(pack, &q).is_none()
                    {
                        error(
                            r,
                            ftl.clone(),
                            format!("{id:?} offers {q:?}, which is not answered in {code}"),
                        );
                        break;
                    }
                }
            }
        }
    }
}

/// Reachability, computed: every cited value the data holds is in the
/// catalog (the loader registers each), the kinds table says which fields
/// each kind reads, and the examples say what their answers read. A field
/// no kind that an intent uses reads is unreachable; a field, or an entity,
/// no example's answer reads is untested.
fn reachability(
    engine: &Engine,
    fields_read: &BTreeSet<&'static str>,
    facts_read: &BTreeSet<crate::facts::FactId>,
    r: &mut Report,
) {
    let set = engine.intents();
    let catalog = &engine.facts().catalog;
    let reachable: BTreeSet<&str> = set
        .intents
        .iter()
        .flat_map(|i| i.answer.reads().iter().copied())
        .collect();
    let mut fields: Vec<(&'static str, &str)> = Vec::new();
    for f in catalog {
        if !fields.iter().any(|(x, _)| *x == f.field) {
            fields.push((f.field, &f.owner));
        }
    }
    for (field, owner) in &fields {
        if !reachable.contains(field) {
            r.lints.push(Finding {
                location: format!("data: {field} ({owner})"),
                message: "a loaded field that no answer kind an intent uses reads (unreachable)"
                    .into(),
                level: Level::Warning,
            });
        } else if !fields_read.contains(field) {
            r.lints.push(Finding {
                location: format!("data: {field} ({owner})"),
                message: "a loaded field that no example's answer reads".into(),
                level: Level::Warning,
            });
        }
    }
    let read_owners: BTreeSet<&str> = facts_read
        .iter()
        .map(|id| catalog[id.index()].owner.as_str())
        .collect();
    let mut owners: Vec<&str> = catalog.iter().map(|f| f.owner.as_str()).collect();
    owners.dedup();
    for owner in owners {
        if !read_owners.contains(owner) {
            r.lints.push(Finding {
                location: format!("data: {owner}"),
                message: "no example's answer reads any value of it (unreachable?)".into(),
                level: Level::Warning,
            });
        }
    }
}

/// The concepts' lints: an entry in two concepts one reading needs
/// together (one word of a question could be either, and which it is
/// read as decides whether the reading matches); a concept no reading
/// uses; an example the two tiers read as different intents (the regex
/// tier hides a concept reading that would answer something else).
fn concept_lints(engine: &Engine, r: &mut Report) {
    let set = engine.intents();
    let concepts = &set.concepts;
    if concepts.is_empty() {
        return;
    }
    let file = concepts.file.display().to_string();
    let mut used: BTreeSet<u16> = BTreeSet::new();
    let mut reported: BTreeSet<(u16, u16)> = BTreeSet::new();
    for intent in &set.intents {
        for reading in &intent.readings {
            used.extend(reading.needs.iter().chain(&reading.optional).copied());
            for (k, &a) in reading.needs.iter().enumerate() {
                for &b in &reading.needs[k + 1..] {
                    let pair = (a.min(b), a.max(b));
                    let shared = concepts.shared_entries(a, b);
                    if shared.is_empty() || !reported.insert(pair) {
                        continue;
                    }
                    let words: Vec<String> = shared.iter().map(|(w, _)| format!("{w:?}")).collect();
                    r.lints.push(Finding {
                        location: format!("{file}:{}", shared[0].1),
                        message: format!(
                            "{} in both {:?} and {:?}, which the reading {:?} of {:?} ({}:{}) needs together",
                            words.join(", "),
                            concepts.names[a as usize],
                            concepts.names[b as usize],
                            reading.source,
                            intent.name,
                            intent.file.display(),
                            reading.line
                        ),
                        level: Level::Warning,
                    });
                }
            }
        }
    }
    for (id, name) in concepts.names.iter().enumerate() {
        let id = id as u16;
        if !used.contains(&id) && !concepts.used_without_readings(id) {
            r.lints.push(Finding {
                location: format!("{file}:{}", concepts.lines[id as usize]),
                message: format!("concept {name:?} is used by no reading"),
                level: Level::Warning,
            });
        }
    }
    for intent in &set.intents {
        for ex in &intent.examples {
            let mut ctx = Context::default();
            for before in &ex.after {
                engine.answer(before, &mut ctx);
            }
            let (Some(regex), Some(concept)) = engine.tiers(&ex.question, &ctx) else {
                continue;
            };
            // It matters when the two would answer differently: another
            // answer kind (not a follow-up, which only the patterns read),
            // and another answer.
            let kind = |n: &str| set.by_name(n).map(|i| i.answer);
            if regex != concept
                && kind(&regex) != kind(&concept)
                && kind(&regex) != Some(crate::answers::AnswerKind::Followup)
                && differs(engine, &ex.after, &ex.question, &concept)
            {
                r.lints.push(Finding {
                    location: format!("{}:{}", intent.file.display(), ex.line),
                    message: format!(
                        "example {:?}: the patterns read it as {regex:?}, the concepts as {concept:?}",
                        ex.question
                    ),
                    level: Level::Warning,
                });
            }
        }
    }
}

/// Whether the answer to `question` (after `after`) differs from the
/// answer the concept tier alone would give, read as `intent`.
fn differs(engine: &Engine, after: &[String], question: &str, intent: &str) -> bool {
    let mut ctx = Context::default();
    for before in after {
        engine.answer(before, &mut ctx);
    }
    let mut concept_ctx = ctx.clone();
    let answered = engine.answer(question, &mut ctx);
    match engine.answer_by_concepts(question, &mut concept_ctx) {
        Some(a) => a.text != answered.text && a.intent.as_deref() == Some(intent),
        None => false,
    }
}

fn has_placeholder(text: &str) -> bool {
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        let after = &rest[i + 1..];
        if let Some(j) = after.find('}')
            && j > 0
            && after[..j]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            return true;
        }
        rest = after;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_spotted() {
        assert!(has_placeholder("Hello {name}"));
        assert!(!has_placeholder("a { b } c"));
        assert!(!has_placeholder("none"));
    }
}
