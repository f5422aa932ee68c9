//! The words answers are made of, and the words an answer kind reads a
//! slot with, kept in the intent data and checked at load.
//!
//! Two tables, both documented in FORMATS.md:
//!
//! - [`Wording`], from `grammar.toml`: the `[phrases]` answers build lines
//!   and lists from ("founding member, {year}", " at {meeting}", "a, b and
//!   c"), the month names dates are written and asked with, and the quote
//!   search's stopwords and thresholds (`[quotes]`). The code names each
//!   phrase by a [`Phrase`]; the loader refuses a missing phrase, a phrase
//!   no code uses and a placeholder the code does not fill, with file and
//!   line.
//! - [`Vocabulary`], one per intent (`[intent.words.SLOT]`): what the words
//!   a slot captures mean to its answer kind ("prior to" means `before`).
//!   The kind says which meanings it knows ([`AnswerKind::vocabulary`]);
//!   the loader refuses a meaning it does not know, a meaning it needs
//!   that has no words, and a word a pattern's `(?P<slot>a|b|c)`, a
//!   concept reading's `{slot=word}` or a default gives that no list holds,
//!   so a comparison word no code knows is a load error, never a decline at
//!   run time.

use crate::answers::AnswerKind;
use crate::error::LoadError;
use crate::facts::Date;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use toml::Spanned;

macro_rules! phrases {
    ($($variant:ident = $name:literal [$($var:literal),*], $doc:literal;)*) => {
        /// A fragment of an answer, written in `grammar.toml`'s `[phrases]`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Phrase { $(#[doc = $doc] $variant),* }

        impl Phrase {
            pub const ALL: &'static [Phrase] = &[$(Phrase::$variant),*];
            /// Its key in `[phrases]`.
            pub fn name(self) -> &'static str {
                match self { $(Phrase::$variant => $name),* }
            }
            /// The placeholders the code fills in it.
            pub fn vars(self) -> &'static [&'static str] {
                match self { $(Phrase::$variant => &[$($var),*]),* }
            }
        }
    };
}

phrases! {
    ListAnd = "list_and" ["rest", "last"], "The last item of a list of several: \"{rest} and {last}\".";
    ListComma = "list_comma" [], "Between the other items of a list: \", \".";
    MemberLineFounding = "member_line_founding" ["flag", "name", "year"], "A line of the member list, for a founder.";
    MemberLineJoined = "member_line_joined" ["flag", "name", "year"], "A line of the member list, for a later member.";
    MemberFounding = "member_founding" ["country", "year"], "A founder in a list of countries.";
    MemberJoined = "member_joined" ["country", "year"], "A later member in a list of countries.";
    MemberYear = "member_year" ["country", "year"], "A member and its join year, in a list.";
    GrowthLine = "growth_line" ["year", "list"], "A year of the growth timeline.";
    GrowthLineFounding = "growth_line_founding" ["year", "list"], "The founding year of the growth timeline.";
    AtMeeting = "at_meeting" ["meeting"], "The meeting's name in `{at_meeting}`, when the data holds several.";
    TopicLine = "topic_line" ["summary"], "A line of the list of topics.";
    OfficialLine = "official_line" ["person", "titles"], "A line of the list of quoted officials.";
    RoundLine = "round_line" ["year", "list"], "A round of expansion and who joined in it.";
    PersonFrom = "person_from" ["person", "country"], "An official and the country the article gives as theirs.";
    DateMonth = "date_month" ["month"], "A date of which the article gives the month alone.";
    DateDay = "date_day" ["month", "day"], "A date without a year.";
    DateYear = "date_year" ["month", "year"], "A month and a year.";
    DateDayYear = "date_day_year" ["month", "day", "year"], "A whole date.";
}

/// The `[quotes]` table of `grammar.toml`: how a phrase finds a quote.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteSearch {
    /// Words that say nothing about what a quote is about.
    pub stopwords: Vec<String>,
    /// The share of the phrase's word weight the best quote must hold.
    pub min_share: f64,
    /// How much better the best quote must be than the best quote of
    /// another speaker.
    pub min_margin: f64,
    /// "What did Whiting say about X?": the share of X's words one of his
    /// quotes must hold.
    pub min_subject_share: f64,
}

impl Default for QuoteSearch {
    fn default() -> Self {
        QuoteSearch {
            stopwords: Vec::new(),
            min_share: 1.0,
            min_margin: 1.0,
            min_subject_share: 1.0,
        }
    }
}

/// What `grammar.toml` gives the answers: phrases, months, quote search.
#[derive(Debug, Clone, Default)]
pub struct Wording {
    phrases: Vec<String>,
    /// January first, as answers write them ("December").
    pub months: Vec<String>,
    months_lower: Vec<String>,
    pub quotes: QuoteSearch,
}

/// The parts of `grammar.toml` [`Wording::load`] reads.
pub struct WordingEntry {
    pub phrases: Spanned<BTreeMap<String, Spanned<String>>>,
    pub months: Spanned<Vec<String>>,
    pub quotes: Spanned<QuoteSearch>,
}

impl Wording {
    /// Checks the entries of `grammar.toml` (`text`, at `path`).
    pub fn load(entry: WordingEntry, path: &Path, text: &str) -> Result<Wording, LoadError> {
        let at = |offset: usize, msg: String| LoadError::at(path, text, offset, msg);
        let table = entry.phrases.get_ref();
        if let Some((k, v)) = table
            .iter()
            .find(|(k, _)| !Phrase::ALL.iter().any(|p| p.name() == k.as_str()))
        {
            let known: Vec<&str> = Phrase::ALL.iter().map(|p| p.name()).collect();
            return Err(at(
                v.span().start,
                format!(
                    "phrase {k:?} is used by no answer (known: {})",
                    known.join(", ")
                ),
            ));
        }
        let mut phrases = Vec::new();
        for p in Phrase::ALL {
            let Some(v) = table.get(p.name()) else {
                return Err(at(
                    entry.phrases.span().start,
                    format!(
                        "[phrases] has no {:?} (placeholders: {})",
                        p.name(),
                        braced(p.vars())
                    ),
                ));
            };
            for var in placeholders(v.get_ref()) {
                if !p.vars().contains(&var) {
                    return Err(at(
                        v.span().start,
                        format!(
                            "phrase {:?} has a placeholder {{{var}}} the code does not fill (it fills: {})",
                            p.name(),
                            braced(p.vars())
                        ),
                    ));
                }
            }
            phrases.push(v.get_ref().clone());
        }
        let months = entry.months.get_ref().clone();
        if months.len() != 12 || months.iter().any(|m| m.trim().is_empty()) {
            return Err(at(
                entry.months.span().start,
                format!(
                    "`months` needs the twelve month names, January first (has {})",
                    months.len()
                ),
            ));
        }
        let q = entry.quotes.get_ref();
        for (name, v) in [
            ("min_share", q.min_share),
            ("min_margin", q.min_margin),
            ("min_subject_share", q.min_subject_share),
        ] {
            if !(0.0..=1.0).contains(&v) {
                return Err(at(
                    entry.quotes.span().start,
                    format!("[quotes] {name} is a share, 0 to 1 (is {v})"),
                ));
            }
        }
        Ok(Wording {
            phrases,
            months_lower: months.iter().map(|m| m.to_lowercase()).collect(),
            months,
            quotes: entry.quotes.into_inner(),
        })
    }

    /// The phrase, filled.
    pub fn phrase(&self, p: Phrase, vars: &[(&str, String)]) -> String {
        let i = Phrase::ALL.iter().position(|x| *x == p).unwrap_or(0);
        match self.phrases.get(i) {
            Some(t) => crate::engine::fill(t, vars),
            None => String::new(),
        }
    }

    /// Joins items as "a, b and c".
    pub fn list(&self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => self.phrase(
                Phrase::ListAnd,
                &[
                    ("rest", init.join(&self.phrase(Phrase::ListComma, &[]))),
                    ("last", last.clone()),
                ],
            ),
        }
    }

    /// "December 5", "December 5, 2026", "June 2026".
    pub fn date(&self, d: &Date) -> String {
        let month = self
            .months
            .get(usize::from(d.month).wrapping_sub(1))
            .cloned()
            .unwrap_or_default();
        let mut vars = vec![("month", month)];
        vars.extend(d.day.map(|x| ("day", x.to_string())));
        vars.extend(d.year.map(|x| ("year", x.to_string())));
        let p = match (d.day, d.year) {
            (None, None) => Phrase::DateMonth,
            (Some(_), None) => Phrase::DateDay,
            (None, Some(_)) => Phrase::DateYear,
            (Some(_), Some(_)) => Phrase::DateDayYear,
        };
        self.phrase(p, &vars)
    }

    /// The month a word of a question names: "december", "dec", "decem".
    pub fn month_of(&self, word: &str) -> Option<u8> {
        self.months_lower
            .iter()
            .position(|m| word == m || (word.len() >= 3 && m.starts_with(word)))
            .map(|i| i as u8 + 1)
    }
}

/// What the words of a slot mean to an intent's answer kind, from
/// `[intent.words.SLOT]`: meaning -> words, the first word of each list
/// being the one answers use.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    slots: BTreeMap<String, Vec<(&'static str, Vec<String>)>>,
}

/// An intent's `words` table as written.
pub type WordsEntry = BTreeMap<String, BTreeMap<String, Spanned<Vec<String>>>>;

/// Where a slot's words come from in an intent, for the load checks.
pub struct SlotUses<'a> {
    /// The patterns, with their lines.
    pub patterns: &'a [(String, usize)],
    /// The concept readings' `{slot=word}`, with their lines.
    pub sets: Vec<(String, String, usize)>,
    pub defaults: &'a BTreeMap<String, String>,
}

impl Vocabulary {
    /// Checks an intent's `words` against its answer kind and against the
    /// words its patterns, readings and defaults can give each slot.
    /// `err(line, message)` builds the error at the intent's file.
    pub fn load(
        kind: AnswerKind,
        entry: &WordsEntry,
        uses: &SlotUses,
        text: &str,
        intent_line: usize,
        err: &dyn Fn(usize, String) -> LoadError,
    ) -> Result<Vocabulary, LoadError> {
        let line = |s: &Spanned<Vec<String>>| crate::error::line_of(text, s.span().start);
        let known = kind.vocabulary();
        let mut slots = BTreeMap::new();
        for (slot, table) in entry {
            let first_line = table.values().map(line).min().unwrap_or(intent_line);
            let Some((_, _, meanings)) = known.iter().find(|(s, _, _)| s == slot) else {
                return Err(err(
                    first_line,
                    format!(
                        "answer {:?} reads no words for slot {slot:?}{}",
                        kind.name(),
                        reads(known)
                    ),
                ));
            };
            let mut out: Vec<(&'static str, Vec<String>)> = Vec::new();
            for (meaning, words) in table {
                let Some(m) = meanings.iter().find(|m| **m == meaning.as_str()) else {
                    return Err(err(
                        line(words),
                        format!(
                            "answer {:?} knows no meaning {meaning:?} for slot {slot:?} (it knows: {})",
                            kind.name(),
                            meanings.join(", ")
                        ),
                    ));
                };
                if words.get_ref().is_empty() {
                    return Err(err(line(words), format!("{slot}.{meaning} lists no words")));
                }
                for w in words.get_ref() {
                    if let Some((other, _)) = out.iter().find(|(_, ws)| ws.contains(w)) {
                        return Err(err(
                            line(words),
                            format!("{w:?} means both {other:?} and {meaning:?} for slot {slot:?}"),
                        ));
                    }
                }
                out.push((m, words.get_ref().clone()));
            }
            if let Some(m) = meanings.iter().find(|m| !out.iter().any(|(o, _)| o == *m)) {
                return Err(err(
                    first_line,
                    format!(
                        "[intent.words.{slot}] has no {m:?} list (answer {:?} needs: {})",
                        kind.name(),
                        meanings.join(", ")
                    ),
                ));
            }
            slots.insert(slot.clone(), out);
        }
        for (slot, _, _) in known {
            if !entry.contains_key(*slot) {
                return Err(err(
                    intent_line,
                    format!(
                        "answer {:?} needs [intent.words.{slot}]: what its words mean",
                        kind.name()
                    ),
                ));
            }
        }
        let v = Vocabulary { slots };
        // Every word a pattern's closed group, a reading or a default can
        // put in a vocabulary slot must be listed.
        for &(slot, closed, _) in known {
            let unknown = |w: &str| v.meaning(slot, w).is_none();
            for (source, l) in uses.patterns {
                // An open slot's words need no list ("toulouse" is a place).
                let words = match group_words(source, slot) {
                    Some(Ok(words)) if closed => words,
                    Some(Err(body)) if closed => {
                        return Err(err(
                            *l,
                            format!(
                                "the pattern's (?P<{slot}>{body}) must list its words (a|b|c): answer {:?} reads each through [intent.words.{slot}]",
                                kind.name()
                            ),
                        ));
                    }
                    _ => continue,
                };
                for w in words {
                    if unknown(&w) {
                        return Err(err(
                            *l,
                            format!(
                                "the pattern's {slot} word {w:?} is in no list of [intent.words.{slot}]: no answer knows what it means"
                            ),
                        ));
                    }
                }
            }
            for (s, w, l) in &uses.sets {
                if s == slot && unknown(w) {
                    return Err(err(
                        *l,
                        format!(
                            "the reading's {{{slot}={w}}} is in no list of [intent.words.{slot}]"
                        ),
                    ));
                }
            }
            if let Some(w) = uses.defaults.get(slot)
                && unknown(w)
            {
                return Err(err(
                    intent_line,
                    format!("the default {slot} = {w:?} is in no list of [intent.words.{slot}]"),
                ));
            }
        }
        Ok(v)
    }

    /// What `word` in `slot` means, if a list holds it.
    pub fn meaning(&self, slot: &str, word: &str) -> Option<&'static str> {
        self.slots
            .get(slot)?
            .iter()
            .find(|(_, ws)| ws.iter().any(|w| w == word))
            .map(|(m, _)| *m)
    }

    /// The words of one meaning (the first is the one answers use).
    pub fn words(&self, slot: &str, meaning: &str) -> &[String] {
        self.slots
            .get(slot)
            .and_then(|t| t.iter().find(|(m, _)| *m == meaning))
            .map_or(&[], |(_, ws)| ws.as_slice())
    }
}

fn reads(known: &[(&str, bool, &[&str])]) -> String {
    if known.is_empty() {
        String::new()
    } else {
        let s: Vec<&str> = known.iter().map(|(s, _, _)| *s).collect();
        format!(" (it reads: {})", s.join(", "))
    }
}

fn braced(vars: &[&str]) -> String {
    if vars.is_empty() {
        return "none".into();
    }
    vars.iter()
        .map(|v| format!("{{{v}}}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The `{name}` placeholders of a template (with `:words` taken off).
pub fn placeholders(t: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = t;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let spec = &after[..close];
        out.push(spec.strip_suffix(":words").unwrap_or(spec));
        rest = &after[close + 1..];
    }
    out
}

/// The words of a pattern's `(?P<slot>a|b|c)` when the group is a closed
/// list of words (letters and spaces), else its body (`[a-z]+`); `None`
/// when the pattern has no such group.
pub fn group_words(source: &str, slot: &str) -> Option<Result<Vec<String>, String>> {
    let open = format!("(?P<{slot}>");
    let start = source.find(&open)? + open.len();
    let mut depth = 0usize;
    let mut end = None;
    for (i, c) in source[start..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => {
                end = Some(start + i);
                break;
            }
            ')' => depth -= 1,
            _ => {}
        }
    }
    let body = &source[start..end?];
    let words: Vec<String> = body.split('|').map(str::to_string).collect();
    let plain = words
        .iter()
        .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c == ' '));
    Some(if plain {
        Ok(words)
    } else {
        Err(body.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_groups_give_their_words() {
        assert_eq!(
            group_words("x (?P<cmp>before|prior to) {year}", "cmp"),
            Some(Ok(vec!["before".to_string(), "prior to".to_string()]))
        );
        assert_eq!(
            group_words("(?P<where>[a-z]+)", "where"),
            Some(Err("[a-z]+".to_string()))
        );
        assert_eq!(group_words("(?P<where>toulouse)", "cmp"), None);
    }

    /// The repository's grammar: lists and dates read naturally.
    fn wording() -> Wording {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        crate::engine::Engine::load(&root.join("data"), &root.join("intents"))
            .expect("the repository's data loads")
            .intents()
            .grammar
            .wording
            .clone()
    }

    #[test]
    fn lists_read_naturally() {
        let w = wording();
        let s = |v: &[&str]| w.list(&v.iter().map(|x| x.to_string()).collect::<Vec<_>>());
        assert_eq!(s(&[]), "");
        assert_eq!(s(&["a"]), "a");
        assert_eq!(s(&["a", "b"]), "a and b");
        assert_eq!(s(&["a", "b", "c"]), "a, b and c");
    }

    #[test]
    fn dates_say_what_the_data_gives() {
        let w = wording();
        let d = |year, month, day| w.date(&Date { year, month, day });
        assert_eq!(d(None, 12, Some(5)), "December 5");
        assert_eq!(d(Some(2026), 12, Some(5)), "December 5, 2026");
        assert_eq!(d(Some(2026), 6, None), "June 2026");
        assert_eq!(d(None, 6, None), "June");
        assert_eq!(w.month_of("dec"), Some(12));
        assert_eq!(w.month_of("de"), None);
        assert_eq!(w.month_of("may"), Some(5));
    }

    #[test]
    fn placeholders_are_listed() {
        assert_eq!(placeholders("{a} and {b:words}"), vec!["a", "b"]);
    }
}
