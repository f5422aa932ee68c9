//! What the benchmarks share: the engine, the question mix, and the inputs
//! each stage of the engine sees when the engine answers the mix.
//!
//! The mix (`benches/data/mix.jsonl`, built by `scripts/bench-mix.py`) is a
//! list of conversations: one question, or a dialog whose questions are asked
//! in order with one [`Context`]. [`Plan::new`] answers the whole mix once
//! and, beside it, replays the engine's first attempt at each question stage
//! by stage with the public stage functions (normalize, chat respellings,
//! tag, `candidates`, captures of the winner) and the typo correction of the
//! questions whose first attempt matched nothing, recording every input each
//! stage is given. A stage benchmark runs the stage over exactly those
//! inputs, so the stage times of one pass add up to the first-attempt part
//! of one pass of `Engine::answer`. What the engine does beyond the first
//! attempt (matching each corrected variant, the clauses of long messages,
//! the previous question rewritten by a follow-up) is left in the
//! remainder with rendering; the callgrind profile in BENCHMARKS.md splits
//! all of it exactly by function.

#![allow(dead_code)]

use cspo_bot::answers::AnswerKind;
use cspo_bot::{Context, Engine};
use std::path::{Path, PathBuf};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn load_engine() -> Engine {
    let root = root();
    Engine::load(&root.join("data"), &root.join("intents")).expect("data and intents load")
}

/// The conversations of the mix.
pub fn load_mix() -> Vec<Vec<String>> {
    let path = root().join("benches/data/mix.jsonl");
    parse_mix(&path)
}

pub fn parse_mix(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).expect("benches/data/mix.jsonl");
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with("//"))
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("a JSON line");
            if let Some(q) = v.get("q").and_then(|q| q.as_str()) {
                vec![q.to_string()]
            } else {
                v["dialog"]
                    .as_array()
                    .expect("{\"q\"} or {\"dialog\"}")
                    .iter()
                    .map(|q| q.as_str().expect("a question string").to_string())
                    .collect()
            }
        })
        .collect()
}

/// How the engine handled a question of the mix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// Matched at the first try, not a follow-up.
    Direct,
    /// Matched by a follow-up intent (answered from the context).
    Followup,
    /// Nothing matched at first; answered after typo correction or from
    /// one clause of a longer message.
    Retried,
    /// Not understood (off-topic, near-miss, noise): declined.
    Declined,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Direct, Kind::Followup, Kind::Retried, Kind::Declined];
    pub fn name(self) -> &'static str {
        match self {
            Kind::Direct => "direct",
            Kind::Followup => "followup",
            Kind::Retried => "retried",
            Kind::Declined => "declined",
        }
    }
}

/// One question of the mix with the context it is asked in.
#[derive(Debug, Clone)]
pub struct Asked {
    pub question: String,
    pub before: Context,
    pub kind: Kind,
}

/// The inputs of every stage over one pass of the mix.
#[derive(Default)]
pub struct Plan {
    pub conversations: Vec<Vec<String>>,
    pub asked: Vec<Asked>,
    /// Raw questions, one per question.
    pub raw: Vec<String>,
    /// Normalized, respelled texts of the non-empty questions: the first
    /// attempt's input to the tagger.
    pub tag_in: Vec<String>,
    /// Their tagged texts, handed to `IntentSet::candidates`.
    pub set_in: Vec<String>,
    /// (intent, pattern, tagged text) of each first attempt's winner.
    pub cap_in: Vec<(usize, usize, String)>,
    /// Texts handed to the speller: those whose first attempt matched nothing.
    pub correct_in: Vec<String>,
    /// The final tagged text of each question, one per question: what the
    /// whole patterns are matched against.
    pub floor_in: Vec<String>,
    /// The floor's input: the parts of each question's final tagged text
    /// that the engine's `RegexSet` is matched against (the text between
    /// the filler, see `IntentSet::bodies`); one per question but for the
    /// few with filler, which have one per way of taking it off.
    pub floor_bodies: Vec<String>,
    /// First attempts where the replay's tagged text differs from the
    /// engine's trace (the replay is out of date when this is not 0).
    pub mismatches: Vec<String>,
}

/// The grammar's chat spellings and ignored words, as `Engine::answer`
/// applies them after `normalize` (the engine's `respell` is private; this
/// is its copy, less the rare years written in words).
pub fn respell(engine: &Engine, text: &str) -> String {
    let g = &engine.intents().grammar;
    text.split(' ')
        .map(|w| g.spelling.get(w).map_or(w, String::as_str))
        .filter(|w| !g.ignore.iter().any(|i| i == w))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Plan {
    pub fn new(engine: &Engine, conversations: Vec<Vec<String>>) -> Plan {
        let mut p = Plan {
            conversations,
            ..Default::default()
        };
        let is_followup = |name: &str| {
            engine
                .intents()
                .by_name(name)
                .is_some_and(|i| i.answer == AnswerKind::Followup)
        };
        for conv in &p.conversations {
            let mut ctx = Context::default();
            for q in conv {
                let before = ctx.clone();
                let a = engine.answer(q, &mut ctx);
                let retried = !a.trace.corrections.is_empty() || a.trace.clause.is_some();
                let kind = if a.intent.is_none() {
                    Kind::Declined
                } else if retried {
                    Kind::Retried
                } else if a.trace.matched.as_deref().is_some_and(is_followup) {
                    Kind::Followup
                } else {
                    Kind::Direct
                };
                p.raw.push(q.clone());
                p.floor_in.push(a.trace.tagged.clone());
                p.floor_bodies.extend(
                    engine.intents().bodies(&a.trace.tagged).into_iter().map(str::to_string),
                );
                let n = engine.normalize(q);
                if !n.is_empty() {
                    let r = respell(engine, &n);
                    let t = engine.tag(&r);
                    p.tag_in.push(r.clone());
                    let c = engine.intents().candidates(&t.text);
                    p.set_in.push(t.text.clone());
                    match c.first() {
                        Some(b) => {
                            p.cap_in.push((b.intent, b.pattern, t.text.clone()));
                            if !retried && t.text != a.trace.tagged {
                                p.mismatches.push(format!(
                                    "{q:?}: replay {:?}, engine {:?}",
                                    t.text, a.trace.tagged
                                ));
                            }
                        }
                        None => p.correct_in.push(r),
                    }
                }
                p.asked.push(Asked {
                    question: q.clone(),
                    before,
                    kind,
                });
            }
        }
        p
    }

    pub fn questions(&self) -> usize {
        self.raw.len()
    }

    pub fn of_kind(&self, k: Kind) -> Vec<&Asked> {
        self.asked.iter().filter(|a| a.kind == k).collect()
    }

    /// One line on the mix's composition.
    pub fn describe(&self) -> String {
        let mut s = format!(
            "mix: {} questions in {} conversations;",
            self.questions(),
            self.conversations.len()
        );
        for k in Kind::ALL {
            s.push_str(&format!(" {} {}", k.name(), self.of_kind(k).len()));
        }
        s.push_str(&format!(
            "; first attempts {}, winners {}, speller {}; floor bodies {}; replay mismatches {}",
            self.set_in.len(),
            self.cap_in.len(),
            self.correct_in.len(),
            self.floor_bodies.len(),
            self.mismatches.len()
        ));
        for m in self.mismatches.iter().take(3) {
            s.push_str(&format!("\n  replay mismatch: {m}"));
        }
        s
    }
}

/// A `RegexSet` of the whole patterns (filler included), as the engine
/// matched them before the filler was factored out, with a lazy-DFA cache
/// large enough that it runs in the DFA: the one-pass floor of the patterns
/// as written.
pub fn whole_pattern_set(engine: &Engine) -> regex::RegexSet {
    let whole: Vec<&str> = engine
        .intents()
        .intents
        .iter()
        .flat_map(|i| i.patterns.iter().map(|p| p.regex.as_str()))
        .collect();
    regex::RegexSetBuilder::new(whole)
        .size_limit(64 << 20)
        .dfa_size_limit(64 << 20)
        .build()
        .expect("the whole patterns compile")
}

/// Answers the whole mix, each conversation with a fresh context. Not
/// inlined, so that a profiler can collect inside it alone
/// (`valgrind --tool=callgrind --toggle-collect='*answer_mix*'`).
#[inline(never)]
pub fn answer_mix(engine: &Engine, conversations: &[Vec<String>]) -> usize {
    let mut n = 0;
    for conv in conversations {
        let mut ctx = Context::default();
        for q in conv {
            let a = engine.answer(q, &mut ctx);
            n += a.text.len();
            std::hint::black_box(&a);
        }
    }
    n
}
