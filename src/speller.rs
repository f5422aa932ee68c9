//! Typo correction against the bot's own vocabulary.
//!
//! The vocabulary is every word the intents' patterns spell out and every
//! word of every alias in the fact base. A word of the question that is not
//! in it is replaced by the one vocabulary word within reach, if exactly one
//! is: one edit (insertion, deletion, substitution or swap of neighbours) for
//! words of 5 to 7 letters, two for longer ones, and for 4-letter words only
//! an insertion that yields a name or a question word ("itly" -> "italy",
//! "wher" -> "where"). Shorter words are never touched. When two candidates
//! are equally close, nothing is changed: a correction must never turn an
//! unknown word into a confident answer. A name of several words is matched
//! whole ("chanse saltsman": each word anchors the others).
//!
//! Lookup uses a symmetric-delete index (SymSpell), so a question costs a
//! few hash probes per unknown word, not a scan of the vocabulary.

// FxHash: the tables are the bot's own vocabulary, probed a few dozen
// times a word; SipHash was 9% of a question's instructions.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

pub struct Speller {
    words: HashSet<String>,
    /// Names (words of aliases); only these and the question words may
    /// fix a 4-letter word by growing it a letter.
    names: HashSet<String>,
    /// Question words ("where", "which"): a 4-letter word one letter
    /// short of one is that word ("wher", "whic").
    questions: HashSet<String>,
    /// A word with one or two letters deleted -> the words it came from.
    deletes: HashMap<String, Vec<u32>>,
    list: Vec<String>,
    /// Words that name the same thing ("france", "french"): a tie between
    /// them is no ambiguity. Word -> a number shared by its kin.
    kin: HashMap<String, usize>,
    /// Names of two or more words ("chance saltzman", "new zealand"), as
    /// words, with the number of the thing they name: a misspelled name is
    /// matched whole, each word anchoring the others ("chanse saltsman").
    phrases: Vec<(Vec<String>, usize)>,
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

/// Calls `f` with every string made by deleting 1 to `depth` (at most 2)
/// characters of `word`, possibly more than once each, in one reused
/// buffer: building a `String` for each deletion (and a set of them) was
/// most of the speller's cost, at query time and when indexing.
fn for_each_deletion(word: &str, depth: usize, f: &mut impl FnMut(&str)) {
    debug_assert!(depth <= 2);
    if depth == 0 {
        return;
    }
    let chars: Vec<char> = word.chars().collect();
    let mut buf = String::with_capacity(word.len());
    for i in 0..chars.len() {
        buf.clear();
        buf.extend(chars[..i].iter().chain(&chars[i + 1..]));
        f(&buf);
        if depth >= 2 {
            // Deleting i, then any j > i of the original (j < i gives the
            // same strings as deleting j first).
            for j in i + 1..chars.len() {
                buf.clear();
                buf.extend(
                    chars[..i]
                        .iter()
                        .chain(&chars[i + 1..j])
                        .chain(&chars[j + 1..]),
                );
                f(&buf);
            }
        }
    }
}

/// Whether `b` is `a` with two neighbouring letters swapped.
fn is_swap(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len() != b.len() {
        return false;
    }
    let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    diff.len() == 2
        && diff[1] == diff[0] + 1
        && a[diff[0]] == b[diff[1]]
        && a[diff[1]] == b[diff[0]]
}

/// Optimal string alignment distance (Damerau-Levenshtein without
/// repeated edits of one substring).
pub fn osa_distance(a: &str, b: &str) -> usize {
    // Words are short: their letters on the stack, three rows of the table
    // (the swap looks two rows back) instead of a table of rows.
    let mut abuf = ['\0'; 32];
    let mut bbuf = ['\0'; 32];
    let (mut an, mut bn) = (0, 0);
    for c in a.chars() {
        if an == abuf.len() {
            return osa_distance_long(a, b);
        }
        abuf[an] = c;
        an += 1;
    }
    for c in b.chars() {
        if bn == bbuf.len() {
            return osa_distance_long(a, b);
        }
        bbuf[bn] = c;
        bn += 1;
    }
    osa_table(&abuf[..an], &bbuf[..bn])
}

fn osa_distance_long(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    osa_table(&a, &b)
}

/// The optimal string alignment distance of `a` and `b`, row by row.
fn osa_table(a: &[char], b: &[char]) -> usize {
    let w = b.len() + 1;
    let mut rows = vec![0usize; 3 * w];
    // rows[r * w..]: row i when i % 3 == r.
    for (j, cell) in rows[..w].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (cur, prev, prev2) = (i % 3, (i - 1) % 3, (i + 1) % 3);
        rows[cur * w] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (rows[prev * w + j] + 1)
                .min(rows[cur * w + j - 1] + 1)
                .min(rows[prev * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(rows[prev2 * w + j - 2] + 1);
            }
            rows[cur * w + j] = v;
        }
    }
    rows[(a.len() % 3) * w + b.len()]
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
        let mut deletes: HashMap<String, Vec<u32>> = HashMap::default();
        for (i, w) in list.iter().enumerate() {
            let i = i as u32;
            // Each word once under each of its deletions: they come in a
            // burst for word i, so the last entry tells a repeat.
            let mut add = |d: &str| match deletes.get_mut(d) {
                Some(v) if v.last() == Some(&i) => {}
                Some(v) => v.push(i),
                None => {
                    deletes.insert(d.to_string(), vec![i]);
                }
            };
            add(w);
            for_each_deletion(w, max_distance(w.chars().count()).max(1), &mut add);
        }
        Speller {
            words: set,
            names,
            deletes,
            list,
            kin: HashMap::default(),
            phrases: Vec::new(),
            questions: HashSet::default(),
        }
    }

    /// Declares the question words a 4-letter word may grow into.
    pub fn with_questions<'a>(mut self, words: impl IntoIterator<Item = &'a str>) -> Speller {
        self.questions = words
            .into_iter()
            .filter(|w| self.words.contains(*w))
            .map(str::to_string)
            .collect();
        self
    }

    /// Declares the names of several words: `phrases` yields (name, thing).
    pub fn with_phrases<'a>(
        mut self,
        phrases: impl IntoIterator<Item = (&'a str, usize)>,
    ) -> Speller {
        self.phrases = phrases
            .into_iter()
            .map(|(p, k)| (p.split(' ').map(str::to_string).collect::<Vec<_>>(), k))
            .filter(|(w, _)| w.len() >= 2)
            .collect();
        self.phrases.sort();
        self.phrases.dedup();
        self
    }

    /// The name of several words that `words` (as many) misspell, if
    /// exactly one thing's name is nearest: each word at most one edit
    /// from the name's word (two for words of 7 letters or more; words of
    /// 3 letters or less exact, unless a word of 5 or more is), all of them together at most one edit in
    /// five letters, at least one of them unknown, and the first letter
    /// of the name's longest word right. A tie between names of different things changes nothing.
    fn phrase_for(&self, words: &[&str]) -> Option<&[String]> {
        // Only a typo makes a misspelling: words all known are what they
        // say ("the meetings" is no "the meeting").
        if words.iter().all(|w| self.words.contains(*w)) {
            return None;
        }
        let mut best: Option<(usize, usize, &[String])> = None;
        let mut tied = false;
        for (phrase, thing) in &self.phrases {
            if phrase.len() != words.len() {
                continue;
            }
            // The longest word of the name is what a reader recognises it
            // by: its start must be right ("whitting", not "shitting").
            // (Checked first: it rules out most names without a distance.)
            let longest = phrase.iter().zip(words).max_by_key(|(p, _)| p.len());
            if let Some((p, w)) = longest
                && p.chars().next() != w.chars().next()
            {
                continue;
            }
            // A word of the name spelled right and long anchors the others:
            // then a short word may be one edit off too ("knew zealand").
            let anchored = words
                .iter()
                .zip(phrase)
                .any(|(w, p)| w == p && p.chars().count() >= 5);
            let mut total = 0;
            let mut letters = 0;
            let mut ok = true;
            for (w, p) in words.iter().zip(phrase) {
                let plen = p.chars().count();
                let allowed = match plen {
                    0..=3 if anchored => 1,
                    0..=3 => 0,
                    4..=6 => 1,
                    _ => 2,
                };
                if w.chars().any(|c| c.is_ascii_digit() || c == '#') {
                    ok = false;
                    break;
                }
                // The distance is at least the difference in length: most
                // phrases of the right number of words fail here, without
                // the table.
                let d = if w == p {
                    0
                } else if w.chars().count().abs_diff(plen) > allowed {
                    allowed + 1
                } else {
                    osa_distance(w, p)
                };
                if d > allowed {
                    ok = false;
                    break;
                }
                total += d;
                letters += plen;
            }
            if !ok || total == 0 || total * 5 > letters.max(5) + 4 {
                continue;
            }
            match best {
                Some((d, _, _)) if d < total => {}
                Some((d, t, _)) if d == total => {
                    if t != *thing {
                        tied = true;
                    }
                }
                _ => {
                    best = Some((total, *thing, phrase));
                    tied = false;
                }
            }
        }
        if tied { None } else { best.map(|(_, _, p)| p) }
    }

    /// Whether `word` is a word of a name (an alias).
    pub fn is_name(&self, word: &str) -> bool {
        self.names.contains(word)
    }

    pub fn knows(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    /// The correction for one word, if there is exactly one good candidate.
    /// Declares words that name the same thing: `groups` yields (word,
    /// thing) pairs; a tie between words of one thing picks the first.
    pub fn with_kin<'a>(mut self, groups: impl IntoIterator<Item = (&'a str, usize)>) -> Speller {
        self.kin = groups
            .into_iter()
            .map(|(w, k)| (w.to_string(), k))
            .collect();
        self
    }

    pub fn correct_word(&self, word: &str) -> Option<&str> {
        match self.candidates(word).as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }

    /// The closest vocabulary words to `word`: one, or several forms of one
    /// word ("joind": "join" and "joined", one a prefix of the other), or
    /// none (known word, too short, too far, or a tie between different
    /// words such as "austria" and "australia").
    pub fn candidates(&self, word: &str) -> Vec<&str> {
        let len = word.chars().count();
        if self.words.contains(word)
            || !(4..=30).contains(&len)
            || word.chars().any(|c| c.is_ascii_digit())
        {
            return Vec::new();
        }
        let max = max_distance(len);
        let mut best_d = usize::MAX;
        let mut best: Vec<&str> = Vec::new();
        let mut seen = HashSet::default();
        // The word and its deletions, probed as they are made; the same
        // probe twice finds only candidates already `seen`. The result does
        // not depend on the order of probes (ties are kept, then sorted).
        let mut probe = |p: &str| {
            let Some(cands) = self.deletes.get(p) else {
                return;
            };
            for &ci in cands {
                if !seen.insert(ci) {
                    continue;
                }
                let cand = self.list[ci as usize].as_str();
                let clen = cand.chars().count();
                // A 4-letter word may only grow into a name or a question
                // word, or swap two neighbouring letters ("whne" -> "when").
                let grows = self.names.contains(cand) || self.questions.contains(cand);
                if len == 4 && !(clen == 5 && grows) && !is_swap(word, cand) {
                    continue;
                }
                let allowed = max.min(max_distance(clen).max(1));
                let d = osa_distance(word, cand);
                if d == 0 || d > allowed || d > best_d {
                    continue;
                }
                if d < best_d {
                    best_d = d;
                    best.clear();
                }
                best.push(cand);
            }
        };
        probe(word);
        for_each_deletion(word, max, &mut probe);
        best.sort_by_key(|w| (w.len(), *w));
        best.dedup();
        let family = best.iter().all(|w| w.starts_with(best[0]));
        let kin = best
            .first()
            .and_then(|w| self.kin.get(*w))
            .is_some_and(|k| best.iter().all(|w| self.kin.get(*w) == Some(k)));
        if family {
            best
        } else if kin {
            best.truncate(1);
            best
        } else {
            Vec::new()
        }
    }

    /// The vocabulary words one edit from `word`, known or not: what a real
    /// word typed for another ("joint" for "joined"'s stem "join", "meat"
    /// for "meet") may have meant. Empty for words under 4 letters.
    pub fn near(&self, word: &str) -> Vec<&str> {
        let len = word.chars().count();
        if !(4..=30).contains(&len) || word.chars().any(|c| c.is_ascii_digit()) {
            return Vec::new();
        }
        let mut out: Vec<&str> = Vec::new();
        let mut seen = HashSet::default();
        let mut probe = |p: &str| {
            for &ci in self.deletes.get(p).into_iter().flatten() {
                if !seen.insert(ci) {
                    continue;
                }
                let cand = self.list[ci as usize].as_str();
                if cand.chars().count() >= 3 && osa_distance(word, cand) == 1 {
                    out.push(cand);
                }
            }
        };
        probe(word);
        for_each_deletion(word, 1, &mut probe);
        out.sort();
        out.dedup();
        out
    }

    /// Corrects every word of a normalized text.
    pub fn correct(&self, text: &str) -> (String, Vec<Correction>) {
        self.correct_variants(text, 1)
            .into_iter()
            .next()
            .unwrap_or_else(|| (text.to_string(), Vec::new()))
    }

    /// Corrected versions of `text`, at most `max`: one per combination of
    /// the forms a word may have been meant as ("joind": "join", "joined").
    pub fn correct_variants(&self, text: &str, max: usize) -> Vec<(String, Vec<Correction>)> {
        let mut variants: Vec<(Vec<&str>, Vec<Correction>)> = vec![(Vec::new(), Vec::new())];
        let words: Vec<&str> = text.split(' ').collect();
        let longest = self.phrases.iter().map(|(p, _)| p.len()).max().unwrap_or(0);
        let mut i = 0;
        'words: while i < words.len() {
            // A name of several words, misspelled: matched whole.
            for k in (2..=longest.min(words.len() - i)).rev() {
                if let Some(phrase) = self.phrase_for(&words[i..i + k]) {
                    let from = words[i..i + k].join(" ");
                    for v in &mut variants {
                        v.0.extend(phrase.iter().map(String::as_str));
                        v.1.push(Correction {
                            from: from.clone(),
                            to: phrase.join(" "),
                        });
                    }
                    i += k;
                    continue 'words;
                }
            }
            let w = words[i];
            i += 1;
            let cands = self.candidates(w);
            if cands.is_empty() {
                for v in &mut variants {
                    v.0.push(w);
                }
                continue;
            }
            let mut next = Vec::new();
            for v in &variants {
                for c in &cands {
                    if next.len() >= max.max(1) {
                        break;
                    }
                    let mut words = v.0.clone();
                    words.push(c);
                    let mut fixes = v.1.clone();
                    fixes.push(Correction {
                        from: w.to_string(),
                        to: c.to_string(),
                    });
                    next.push((words, fixes));
                }
            }
            variants = next;
        }
        variants
            .into_iter()
            .map(|(words, fixes)| (words.join(" "), fixes))
            .collect()
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
    fn a_tie_between_names_of_one_thing_is_no_ambiguity() {
        let s = Speller::new(["france", "french", "fresh"], ["france", "french"]);
        assert_eq!(
            s.correct_word("frence"),
            None,
            "france or french: different words"
        );
        let s = s.with_kin([("france", 5), ("french", 5)]);
        assert_eq!(s.correct_word("frence"), Some("france"));
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
    fn four_letter_words_may_swap_letters() {
        let s = Speller::new(["when", "talk"], [""]);
        assert_eq!(s.correct_word("wehn"), Some("when"));
        assert_eq!(s.correct_word("tall"), None);
    }

    #[test]
    fn corrects_a_sentence() {
        let (text, fixes) = speller().correct("when did frnace join");
        assert_eq!(text, "when did france join");
        assert_eq!(fixes.len(), 1);
    }

    #[test]
    fn forms_of_one_word_are_all_offered() {
        let s = Speller::new(["join", "joined", "when", "did"], ["italy"]);
        assert_eq!(s.candidates("joind"), vec!["join", "joined"]);
        let v = s.correct_variants("when did itly joind", 4);
        let texts: Vec<&str> = v.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, vec!["when did italy join", "when did italy joined"]);
    }

    fn named() -> Speller {
        Speller::new(
            [
                "what", "did", "say", "the", "meeting", "meetings", "when", "joined",
            ],
            [
                "chance", "change", "saltzman", "stephen", "whiting", "new", "zealand", "meeting",
                "robert", "brose",
            ],
        )
        .with_phrases([
            ("chance saltzman", 1),
            ("stephen whiting", 2),
            ("new zealand", 3),
            ("robert brose", 4),
            ("the meeting", 5),
        ])
    }

    #[test]
    fn a_misspelled_name_of_several_words_is_matched_whole() {
        let s = named();
        // "chanse" alone is one edit from "chance" and from "change": a tie;
        // beside "saltsman" it can only be Chance Saltzman.
        assert_eq!(s.correct_word("chanse"), None);
        let (text, fixes) = s.correct("what did chanse saltsman say");
        assert_eq!(text, "what did chance saltzman say");
        assert_eq!(fixes[0].from, "chanse saltsman");
        assert_eq!(
            s.correct("what did steven whitting say").0,
            "what did stephen whiting say"
        );
        assert_eq!(s.correct("robert brosse").0, "robert brose");
        // A long word of the name spelled right anchors a short one.
        assert_eq!(
            s.correct("knew zealand joined when").0,
            "new zealand joined when"
        );
    }

    #[test]
    fn a_name_of_several_words_is_not_made_of_known_or_far_words() {
        let s = named();
        // All words known: they say what they say.
        assert_eq!(s.correct("the meetings").0, "the meetings");
        // Too far: "chad" is no "chance", and the start of the name's
        // longest word must be right.
        assert_eq!(s.correct("chad saltzmann").0, "chad saltzman");
        // ("xaltsman" alone is two edits from "saltzman": the word speller
        // takes it; "chanse" stays a tie.)
        assert_eq!(s.correct("chanse xaltsman").0, "chanse saltzman");
    }

    #[test]
    fn a_four_letter_word_may_grow_into_a_question_word() {
        let s = Speller::new(["where", "which", "there", "tell", "whey"], ["italy"])
            .with_questions(["where", "which"]);
        assert_eq!(s.correct_word("wher"), Some("where"));
        assert_eq!(s.correct_word("whic"), Some("which"));
        // "ther" would grow into "there", which is no question word.
        assert_eq!(s.correct_word("ther"), None);
        assert_eq!(s.correct_word("tall"), None);
    }
}
