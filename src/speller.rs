//! Typo correction against the bot's own vocabulary.
//!
//! The vocabulary is every word the intents' patterns spell out and every
//! word of every alias in the fact base. A word of the question that is not
//! in it is replaced by the one vocabulary word within reach, if exactly one
//! is: one edit (insertion, deletion, substitution or swap of neighbours) for
//! words of 5 to 7 letters, two for longer ones, and for 4-letter words only
//! an insertion that yields a name ("itly" -> "italy"). Shorter words are
//! never touched. When two candidates are equally close, nothing is changed:
//! a correction must never turn an unknown word into a confident answer.
//!
//! Lookup uses a symmetric-delete index (SymSpell), so a question costs a
//! few hash probes per unknown word, not a scan of the vocabulary.

use std::collections::{HashMap, HashSet};

pub struct Speller {
    words: HashSet<String>,
    /// Names (words of aliases); only these may fix a 4-letter word.
    names: HashSet<String>,
    /// A word with one or two letters deleted -> the words it came from.
    deletes: HashMap<String, Vec<u32>>,
    list: Vec<String>,
}

/// A correction made to a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    pub from: String,
    pub to: String,
}

fn max_distance(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

fn deletions(word: &str, depth: usize, out: &mut HashSet<String>) {
    if depth == 0 {
        return;
    }
    let chars: Vec<char> = word.chars().collect();
    for i in 0..chars.len() {
        let d: String = chars[..i].iter().chain(&chars[i + 1..]).collect();
        if out.insert(d.clone()) {
            deletions(&d, depth - 1, out);
        }
    }
}

/// Optimal string alignment distance (Damerau-Levenshtein without
/// repeated edits of one substring).
pub fn osa_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for j in 0..=b.len() {
        d[0][j] = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

impl Speller {
    /// `words`: the vocabulary; `names`: the subset that are names.
    pub fn new<'a>(
        words: impl IntoIterator<Item = &'a str>,
        names: impl IntoIterator<Item = &'a str>,
    ) -> Speller {
        let names: HashSet<String> = names
            .into_iter()
            .filter(|w| w.chars().count() >= 4)
            .map(str::to_string)
            .collect();
        let mut set: HashSet<String> = words.into_iter().map(str::to_string).collect();
        set.extend(names.iter().cloned());
        let mut list: Vec<String> = set
            .iter()
            .filter(|w| w.chars().count() >= 4 && !w.chars().any(|c| c.is_ascii_digit()))
            .cloned()
            .collect();
        list.sort();
        let mut deletes: HashMap<String, Vec<u32>> = HashMap::new();
        for (i, w) in list.iter().enumerate() {
            let mut ds = HashSet::new();
            ds.insert(w.clone());
            deletions(w, max_distance(w.chars().count()).max(1), &mut ds);
            for d in ds {
                deletes.entry(d).or_default().push(i as u32);
            }
        }
        Speller {
            words: set,
            names,
            deletes,
            list,
        }
    }

    pub fn knows(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    /// The correction for one word, if there is exactly one good candidate.
    pub fn correct_word(&self, word: &str) -> Option<&str> {
        let len = word.chars().count();
        if self.words.contains(word)
            || len < 4
            || len > 30
            || word.chars().any(|c| c.is_ascii_digit())
        {
            return None;
        }
        let max = max_distance(len);
        let mut probes = HashSet::new();
        probes.insert(word.to_string());
        deletions(word, max, &mut probes);
        let mut best: Option<(usize, &str)> = None;
        let mut tie = false;
        let mut seen = HashSet::new();
        for p in &probes {
            let Some(cands) = self.deletes.get(p) else {
                continue;
            };
            for &ci in cands {
                if !seen.insert(ci) {
                    continue;
                }
                let cand = self.list[ci as usize].as_str();
                let clen = cand.chars().count();
                // A 4-letter word may only grow into a name.
                if len == 4 && !(clen == 5 && self.names.contains(cand)) {
                    continue;
                }
                let allowed = max.min(max_distance(clen).max(1));
                let d = osa_distance(word, cand);
                if d == 0 || d > allowed {
                    continue;
                }
                match best {
                    Some((bd, _)) if d > bd => {}
                    Some((bd, bw)) if d == bd => tie |= bw != cand,
                    _ => {
                        best = Some((d, cand));
                        tie = false;
                    }
                }
            }
        }
        match best {
            Some((_, w)) if !tie => Some(w),
            _ => None,
        }
    }

    /// Corrects every word of a normalized text.
    pub fn correct(&self, text: &str) -> (String, Vec<Correction>) {
        let mut out = String::with_capacity(text.len());
        let mut fixes = Vec::new();
        for w in text.split(' ') {
            if !out.is_empty() {
                out.push(' ');
            }
            match self.correct_word(w) {
                Some(to) => {
                    fixes.push(Correction {
                        from: w.to_string(),
                        to: to.to_string(),
                    });
                    out.push_str(to);
                }
                None => out.push_str(w),
            }
        }
        (out, fixes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speller() -> Speller {
        Speller::new(
            [
                "when", "did", "join", "france", "italy", "norway", "saltzman", "whiting",
                "member", "talk", "iran", "iraq",
            ],
            [
                "france", "italy", "norway", "saltzman", "whiting", "iran", "iraq",
            ],
        )
    }

    #[test]
    fn distance() {
        assert_eq!(osa_distance("frnace", "france"), 1);
        assert_eq!(osa_distance("kitten", "sitting"), 3);
        assert_eq!(osa_distance("", "abc"), 3);
    }

    #[test]
    fn fixes_one_letter_off() {
        let s = speller();
        assert_eq!(s.correct_word("frnace"), Some("france"));
        assert_eq!(s.correct_word("norwey"), Some("norway"));
        assert_eq!(s.correct_word("itly"), Some("italy"));
        assert_eq!(s.correct_word("saltzmann"), Some("saltzman"));
        assert_eq!(s.correct_word("whitting"), Some("whiting"));
        assert_eq!(s.correct_word("membr"), Some("member"));
    }

    #[test]
    fn leaves_known_short_and_far_words_alone() {
        let s = speller();
        assert_eq!(s.correct_word("france"), None);
        assert_eq!(
            s.correct_word("tall"),
            None,
            "4-letter words only grow into names"
        );
        assert_eq!(s.correct_word("biden"), None);
        assert_eq!(s.correct_word("2020"), None);
    }

    #[test]
    fn ties_are_not_guessed() {
        // "sxain" is one edit from both "stain" and "spain".
        let s = Speller::new(["stain", "spain"], ["spain"]);
        assert_eq!(s.correct_word("sxain"), None);
    }

    #[test]
    fn corrects_a_sentence() {
        let (text, fixes) = speller().correct("when did frnace join");
        assert_eq!(text, "when did france join");
        assert_eq!(fixes.len(), 1);
    }
}
