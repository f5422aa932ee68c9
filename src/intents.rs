//! Intents: the questions the bot understands, loaded from `intents/`.
//!
//! Each `intents/*.toml` file (except `grammar.toml`) holds `[[intent]]`
//! tables: a name, a description, the [`AnswerKind`] that computes the
//! answer, regex patterns, answer templates and examples. `grammar.toml`
//! holds what all patterns share: macros (`{cspo}`), the filler allowed
//! before and after any question ("hey", "please"), and the pronouns each
//! entity class accepts. The format is specified in FORMATS.md.
//!
//! Patterns are written against normalized, entity-tagged text (see
//! `normalize` and `tagger`). The loader expands placeholders, anchors each
//! pattern (`^prefix? body suffix?$`), and compiles them all once into one
//! set (the forward lazy DFA `RegexSet` would run: `PatternMatcher`) plus,
//! on first use, one `Regex` each for captures. Matching runs the set once,
//! then captures only for the winner, chosen by priority, then specificity
//! (literal letters in the pattern), then file order.

use crate::answers::AnswerKind;
use crate::concepts::{CONCEPTS_FILE, ConceptSet, Reading};
use crate::error::{LoadError, from_toml};
use crate::facts::Class;
use crate::wording::{SlotUses, Vocabulary, Wording, WordingEntry};
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use regex_automata::util::pool::Pool;
use regex_automata::util::syntax;
use regex_automata::{Input, MatchKind, PatternSet, hybrid, nfa::thompson};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use toml::Spanned;

mod captures;
pub mod nfa_cache;
pub use captures::{Group, Groups};

/// What a placeholder's capture group holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SlotKind {
    /// An entity tag of one of these classes, or one of their pronouns.
    Entity(Vec<Class>),
    Year,
    Text,
}

/// A pattern's whole regex (filler included), compiled on first use: the
/// `RegexSet` decides which patterns match, so only a winner's captures
/// need it, and compiling all of them up front was most of the start-up
/// time. Derefs to [`Regex`].
pub struct LazyRegex {
    source: String,
    cell: std::sync::OnceLock<Regex>,
}

impl LazyRegex {
    fn new(source: String) -> LazyRegex {
        LazyRegex {
            source,
            cell: std::sync::OnceLock::new(),
        }
    }

    /// Compiled, as loading without `validate` compiled it (when the set
    /// compiled, so does each of its patterns).
    fn compiled(source: String, regex: Regex) -> LazyRegex {
        let cell = std::sync::OnceLock::new();
        let _ = cell.set(regex);
        LazyRegex { source, cell }
    }
}

impl std::ops::Deref for LazyRegex {
    type Target = Regex;
    fn deref(&self) -> &Regex {
        self.cell.get_or_init(|| {
            RegexBuilder::new(&self.source)
                .size_limit(SIZE_LIMIT)
                .build()
                // Unreachable: the load compiled the set of every pattern.
                // A pattern that cannot compile then captures nothing.
                .unwrap_or_else(|_| Regex::new(r"[^\s\S]").expect("an empty class compiles"))
        })
    }
}

impl Clone for LazyRegex {
    fn clone(&self) -> LazyRegex {
        LazyRegex {
            source: self.source.clone(),
            cell: self.cell.clone(),
        }
    }
}

impl std::fmt::Debug for LazyRegex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("LazyRegex").field(&self.source).finish()
    }
}

/// The NFA size limit of the set and of each pattern.
const SIZE_LIMIT: usize = 64 << 20;
/// The most the `RegexSet`'s lazy DFA may cache (see `IntentSet::load_with`).
const DFA_CACHE: usize = 32 << 20;

/// One compiled pattern of an intent.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// As written in the intent file.
    pub source: String,
    /// The whole pattern, `^(?:prefix)?(?:body)(?:suffix)?$`.
    pub regex: LazyRegex,
    /// The body alone, `^(?:body)$`: what [`IntentSet::captures`] runs
    /// when the text has no filler to take off (see there why that is
    /// exact). Smaller, so cheaper to compile and to run.
    pub body: LazyRegex,
    /// `file:line: source`, as the trace shows the pattern.
    pub location: String,
    pub slots: Vec<(String, SlotKind)>,
    /// Letters of literal text: more specific patterns win ties.
    pub specificity: usize,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct Example {
    pub question: String,
    /// Questions asked before it in the same conversation.
    pub after: Vec<String>,
    /// For follow-ups: the intent that must give the answer.
    pub answered_by: Option<String>,
    /// Expected slots: entity id, year or text.
    pub slots: BTreeMap<String, String>,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct Intent {
    pub name: String,
    pub description: String,
    pub answer: AnswerKind,
    pub priority: i32,
    /// Intents of one family answer each other's bare follow-ups.
    pub family: Option<String>,
    /// Bare follow-up questions this intent answers within its family
    /// ("where", "when", "since when").
    pub bare: Vec<String>,
    /// Bare follow-ups this intent answers only right after its own answer
    /// ("what year?" after "who joined most recently?"), never for the
    /// rest of its family.
    pub bare_own: Vec<String>,
    pub patterns: Vec<Pattern>,
    pub templates: BTreeMap<String, String>,
    /// Suggested next questions, with `{var}` from the answer.
    pub followups: Vec<String>,
    /// Slot values used when a pattern does not capture the slot.
    pub defaults: BTreeMap<String, String>,
    pub examples: Vec<Example>,
    pub rejects: Vec<(String, usize)>,
    /// The concept tier's readings of this intent (`concepts = [...]`).
    pub readings: Vec<Reading>,
    /// The answer says the article does not hold what was asked: it is
    /// given as a decline (no intent), with the template's words.
    pub declines: bool,
    /// What the words of its slots mean to its answer kind
    /// (`[intent.words.SLOT]`).
    pub vocabulary: Vocabulary,
    pub file: PathBuf,
    pub line: usize,
}

/// What `grammar.toml` defines.
#[derive(Debug, Clone, Default)]
pub struct Grammar {
    pub macros: BTreeMap<String, String>,
    pub prefix: String,
    pub suffix: String,
    pub pronouns: BTreeMap<String, Vec<String>>,
    /// Country pronouns that stand for every country the last answer
    /// listed, when it listed several ("when did they join?").
    pub plural: Vec<String>,
    /// Chat spellings always rewritten before matching ("wen" -> "when").
    pub spelling: BTreeMap<String, String>,
    /// Words dropped before matching ("exactly", "actually").
    pub ignore: Vec<String>,
    pub replies: Replies,
    /// How questions no intent matches are looked up in the article.
    pub search: crate::search::SearchConfig,
    /// Numbers as words, from zero: a template's `{count:words}` says
    /// "ten" where `{count}` says "10".
    pub number_words: Vec<String>,
    /// Phrases, months and the quote search's words and thresholds.
    pub wording: Wording,
    /// Openings that make a question lean on the conversation ("and",
    /// "what about"): a follow-up intent wins over a bare one.
    pub lead_ins: Vec<String>,
    /// Words that open a question of its own after a leading name
    /// ("Italy: when did it join?").
    pub openers: Vec<String>,
}

/// All intents, compiled.
#[derive(Debug, Clone)]
pub struct IntentSet {
    pub intents: Vec<Intent>,
    pub grammar: Grammar,
    /// The concepts of `concepts.toml`, which the intents' readings name.
    pub concepts: ConceptSet,
    /// One pattern per intent pattern: the bodies `^(?:body)$` when the
    /// filler is factored out (see [`Filler`]), else the whole patterns.
    set: PatternMatcher,
    /// Set index -> (intent, pattern).
    index: Vec<(usize, usize)>,
    /// Intent -> the set index of its first pattern.
    first: Vec<usize>,
    filler: Option<Filler>,
}

/// The grammar's filler, matched apart from the pattern bodies.
///
/// Every pattern is `^(?:P)?(?:B)(?:S)?$` with the same prefix P and suffix
/// S. Put in each of the 200-odd patterns, P and S made the `RegexSet`'s
/// NFA so large that the lazy DFA could not run in its default cache and
/// every question went through the PikeVM (~300 us a question), and
/// compiling it took most of the start-up. When P has the documented shape
/// `(?:X )+` (every match ends with a space) and S `(?: X)+` (every match
/// starts with one), a text T matches the whole pattern exactly when some
/// T[i..j] matches `^(?:B)$` where i = 0 or T[..i] matches P (so T[i-1] is a
/// space), and j = len or T[j..] matches S (so T[j] is a space). So the set
/// holds the bodies and [`IntentSet::candidates`] matches it on each such
/// T[i..j] (almost always just T). Any other filler shape keeps the whole
/// patterns in the set.
#[derive(Debug, Clone)]
struct Filler {
    /// `^(?:P)`: T starts with filler.
    starts: Regex,
    /// `^(?:P)$`.
    prefix: Regex,
    /// `(?:S)$`: T ends with filler.
    ends: Regex,
    /// `^(?:S)$`.
    suffix: Regex,
    /// `(?:P)` as an NFA: the ends of its matches in its search's order
    /// (for the groups of a whole pattern, see [`IntentSet::captures`]).
    prefix_nfa: thompson::NFA,
}

/// Whether `re` is one group `(?:X)+` whose X has no top-level alternation
/// and ends (`space_last`) or starts with a literal space. Conservative: no
/// classes, escapes or flags anywhere.
fn filler_shape(re: &str, space_last: bool) -> bool {
    let Some(inner) = re.strip_prefix("(?:").and_then(|r| r.strip_suffix(")+")) else {
        return false;
    };
    if inner.contains(['[', ']', '\\', '#', '^', '$']) {
        return false;
    }
    let bytes = inner.as_bytes();
    let mut depth = 0i32;
    for (k, &c) in bytes.iter().enumerate() {
        match c {
            b'(' => {
                if bytes.get(k + 1) == Some(&b'?') && bytes.get(k + 2) != Some(&b':') {
                    return false;
                }
                depth += 1;
            }
            b')' => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            b'|' if depth == 0 => return false,
            _ => {}
        }
    }
    depth == 0
        && if space_last {
            inner.ends_with(' ')
        } else {
            inner.starts_with(' ')
        }
}

impl Filler {
    fn new(prefix: &str, suffix: &str) -> Option<Filler> {
        if !filler_shape(prefix, true) || !filler_shape(suffix, false) {
            return None;
        }
        let re = |s: String| Regex::new(&s).ok();
        Some(Filler {
            starts: re(format!("^(?:{prefix})"))?,
            prefix: re(format!("^(?:{prefix})$"))?,
            ends: re(format!("(?:{suffix})$"))?,
            suffix: re(format!("^(?:{suffix})$"))?,
            prefix_nfa: {
                let p = [format!("(?:{prefix})")];
                nfa_cache::Cache::from_env()
                    .nfa("filler prefix: NFA::new", &p, || {
                        thompson::NFA::new(&p[0]).map_err(drop)
                    })
                    .ok()?
                    .0
            },
        })
    }

    /// Whether `text` may start or end with filler, i.e. whether
    /// [`Filler::splits`] offers more than the text as is.
    fn frames(&self, text: &str) -> bool {
        self.starts.is_match(text) || self.ends.is_match(text)
    }

    /// Calls `f` with each (i, j) such that T[..i] is filler or empty,
    /// T[j..] is filler or empty, and i <= j, where the prefix and the
    /// suffix each span at most [`MAX_FILLER_WORDS`] words. The bound keeps
    /// the work linear in the text's length: without it, 1 KiB of "ok ok
    /// ok ..." tried every prefix against every suffix (~220 M
    /// instructions). No real question has more filler words than that.
    fn splits(&self, text: &str, mut f: impl FnMut(usize, usize)) {
        let has_prefix = self.starts.is_match(text);
        let has_suffix = self.ends.is_match(text);
        if !has_prefix && !has_suffix {
            return f(0, text.len());
        }
        let spaces: Vec<usize> = text
            .bytes()
            .enumerate()
            .filter(|&(_, b)| b == b' ')
            .map(|(k, _)| k)
            .collect();
        let head = &spaces[..spaces.len().min(MAX_FILLER_WORDS)];
        let tail = &spaces[spaces.len().saturating_sub(MAX_FILLER_WORDS)..];
        let starts: Vec<usize> = std::iter::once(0)
            .chain(
                head.iter()
                    .filter(|&&k| has_prefix && self.prefix.is_match(&text[..k + 1]))
                    .map(|k| k + 1),
            )
            .collect();
        let ends: Vec<usize> = std::iter::once(text.len())
            .chain(
                tail.iter()
                    .copied()
                    .filter(|&k| has_suffix && self.suffix.is_match(&text[k..])),
            )
            .collect();
        for &i in &starts {
            for &j in &ends {
                if i <= j {
                    f(i, j);
                }
            }
        }
    }
}

/// The most words the filler may take before or after a question.
pub const MAX_FILLER_WORDS: usize = 12;

/// Makes a lazy DFA cache for a thread that has none.
type CacheFn = Box<
    dyn Fn() -> hybrid::dfa::Cache
        + Send
        + Sync
        + std::panic::UnwindSafe
        + std::panic::RefUnwindSafe,
>;

/// Which of the set's patterns match a text: what `RegexSet::matches`
/// answers, built with a third less work.
///
/// A `RegexSet` is a meta regex: a forward NFA, a *reverse* NFA (to find
/// where a match starts, which a question of *which* patterns match never
/// needs), a PikeVM and a backtracker. `RegexSet::matches` runs the forward
/// lazy DFA over the forward NFA (an overlapping search) and uses the
/// PikeVM only if that DFA fails. Here only that forward lazy DFA is built,
/// with the syntax and NFA settings `RegexSetBuilder` uses (UTF-8, Unicode,
/// no captures, the same size limits), which skips the reverse NFA: a
/// fifth of start-up, and its memory. The answer is the same, since which
/// patterns match is a property of the patterns and the text, not of the
/// engine. If the DFA cannot be built, or fails on a text (it quits on
/// non-ASCII only if a pattern has a Unicode `\b`, and never gives up on
/// its cache), the `RegexSet` itself is built and answers instead.
struct PatternMatcher {
    dfa: Option<(hybrid::dfa::DFA, Pool<hybrid::dfa::Cache, CacheFn>)>,
    /// The groups of a pattern that matched, from the DFA's own NFA.
    captures: Option<captures::Captures>,
    patterns: Vec<String>,
    set: std::sync::OnceLock<RegexSet>,
}

impl PatternMatcher {
    /// Fails as `RegexSetBuilder::build` does, with its error.
    fn new(patterns: Vec<String>) -> Result<PatternMatcher, regex::Error> {
        let (dfa, captures) = match PatternMatcher::dfa(&patterns, &nfa_cache::Cache::from_env()) {
            Some((dfa, pool, nfa)) => (Some((dfa, pool)), Some(captures::Captures::new(nfa))),
            None => (None, None),
        };
        let m = PatternMatcher {
            dfa,
            captures,
            patterns,
            set: std::sync::OnceLock::new(),
        };
        if m.dfa.is_none() {
            let set = PatternMatcher::regex_set(&m.patterns)?;
            let _ = m.set.set(set);
        }
        Ok(m)
    }

    /// The set's lazy DFA, its cache pool, and the NFA it runs, which
    /// keeps the capture groups (the DFA steps over them; the winner's
    /// groups are read off the same NFA, see [`captures`]).
    #[allow(clippy::type_complexity)]
    /// The NFA comes from `cache` when it holds these patterns' (see
    /// [`nfa_cache`]): compiling it is most of the start-up.
    fn dfa(
        patterns: &[String],
        cache: &nfa_cache::Cache,
    ) -> Option<(
        hybrid::dfa::DFA,
        Pool<hybrid::dfa::Cache, CacheFn>,
        thompson::NFA,
    )> {
        let compile = || {
            thompson::Compiler::new()
                .syntax(syntax::Config::new().utf8(true))
                .configure(
                    thompson::Config::new()
                        .utf8(true)
                        .nfa_size_limit(Some(SIZE_LIMIT))
                        .shrink(false)
                        .which_captures(thompson::WhichCaptures::All),
                )
                .build_many(patterns)
                // The caller falls back to the `RegexSet`, whose error it reports.
                .map_err(drop)
        };
        let tag = format!("set: utf8, size limit {SIZE_LIMIT}, no shrink, all captures");
        let (nfa, _) = cache.nfa(&tag, patterns, compile).ok()?;
        let dfa = hybrid::dfa::DFA::builder()
            .configure(
                hybrid::dfa::DFA::config()
                    .match_kind(MatchKind::All)
                    .cache_capacity(DFA_CACHE)
                    .unicode_word_boundary(true),
            )
            .build_from_nfa(nfa.clone())
            .ok()?;
        let for_pool = dfa.clone();
        let make: CacheFn = Box::new(move || for_pool.create_cache());
        Some((dfa, Pool::new(make), nfa))
    }

    fn regex_set(patterns: &[String]) -> Result<RegexSet, regex::Error> {
        RegexSetBuilder::new(patterns)
            .size_limit(SIZE_LIMIT)
            // The lazy DFA's cache. Too small for the set's NFA (the default
            // 2 MiB is, with 290 patterns), and every question falls back
            // to the PikeVM, ~1000x slower. It fills only as far as the
            // questions asked need.
            .dfa_size_limit(DFA_CACHE)
            .build()
    }

    /// The equivalent `RegexSet`, built on first use.
    fn set(&self) -> &RegexSet {
        self.set.get_or_init(|| {
            // Unreachable failure: the patterns built as a DFA with the
            // same limits. A set that cannot build then matches nothing.
            PatternMatcher::regex_set(&self.patterns).unwrap_or_else(|_| RegexSet::empty())
        })
    }

    /// Calls `f` with the index of each pattern that matches `text`, in
    /// increasing order.
    fn matches(&self, text: &str, mut f: impl FnMut(usize)) {
        if let Some((dfa, pool)) = &self.dfa {
            let mut found = PatternSet::new(dfa.pattern_len());
            let mut cache = pool.get();
            if dfa
                .try_which_overlapping_matches(&mut cache, &Input::new(text), &mut found)
                .is_ok()
            {
                // Most texts tried (filler cuts, typo variants) match
                // nothing: skip the walk over every pattern's flag.
                if !found.is_empty() {
                    found.iter().for_each(|p| f(p.as_usize()));
                }
                return;
            }
        }
        self.set().matches(text).iter().for_each(f)
    }
}

impl Clone for PatternMatcher {
    fn clone(&self) -> PatternMatcher {
        PatternMatcher {
            dfa: self.dfa.as_ref().map(|(dfa, _)| {
                let for_pool = dfa.clone();
                let make: CacheFn = Box::new(move || for_pool.create_cache());
                (dfa.clone(), Pool::new(make))
            }),
            captures: self.captures.clone(),
            patterns: self.patterns.clone(),
            set: self.set.clone(),
        }
    }
}

impl std::fmt::Debug for PatternMatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PatternMatcher")
            .field("patterns", &self.patterns.len())
            .field("dfa", &self.dfa.is_some())
            .finish()
    }
}

/// The groups of a pattern that matched ([`IntentSet::captures`]).
#[derive(Debug)]
pub enum Captured<'t> {
    /// Read off the set's NFA.
    Set(Groups<'t>),
    /// From the pattern's own regex.
    Regex(regex::Captures<'t>),
}

impl<'t> Captured<'t> {
    /// The group named `name`, when it took part in the match.
    pub fn name(&self, name: &str) -> Option<Group<'t>> {
        match self {
            Captured::Set(g) => g.name(name),
            Captured::Regex(c) => c.name(name).map(Group::of),
        }
    }
}

/// A pattern that matched, with its rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub intent: usize,
    pub pattern: usize,
}

// ---------------------------------------------------------------------------
// File formats.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GrammarFile {
    #[serde(default)]
    macros: BTreeMap<String, String>,
    filler: FillerEntry,
    #[serde(default)]
    pronouns: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    plural: Vec<String>,
    #[serde(default)]
    spelling: BTreeMap<String, String>,
    #[serde(default)]
    ignore: Vec<String>,
    replies: Replies,
    #[serde(default)]
    search: crate::search::SearchConfig,
    #[serde(default)]
    number_words: Vec<String>,
    phrases: Spanned<BTreeMap<String, Spanned<String>>>,
    months: Spanned<Vec<String>>,
    quotes: Spanned<crate::wording::QuoteSearch>,
    lead_ins: Vec<String>,
    openers: Vec<String>,
}

/// Fixed replies of the engine, in `grammar.toml`'s `[replies]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Replies {
    /// "I don't know that", followed by the hint.
    pub decline: String,
    /// A pronoun with nothing to point at ("what did he say?" first thing).
    pub clarify: String,
    /// Example questions offered with a decline (two or three are shown).
    pub examples: Vec<String>,
    /// The answer found by searching the article: `{sentence}` is the
    /// sentence quoted.
    #[serde(default = "default_search_reply")]
    pub search: String,
    /// A decline that offers questions about what the question named
    /// ("I don't know that. Did you mean:"), each then on a line.
    #[serde(default = "default_did_you_mean")]
    pub did_you_mean: String,
}

fn default_did_you_mean() -> String {
    "I don't know that. Did you mean:".into()
}

fn default_search_reply() -> String {
    "The article says: \u{201c}{sentence}\u{201d}".into()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FillerEntry {
    prefix: String,
    suffix: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IntentFile {
    intent: Vec<Spanned<IntentEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IntentEntry {
    name: String,
    description: String,
    answer: Spanned<String>,
    #[serde(default = "default_priority")]
    priority: i32,
    family: Option<String>,
    #[serde(default)]
    bare: Vec<String>,
    #[serde(default)]
    bare_own: Vec<String>,
    patterns: Vec<Spanned<String>>,
    #[serde(default)]
    templates: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    followups: Vec<String>,
    #[serde(default)]
    defaults: BTreeMap<String, String>,
    #[serde(default)]
    examples: Vec<Spanned<ExampleEntry>>,
    #[serde(default)]
    rejects: Vec<Spanned<String>>,
    #[serde(default)]
    concepts: Vec<Spanned<String>>,
    #[serde(default)]
    declines: bool,
    #[serde(default)]
    words: crate::wording::WordsEntry,
}

fn default_priority() -> i32 {
    50
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExampleEntry {
    q: String,
    #[serde(default)]
    after: Vec<String>,
    answered_by: Option<String>,
    #[serde(default)]
    slots: BTreeMap<String, String>,
}

// ---------------------------------------------------------------------------
// Pattern expansion.

const ENTITY_PLACEHOLDERS: &[(&str, &[Class])] = &[
    ("country", &[Class::Country]),
    ("person", &[Class::Person, Class::Role]),
    ("role", &[Class::Role]),
    ("org", &[Class::Org]),
    ("topic", &[Class::Topic]),
    (
        "entity",
        &[
            Class::Country,
            Class::Person,
            Class::Role,
            Class::Org,
            Class::Topic,
        ],
    ),
];

/// The regex an entity placeholder stands for: a tag of its classes, or one
/// of the pronouns declared for the placeholder in `grammar.toml`.
fn entity_regex(classes: &[Class], pronouns: Option<&Vec<String>>) -> String {
    let letters: String = classes.iter().map(|c| c.letter()).collect();
    let mut alt = format!("#[{letters}][0-9]+#");
    for p in pronouns.into_iter().flatten() {
        alt.push('|');
        alt.push_str(&regex::escape(p));
    }
    alt
}

#[derive(Debug)]
struct Expansion {
    regex: String,
    slots: Vec<(String, SlotKind)>,
    literal_letters: usize,
}

/// Expands `{placeholder}` and `{placeholder:slot}` in `src`. A `{` that is
/// not followed by a letter is regex syntax (`a{2,3}`) and kept as is.
fn expand(src: &str, grammar: &Grammar, depth: usize) -> Result<Expansion, String> {
    if depth > 8 {
        return Err("macros nest more than 8 deep (a macro that uses itself?)".into());
    }
    let mut out = String::with_capacity(src.len() * 2);
    let mut slots = Vec::new();
    let mut letters = 0;
    let mut rest = src;
    while let Some(open) = rest.find('{') {
        let (before, after) = rest.split_at(open);
        out.push_str(before);
        letters += count_literal_letters(before);
        let after = &after[1..];
        if !after.starts_with(|c: char| c.is_ascii_alphabetic()) {
            out.push('{');
            rest = after;
            continue;
        }
        let close = after
            .find('}')
            .ok_or_else(|| format!("unclosed placeholder in {src:?}"))?;
        let inner = &after[..close];
        rest = &after[close + 1..];
        let (name, slot) = match inner.split_once(':') {
            Some((n, s)) => (n, s),
            None => (inner, inner),
        };
        if !slot.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') || slot.is_empty() {
            return Err(format!("bad slot name {slot:?} in {{{inner}}}"));
        }
        if let Some((_, classes)) = ENTITY_PLACEHOLDERS.iter().find(|(n, _)| *n == name) {
            out.push_str(&format!(
                "(?P<{slot}>{})",
                entity_regex(classes, grammar.pronouns.get(name))
            ));
            slots.push((slot.to_string(), SlotKind::Entity(classes.to_vec())));
        } else if name == "year" {
            let mut alt = "(?:19|20)[0-9][0-9]".to_string();
            for p in grammar.pronouns.get("year").into_iter().flatten() {
                alt.push('|');
                alt.push_str(&regex::escape(p));
            }
            out.push_str(&format!("(?P<{slot}>{alt})"));
            slots.push((slot.to_string(), SlotKind::Year));
        } else if name == "text" {
            out.push_str(&format!("(?P<{slot}>.+?)"));
            slots.push((slot.to_string(), SlotKind::Text));
        } else if let Some(m) = grammar.macros.get(name) {
            if inner.contains(':') {
                return Err(format!("macro {{{name}}} cannot take a slot name"));
            }
            let inner_exp = expand(m, grammar, depth + 1)?;
            if !inner_exp.slots.is_empty() {
                return Err(format!("macro {{{name}}} must not contain slots"));
            }
            out.push_str(&format!("(?:{})", inner_exp.regex));
            letters += 2;
        } else {
            return Err(format!(
                "unknown placeholder {{{name}}}: not an entity class (country, person, role, org, topic, entity), year, text, or a macro of grammar.toml"
            ));
        }
    }
    out.push_str(rest);
    letters += count_literal_letters(rest);
    // Raw named groups written in the pattern are text slots.
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for (name, _) in &slots {
        if !seen.insert(name.clone()) {
            return Err(format!(
                "slot {name:?} appears twice; name them, e.g. {{country:a}} and {{country:b}}"
            ));
        }
    }
    for cap in RAW_GROUP.captures_iter(src) {
        let name = cap[1].to_string();
        if !seen.insert(name.clone()) {
            return Err(format!("slot {name:?} appears twice"));
        }
        slots.push((name, SlotKind::Text));
    }
    Ok(Expansion {
        regex: out,
        slots,
        literal_letters: letters,
    })
}

static RAW_GROUP: once_cell::sync::Lazy<Regex> = once_cell::sync::Lazy::new(|| {
    Regex::new(r"\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>").expect("valid regex")
});

fn count_literal_letters(s: &str) -> usize {
    // Skip escapes like \s, \d and group syntax like (?P<name>.
    let mut n = 0;
    let mut prev = ' ';
    for c in s.chars() {
        if c.is_ascii_lowercase() && prev != '\\' {
            n += 1;
        }
        prev = c;
    }
    n
}

/// The words a pattern spells out, for the speller's vocabulary.
pub fn literal_words(src: &str) -> Vec<String> {
    let without_groups = RAW_GROUP.replace_all(src, "(");
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_placeholder = false;
    let mut prev = ' ';
    for c in without_groups.chars() {
        match c {
            '{' => in_placeholder = true,
            '}' => in_placeholder = false,
            _ => {}
        }
        if c.is_ascii_lowercase() && !in_placeholder && prev != '\\' {
            cur.push(c);
        } else if !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        prev = c;
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

// ---------------------------------------------------------------------------
// Loading.

/// The name of the shared grammar file in the intents directory.
pub const GRAMMAR_FILE: &str = "grammar.toml";

fn read(path: &Path) -> Result<String, LoadError> {
    std::fs::read_to_string(path)
        .map_err(|e| LoadError::new(path, None, format!("cannot read: {e}")))
}

fn parse<T: serde::de::DeserializeOwned>(path: &Path, text: &str) -> Result<T, LoadError> {
    if text.trim().is_empty() {
        return Err(LoadError::new(path, Some(1), "the file is empty"));
    }
    toml::from_str(text).map_err(|e| from_toml(path, text, e))
}

impl IntentSet {
    /// Loads `grammar.toml` and every other `*.toml` of `dir`, in name order.
    ///
    /// The fast path leaves each pattern's own regex to be compiled on first
    /// use (the `RegexSet` build checks every pattern's syntax). On any
    /// error it loads again compiling every pattern as it goes, so that the
    /// error reported is the first one in file order, as always.
    ///
    /// `counts` are numbers the data decides, by name: each becomes a macro
    /// `{n_NAME}` that matches any of its numbers in digits or as a word of
    /// `number_words` ("members" = [10]: `{n_members}` matches "ten" and
    /// "10"), so no pattern types a count the data may change.
    pub fn load(dir: &Path, counts: &[(&str, Vec<usize>)]) -> Result<IntentSet, LoadError> {
        IntentSet::load_with(dir, counts, false)
            .or_else(|_| IntentSet::load_with(dir, counts, true))
    }

    fn load_with(
        dir: &Path,
        counts: &[(&str, Vec<usize>)],
        validate: bool,
    ) -> Result<IntentSet, LoadError> {
        if !dir.is_dir() {
            return Err(LoadError::new(dir, None, "intents directory not found"));
        }
        let gpath = dir.join(GRAMMAR_FILE);
        let gtext = read(&gpath)?;
        let gfile: GrammarFile = parse(&gpath, &gtext)?;
        for name in gfile.pronouns.keys() {
            if !ENTITY_PLACEHOLDERS.iter().any(|(n, _)| n == name) && name != "year" {
                return Err(LoadError::new(
                    &gpath,
                    None,
                    format!("pronouns for unknown entity class {name:?}"),
                ));
            }
        }
        let country_pronouns = gfile.pronouns.get("country");
        if let Some(p) = gfile
            .plural
            .iter()
            .find(|p| !country_pronouns.is_some_and(|c| c.contains(p)))
        {
            return Err(LoadError::new(
                &gpath,
                gtext
                    .find("plural")
                    .map(|o| crate::error::line_of(&gtext, o)),
                format!("plural pronoun {p:?} is not one of the country pronouns"),
            ));
        }
        let mut macros = gfile.macros;
        for (name, numbers) in counts {
            let mut alt: Vec<String> = Vec::new();
            for &n in numbers {
                alt.extend(gfile.number_words.get(n).cloned());
                alt.push(n.to_string());
            }
            if alt.is_empty() {
                // Nothing to count: a pattern that says one never matches.
                alt.push("#none#".into());
            }
            macros.insert(format!("n_{name}"), alt.join("|"));
        }
        let wording = Wording::load(
            WordingEntry {
                phrases: gfile.phrases,
                months: gfile.months,
                quotes: gfile.quotes,
            },
            &gpath,
            &gtext,
        )?;
        let grammar = Grammar {
            wording,
            lead_ins: gfile.lead_ins,
            openers: gfile.openers,
            macros,
            prefix: gfile.filler.prefix,
            suffix: gfile.filler.suffix,
            pronouns: gfile.pronouns,
            plural: gfile.plural,
            spelling: gfile.spelling,
            ignore: gfile.ignore,
            replies: gfile.replies,
            search: gfile.search,
            number_words: gfile.number_words,
        };
        if grammar.replies.examples.len() < 2 {
            return Err(LoadError::new(
                &gpath,
                None,
                "[replies] examples needs at least two example questions",
            ));
        }
        for (name, body) in &grammar.macros {
            if ENTITY_PLACEHOLDERS.iter().any(|(n, _)| n == name)
                || name == "year"
                || name == "text"
            {
                return Err(LoadError::new(
                    &gpath,
                    None,
                    format!("macro {{{name}}} shadows a built-in placeholder"),
                ));
            }
            let e = expand(body, &grammar, 0)
                .map_err(|m| LoadError::new(&gpath, None, format!("macro {{{name}}}: {m}")))?;
            Regex::new(&e.regex).map_err(|err| {
                LoadError::new(
                    &gpath,
                    None,
                    format!(
                        "macro {{{name}}} is not a valid regex: {}",
                        first_line(&err.to_string())
                    ),
                )
            })?;
        }
        for (what, re) in [("prefix", &grammar.prefix), ("suffix", &grammar.suffix)] {
            let e = expand(re, &grammar, 0)
                .map_err(|m| LoadError::new(&gpath, None, format!("filler {what}: {m}")))?;
            Regex::new(&e.regex).map_err(|err| {
                LoadError::new(
                    &gpath,
                    None,
                    format!(
                        "filler {what} is not a valid regex: {}",
                        first_line(&err.to_string())
                    ),
                )
            })?;
        }
        let prefix = expand(&grammar.prefix, &grammar, 0)
            .map_err(|m| LoadError::new(&gpath, None, m))?
            .regex;
        let suffix = expand(&grammar.suffix, &grammar, 0)
            .map_err(|m| LoadError::new(&gpath, None, m))?
            .regex;

        let concepts = ConceptSet::load(dir, &grammar.pronouns, &grammar.plural)?;
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| LoadError::new(dir, None, format!("cannot list: {e}")))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension().is_some_and(|x| x == "toml")
                    && p.file_name()
                        .is_some_and(|n| n != GRAMMAR_FILE && n != CONCEPTS_FILE)
            })
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(LoadError::new(dir, None, "no intent files (*.toml) found"));
        }

        let mut intents = Vec::new();
        let mut names = BTreeSet::new();
        let mut full_patterns = Vec::new();
        let mut bodies = Vec::new();
        let mut index = Vec::new();
        for path in &files {
            let text = read(path)?;
            let file: IntentFile = parse(path, &text)?;
            let lines = crate::error::Lines::new(&text);
            for entry in file.intent {
                let line = lines.line(entry.span().start);
                let e = entry.into_inner();
                let err = |l: usize, msg: String| {
                    LoadError::new(path, Some(l), format!("intent {:?}: {msg}", e.name))
                };
                if !names.insert(e.name.clone()) {
                    return Err(err(line, "duplicate intent name".into()));
                }
                let answer = AnswerKind::parse(e.answer.get_ref()).ok_or_else(|| {
                    let l = lines.line(e.answer.span().start);
                    let known: Vec<&str> = AnswerKind::ALL.iter().map(|k| k.name()).collect();
                    err(
                        l,
                        format!(
                            "unknown answer kind {:?} (known: {})",
                            e.answer.get_ref(),
                            known.join(", ")
                        ),
                    )
                })?;
                if e.patterns.is_empty() && e.concepts.is_empty() {
                    return Err(err(line, "has no patterns and no concepts".into()));
                }
                let mut patterns = Vec::new();
                for p in &e.patterns {
                    let pl = lines.line(p.span().start);
                    let exp = expand(p.get_ref(), &grammar, 0).map_err(|m| err(pl, m))?;
                    let full = format!("^(?:{prefix})?(?:{})(?:{suffix})?$", exp.regex);
                    let regex = if validate {
                        let r = Regex::new(&full).map_err(|x| {
                            err(pl, format!("invalid regex: {}", first_line(&x.to_string())))
                        })?;
                        LazyRegex::compiled(full.clone(), r)
                    } else {
                        LazyRegex::new(full.clone())
                    };
                    for required in answer.required_slots() {
                        if !exp.slots.iter().any(|(n, _)| n == required)
                            && !e.defaults.contains_key(*required)
                        {
                            return Err(err(
                                pl,
                                format!(
                                    "answer {:?} needs a slot {required:?} that this pattern does not capture",
                                    answer.name()
                                ),
                            ));
                        }
                    }
                    index.push((intents.len(), patterns.len()));
                    full_patterns.push(full);
                    bodies.push(exp.regex.clone());
                    patterns.push(Pattern {
                        source: p.get_ref().clone(),
                        regex,
                        body: LazyRegex::new(format!("^(?:{})$", exp.regex)),
                        location: format!("{}:{pl}: {}", path.display(), p.get_ref()),
                        slots: exp.slots,
                        specificity: exp.literal_letters,
                        line: pl,
                    });
                }
                let mut templates = BTreeMap::new();
                for (k, v) in &e.templates {
                    if !answer.keys().contains(&k.as_str()) {
                        let l = lines.line(v.span().start);
                        return Err(err(
                            l,
                            format!(
                                "template {k:?} is never used by answer {:?} (it uses: {})",
                                answer.name(),
                                answer.keys().join(", ")
                            ),
                        ));
                    }
                    templates.insert(k.clone(), v.get_ref().clone());
                }
                for k in answer.keys() {
                    if !templates.contains_key(*k) {
                        return Err(err(
                            line,
                            format!(
                                "missing template {k:?} (answer {:?} needs: {})",
                                answer.name(),
                                answer.keys().join(", ")
                            ),
                        ));
                    }
                }
                let examples = e
                    .examples
                    .iter()
                    .map(|x| Example {
                        question: x.get_ref().q.clone(),
                        after: x.get_ref().after.clone(),
                        answered_by: x.get_ref().answered_by.clone(),
                        slots: x.get_ref().slots.clone(),
                        line: lines.line(x.span().start),
                    })
                    .collect();
                let rejects = e
                    .rejects
                    .iter()
                    .map(|r| (r.get_ref().clone(), lines.line(r.span().start)))
                    .collect();
                let mut readings = Vec::new();
                for c in &e.concepts {
                    let cl = lines.line(c.span().start);
                    let r = concepts
                        .parse_reading(c.get_ref(), cl)
                        .map_err(|m| err(cl, m))?;
                    for required in answer.required_slots() {
                        if !r.slots.iter().any(|(n, _)| n == required)
                            && !r.sets.iter().any(|(n, _)| n == required)
                            && !e.defaults.contains_key(*required)
                        {
                            return Err(err(
                                cl,
                                format!(
                                    "answer {:?} needs a slot {required:?} that this reading does not fill",
                                    answer.name()
                                ),
                            ));
                        }
                    }
                    if answer.is_followup() {
                        return Err(err(cl, "follow-ups have no concept readings".into()));
                    }
                    readings.push(r);
                }
                let sources: Vec<(String, usize)> = e
                    .patterns
                    .iter()
                    .map(|p| (p.get_ref().clone(), lines.line(p.span().start)))
                    .collect();
                let uses = SlotUses {
                    patterns: &sources,
                    sets: readings
                        .iter()
                        .flat_map(|r| r.sets.iter().map(|(s, w)| (s.clone(), w.clone(), r.line)))
                        .collect(),
                    defaults: &e.defaults,
                };
                let vocabulary = Vocabulary::load(answer, &e.words, &uses, &text, line, &err)?;
                intents.push(Intent {
                    name: e.name,
                    description: e.description,
                    answer,
                    priority: e.priority,
                    family: e.family,
                    bare: e.bare,
                    bare_own: e.bare_own,
                    patterns,
                    templates,
                    followups: e.followups,
                    defaults: e.defaults,
                    examples,
                    rejects,
                    readings,
                    declines: e.declines,
                    vocabulary,
                    file: path.clone(),
                    line,
                });
            }
        }
        let filler = Filler::new(&prefix, &suffix).filter(|_| bodies.iter().all(|b| balanced(b)));
        let set_patterns = match filler {
            Some(_) => bodies.iter().map(|b| format!("^(?:{b})$")).collect(),
            None => full_patterns,
        };
        let set = PatternMatcher::new(set_patterns).map_err(|e| {
            LoadError::new(
                dir,
                None,
                format!(
                    "patterns do not compile together: {}",
                    first_line(&e.to_string())
                ),
            )
        })?;
        let first = intents
            .iter()
            .scan(0, |n, i: &Intent| {
                let at = *n;
                *n += i.patterns.len();
                Some(at)
            })
            .collect();
        Ok(IntentSet {
            intents,
            grammar,
            concepts,
            set,
            index,
            first,
            filler,
        })
    }

    /// Every pattern that matches `tagged`, best first.
    pub fn candidates(&self, tagged: &str) -> Vec<Candidate> {
        let mut found: Vec<Candidate> = Vec::new();
        let mut push = |i: usize| {
            let c = Candidate {
                intent: self.index[i].0,
                pattern: self.index[i].1,
            };
            if !found.contains(&c) {
                found.push(c);
            }
        };
        match &self.filler {
            None => self.set.matches(tagged, &mut push),
            Some(f) => f.splits(tagged, |i, j| self.set.matches(&tagged[i..j], &mut push)),
        }
        found.sort_by(|a, b| {
            let (ia, ib) = (&self.intents[a.intent], &self.intents[b.intent]);
            ib.priority
                .cmp(&ia.priority)
                .then(
                    ib.patterns[b.pattern]
                        .specificity
                        .cmp(&ia.patterns[a.pattern].specificity),
                )
                .then(a.intent.cmp(&b.intent))
                .then(a.pattern.cmp(&b.pattern))
        });
        found
    }

    /// The captures of candidate `c`'s pattern in `text` (a text it
    /// matches), by slot name.
    ///
    /// When no filler can start or end `text` ([`Filler::frames`]), the
    /// optional prefix and suffix of the whole pattern can only match empty
    /// (a text that no `^(?:P)` matches has no prefix that P matches; and
    /// S must end at the end of the text, which `(?:S)$` rules out), so
    /// `^(?:P)?(?:B)(?:S)?$` matches exactly as `^(?:B)$` does, with the
    /// same leftmost-first choices inside B: the same groups at the same
    /// offsets. Then the body alone runs, read off the set's own NFA
    /// (which holds `^(?:B)$`, or the whole pattern when the filler is not
    /// factored out); otherwise the whole pattern's regex, whose choice of
    /// filler decides what the groups hold ("about debris thanks": the lazy
    /// `{text}` stops before the suffix).
    pub fn captures<'t>(&self, c: Candidate, text: &'t str) -> Option<Captured<'t>> {
        let p = &self.intents[c.intent].patterns[c.pattern];
        let framed = self.filler.as_ref().is_some_and(|f| f.frames(text));
        let k = self.first[c.intent] + c.pattern;
        match (&self.set.captures, &self.filler) {
            (Some(nfa), _) if !framed => return nfa.captures(k, text).map(Captured::Set),
            (Some(nfa), Some(f)) => {
                // The whole pattern's groups, from the body's NFA between
                // the filler: see `captures_framed`.
                let mut starts = if f.starts.is_match(text) {
                    captures::ends_in_order(&f.prefix_nfa, text)
                } else {
                    Vec::new()
                };
                starts.push(0);
                let has_suffix = f.ends.is_match(text);
                let mut seen: Vec<Option<bool>> = vec![None; text.len() + 1];
                // S starts with a space (`filler_shape`).
                let mut suffix = |j: usize| {
                    has_suffix
                        && text.as_bytes().get(j) == Some(&b' ')
                        && *seen[j].get_or_insert_with(|| f.suffix.is_match(&text[j..]))
                };
                if let Some(found) = nfa.captures_framed(k, text, &starts, &mut suffix) {
                    return found.map(Captured::Set);
                }
            }
            _ => {}
        }
        match &self.filler {
            Some(_) if !framed => p.body.captures(text),
            _ => p.regex.captures(text),
        }
        .map(Captured::Regex)
    }

    /// A `RegexSet` of the patterns the engine matches (for benchmarks of
    /// the matching floor), built on first use: the engine itself runs
    /// their forward lazy DFA alone (see `PatternMatcher`), which answers
    /// as this set does. It matches the text between the filler: see
    /// [`IntentSet::bodies`].
    pub fn regex_set(&self) -> &RegexSet {
        self.set.set()
    }

    /// The parts of `tagged` that [`IntentSet::regex_set`] is matched
    /// against: `tagged` itself, or each way of taking filler ("hey",
    /// "please") off its ends. Almost always just `tagged`.
    pub fn bodies<'a>(&self, tagged: &'a str) -> Vec<&'a str> {
        let mut out = Vec::new();
        match &self.filler {
            None => out.push(tagged),
            Some(f) => f.splits(tagged, |i, j| out.push(&tagged[i..j])),
        }
        out
    }

    pub fn by_name(&self, name: &str) -> Option<&Intent> {
        self.intents.iter().find(|i| i.name == name)
    }

    /// Every literal word the patterns and examples use.
    pub fn vocabulary(&self) -> Vec<String> {
        let mut words = BTreeSet::new();
        let all_sources = self
            .intents
            .iter()
            .flat_map(|i| i.patterns.iter().map(|p| p.source.as_str()));
        for src in all_sources
            .chain(self.grammar.macros.values().map(String::as_str))
            .chain([self.grammar.prefix.as_str(), self.grammar.suffix.as_str()])
        {
            words.extend(literal_words(src));
        }
        for list in self.grammar.pronouns.values() {
            for p in list {
                words.extend(p.split(' ').map(str::to_string));
            }
        }
        words.into_iter().collect()
    }
}

/// Whether the parentheses of a pattern body balance, so that `(?:body)`
/// groups all of it. Conservative: a class holding `[` counts as unbalanced.
fn balanced(re: &str) -> bool {
    let mut depth = 0usize;
    let mut chars = re.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '[' => {
                // A class: up to the first unescaped ']' that is not first.
                if chars.peek() == Some(&'^') {
                    chars.next();
                }
                if matches!(chars.peek(), Some(']') | None) {
                    return false;
                }
                loop {
                    match chars.next() {
                        None | Some('[') => return false,
                        Some('\\') => {
                            chars.next();
                        }
                        Some(']') => break,
                        Some(_) => {}
                    }
                }
            }
            '(' => depth += 1,
            ')' => {
                if depth == 0 {
                    return false;
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    depth == 0
}

fn first_line(s: &str) -> String {
    s.lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or(s)
        .trim()
        .to_string()
}

#[allow(dead_code)]
fn _assert_send_sync() {
    fn is<T: Send + Sync>() {}
    is::<IntentSet>();
    let _: HashMap<(), ()> = HashMap::new();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grammar() -> Grammar {
        let mut g = Grammar::default();
        g.macros
            .insert("cspo".into(), "the cspo|the initiative".into());
        g.pronouns
            .insert("person".into(), vec!["he".into(), "him".into()]);
        g
    }

    #[test]
    fn placeholders_become_groups() {
        let e = expand("what did {person} say about {topic}", &grammar(), 0).unwrap();
        assert_eq!(
            e.regex,
            "what did (?P<person>#[pr][0-9]+#|he|him) say about (?P<topic>#[t][0-9]+#)"
        );
        assert_eq!(e.slots.len(), 2);
    }

    #[test]
    fn named_placeholders_and_macros() {
        let e = expand(
            "did {country:a} join before {country:b} {cspo}",
            &grammar(),
            0,
        )
        .unwrap();
        assert!(
            e.regex.contains("(?P<a>")
                && e.regex.contains("(?P<b>")
                && e.regex.contains("(?:the cspo|the initiative)")
        );
    }

    #[test]
    fn quantifiers_are_not_placeholders() {
        let e = expand("a{2,3} b{4}", &grammar(), 0).unwrap();
        assert_eq!(e.regex, "a{2,3} b{4}");
    }

    #[test]
    fn mistakes_are_reported() {
        assert!(
            expand("{nation}", &grammar(), 0)
                .unwrap_err()
                .contains("unknown placeholder {nation}")
        );
        assert!(
            expand("{country} and {country}", &grammar(), 0)
                .unwrap_err()
                .contains("twice")
        );
        assert!(
            expand("{country", &grammar(), 0)
                .unwrap_err()
                .contains("unclosed")
        );
    }

    #[test]
    fn raw_groups_are_text_slots() {
        let e = expand("who joined (?P<cmp>before|after) {year}", &grammar(), 0).unwrap();
        assert!(e.slots.contains(&("cmp".to_string(), SlotKind::Text)));
    }

    #[test]
    fn filler_shape_is_checked() {
        assert!(filler_shape("(?:(?:hey|so|tell me) )+", true));
        assert!(filler_shape("(?: (?:please|thanks))+", false));
        assert!(!filler_shape("(?:(?:hey|so) )+", false));
        assert!(
            !filler_shape("(?:hey |so)+", true),
            "an alternative without the space"
        );
        assert!(!filler_shape("(?:(?:hey) ?)+", true));
        assert!(!filler_shape("(?:(?:hey)\\s)+", true));
        assert!(!filler_shape("(?:(?x)(?:hey) )+", true));
        assert!(!filler_shape("(?:hey )*", true));
    }

    #[test]
    fn balanced_bodies() {
        assert!(balanced("(?:how big|what size) is (?P<x>a|b)"));
        assert!(balanced(r"a\) [()] (b)"));
        assert!(!balanced("a)|(b"));
        assert!(!balanced("(a"));
        assert!(!balanced("[[:alpha:]]"));
    }

    #[test]
    fn empty_class_never_matches() {
        assert!(!Regex::new(r"[^\s\S]").unwrap().is_match("anything at all"));
    }

    /// Matching the bodies between the filler finds exactly the patterns
    /// that the whole patterns match, on every example with filler added.
    #[test]
    fn factored_filler_matches_like_whole_patterns() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let engine = crate::Engine::load(&root.join("data"), &root.join("intents")).unwrap();
        let set = engine.intents();
        assert!(
            set.filler.is_some(),
            "the grammar's filler has the factored shape"
        );
        let whole: Vec<&str> = set
            .intents
            .iter()
            .flat_map(|i| i.patterns.iter().map(|p| p.regex.as_str()))
            .collect();
        let whole = RegexSetBuilder::new(&whole)
            .size_limit(SIZE_LIMIT)
            .dfa_size_limit(64 << 20)
            .build()
            .unwrap();
        let mut texts = Vec::new();
        for i in &set.intents {
            for e in &i.examples {
                let t = engine.tag(&engine.normalize(&e.question)).text;
                texts.push(format!("hey {t}"));
                texts.push(format!("{t} please"));
                texts.push(format!(
                    "so can you tell me {t} according to the article thanks"
                ));
                texts.push(format!("tell me {t} now"));
                texts.push(t);
            }
            for (r, _) in &i.rejects {
                texts.push(engine.tag(&engine.normalize(r)).text);
            }
        }
        texts.extend([
            "please".into(),
            "hey".into(),
            "hey please".into(),
            String::new(),
        ]);
        let mut matched = 0;
        for t in &texts {
            let mut want: Vec<(usize, usize)> =
                whole.matches(t).iter().map(|i| set.index[i]).collect();
            let mut got: Vec<(usize, usize)> = set
                .candidates(t)
                .iter()
                .map(|c| (c.intent, c.pattern))
                .collect();
            want.sort();
            got.sort();
            assert_eq!(got, want, "{t:?}");
            matched += usize::from(!want.is_empty());
        }
        assert!(matched > texts.len() / 2);
    }

    #[test]
    fn vocabulary_words_skip_placeholders_and_escapes() {
        assert_eq!(
            literal_words(r"when did {country} join\s(?P<x>the)?"),
            vec!["when", "did", "join", "the"]
        );
    }
}
