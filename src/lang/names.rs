//! Names per language: what a question in the language may call a country,
//! an official, a topic, and how an answer names a country.
//!
//! Country names come from CLDR, through ICU4X's display names
//! (`icu_experimental`'s compiled data): every country of the fact base, in
//! the language. `data/lang/XX.toml` adds what CLDR does not have: other
//! names and demonyms ("américain", "Stati Uniti d'America", "米国"), the
//! article a name takes in running text ("le Japon", "l'Italie"), aliases
//! of officials, roles, organisations and topics, and the language's
//! wording of the fact base's English phrases (places, venues, titles,
//! topics). The format is in FORMATS.md ("Languages").

use super::Lang;
use crate::error::{Lines, LoadError, from_toml};
use crate::facts::{Class, EntityRef, FactBase};
use icu_experimental::displaynames::multi::RegionDisplayNames;
use icu_experimental::displaynames::{DisplayNamesOptions, Style};
use icu_locale_core::Locale;
use icu_locale_core::subtags::Region;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NamesFile {
    /// By country id (`us`, `jp`) or ISO code (`in`, `es`).
    #[serde(default)]
    countries: BTreeMap<String, Spanned<CountryEntry>>,
    /// Other names of officials, roles, organisations, topics and meetings,
    /// by `class:id` ("person:whiting", "topic:debris").
    #[serde(default)]
    entities: BTreeMap<String, Spanned<Vec<String>>>,
    /// The fact base's English phrases (as the data writes them) in this
    /// language.
    #[serde(default)]
    phrases: BTreeMap<String, Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CountryEntry {
    #[serde(default)]
    aliases: Vec<String>,
    /// The article the name takes in running text: "le", "la", "l'", "les".
    #[serde(default)]
    article: Option<String>,
    /// The name in running text where it is not the article and CLDR's
    /// name ("die Vereinigten Staaten": the article inflects the name).
    #[serde(default)]
    in_text: Option<String>,
}

/// Articles a CLDR name may begin with ("La Réunion").
const ARTICLES: &[&str] = &[
    "la", "le", "les", "l", "il", "lo", "gli", "the", "der", "die", "das", "de",
];

/// A language's names.
#[derive(Debug, Default)]
pub struct Names {
    /// Folded alias -> entity.
    pub aliases: HashMap<String, EntityRef>,
    /// CLDR's name of each country, by `CountryId` index.
    pub country: Vec<String>,
    /// The name in running text (with its article), by index.
    pub country_in_text: Vec<String>,
    /// English phrase of the fact base -> this language.
    pub phrases: HashMap<String, String>,
    /// English phrases of the fact base that have no wording here.
    pub untranslated: Vec<String>,
}

/// The English phrases of the fact base an answer may state: what a
/// language's `phrases` should word.
pub fn fact_phrases(facts: &FactBase) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in &facts.meetings {
        out.push(m.place.peek().clone());
        out.push(m.venue.peek().clone());
        out.push(m.host.peek().clone());
        if let Some(p) = &m.purpose {
            out.push(p.peek().clone());
        }
        if let Some(p) = &m.message {
            out.push(p.peek().clone());
        }
    }
    for t in &facts.topics {
        out.push(t.name.clone());
        out.push(t.summary.peek().clone());
    }
    for p in &facts.people {
        out.push(p.titles.peek().clone());
    }
    for r in &facts.roles {
        out.push(r.title.peek().clone());
    }
    for o in &facts.orgs {
        out.push(o.name.peek().clone());
    }
    out.sort();
    out.dedup();
    out
}

impl Names {
    pub fn load(
        lang: Lang,
        path: &Path,
        facts: &FactBase,
        fold: &dyn Fn(&str) -> String,
        is_word: &dyn Fn(&str) -> bool,
    ) -> Result<Names, LoadError> {
        let mut names = Names::default();
        // CLDR's names of every country of the fact base.
        let locale: Locale = lang
            .code()
            .parse()
            .map_err(|_| LoadError::new(path, None, format!("no locale {:?}", lang.code())))?;
        let long =
            RegionDisplayNames::try_new(locale.clone().into(), DisplayNamesOptions::default())
                .map_err(|e| LoadError::new(path, None, format!("no CLDR region names: {e}")))?;
        let mut short_opts = DisplayNamesOptions::default();
        short_opts.style = Some(Style::Short);
        let short = RegionDisplayNames::try_new(locale.into(), short_opts).ok();
        let mut cldr_aliases: HashMap<String, Option<EntityRef>> = HashMap::new();
        for (i, c) in facts.countries.iter().enumerate() {
            let e = EntityRef {
                class: Class::Country,
                index: i,
            };
            let region: Option<Region> = c.iso.parse().ok();
            let name = region
                .and_then(|r| long.of(r))
                .map(str::to_string)
                .unwrap_or_else(|| c.name.clone());
            let mut forms = vec![name.clone()];
            if let Some(s) = region.and_then(|r| short.as_ref().and_then(|d| d.of(r))) {
                forms.push(s.to_string());
            }
            for f in forms {
                let k = fold(&f);
                // A name that is a word of the language's lexicon ("La
                // Réunion" is "la réunion", the meeting) names nothing.
                let bare = match k.split_once(' ') {
                    Some((article, rest)) if ARTICLES.contains(&article) => rest,
                    _ => k.as_str(),
                };
                if k.is_empty() || is_word(&k) || is_word(bare) {
                    continue;
                }
                // A name CLDR gives two countries names neither.
                match cldr_aliases.get(&k) {
                    Some(Some(other)) if *other != e => {
                        cldr_aliases.insert(k, None);
                    }
                    Some(_) => {}
                    None => {
                        cldr_aliases.insert(k, Some(e));
                    }
                }
            }
            names.country.push(name.clone());
            names.country_in_text.push(name);
        }
        names
            .aliases
            .extend(cldr_aliases.into_iter().filter_map(|(k, e)| Some((k, e?))));
        // Officials, roles, organisations, topics: their English names
        // are names in every language.
        for (alias, e) in &facts.aliases {
            if e.class != Class::Country {
                names.aliases.entry(fold(alias)).or_insert(*e);
            }
        }
        if !path.exists() {
            return Ok(names);
        }
        let text = std::fs::read_to_string(path)
            .map_err(|e| LoadError::new(path, None, format!("cannot read: {e}")))?;
        let file: NamesFile = toml::from_str(&text).map_err(|e| from_toml(path, &text, e))?;
        let lines = Lines::new(&text);
        let mut own: HashMap<String, (EntityRef, usize)> = HashMap::new();
        let mut add = |names: &mut Names, alias: &str, e: EntityRef, line: usize| {
            let k = fold(alias);
            if k.is_empty() {
                return Err(LoadError::new(
                    path,
                    Some(line),
                    format!("{alias:?} folds to nothing"),
                ));
            }
            if let Some((other, at)) = own.get(&k)
                && *other != e
            {
                return Err(LoadError::new(
                    path,
                    Some(line),
                    format!(
                        "{alias:?} names two things ({} and {}, line {at})",
                        facts.entity_id(*other),
                        facts.entity_id(e)
                    ),
                ));
            }
            own.insert(k.clone(), (e, line));
            names.aliases.insert(k, e);
            Ok(())
        };
        for (key, entry) in &file.countries {
            let line = lines.line(entry.span().start);
            let e = facts
                .entity_by_id(Class::Country, key)
                .or_else(|| {
                    facts
                        .countries
                        .iter()
                        .position(|c| c.iso.eq_ignore_ascii_case(key))
                        .map(|index| EntityRef {
                            class: Class::Country,
                            index,
                        })
                })
                .ok_or_else(|| {
                    LoadError::new(
                        path,
                        Some(line),
                        format!("{key:?} is no country of the fact base"),
                    )
                })?;
            let entry = entry.get_ref();
            for a in &entry.aliases {
                add(&mut names, a, e, line)?;
            }
            let cldr = names.country[e.index].clone();
            names.country_in_text[e.index] = match (&entry.in_text, &entry.article) {
                (Some(t), _) => t.clone(),
                (None, Some(a)) if a.ends_with('\'') => format!("{a}{cldr}"),
                (None, Some(a)) => format!("{a} {cldr}"),
                (None, None) => cldr,
            };
        }
        for (key, list) in &file.entities {
            let line = lines.line(list.span().start);
            let e = key
                .split_once(':')
                .and_then(|(class, id)| {
                    let class = Class::ALL.into_iter().find(|c| c.name() == class)?;
                    facts.entity_by_id(class, id)
                })
                .ok_or_else(|| {
                    LoadError::new(
                        path,
                        Some(line),
                        format!("{key:?} names nothing of the fact base (write class:id, e.g. person:whiting)"),
                    )
                })?;
            for a in list.get_ref() {
                add(&mut names, a, e, line)?;
            }
        }
        let known = fact_phrases(facts);
        for (english, wording) in &file.phrases {
            let line = lines.line(wording.span().start);
            if !known.contains(english) {
                return Err(LoadError::new(
                    path,
                    Some(line),
                    format!("{english:?} is no phrase of the fact base (it may have changed)"),
                ));
            }
            names
                .phrases
                .insert(english.clone(), wording.get_ref().clone());
        }
        names.untranslated = known
            .into_iter()
            .filter(|p| !names.phrases.contains_key(p))
            .collect();
        Ok(names)
    }

    /// The country an English name (as the answers write it) stands for.
    pub fn country_of(facts: &FactBase, english: &str) -> Option<usize> {
        facts
            .countries
            .iter()
            .position(|c| c.name == english || c.in_text() == english)
    }
}
