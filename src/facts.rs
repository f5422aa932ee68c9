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
}

impl Class {
    pub const ALL: [Class; 5] = [
        Class::Country,
        Class::Person,
        Class::Role,
        Class::Org,
        Class::Topic,
    ];

    /// The letter used in entity tags (`#c3#`).
    pub fn letter(self) -> char {
        match self {
            Class::Country => 'c',
            Class::Person => 'p',
            Class::Role => 'r',
            Class::Org => 'o',
            Class::Topic => 't',
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
        }
    }
}

/// One named thing: a class and an index into that class's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityRef {
    pub class: Class,
    pub index: usize,
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
    pub description: String,
    pub began: u16,
    pub founding_members: usize,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Acronym {
    pub id: String,
    pub acronym: String,
    pub expansion: String,
    pub sources: Vec<String>,
}

/// Membership of a country in the initiative.
#[derive(Debug, Clone)]
pub struct Membership {
    pub joined: u16,
    pub founding: bool,
    pub sources: Vec<String>,
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

#[derive(Debug, Clone)]
pub struct Meeting {
    pub date: String,
    pub city: String,
    pub country: String,
    pub place: String,
    pub venue: String,
    pub host: String,
    pub participants: String,
    pub purpose: String,
    pub message: String,
    /// Other names of the place that count as "yes" for "was it in X?".
    pub also_in: Vec<String>,
    pub date_sources: Vec<String>,
    pub place_sources: Vec<String>,
    pub venue_sources: Vec<String>,
    pub participants_sources: Vec<String>,
    pub purpose_sources: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Topic {
    pub id: String,
    pub name: String,
    pub summary: String,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Role {
    pub id: String,
    pub title: String,
    pub person: usize,
    pub org: Option<usize>,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Quote {
    pub id: String,
    pub text: String,
    pub how: String,
    pub topics: Vec<usize>,
    pub sources: Vec<String>,
    /// The quote's content words, stemmed, sorted and deduplicated, as the
    /// quote search compares them ([`crate::answers::content_words`]).
    /// Computed once here: tokenizing every quote for every question was
    /// an eighth of the engine's instructions.
    pub words: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub display: String,
    pub rank: Option<String>,
    /// All titles, as the article phrases them.
    pub titles: String,
    pub nationality: Option<usize>,
    pub roles: Vec<usize>,
    pub quotes: Vec<Quote>,
    pub sources: Vec<String>,
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
    pub name: String,
    pub leader_roles: Vec<usize>,
    pub sources: Vec<String>,
}

/// The whole validated fact base.
#[derive(Debug, Clone)]
pub struct FactBase {
    pub sentences: Vec<Sentence>,
    pub initiative: Initiative,
    pub acronyms: Vec<Acronym>,
    /// Members first (in file order), then every other country.
    pub countries: Vec<Country>,
    pub meeting: Meeting,
    pub topics: Vec<Topic>,
    pub people: Vec<Person>,
    pub roles: Vec<Role>,
    pub orgs: Vec<Org>,
    /// Normalized alias -> entity. Names, aliases, demonyms, titles.
    pub aliases: HashMap<String, EntityRef>,
    /// Regional-indicator pair ("DE") -> country name, for the normalizer.
    pub flags: FlagTable,
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
    founding_members: usize,
    sources: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AcronymEntry {
    id: Spanned<String>,
    acronym: String,
    expansion: String,
    sources: Vec<Spanned<String>>,
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
    sources: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MeetingFile {
    meeting: MeetingEntry,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MeetingEntry {
    date: String,
    city: String,
    country: String,
    place: String,
    venue: String,
    host: String,
    participants: String,
    purpose: String,
    message: String,
    #[serde(default)]
    also_in: Vec<String>,
    date_sources: Vec<Spanned<String>>,
    place_sources: Vec<Spanned<String>>,
    venue_sources: Vec<Spanned<String>>,
    participants_sources: Vec<Spanned<String>>,
    purpose_sources: Vec<Spanned<String>>,
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
    /// Loads and validates the fact base in `dir`.
    pub fn load(dir: &Path) -> Result<FactBase, LoadError> {
        if !dir.is_dir() {
            return Err(LoadError::new(dir, None, "data directory not found"));
        }
        let docs: Vec<Doc> = DATA_FILES
            .iter()
            .map(|f| Doc::read(dir, f))
            .collect::<Result<_, _>>()?;
        let [
            sources_doc,
            init_doc,
            members_doc,
            meeting_doc,
            topics_doc,
            people_doc,
        ] = &docs[..]
        else {
            unreachable!("DATA_FILES has six entries")
        };

        // Sentences, checked against the article.
        let article_path = dir.join("article.txt");
        let article = std::fs::read_to_string(&article_path)
            .map_err(|e| LoadError::new(&article_path, None, format!("cannot read: {e}")))?;
        let article_flat = flatten_ws(&article);
        let sources_file: SourcesFile = sources_doc.parse()?;
        let mut sentences = Vec::new();
        let mut sentence_ids = BTreeSet::new();
        for s in &sources_file.sentence {
            if !sentence_ids.insert(s.id.get_ref().clone()) {
                return Err(
                    sources_doc.err(&s.id, format!("duplicate sentence id {:?}", s.id.get_ref()))
                );
            }
            if !article_flat.contains(&flatten_ws(s.text.get_ref())) {
                return Err(sources_doc.err(
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
        let refs = |doc: &Doc, list: &[Spanned<String>]| -> Result<Vec<String>, LoadError> {
            if list.is_empty() {
                return Err(LoadError::new(
                    &doc.path,
                    None,
                    "a fact has an empty `sources` list",
                ));
            }
            list.iter()
                .map(|r| {
                    if sentence_ids.contains(r.get_ref()) {
                        Ok(r.get_ref().clone())
                    } else {
                        Err(doc.err(
                            r,
                            format!(
                                "unknown source sentence {:?} (see sources.toml)",
                                r.get_ref()
                            ),
                        ))
                    }
                })
                .collect()
        };

        // Initiative and acronyms.
        let init_file: InitiativeFile = init_doc.parse()?;
        let i = init_file.initiative;
        let initiative = Initiative {
            name: i.name,
            acronym: i.acronym,
            description: i.description,
            began: i.began,
            founding_members: i.founding_members,
            sources: refs(init_doc, &i.sources)?,
        };
        let mut acronyms = Vec::new();
        let mut acronym_ids = IdSet::default();
        for a in init_file.acronym {
            acronym_ids.insert(init_doc, &a.id)?;
            acronyms.push(Acronym {
                id: a.id.get_ref().clone(),
                acronym: a.acronym,
                expansion: a.expansion,
                sources: refs(init_doc, &a.sources)?,
            });
        }

        // Countries: members, then the world.
        let members_file: MembersFile = members_doc.parse()?;
        let mut flags = FlagTable::new();
        let world = celes::Country::get_countries();
        for c in &world {
            let name = world_names(c).remove(0);
            flags.insert(c.alpha2.to_string(), name);
        }
        for m in &members_file.member {
            flags.insert(m.iso.get_ref().clone(), m.name.get_ref().clone());
        }
        let mut ids = IdSet::default();
        let mut table = AliasTable {
            map: HashMap::new(),
            origin: HashMap::new(),
        };
        let mut countries = Vec::new();
        let mut member_isos = BTreeSet::new();
        for m in &members_file.member {
            ids.insert(members_doc, &m.id)?;
            let iso = m.iso.get_ref().to_uppercase();
            let Some(w) = world.iter().find(|c| c.alpha2 == iso) else {
                return Err(members_doc.err(
                    &m.iso,
                    format!("unknown ISO 3166 code {:?}", m.iso.get_ref()),
                ));
            };
            if !member_isos.insert(iso.clone()) {
                return Err(members_doc.err(&m.iso, format!("two members share ISO code {iso}")));
            }
            let entity = EntityRef {
                class: Class::Country,
                index: countries.len(),
            };
            let mut seen = BTreeSet::new();
            table.add(members_doc, &m.name, &mut seen, entity, &flags)?;
            for a in m.aliases.iter().chain(&m.demonyms) {
                table.add(members_doc, a, &mut seen, entity, &flags)?;
            }
            let mut ambiguous = BTreeSet::new();
            for name in world_names(w) {
                table.add_world(&name, entity, &flags, &mut ambiguous);
            }
            countries.push(Country {
                id: m.id.get_ref().clone(),
                name: m.name.get_ref().clone(),
                the: m.the,
                flag: flag_of(&iso),
                iso,
                membership: Some(Membership {
                    joined: m.joined,
                    founding: m.founding,
                    sources: refs(members_doc, &m.sources)?,
                }),
            });
        }
        let mut ambiguous: BTreeSet<String> = members_file
            .ignore_world_names
            .iter()
            .map(|n| normalize(n, &flags))
            .collect();
        for w in world.iter().filter(|c| !member_isos.contains(c.alpha2)) {
            let entity = EntityRef {
                class: Class::Country,
                index: countries.len(),
            };
            let mut names = world_names(w);
            if let Some(more) = members_file.world_aliases.get(w.alpha2) {
                names.extend(more.iter().cloned());
            }
            let the = w.long_name.strip_prefix("The ") == Some(names[0].as_str())
                && names[0].split(' ').count() > 1;
            for name in &names {
                table.add_world(name, entity, &flags, &mut ambiguous);
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

        // Meeting.
        let meeting_file: MeetingFile = meeting_doc.parse()?;
        let m = meeting_file.meeting;
        let meeting = Meeting {
            date_sources: refs(meeting_doc, &m.date_sources)?,
            place_sources: refs(meeting_doc, &m.place_sources)?,
            venue_sources: refs(meeting_doc, &m.venue_sources)?,
            participants_sources: refs(meeting_doc, &m.participants_sources)?,
            purpose_sources: refs(meeting_doc, &m.purpose_sources)?,
            date: m.date,
            city: m.city,
            country: m.country,
            place: m.place,
            venue: m.venue,
            host: m.host,
            participants: m.participants,
            purpose: m.purpose,
            message: m.message,
            also_in: m.also_in.iter().map(|p| normalize(p, &flags)).collect(),
        };

        // Topics.
        let topics_file: TopicsFile = topics_doc.parse()?;
        let mut topics = Vec::new();
        for t in &topics_file.topic {
            ids.insert(topics_doc, &t.id)?;
            let entity = EntityRef {
                class: Class::Topic,
                index: topics.len(),
            };
            let mut seen = BTreeSet::new();
            table.add(topics_doc, &t.name, &mut seen, entity, &flags)?;
            for a in &t.aliases {
                table.add(topics_doc, a, &mut seen, entity, &flags)?;
            }
            topics.push(Topic {
                id: t.id.get_ref().clone(),
                name: t.name.get_ref().clone(),
                summary: t.summary.clone(),
                sources: refs(topics_doc, &t.sources)?,
            });
        }

        // People, roles, organisations.
        let people_file: PeopleFile = people_doc.parse()?;
        let mut people = Vec::new();
        let mut roles = Vec::new();
        let mut role_entries = Vec::new();
        for p in &people_file.person {
            ids.insert(people_doc, &p.id)?;
            let pi = people.len();
            let entity = EntityRef {
                class: Class::Person,
                index: pi,
            };
            let mut seen = BTreeSet::new();
            table.add(people_doc, &p.name, &mut seen, entity, &flags)?;
            for a in &p.aliases {
                table.add(people_doc, a, &mut seen, entity, &flags)?;
            }
            let nationality = match &p.nationality {
                None => None,
                Some(n) => Some(
                    countries
                        .iter()
                        .position(|c| c.id == *n.get_ref() && c.is_member())
                        .ok_or_else(|| {
                            people_doc.err(n, format!("unknown member id {:?}", n.get_ref()))
                        })?,
                ),
            };
            let mut person_roles = Vec::new();
            for r in &p.role {
                ids.insert(people_doc, &r.id)?;
                let entity = EntityRef {
                    class: Class::Role,
                    index: roles.len(),
                };
                let mut seen = BTreeSet::new();
                table.add(people_doc, &r.title, &mut seen, entity, &flags)?;
                for a in &r.aliases {
                    table.add(people_doc, a, &mut seen, entity, &flags)?;
                }
                person_roles.push(roles.len());
                roles.push(Role {
                    id: r.id.get_ref().clone(),
                    title: r.title.get_ref().clone(),
                    person: pi,
                    org: None,
                    sources: refs(people_doc, &r.sources)?,
                });
                role_entries.push(r);
            }
            let mut quotes = Vec::new();
            for q in &p.quote {
                ids.insert(people_doc, &q.id)?;
                let mut qt = Vec::new();
                for t in &q.topics {
                    qt.push(
                        topics
                            .iter()
                            .position(|x: &Topic| x.id == *t.get_ref())
                            .ok_or_else(|| {
                                people_doc.err(t, format!("unknown topic id {:?}", t.get_ref()))
                            })?,
                    );
                }
                if q.text.get_ref().trim().is_empty() {
                    return Err(people_doc.err(&q.text, "a quote is empty"));
                }
                quotes.push(Quote {
                    id: q.id.get_ref().clone(),
                    text: q.text.get_ref().clone(),
                    how: q.how.clone(),
                    topics: qt,
                    sources: refs(people_doc, &q.sources)?,
                    words: crate::answers::content_words(q.text.get_ref()),
                });
            }
            people.push(Person {
                id: p.id.get_ref().clone(),
                name: p.name.get_ref().clone(),
                display: p.display.clone(),
                rank: p.rank.clone(),
                titles: p.titles.clone(),
                nationality,
                roles: person_roles,
                quotes,
                sources: refs(people_doc, &p.sources)?,
            });
        }
        let mut orgs = Vec::new();
        for o in &people_file.organization {
            ids.insert(people_doc, &o.id)?;
            let entity = EntityRef {
                class: Class::Org,
                index: orgs.len(),
            };
            let mut seen = BTreeSet::new();
            table.add(people_doc, &o.name, &mut seen, entity, &flags)?;
            for a in &o.aliases {
                table.add(people_doc, a, &mut seen, entity, &flags)?;
            }
            let mut leader_roles = Vec::new();
            for r in &o.leader_roles {
                leader_roles.push(roles.iter().position(|x| x.id == *r.get_ref()).ok_or_else(
                    || people_doc.err(r, format!("unknown role id {:?}", r.get_ref())),
                )?);
            }
            orgs.push(Org {
                id: o.id.get_ref().clone(),
                name: o.name.get_ref().clone(),
                leader_roles,
                sources: refs(people_doc, &o.sources)?,
            });
        }
        for (ri, r) in role_entries.iter().enumerate() {
            if let Some(org) = &r.organization {
                let oi = orgs
                    .iter()
                    .position(|o| o.id == *org.get_ref())
                    .ok_or_else(|| {
                        people_doc.err(org, format!("unknown organization id {:?}", org.get_ref()))
                    })?;
                roles[ri].org = Some(oi);
            }
        }
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

        Ok(FactBase {
            sentences,
            initiative,
            acronyms,
            countries,
            meeting,
            topics,
            people,
            roles,
            orgs,
            aliases: table.map,
            flags,
        })
    }

    pub fn members(&self) -> impl Iterator<Item = (usize, &Country, &Membership)> {
        self.countries
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.membership.as_ref().map(|m| (i, c, m)))
    }

    pub fn sentence(&self, id: &str) -> Option<&Sentence> {
        self.sentences.iter().find(|s| s.id == id)
    }

    /// The display name of an entity.
    pub fn entity_name(&self, e: EntityRef) -> String {
        match e.class {
            Class::Country => self.countries[e.index].name.clone(),
            Class::Person => self.people[e.index].display.clone(),
            Class::Role => self.roles[e.index].title.clone(),
            Class::Org => self.orgs[e.index].name.clone(),
            Class::Topic => self.topics[e.index].name.clone(),
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
        }
    }

    pub fn entity_by_id(&self, class: Class, id: &str) -> Option<EntityRef> {
        let index = match class {
            Class::Country => self.countries.iter().position(|x| x.id == id),
            Class::Person => self.people.iter().position(|x| x.id == id),
            Class::Role => self.roles.iter().position(|x| x.id == id),
            Class::Org => self.orgs.iter().position(|x| x.id == id),
            Class::Topic => self.topics.iter().position(|x| x.id == id),
        }?;
        Some(EntityRef { class, index })
    }
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
