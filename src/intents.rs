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
//! `RegexSet` plus one `Regex` each for captures. Matching runs the set once,
//! then captures only for the winner, chosen by priority, then specificity
//! (literal letters in the pattern), then file order.

use crate::answers::AnswerKind;
use crate::error::{LoadError, from_toml};
use crate::facts::Class;
use regex::{Regex, RegexSet, RegexSetBuilder};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use toml::Spanned;

/// What a placeholder's capture group holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SlotKind {
    /// An entity tag of one of these classes, or one of their pronouns.
    Entity(Vec<Class>),
    Year,
    Text,
}

/// One compiled pattern of an intent.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// As written in the intent file.
    pub source: String,
    pub regex: Regex,
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
    pub patterns: Vec<Pattern>,
    pub templates: BTreeMap<String, String>,
    /// Suggested next questions, with `{var}` from the answer.
    pub followups: Vec<String>,
    /// Slot values used when a pattern does not capture the slot.
    pub defaults: BTreeMap<String, String>,
    pub examples: Vec<Example>,
    pub rejects: Vec<(String, usize)>,
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
    /// Chat spellings always rewritten before matching ("wen" -> "when").
    pub spelling: BTreeMap<String, String>,
    pub replies: Replies,
}

/// All intents, compiled.
#[derive(Debug, Clone)]
pub struct IntentSet {
    pub intents: Vec<Intent>,
    pub grammar: Grammar,
    set: RegexSet,
    /// Set index -> (intent, pattern).
    index: Vec<(usize, usize)>,
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
    spelling: BTreeMap<String, String>,
    replies: Replies,
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
    pub fn load(dir: &Path) -> Result<IntentSet, LoadError> {
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
        let grammar = Grammar {
            macros: gfile.macros,
            prefix: gfile.filler.prefix,
            suffix: gfile.filler.suffix,
            pronouns: gfile.pronouns,
            spelling: gfile.spelling,
            replies: gfile.replies,
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

        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| LoadError::new(dir, None, format!("cannot list: {e}")))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension().is_some_and(|x| x == "toml")
                    && p.file_name().is_some_and(|n| n != GRAMMAR_FILE)
            })
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(LoadError::new(dir, None, "no intent files (*.toml) found"));
        }

        let mut intents = Vec::new();
        let mut names = BTreeSet::new();
        let mut full_patterns = Vec::new();
        let mut index = Vec::new();
        for path in &files {
            let text = read(path)?;
            let file: IntentFile = parse(path, &text)?;
            for entry in file.intent {
                let line = crate::error::line_of(&text, entry.span().start);
                let e = entry.into_inner();
                let err = |l: usize, msg: String| {
                    LoadError::new(path, Some(l), format!("intent {:?}: {msg}", e.name))
                };
                if !names.insert(e.name.clone()) {
                    return Err(err(line, "duplicate intent name".into()));
                }
                let answer = AnswerKind::parse(e.answer.get_ref()).ok_or_else(|| {
                    let l = crate::error::line_of(&text, e.answer.span().start);
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
                if e.patterns.is_empty() {
                    return Err(err(line, "has no patterns".into()));
                }
                let mut patterns = Vec::new();
                for p in &e.patterns {
                    let pl = crate::error::line_of(&text, p.span().start);
                    let exp = expand(p.get_ref(), &grammar, 0).map_err(|m| err(pl, m))?;
                    let full = format!("^(?:{prefix})?(?:{})(?:{suffix})?$", exp.regex);
                    let regex = Regex::new(&full).map_err(|x| {
                        err(pl, format!("invalid regex: {}", first_line(&x.to_string())))
                    })?;
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
                    patterns.push(Pattern {
                        source: p.get_ref().clone(),
                        regex,
                        slots: exp.slots,
                        specificity: exp.literal_letters,
                        line: pl,
                    });
                }
                let mut templates = BTreeMap::new();
                for (k, v) in &e.templates {
                    if !answer.keys().contains(&k.as_str()) {
                        let l = crate::error::line_of(&text, v.span().start);
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
                        line: crate::error::line_of(&text, x.span().start),
                    })
                    .collect();
                let rejects = e
                    .rejects
                    .iter()
                    .map(|r| {
                        (
                            r.get_ref().clone(),
                            crate::error::line_of(&text, r.span().start),
                        )
                    })
                    .collect();
                intents.push(Intent {
                    name: e.name,
                    description: e.description,
                    answer,
                    priority: e.priority,
                    family: e.family,
                    bare: e.bare,
                    patterns,
                    templates,
                    followups: e.followups,
                    defaults: e.defaults,
                    examples,
                    rejects,
                    file: path.clone(),
                    line,
                });
            }
        }
        let set = RegexSetBuilder::new(&full_patterns)
            .size_limit(64 << 20)
            .build()
            .map_err(|e| {
                LoadError::new(
                    dir,
                    None,
                    format!(
                        "patterns do not compile together: {}",
                        first_line(&e.to_string())
                    ),
                )
            })?;
        Ok(IntentSet {
            intents,
            grammar,
            set,
            index,
        })
    }

    /// Every pattern that matches `tagged`, best first.
    pub fn candidates(&self, tagged: &str) -> Vec<Candidate> {
        let mut found: Vec<Candidate> = self
            .set
            .matches(tagged)
            .iter()
            .map(|i| Candidate {
                intent: self.index[i].0,
                pattern: self.index[i].1,
            })
            .collect();
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

    /// The compiled `RegexSet` (for benchmarks of the matching floor).
    pub fn regex_set(&self) -> &RegexSet {
        &self.set
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

fn first_line(s: &str) -> String {
    s.lines()
        .filter(|l| !l.trim().is_empty())
        .last()
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
    fn vocabulary_words_skip_placeholders_and_escapes() {
        assert_eq!(
            literal_words(r"when did {country} join\s(?P<x>the)?"),
            vec!["when", "did", "join", "the"]
        );
    }
}
