//! The engine: a question and a conversation context in, an answer out.
//!
//! Stages, in order: normalize; tag entities; run the intents' `RegexSet`;
//! if nothing matched, correct typos and try again; pick the best
//! candidate; resolve its slots (pronouns from the context); compute the
//! answer kind; render the intent's template. Follow-ups ("and Italy?",
//! "and where?") are intents too: they rewrite the previous question with the
//! new entity, or hand a bare "where?" to the intent of the same family.
//!
//! The engine is synchronous, does no I/O, keeps no mutable state of its
//! own (the caller owns the [`Context`]) and never panics on any input.

use crate::answers::{AnswerKind, Outcome, SlotValue, Slots, compute};
use crate::concepts::{Fill, SlotClass, Understood};
use crate::error::LoadError;
use crate::facts::{Class, EntityRef, FactBase};
use crate::intents::{Candidate, IntentSet, SlotKind};
use crate::normalize::normalize;
use crate::search::{Hit, SentenceSearch};
use crate::speller::{Correction, Speller};
use crate::tagger::{Tagged, Tagger, parse_tag, tag};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Telegram's limit on a message's text, in characters.
pub const MAX_ANSWER_CHARS: usize = 4096;

/// What the conversation so far leaves for the next question to lean on.
/// Entities are kept by id, so a context survives a reload of the data.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Context {
    /// The last question that was answered, normalized and corrected.
    pub question: Option<String>,
    pub intent: Option<String>,
    pub country: Option<String>,
    /// A person id.
    pub person: Option<String>,
    pub topic: Option<String>,
    pub year: Option<u16>,
    /// What the last answer was about: its intent's family, or "org" when
    /// it named an organisation. Decides what a bare "it" can mean.
    #[serde(default)]
    pub subject: Option<String>,
    /// The countries the last answer listed, when it listed several:
    /// what "they" means in "when did they join?" after "who joined in
    /// 2020?". Cleared when an answer is about one country.
    #[serde(default)]
    pub group: Vec<String>,
    /// The people the last answer named, when it named several ("which
    /// officials are generals?"): what "who else?" leaves out. Cleared
    /// when an answer is about one person.
    #[serde(default)]
    pub people: Vec<String>,
    /// Quote ids already given to this conversation.
    pub quotes: Vec<String>,
    /// Source sentence ids of the last answer (for `/sources`).
    pub sources: Vec<String>,
    /// The meeting the conversation is about, once a question named one.
    #[serde(default)]
    pub meeting: Option<String>,
    /// The language of the last question answered, when not English
    /// ("fr"): `question` is then that language's tagged text.
    #[serde(default)]
    pub lang: Option<String>,
}

/// How an answer was found, for `/why` and `--json`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Trace {
    pub normalized: String,
    pub corrections: Vec<String>,
    pub tagged: String,
    /// The clause of a longer message that was answered.
    pub clause: Option<String>,
    /// The previous question, rewritten, when this was a follow-up.
    pub rewritten: Option<String>,
    pub pattern: Option<String>,
    /// The intent whose pattern matched the question itself (a follow-up
    /// intent, when the answer came from rewriting the previous question).
    pub matched: Option<String>,
    /// Other intents that matched, best first.
    pub runners_up: Vec<String>,
    pub facts: Vec<String>,
    /// The data fields the answer cited ("member.joined"), for `check`.
    #[serde(skip)]
    pub fields: Vec<&'static str>,
    /// The cited values the answer read (entries of the fact base's
    /// catalog), for `check`'s reachability lint.
    #[serde(skip)]
    pub read: Vec<crate::facts::FactId>,
    /// Why the engine declined, when it did.
    pub declined: Option<String>,
    /// Words of the question no concept, entity or filler accounted for,
    /// in the reading that came nearest (the concept tier).
    pub unaccounted: Vec<String>,
    /// The parts of a compound question, as they were answered.
    pub parts: Vec<String>,
}

/// The engine's reply to one question.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    /// The intent that answered, or `None` when the question was not understood.
    pub intent: Option<String>,
    /// Plain text.
    pub text: String,
    /// Telegram HTML: the text escaped, then the source sentences quoted.
    pub html: String,
    /// Ids of the source sentences the answer came from.
    pub sources: Vec<String>,
    /// Resolved slots, by name: entity id, year or text.
    pub slots: BTreeMap<String, String>,
    /// Two or three natural next questions.
    pub followups: Vec<String>,
    pub trace: Trace,
}

impl Answer {
    pub fn understood(&self) -> bool {
        self.intent.is_some()
    }
}

/// The intent name of answers found by searching the article (no intent
/// file defines it).
pub const SEARCH_INTENT: &str = "article_search";

pub struct Engine {
    facts: FactBase,
    intents: IntentSet,
    tagger: Tagger,
    speller: Speller,
    search: SentenceSearch,
    /// The decline reply, built once: it depends only on the grammar, and
    /// building it (with its hint and HTML) for every declined question was
    /// a noticeable share of a decline.
    declined: Declined,
    /// Each sentence of `facts.sentences`, HTML-escaped, at the same index:
    /// quoted under answers, and escaping them for every answer was 6% of
    /// the engine's instructions.
    sentence_html: Vec<String>,
    /// What [`Engine::respell`] does to a word: `Some(w)` rewrites it (a
    /// chat spelling), `None` drops it (an ignorable word, or a spelling of
    /// one). Words not in it stay. One hash probe a word instead of a
    /// `BTreeMap` lookup and a scan of the ignore list.
    respellings: HashMap<String, Option<String>>,
    /// The languages besides English (`src/lang/`).
    pub(crate) langs: crate::lang::Languages,
    /// The intents' examples as templates, for helpful declines.
    suggestions: crate::suggest::Suggestions,
}

/// What every declined answer says, from the grammar's `[replies]`.
struct Declined {
    /// Two or three example questions, each on a line with a bullet.
    hint: String,
    text: String,
    html: String,
    followups: Vec<String>,
}

impl Declined {
    fn new(replies: &crate::intents::Replies) -> Declined {
        let hint: String = replies
            .examples
            .iter()
            .take(3)
            .map(|e| format!("\n• {e}"))
            .collect();
        let text = format!("{}{hint}", replies.decline);
        Declined {
            html: escape_html(&text),
            text,
            hint,
            followups: replies.examples.iter().take(3).cloned().collect(),
        }
    }
}

/// Escapes `<`, `>` and `&` for Telegram HTML, exactly as teloxide's
/// `utils::html::escape` does (the Telegram module tests that they agree).
pub fn escape_html(s: &str) -> String {
    // Copies the runs between the three bytes in one go (they are ASCII, so
    // never inside a multi-byte character): char-by-char pushing was 14% of
    // the engine's instructions over the benchmark mix.
    let mut out = String::with_capacity(s.len() + 8);
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let with = match b {
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'&' => "&amp;",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(with);
        last = i + 1;
    }
    out.push_str(&s[last..]);
    out
}

/// Cuts `s` to at most `max` characters, at a line break when possible.
pub fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max.saturating_sub(1)).collect();
    let end = cut
        .rfind('\n')
        .filter(|&i| i > max / 2)
        .unwrap_or(cut.len());
    format!("{}…", &cut[..end])
}

/// The slots an intent sets before its pattern or reading fills any
/// (`defaults`): a year as a year, anything else as text.
fn default_slots(intent: &crate::intents::Intent) -> Slots {
    let mut slots = Slots::new();
    for (name, value) in &intent.defaults {
        let v = match value.parse() {
            Ok(y) if name == "year" => SlotValue::Year(y),
            _ => SlotValue::Text(value.clone()),
        };
        slots.insert(name.clone(), v);
    }
    slots
}

/// Upper-cases the first letter of the answer's first word, past a leading
/// flag or other symbols ("🇺🇸 the United States is..." -> "🇺🇸 The ...");
/// an answer that starts with a digit stays as it is.
fn capitalize(s: &str) -> String {
    match s.char_indices().find(|(_, c)| c.is_alphanumeric()) {
        Some((i, f)) if f.is_alphabetic() => {
            let mut out = String::with_capacity(s.len() + 2);
            out.push_str(&s[..i]);
            out.extend(f.to_uppercase());
            out.push_str(&s[i + f.len_utf8()..]);
            out
        }
        _ => s.to_string(),
    }
}

/// Fills `{var}` placeholders; unknown ones are left as written (and
/// reported by `cspo-bot check`).
pub fn fill(template: &str, vars: &[(&str, String)]) -> String {
    fill_with(template, vars, &[])
}

/// [`fill`], with `{name:words}` written as a word of `words` (numbers
/// from zero: "ten" for 10); a number beyond the list stays in digits.
pub fn fill_with(template: &str, vars: &[(&str, String)], words: &[String]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let spec = &after[..close];
                let (name, as_words) = match spec.strip_suffix(":words") {
                    Some(n) => (n, true),
                    None => (spec, false),
                };
                match vars.iter().find(|(n, _)| *n == name) {
                    Some((_, v)) if as_words => {
                        let word = v.parse::<usize>().ok().and_then(|n| words.get(n));
                        out.push_str(word.map_or(v.as_str(), String::as_str))
                    }
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(spec);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The result of matching one text, before rendering.
pub(crate) struct Matched {
    pub(crate) intent: usize,
    pub(crate) slots: Slots,
    pub(crate) outcome: Outcome,
    pub(crate) pattern: String,
    pub(crate) runners_up: Vec<String>,
    /// The question as the conversation should remember it, when it is not
    /// the text asked (a follow-up rewrites the previous question).
    pub(crate) remember: Option<String>,
    /// The same answer for the other countries of a group ("when did they
    /// join?" after a list of countries), in the group's order.
    pub(crate) also: Vec<Outcome>,
}

pub(crate) enum Attempt {
    Answered(Box<Matched>),
    /// Matched, but the engine must decline (with the reason).
    Declined(String, Option<String>),
    /// A pronoun with no antecedent.
    Clarify(String),
    NoMatch,
}

impl Engine {
    /// Loads the fact base and the intents, and builds the engine.
    pub fn load(data_dir: &Path, intents_dir: &Path) -> Result<Engine, LoadError> {
        let facts = FactBase::load(data_dir)?;
        let intents = IntentSet::load(intents_dir, &facts.counts())?;
        let langs = crate::lang::Languages::load(data_dir, intents_dir, &facts, &intents)?;
        let mut engine = Engine::new(facts, intents);
        engine.langs = langs;
        Ok(engine)
    }

    pub fn new(mut facts: FactBase, mut intents: IntentSet) -> Engine {
        facts.index_quotes(&intents.grammar.wording.quotes.stopwords);
        // A meeting's name is a meeting; its country and host say where it
        // was ("when did they meet in France?").
        for (k, m) in facts.meetings.iter().enumerate() {
            let concepts = &mut intents.concepts;
            concepts.bind_entity(
                EntityRef {
                    class: Class::Meeting,
                    index: k,
                },
                "meeting",
            );
            let place = EntityRef {
                class: Class::Country,
                index: m.country.peek().index(),
            };
            concepts.bind_entity(place, "meeting_place");
            if let Some(host) = m.host_org {
                let host = EntityRef {
                    class: Class::Org,
                    index: host.index(),
                };
                concepts.bind_entity(host, "meeting_place");
            }
        }
        let tagger = Tagger::new(&facts.aliases);
        // Pattern words and names only: examples may hold typos on purpose.
        let mut vocab = intents.vocabulary();
        vocab.extend(intents.concepts.vocabulary());
        let names: Vec<String> = facts
            .aliases
            .keys()
            .flat_map(|a| a.split(' ').map(str::to_string).collect::<Vec<_>>())
            .collect();
        vocab.extend(names.iter().cloned());
        // One-word names of one thing ("france", "french") are kin: a typo
        // as near to both ("frence") is no ambiguity.
        let kin: Vec<(&str, usize)> = facts
            .aliases
            .iter()
            .filter(|(a, _)| !a.contains(' '))
            .map(|(a, e)| (a.as_str(), e.class as usize * 100_000 + e.index))
            .collect();
        let speller = Speller::new(
            vocab.iter().map(String::as_str),
            names.iter().map(String::as_str),
        )
        .with_kin(kin)
        .with_questions(intents.grammar.openers.iter().map(String::as_str))
        .with_phrases(
            facts
                .aliases
                .iter()
                .filter(|(a, _)| a.contains(' '))
                .map(|(a, e)| (a.as_str(), e.class as usize * 100_000 + e.index)),
        );
        let search = SentenceSearch::new(&facts, &intents.grammar.search);
        let g = &intents.grammar;
        let mut respellings: HashMap<String, Option<String>> =
            g.ignore.iter().map(|w| (w.clone(), None)).collect();
        for (from, to) in &g.spelling {
            // Spelled first, then dropped if what it spells is ignorable.
            let kept = (!g.ignore.contains(to)).then(|| to.clone());
            respellings.insert(from.clone(), kept);
        }
        let suggestions = crate::suggest::Suggestions::new(&facts, &intents, &tagger, |n| {
            speller.correct(n).1.is_empty()
        });
        Engine {
            suggestions,
            declined: Declined::new(&intents.grammar.replies),
            sentence_html: facts
                .sentences
                .iter()
                .map(|s| escape_html(&s.text))
                .collect(),
            respellings,
            facts,
            intents,
            tagger,
            speller,
            search,
            langs: Default::default(),
        }
    }

    pub fn facts(&self) -> &FactBase {
        &self.facts
    }

    pub fn intents(&self) -> &IntentSet {
        &self.intents
    }

    /// Normalizes a question as the engine does before matching.
    pub fn normalize(&self, question: &str) -> String {
        normalize(question, &self.facts.flags)
    }

    /// Normalizes and respells a question: the text intents are matched on
    /// (before typo correction and entity tagging).
    pub fn prepare(&self, question: &str) -> String {
        self.respell(&self.normalize(question))
    }

    /// Tags entities in normalized text.
    pub fn tag(&self, normalized: &str) -> Tagged {
        self.tagger.tag(normalized)
    }

    /// Corrects typos in normalized text.
    pub fn correct(&self, normalized: &str) -> (String, Vec<Correction>) {
        self.speller.correct(normalized)
    }

    /// Answers `question`, reading and updating the conversation `ctx`.
    pub fn answer(&self, question: &str, ctx: &mut Context) -> Answer {
        self.answer_hinted(question, ctx, None)
    }

    /// [`Engine::answer`], in the question's language: a question in one
    /// of the loaded languages (`src/lang/`) is read with its lexicon and
    /// answered in it; `hint` is the user's interface language (Telegram's
    /// `language_code`), which only breaks near ties. English otherwise.
    pub fn answer_hinted(&self, question: &str, ctx: &mut Context, hint: Option<&str>) -> Answer {
        // A conversation in a language goes on in it while the question
        // has no word the language does not know ("Og Japan?").
        if let Some(pack) = ctx
            .lang
            .as_deref()
            .and_then(crate::lang::Lang::from_code)
            .and_then(|l| self.langs.get(l))
            && !question.trim().is_empty()
            && pack.reads_all(question)
        {
            return self.answer_in(pack, question, ctx);
        }
        // The conversation's language is a hint too ("und Kanada?").
        let hint = hint.or(ctx.lang.as_deref());
        if let Some(pack) = self.language_of(question, hint) {
            return self.answer_in(pack, question, ctx);
        }
        let before = (!self.langs.packs.is_empty()).then(|| ctx.clone());
        let a = self.answer_at(question, ctx, 0);
        if a.understood() {
            ctx.lang = None;
            return a;
        }
        let Some(before) = before else {
            return a;
        };
        // Not understood in English, with words of a language in it ("Was
        // hat Saltzman gesagt?": "was" and "hat" are English words too):
        // the language that reads it answers, else the English decline.
        for lang in crate::lang::detect::candidates(&self.langs, question) {
            let Some(pack) = self.langs.get(lang) else {
                continue;
            };
            let mut tried = before.clone();
            let b = self.answer_in(pack, question, &mut tried);
            if b.understood() {
                *ctx = tried;
                return b;
            }
        }
        a
    }

    /// The languages besides English.
    pub fn languages(&self) -> &crate::lang::Languages {
        &self.langs
    }

    /// [`Engine::answer`]; `depth` 1 for a part of a compound question
    /// (which is not split again).
    fn answer_at(&self, question: &str, ctx: &mut Context, depth: usize) -> Answer {
        let normalized = self.normalize(question);
        let mut trace = Trace {
            normalized: normalized.clone(),
            ..Default::default()
        };
        if normalized.is_empty() {
            trace.declined = Some("nothing to read in the question".into());
            return self.decline(trace);
        }
        let (mut attempt, mut text, _) = self.understand(&normalized, ctx, &mut trace);
        // A flag after the question's end decorates it ("is that right?
        // 🇫🇷"): read without it when it does not read with it.
        if matches!(attempt, Attempt::NoMatch)
            && let Some(bare) = crate::normalize::without_trailing_flags(question)
        {
            let n = self.normalize(&bare);
            let mut t = trace.clone();
            let (a, tx, _) = self.understand(&n, ctx, &mut t);
            if !matches!(a, Attempt::NoMatch) {
                attempt = a;
                text = tx;
                t.normalized = n;
                trace = t;
            }
        }
        if matches!(attempt, Attempt::NoMatch) {
            // "Robert Brose - what's his title?": a name, then a question
            // about it; the name is what the question's pronoun means.
            if let Some((lead, rest)) = self.dislocated(&text, ctx) {
                // The regex tier only: a concept reading of the rest
                // would not need the name at all.
                let (a, t, _) = self.understand_with(&rest, &lead, &mut trace, false);
                if !matches!(a, Attempt::NoMatch) {
                    attempt = a;
                    text = t;
                }
            }
        }
        if matches!(attempt, Attempt::NoMatch) && depth == 0 && ctx.lang.is_none() {
            // "by how many years?" after "did Canada join before Italy?":
            // a bare question word asks it of the last question's rest.
            // Only after a yes/no question, and only for another intent:
            // what else a bare question word asks, the follow-ups say.
            let yes_no = |q: &str| {
                let c = &self.intents.concepts;
                c.leading_form(q)
                    .is_some_and(|(id, _, _)| c.is_at_start(id))
            };
            if let Some(prev) = ctx.question.clone().filter(|p| yes_no(p))
                && let Some(t) = self.borrow_rest(&self.respell(&normalized), &prev)
            {
                let (a, t2, _) = self.understand(&t, ctx, &mut trace);
                let other = match &a {
                    Attempt::Answered(m) => {
                        ctx.intent.as_deref() != Some(&self.intents.intents[m.intent].name)
                    }
                    _ => false,
                };
                if other {
                    trace.rewritten = Some(t);
                    attempt = a;
                    text = t2;
                }
            }
        }
        if matches!(attempt, Attempt::Answered(_)) && depth == 0 && self.asks_twice(question) {
            // Two questions of one kind in one message: answered part by
            // part, or not at all (one answer would be half of it).
            if let Some(a) = self.compound(question, ctx, &trace) {
                return a;
            }
            trace.declined = Some("two questions, and not every part is understood".into());
            return self.decline(trace);
        }
        if matches!(attempt, Attempt::NoMatch) && depth == 0 {
            // Every clause a question of its own ("How many members does it
            // have, and which are they?"): each answered, as one reply.
            if let Some(a) = self.compound(question, ctx, &trace) {
                return a;
            }
        }
        if matches!(attempt, Attempt::NoMatch) {
            // A long message may hold its question in one sentence or clause
            // ("I'm writing a piece: when did Japan join?"); the last first.
            let clauses = split_clauses(question);
            if clauses.len() > 1 {
                // Small talk ("Hello bot!", "thanks a million") answers only
                // when no other clause asks something: it never hides a
                // question, answered or not.
                let mut small_talk = None;
                let mut asks_more = false;
                for clause in clauses.iter().rev() {
                    let n = self.normalize(clause);
                    if n.split(' ').count() < 2 {
                        continue;
                    }
                    let (a, t, matched) = self.understand(&n, ctx, &mut trace);
                    let kind = matched.map(|m| self.intents.intents[m].answer);
                    // A fragment of a longer message is not a follow-up.
                    let fragment = kind.is_some_and(AnswerKind::is_followup);
                    if matches!(a, Attempt::NoMatch) || fragment {
                        asks_more |= n.split(' ').count() >= 3;
                        continue;
                    }
                    if kind == Some(AnswerKind::Static) {
                        small_talk.get_or_insert((a, t, n));
                        continue;
                    }
                    // Another clause asks a question of its own that is not
                    // understood ("which joined in 2023, and was any of them
                    // a founder?"): half an answer would mislead.
                    let unanswered = clauses.iter().any(|other| {
                        let o = self.normalize(other);
                        o != n
                            && self.intents.concepts.asks(&self.respell(&o))
                            && matches!(
                                self.understand(&o, ctx, &mut trace.clone()).0,
                                Attempt::NoMatch
                            )
                    });
                    if unanswered {
                        trace.declined = Some("a clause asks what is not understood".into());
                        break;
                    }
                    // Another clause names a country, person, organisation
                    // or year the answer would pass over ("Setting the
                    // United States aside, how many ...?", "Between 2018
                    // and 2020, how many ...?"): it qualifies the question.
                    let qualifies = clauses.iter().any(|other| {
                        let o = self.normalize(other);
                        o != n
                            && self.tagger.tag(&self.respell(&o)).text.split(' ').any(|w| {
                                parse_tag(w).is_some()
                                    || (w.len() == 4
                                        && (w.starts_with("19") || w.starts_with("20"))
                                        && w.bytes().all(|b| b.is_ascii_digit()))
                            })
                    });
                    if qualifies {
                        trace.declined =
                            Some("another clause names what the answer would pass over".into());
                        break;
                    }
                    trace.clause = Some(n);
                    attempt = a;
                    text = t;
                    break;
                }
                if let (Attempt::NoMatch, Some((a, t, n)), false) =
                    (&attempt, small_talk, asks_more)
                {
                    trace.clause = Some(n);
                    attempt = a;
                    text = t;
                }
            }
        }
        match attempt {
            Attempt::Answered(m) => self.render(*m, text, ctx, trace),
            Attempt::Declined(reason, intent) => {
                trace.declined = Some(reason);
                if let Some(i) = intent {
                    trace.runners_up.insert(0, i);
                }
                self.decline(trace)
            }
            Attempt::Clarify(what) => {
                trace.declined = Some(format!("no {what} to refer back to"));
                let mut a = self.decline(trace);
                a.followups = self.declined.followups.clone();
                a.text = fill(&self.intents.grammar.replies.clarify, &[("what", what)]);
                a.text.push_str(&self.declined.hint);
                a.html = escape_html(&a.text);
                a
            }
            Attempt::NoMatch => match self
                .searchable(&text)
                .then(|| self.search.find(&text))
                .flatten()
            {
                Some(hit) if self.quote_answers(&text, &hit) => {
                    self.quote_sentence(hit, text, ctx, trace)
                }
                _ => {
                    trace.declined = Some("no intent matched".into());
                    self.decline(trace)
                }
            },
        }
    }

    /// A question that begins with a name and goes on as a question of its
    /// own: the context as if the name had just been talked about, and the
    /// rest of the question.
    fn dislocated(&self, text: &str, ctx: &Context) -> Option<(Context, String)> {
        let tagged = self.tagger.tag(text);
        let (head, rest) = tagged.text.split_once(' ')?;
        let e = parse_tag(head)?;
        let opener = rest.split(' ').next()?;
        if !self.intents.grammar.openers.iter().any(|o| o == opener) || rest.split(' ').count() < 2
        {
            return None;
        }
        let mut lead = ctx.clone();
        lead.group.clear();
        let id = self.facts.entity_id(e).to_string();
        match e.class {
            Class::Country => lead.country = Some(id),
            Class::Person => lead.person = Some(id),
            Class::Role => {
                lead.person = Some(
                    self.facts.people[self.facts.roles[e.index].person]
                        .id
                        .clone(),
                )
            }
            Class::Topic => lead.topic = Some(id),
            Class::Org | Class::Meeting => return None,
        }
        // The rest holds no other name: untagging is not needed.
        rest.split(' ')
            .all(|w| parse_tag(w).is_none())
            .then(|| (lead, rest.to_string()))
    }

    /// Whether a question no intent matched may be answered by quoting a
    /// sentence. Not "where", "when" or "how many" (a sentence holding the words of
    /// the question does not hold a place, a date or a number), not "who" about
    /// someone named ("who are the opponents Whiting mentioned?": his
    /// sentence does not say), and nothing that names a country: the fact
    /// base holds all the article says of countries, and a sentence that
    /// mentions one does not answer "was Germany a founder in 2018?".
    fn searchable(&self, text: &str) -> bool {
        let words: Vec<&str> = text.split(' ').collect();
        if words
            .iter()
            .any(|w| matches!(*w, "where" | "whereabouts" | "when"))
            || words
                .windows(2)
                .any(|p| p[0] == "how" && matches!(p[1], "many" | "much"))
        {
            return false;
        }
        // A year asks for a fact of the history, which the intents hold.
        if words.iter().any(|w| {
            w.len() == 4
                && (w.starts_with("19") || w.starts_with("20"))
                && w.bytes().all(|b| b.is_ascii_digit())
        }) {
            return false;
        }
        let asks_who = words.iter().any(|w| matches!(*w, "who" | "whom" | "whose"));
        !self
            .tagger
            .tag(text)
            .text
            .split(' ')
            .filter_map(parse_tag)
            .any(|e| {
                e.class == Class::Country
                    || (asks_who && matches!(e.class, Class::Person | Class::Role))
            })
    }

    /// Whether the sentence `hit` found can answer what `text` asks for:
    /// a question of when or how long needs a date in it, one of how many
    /// a number ("in which year was the facility established?" is not
    /// answered by "the recently established facility").
    fn quote_answers(&self, text: &str, hit: &Hit) -> bool {
        let concepts = &self.intents.concepts;
        (!concepts.holds_form(text, &["when", "how_long"]) || self.search.holds_date(&hit.id))
            && (!concepts.holds_form(text, &["count"]) || self.search.holds_number(&hit.id))
    }

    /// Answers with the article sentence a search found.
    fn quote_sentence(
        &self,
        hit: Hit,
        question: String,
        ctx: &mut Context,
        mut trace: Trace,
    ) -> Answer {
        let sentence = self.facts.sentence(&hit.id).map_or("", |s| s.text.as_str());
        let text = fill(
            &self.intents.grammar.replies.search,
            &[("sentence", sentence.to_string())],
        );
        trace.pattern = Some(format!(
            "(article search: {} of the question's weight in {:?}: {})",
            (hit.coverage * 100.0).round(),
            hit.id,
            hit.matched.join(", ")
        ));
        trace.facts = vec![format!("sentence:{}", hit.id)];
        ctx.question = Some(question);
        ctx.intent = Some(SEARCH_INTENT.into());
        ctx.subject = None;
        ctx.sources = vec![hit.id.clone()];
        Answer {
            intent: Some(SEARCH_INTENT.into()),
            html: escape_html(&text),
            text,
            sources: vec![hit.id],
            slots: BTreeMap::new(),
            followups: Vec::new(),
            trace,
        }
    }

    /// Matches normalized text as it is, then with typos corrected, then
    /// with one real word replaced by a near word when that makes exactly
    /// one intent understand it ("joint" -> "joined"). Returns the attempt,
    /// the text it was made on and the intent whose pattern or reading
    /// matched the text itself.
    fn understand(
        &self,
        normalized: &str,
        ctx: &Context,
        trace: &mut Trace,
    ) -> (Attempt, String, Option<usize>) {
        self.understand_with(normalized, ctx, trace, true)
    }

    /// [`Engine::understand`], with or without the concept tier.
    fn understand_with(
        &self,
        normalized: &str,
        ctx: &Context,
        trace: &mut Trace,
        concepts: bool,
    ) -> (Attempt, String, Option<usize>) {
        let text = self.segment(&self.respell(normalized));
        if !concepts {
            for (t, _) in std::iter::once((text.clone(), Vec::new()))
                .chain(self.speller.correct_variants(&text, 4))
            {
                let (attempt, matched) = self.attempt(&t, ctx, trace, true);
                if !matches!(attempt, Attempt::NoMatch) {
                    return (attempt, t, matched);
                }
            }
            return (Attempt::NoMatch, text, None);
        }
        let (attempt, matched) = self.read(&text, ctx, trace, true);
        if !matches!(attempt, Attempt::NoMatch) {
            return (attempt, text, matched);
        }
        let unaccounted = std::mem::take(&mut trace.unaccounted);
        for (corrected, fixes) in self.speller.correct_variants(&text, 4) {
            if fixes.is_empty() {
                break;
            }
            trace.corrections = fixes
                .iter()
                .map(|f| format!("{} -> {}", f.from, f.to))
                .collect();
            let (attempt, matched) = self.read(&corrected, ctx, trace, true);
            if !matches!(attempt, Attempt::NoMatch) {
                return (attempt, corrected, matched);
            }
        }
        trace.corrections.clear();
        if let Some((attempt, corrected, matched, fix)) =
            self.real_word(&text, &unaccounted, ctx, trace)
        {
            trace.corrections = vec![format!("{fix} (a real word)")];
            return (attempt, corrected, matched);
        }
        trace.corrections.clear();
        if trace.unaccounted.is_empty() {
            trace.unaccounted = unaccounted;
        }
        (Attempt::NoMatch, text, None)
    }

    /// Reads a text with both tiers: the regex patterns, then the concepts.
    fn read(
        &self,
        text: &str,
        ctx: &Context,
        trace: &mut Trace,
        allow_followup: bool,
    ) -> (Attempt, Option<usize>) {
        let (attempt, matched) = self.attempt(text, ctx, trace, allow_followup);
        if !matches!(attempt, Attempt::NoMatch) {
            return (attempt, matched);
        }
        self.by_concepts(text, ctx, trace)
    }

    /// Words a user ran together ("howmany", "whojoined") split into two
    /// known words, when exactly one split makes two; single letters in a
    /// row ("c s p o") joined when they spell a known word.
    fn segment(&self, text: &str) -> String {
        let words: Vec<&str> = text.split(' ').collect();
        let known = |w: &str| self.speller.knows(w) || self.intents.concepts.knows(w);
        let mut out: Vec<String> = Vec::with_capacity(words.len());
        let mut i = 0;
        while i < words.len() {
            let w = words[i];
            // Single letters: "c s p o", "n z".
            if w.len() == 1 && w.bytes().all(|b| b.is_ascii_lowercase()) {
                let mut j = i;
                while j < words.len()
                    && words[j].len() == 1
                    && words[j].bytes().all(|b| b.is_ascii_lowercase())
                {
                    j += 1;
                }
                let joined: String = words[i..j].concat();
                if j - i >= 2 && self.speller.knows(&joined) {
                    out.push(joined);
                    i = j;
                    continue;
                }
            }
            if w.len() >= 5
                && w.len() <= 24
                && w.is_ascii()
                && !w.starts_with('#')
                && !known(w)
                && self.speller.candidates(w).is_empty()
            {
                let splits: Vec<usize> = (3..w.len() - 2)
                    .filter(|&k| {
                        k >= 3
                            && w.len() - k >= 3
                            && self.intents.concepts.knows(&w[..k])
                            && known(&w[k..])
                    })
                    .collect();
                if let [k] = splits.as_slice() {
                    out.push(format!("{} {}", &w[..*k], &w[*k..]));
                    i += 1;
                    continue;
                }
            }
            out.push(w.to_string());
            i += 1;
        }
        out.join(" ")
    }

    /// A real word that fits nothing ("joint", "meat", "knew"), or two
    /// that are one ("salts man"): each near word of the vocabulary is
    /// tried in its place, and the question is read with it only when
    /// exactly one intent then understands it.
    fn real_word(
        &self,
        text: &str,
        unaccounted: &[String],
        ctx: &Context,
        trace: &mut Trace,
    ) -> Option<(Attempt, String, Option<usize>, String)> {
        const MAX_TRIES: usize = 24;
        let words: Vec<&str> = text.split(' ').collect();
        if words.len() > 24 {
            return None;
        }
        let concepts = &self.intents.concepts;
        let fits = |w: &str| {
            w.starts_with('#')
                || w.bytes().all(|b| b.is_ascii_digit())
                || concepts.knows(w)
                || self.tagger.tag(w).text != w
        };
        let mut variants: Vec<(String, String)> = Vec::new();
        for (i, w) in words.iter().enumerate() {
            if variants.len() >= MAX_TRIES {
                break;
            }
            // Only a word the nearest reading could not account for, when
            // there was one.
            let suspect = unaccounted.is_empty() || unaccounted.iter().any(|u| u == w);
            if w.len() >= 4 && !fits(w) && suspect {
                for near in self.speller.near(w) {
                    let mut v = words.clone();
                    v[i] = near;
                    variants.push((v.join(" "), format!("{w} -> {near}")));
                }
            }
            // Two words that are one name: "salts man".
            if let Some(next) = words
                .get(i + 1)
                .filter(|n| w.len() >= 3 && n.len() >= 3 && (!fits(w) || !fits(n)))
            {
                {
                    let joined = format!("{w}{next}");
                    let to = if self.speller.knows(&joined) {
                        Some(joined.clone())
                    } else {
                        self.speller.correct_word(&joined).map(str::to_string)
                    }
                    .filter(|t| self.speller.is_name(t));
                    if let Some(to) = to {
                        let mut v: Vec<&str> = words.clone();
                        v[i] = &to;
                        v.remove(i + 1);
                        variants.push((v.join(" "), format!("{w} {next} -> {to}")));
                    }
                }
            }
        }
        let mut found: Option<(Attempt, String, Option<usize>, String)> = None;
        let mut intents: Vec<usize> = Vec::new();
        let saved = trace.clone();
        for (v, fix) in variants.into_iter().take(MAX_TRIES) {
            let mut t = saved.clone();
            // The concept tier refuses a reading where the new word only fills.
            t.corrections = vec![fix.clone()];
            let (a, m) = self.read(&v, ctx, &mut t, true);
            let Some(i) = m.filter(|_| !matches!(a, Attempt::NoMatch)) else {
                continue;
            };
            if !intents.contains(&i) {
                intents.push(i);
            }
            if found.is_none() {
                *trace = t;
                found = Some((a, v, m, fix));
            }
        }
        if intents.len() == 1 {
            found
        } else {
            *trace = saved;
            None
        }
    }

    /// The concept tier: the intents' readings over the tagged text; an
    /// answer only when one intent's reading accounts for every word.
    fn by_concepts(
        &self,
        text: &str,
        ctx: &Context,
        trace: &mut Trace,
    ) -> (Attempt, Option<usize>) {
        if self.intents.concepts.is_empty() {
            return (Attempt::NoMatch, None);
        }
        let mut tagged = self.tagger.tag(text);
        tagged.text = self.relate(&tagged.text);
        self.by_concepts_in(&self.intents.concepts, &tagged, ctx, trace)
    }

    /// The concept tier over tagged text with a lexicon: English's, or a
    /// language's (the same concept ids).
    pub(crate) fn by_concepts_in(
        &self,
        concepts: &crate::concepts::ConceptSet,
        tagged: &Tagged,
        ctx: &Context,
        trace: &mut Trace,
    ) -> (Attempt, Option<usize>) {
        let set = &self.intents;
        let analysis = concepts.analyse(&tagged.text);
        let readings = set
            .intents
            .iter()
            .enumerate()
            .flat_map(|(i, it)| it.readings.iter().enumerate().map(move |(k, r)| (i, k, r)));
        let m = match concepts.understand(&analysis, readings) {
            Understood::One(m) => m,
            Understood::Ambiguous(intents) => {
                let names: Vec<String> = intents
                    .iter()
                    .map(|&i| set.intents[i].name.clone())
                    .collect();
                trace.tagged = tagged.text.clone();
                trace.runners_up = names.clone();
                return (
                    Attempt::Declined(
                        format!("the concepts read as several intents: {}", names.join(", ")),
                        None,
                    ),
                    None,
                );
            }
            Understood::Nothing { near } => {
                if let Some((_, words)) = near {
                    trace.unaccounted = words;
                }
                return (Attempt::NoMatch, None);
            }
        };
        // A typo corrected into a word that only fills ("spane" -> "space")
        // is no reading of the question.
        if trace.corrections.iter().any(|c| {
            c.rsplit(" -> ")
                .next()
                .is_some_and(|to| m.weak.iter().any(|w| w == to))
        }) {
            return (Attempt::NoMatch, None);
        }
        let intent = &set.intents[m.intent];
        let reading = &intent.readings[m.reading];
        trace.tagged = tagged.text.clone();
        trace.matched = Some(intent.name.clone());
        trace.unaccounted.clear();
        let location = format!(
            "{}:{}: concepts \"{}\"",
            intent.file.display(),
            reading.line,
            reading.source
        );
        trace.pattern = Some(location.clone());
        trace.runners_up.clear();
        let mut slots = default_slots(intent);
        // The meeting a question names ("the Toulouse meeting"), else the
        // conversation's, as the regex tier has it.
        let named = tagged
            .text
            .split(' ')
            .filter_map(parse_tag)
            .find(|e| e.class == Class::Meeting);
        if let Some(e) = named.or_else(|| self.entity_from_context(&[Class::Meeting], ctx)) {
            slots.insert("meeting".into(), SlotValue::Entity(e));
        }
        let mut list: Option<(String, Vec<EntityRef>)> = None;
        for (name, fill) in m.fills {
            let class = reading
                .slots
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, c)| c);
            let value = match fill {
                Fill::Entity(e) => SlotValue::Entity(e),
                Fill::Year(y) => SlotValue::Year(y),
                Fill::Text(t) => SlotValue::Text(t),
                Fill::List(v) => {
                    list = Some((name, v));
                    continue;
                }
                Fill::Pronoun { plural } => match class {
                    Some(SlotClass::Year) => match ctx.year {
                        Some(y) => SlotValue::Year(y),
                        None => return (Attempt::Clarify("year".into()), Some(m.intent)),
                    },
                    Some(SlotClass::Entity(classes)) => {
                        if plural && classes.contains(&Class::Country) && ctx.group.len() > 1 {
                            let v: Vec<EntityRef> = ctx
                                .group
                                .iter()
                                .filter_map(|id| self.facts.entity_by_id(Class::Country, id))
                                .collect();
                            list = Some((name, v));
                            continue;
                        }
                        match self.entity_from_context(classes, ctx) {
                            Some(e) => SlotValue::Entity(e),
                            None => {
                                return (
                                    Attempt::Clarify(classes[0].name().into()),
                                    Some(m.intent),
                                );
                            }
                        }
                    }
                    None => continue,
                },
            };
            slots.insert(name, value);
        }
        if let Some(declined) = self.it_means_something_else(m.intent, &tagged.text, ctx) {
            return (declined, Some(m.intent));
        }
        let attempt = match list {
            Some((name, entities)) => {
                self.run_list(m.intent, slots, &name, &entities, location, Vec::new(), ctx)
            }
            None => self.run(m.intent, slots, location, Vec::new(), ctx),
        };
        (attempt, Some(m.intent))
    }

    /// Names that qualify one another, read as the one they qualify (the
    /// concept tier's view of the tagged text): an organisation with one
    /// leader and a word for a person ("the Space Force guy", "the official
    /// from the Space Force") is that leader's role; a country beside a
    /// role, person or organisation whose holder is of that country ("the
    /// US Space Force chief") and the organisation a role belongs to ("the
    /// Chief of Space Operations of the U.S. Space Force") qualify the role
    /// and say nothing more. Any other pair is left as it is, for coverage
    /// to judge.
    fn relate(&self, tagged: &str) -> String {
        let link = |w: &str| matches!(w, "of" | "from" | "at" | "in");
        self.relate_with(&self.intents.concepts, tagged, &link, 1)
    }

    /// [`Engine::relate`] with a language's concepts, and its words that
    /// link two names (up to `max_link` of them: "de la", "bei der").
    pub(crate) fn relate_with(
        &self,
        concepts: &crate::concepts::ConceptSet,
        tagged: &str,
        link: &dyn Fn(&str) -> bool,
        max_link: usize,
    ) -> String {
        let person_word = concepts.id("person_word");
        let is_person_word =
            |w: &str| person_word.is_some_and(|id| concepts.concepts_of_word(w).contains(&id));
        let facts = &self.facts;
        let leader = |e: EntityRef| match e.org() {
            Some(o) => match facts.orgs[o].leader_roles.as_slice() {
                [r] => Some(*r),
                _ => None,
            },
            None => None,
        };
        // The country of the one who holds a role, is a person or leads an
        // organisation.
        let country_of = |e: EntityRef| {
            let person = match e.class {
                Class::Person => e.person(),
                Class::Role => e.role().map(|r| facts.roles[r].person),
                Class::Org => leader(e).map(|r| facts.roles[r].person),
                _ => None,
            }?;
            facts.people[person]
                .nationality
                .as_ref()
                .map(|c| c.peek().index())
        };
        let role_tag = |r: crate::facts::RoleId| {
            tag(EntityRef {
                class: Class::Role,
                index: r.index(),
            })
        };
        let words: Vec<&str> = tagged.split(' ').collect();
        let mut out: Vec<String> = Vec::with_capacity(words.len());
        let mut i = 0;
        while i < words.len() {
            let here = parse_tag(words[i]);
            let next = words.get(i + 1).and_then(|w| parse_tag(w));
            // "the US Space Force chief": the country says nothing more.
            if let (Some(c), Some(n)) = (here.and_then(|e| e.country()), next)
                && country_of(n) == Some(c.index())
            {
                i += 1;
                continue;
            }
            if let Some(e) = here {
                // "the Space Force guy"
                if let Some(r) = leader(e)
                    && words.get(i + 1).is_some_and(|w| is_person_word(w))
                {
                    out.push(role_tag(r));
                    i += 2;
                    continue;
                }
                // "the official from the Space Force": the link words
                // before this name, and the word before them.
                let n = out.len();
                let k = out
                    .iter()
                    .rev()
                    .take(max_link)
                    .take_while(|w| link(w))
                    .count();
                if let Some(r) = leader(e)
                    && k >= 1
                    && n > k
                    && is_person_word(&out[n - k - 1])
                {
                    out.truncate(n - k - 1);
                    out.push(role_tag(r));
                    i += 1;
                    continue;
                }
                // "Saltzman's position in the U.S. Space Force", "does Gen.
                // Saltzman serve as Chief of Space Operations": a role the
                // official named before holds (after "as"), or the
                // organisation of one (after "in", "of", "at", "within"),
                // is that official again, and says nothing more.
                let named: Vec<_> = out
                    .iter()
                    .filter_map(|w| parse_tag(w).and_then(|t| t.person()))
                    .collect();
                if e.role()
                    .is_some_and(|r| named.contains(&facts.roles[r].person))
                    && out.last().is_some_and(|w| w == "as")
                {
                    i += 1;
                    continue;
                }
                if let Some(o) = e.org()
                    && n >= 1
                    && matches!(out[n - 1].as_str(), "in" | "of" | "at" | "within")
                    && facts
                        .roles
                        .iter()
                        .any(|r| r.org == Some(o) && named.contains(&r.person))
                {
                    out.truncate(n - 1);
                    i += 1;
                    continue;
                }
                // "the Chief of Space Operations of the U.S. Space Force"
                if k >= 1
                    && n > k
                    && let Some(prev) = parse_tag(&out[n - k - 1])
                    && let Some(r) = prev.role()
                    && (e.org().is_some_and(|o| facts.roles[r].org == Some(o))
                        || e.country().map(|c| c.index()) == country_of(prev))
                {
                    out.truncate(n - k);
                    i += 1;
                    continue;
                }
            }
            out.push(words[i].to_string());
            i += 1;
        }
        out.join(" ")
    }

    /// A compound question: parts joined by "and" ("where was the meeting
    /// and what day was it?", "how many members and who are they"), each
    /// answered in turn in the conversation, as one reply. Question words
    /// in a row share the rest ("where and when did they meet"). Only when
    /// every part is understood.
    fn compound(&self, question: &str, ctx: &mut Context, trace: &Trace) -> Option<Answer> {
        let concepts = &self.intents.concepts;
        let parts = self.compound_parts(question);
        if parts.len() < 2 || parts.len() > 4 {
            return None;
        }
        // "where and when did they meet": a part that is only a question
        // word takes the rest of the next part.
        let mut texts: Vec<String> = Vec::new();
        // A part as it was written, where it borrowed the rest of another.
        let mut originals: Vec<Option<String>> = Vec::new();
        for k in 0..parts.len() {
            let p = &parts[k];
            let only_form = p.len() <= 3 && concepts.is_form_phrase(&p.join(" "));
            if only_form && k + 1 < parts.len() {
                let next: Vec<&str> = parts[k + 1].iter().map(String::as_str).collect();
                let skip = concepts.form_prefix_len(&next);
                if skip > 0 && skip < next.len() {
                    texts.push(format!("{} {}", p.join(" "), next[skip..].join(" ")));
                    originals.push(None);
                    continue;
                }
            }
            // "On what date did they meet, and at which facility?": a
            // later part that is only a question word (past its filler)
            // asks it of the rest of the part before.
            if k > 0
                && let Some(joined) = self.borrow_rest(&p.join(" "), &texts[k - 1])
            {
                originals.push(Some(p.join(" ")));
                texts.push(joined);
                continue;
            }
            texts.push(p.join(" "));
            originals.push(None);
        }
        let mut local = ctx.clone();
        let mut answers: Vec<Answer> = Vec::new();
        let mut understood = 0;
        for k in 0..texts.len() {
            let before = if k > 0 {
                texts[k - 1].clone()
            } else {
                String::new()
            };
            let t = &mut texts[k];
            let mut a = self.answer_at(t, &mut local, 1);
            // "and when?" that the borrowed words do not make a question
            // of: the part as written (a bare follow-up of the first).
            if let (false, Some(own)) = (a.understood(), &originals[k]) {
                let b = self.answer_at(own, &mut local, 1);
                if b.understood() {
                    *t = own.clone();
                    a = b;
                }
            }
            // The first part stands on its own: a bare name ("the US and
            // how many allies") is no question of its own.
            let followup = a
                .trace
                .matched
                .as_deref()
                .and_then(|n| self.intents.by_name(n))
                .is_some_and(|i| i.answer == AnswerKind::Followup);
            if k == 0 && followup {
                return None;
            }
            if !a.understood() {
                // "which were added in 2020 and which in 2023": the second
                // part leans on the first, as a follow-up does.
                let words: Vec<&str> = t.split(' ').collect();
                let skip = concepts.form_prefix_len(&words);
                // Only as a follow-up: "when will Sweden join" is not
                // "will Sweden join".
                if skip > 0 && skip < words.len() {
                    let rest = words[skip..].join(" ");
                    let mut tried = local.clone();
                    let b = self.answer_at(&rest, &mut tried, 1);
                    let follows = b
                        .trace
                        .matched
                        .as_deref()
                        .and_then(|n| self.intents.by_name(n))
                        .is_some_and(|i| i.answer.is_followup());
                    if b.understood() && follows {
                        *t = rest;
                        a = b;
                        local = tried;
                    }
                }
            }
            // "How many founding members did it have, and how many does it
            // have now?": a part that leaves out its noun means the noun
            // of the part before ("members"), not its qualifiers.
            if !a.understood()
                && k > 0
                && let Some(full) = self.borrow_noun(t, &before)
            {
                let b = self.answer_at(&full, &mut local, 1);
                if b.understood() {
                    *t = full;
                    a = b;
                }
            }
            if !a.understood() || a.intent.as_deref() == Some(SEARCH_INTENT) {
                return None;
            }
            if !small_talk_part(self, &a) {
                understood += 1;
            }
            // Small talk ("hello bot") is no part of the answer.
            let small_talk = small_talk_part(self, &a);
            // "which are they and when did they come aboard", after the
            // three newest: one answer said once.
            if !small_talk && !answers.iter().any(|b| b.text == a.text) {
                answers.push(a);
            }
        }
        if answers.is_empty() || understood < 2 {
            return None;
        }
        let mut trace = trace.clone();
        trace.parts = texts.clone();
        trace.declined = None;
        trace.pattern = Some(format!("(compound: {} parts)", texts.len()));
        let mut sources: Vec<String> = Vec::new();
        let mut followups: Vec<String> = Vec::new();
        let mut slots = BTreeMap::new();
        let mut facts = Vec::new();
        for a in &answers {
            for s in &a.sources {
                if !sources.contains(s) {
                    sources.push(s.clone());
                }
            }
            for f in &a.followups {
                if !followups.contains(f) && followups.len() < 3 {
                    followups.push(f.clone());
                }
            }
            for (k, v) in &a.slots {
                slots.entry(k.clone()).or_insert_with(|| v.clone());
            }
            facts.extend(a.trace.facts.iter().cloned());
        }
        trace.facts = facts;
        let text = clip(
            &answers
                .iter()
                .map(|a| a.text.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
            MAX_ANSWER_CHARS - 200,
        );
        let mut html = escape_html(&text);
        let quoted: Vec<&str> = sources
            .iter()
            .filter_map(|id| self.facts.sentences.iter().position(|s| s.id == *id))
            .map(|i| self.sentence_html[i].as_str())
            .collect();
        append_quotes(&mut html, &text, &quoted);
        local.sources = sources.clone();
        *ctx = local;
        let intent = answers
            .iter()
            .filter_map(|a| a.intent.clone())
            .collect::<Vec<_>>()
            .join("+");
        Some(Answer {
            intent: Some(intent),
            text,
            html,
            sources,
            slots,
            followups,
            trace,
        })
    }

    /// The parts of a message: its clauses, cut again at "and", "also"
    /// and "plus", as normalized words.
    fn compound_parts(&self, question: &str) -> Vec<Vec<String>> {
        let mut parts: Vec<Vec<String>> = Vec::new();
        for clause in split_clauses(question) {
            let n = self.respell(&self.normalize(clause));
            let mut cur: Vec<String> = Vec::new();
            // "Is Canada an original member, or did it join later?": the
            // other answer of a choice, no question of its own.
            if n.starts_with("or ")
                && let Some(last) = parts.pop()
            {
                cur = last;
            }
            for w in n.split(' ').filter(|w| !w.is_empty()) {
                if matches!(w, "and" | "also" | "plus") {
                    if !cur.is_empty() {
                        parts.push(std::mem::take(&mut cur));
                    }
                } else {
                    cur.push(w.to_string());
                }
            }
            if !cur.is_empty() {
                parts.push(cur);
            }
        }
        parts
    }

    /// Whether two parts of a message open with the same question word
    /// ("how many founders did it have, and how many does it have now?"):
    /// two questions, which no one answer reads whole.
    fn asks_twice(&self, question: &str) -> bool {
        let parts = self.compound_parts(question);
        if parts.len() < 2 {
            return false;
        }
        let concepts = &self.intents.concepts;
        // "how big is it, number of countries": a form with only nouns
        // after it says the question again.
        let restates = |p: &[String], at: usize| {
            p[at..].iter().all(|w| {
                matches!(w.as_str(), "the" | "of")
                    || concepts.word_is(w, "member")
                    || concepts.word_is(w, "nations")
            })
        };
        let forms: Vec<_> = parts
            .iter()
            .filter_map(|p| {
                let (id, start, len) = concepts.leading_form(&p.join(" "))?;
                (!restates(p, start + len)).then_some(id)
            })
            .collect();
        forms
            .iter()
            .enumerate()
            .any(|(k, f)| forms[..k].contains(f))
    }

    /// A part that is only a question word past its filler ("and at which
    /// facility", "by how many years") asked of the rest of the part
    /// before, past that part's own filler and question word.
    fn borrow_rest(&self, part: &str, before: &str) -> Option<String> {
        let concepts = &self.intents.concepts;
        let (_, start, len) = concepts.leading_form(part)?;
        let words: Vec<&str> = part.split(' ').collect();
        if start + len != words.len() {
            return None;
        }
        let prev: Vec<&str> = before.split(' ').collect();
        // A yes/no word stays ("where were WMDs discussed"); another
        // question word gives way to the part's own.
        let rest_at = match concepts.leading_form(before) {
            Some((id, s, l)) if !concepts.is_at_start(id) => s + l,
            Some((_, s, _)) => s,
            None => concepts.filler_len(before),
        };
        if rest_at >= prev.len() {
            return None;
        }
        Some(format!(
            "{} {}",
            words[start..].join(" "),
            prev[rest_at..].join(" ")
        ))
    }

    /// A part whose question word has no noun after it ("how many does it
    /// have now", "which were added then") with the nouns for members of
    /// the part before ("members", "countries"), after its question word.
    fn borrow_noun(&self, part: &str, before: &str) -> Option<String> {
        let concepts = &self.intents.concepts;
        let (_, start, len) = concepts.leading_form(part)?;
        let words: Vec<&str> = part.split(' ').collect();
        let is_noun = |w: &str| concepts.word_is(w, "member") || concepts.word_is(w, "nations");
        if words[start + len..].iter().any(|w| is_noun(w)) {
            return None;
        }
        let nouns: Vec<&str> = before.split(' ').filter(|w| is_noun(w)).collect();
        if nouns.is_empty() || nouns.len() > 2 {
            return None;
        }
        Some(
            words[..start + len]
                .iter()
                .chain(nouns.iter())
                .chain(words[start + len..].iter())
                .copied()
                .collect::<Vec<_>>()
                .join(" "),
        )
    }

    /// Applies the grammar's chat spellings ("wen" -> "when"), drops its
    /// ignorable words ("exactly"), and writes years given in words
    /// ("twenty twenty" -> "2020").
    fn respell(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut first = true;
        for w in text.split(' ') {
            let w = match self.respellings.get(w) {
                Some(Some(to)) => to.as_str(),
                Some(None) => continue,
                None => w,
            };
            if !first {
                out.push(' ');
            }
            first = false;
            out.push_str(w);
        }
        if out.contains("twenty") || out.contains("thousand") {
            years_in_words(&out)
        } else {
            out // what years_in_words returns for it, without a copy
        }
    }

    pub(crate) fn decline(&self, trace: Trace) -> Answer {
        let offered = self.suggest(&trace);
        if !offered.is_empty() {
            let text: String = std::iter::once(self.intents.grammar.replies.did_you_mean.clone())
                .chain(offered.iter().map(|q| format!("\n• {q}")))
                .collect();
            return Answer {
                intent: None,
                html: escape_html(&text),
                text,
                sources: Vec::new(),
                slots: BTreeMap::new(),
                followups: offered,
                trace,
            };
        }
        Answer {
            intent: None,
            text: self.declined.text.clone(),
            html: self.declined.html.clone(),
            sources: Vec::new(),
            slots: BTreeMap::new(),
            followups: self.declined.followups.clone(),
            trace,
        }
    }

    /// The intents each tier reads `question` as, in `ctx`, without typo
    /// correction: (regex patterns, concept readings). For `check`, which
    /// runs every example through both.
    pub fn tiers(&self, question: &str, ctx: &Context) -> (Option<String>, Option<String>) {
        let text = self.segment(&self.respell(&self.normalize(question)));
        let (_, regex) = self.attempt(&text, ctx, &mut Trace::default(), true);
        let (_, concepts) = self.by_concepts(&text, ctx, &mut Trace::default());
        let name = |i: Option<usize>| i.map(|i| self.intents.intents[i].name.clone());
        (name(regex), name(concepts))
    }

    /// The answer the concept tier alone gives to `question` (no patterns,
    /// no typo correction), if it reads it: for `check`'s comparison of
    /// the tiers.
    pub fn answer_by_concepts(&self, question: &str, ctx: &mut Context) -> Option<Answer> {
        let text = self.segment(&self.respell(&self.normalize(question)));
        let mut trace = Trace::default();
        match self.by_concepts(&text, ctx, &mut trace).0 {
            Attempt::Answered(m) => Some(self.render(*m, text, ctx, trace)),
            _ => None,
        }
    }

    /// Questions the bot can answer about what a declined question named
    /// (its first entity) or the concepts it used: the intents' examples
    /// made templates ([`crate::suggest`]), each kept only when the engine
    /// answers it. Empty when the question named nothing known.
    fn suggest(&self, trace: &Trace) -> Vec<String> {
        const MAX_TRIES: usize = 8;
        let tagged = if trace.tagged.is_empty() {
            self.tagger.tag(&self.respell(&trace.normalized)).text
        } else {
            trace.tagged.clone()
        };
        let entity = tagged.split(' ').find_map(parse_tag);
        let concepts = &self.intents.concepts;
        let present = concepts.concepts_in(&concepts.analyse(&tagged));
        if entity.is_none() && present.is_empty() {
            return Vec::new();
        }
        let mut offered = Vec::new();
        let mut intents: Vec<usize> = Vec::new();
        let candidates = self
            .suggestions
            .candidates(&self.facts, &self.intents, entity, &present);
        for (i, q) in candidates.into_iter().take(MAX_TRIES) {
            if intents.contains(&i) {
                continue;
            }
            let n = self.normalize(&q);
            let (attempt, _, _) = self.understand(&n, &Context::default(), &mut Trace::default());
            if matches!(attempt, Attempt::Answered(_)) {
                intents.push(i);
                offered.push(q);
                if offered.len() == crate::suggest::MAX_SUGGESTIONS {
                    break;
                }
            }
        }
        offered
    }

    /// Tags `text` and matches it with the regex patterns; `allow_followup`
    /// guards the single level of follow-up rewriting. Also returns the
    /// intent whose pattern matched.
    fn attempt(
        &self,
        text: &str,
        ctx: &Context,
        trace: &mut Trace,
        allow_followup: bool,
    ) -> (Attempt, Option<usize>) {
        let tagged = self.tagger.tag(text);
        trace.tagged = tagged.text.clone();
        let cands = self.intents.candidates(&tagged.text);
        let Some(&first) = cands.first() else {
            return (Attempt::NoMatch, None);
        };
        // "and the general from Space Command?" after "what did Brose say?"
        // continues the conversation, though a bare role would also answer.
        let leads_on = self.intents.grammar.lead_ins.iter().any(|l| {
            text.strip_prefix(l.as_str())
                .is_some_and(|rest| rest.starts_with(' '))
        });
        let best = match cands
            .iter()
            .find(|c| self.intents.intents[c.intent].answer.is_followup())
        {
            Some(&f) if leads_on && allow_followup && ctx.question.is_some() => f,
            _ => first,
        };
        let mut runners_up: Vec<String> = Vec::new();
        for c in cands.iter().skip(1) {
            let n = &self.intents.intents[c.intent].name;
            if !runners_up.contains(n) && *n != self.intents.intents[best.intent].name {
                runners_up.push(n.clone());
            }
        }
        trace.runners_up = runners_up.clone();
        let intent = &self.intents.intents[best.intent];
        let pattern = &intent.patterns[best.pattern];
        trace.pattern = Some(pattern.location.clone());
        trace.matched = Some(intent.name.clone());
        let matched = Some(best.intent);
        let (slots, group) = match self.resolve_slots(best, &tagged, ctx) {
            Ok(s) => s,
            Err(what) => return (Attempt::Clarify(what), matched),
        };
        if let Some(declined) = self.it_means_something_else(best.intent, &tagged.text, ctx) {
            return (declined, matched);
        }
        if intent.answer.is_followup() {
            if !allow_followup {
                return (Attempt::NoMatch, None);
            }
            if intent.answer == AnswerKind::MeetingBefore {
                let before =
                    self.meeting_before(best.intent, slots, pattern.source.clone(), ctx, trace);
                return (before, matched);
            }
            return (self.follow_up(&slots, ctx, trace), matched);
        }
        let attempt = match group {
            Some(name) => {
                let entities: Vec<EntityRef> = ctx
                    .group
                    .iter()
                    .filter_map(|id| self.facts.entity_by_id(Class::Country, id))
                    .collect();
                self.run_list(
                    best.intent,
                    slots,
                    &name,
                    &entities,
                    pattern.source.clone(),
                    runners_up,
                    ctx,
                )
            }
            None => self.run(best.intent, slots, pattern.source.clone(), runners_up, ctx),
        };
        (attempt, matched)
    }

    /// "it" after talk of the meeting, an official or an organisation does
    /// not mean the initiative: "What's CDE?" + "When was it established?"
    fn it_means_something_else(
        &self,
        intent: usize,
        tagged: &str,
        ctx: &Context,
    ) -> Option<Attempt> {
        let intent = &self.intents.intents[intent];
        let says_it = tagged.split(' ').any(|w| w == "it");
        (says_it
            && intent.family.as_deref() == Some("initiative")
            && matches!(ctx.subject.as_deref(), Some("meeting" | "person" | "org")))
        .then(|| {
            Attempt::Declined(
                "\"it\" refers to something else here".into(),
                Some(intent.name.clone()),
            )
        })
    }

    /// Runs an intent once for each of `entities`, the slot `name` taking
    /// each in turn: one answer, a line per entity ("when did they join?"
    /// after a list of countries; "when did France and Italy join?").
    #[allow(clippy::too_many_arguments)]
    fn run_list(
        &self,
        intent: usize,
        mut slots: Slots,
        name: &str,
        entities: &[EntityRef],
        pattern: String,
        runners_up: Vec<String>,
        ctx: &Context,
    ) -> Attempt {
        let i = &self.intents.intents[intent];
        let mut outcomes = Vec::new();
        let mut seen: Vec<EntityRef> = Vec::new();
        for &e in entities {
            if seen.contains(&e) {
                continue;
            }
            seen.push(e);
            slots.insert(name.to_string(), SlotValue::Entity(e));
            match compute(i.answer, &self.facts, self.words(i), &slots, &ctx.quotes) {
                Ok(o) => outcomes.push(o),
                Err(d) => return Attempt::Declined(d.0, Some(i.name.clone())),
            }
        }
        let Some(&first) = seen.first() else {
            return Attempt::Clarify(Class::Country.name().into());
        };
        slots.insert(name.to_string(), SlotValue::Entity(first));
        let outcome = outcomes.remove(0);
        answered(intent, slots, outcome, pattern, runners_up, outcomes)
    }

    pub(crate) fn run(
        &self,
        intent: usize,
        mut slots: Slots,
        pattern: String,
        runners_up: Vec<String>,
        ctx: &Context,
    ) -> Attempt {
        let i = &self.intents.intents[intent];
        if i.answer == AnswerKind::GroupList {
            slots.insert("group".into(), SlotValue::Text(ctx.group.join(" ")));
        }
        // "who else was quoted?": besides the people the conversation named.
        if i.answer == AnswerKind::QuotedOfficials && slots.contains_key("others") {
            let named = if ctx.people.is_empty() {
                ctx.person.iter().cloned().collect()
            } else {
                ctx.people.clone()
            };
            slots.insert("except".into(), SlotValue::Text(named.join(" ")));
        }
        match compute(i.answer, &self.facts, self.words(i), &slots, &ctx.quotes) {
            Ok(outcome) => answered(intent, slots, outcome, pattern, runners_up, Vec::new()),
            Err(d) => Attempt::Declined(d.0, Some(i.name.clone())),
        }
    }

    /// Reads the slots of the winning pattern. The name of a country slot
    /// filled by a plural pronoun ("they") when the context holds a group
    /// comes back too: the intent then answers for each of the group.
    fn resolve_slots(
        &self,
        c: Candidate,
        tagged: &Tagged,
        ctx: &Context,
    ) -> Result<(Slots, Option<String>), String> {
        let pattern = &self.intents.intents[c.intent].patterns[c.pattern];
        let intent = &self.intents.intents[c.intent];
        let mut slots = default_slots(intent);
        // The meeting a question names ("the Toulouse meeting"), else the
        // conversation's: the answer kinds default to the latest.
        let named = tagged
            .mentions
            .iter()
            .map(|m| m.entity)
            .find(|e| e.class == Class::Meeting);
        if let Some(e) = named.or_else(|| self.entity_from_context(&[Class::Meeting], ctx)) {
            slots.insert("meeting".into(), SlotValue::Entity(e));
        }
        let Some(caps) = self.intents.captures(c, &tagged.text) else {
            return Ok((slots, None));
        };
        let mut group = None;
        for (name, kind) in &pattern.slots {
            let Some(m) = caps.name(name) else { continue };
            let value = match kind {
                SlotKind::Year => match m.as_str().parse() {
                    Ok(y) => SlotValue::Year(y),
                    Err(_) => SlotValue::Year(ctx.year.ok_or_else(|| "year".to_string())?),
                },
                SlotKind::Text => {
                    let first = tagged.text[..m.start()]
                        .split(' ')
                        .filter(|w| parse_tag(w).is_some())
                        .count();
                    SlotValue::Text(untag(
                        m.as_str(),
                        &tagged.mentions[first.min(tagged.mentions.len())..],
                    ))
                }
                SlotKind::Entity(classes) => match parse_tag(m.as_str()) {
                    Some(e) => SlotValue::Entity(e),
                    None if classes.contains(&Class::Country)
                        && ctx.group.len() > 1
                        && self.intents.grammar.plural.iter().any(|p| p == m.as_str()) =>
                    {
                        group = Some(name.clone());
                        SlotValue::Entity(
                            self.facts
                                .entity_by_id(Class::Country, &ctx.group[0])
                                .ok_or_else(|| Class::Country.name().to_string())?,
                        )
                    }
                    None => SlotValue::Entity(
                        self.entity_from_context(classes, ctx)
                            .ok_or_else(|| classes[0].name().to_string())?,
                    ),
                },
            };
            slots.insert(name.clone(), value);
        }
        Ok((slots, group))
    }

    /// Replaces tags by the normalized names of their entities, so that a
    /// rewritten question can be remembered as words.
    fn untag_names(&self, tagged: &str) -> String {
        tagged
            .split(' ')
            .map(|w| match parse_tag(w) {
                Some(e) => normalize(&self.facts.entity_name(e), &self.facts.flags),
                None => w.to_string(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The one-word pronouns that stand for `class` (None: a year).
    fn pronouns_of(&self, class: Option<Class>) -> Vec<String> {
        let key = match class {
            Some(Class::Country) => "country",
            Some(Class::Person) | Some(Class::Role) => "person",
            Some(Class::Topic) => "topic",
            Some(Class::Org) | Some(Class::Meeting) => return Vec::new(),
            None => "year",
        };
        self.intents
            .grammar
            .pronouns
            .get(key)
            .into_iter()
            .flatten()
            .filter(|p| !p.contains(' '))
            .cloned()
            .collect()
    }

    /// The entity a pronoun refers to: the last one of its classes.
    fn entity_from_context(&self, classes: &[Class], ctx: &Context) -> Option<EntityRef> {
        for class in classes {
            let id = match class {
                Class::Country => ctx.country.as_deref(),
                Class::Person => ctx.person.as_deref(),
                Class::Topic => ctx.topic.as_deref(),
                Class::Meeting => ctx.meeting.as_deref(),
                Class::Role | Class::Org => None,
            };
            if let Some(e) = id.and_then(|id| self.facts.entity_by_id(*class, id)) {
                return Some(e);
            }
        }
        None
    }

    /// "and before that?", "who joined next?", "and at the very start?":
    /// the previous question again, about the join year before or after
    /// the one it named (or the first). Bare "before"/"after" turn the
    /// previous question's own comparison round ("who joined after 2020?",
    /// then "and before?"). Only when the previous question named a year, or
    /// asked when a country joined: another question has no year to step
    /// from.
    fn year_step(&self, step: &str, ctx: &Context, trace: &mut Trace) -> Attempt {
        let Some(prev) = ctx.question.as_deref() else {
            return Attempt::Declined(format!("{step:?} with no previous question"), None);
        };
        let prev_tagged = self.tagger.tag(prev).text;
        let words: Vec<&str> = prev_tagged.split(' ').collect();
        let is_year = |w: &str| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
        let named: Option<u16> = words
            .iter()
            .find(|w| is_year(w))
            .and_then(|w| w.parse().ok());
        if matches!(step, "before" | "after")
            && let Some(at) = words
                .iter()
                .position(|w| matches!(*w, "before" | "after" | "since"))
        {
            let mut turned = words.clone();
            turned[at] = if step == "before" { "before" } else { "after" };
            if turned != words {
                return self.reread(turned.join(" "), ctx, trace);
            }
        }
        // Answers that state the one year they are about.
        let asked_join_year = ctx
            .intent
            .as_deref()
            .and_then(|n| self.intents.by_name(n))
            .is_some_and(|i| {
                matches!(
                    i.answer,
                    AnswerKind::JoinYear | AnswerKind::FoundingMembers | AnswerKind::JoinedWith
                )
            });
        let from = match named {
            Some(y) => y,
            None if asked_join_year && ctx.year.is_some() => ctx.year.unwrap_or_default(),
            None => {
                return Attempt::Declined(
                    format!("{step:?}: the previous question has no year to step from"),
                    None,
                );
            }
        };
        let years = self.facts.join_years();
        let to = match step {
            "start" | "beginning" | "outset" => years.first().copied(),
            "before" | "before that" => years.iter().rev().find(|&&y| y < from).copied(),
            _ => years.iter().find(|&&y| y > from).copied(),
        };
        let Some(to) = to else {
            return Attempt::Declined(format!("no join year {step} {from}"), None);
        };
        let mut year = Slots::new();
        year.insert("year".into(), SlotValue::Year(to));
        if named.is_some() {
            // The year in the previous question replaced, as "and 2020?" does.
            self.follow_up(&year, ctx, trace)
        } else {
            let Some(ii) = self
                .intents
                .intents
                .iter()
                .position(|i| i.bare.iter().any(|b| b == "<year>"))
            else {
                return Attempt::Declined("no intent answers a bare <year>".into(), None);
            };
            self.run(ii, year, format!("(year {step} {from})"), Vec::new(), ctx)
        }
    }

    /// Reads a rewritten previous question (both tiers, no follow-up of a
    /// follow-up) and remembers it as the question asked.
    fn reread(&self, tagged: String, ctx: &Context, trace: &mut Trace) -> Attempt {
        let words = self.untag_names(&tagged);
        trace.rewritten = Some(tagged);
        let mut t = trace.clone();
        match self.read(&words, ctx, &mut t, false).0 {
            Attempt::Answered(mut m) => {
                m.remember = Some(words);
                Attempt::Answered(m)
            }
            Attempt::NoMatch => {
                Attempt::Declined("the rewritten question is not understood".into(), None)
            }
            other => other,
        }
    }

    /// "and the one before?": the previous question again, about the meeting
    /// before the conversation's (or the latest) one. When the article
    /// names none before it, the intent's own answer says so (its kind,
    /// `meeting_before`, fills the template; the intent `declines`, so it is
    /// given as a decline that says why).
    fn meeting_before(
        &self,
        intent: usize,
        mut slots: Slots,
        pattern: String,
        ctx: &Context,
        trace: &mut Trace,
    ) -> Attempt {
        let current = self
            .entity_from_context(&[Class::Meeting], ctx)
            .and_then(EntityRef::meeting)
            .unwrap_or_else(|| self.facts.latest_meeting());
        let Some(before) = self.facts.meeting_before(current) else {
            slots.insert("meeting".into(), SlotValue::Entity(current.into()));
            return self.run(intent, slots, pattern, Vec::new(), ctx);
        };
        let Some(prev) = &ctx.question else {
            return Attempt::Clarify(Class::Meeting.name().into());
        };
        let new_tag = tag(before.into());
        let prev_tagged = self.tagger.tag(prev);
        let rewritten = replace_first(&prev_tagged.text, Some(Class::Meeting), &new_tag, &[])
            .unwrap_or(prev_tagged.text);
        trace.rewritten = Some(rewritten.clone());
        let mut about = ctx.clone();
        about.meeting = Some(self.facts.meetings[before].id.clone());
        let cands = self.intents.candidates(&rewritten);
        let Some(&best) = cands
            .iter()
            .find(|c| !self.intents.intents[c.intent].answer.is_followup())
        else {
            return Attempt::Declined("the previous question matches no intent".into(), None);
        };
        let src = self.intents.intents[best.intent].patterns[best.pattern]
            .source
            .clone();
        let retagged = Tagged {
            text: rewritten.clone(),
            mentions: Vec::new(),
        };
        match self.resolve_slots(best, &retagged, &about) {
            Ok((s, _)) => match self.run(best.intent, s, src, Vec::new(), &about) {
                Attempt::Answered(mut m) => {
                    m.remember = Some(self.untag_names(&rewritten));
                    Attempt::Answered(m)
                }
                other => other,
            },
            Err(what) => Attempt::Clarify(what),
        }
    }

    /// "and Italy?", "what about 2018?", "and where?".
    fn follow_up(&self, slots: &Slots, ctx: &Context, trace: &mut Trace) -> Attempt {
        if let Some(SlotValue::Text(step)) = slots.get("step") {
            return self.year_step(step, ctx, trace);
        }
        // A new entity or year: put it in the previous question.
        let new: Option<(String, Option<Class>)> = match (slots.get("e"), slots.get("year")) {
            (Some(SlotValue::Entity(e)), _) => Some((tag(*e), Some(e.class))),
            (_, Some(SlotValue::Year(y))) => Some((y.to_string(), None)),
            _ => None,
        };
        if let Some((new_token, class)) = new {
            if let Some(prev) = &ctx.question {
                let prev_tagged = self.tagger.tag(prev);
                let pronouns = self.pronouns_of(class);
                if let Some(rewritten) =
                    replace_first(&prev_tagged.text, class, &new_token, &pronouns)
                {
                    trace.rewritten = Some(rewritten.clone());
                    // The rewritten question runs the same reading as a
                    // first question (both tiers), once: no follow-up of a
                    // follow-up.
                    let words = self.untag_names(&rewritten);
                    let mut t = trace.clone();
                    let (attempt, _) = self.read(&words, ctx, &mut t, false);
                    if !matches!(attempt, Attempt::NoMatch) {
                        trace.rewritten = Some(rewritten);
                        return match attempt {
                            Attempt::Answered(mut m) => {
                                m.remember = Some(words);
                                Attempt::Answered(m)
                            }
                            other => other,
                        };
                    }
                }
            }
            // No previous question to lean on: the default intent for the class.
            let marker = match class {
                Some(Class::Country) => "<country>",
                Some(Class::Person) | Some(Class::Role) => "<person>",
                Some(Class::Topic) => "<topic>",
                Some(Class::Org) => "<org>",
                Some(Class::Meeting) => "<meeting>",
                None => "<year>",
            };
            let Some(ii) = self
                .intents
                .intents
                .iter()
                .position(|i| i.bare.iter().any(|b| b == marker))
            else {
                return Attempt::Declined(format!("no intent answers a bare {marker}"), None);
            };
            let mut s = Slots::new();
            for (name, _) in &self.intents.intents[ii].patterns[0].slots {
                if let Some(v) = slots.get("e").or_else(|| slots.get("year")) {
                    s.insert(name.clone(), v.clone());
                }
            }
            return self.run(ii, s, format!("(bare {marker})"), Vec::new(), ctx);
        }
        // A bare question word: the intent of the same family that answers it.
        let Some(SlotValue::Text(wh)) = slots.get("wh") else {
            return Attempt::Declined(
                "follow-up without an entity or a question word".into(),
                None,
            );
        };
        let family = ctx
            .intent
            .as_deref()
            .and_then(|n| self.intents.by_name(n))
            .and_then(|i| i.family.clone());
        let Some(family) = family else {
            return Attempt::Declined(format!("bare {wh:?} with no previous question"), None);
        };
        // The previous intent itself first ("how many founders?" + "name
        // them"), then the first of its family.
        let last = ctx
            .intent
            .as_deref()
            .and_then(|n| self.intents.intents.iter().position(|i| i.name == n));
        let own = last.filter(|&i| {
            let it = &self.intents.intents[i];
            it.bare.iter().chain(&it.bare_own).any(|b| b == wh)
        });
        // After an answer that listed some countries ("who are the newest
        // members?"), a bare "when?" asks when they joined: each of them.
        let some = ctx.group.len() > 1 && ctx.group.len() < self.facts.member_count();
        if own.is_none()
            && some
            && let Some(ii) =
                self.intents.intents.iter().position(|i| {
                    i.answer == AnswerKind::JoinYear && i.bare.iter().any(|b| b == wh)
                })
        {
            let group: Vec<EntityRef> = ctx
                .group
                .iter()
                .filter_map(|id| self.facts.entity_by_id(Class::Country, id))
                .collect();
            trace.rewritten = Some(format!("(bare {wh:?} about the group)"));
            return self.run_list(
                ii,
                Slots::new(),
                "country",
                &group,
                format!("(bare {wh} about the group)"),
                Vec::new(),
                ctx,
            );
        }
        // After an answer that listed countries ("who joined in 2020?"), a
        // bare question about them ("how many?") is about that group.
        let group = some
            .then(|| {
                self.intents.intents.iter().position(|i| {
                    i.answer == AnswerKind::GroupList
                        && i.family.as_deref() == Some(&family)
                        && i.bare.iter().any(|b| b == wh)
                })
            })
            .flatten();
        let Some(ii) = own.or(group).or_else(|| {
            self.intents.intents.iter().position(|i| {
                i.family.as_deref() == Some(&family) && i.bare.iter().any(|b| b == wh)
            })
        }) else {
            return Attempt::Declined(
                format!("no intent of family {family:?} answers a bare {wh:?}"),
                None,
            );
        };
        let intent = &self.intents.intents[ii];
        let mut s = Slots::new();
        for name in intent.answer.required_slots() {
            let class = match *name {
                "country" => Class::Country,
                "person" => Class::Person,
                "topic" => Class::Topic,
                "year" => {
                    match ctx.year {
                        Some(y) => s.insert("year".into(), SlotValue::Year(y)),
                        None => return Attempt::Clarify("year".into()),
                    };
                    continue;
                }
                _ => {
                    return Attempt::Declined(
                        format!("cannot fill slot {name:?} from the context"),
                        None,
                    );
                }
            };
            match self.entity_from_context(&[class], ctx) {
                Some(e) => s.insert((*name).to_string(), SlotValue::Entity(e)),
                None => return Attempt::Clarify(class.name().into()),
            };
        }
        if wh.split(' ').any(|w| w == "else") {
            s.insert("others".into(), SlotValue::Text(wh.clone()));
        }
        trace.rewritten = Some(format!("(bare {wh:?} in family {family:?})"));
        self.run(ii, s, format!("(bare {wh})"), Vec::new(), ctx)
    }

    pub(crate) fn render(
        &self,
        mut m: Matched,
        question: String,
        ctx: &mut Context,
        mut trace: Trace,
    ) -> Answer {
        let intent = &self.intents.intents[m.intent];
        let say = |o: &Outcome| {
            let template = intent
                .templates
                .get(o.key)
                .map(String::as_str)
                .unwrap_or("");
            capitalize(fill_with(template, &o.vars, &self.intents.grammar.number_words).trim())
        };
        let mut said = say(&m.outcome);
        // A group's answer: a line for each country, the sources of all.
        let for_group = !m.also.is_empty();
        for o in std::mem::take(&mut m.also) {
            said.push('\n');
            said.push_str(&say(&o));
            m.outcome.add_sources(&o.sources);
            m.outcome.fields.extend(o.fields.iter().copied());
            m.outcome.read.extend(o.read.iter().copied());
            for f in o.facts {
                m.outcome.fact(f);
            }
        }
        let text = clip(&said, MAX_ANSWER_CHARS - 200);
        let mut html = escape_html(&text);
        let quoted: Vec<&str> = m
            .outcome
            .sources
            .iter()
            .map(|&id| self.sentence_html[id.index()].as_str())
            .collect();
        let sources: Vec<String> = m
            .outcome
            .sources
            .iter()
            .map(|&id| self.facts.sentences[id].id.clone())
            .collect();
        append_quotes(&mut html, &text, &quoted);
        let followups: Vec<String> = intent
            .followups
            .iter()
            .map(|f| fill_with(f, &m.outcome.vars, &self.intents.grammar.number_words))
            .filter(|f| !f.contains('{'))
            .take(3)
            .collect();

        // What the next question may lean on.
        let mut slots_out = BTreeMap::new();
        for (name, v) in &m.slots {
            let shown = match v {
                SlotValue::Entity(e) => {
                    let id = self.facts.entity_id(*e).to_string();
                    match e.class {
                        Class::Country if for_group => {}
                        Class::Country => ctx.country = Some(id.clone()),
                        Class::Person => self.set_person(ctx, id.clone()),
                        Class::Role => self.set_person(
                            ctx,
                            self.facts.people[self.facts.roles[e.index].person]
                                .id
                                .clone(),
                        ),
                        Class::Topic => ctx.topic = Some(id.clone()),
                        Class::Meeting => ctx.meeting = Some(id.clone()),
                        Class::Org => {}
                    }
                    id
                }
                SlotValue::Year(y) => {
                    ctx.year = Some(*y);
                    y.to_string()
                }
                SlotValue::Text(t) => t.clone(),
            };
            slots_out.insert(name.clone(), shown);
        }
        // The group a later "they" stands for: the countries a question
        // named ("did Japan join before Germany?"), else the ones an answer
        // listed ("who joined in 2020?"). One country named ends the group.
        if !for_group {
            let named: Vec<String> = m
                .slots
                .values()
                .filter_map(|v| match v {
                    SlotValue::Entity(e) if e.class == Class::Country => {
                        Some(self.facts.entity_id(*e).to_string())
                    }
                    _ => None,
                })
                .collect();
            let listed: Vec<String> = m
                .outcome
                .facts
                .iter()
                .filter_map(|f| f.strip_prefix("member:"))
                .map(str::to_string)
                .collect();
            match named.len() {
                0 if listed.len() > 1 => ctx.group = listed,
                0 => {}
                1 => ctx.group.clear(),
                _ => ctx.group = named,
            }
        }
        for e in &m.outcome.about {
            if e.class == Class::Person {
                self.set_person(ctx, self.facts.people[e.index].id.clone());
            }
        }
        // The people the answer stated something of (its `person:` facts,
        // and the speakers of its `quote:` facts): one is what a later "he"
        // means ("who was quoted via press release?", then "what's his
        // job?"); several are a group "who else?" leaves out.
        let mut people: Vec<String> = Vec::new();
        // "who else?" answered: the ones named before still count.
        if let Some(SlotValue::Text(t)) = m.slots.get("except") {
            people.extend(t.split(' ').filter(|w| !w.is_empty()).map(str::to_string));
        }
        for f in &m.outcome.facts {
            let id = if let Some(id) = f.strip_prefix("person:") {
                self.facts.people.iter().find(|p| p.id == id)
            } else if let Some(q) = f.strip_prefix("quote:") {
                self.facts
                    .people
                    .iter()
                    .find(|p| p.quotes.iter().any(|x| x.id == q))
            } else {
                None
            }
            .map(|p| p.id.clone());
            if let Some(id) = id
                && !people.contains(&id)
            {
                people.push(id);
            }
        }
        match people.as_slice() {
            [] => {}
            [one] => {
                if ctx.person.as_deref() != Some(one) {
                    self.set_person(ctx, one.clone());
                }
                ctx.people.clear();
            }
            _ => {
                // Several named, none asked about: "he" is any of them.
                let asked = m.slots.values().any(
                    |v| matches!(v, SlotValue::Entity(e) if matches!(e.class, Class::Person | Class::Role)),
                );
                if !asked {
                    ctx.person = None;
                }
                ctx.people = people;
            }
        }
        if !m.outcome.quotes.is_empty() {
            // A quote search names its speaker: "what else did he say?" follows.
            if let Some(first) = self
                .facts
                .people
                .iter()
                .find(|p| p.quotes.iter().any(|q| m.outcome.quotes.contains(&q.id)))
            {
                self.set_person(ctx, first.id.clone());
            }
            for q in &m.outcome.quotes {
                if !ctx.quotes.contains(q) {
                    ctx.quotes.push(q.clone());
                }
            }
        }
        // "who else joined that year?" leans on the year an answer gave.
        if let Some((_, y)) = m.outcome.vars.iter().find(|(n, _)| *n == "year")
            && let Ok(y) = y.parse()
        {
            ctx.year = Some(y);
        }
        ctx.question = Some(m.remember.unwrap_or(question));
        ctx.intent = Some(intent.name.clone());
        let names_org = m
            .slots
            .values()
            .any(|v| matches!(v, SlotValue::Entity(e) if e.class == Class::Org));
        ctx.subject = if names_org {
            Some("org".into())
        } else {
            intent.family.clone()
        };
        ctx.sources = sources.clone();
        trace.pattern = Some(m.pattern);
        trace.runners_up = m.runners_up;
        trace.facts = m.outcome.facts.clone();
        if intent.declines {
            trace.declined = Some(format!("{}: the article does not say", intent.name));
        }
        trace.fields = std::mem::take(&mut m.outcome.fields);
        trace.read = std::mem::take(&mut m.outcome.read);
        Answer {
            intent: (!intent.declines).then(|| intent.name.clone()),
            text,
            html,
            sources,
            slots: slots_out,
            followups,
            trace,
        }
    }

    /// The words an intent's answer is made of.
    fn words<'a>(&'a self, intent: &'a crate::intents::Intent) -> crate::answers::Words<'a> {
        crate::answers::Words {
            wording: &self.intents.grammar.wording,
            vocabulary: &intent.vocabulary,
        }
    }

    fn set_person(&self, ctx: &mut Context, id: String) {
        if ctx.person.as_deref() != Some(id.as_str()) {
            ctx.quotes.clear();
        }
        ctx.person = Some(id);
    }
}

/// Puts the words a user wrote back in place of tags, for free-text slots.
/// `mentions` are the mentions of the tags in `text`, in order.
/// Appends the quoted sentences to an answer's HTML as one expandable
/// quote, when the whole still fits in one Telegram message.
pub(crate) fn append_quotes(html: &mut String, text: &str, quoted: &[&str]) {
    if quoted.is_empty() {
        return;
    }
    let block = format!(
        "\n\n<blockquote expandable>{}</blockquote>",
        quoted.join("\n")
    );
    if text.chars().count() + block.chars().count() <= MAX_ANSWER_CHARS {
        html.push_str(&block);
    }
}

fn untag(text: &str, mentions: &[crate::tagger::Mention]) -> String {
    let mut next = mentions.iter();
    text.split(' ')
        .map(|w| match parse_tag(w) {
            Some(_) => next.next().map_or(String::new(), |m| m.words.clone()),
            None => w.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether an answer is small talk ("hello bot"), no part of a compound.
fn small_talk_part(engine: &Engine, a: &Answer) -> bool {
    a.intent
        .as_deref()
        .and_then(|n| engine.intents.by_name(n))
        .is_some_and(|i| i.answer == AnswerKind::Static)
}

/// Splits a message into sentences and clauses, at `.`, `?`, `!`, `:`,
/// `;` and dashes between spaces. Dots inside abbreviations ("U.S.") and
/// numbers do not split.
fn split_clauses(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let next = chars.get(k + 1).map(|x| x.1);
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let cut = match c {
            '?' | '!' | ';' | ',' => true,
            '.' | ':' => {
                // Not in "U.S. ..." nor before a number ("Dec. 5").
                let after = chars[k + 1..]
                    .iter()
                    .map(|x| x.1)
                    .find(|c| !c.is_whitespace());
                next.is_none_or(char::is_whitespace)
                    && !prev.is_some_and(|p| p.is_uppercase() && k >= 2 && chars[k - 2].1 == '.')
                    && !after.is_some_and(|c| c.is_ascii_digit())
                    && (c != '.' || !after_title(&text[start..i]))
            }
            '-' | '–' | '—' => {
                prev.is_some_and(char::is_whitespace) && next.is_some_and(char::is_whitespace)
            }
            _ => false,
        };
        if cut {
            if !text[start..i].trim().is_empty() {
                out.push(text[start..i].trim());
            }
            start = i + c.len_utf8();
        }
    }
    if !text[start..].trim().is_empty() {
        out.push(text[start..].trim());
    }
    out
}

/// Whether `before` ends in a title's abbreviation, whose full stop ends
/// no sentence ("Gen. Saltzman", "Lt. Gen. Whiting", "Mr. Brose").
fn after_title(before: &str) -> bool {
    const TITLES: &[&str] = &[
        "gen", "lt", "col", "maj", "capt", "cpt", "adm", "brig", "sgt", "cmdr", "dr", "mr", "mrs",
        "ms", "prof", "sec", "asst", "dep", "dept", "gov", "sen", "rep", "hon", "st",
    ];
    let word = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    TITLES.iter().any(|t| word.eq_ignore_ascii_case(t))
}

/// "twenty twenty three" and "two thousand and eighteen" as digits.
fn years_in_words(text: &str) -> String {
    const UNITS: [&str; 10] = [
        "", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    const TEENS: [&str; 10] = [
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    if !text.contains("twenty") && !text.contains("thousand") {
        return text.to_string();
    }
    let words: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let lead = if words[i] == "twenty" {
            Some(1)
        } else if words[i] == "two" && words.get(i + 1) == Some(&"thousand") {
            Some(if words.get(i + 2) == Some(&"and") {
                3
            } else {
                2
            })
        } else {
            None
        };
        if let Some(skip) = lead {
            let j = i + skip;
            let tail = |k: usize| words.get(k).copied().unwrap_or("");
            let (value, used) = if let Some(t) = TEENS.iter().position(|w| *w == tail(j)) {
                (Some(10 + t), 1)
            } else if tail(j) == "twenty" {
                match UNITS
                    .iter()
                    .position(|w| !w.is_empty() && *w == tail(j + 1))
                {
                    Some(u) => (Some(20 + u), 2),
                    None => (Some(20), 1),
                }
            } else {
                (None, 0)
            };
            if let Some(v) = value {
                out.push(format!("20{v:02}"));
                i = j + used;
                continue;
            }
        }
        out.push(words[i].to_string());
        i += 1;
    }
    out.join(" ")
}

/// Replaces the first tag of `class` (or, for `None`, the first year) in
/// `tagged` by `new`. People and roles count as one class.
/// An answered attempt, to be rendered.
fn answered(
    intent: usize,
    slots: Slots,
    outcome: Outcome,
    pattern: String,
    runners_up: Vec<String>,
    also: Vec<Outcome>,
) -> Attempt {
    Attempt::Answered(Box::new(Matched {
        intent,
        slots,
        outcome,
        pattern,
        runners_up,
        remember: None,
        also,
    }))
}

fn replace_first(
    tagged: &str,
    class: Option<Class>,
    new: &str,
    pronouns: &[String],
) -> Option<String> {
    let words: Vec<&str> = tagged.split(' ').collect();
    let same = |w: &str| match (class, parse_tag(w)) {
        (Some(c), Some(e)) => {
            e.class == c
                || (matches!(c, Class::Person | Class::Role)
                    && matches!(e.class, Class::Person | Class::Role))
        }
        (None, None) => w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()),
        _ => false,
    };
    // A name or year of the same kind; failing that, a pronoun for one.
    let pos = words
        .iter()
        .position(|w| same(w))
        .or_else(|| words.iter().position(|w| pronouns.iter().any(|p| p == w)))?;
    let mut out: Vec<&str> = words.clone();
    out[pos] = new;
    Some(out.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_starts_with_a_capital_even_after_a_flag() {
        assert_eq!(capitalize("the United States"), "The United States");
        assert_eq!(capitalize("🇺🇸 the United States"), "🇺🇸 The United States");
        assert_eq!(capitalize("10 member nations"), "10 member nations");
        assert_eq!(capitalize("“quoted” words"), "“Quoted” words");
        assert_eq!(capitalize(""), "");
        assert_eq!(capitalize("🇺🇸"), "🇺🇸");
    }

    #[test]
    fn fill_substitutes_known_vars_only() {
        assert_eq!(fill("{a} and {b}", &[("a", "x".into())]), "x and {b}");
        assert_eq!(fill("no vars", &[]), "no vars");
        assert_eq!(fill("open { brace", &[]), "open { brace");
        let words: Vec<String> = ["zero", "one", "two"].map(String::from).into();
        let vars = [("n", "2".to_string()), ("m", "12".to_string())];
        assert_eq!(
            fill_with("{n:words} of {m:words}", &vars, &words),
            "two of 12"
        );
        assert_eq!(fill_with("{n}", &vars, &words), "2");
    }

    #[test]
    fn escape_matches_telegram_rules() {
        assert_eq!(escape_html("a<b>&c"), "a&lt;b&gt;&amp;c");
    }

    #[test]
    fn clip_keeps_short_text_and_cuts_long() {
        assert_eq!(clip("short", 10), "short");
        let long = "line\n".repeat(100);
        let c = clip(&long, 50);
        assert!(c.chars().count() <= 50);
        assert!(c.ends_with('…'));
    }

    #[test]
    fn clauses_split_at_sentence_marks_not_abbreviations() {
        assert_eq!(
            split_clauses("I'm writing a piece: when did the U.S. join?"),
            vec!["I'm writing a piece", "when did the U.S. join"]
        );
        assert_eq!(split_clauses("one - two"), vec!["one", "two"]);
        assert_eq!(split_clauses("jaw-dropping"), vec!["jaw-dropping"]);
        assert_eq!(split_clauses("Dec. 5 meeting"), vec!["Dec. 5 meeting"]);
        // A title's full stop ends no sentence; a sentence's still does.
        assert_eq!(
            split_clauses("Which service does Gen. Saltzman lead. And Lt. Gen. Whiting?"),
            vec![
                "Which service does Gen. Saltzman lead",
                "And Lt. Gen. Whiting"
            ]
        );
    }

    #[test]
    fn years_in_words_become_digits() {
        assert_eq!(
            years_in_words("who joined in twenty twenty"),
            "who joined in 2020"
        );
        assert_eq!(years_in_words("twenty twenty three"), "2023");
        assert_eq!(years_in_words("two thousand and eighteen"), "2018");
        assert_eq!(years_in_words("twenty countries"), "twenty countries");
    }

    #[test]
    fn follow_up_rewrites_the_same_class() {
        assert_eq!(
            replace_first("when did #c3# join", Some(Class::Country), "#c5#", &[]).as_deref(),
            Some("when did #c5# join")
        );
        assert_eq!(
            replace_first("who joined in 2020", None, "2018", &[]).as_deref(),
            Some("who joined in 2018")
        );
        assert_eq!(
            replace_first("who joined in 2020", Some(Class::Country), "#c1#", &[]),
            None
        );
        assert_eq!(
            replace_first("what did #r1# say", Some(Class::Person), "#p0#", &[]).as_deref(),
            Some("what did #p0# say")
        );
    }
}
