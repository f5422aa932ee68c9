//! Concepts: the order-free tier of understanding.
//!
//! The regex patterns of `intents/*.toml` are an exact first tier: each is
//! one phrasing. This tier reads a question as a bag of *concepts* instead,
//! in any order: "When Norway has entered to the initiative?" holds the form
//! `when`, the concept `join` ("entered") and a country, which is what the
//! intent `join_year` declares it needs (`concepts = ["when join
//! {country}"]`). Concepts are data shared by every intent
//! (`intents/concepts.toml`): each a list of words, phrases and short
//! one-word regexes (`/join(ed|s)?/`).
//!
//! Precision comes from *coverage*, not from a threshold: a reading matches
//! only when every word of the question is accounted for, by one of the
//! reading's concepts, an entity its slots take, a filler word ("the",
//! "could you remind me") or a background concept ("cspo"). A word that
//! names something the fact base does not hold ("population", "budget")
//! is accounted for by nothing, so the question is declined. Two intents
//! that read a question equally well make it ambiguous: the engine declines
//! rather than pick one.
//!
//! The work is linear in the question's length: each position is looked up
//! once in a table of phrases keyed by their first word (phrases are at most
//! [`MAX_PHRASE`] words long) and once in one set of the word regexes, and
//! each reading walks the positions once.

use crate::error::{Lines, LoadError, from_toml};
use crate::facts::{Class, EntityRef};
use crate::tagger::parse_tag;
use regex::RegexSet;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use toml::Spanned;

/// The name of the concepts file in the intents directory.
pub const CONCEPTS_FILE: &str = "concepts.toml";

/// The most words a concept phrase may have.
pub const MAX_PHRASE: usize = 6;

/// A concept's index in [`ConceptSet::names`].
pub type ConceptId = u16;

/// Pseudo-concepts for the filler and the pronouns of each slot class.
const FILLER: ConceptId = u16::MAX;
const PRONOUN_BASE: ConceptId = u16::MAX - 8;
/// Pseudo-concept for the verbs that carry an event noun (`[nominal]`).
const SUPPORT: ConceptId = u16::MAX - 9;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConceptsFile {
    /// Words that never change what is asked: always accounted for.
    filler: Vec<Spanned<String>>,
    /// Concepts every reading accepts without needing them ("cspo").
    #[serde(default)]
    background: Option<Vec<Spanned<String>>>,
    /// Forms that count only as the question's first word ("is", "did").
    #[serde(default)]
    at_start: Option<Vec<Spanned<String>>>,
    /// Forms whose phrases are phrases of a wider form too ("what year"
    /// is a `when_year` and a `when`): where both read a question, the
    /// reading that needs the narrow one reads it more exactly. Only in
    /// `concepts.toml`; the languages' lexicons share it.
    #[serde(default)]
    narrow: Vec<Spanned<String>>,
    /// Concepts whose phrases, where they match, mean only that concept:
    /// a reading that does not use it cannot read them as filler ("how
    /// many is that" is no "how many").
    #[serde(default)]
    strict: Option<Vec<Spanned<String>>>,
    /// What a question asks for: when, where, who, how many, yes/no...
    forms: BTreeMap<String, Vec<Spanned<String>>>,
    /// What a question is about: join, meeting, say...
    concepts: BTreeMap<String, Vec<Spanned<String>>>,
    /// A language's lexicon only (`intents/lang/fr.toml`): its pronouns by
    /// slot class, as the grammar's `[pronouns]` are for English.
    #[serde(default)]
    pronouns: Option<BTreeMap<String, Vec<String>>>,
    /// A language's lexicon only: its plural pronouns ("ils", "sie").
    #[serde(default)]
    plural: Option<Vec<String>>,
    /// A language's lexicon only: concepts that read with the English
    /// entries of `concepts.toml` (names, acronyms), declared.
    #[serde(default)]
    fallback: Vec<Spanned<String>>,
    /// A language's lexicon only: questions in the language and the intent
    /// each must reach (`check` runs them).
    #[serde(default)]
    examples: Vec<Spanned<LexiconExample>>,
    /// A language's lexicon only: the words that join the names of a list
    /// ("et", "ou"), as "and" and "or" do in English.
    #[serde(default)]
    joiners: Option<Vec<String>>,
    /// A language's lexicon only: whether the language drops pronouns.
    #[serde(default)]
    pro_drop: bool,
    /// Which concept names of the fact base stand for where no slot takes
    /// them, by what they name ([`ENTITY_ROLES`]).
    #[serde(default)]
    entities: BTreeMap<String, Spanned<String>>,
    /// Event nouns and the verbs that only carry them.
    #[serde(default)]
    nominal: Option<NominalFile>,
}

/// The `[nominal]` table: "Germany's accession took place in 2023" says
/// what "Germany acceded in 2023" says. Each noun is an entry of the concept
/// it names the event of; each verb says only that the event happened.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NominalFile {
    nouns: Vec<Spanned<String>>,
    verbs: Vec<Spanned<String>>,
}

/// One example of a language's lexicon.
#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct LexiconExample {
    q: String,
    /// The intent that must answer, or absent for a question that must be
    /// declined.
    #[serde(default)]
    intent: Option<String>,
}

/// How a language's lexicon is read: the English set whose names (and
/// ids) it shares, and the folding its entries go through.
pub struct LexiconOf<'b> {
    pub base: &'b ConceptSet,
    pub fold: &'b dyn Fn(&str) -> String,
}

/// What the `[entities]` table of `concepts.toml` may bind: a meeting's
/// own name ("the Toulouse meeting"), and the names of where a meeting was
/// (its country, its host).
pub const ENTITY_ROLES: &[&str] = &["meeting", "meeting_place"];

/// One phrase of a concept, after its first word.
#[derive(Debug, Clone)]
struct Phrase {
    rest: Vec<String>,
    id: ConceptId,
}

/// What a reading's slot takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SlotClass {
    Entity(Vec<Class>),
    Year,
}

/// One way an intent can be asked: a form, concepts and slots, in any order.
#[derive(Debug, Clone)]
pub struct Reading {
    pub source: String,
    pub line: usize,
    pub needs: Vec<ConceptId>,
    pub optional: Vec<ConceptId>,
    pub slots: Vec<(String, SlotClass)>,
    /// Text slots the reading sets (`{cmp=before}`).
    pub sets: Vec<(String, String)>,
}

/// What fills a slot of a matched reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fill {
    Entity(EntityRef),
    Year(u16),
    Text(String),
    /// A pronoun: the conversation says what it means. `plural` for "they"
    /// and kin, which may mean the conversation's group of countries.
    Pronoun {
        plural: bool,
    },
    /// Several entities of one class ("France and Italy"): the intent is
    /// answered for each.
    List(Vec<EntityRef>),
}

/// A reading that accounts for every word of a question.
#[derive(Debug, Clone)]
pub struct Match {
    pub intent: usize,
    pub reading: usize,
    pub fills: Vec<(String, Fill)>,
    /// Words accounted for only as filler or background: a typo corrected
    /// into one of them proves nothing.
    pub weak: Vec<String>,
    score: usize,
}

/// What the concept tier made of a question.
#[derive(Debug, Clone)]
pub enum Understood {
    One(Match),
    /// Readings of several intents account for the question equally well.
    Ambiguous(Vec<usize>),
    /// No reading accounts for every word. The nearest reading, if one had
    /// all it needs: its intent and the words nothing accounted for.
    Nothing {
        near: Option<(usize, Vec<String>)>,
    },
}

/// The concepts of `concepts.toml`, compiled.
#[derive(Debug, Clone, Default)]
pub struct ConceptSet {
    /// Concept and form names, by id.
    pub names: Vec<String>,
    /// Whether each id is a form.
    pub is_form: Vec<bool>,
    /// `file:line` of each concept's first entry.
    pub lines: Vec<usize>,
    /// Every word or phrase of each concept, as written.
    pub entries: Vec<Vec<(String, usize)>>,
    at_start: Vec<ConceptId>,
    background: Vec<ConceptId>,
    /// The narrow forms (`narrow` of `concepts.toml`).
    narrow: Vec<ConceptId>,
    strict: Vec<ConceptId>,
    phrases: HashMap<String, Vec<Phrase>>,
    word_res: Option<RegexSet>,
    word_re_ids: Vec<ConceptId>,
    /// Pronoun pseudo-concepts: (id, classes, plural words).
    pronouns: Vec<(ConceptId, SlotClass)>,
    plural: Vec<String>,
    pub file: std::path::PathBuf,
    /// Pronouns' first words (for the speller's vocabulary).
    words: Vec<String>,
    /// A language's lexicon: the concepts of the English set it gives no
    /// entry for and declares no fallback for (`check` reports them).
    pub missing: Vec<String>,
    /// A language that drops pronouns: an empty entity slot may mean the
    /// conversation's entity with no word for it.
    pro_drop: bool,
    /// A language's list joiners (`None`: English's).
    joiners: Option<Vec<String>>,
    /// A language's lexicon: (question, intent or None for a decline, line).
    pub examples: Vec<(String, Option<String>, usize)>,
    /// Entities that, where no slot takes them, stand for a concept: a
    /// meeting's name is the concept `meeting`, the meeting's country and
    /// host are where it was (`place_words`). Bound by the engine from the
    /// fact base ([`ConceptSet::bind_entity`]).
    entity_concepts: Vec<(EntityRef, ConceptId)>,
    /// The `[entities]` table: a role of [`ENTITY_ROLES`] and its concept.
    entity_roles: Vec<(String, ConceptId)>,
    /// The event nouns of `[nominal]`, as words; its verbs are phrases of
    /// the pseudo-concept `SUPPORT`.
    nouns: Vec<Vec<String>>,
}

/// The concept of words for a person ("guy", "general", "boss"). Right
/// after a person's pronoun ("his boss") such a word names another person,
/// so it does not count there ([`ConceptSet::analyse`]).
const RELATION_WORD: &str = "person_word";

/// A question split into words, with what each position may start.
pub struct Analysis<'t> {
    words: Vec<&'t str>,
    /// Per position: (concept, length in words), filler included.
    spans: Vec<Vec<(ConceptId, u8)>>,
    /// The first position after the leading filler.
    start: usize,
    tags: Vec<Option<EntityRef>>,
    years: Vec<Option<u16>>,
}

fn is_year(w: &str) -> Option<u16> {
    (w.len() == 4 && (w.starts_with("19") || w.starts_with("20")))
        .then(|| w.parse().ok())
        .flatten()
}

/// Whether a phrase is written as normalized text: lowercase words of
/// letters and digits separated by single spaces.
fn normalized(p: &str) -> bool {
    !p.is_empty()
        && !p.starts_with(' ')
        && !p.ends_with(' ')
        && !p.contains("  ")
        && p.chars()
            .all(|c| c == ' ' || c.is_ascii_digit() || (c.is_alphabetic() && !c.is_uppercase()))
}

impl ConceptSet {
    /// Loads `concepts.toml` from `dir`; a missing file is an empty set.
    /// `pronouns` and `plural` are the grammar's: pronouns fill slots.
    pub fn load(
        dir: &Path,
        pronouns: &BTreeMap<String, Vec<String>>,
        plural: &[String],
    ) -> Result<ConceptSet, LoadError> {
        let path = dir.join(CONCEPTS_FILE);
        if !path.exists() {
            return Ok(ConceptSet::default());
        }
        Self::load_file(&path, pronouns, plural, None)
    }

    /// Loads a language's lexicon (`intents/lang/fr.toml`): the concept and
    /// form names of `of.base` (the same ids, so the intents' readings read
    /// it), this language's entries, folded by `of.fold`. Its own
    /// `[pronouns]` and `plural`; `background`, `at_start` and `strict`
    /// are the English set's unless it lists its own. A name the English
    /// set does not have is a load error; a concept with no entry and no
    /// declared `fallback` is listed in [`ConceptSet::missing`].
    pub fn load_lexicon(path: &Path, of: &LexiconOf) -> Result<ConceptSet, LoadError> {
        Self::load_file(path, &BTreeMap::new(), &[], Some(of))
    }

    fn load_file(
        path: &Path,
        pronouns: &BTreeMap<String, Vec<String>>,
        plural: &[String],
        of: Option<&LexiconOf>,
    ) -> Result<ConceptSet, LoadError> {
        let path = path.to_path_buf();
        let text = std::fs::read_to_string(&path)
            .map_err(|e| LoadError::new(&path, None, format!("cannot read: {e}")))?;
        let mut file: ConceptsFile =
            toml::from_str(&text).map_err(|e| from_toml(&path, &text, e))?;
        let lines = Lines::new(&text);
        let own_pronouns = file.pronouns.take();
        let pronouns = match (&of, &own_pronouns) {
            (Some(_), Some(p)) => p,
            _ => pronouns,
        };
        let joiners = match &of {
            Some(of) => file
                .joiners
                .take()
                .map(|j| j.iter().map(|w| (of.fold)(w)).collect()),
            None => None,
        };
        let own_plural = file.plural.take();
        let plural: Vec<String> = match (&of, own_plural) {
            (Some(of), Some(p)) => p.iter().map(|w| (of.fold)(w)).collect(),
            _ => plural.to_vec(),
        };
        let pronouns: BTreeMap<String, Vec<String>> = match &of {
            Some(of) => pronouns
                .iter()
                .map(|(k, v)| (k.clone(), v.iter().map(|w| (of.fold)(w)).collect()))
                .collect(),
            None => pronouns.clone(),
        };
        let mut set = ConceptSet {
            file: path.clone(),
            plural,
            joiners,
            pro_drop: of.is_some() && file.pro_drop,
            ..Default::default()
        };
        let mut res: Vec<String> = Vec::new();
        let add = |set: &mut ConceptSet,
                   id: ConceptId,
                   entry: &Spanned<String>,
                   res: &mut Vec<String>|
         -> Result<(), LoadError> {
            let line = lines.line(entry.span().start);
            let folded;
            let w = match &of {
                Some(of) if !entry.get_ref().starts_with('/') => {
                    folded = (of.fold)(entry.get_ref());
                    &folded
                }
                _ => entry.get_ref(),
            };
            if let Some(re) = w.strip_prefix('/').and_then(|r| r.strip_suffix('/')) {
                let anchored = format!("^(?:{re})$");
                regex::Regex::new(&anchored).map_err(|e| {
                    LoadError::new(
                        &path,
                        Some(line),
                        format!(
                            "{w:?} is not a valid regex: {}",
                            e.to_string().lines().last().unwrap_or("")
                        ),
                    )
                })?;
                if re.contains(' ') || re.contains("\\s") {
                    return Err(LoadError::new(
                        &path,
                        Some(line),
                        format!("{w:?}: a regex entry matches one word (no spaces)"),
                    ));
                }
                res.push(anchored);
                set.word_re_ids.push(id);
            } else {
                if !normalized(w) {
                    return Err(LoadError::new(
                        &path,
                        Some(line),
                        format!(
                            "{w:?} is not written as normalized text (lowercase words, single spaces, no punctuation)"
                        ),
                    ));
                }
                let words: Vec<String> = w.split(' ').map(str::to_string).collect();
                if words.len() > MAX_PHRASE {
                    return Err(LoadError::new(
                        &path,
                        Some(line),
                        format!("{w:?} has more than {MAX_PHRASE} words"),
                    ));
                }
                let list = set.phrases.entry(words[0].clone()).or_default();
                if list.iter().any(|p| p.id == id && p.rest == words[1..]) {
                    if of.is_some() {
                        // Two spellings that fold alike ("année", "annee").
                        return Ok(());
                    }
                    return Err(LoadError::new(
                        &path,
                        Some(line),
                        format!("{w:?} is written twice in one concept"),
                    ));
                }
                list.push(Phrase {
                    rest: words[1..].to_vec(),
                    id,
                });
            }
            if (id as usize) < set.entries.len() {
                set.entries[id as usize].push((w.to_string(), line));
            }
            Ok(())
        };
        if let Some(of) = &of {
            // The English set's names and ids, so its readings read this one.
            set.names = of.base.names.clone();
            set.is_form = of.base.is_form.clone();
            set.lines = vec![0; set.names.len()];
            set.entries = vec![Vec::new(); set.names.len()];
            for (is_form, table) in [(true, &file.forms), (false, &file.concepts)] {
                for (name, entries) in table {
                    let at = entries.first().map(|e| lines.line(e.span().start));
                    let Some(id) = of.base.id(name) else {
                        return Err(LoadError::new(
                            &path,
                            at,
                            format!("{name:?} is no concept or form of concepts.toml"),
                        ));
                    };
                    if set.is_form[id as usize] != is_form {
                        return Err(LoadError::new(
                            &path,
                            at,
                            format!(
                                "{name:?} is a {} in concepts.toml",
                                if is_form { "concept" } else { "form" }
                            ),
                        ));
                    }
                    set.lines[id as usize] = at.unwrap_or(0);
                    for e in entries {
                        add(&mut set, id, e, &mut res)?;
                    }
                }
            }
            for e in &file.fallback {
                let Some(id) = of.base.id(e.get_ref()) else {
                    return Err(LoadError::new(
                        &path,
                        Some(lines.line(e.span().start)),
                        format!(
                            "fallback names {:?}, no concept of concepts.toml",
                            e.get_ref()
                        ),
                    ));
                };
                for (w, _) in &of.base.entries[id as usize] {
                    let spanned = Spanned::new(e.span(), w.clone());
                    add(&mut set, id, &spanned, &mut res)?;
                }
            }
            set.examples = file
                .examples
                .iter()
                .map(|e| {
                    let x = e.get_ref();
                    (x.q.clone(), x.intent.clone(), lines.line(e.span().start))
                })
                .collect();
            set.missing = (0..set.names.len())
                .filter(|&i| set.entries[i].is_empty())
                .map(|i| set.names[i].clone())
                .collect();
            // Absent: the English set's; written (even empty): its own.
            if file.background.is_none() {
                set.background = of.base.background.clone();
            }
            if file.at_start.is_none() {
                set.at_start = of.base.at_start.clone();
            }
            if file.strict.is_none() {
                set.strict = of.base.strict.clone();
            }
            set.narrow = of.base.narrow.clone();
        }
        for (is_form, table) in [(true, &file.forms), (false, &file.concepts)] {
            if of.is_some() {
                break;
            }
            for (name, entries) in table {
                if set.names.contains(name) {
                    return Err(LoadError::new(
                        &path,
                        entries.first().map(|e| lines.line(e.span().start)),
                        format!("{name:?} is both a form and a concept"),
                    ));
                }
                if entries.is_empty() {
                    return Err(LoadError::new(
                        &path,
                        None,
                        format!("concept {name:?} has no words"),
                    ));
                }
                let id = set.names.len() as ConceptId;
                set.names.push(name.clone());
                set.is_form.push(is_form);
                set.lines.push(lines.line(entries[0].span().start));
                set.entries.push(Vec::new());
                for e in entries {
                    add(&mut set, id, e, &mut res)?;
                }
            }
        }
        for e in &file.filler {
            add(&mut set, FILLER, e, &mut res)?;
        }
        for e in file.nominal.iter().flat_map(|n| &n.verbs) {
            add(&mut set, SUPPORT, e, &mut res)?;
        }
        let lookup = |set: &ConceptSet, e: &Spanned<String>| {
            set.id(e.get_ref()).ok_or_else(|| {
                LoadError::new(
                    &path,
                    Some(lines.line(e.span().start)),
                    format!("unknown concept {:?}", e.get_ref()),
                )
            })
        };
        for e in file.background.iter().flatten() {
            let id = lookup(&set, e)?;
            set.background.push(id);
        }
        for e in file.strict.iter().flatten() {
            let id = lookup(&set, e)?;
            set.strict.push(id);
        }
        for e in &file.narrow {
            let id = lookup(&set, e)?;
            if !set.is_form[id as usize] || of.is_some() {
                return Err(LoadError::new(
                    &path,
                    Some(lines.line(e.span().start)),
                    format!(
                        "narrow names {:?}: only forms of concepts.toml may be narrow",
                        e.get_ref()
                    ),
                ));
            }
            set.narrow.push(id);
        }
        for e in file.at_start.iter().flatten() {
            let id = lookup(&set, e)?;
            if !set.is_form[id as usize] {
                return Err(LoadError::new(
                    &path,
                    Some(lines.line(e.span().start)),
                    format!("at_start names {:?}, which is not a form", e.get_ref()),
                ));
            }
            set.at_start.push(id);
        }
        for (role, concept) in &file.entities {
            let line = lines.line(concept.span().start);
            if !ENTITY_ROLES.contains(&role.as_str()) {
                return Err(LoadError::new(
                    &path,
                    Some(line),
                    format!(
                        "[entities] has {role:?}; it binds only {}",
                        ENTITY_ROLES.join(", ")
                    ),
                ));
            }
            let id = lookup(&set, concept)?;
            set.entity_roles.push((role.clone(), id));
        }
        // Pronouns fill slots: one pseudo-concept per class.
        let classes: [(&str, SlotClass); 4] = [
            ("country", SlotClass::Entity(vec![Class::Country])),
            (
                "person",
                SlotClass::Entity(vec![Class::Person, Class::Role]),
            ),
            ("topic", SlotClass::Entity(vec![Class::Topic])),
            ("year", SlotClass::Year),
        ];
        for (k, (name, class)) in classes.into_iter().enumerate() {
            let id = PRONOUN_BASE + k as ConceptId;
            for p in pronouns.get(name).into_iter().flatten() {
                let words: Vec<String> = p.split(' ').map(str::to_string).collect();
                set.words.extend(words.iter().cloned());
                set.phrases
                    .entry(words[0].clone())
                    .or_default()
                    .push(Phrase {
                        rest: words[1..].to_vec(),
                        id,
                    });
            }
            set.pronouns.push((id, class));
        }
        // Longest phrases first, so a walk takes the longest at a position.
        for list in set.phrases.values_mut() {
            list.sort_by_key(|p| std::cmp::Reverse(p.rest.len()));
        }
        if !res.is_empty() {
            set.word_res = Some(RegexSet::new(&res).map_err(|e| {
                LoadError::new(&path, None, format!("word regexes do not compile: {e}"))
            })?);
        }
        for e in file.nominal.iter().flat_map(|n| &n.nouns) {
            let noun = match &of {
                Some(of) => (of.fold)(e.get_ref()),
                None => e.get_ref().clone(),
            };
            let words: Vec<String> = noun.split(' ').map(str::to_string).collect();
            let of_concept = set.phrases.get(&words[0]).is_some_and(|list| {
                list.iter()
                    .any(|p| p.rest == words[1..] && (p.id as usize) < set.names.len())
            }) || (words.len() == 1
                && set.word_res.as_ref().is_some_and(|r| {
                    r.matches(&words[0])
                        .iter()
                        .any(|k| (set.word_re_ids[k] as usize) < set.names.len())
                }));
            if !of_concept {
                return Err(LoadError::new(
                    &path,
                    Some(lines.line(e.span().start)),
                    format!(
                        "[nominal] noun {noun:?} is an entry of no concept: write it in the concept it names the event of"
                    ),
                ));
            }
            set.nouns.push(words);
        }
        Ok(set)
    }

    /// The id of a concept or form.
    pub fn id(&self, name: &str) -> Option<ConceptId> {
        self.names
            .iter()
            .position(|n| n == name)
            .map(|i| i as ConceptId)
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Whether a reading may use `id` without naming it: a background
    /// concept, or one the `[entities]` table binds (for `check`'s lint of
    /// concepts no reading uses).
    pub fn used_without_readings(&self, id: ConceptId) -> bool {
        self.background.contains(&id) || self.entity_roles.iter().any(|(_, c)| *c == id)
    }

    /// The entries (as written, with their line) that both `a` and `b`
    /// hold: one word of a question could be either.
    pub fn shared_entries(&self, a: ConceptId, b: ConceptId) -> Vec<(String, usize)> {
        let (Some(ea), Some(eb)) = (self.entries.get(a as usize), self.entries.get(b as usize))
        else {
            return Vec::new();
        };
        ea.iter()
            .filter(|(w, _)| eb.iter().any(|(x, _)| x == w))
            .cloned()
            .collect()
    }

    /// Lets `entity`, where no slot of a reading takes it, count as the
    /// concept the `[entities]` table binds to `role` (one of
    /// [`ENTITY_ROLES`]): a reading that names the concept accounts for it.
    /// False when the table binds nothing to `role`.
    pub fn bind_entity(&mut self, entity: EntityRef, role: &str) -> bool {
        let Some(&(_, id)) = self.entity_roles.iter().find(|(r, _)| r == role) else {
            return false;
        };
        if !self.entity_concepts.contains(&(entity, id)) {
            self.entity_concepts.push((entity, id));
        }
        true
    }

    /// Every word the concepts spell out (for the speller's vocabulary).
    pub fn vocabulary(&self) -> Vec<String> {
        let mut out: Vec<String> = self.words.clone();
        for (first, list) in &self.phrases {
            out.push(first.clone());
            for p in list {
                out.extend(p.rest.iter().cloned());
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// Whether `word` alone is filler ("de", "der", "i").
    pub fn is_filler(&self, word: &str) -> bool {
        self.phrases
            .get(word)
            .is_some_and(|ps| ps.iter().any(|p| p.id == FILLER && p.rest.is_empty()))
    }

    /// Whether `word` begins or is a phrase of some concept or the filler.
    pub fn knows(&self, word: &str) -> bool {
        self.phrases.contains_key(word) || self.word_res.as_ref().is_some_and(|s| s.is_match(word))
    }

    /// Whether normalized `text` asks something: after its leading filler,
    /// it begins with a form ("was any of them a founder").
    pub fn asks(&self, text: &str) -> bool {
        let a = self.analyse(text);
        let first = a
            .words
            .iter()
            .position(|w| !matches!(*w, "and" | "but" | "so" | "also" | "ok" | "okay" | "then"))
            .unwrap_or(0);
        a.spans.get(first).is_some_and(|s| {
            s.iter()
                .any(|(id, _)| self.is_form.get(*id as usize) == Some(&true))
        })
    }

    /// Whether normalized `text` holds, anywhere, a phrase of one of the
    /// forms named ("in which year" is `when`): what a question asks for.
    /// An unknown name holds nothing.
    pub fn holds_form(&self, text: &str, forms: &[&str]) -> bool {
        let ids: Vec<ConceptId> = forms
            .iter()
            .filter_map(|f| self.id(f))
            .filter(|id| self.is_form_id(*id))
            .collect();
        self.analyse(text)
            .spans
            .iter()
            .flatten()
            .any(|(id, _)| ids.contains(id))
    }

    /// The length in words of the form phrase `words` begins with (0: none).
    pub fn form_prefix_len(&self, words: &[&str]) -> usize {
        let Some(first) = words.first() else { return 0 };
        self.phrases
            .get(*first)
            .into_iter()
            .flatten()
            .filter(|p| {
                self.is_form.get(p.id as usize) == Some(&true)
                    && !self.at_start.contains(&p.id)
                    && words.len() > p.rest.len()
                    && words[1..=p.rest.len()]
                        .iter()
                        .zip(&p.rest)
                        .all(|(a, b)| a == b)
            })
            .map(|p| 1 + p.rest.len())
            .max()
            .unwrap_or(0)
    }

    /// The question a normalized clause opens with, past its leading
    /// filler ("and at which facility" opens with `where`): the form, the
    /// position it starts at and its length in words. A yes/no word
    /// ("was", "did") counts only as the first word.
    pub fn leading_form(&self, text: &str) -> Option<(ConceptId, usize, usize)> {
        let a = self.analyse(text);
        let words = &a.words[a.start.min(a.words.len())..];
        let len = self.form_prefix_len(words);
        if len > 0 {
            let id = self.phrases.get(words[0])?.iter().find_map(|p| {
                (self.is_form_id(p.id)
                    && !self.at_start.contains(&p.id)
                    && p.rest.len() + 1 == len
                    && words[1..len].iter().zip(&p.rest).all(|(a, b)| a == b))
                .then_some(p.id)
            })?;
            return Some((id, a.start, len));
        }
        a.spans.get(a.start).and_then(|s| {
            s.iter()
                .find(|(id, l)| self.at_start.contains(id) && *l == 1)
                .map(|&(id, _)| (id, a.start, 1))
        })
    }

    /// Whether `id` is a form that counts only as the first word (yes/no).
    pub fn is_at_start(&self, id: ConceptId) -> bool {
        self.at_start.contains(&id)
    }

    /// How many words of normalized `text` are its leading filler.
    pub fn filler_len(&self, text: &str) -> usize {
        self.analyse(text).start
    }

    /// Whether a word is one of the entries of the concept `name`.
    pub fn word_is(&self, word: &str, name: &str) -> bool {
        self.id(name)
            .is_some_and(|id| self.concepts_of_word(word).contains(&id))
    }

    /// Whether `text` is one form phrase and nothing else ("where", "since
    /// when").
    pub fn is_form_phrase(&self, text: &str) -> bool {
        let words: Vec<&str> = text.split(' ').collect();
        !words.is_empty() && self.form_prefix_len(&words) == words.len()
    }

    /// The concepts (not filler, not pronouns) whose words include `word`
    /// as a one-word entry.
    pub fn concepts_of_word(&self, word: &str) -> Vec<ConceptId> {
        let mut out: Vec<ConceptId> = self
            .phrases
            .get(word)
            .into_iter()
            .flatten()
            .filter(|p| p.rest.is_empty() && (p.id as usize) < self.names.len())
            .map(|p| p.id)
            .collect();
        if let Some(s) = &self.word_res {
            out.extend(s.matches(word).iter().map(|k| self.word_re_ids[k]));
        }
        out.sort();
        out.dedup();
        out
    }

    /// The concepts (not forms, filler, pronouns or background) that some
    /// words of `a` may mean: what a decline's suggestions are ranked by.
    pub fn concepts_in(&self, a: &Analysis) -> Vec<ConceptId> {
        let mut out: Vec<ConceptId> = a
            .spans
            .iter()
            .flatten()
            .map(|(id, _)| *id)
            .filter(|id| {
                (*id as usize) < self.names.len()
                    && !self.is_form[*id as usize]
                    && !self.background.contains(id)
            })
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Parses a reading: concept and form names (`?name` optional),
    /// placeholders (`{country}`, `{country:a}`, `{year}`, `{person}`,
    /// `{role}`, `{org}`, `{topic}`) and set text slots (`{cmp=before}`).
    pub fn parse_reading(&self, src: &str, line: usize) -> Result<Reading, String> {
        let mut r = Reading {
            source: src.to_string(),
            line,
            needs: Vec::new(),
            optional: Vec::new(),
            slots: Vec::new(),
            sets: Vec::new(),
        };
        for tok in src.split_whitespace() {
            if let Some(inner) = tok.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
                if let Some((k, v)) = inner.split_once('=') {
                    r.sets.push((k.to_string(), v.replace('_', " ")));
                    continue;
                }
                let (class, slot) = inner.split_once(':').unwrap_or((inner, inner));
                let c = match class {
                    "country" => SlotClass::Entity(vec![Class::Country]),
                    "person" => SlotClass::Entity(vec![Class::Person, Class::Role]),
                    "role" => SlotClass::Entity(vec![Class::Role]),
                    "org" => SlotClass::Entity(vec![Class::Org]),
                    "topic" => SlotClass::Entity(vec![Class::Topic]),
                    "year" => SlotClass::Year,
                    _ => return Err(format!("unknown placeholder {tok} in reading {src:?}")),
                };
                if r.slots.iter().any(|(n, _)| n == slot) {
                    return Err(format!("slot {slot:?} appears twice in reading {src:?}"));
                }
                r.slots.push((slot.to_string(), c));
                continue;
            }
            let (optional, name) = match tok.strip_prefix('?') {
                Some(n) => (true, n),
                None => (false, tok),
            };
            let id = self.id(name).ok_or_else(|| {
                format!("unknown concept {name:?} in reading {src:?} (not in concepts.toml)")
            })?;
            if optional {
                r.optional.push(id);
            } else {
                r.needs.push(id);
            }
        }
        if r.needs.is_empty() && r.slots.is_empty() {
            return Err(format!("reading {src:?} needs nothing"));
        }
        Ok(r)
    }

    /// Splits tagged text into words and finds what starts at each.
    /// What `a` holds besides the filler, in order: (position, length in
    /// words, the concept or form of the longest span there, or `None` for
    /// a tag, a year or a word nothing knows). A follow-up ("et l'Italie ?",
    /// "und wann?") is a question of one entity, or of forms only.
    pub fn content(&self, a: &Analysis) -> Vec<(usize, usize, Option<ConceptId>)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < a.words.len() {
            if a.tags[i].is_some() || a.years[i].is_some() {
                out.push((i, 1, None));
                i += 1;
                continue;
            }
            let concept = a.spans[i]
                .iter()
                .filter(|(id, _)| (*id as usize) < self.names.len())
                .max_by_key(|(_, l)| *l)
                .copied();
            let filler = a.spans[i]
                .iter()
                .filter(|(id, _)| *id == FILLER || self.background.contains(id))
                .map(|(_, l)| *l)
                .max();
            match (concept, filler) {
                (Some((_, cl)), Some(fl)) if fl >= cl => i += fl as usize,
                (Some((id, l)), _) => {
                    out.push((i, l as usize, Some(id)));
                    i += l as usize;
                }
                (None, Some(fl)) => i += fl as usize,
                (None, None) => {
                    // A pronoun is content too ("und sie?").
                    out.push((i, 1, None));
                    i += 1;
                }
            }
        }
        out
    }

    /// Whether `id` is a form (when, where, who...).
    pub fn is_form_id(&self, id: ConceptId) -> bool {
        self.is_form.get(id as usize) == Some(&true)
    }

    pub fn analyse<'t>(&self, tagged: &'t str) -> Analysis<'t> {
        let words: Vec<&str> = tagged.split(' ').filter(|w| !w.is_empty()).collect();
        let mut spans: Vec<Vec<(ConceptId, u8)>> = vec![Vec::new(); words.len()];
        for (i, w) in words.iter().enumerate() {
            if let Some(list) = self.phrases.get(*w) {
                for p in list {
                    let end = i + 1 + p.rest.len();
                    if end <= words.len()
                        && words[i + 1..end].iter().zip(&p.rest).all(|(a, b)| a == b)
                    {
                        spans[i].push((p.id, (1 + p.rest.len()) as u8));
                    }
                }
            }
            if let Some(set) = &self.word_res {
                for k in set.matches(w).iter() {
                    spans[i].push((self.word_re_ids[k], 1));
                }
            }
        }
        let tags: Vec<Option<EntityRef>> = words.iter().map(|w| parse_tag(w)).collect();
        let years: Vec<Option<u16>> = words.iter().map(|w| is_year(w)).collect();
        // "his boss": a person word right after a person's pronoun names
        // someone else, a relation the fact base does not hold, so it cannot
        // describe the person meant. (After a name it may describe them:
        // "this Brose guy"; "Saltzman's boss" has lost its 's by now.)
        if let Some(person_word) = self.id(RELATION_WORD) {
            for i in 1..words.len() {
                let person_before = spans[i - 1].iter().any(|(id, _)| {
                    self.pronouns.iter().any(|(p, class)| {
                        p == id
                            && matches!(class, SlotClass::Entity(cs) if cs.contains(&Class::Person))
                    })
                });
                if person_before {
                    spans[i].retain(|(id, _)| *id != person_word);
                }
            }
        }
        // The leading filler, longest first.
        let mut start = 0;
        while start < words.len() {
            let filler = spans[start]
                .iter()
                .filter(|(id, _)| *id == FILLER)
                .map(|(_, l)| *l as usize)
                .max();
            let form_here = spans[start]
                .iter()
                .any(|(id, _)| self.at_start.contains(id));
            match filler {
                // "is" opens a yes/no question; "can you tell me" is filler.
                Some(1) if form_here => break,
                Some(l) => start += l,
                None => break,
            }
        }
        Analysis {
            words,
            spans,
            start,
            tags,
            years,
        }
    }

    /// Walks `a` with reading `r`: the fills of its slots, or the words
    /// nothing accounted for (empty when a need or a slot is missing).
    #[allow(clippy::type_complexity)]
    fn walk(
        &self,
        r: &Reading,
        a: &Analysis,
    ) -> Result<(Vec<(String, Fill)>, usize, Vec<String>), Vec<usize>> {
        // Which slot group each tag goes to.
        let groups: Vec<usize> = (0..r.slots.len()).collect();
        let class_of = |e: EntityRef| {
            groups.iter().position(|&g| match &r.slots[g].1 {
                SlotClass::Entity(cs) => cs.contains(&e.class),
                SlotClass::Year => false,
            })
        };
        // Tags per slot class: how many of each list of classes.
        let mut tagged_classes: Vec<Vec<EntityRef>> = vec![Vec::new(); r.slots.len()];
        let mut years: Vec<u16> = Vec::new();
        let mut unaccounted: Vec<usize> = Vec::new();
        let mut named: Vec<ConceptId> = Vec::new();
        for (i, t) in a.tags.iter().enumerate() {
            if let Some(e) = t {
                // The first slot whose classes take it, by class list.
                match class_of(*e) {
                    Some(g) => {
                        // Put it in the first slot of the same class list.
                        let first = r
                            .slots
                            .iter()
                            .position(|s| s.1 == r.slots[g].1)
                            .unwrap_or(g);
                        // The same entity twice ("Italy ... 🇮🇹") is one.
                        if !tagged_classes[first].contains(e) {
                            tagged_classes[first].push(*e);
                        }
                    }
                    // A name that stands for a concept of the reading
                    // ("the Toulouse meeting" is a meeting).
                    None => match self.entity_concepts.iter().find(|(x, c)| {
                        x == e
                            && (r.needs.contains(c)
                                || r.optional.contains(c)
                                || self.background.contains(c))
                    }) {
                        Some((_, c)) => named.push(*c),
                        None => unaccounted.push(i),
                    },
                }
            } else if let Some(y) = a.years[i] {
                if r.slots.iter().any(|s| s.1 == SlotClass::Year) {
                    years.push(y);
                } else {
                    unaccounted.push(i);
                }
            }
        }
        let pronoun_ok = |id: ConceptId| {
            self.pronouns.iter().any(|(pid, class)| {
                *pid == id
                    && r.slots.iter().enumerate().any(|(k, (_, c))| {
                        c == class
                            && match c {
                                SlotClass::Year => years.is_empty(),
                                SlotClass::Entity(classes) => {
                                    let first = r.slots.iter().position(|s| s.1 == *c).unwrap_or(k);
                                    // "when did they join 🇯🇵", "what did
                                    // Whiting say in his remarks": a pronoun
                                    // beside the one country or official
                                    // named means it: accounted for, fills
                                    // nothing.
                                    tagged_classes[first].is_empty()
                                        || ((classes.contains(&Class::Country)
                                            || classes.contains(&Class::Person))
                                            && tagged_classes[first].len() == 1)
                                }
                            }
                    })
            })
        };
        // "Germany's accession took place": the verb carries an event noun
        // of a concept the reading needs, and says nothing more.
        let carried = self.nouns.iter().any(|noun| {
            (0..a.words.len()).any(|j| {
                a.words.len() >= j + noun.len()
                    && a.words[j..j + noun.len()]
                        .iter()
                        .zip(noun)
                        .all(|(w, n)| w == n)
                    && a.spans[j]
                        .iter()
                        .any(|(id, l)| *l as usize == noun.len() && r.needs.contains(id))
            })
        });
        let allowed = |id: ConceptId| {
            id == FILLER
                || (id == SUPPORT && carried)
                || r.needs.contains(&id)
                || r.optional.contains(&id)
                || self.background.contains(&id)
                || ((PRONOUN_BASE..FILLER).contains(&id) && pronoun_ok(id))
        };
        let mut present: Vec<ConceptId> = named;
        let mut pronouns: Vec<(ConceptId, String)> = Vec::new();
        let mut weak: Vec<String> = Vec::new();
        let mut i = 0;
        while i < a.words.len() {
            if a.tags[i].is_some() || a.years[i].is_some() {
                i += 1;
                continue;
            }
            // The longest allowed span; a concept before the filler. A
            // question word the reading needs is never swallowed by a
            // longer filler ("who is" is filler, but "who is not a
            // general" needs "who").
            let need_here = a.spans[i].iter().any(|(id, _)| {
                self.is_form.get(*id as usize) == Some(&true)
                    && r.needs.contains(id)
                    && !present.contains(id)
            });
            let best = a.spans[i]
                .iter()
                .filter(|(id, _)| !(need_here && *id == FILLER))
                .filter(|(id, _)| allowed(*id) && (!self.at_start.contains(id) || i == a.start))
                .max_by_key(|(id, l)| {
                    let rank = match *id {
                        FILLER | SUPPORT => 0u8,
                        id if id >= PRONOUN_BASE => 2,
                        _ => 1,
                    };
                    // Of two concepts of one word ("enlargement": grow and
                    // wave), the one the reading still needs.
                    let fresh = r.needs.contains(id) && !present.contains(id);
                    (*l, rank, fresh)
                });
            // A strict concept's phrase this reading does not use.
            let strict_len = a.spans[i]
                .iter()
                .filter(|(id, _)| self.strict.contains(id) && !allowed(*id))
                .map(|(_, l)| *l)
                .max();
            let best = best.filter(|(_, l)| strict_len.is_none_or(|s| *l > s));
            match best {
                Some(&(id, l)) => {
                    if (PRONOUN_BASE..FILLER).contains(&id) {
                        pronouns.push((id, a.words[i..i + l as usize].join(" ")));
                    } else if id != FILLER && (r.needs.contains(&id) || r.optional.contains(&id)) {
                        present.push(id);
                    } else {
                        weak.extend(a.words[i..i + l as usize].iter().map(|w| w.to_string()));
                    }
                    i += l as usize;
                }
                None => {
                    unaccounted.push(i);
                    i += 1;
                }
            }
        }
        if !unaccounted.is_empty() {
            return Err(if r.needs.iter().all(|n| present.contains(n)) {
                unaccounted
            } else {
                Vec::new()
            });
        }
        if !r.needs.iter().all(|n| present.contains(n)) {
            return Err(Vec::new());
        }
        // A yes/no question ("is Spain a member?") is read only as one.
        if let Some(first) = a.words.get(a.start) {
            let asks_yes_no = self.at_start.iter().any(|f| {
                !r.needs.contains(f)
                    && a.spans[a.start]
                        .iter()
                        .any(|(id, l)| id == f && *l as usize == 1 && !first.is_empty())
            });
            if asks_yes_no {
                return Err(Vec::new());
            }
        }
        // Fill the slots.
        let mut fills: Vec<(String, Fill)> = Vec::new();
        let mut list = false;
        let mut implicit = 0usize;
        let mut implicit_done = false;
        let mut year_at = 0;
        for (k, (name, class)) in r.slots.iter().enumerate() {
            match class {
                SlotClass::Year => {
                    let n_slots = r.slots.iter().filter(|s| s.1 == SlotClass::Year).count();
                    if years.len() == n_slots {
                        fills.push((name.clone(), Fill::Year(years[year_at])));
                        year_at += 1;
                    } else if years.is_empty()
                        && n_slots == 1
                        && pronouns.iter().any(|(id, _)| *id == PRONOUN_BASE + 3)
                    {
                        fills.push((name.clone(), Fill::Pronoun { plural: false }));
                    } else {
                        return Err(Vec::new());
                    }
                }
                SlotClass::Entity(_) => {
                    let first = r.slots.iter().position(|s| s.1 == *class).unwrap_or(k);
                    let same: Vec<usize> = (0..r.slots.len())
                        .filter(|&j| r.slots[j].1 == *class)
                        .collect();
                    let nth = same.iter().position(|&j| j == k).unwrap_or(0);
                    let tags = &tagged_classes[first];
                    if tags.len() == same.len() {
                        fills.push((name.clone(), Fill::Entity(tags[nth])));
                    } else if same.len() == 1
                        && tags.len() > 1
                        && !list
                        && a.listed(tags, self.joiners.as_deref())
                    {
                        list = true;
                        fills.push((name.clone(), Fill::List(tags.clone())));
                    } else if tags.is_empty() && same.len() == 1 {
                        let Some((_, word)) = pronouns.iter().find(|(id, _)| {
                            self.pronouns.iter().any(|(pid, c)| pid == id && c == class)
                        }) else {
                            // A language that drops the subject ("che
                            // ruolo ha?", "いつ加盟した？"): the
                            // conversation's entity, read below one named.
                            if self.pro_drop && !implicit_done {
                                implicit_done = true;
                                implicit += 1;
                                fills.push((name.clone(), Fill::Pronoun { plural: false }));
                                continue;
                            }
                            return Err(Vec::new());
                        };
                        let plural = self.plural.iter().any(|p| p == word);
                        fills.push((name.clone(), Fill::Pronoun { plural }));
                    } else {
                        return Err(Vec::new());
                    }
                }
            }
        }
        for (k, v) in &r.sets {
            fills.push((k.clone(), Fill::Text(v.clone())));
        }
        // More needs and slots read more of the question; a list reads less
        // exactly than one entity per slot.
        // A slot filled by no word reads less than any word: below the
        // reading without it.
        // A narrow form reads more exactly than the wider one whose
        // phrases it shares (a half step: never more than another need).
        let narrow = usize::from(r.needs.iter().any(|n| self.narrow.contains(n)));
        let score = (2 * (r.needs.len() + r.slots.len()) + narrow - usize::from(list))
            .saturating_sub(3 * implicit);
        Ok((fills, score, weak))
    }

    /// Reads `a` with every reading of `readings` ((intent, reading index,
    /// reading) triples).
    pub fn understand<'r>(
        &self,
        a: &Analysis,
        readings: impl Iterator<Item = (usize, usize, &'r Reading)>,
    ) -> Understood {
        let mut best: Vec<Match> = Vec::new();
        let mut near: Option<(usize, usize, Vec<usize>)> = None;
        // The concepts that start somewhere in `a`. A reading that needs
        // one that does not can only fail with no words to report (its
        // walk never finds that need present), so it is not walked: the
        // same result, without a walk of every position by every reading.
        let mut starts = vec![0u64; self.names.len().div_ceil(64)];
        // A bound name stands for its concept too ("the Toulouse meeting").
        let bound = a.tags.iter().flatten().flat_map(|e| {
            self.entity_concepts
                .iter()
                .filter(move |(x, _)| x == e)
                .map(|&(_, c)| (c, 1u8))
        });
        for (id, _) in a.spans.iter().flatten().copied().chain(bound) {
            if let Some(w) = starts.get_mut(usize::from(id) / 64) {
                *w |= 1 << (id % 64);
            }
        }
        let starts_somewhere = |id: ConceptId| {
            starts
                .get(usize::from(id) / 64)
                .is_some_and(|w| w & (1 << (id % 64)) != 0)
        };
        for (intent, reading, r) in readings {
            if !r.needs.iter().all(|&n| starts_somewhere(n)) {
                continue;
            }
            match self.walk(r, a) {
                Ok((fills, score, weak)) => {
                    let m = Match {
                        intent,
                        reading,
                        fills,
                        weak,
                        score,
                    };
                    match best.first().map(|b| b.score) {
                        Some(s) if s > score => {}
                        Some(s) if s == score => best.push(m),
                        _ => best = vec![m],
                    }
                }
                Err(words) if !words.is_empty() => {
                    let rank = (r.needs.len() * 4 + r.slots.len() * 4).saturating_sub(words.len());
                    if near.as_ref().is_none_or(|(_, k, _)| rank > *k) {
                        near = Some((intent, rank, words));
                    }
                }
                Err(_) => {}
            }
        }
        let mut intents: Vec<usize> = best.iter().map(|m| m.intent).collect();
        intents.dedup();
        match intents.len() {
            0 => Understood::Nothing {
                near: near
                    .map(|(i, _, w)| (i, w.into_iter().map(|k| a.words[k].to_string()).collect())),
            },
            1 => Understood::One(best.swap_remove(0)),
            _ => Understood::Ambiguous(intents),
        }
    }

    /// The words of `a` that begin no concept, filler, name or year: what a
    /// real-word correction may replace.
    pub fn unknown_words<'t>(&self, a: &Analysis<'t>) -> Vec<&'t str> {
        (0..a.words.len())
            .filter(|&i| a.spans[i].is_empty() && a.tags[i].is_none() && a.years[i].is_none())
            .map(|i| a.words[i])
            .collect()
    }
}

/// Words that may stand between the entities of a list ("France and
/// Italy", "Spain, Japan or Italy").
const LIST_JOINERS: &[&str] = &[
    "and", "or", "nor", "plus", "also", "both", "as", "well", "&",
];

impl Analysis<'_> {
    /// The spans at each position, as (word, [(concept name, length)]),
    /// for `/why`-style debugging of a lexicon.
    pub fn spans_named(&self, set: &ConceptSet) -> Vec<(String, Vec<(String, u8)>)> {
        (0..self.words.len())
            .map(|i| {
                let named = self.spans[i]
                    .iter()
                    .map(|(id, l)| {
                        let n = set.names.get(*id as usize).cloned().unwrap_or_else(|| {
                            if *id == FILLER {
                                "filler".into()
                            } else if *id == SUPPORT {
                                "nominal verb".into()
                            } else {
                                "pronoun".into()
                            }
                        });
                        (n, *l)
                    })
                    .collect();
                (self.words[i].to_string(), named)
            })
            .collect()
    }

    pub fn words(&self) -> &[&str] {
        &self.words
    }

    /// Whether the tags of `entities` stand together as a list: between
    /// one and the next, only joiners ("and", "or"). "Did the Italians
    /// come in with the French?" is no list: it relates the two.
    fn listed(&self, entities: &[EntityRef], joiners: Option<&[String]>) -> bool {
        let at: Vec<usize> = (0..self.words.len())
            .filter(|&i| self.tags[i].is_some_and(|e| entities.contains(&e)))
            .collect();
        at.windows(2).all(|w| {
            w[1] > w[0] + 1
                && self.words[w[0] + 1..w[1]].iter().all(|x| match joiners {
                    Some(j) => j.iter().any(|w| w == x),
                    None => LIST_JOINERS.contains(x),
                })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SET: &str = r#"
filler = ["the", "did", "is", "has", "a", "could you remind me", "and", "in"]
background = ["cspo"]
at_start = ["yesno"]
[entities]
meeting = "meeting"
meeting_place = "place"
[forms]
when = ["when", "what year"]
yesno = ["is", "did"]
[concepts]
join = ["/join(ed|s|ing)?/", "entered", "become a member"]
member = ["member", "members"]
cspo = ["cspo", "initiative"]
meeting = ["meeting", "met"]
place = ["toulouse"]
"#;

    fn set() -> ConceptSet {
        load(SET)
    }

    /// Loads `text` as a concepts file (each call its own directory: tests
    /// run in parallel).
    fn load(text: &str) -> ConceptSet {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("cspo-concepts-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(CONCEPTS_FILE), text).unwrap();
        let mut pronouns = BTreeMap::new();
        pronouns.insert(
            "country".to_string(),
            vec!["it".to_string(), "they".to_string()],
        );
        let s = ConceptSet::load(&dir, &pronouns, &["they".to_string()]).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        s
    }

    fn read(s: &ConceptSet, readings: &[(&str, usize)], q: &str) -> Understood {
        let rs: Vec<(usize, Reading)> = readings
            .iter()
            .map(|(r, i)| (*i, s.parse_reading(r, 1).unwrap()))
            .collect();
        let a = s.analyse(q);
        s.understand(&a, rs.iter().enumerate().map(|(k, (i, r))| (*i, k, r)))
    }

    #[test]
    fn concepts_match_in_any_order() {
        let s = set();
        let rs = [("when join {country}", 0), ("yesno member {country}", 1)];
        for q in [
            "when did #c1# join",
            "#c1# entered the initiative when",
            "could you remind me what year #c1# joined the cspo",
            "when #c1# has joining",
        ] {
            match read(&s, &rs, q) {
                Understood::One(m) => {
                    assert_eq!(m.intent, 0, "{q}");
                    assert_eq!(m.fills[0].1, Fill::Entity(parse_tag("#c1#").unwrap()));
                }
                other => panic!("{q}: {other:?}"),
            }
        }
        assert!(matches!(read(&s, &rs, "is #c2# a member"), Understood::One(m) if m.intent == 1));
    }

    #[test]
    fn every_word_must_be_accounted_for() {
        let s = set();
        let rs = [("when join {country}", 0)];
        match read(&s, &rs, "when did #c1# join nato") {
            Understood::Nothing {
                near: Some((0, words)),
            } => assert_eq!(words, vec!["nato"]),
            other => panic!("{other:?}"),
        }
        // A need missing: nothing near.
        assert!(matches!(
            read(&s, &rs, "when #c1#"),
            Understood::Nothing { near: None }
        ));
        // A second country the reading has no slot for is a list, not a guess.
        assert!(matches!(
            read(&s, &rs, "when did #c1# and #c2# join"),
            Understood::One(Match { fills, .. }) if matches!(fills[0].1, Fill::List(ref l) if l.len() == 2)
        ));
    }

    #[test]
    fn the_yes_no_form_is_the_first_word_only() {
        let s = set();
        let rs = [("yesno member {country}", 0)];
        assert!(matches!(
            read(&s, &rs, "is #c1# a member"),
            Understood::One(_)
        ));
        // "is" later is only filler: no yes/no form.
        assert!(matches!(
            read(&s, &rs, "#c1# is a member"),
            Understood::Nothing { .. }
        ));
    }

    #[test]
    fn pronouns_fill_empty_slots() {
        let s = set();
        let rs = [("when join {country}", 0)];
        match read(&s, &rs, "when did they join") {
            Understood::One(m) => assert_eq!(m.fills[0].1, Fill::Pronoun { plural: true }),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_country_pronoun_beside_the_one_country_named_means_it() {
        let s = set();
        let rs = [("when join {country}", 0)];
        // "when did they join 🇯🇵": they are Japan.
        match read(&s, &rs, "when did they join #c1#") {
            Understood::One(m) => {
                assert_eq!(m.fills[0].1, Fill::Entity(parse_tag("#c1#").unwrap()))
            }
            other => panic!("{other:?}"),
        }
        // Beside two countries it is no list's word: unaccounted.
        assert!(matches!(
            read(&s, &rs, "when did they join #c1# and #c2#"),
            Understood::Nothing { .. }
        ));
    }

    #[test]
    fn a_bound_name_counts_as_its_concept_where_no_slot_takes_it() {
        let mut s = set();
        let meeting = parse_tag("#m0#").unwrap();
        let france = parse_tag("#c5#").unwrap();
        assert!(s.bind_entity(meeting, "meeting"));
        assert!(s.bind_entity(france, "meeting_place"));
        let rs = [("when meeting ?place", 0), ("when join {country}", 1)];
        // "when was the Toulouse meeting", "when did they meet in France".
        assert!(matches!(read(&s, &rs, "when is #m0#"), Understood::One(m) if m.intent == 0));
        assert!(matches!(read(&s, &rs, "when met in #c5#"), Understood::One(m) if m.intent == 0));
        // Another country says something the meeting does not hold.
        match read(&s, &rs, "when met in #c8#") {
            Understood::Nothing { near: Some((0, w)) } => assert_eq!(w, vec!["#c8#"]),
            other => panic!("{other:?}"),
        }
        // A slot that takes the name takes it first: France joined.
        assert!(matches!(read(&s, &rs, "when did #c5# join"), Understood::One(m) if m.intent == 1));
        // A reading without the concept does not account for the name.
        let rs = [("when join", 0)];
        assert!(matches!(
            read(&s, &rs, "when join #m0#"),
            Understood::Nothing { .. }
        ));
        // Only the roles of ENTITY_ROLES bind.
        assert!(!s.bind_entity(france, "capital"));
    }

    #[test]
    fn an_unknown_entity_role_is_a_load_error() {
        let bad = SET.replace("meeting_place = \"place\"", "capital = \"place\"");
        let dir = std::env::temp_dir().join(format!("cspo-concepts-role-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(CONCEPTS_FILE), bad).unwrap();
        let e = ConceptSet::load(&dir, &BTreeMap::new(), &[]).unwrap_err();
        std::fs::remove_dir_all(&dir).ok();
        assert!(e.to_string().contains("\"capital\""), "{e}");
    }

    #[test]
    fn equal_readings_of_two_intents_are_ambiguous() {
        let s = set();
        let rs = [("when join {country}", 0), ("when join {country}", 1)];
        assert!(matches!(
            read(&s, &rs, "when did #c1# join"),
            Understood::Ambiguous(v) if v == vec![0, 1]
        ));
    }

    #[test]
    fn bad_entries_are_load_errors_with_lines() {
        let dir = std::env::temp_dir().join(format!("cspo-concepts-bad-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join(CONCEPTS_FILE),
            "filler = [\"the\"]\n[forms]\nwhen = [\"when\"]\n[concepts]\njoin = [\"join\",\n  \"Joined\"]\n",
        )
        .unwrap();
        let e = ConceptSet::load(&dir, &BTreeMap::new(), &[]).unwrap_err();
        std::fs::remove_dir_all(&dir).ok();
        let shown = e.to_string();
        assert!(shown.contains("concepts.toml:6"), "{shown}");
        assert!(shown.contains("normalized"), "{shown}");
    }

    const NOMINAL: &str = r#"
filler = ["the", "did", "of", "to", "s"]
background = ["cspo"]
[nominal]
nouns = ["accession", "joining"]
verbs = ["take place", "took place", "begin"]
[forms]
when = ["when", "what year"]
[concepts]
join = ["/join(ed|s|ing)?/", "accession"]
meeting = ["meeting"]
happen = ["take place", "took place"]
cspo = ["cspo", "initiative"]
"#;

    #[test]
    fn a_verb_that_carries_an_event_noun_says_only_that_it_happened() {
        let s = load(NOMINAL);
        let rs = [("when join {country}", 0), ("when meeting ?happen", 1)];
        // "Germany's accession took place" asks what "Germany acceded" asks;
        // "the accession of Germany" binds Germany as well.
        for q in [
            "when did #c6# accession to the initiative take place",
            "when did the accession of #c6# take place",
            "what year did #c6# joining begin",
        ] {
            match read(&s, &rs, q) {
                Understood::One(m) => {
                    assert_eq!(m.intent, 0, "{q}");
                    assert_eq!(m.fills[0].1, Fill::Entity(parse_tag("#c6#").unwrap()));
                }
                other => panic!("{q}: {other:?}"),
            }
        }
        // The verb is no filler: with no event noun the reading needs, it
        // is unaccounted ("when did Germany begin" is not when it joined).
        assert!(matches!(
            read(&s, &rs, "when did #c6# begin"),
            Understood::Nothing { .. }
        ));
        assert!(matches!(
            read(&s, &rs, "when did #c6# join begin"),
            Understood::Nothing { .. }
        ));
        // The meeting's own readings are read as before.
        assert!(matches!(
            read(&s, &rs, "when did the meeting take place"),
            Understood::One(m) if m.intent == 1
        ));
    }

    #[test]
    fn an_event_noun_of_no_concept_is_a_load_error() {
        let dir = std::env::temp_dir().join(format!("cspo-concepts-noun-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join(CONCEPTS_FILE),
            NOMINAL.replace("\"joining\"", "\"enrolment\""),
        )
        .unwrap();
        let e = ConceptSet::load(&dir, &BTreeMap::new(), &[]).unwrap_err();
        std::fs::remove_dir_all(&dir).ok();
        let shown = e.to_string();
        assert!(shown.contains("concepts.toml:5"), "{shown}");
        assert!(
            shown.contains("\"enrolment\" is an entry of no concept"),
            "{shown}"
        );
    }
}
