//! Entity tagging: finds the names of countries, people, roles,
//! organisations and topics in a normalized question and replaces each with
//! a tag such as `#c7#` (class letter, index).
//!
//! Intent patterns then say `{country}` and match the tag, so one short
//! pattern covers every name and alias in the fact base, the `RegexSet`
//! stays small, and a name can never be half-matched by a pattern. Normalized
//! text has no `#`, so users cannot forge a tag.

use crate::facts::{Class, EntityRef};
use regex_automata::util::look::{Look, LookMatcher};
use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// One entity found in a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub entity: EntityRef,
    /// The words of the question that named it.
    pub words: String,
}

/// A normalized question with its entities replaced by tags.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tagged {
    pub text: String,
    pub mentions: Vec<Mention>,
}

/// Formats the tag of an entity.
pub fn tag(e: EntityRef) -> String {
    format!("#{}{}#", e.class.letter(), e.index)
}

/// Parses a tag produced by [`tag`].
pub fn parse_tag(s: &str) -> Option<EntityRef> {
    let inner = s.strip_prefix('#')?.strip_suffix('#')?;
    let mut chars = inner.chars();
    let class = Class::from_letter(chars.next()?)?;
    let index = chars.as_str().parse().ok()?;
    Some(EntityRef { class, index })
}

/// Words before a country's name that are part of the name.
const COUNTRY_LEADS: [&str; 9] = [
    "kingdom of ",
    "republic of ",
    "federal republic of ",
    "commonwealth of ",
    "state of ",
    "my country ",
    "our country ",
    "my home country ",
    "country of ",
];

/// Aliases by their first two characters (the second absent for a
/// one-character alias).
type AliasIndex = FxHashMap<(char, Option<char>), Vec<(Box<str>, EntityRef)>>;

pub struct Tagger {
    names: Names,
}

/// Finds the aliases in a text as the regex `\b(?:A|B|...)\b` over them,
/// longest first, finds them (leftmost-first, one after another), without
/// compiling it: that regex was a seventh of start-up for each language.
///
/// At each position with a Unicode word boundary (`\b`), from the left,
/// the first alternative that matches there and ends at a boundary is the
/// longest alias that does (two of one length starting at one position are
/// the same alias); the search goes on from the end of a match.
struct Names {
    /// Aliases of two characters or more by their first two, longest
    /// first; those of one character by it (`None` second).
    by_start: AliasIndex,
    look: LookMatcher,
}

/// One alias found: its byte range and entity.
struct Found {
    start: usize,
    end: usize,
    entity: EntityRef,
}

impl Names {
    fn new(aliases: &HashMap<String, EntityRef>) -> Names {
        let mut by_start: AliasIndex = FxHashMap::default();
        for (alias, &entity) in aliases {
            let mut chars = alias.chars();
            // An empty alias names nothing (the loader folds none to "").
            if let Some(c) = chars.next() {
                by_start
                    .entry((c, chars.next()))
                    .or_default()
                    .push((alias.as_str().into(), entity));
            }
        }
        for list in by_start.values_mut() {
            list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        }
        Names {
            by_start,
            look: LookMatcher::new(),
        }
    }

    fn boundary(&self, text: &str, at: usize) -> bool {
        self.look.matches(Look::WordUnicode, text.as_bytes(), at)
    }

    /// The matches of the alternation in `text`, in order.
    fn find_iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Found> + 'a {
        let mut at = 0;
        std::iter::from_fn(move || {
            while at < text.len() {
                let mut chars = text[at..].chars();
                let c = chars.next().expect("at a char boundary");
                let here = at;
                at += c.len_utf8();
                // The aliases of two characters or more that can start
                // here, then those of one: longest first either way.
                let long = chars.next().and_then(|d| self.by_start.get(&(c, Some(d))));
                let short = self.by_start.get(&(c, None));
                if long.is_none() && short.is_none() {
                    continue;
                }
                if !self.boundary(text, here) {
                    continue;
                }
                let rest = &text[here..];
                if let Some((alias, entity)) =
                    long.into_iter().chain(short).flatten().find(|(a, _)| {
                        rest.starts_with(&**a) && self.boundary(text, here + a.len())
                    })
                {
                    at = here + alias.len();
                    return Some(Found {
                        start: here,
                        end: at,
                        entity: *entity,
                    });
                }
            }
            None
        })
    }
}

impl Tagger {
    /// Builds a tagger over normalized aliases. Longer aliases win, so
    /// "us space command" is an organisation, not the United States.
    pub fn new(aliases: &HashMap<String, EntityRef>) -> Tagger {
        Tagger {
            names: Names::new(aliases),
        }
    }

    pub fn tag(&self, text: &str) -> Tagged {
        let mut out = String::with_capacity(text.len());
        let mut mentions = Vec::new();
        let mut last = 0;
        for m in self.names.find_iter(text) {
            let entity = m.entity;
            let m_str = &text[m.start..m.end];
            // "the" belongs to the name: "the uk", "the japanese"; so do
            // "kingdom of" and "my country" before a country.
            let mut before = &text[last..m.start];
            if entity.class == Class::Country {
                for lead in COUNTRY_LEADS {
                    if let Some(b) = before.strip_suffix(lead)
                        && (b.is_empty() || b.ends_with(' '))
                    {
                        before = b;
                        break;
                    }
                }
            }
            let before = match before.strip_suffix("the ") {
                Some(b) if b.is_empty() || b.ends_with(' ') => b,
                _ => before,
            };
            // A name said again at once or at the very end, as a flag
            // beside its country ("norway 🇳🇴", "is italy in 🇮🇹"), is one
            // mention: the repeat adds nothing.
            let repeat = (mentions
                .last()
                .is_some_and(|p: &Mention| p.entity == entity)
                && before.trim().is_empty())
                || (mentions.iter().any(|p: &Mention| p.entity == entity)
                    && text[m.end..].trim().is_empty());
            if repeat {
                out.push_str(before.trim_end());
                last = m.end;
                continue;
            }
            out.push_str(before);
            out.push_str(&tag(entity));
            mentions.push(Mention {
                entity,
                words: m_str.to_string(),
            });
            last = m.end;
        }
        out.push_str(&text[last..]);
        let kept = out.trim_end().len();
        out.truncate(kept);
        Tagged {
            text: out,
            mentions,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_said_again_at_once_or_at_the_end_is_one_mention() {
        let t = tagger();
        let tagged = t.tag("japan japan");
        assert_eq!(tagged.text, "#c2#");
        assert_eq!(tagged.mentions.len(), 1);
        let tagged = t.tag("is japan in japan");
        assert_eq!(tagged.text, "is #c2# in");
        // Said again mid-sentence, or two names: each stays.
        assert_eq!(t.tag("japan or japan first").text, "#c2# or #c2# first");
        assert_eq!(t.tag("usa japan").text, "#c0# #c2#");
    }

    fn tagger() -> Tagger {
        let mut a = HashMap::new();
        a.insert(
            "usa".to_string(),
            EntityRef {
                class: Class::Country,
                index: 0,
            },
        );
        a.insert(
            "usa space command".to_string(),
            EntityRef {
                class: Class::Org,
                index: 1,
            },
        );
        a.insert(
            "japan".to_string(),
            EntityRef {
                class: Class::Country,
                index: 2,
            },
        );
        Tagger::new(&a)
    }

    #[test]
    fn longest_alias_wins() {
        let t = tagger().tag("who leads usa space command");
        assert_eq!(t.text, "who leads #o1#");
        let t = tagger().tag("when did the usa join");
        assert_eq!(
            t.text, "when did #c0# join",
            "a leading 'the' goes with the name"
        );
        assert_eq!(tagger().tag("bathe usa").text, "bathe #c0#");
        assert_eq!(tagger().tag("was the kingdom of japan").text, "was #c2#");
        assert_eq!(tagger().tag("is my country japan in").text, "is #c2# in");
    }

    /// The regex the tagger stood for, and still means.
    fn by_regex(aliases: &HashMap<String, EntityRef>) -> regex::Regex {
        let mut keys: Vec<&String> = aliases.keys().collect();
        keys.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let alternation: Vec<String> = keys.iter().map(|k| regex::escape(k)).collect();
        regex::Regex::new(&format!(r"\b(?:{})\b", alternation.join("|"))).unwrap()
    }

    #[test]
    fn aliases_are_found_where_the_word_bounded_alternation_finds_them() {
        let mut a: HashMap<String, EntityRef> = HashMap::new();
        let words = [
            "usa",
            "usa space command",
            "us",
            "u s",
            "japan",
            "japanese",
            "é",
            "café",
            "naïve",
            "the uk",
            "uk",
            "日本",
            "x-ray",
            "a",
            "an",
            "space",
            "space command",
            "co",
            "c",
        ];
        for (k, w) in words.iter().enumerate() {
            a.insert(
                w.to_string(),
                EntityRef {
                    class: Class::Country,
                    index: k,
                },
            );
        }
        let names = Names::new(&a);
        let re = by_regex(&a);
        let alphabet = [
            "usa", "us", " ", "space", "command", "japan", "ese", "é", "caf", "naïve", "the", "uk",
            "日本", "x", "-", "ray", "a", "n", "co", "c", "_", "1", "'", "é",
        ];
        // Every text of up to 4 pieces of the alphabet, and longer ones
        // from a fixed walk over it.
        let mut texts: Vec<String> = vec![String::new()];
        for _ in 0..3 {
            let next: Vec<String> = texts
                .iter()
                .flat_map(|t| alphabet.iter().map(move |p| format!("{t}{p}")))
                .collect();
            texts.extend(next);
        }
        let mut seed = 7u64;
        for _ in 0..3000 {
            let mut t = String::new();
            for _ in 0..12 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                t.push_str(alphabet[(seed >> 33) as usize % alphabet.len()]);
            }
            texts.push(t);
        }
        for t in &texts {
            let ours: Vec<(usize, usize)> = names.find_iter(t).map(|f| (f.start, f.end)).collect();
            let theirs: Vec<(usize, usize)> =
                re.find_iter(t).map(|m| (m.start(), m.end())).collect();
            assert_eq!(ours, theirs, "{t:?}");
        }
    }

    #[test]
    fn names_inside_words_are_not_tags() {
        assert_eq!(tagger().tag("japanese").text, "japanese");
    }

    #[test]
    fn tags_round_trip() {
        let e = EntityRef {
            class: Class::Topic,
            index: 12,
        };
        assert_eq!(parse_tag(&tag(e)), Some(e));
        assert_eq!(parse_tag("#x1#"), None);
        assert_eq!(parse_tag("c1"), None);
    }
}
