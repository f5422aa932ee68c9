//! The fact base: everything the bot knows, loaded from `data/`.
//!
//! Each file of `data/` is deserialized into the `*File` structs below
//! (unknown fields are errors), then [`FactBase::load`] validates the whole:
//! every `sources` id names a sentence of `sources.toml`, every sentence is
//! quoted verbatim from `article.txt`, ids are unique, cross references
//! resolve, and no alias names two things. A fact base that loads is whole;
//! nothing half-loaded ever answers.
//!
//! Besides the ten members, every other country of the world is known by
//! name (from the `celes` ISO 3166 crate), so "is Brazil a member?" gets a
//! "No" instead of a shrug.

use crate::error::{LoadError, from_toml, line_of};
use crate::normalize::{FlagTable, normalize};
use celes::LookupTable;
use serde::Deserialize;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The kinds of things a question can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    Country,
    Person,
    Role,
    Org,
    Topic,
    Meeting,
}

impl Class {
    pub const ALL: [Class; 6] = [
        Class::Country,
        Class::Person,
        Class::Role,
        Class::Org,
        Class::Topic,
        Class::Meeting,
    ];

    /// The letter used in entity tags (`#c3#`).
    pub fn letter(self) -> char {
        match self {
            Class::Country => 'c',
            Class::Person => 'p',
            Class::Role => 'r',
            Class::Org => 'o',
            Class::Topic => 't',
            Class::Meeting => 'm',
        }
    }

    pub fn from_letter(c: char) -> Option<Class> {
        Class::ALL.into_iter().find(|k| k.letter() == c)
    }

    pub fn name(self) -> &'static str {
        match self {
            Class::Country => "country",
            Class::Person => "person",
            Class::Role => "role",
            Class::Org => "org",
            Class::Topic => "topic",
            Class::Meeting => "meeting",
        }
    }
}

/// One named thing: a class and an index into that class's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityRef {
    pub class: Class,
    pub index: usize,
}

impl EntityRef {
    pub fn country(self) -> Option<CountryId> {
        (self.class == Class::Country).then_some(CountryId(self.index))
    }
    pub fn person(self) -> Option<PersonId> {
        (self.class == Class::Person).then_some(PersonId(self.index))
    }
    pub fn role(self) -> Option<RoleId> {
        (self.class == Class::Role).then_some(RoleId(self.index))
    }
    pub fn org(self) -> Option<OrgId> {
        (self.class == Class::Org).then_some(OrgId(self.index))
    }
    pub fn topic(self) -> Option<TopicId> {
        (self.class == Class::Topic).then_some(TopicId(self.index))
    }
    pub fn meeting(self) -> Option<MeetingId> {
        (self.class == Class::Meeting).then_some(MeetingId(self.index))
    }
}

/// Typed ids: an index into one list of the fact base, which only that
/// list can be indexed with (`facts.people[role.person]`), so a role id can
/// never be read as a person's.
macro_rules! typed_ids {
    ($($(#[$doc:meta])* $id:ident => $item:ident, $class:expr;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $id(usize);

        impl $id {
            pub fn index(self) -> usize {
                self.0
            }
        }
        impl From<$id> for EntityRef {
            fn from(id: $id) -> EntityRef {
                EntityRef { class: $class, index: id.0 }
            }
        }
        impl std::ops::Index<$id> for Vec<$item> {
            type Output = $item;
            fn index(&self, id: $id) -> &$item {
                &self[id.0]
            }
        }
    )*};
}

typed_ids! {
    /// A country: a member (first, in file order) or any other country.
    CountryId => Country, Class::Country;
    PersonId => Person, Class::Person;
    RoleId => Role, Class::Role;
    OrgId => Org, Class::Org;
    TopicId => Topic, Class::Topic;
    MeetingId => Meeting, Class::Meeting;
}

/// A sentence of the article: an index into `FactBase::sentences`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SentenceId(usize);

impl SentenceId {
    pub fn index(self) -> usize {
        self.0
    }
}

impl std::ops::Index<SentenceId> for Vec<Sentence> {
    type Output = Sentence;
    fn index(&self, id: SentenceId) -> &Sentence {
        &self[id.0]
    }
}

/// A value of the fact base with the sentences that state it.
///
/// The value is reached in two ways: [`crate::answers::Outcome::cite`],
/// which records the sources in the answer that states it, and
/// [`Cited::peek`], for reading that states nothing (filtering, sorting,
/// comparing). The loader refuses a cited value without sources.
#[derive(Debug, Clone, PartialEq)]
pub struct Cited<T> {
    value: T,
    sources: Vec<SentenceId>,
    /// Which field of which file holds it ("member.joined"), for `check`'s
    /// lint of loaded fields no answer reads.
    field: &'static str,
    /// Its entry in [`FactBase::catalog`].
    fact: FactId,
}

impl<T> Cited<T> {
    /// The value, for a reading that does not state it.
    pub fn peek(&self) -> &T {
        &self.value
    }
    /// The sentences that state the value, in the order the data gives.
    pub fn sources(&self) -> &[SentenceId] {
        &self.sources
    }
    /// The field that holds it: "member.joined".
    pub fn field(&self) -> &'static str {
        self.field
    }
    /// Its entry in the catalog: which field of which entity.
    pub fn fact(&self) -> FactId {
        self.fact
    }
}

/// A sentence of the article, the unit every answer cites.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Initiative {
    pub name: String,
    pub acronym: String,
    /// Completes "The CSpO Initiative is a group of N countries that ...".
    pub description: Cited<String>,
    pub began: Cited<u16>,
}

#[derive(Debug, Clone)]
pub struct Acronym {
    pub id: String,
    pub acronym: String,
    /// What the letters stand for, when the article spells them out;
    /// otherwise what the acronym names (`spelled_out` false).
    pub expansion: Cited<String>,
    pub spelled_out: bool,
}

/// Membership of a country in the initiative.
#[derive(Debug, Clone)]
pub struct Membership {
    /// That it is a member (the sentences that list it).
    pub listed: Cited<()>,
    pub joined: Cited<u16>,
    pub founding: Cited<bool>,
}

#[derive(Debug, Clone)]
pub struct Country {
    pub id: String,
    pub name: String,
    /// Whether the name takes "the" in running text ("the United Kingdom").
    pub the: bool,
    pub iso: String,
    pub flag: String,
    pub membership: Option<Membership>,
}

impl Country {
    /// The name as used inside a sentence: "the United States", "Japan".
    pub fn in_text(&self) -> String {
        if self.the {
            format!("the {}", self.name)
        } else {
            self.name.clone()
        }
    }
    pub fn is_member(&self) -> bool {
        self.membership.is_some()
    }
}

/// A date as the article gives it: the year may be missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    pub year: Option<u16>,
    /// 1 to 12.
    pub month: u8,
    pub day: Option<u8>,
}

/// One meeting of the initiative.
#[derive(Debug, Clone)]
pub struct Meeting {
    pub id: String,
    /// How answers name it when the data holds several meetings.
    pub name: String,
    pub date: Cited<Date>,
    pub city: Cited<String>,
    pub country: Cited<CountryId>,
    /// Where, as a phrase that follows "held": "on the outskirts of ...".
    pub place: Cited<String>,
    pub venue: Cited<String>,
    pub host: Cited<String>,
    /// The organisation that hosted it, when the data names one.
    pub host_org: Option<OrgId>,
    /// The countries that took part, when the article says which.
    pub participants: Option<Cited<Vec<CountryId>>>,
    pub purpose: Option<Cited<String>>,
    pub message: Option<Cited<String>>,
    pub topics: Vec<TopicId>,
    /// The topics an overview of the meeting names.
    pub highlights: Vec<TopicId>,
    /// Other names of the place that count as "yes" for "was it in X?".
    pub also_in: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Topic {
    pub id: String,
    pub name: String,
    pub summary: Cited<String>,
}

#[derive(Debug, Clone)]
pub struct Role {
    pub id: String,
    pub title: Cited<String>,
    pub person: PersonId,
    pub org: Option<OrgId>,
}

#[derive(Debug, Clone)]
pub struct Quote {
    pub id: String,
    pub text: Cited<String>,
    pub how: String,
    /// How the words were delivered, where the article says ("via press
    /// release"), cited by the quote's sentences.
    pub medium: Option<Cited<String>>,
    pub topics: Vec<TopicId>,
    /// The quote's content words, stemmed, sorted and deduplicated, as the
    /// quote search compares them ([`crate::stem::content_words`], with the
    /// stopwords of `grammar.toml`: see [`FactBase::index_quotes`]).
    /// Computed once: tokenizing every quote for every question was an
    /// eighth of the engine's instructions.
    pub words: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub display: String,
    pub rank: Option<Cited<String>>,
    /// All titles, as the article phrases them.
    pub titles: Cited<String>,
    pub nationality: Option<Cited<CountryId>>,
    pub roles: Vec<RoleId>,
    pub quotes: Vec<Quote>,
}

impl Person {
    /// Surname, for short references ("Saltzman").
    pub fn surname(&self) -> &str {
        self.name.rsplit(' ').next().unwrap_or(&self.name)
    }
}

#[derive(Debug, Clone)]
pub struct Org {
    pub id: String,
    pub name: Cited<String>,
    pub leader_roles: Vec<RoleId>,
}

/// The whole validated fact base.
#[derive(Debug, Clone)]
pub struct FactBase {
    pub sentences: Vec<Sentence>,
    pub initiative: Initiative,
    pub acronyms: Vec<Acronym>,
    /// Members first (in file order), then every other country.
    pub countries: Vec<Country>,
    /// In the order of `meeting.toml`: oldest first.
    pub meetings: Vec<Meeting>,
    /// How answers name the meeting when the data holds only one.
    pub only_meeting_name: String,
    pub topics: Vec<Topic>,
    pub people: Vec<Person>,
    pub roles: Vec<Role>,
    pub orgs: Vec<Org>,
    /// Normalized alias -> entity. Names, aliases, demonyms, titles.
    pub aliases: HashMap<String, EntityRef>,
    /// Regional-indicator pair ("DE") -> country name, for the normalizer.
    pub flags: FlagTable,
    /// Every cited value the data holds, in load order (see [`Fact`]).
    pub catalog: Vec<Fact>,
}

// ---------------------------------------------------------------------------
// File formats. Documented for users in FORMATS.md.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcesFile {
    sentence: Vec<SentenceEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SentenceEntry {
    id: Spanned<String>,
    text: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InitiativeFile {
    initiative: InitiativeEntry,
    #[serde(default)]
    acronym: Vec<AcronymEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InitiativeEntry {
    name: String,
    acronym: String,
    description: String,
    began: u16,
    began_sources: Vec<Spanned<String>>,
    sources: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AcronymEntry {
    id: Spanned<String>,
    acronym: String,
    expansion: String,
    #[serde(default = "yes")]
    spelled_out: bool,
    sources: Vec<Spanned<String>>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MembersFile {
    #[serde(default)]
    ignore_world_names: Vec<String>,
    /// More names for countries of the world list, by ISO code ("KR" =
    /// ["Korea"]): names people use that the list lacks.
    #[serde(default)]
    world_aliases: std::collections::BTreeMap<String, Vec<String>>,
    member: Vec<MemberEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MemberEntry {
    id: Spanned<String>,
    name: Spanned<String>,
    #[serde(default)]
    the: bool,
    iso: Spanned<String>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    demonyms: Vec<Spanned<String>>,
    joined: u16,
    founding: bool,
    /// The sentences that give the year (and whether it was a founder).
    joined_sources: Vec<Spanned<String>>,
    /// The sentences that name it as a member.
    sources: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MeetingFile {
    /// How answers name the meeting when there is only one.
    only_name: String,
    meeting: Vec<MeetingEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DateEntry {
    year: Option<u16>,
    month: Spanned<u8>,
    day: Option<Spanned<u8>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MeetingEntry {
    id: Spanned<String>,
    name: String,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    date: DateEntry,
    date_sources: Vec<Spanned<String>>,
    city: Spanned<String>,
    country: Spanned<String>,
    place: String,
    place_sources: Vec<Spanned<String>>,
    venue: String,
    venue_sources: Vec<Spanned<String>>,
    host: String,
    host_org: Option<Spanned<String>>,
    host_sources: Vec<Spanned<String>>,
    participants: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    participants_sources: Vec<Spanned<String>>,
    purpose: Option<String>,
    #[serde(default)]
    purpose_sources: Vec<Spanned<String>>,
    message: Option<String>,
    #[serde(default)]
    message_sources: Vec<Spanned<String>>,
    #[serde(default)]
    topics: Vec<Spanned<String>>,
    #[serde(default)]
    highlights: Vec<Spanned<String>>,
    #[serde(default)]
    also_in: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicsFile {
    topic: Vec<TopicEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicEntry {
    id: Spanned<String>,
    name: Spanned<String>,
    summary: String,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    sources: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PeopleFile {
    person: Vec<PersonEntry>,
    #[serde(default)]
    organization: Vec<OrgEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonEntry {
    id: Spanned<String>,
    name: Spanned<String>,
    display: String,
    rank: Option<String>,
    titles: String,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    nationality: Option<Spanned<String>>,
    sources: Vec<Spanned<String>>,
    #[serde(default)]
    role: Vec<RoleEntry>,
    #[serde(default)]
    quote: Vec<QuoteEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleEntry {
    id: Spanned<String>,
    title: Spanned<String>,
    organization: Option<Spanned<String>>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    sources: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuoteEntry {
    id: Spanned<String>,
    text: Spanned<String>,
    how: String,
    #[serde(default)]
    medium: Option<String>,
    #[serde(default)]
    topics: Vec<Spanned<String>>,
    sources: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrgEntry {
    id: Spanned<String>,
    name: Spanned<String>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    leader_roles: Vec<Spanned<String>>,
    sources: Vec<Spanned<String>>,
}

// ---------------------------------------------------------------------------
// Loading.

/// The files of a data directory, in load order.
pub const DATA_FILES: [&str; 6] = [
    "sources.toml",
    "initiative.toml",
    "members.toml",
    "meeting.toml",
    "topics.toml",
    "people.toml",
];

/// One file's path and text, kept for locating errors.
struct Doc {
    path: PathBuf,
    text: String,
}

impl Doc {
    fn read(dir: &Path, name: &str) -> Result<Doc, LoadError> {
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| LoadError::new(&path, None, format!("cannot read: {e}")))?;
        Ok(Doc { path, text })
    }

    fn parse<T: serde::de::DeserializeOwned>(&self) -> Result<T, LoadError> {
        if self.text.trim().is_empty() {
            return Err(LoadError::new(&self.path, Some(1), "the file is empty"));
        }
        toml::from_str(&self.text).map_err(|e| from_toml(&self.path, &self.text, e))
    }

    fn err<T>(&self, at: &Spanned<T>, msg: impl Into<String>) -> LoadError {
        LoadError::at(&self.path, &self.text, at.span().start, msg)
    }
}

/// Builds the alias table, refusing duplicates and shared aliases.
struct AliasTable {
    map: HashMap<String, EntityRef>,
    /// Where each alias was first declared, for error messages.
    origin: HashMap<String, String>,
}

impl AliasTable {
    /// Adds an alias written in a data file. The same alias written twice for
    /// one entity is an error; two spellings that normalize alike are fine.
    fn add(
        &mut self,
        doc: &Doc,
        alias: &Spanned<String>,
        seen_literal: &mut BTreeSet<String>,
        entity: EntityRef,
        flags: &FlagTable,
    ) -> Result<(), LoadError> {
        let literal = alias.get_ref().trim().to_string();
        if literal.is_empty() {
            return Err(doc.err(alias, "an alias is empty"));
        }
        if !seen_literal.insert(literal) {
            return Err(doc.err(alias, format!("duplicate alias {:?}", alias.get_ref())));
        }
        let key = normalize(alias.get_ref(), flags);
        if key.is_empty() {
            return Err(doc.err(
                alias,
                format!("alias {:?} has no letters or digits", alias.get_ref()),
            ));
        }
        match self.map.get(&key) {
            Some(other) if *other != entity => Err(doc.err(
                alias,
                format!(
                    "alias {:?} also names {}",
                    alias.get_ref(),
                    self.origin[&key]
                ),
            )),
            Some(_) => Ok(()),
            None => {
                self.map.insert(key.clone(), entity);
                self.origin.insert(
                    key,
                    format!(
                        "{} ({}:{})",
                        entity.class.name(),
                        doc.path.display(),
                        line_of(&doc.text, alias.span().start)
                    ),
                );
                Ok(())
            }
        }
    }

    /// Adds a name from the world country list; names that two countries
    /// share there (or that the fact base already uses) are left out.
    fn add_world(
        &mut self,
        name: &str,
        entity: EntityRef,
        flags: &FlagTable,
        ambiguous: &mut BTreeSet<String>,
    ) {
        let key = normalize(name, flags);
        if key.is_empty() || ambiguous.contains(&key) {
            return;
        }
        match self.map.get(&key) {
            Some(other) if *other != entity => {
                if other.class == Class::Country && self.origin[&key] == "world" {
                    self.map.remove(&key);
                    ambiguous.insert(key);
                }
            }
            Some(_) => {}
            None => {
                self.map.insert(key.clone(), entity);
                self.origin.insert(key, "world".to_string());
            }
        }
    }
}

fn flag_of(iso: &str) -> String {
    iso.chars()
        .filter(|c| c.is_ascii_uppercase())
        .map(|c| char::from_u32(0x1F1E6 + (c as u32 - 'A' as u32)).unwrap_or(' '))
        .collect()
}

/// Splits a `celes` alias like "NorthMacedonia" into "North Macedonia".
fn split_camel(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    let mut prev_lower = false;
    for c in s.chars() {
        if c.is_uppercase() && prev_lower {
            out.push(' ');
        }
        prev_lower = c.is_lowercase();
        out.push(c);
    }
    out
}

/// All names `celes` knows for a country, in display form.
fn world_names(c: &celes::Country) -> Vec<String> {
    let long = c
        .long_name
        .strip_prefix("The ")
        .unwrap_or(c.long_name)
        .to_string();
    let aliases: Vec<String> = c.aliases.iter().map(|a| split_camel(a)).collect();
    // Official names like "Russian Federation" read badly in an answer: the
    // shortest common alias ("Russia") comes first when there is one.
    let official = [
        "Republic",
        "Federation",
        " Of ",
        "Kingdom",
        "Democratic",
        "Plurinational",
    ]
    .iter()
    .any(|w| long.contains(w));
    let short = aliases
        .iter()
        .filter(|a| a.len() >= 4)
        .min_by_key(|a| a.len())
        .cloned();
    let mut names = match short {
        Some(s) if official && s.len() < long.len() => vec![s, long],
        _ => vec![long],
    };
    names.extend(aliases);
    names
}

impl FactBase {
    /// Loads and validates the fact base in `dir`: each file by its own
    /// loader, in [`DATA_FILES`] order (a file names only what the files
    /// before it define, except that meetings come after the topics and
    /// people they name), each error naming the file and line.
    pub fn load(dir: &Path) -> Result<FactBase, LoadError> {
        if !dir.is_dir() {
            return Err(LoadError::new(dir, None, "data directory not found"));
        }
        let doc = |name| Doc::read(dir, name);
        let sentences = load_sentences(dir, &doc("sources.toml")?)?;
        let mut l = Loader {
            sentences,
            ids: IdSet::default(),
            table: AliasTable {
                map: HashMap::new(),
                origin: HashMap::new(),
            },
            flags: FlagTable::new(),
            catalog: Vec::new(),
        };
        let init_doc = doc("initiative.toml")?;
        let (initiative, acronyms) = l.initiative(&init_doc)?;
        let countries = l.members(&doc("members.toml")?)?;
        let topics = l.topics(&doc("topics.toml")?)?;
        let (people, roles, orgs) = l.people(&doc("people.toml")?, &countries, &topics)?;
        for a in &acronyms {
            if a.id != "cspo" && !orgs.iter().any(|o| o.id == a.id) {
                return Err(LoadError::new(
                    &init_doc.path,
                    None,
                    format!(
                        "acronym {:?} names no organization (ids must match people.toml)",
                        a.id
                    ),
                ));
            }
        }
        let (meetings, only_meeting_name) =
            l.meetings(&doc("meeting.toml")?, &countries, &topics, &orgs)?;
        Ok(FactBase {
            sentences: l.sentences,
            initiative,
            acronyms,
            countries,
            meetings,
            only_meeting_name,
            topics,
            people,
            roles,
            orgs,
            aliases: l.table.map,
            flags: l.flags,
            catalog: l.catalog,
        })
    }

    /// Computes each quote's content words, with the quote search's
    /// stopwords (the engine does, once the intents are loaded).
    pub fn index_quotes(&mut self, stopwords: &[String]) {
        for p in &mut self.people {
            for q in &mut p.quotes {
                q.words = crate::stem::content_words(q.text.peek(), stopwords);
            }
        }
    }

    /// The members, in file order.
    pub fn members(&self) -> impl Iterator<Item = (CountryId, &Country, &Membership)> {
        self.countries
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.membership.as_ref().map(|m| (CountryId(i), c, m)))
    }

    /// The members whose join year passes `test`.
    pub fn members_joined(
        &self,
        test: impl Fn(u16) -> bool,
    ) -> impl Iterator<Item = (CountryId, &Country, &Membership)> {
        self.members()
            .filter(move |(_, _, m)| test(*m.joined.peek()))
    }

    /// The founding members.
    pub fn founders(&self) -> impl Iterator<Item = (CountryId, &Country, &Membership)> {
        self.members().filter(|(_, _, m)| *m.founding.peek())
    }

    /// The years in which members joined, oldest first.
    pub fn join_years(&self) -> Vec<u16> {
        let mut ys: Vec<u16> = self.members().map(|(_, _, m)| *m.joined.peek()).collect();
        ys.sort();
        ys.dedup();
        ys
    }

    /// The numbers patterns may name, by name (see `IntentSet::load`):
    /// members, founders, and the participants of each meeting that has them.
    pub fn counts(&self) -> Vec<(&'static str, Vec<usize>)> {
        let mut participants: Vec<usize> = self
            .meetings
            .iter()
            .filter_map(|m| m.participants.as_ref().map(|p| p.peek().len()))
            .collect();
        participants.sort();
        participants.dedup();
        vec![
            ("members", vec![self.member_count()]),
            ("founders", vec![self.founders().count()]),
            ("participants", participants),
        ]
    }

    pub fn member_count(&self) -> usize {
        self.members().count()
    }

    /// The latest meeting (the last of `meeting.toml`; the loader refuses
    /// a file without one).
    pub fn latest_meeting(&self) -> MeetingId {
        MeetingId(self.meetings.len() - 1)
    }

    /// The meeting before `m`, if any.
    pub fn meeting_before(&self, m: MeetingId) -> Option<MeetingId> {
        m.0.checked_sub(1).map(MeetingId)
    }

    /// The person who holds a role.
    pub fn holder(&self, r: RoleId) -> PersonId {
        self.roles[r].person
    }

    /// The role that leads an organisation, if the article names one.
    pub fn leader_role(&self, o: OrgId) -> Option<RoleId> {
        self.orgs[o].leader_roles.first().copied()
    }

    /// The people, with their ids.
    pub fn persons(&self) -> impl Iterator<Item = (PersonId, &Person)> {
        self.people
            .iter()
            .enumerate()
            .map(|(i, p)| (PersonId(i), p))
    }

    /// Every quote, with its speaker.
    pub fn quotes(&self) -> impl Iterator<Item = (PersonId, &Quote)> {
        self.persons()
            .flat_map(|(i, p)| p.quotes.iter().map(move |q| (i, q)))
    }

    pub fn sentence(&self, id: &str) -> Option<&Sentence> {
        self.sentences.iter().find(|s| s.id == id)
    }

    /// The display name of an entity.
    pub fn entity_name(&self, e: EntityRef) -> String {
        match e.class {
            Class::Country => self.countries[e.index].name.clone(),
            Class::Person => self.people[e.index].display.clone(),
            Class::Role => self.roles[e.index].title.peek().clone(),
            Class::Org => self.orgs[e.index].name.peek().clone(),
            Class::Topic => self.topics[e.index].name.clone(),
            Class::Meeting => self.meetings[e.index].name.clone(),
        }
    }

    /// A stable id for an entity, as used in slots and examples.
    pub fn entity_id(&self, e: EntityRef) -> &str {
        match e.class {
            Class::Country => &self.countries[e.index].id,
            Class::Person => &self.people[e.index].id,
            Class::Role => &self.roles[e.index].id,
            Class::Org => &self.orgs[e.index].id,
            Class::Topic => &self.topics[e.index].id,
            Class::Meeting => &self.meetings[e.index].id,
        }
    }

    pub fn entity_by_id(&self, class: Class, id: &str) -> Option<EntityRef> {
        let index = match class {
            Class::Country => self.countries.iter().position(|x| x.id == id),
            Class::Person => self.people.iter().position(|x| x.id == id),
            Class::Role => self.roles.iter().position(|x| x.id == id),
            Class::Org => self.orgs.iter().position(|x| x.id == id),
            Class::Topic => self.topics.iter().position(|x| x.id == id),
            Class::Meeting => self.meetings.iter().position(|x| x.id == id),
        }?;
        Some(EntityRef { class, index })
    }
}

// ---------------------------------------------------------------------------
// The loaders, one per file. What they share: the sentences facts cite, the
// ids taken, the alias table, the flags and the catalog of cited values.

/// One cited value of the fact base: which field of which entity
/// ("member.joined" of "member:us"). The loader registers each value it
/// cites, so the catalog lists every value the data holds, by construction:
/// `check` reads it to report a value no answer reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub field: &'static str,
    /// The entity that holds it: "member:us", "quote:saltzman-1".
    pub owner: String,
}

/// The index of a [`Fact`] in [`FactBase::catalog`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FactId(u32);

impl FactId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// What `people.toml` holds: people, their roles, organisations.
type PeopleTables = (Vec<Person>, Vec<Role>, Vec<Org>);

struct Loader {
    sentences: Vec<Sentence>,
    ids: IdSet,
    table: AliasTable,
    flags: FlagTable,
    catalog: Vec<Fact>,
}

/// `sources.toml`: the sentences, each checked against `article.txt`.
fn load_sentences(dir: &Path, doc: &Doc) -> Result<Vec<Sentence>, LoadError> {
    let article_path = dir.join("article.txt");
    let article = std::fs::read_to_string(&article_path)
        .map_err(|e| LoadError::new(&article_path, None, format!("cannot read: {e}")))?;
    let article_flat = flatten_ws(&article);
    let file: SourcesFile = doc.parse()?;
    let mut sentences: Vec<Sentence> = Vec::new();
    for s in &file.sentence {
        if sentences.iter().any(|x| x.id == *s.id.get_ref()) {
            return Err(doc.err(&s.id, format!("duplicate sentence id {:?}", s.id.get_ref())));
        }
        if !article_flat.contains(&flatten_ws(s.text.get_ref())) {
            return Err(doc.err(
                &s.text,
                format!(
                    "sentence {:?} is not quoted verbatim from article.txt",
                    s.id.get_ref()
                ),
            ));
        }
        sentences.push(Sentence {
            id: s.id.get_ref().clone(),
            text: s.text.get_ref().clone(),
        });
    }
    Ok(sentences)
}

/// Where a cited value is written: its file, the entity's id (for the
/// line of an empty source list) and the entity's catalog name.
struct At<'a> {
    doc: &'a Doc,
    id: &'a Spanned<String>,
    owner: String,
}

impl Loader {
    /// A value with the sentences `list` names, registered in the catalog.
    fn cite<T>(
        &mut self,
        at: &At,
        field: &'static str,
        list: &[Spanned<String>],
        value: T,
    ) -> Result<Cited<T>, LoadError> {
        let sources = self.refs(at, field, list)?;
        let fact = FactId(self.catalog.len() as u32);
        self.catalog.push(Fact {
            field,
            owner: at.owner.clone(),
        });
        Ok(Cited {
            value,
            sources,
            field,
            fact,
        })
    }

    /// The sentence ids a `sources` list names.
    fn refs(
        &self,
        at: &At,
        field: &str,
        list: &[Spanned<String>],
    ) -> Result<Vec<SentenceId>, LoadError> {
        if list.is_empty() {
            return Err(at.doc.err(
                at.id,
                format!(
                    "{} {:?}: {field} has an empty sources list",
                    at.owner.split(':').next().unwrap_or(""),
                    at.id.get_ref()
                ),
            ));
        }
        let mut out = Vec::new();
        for r in list {
            let Some(i) = self.sentences.iter().position(|s| s.id == *r.get_ref()) else {
                return Err(at.doc.err(
                    r,
                    format!(
                        "unknown source sentence {:?} (see sources.toml)",
                        r.get_ref()
                    ),
                ));
            };
            if !out.contains(&SentenceId(i)) {
                out.push(SentenceId(i));
            }
        }
        Ok(out)
    }

    /// Adds an entity's name and aliases to the alias table.
    fn names<'e>(
        &mut self,
        doc: &Doc,
        names: impl IntoIterator<Item = &'e Spanned<String>>,
        entity: EntityRef,
    ) -> Result<(), LoadError> {
        let mut seen = BTreeSet::new();
        for a in names {
            self.table.add(doc, a, &mut seen, entity, &self.flags)?;
        }
        Ok(())
    }

    /// `initiative.toml`: the initiative and the acronyms.
    fn initiative(&mut self, doc: &Doc) -> Result<(Initiative, Vec<Acronym>), LoadError> {
        let file: InitiativeFile = doc.parse()?;
        let i = file.initiative;
        let name = Spanned::new(0..0, "cspo".to_string());
        let at = At {
            doc,
            id: &name,
            owner: "initiative".into(),
        };
        let initiative = Initiative {
            name: i.name,
            acronym: i.acronym,
            description: self.cite(&at, "initiative.description", &i.sources, i.description)?,
            began: self.cite(&at, "initiative.began", &i.began_sources, i.began)?,
        };
        let mut acronyms = Vec::new();
        let mut acronym_ids = IdSet::default();
        for a in file.acronym {
            acronym_ids.insert(doc, &a.id)?;
            let at = At {
                doc,
                id: &a.id,
                owner: format!("acronym:{}", a.id.get_ref()),
            };
            acronyms.push(Acronym {
                id: a.id.get_ref().clone(),
                acronym: a.acronym,
                expansion: self.cite(&at, "acronym.expansion", &a.sources, a.expansion)?,
                spelled_out: a.spelled_out,
            });
        }
        Ok((initiative, acronyms))
    }

    /// `members.toml`: the members, then every other country of the world.
    fn members(&mut self, doc: &Doc) -> Result<Vec<Country>, LoadError> {
        let file: MembersFile = doc.parse()?;
        let world = celes::Country::get_countries();
        for c in &world {
            let name = world_names(c).remove(0);
            self.flags.insert(c.alpha2.to_string(), name);
        }
        for m in &file.member {
            self.flags
                .insert(m.iso.get_ref().clone(), m.name.get_ref().clone());
        }
        let mut countries = Vec::new();
        let mut member_isos = BTreeSet::new();
        for m in &file.member {
            self.ids.insert(doc, &m.id)?;
            let iso = m.iso.get_ref().to_uppercase();
            let Some(w) = world.iter().find(|c| c.alpha2 == iso) else {
                return Err(doc.err(
                    &m.iso,
                    format!("unknown ISO 3166 code {:?}", m.iso.get_ref()),
                ));
            };
            if !member_isos.insert(iso.clone()) {
                return Err(doc.err(&m.iso, format!("two members share ISO code {iso}")));
            }
            let entity = EntityRef {
                class: Class::Country,
                index: countries.len(),
            };
            self.names(
                doc,
                std::iter::once(&m.name)
                    .chain(&m.aliases)
                    .chain(&m.demonyms),
                entity,
            )?;
            let mut ambiguous = BTreeSet::new();
            for name in world_names(w) {
                self.table
                    .add_world(&name, entity, &self.flags, &mut ambiguous);
            }
            let at = At {
                doc,
                id: &m.id,
                owner: format!("member:{}", m.id.get_ref()),
            };
            countries.push(Country {
                id: m.id.get_ref().clone(),
                name: m.name.get_ref().clone(),
                the: m.the,
                flag: flag_of(&iso),
                iso,
                membership: Some(Membership {
                    listed: self.cite(&at, "member.sources", &m.sources, ())?,
                    joined: self.cite(&at, "member.joined", &m.joined_sources, m.joined)?,
                    founding: self.cite(&at, "member.founding", &m.joined_sources, m.founding)?,
                }),
            });
        }
        let mut ambiguous: BTreeSet<String> = file
            .ignore_world_names
            .iter()
            .map(|n| normalize(n, &self.flags))
            .collect();
        for w in world.iter().filter(|c| !member_isos.contains(c.alpha2)) {
            let entity = EntityRef {
                class: Class::Country,
                index: countries.len(),
            };
            let mut names = world_names(w);
            if let Some(more) = file.world_aliases.get(w.alpha2) {
                names.extend(more.iter().cloned());
            }
            let the = w.long_name.strip_prefix("The ") == Some(names[0].as_str())
                && names[0].split(' ').count() > 1;
            for name in &names {
                self.table
                    .add_world(name, entity, &self.flags, &mut ambiguous);
            }
            countries.push(Country {
                id: w.alpha2.to_lowercase(),
                name: names[0].clone(),
                the,
                iso: w.alpha2.to_string(),
                flag: flag_of(w.alpha2),
                membership: None,
            });
        }
        Ok(countries)
    }

    /// `topics.toml`.
    fn topics(&mut self, doc: &Doc) -> Result<Vec<Topic>, LoadError> {
        let file: TopicsFile = doc.parse()?;
        let mut topics = Vec::new();
        for t in &file.topic {
            self.ids.insert(doc, &t.id)?;
            let entity = EntityRef {
                class: Class::Topic,
                index: topics.len(),
            };
            self.names(doc, std::iter::once(&t.name).chain(&t.aliases), entity)?;
            let at = At {
                doc,
                id: &t.id,
                owner: format!("topic:{}", t.id.get_ref()),
            };
            topics.push(Topic {
                id: t.id.get_ref().clone(),
                name: t.name.get_ref().clone(),
                summary: self.cite(&at, "topic.summary", &t.sources, t.summary.clone())?,
            });
        }
        Ok(topics)
    }

    /// `people.toml`: people with their roles and quotes, then the
    /// organisations (which name the roles that lead them).
    fn people(
        &mut self,
        doc: &Doc,
        countries: &[Country],
        topics: &[Topic],
    ) -> Result<PeopleTables, LoadError> {
        let file: PeopleFile = doc.parse()?;
        let mut people = Vec::new();
        let mut roles = Vec::new();
        let mut role_orgs = Vec::new();
        for p in &file.person {
            self.ids.insert(doc, &p.id)?;
            let pi = PersonId(people.len());
            self.names(doc, std::iter::once(&p.name).chain(&p.aliases), pi.into())?;
            let at = At {
                doc,
                id: &p.id,
                owner: format!("person:{}", p.id.get_ref()),
            };
            let nationality = match &p.nationality {
                None => None,
                Some(n) => {
                    let c = member_id(doc, countries, n)?;
                    Some(self.cite(&at, "person.nationality", &p.sources, c)?)
                }
            };
            let rank = match &p.rank {
                Some(r) => Some(self.cite(&at, "person.rank", &p.sources, r.clone())?),
                None => None,
            };
            let titles = self.cite(&at, "person.titles", &p.sources, p.titles.clone())?;
            let mut person_roles = Vec::new();
            for r in &p.role {
                self.ids.insert(doc, &r.id)?;
                let ri = RoleId(roles.len());
                self.names(doc, std::iter::once(&r.title).chain(&r.aliases), ri.into())?;
                let at = At {
                    doc,
                    id: &r.id,
                    owner: format!("role:{}", r.id.get_ref()),
                };
                person_roles.push(ri);
                roles.push(Role {
                    id: r.id.get_ref().clone(),
                    title: self.cite(&at, "role.title", &r.sources, r.title.get_ref().clone())?,
                    person: pi,
                    org: None,
                });
                role_orgs.push(r.organization.as_ref());
            }
            let mut quotes = Vec::new();
            for q in &p.quote {
                self.ids.insert(doc, &q.id)?;
                let qt = q
                    .topics
                    .iter()
                    .map(|t| topic_id(doc, topics, t))
                    .collect::<Result<_, _>>()?;
                if q.text.get_ref().trim().is_empty() {
                    return Err(doc.err(&q.text, "a quote is empty"));
                }
                let at = At {
                    doc,
                    id: &q.id,
                    owner: format!("quote:{}", q.id.get_ref()),
                };
                let medium = match &q.medium {
                    Some(m) => Some(self.cite(&at, "quote.medium", &q.sources, m.clone())?),
                    None => None,
                };
                quotes.push(Quote {
                    id: q.id.get_ref().clone(),
                    text: self.cite(&at, "quote.text", &q.sources, q.text.get_ref().clone())?,
                    how: q.how.clone(),
                    medium,
                    topics: qt,
                    words: Vec::new(),
                });
            }
            people.push(Person {
                id: p.id.get_ref().clone(),
                name: p.name.get_ref().clone(),
                display: p.display.clone(),
                rank,
                titles,
                nationality,
                roles: person_roles,
                quotes,
            });
        }
        let mut orgs = Vec::new();
        for o in &file.organization {
            self.ids.insert(doc, &o.id)?;
            let oi = OrgId(orgs.len());
            self.names(doc, std::iter::once(&o.name).chain(&o.aliases), oi.into())?;
            let mut leader_roles = Vec::new();
            for r in &o.leader_roles {
                leader_roles.push(
                    roles
                        .iter()
                        .position(|x| x.id == *r.get_ref())
                        .map(RoleId)
                        .ok_or_else(|| doc.err(r, format!("unknown role id {:?}", r.get_ref())))?,
                );
            }
            let at = At {
                doc,
                id: &o.id,
                owner: format!("organization:{}", o.id.get_ref()),
            };
            orgs.push(Org {
                id: o.id.get_ref().clone(),
                name: self.cite(
                    &at,
                    "organization.name",
                    &o.sources,
                    o.name.get_ref().clone(),
                )?,
                leader_roles,
            });
        }
        for (role, org) in roles.iter_mut().zip(role_orgs) {
            if let Some(org) = org {
                role.org = Some(org_id(doc, &orgs, org)?);
            }
        }
        Ok((people, roles, orgs))
    }

    /// `meeting.toml`: the meetings, oldest first, after the countries,
    /// topics and organisations they name.
    fn meetings(
        &mut self,
        doc: &Doc,
        countries: &[Country],
        topics: &[Topic],
        orgs: &[Org],
    ) -> Result<(Vec<Meeting>, String), LoadError> {
        let file: MeetingFile = doc.parse()?;
        let mut meetings = Vec::new();
        for m in &file.meeting {
            self.ids.insert(doc, &m.id)?;
            let mi = MeetingId(meetings.len());
            self.names(doc, &m.aliases, mi.into())?;
            meetings.push(self.meeting(doc, m, countries, topics, orgs)?);
        }
        if meetings.is_empty() {
            return Err(LoadError::new(
                &doc.path,
                Some(1),
                "no [[meeting]]: the data must hold at least one meeting",
            ));
        }
        Ok((meetings, file.only_name))
    }

    /// One `[[meeting]]`.
    fn meeting(
        &mut self,
        doc: &Doc,
        m: &MeetingEntry,
        countries: &[Country],
        topics: &[Topic],
        orgs: &[Org],
    ) -> Result<Meeting, LoadError> {
        let month = *m.date.month.get_ref();
        if !(1..=12).contains(&month) {
            return Err(doc.err(&m.date.month, "a month is 1 to 12"));
        }
        if let Some(d) = &m.date.day
            && !(1..=31).contains(d.get_ref())
        {
            return Err(doc.err(d, "a day is 1 to 31"));
        }
        let date = Date {
            year: m.date.year,
            month,
            day: m.date.day.as_ref().map(|d| *d.get_ref()),
        };
        let iso = m.country.get_ref().to_uppercase();
        let country = countries
            .iter()
            .position(|c| c.iso == iso)
            .map(CountryId)
            .ok_or_else(|| {
                doc.err(
                    &m.country,
                    format!("unknown ISO 3166 code {:?}", m.country.get_ref()),
                )
            })?;
        let at = At {
            doc,
            id: &m.id,
            owner: format!("meeting:{}", m.id.get_ref()),
        };
        let participants = match &m.participants {
            Some(list) => {
                let ids = list
                    .iter()
                    .map(|c| member_id(doc, countries, c))
                    .collect::<Result<Vec<_>, _>>()?;
                Some(self.cite(&at, "meeting.participants", &m.participants_sources, ids)?)
            }
            None => None,
        };
        let topic_ids = |list: &[Spanned<String>]| {
            list.iter()
                .map(|t| topic_id(doc, topics, t))
                .collect::<Result<Vec<_>, _>>()
        };
        let meeting_topics = topic_ids(&m.topics)?;
        let highlights = topic_ids(&m.highlights)?;
        if let Some(h) = highlights.iter().position(|t| !meeting_topics.contains(t)) {
            return Err(doc.err(
                &m.highlights[h],
                "a highlight must be one of the meeting's `topics`",
            ));
        }
        let mut optional = |field, value: &Option<String>, list: &[Spanned<String>]| match value {
            Some(v) => self.cite(&at, field, list, v.clone()).map(Some),
            None => Ok(None),
        };
        let purpose = optional("meeting.purpose", &m.purpose, &m.purpose_sources)?;
        let message = optional("meeting.message", &m.message, &m.message_sources)?;
        Ok(Meeting {
            id: m.id.get_ref().clone(),
            name: m.name.clone(),
            date: self.cite(&at, "meeting.date", &m.date_sources, date)?,
            city: self.cite(
                &at,
                "meeting.city",
                &m.place_sources,
                m.city.get_ref().clone(),
            )?,
            country: self.cite(&at, "meeting.country", &m.place_sources, country)?,
            place: self.cite(&at, "meeting.place", &m.place_sources, m.place.clone())?,
            venue: self.cite(&at, "meeting.venue", &m.venue_sources, m.venue.clone())?,
            host: self.cite(&at, "meeting.host", &m.host_sources, m.host.clone())?,
            host_org: match &m.host_org {
                Some(o) => Some(org_id(doc, orgs, o)?),
                None => None,
            },
            participants,
            purpose,
            message,
            topics: meeting_topics,
            highlights,
            also_in: m
                .also_in
                .iter()
                .map(|p| normalize(p, &self.flags))
                .collect(),
        })
    }
}

/// A member's id, as another file names it.
fn member_id(
    doc: &Doc,
    countries: &[Country],
    id: &Spanned<String>,
) -> Result<CountryId, LoadError> {
    countries
        .iter()
        .position(|c| c.id == *id.get_ref() && c.is_member())
        .map(CountryId)
        .ok_or_else(|| doc.err(id, format!("unknown member id {:?}", id.get_ref())))
}

fn topic_id(doc: &Doc, topics: &[Topic], id: &Spanned<String>) -> Result<TopicId, LoadError> {
    topics
        .iter()
        .position(|x| x.id == *id.get_ref())
        .map(TopicId)
        .ok_or_else(|| doc.err(id, format!("unknown topic id {:?}", id.get_ref())))
}

fn org_id(doc: &Doc, orgs: &[Org], id: &Spanned<String>) -> Result<OrgId, LoadError> {
    orgs.iter()
        .position(|o| o.id == *id.get_ref())
        .map(OrgId)
        .ok_or_else(|| doc.err(id, format!("unknown organization id {:?}", id.get_ref())))
}

#[derive(Default)]
struct IdSet(BTreeSet<String>);

impl IdSet {
    fn insert(&mut self, doc: &Doc, id: &Spanned<String>) -> Result<(), LoadError> {
        let s = id.get_ref();
        if s.is_empty()
            || !s
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(doc.err(
                id,
                format!("id {s:?} must be lowercase letters, digits and '-'"),
            ));
        }
        if !self.0.insert(s.clone()) {
            return Err(doc.err(id, format!("duplicate id {s:?}")));
        }
        Ok(())
    }
}

fn flatten_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case_aliases_are_split() {
        assert_eq!(split_camel("NorthMacedonia"), "North Macedonia");
        assert_eq!(split_camel("Brazil"), "Brazil");
    }

    #[test]
    fn flags_come_from_iso_codes() {
        assert_eq!(flag_of("DE"), "🇩🇪");
    }
}
