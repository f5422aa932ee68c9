//! The last resort before "I don't know that": the one article sentence a
//! question's words point to.
//!
//! Intents answer the questions people ask about the facts; but the article
//! says more than the fact base holds ("what did they reaffirm?", "did
//! global communications come up?"). When no intent matches, the question's
//! content words (less the grammar's `[search] stopwords`) are looked up in
//! the article's sentences. A sentence answers only when it holds nearly all
//! of them, weighted by rarity, and clearly better than any other sentence;
//! a word the article never uses ("budget") weighs the most, so a question
//! about something the article does not say is still declined. The answer
//! is the sentence itself, quoted: nothing is inferred.

use crate::facts::FactBase;
use crate::normalize::normalize;
use crate::stem::stem;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The `[search]` table of `grammar.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchConfig {
    /// Words that never count: question words, verbs of asking, and words
    /// every sentence of the topic could hold ("cspo", "meeting").
    #[serde(default)]
    pub stopwords: Vec<String>,
    /// A question word and the article words it stands for
    /// ("wmd" = "weapons mass destruction").
    #[serde(default)]
    pub synonyms: BTreeMap<String, String>,
    /// The share of the question's word weight the sentence must hold.
    #[serde(default = "default_coverage")]
    pub min_coverage: f64,
    /// How many of the question's words the sentence must hold.
    #[serde(default = "default_matched")]
    pub min_matched: usize,
    /// How much better than the next sentence the best one must be.
    #[serde(default = "default_margin")]
    pub min_margin: f64,
}

fn default_coverage() -> f64 {
    0.7
}
fn default_matched() -> usize {
    2
}
fn default_margin() -> f64 {
    0.2
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig {
            stopwords: Vec::new(),
            synonyms: BTreeMap::new(),
            min_coverage: default_coverage(),
            min_matched: default_matched(),
            min_margin: default_margin(),
        }
    }
}

/// A sentence found for a question.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The sentence id (see `data/sources.toml`).
    pub id: String,
    /// The share of the question's word weight the sentence holds.
    pub coverage: f64,
    /// The question's words found in it (stemmed).
    pub matched: Vec<String>,
}

/// The article's sentences, indexed by their stemmed words.
#[derive(Debug, Clone)]
pub struct SentenceSearch {
    sentences: Vec<(String, HashSet<String>)>,
    /// Per sentence: whether it holds a date (a year or a month), and a
    /// number: what a "when" or "how many" question needs of a quote.
    dates: Vec<bool>,
    numbers: Vec<bool>,
    df: HashMap<String, usize>,
    stopwords: HashSet<String>,
    synonyms: HashMap<String, Vec<String>>,
    config: SearchConfig,
}

impl SentenceSearch {
    pub fn new(facts: &FactBase, config: &SearchConfig) -> Self {
        let stopwords: HashSet<String> = config.stopwords.iter().map(|w| stem(w)).collect();
        let sentences: Vec<(String, HashSet<String>)> = facts
            .sentences
            .iter()
            .map(|s| {
                (
                    s.id.clone(),
                    words(&normalize(&s.text, &facts.flags)).collect(),
                )
            })
            .collect();
        let plain: Vec<String> = facts
            .sentences
            .iter()
            .map(|s| normalize(&s.text, &facts.flags))
            .collect();
        let dates = plain
            .iter()
            .map(|t| t.split(' ').any(|w| MONTHS.contains(&w) || is_year(w)))
            .collect();
        let numbers = plain
            .iter()
            .map(|t| {
                t.split(' ')
                    .any(|w| NUMBERS.contains(&w) || w.bytes().any(|b| b.is_ascii_digit()))
            })
            .collect();
        let mut df: HashMap<String, usize> = HashMap::new();
        for (_, ws) in &sentences {
            for w in ws {
                *df.entry(w.clone()).or_default() += 1;
            }
        }
        let synonyms = config
            .synonyms
            .iter()
            .map(|(k, v)| (stem(k), words(v).collect()))
            .collect();
        SentenceSearch {
            sentences,
            dates,
            numbers,
            df,
            stopwords,
            synonyms,
            config: config.clone(),
        }
    }

    /// Whether the sentence `id` holds a date: a year or a month.
    pub fn holds_date(&self, id: &str) -> bool {
        self.position(id).is_some_and(|i| self.dates[i])
    }

    /// Whether the sentence `id` holds a number, in digits or words.
    pub fn holds_number(&self, id: &str) -> bool {
        self.position(id).is_some_and(|i| self.numbers[i])
    }

    fn position(&self, id: &str) -> Option<usize> {
        self.sentences.iter().position(|(s, _)| s == id)
    }

    /// The sentence that `text` (normalized: lowercase words) asks about,
    /// if one clearly does.
    pub fn find(&self, text: &str) -> Option<Hit> {
        let mut query: Vec<String> = Vec::new();
        for w in words(text) {
            if self.stopwords.contains(&w) || w.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            // A synonym stands for all of its words at once: one of them
            // must be found for it to count.
            let w = match self.synonyms.get(&w) {
                Some(expansion) => expansion.join(" "),
                None => w,
            };
            if !query.contains(&w) {
                query.push(w);
            }
        }
        // One word is enough when one sentence alone holds it ("what did
        // they reaffirm?"); otherwise `min_matched` of them.
        let unique = |w: &String| w.split(' ').all(|p| self.df.get(p) == Some(&1));
        let needed = match query.as_slice() {
            [w] if unique(w) => 1,
            _ => self.config.min_matched,
        };
        if query.len() < needed {
            return None;
        }
        let n = self.sentences.len() as f64;
        let weight = |w: &str| {
            // A word no sentence holds weighs the most.
            let df = w
                .split(' ')
                .filter_map(|p| self.df.get(p))
                .max()
                .copied()
                .unwrap_or(0) as f64;
            (1.0 + n / df.max(0.5)).ln()
        };
        let total: f64 = query.iter().map(|w| weight(w)).sum();
        let mut scored: Vec<(f64, usize, Vec<String>)> = self
            .sentences
            .iter()
            .enumerate()
            .map(|(i, (_, ws))| {
                let matched: Vec<String> = query
                    .iter()
                    .filter(|w| w.split(' ').any(|p| ws.contains(p)))
                    .cloned()
                    .collect();
                let s: f64 = matched.iter().map(|w| weight(w)).sum();
                (s / total, i, matched)
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let (coverage, i, matched) = scored.first()?.clone();
        let next = scored.get(1).map_or(0.0, |s| s.0);
        (coverage >= self.config.min_coverage
            && matched.len() >= needed
            && coverage - next >= self.config.min_margin)
            .then(|| Hit {
                id: self.sentences[i].0.clone(),
                coverage,
                matched,
            })
    }
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const NUMBERS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "dozen", "hundred", "thousand",
];

fn is_year(w: &str) -> bool {
    w.len() == 4
        && (w.starts_with("19") || w.starts_with("20"))
        && w.bytes().all(|b| b.is_ascii_digit())
}

/// The stemmed words of normalized text.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| stem(&w.to_lowercase()))
}

#[cfg(test)]
mod tests {
    use crate::stem::stem;

    #[test]
    fn multi_byte_words_are_cut_at_character_boundaries() {
        // "人" ends in the bytes BA BA, which once read as a doubled letter.
        assert_eq!(stem("a人ed"), "a人");
        assert_eq!(stem("a人ing"), "a人");
        assert_eq!(stem("é人人ed"), "é人人");
        assert_eq!(stem("ééées"), "ééé");
        assert_eq!(stem("stopped"), "stop");
    }

    #[test]
    fn forms_of_a_word_meet() {
        for (a, b) in [
            ("challenges", "challenge"),
            ("reaffirmed", "reaffirm"),
            ("deterring", "deter"),
            ("communications", "communication"),
            ("threats", "threat"),
            ("prioritize", "prioritizing"),
            ("policies", "policy"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
        }
        assert_eq!(stem("debris"), "debris");
        assert_eq!(stem("class"), "class");
    }
}
