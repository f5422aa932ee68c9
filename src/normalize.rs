//! Question normalization: the first stage of the engine.
//!
//! Patterns and aliases are written against normalized text, so everything
//! that people type differently but mean the same is made equal here: Unicode
//! forms (NFKC), case, curly quotes, contractions, punctuation, dotted
//! abbreviations ("U.S." is "usa", "N.Z." is "nz"), a leading `@botname`
//! mention or `/ask` command, and country flag emoji (mapped to the
//! country's name by the caller-supplied flag table).
//!
//! The output is lowercase ASCII-ish words (letters and digits of any script
//! survive) separated by single spaces, with no leading or trailing space.

use std::borrow::Cow;
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

/// Maps a pair of regional-indicator letters ("DE") to a country name.
pub type FlagTable = HashMap<String, String>;

/// Longest question the engine looks at, in bytes; the rest is ignored.
/// Real questions are far shorter; this bounds the work on hostile input.
pub const MAX_INPUT_BYTES: usize = 1024;

/// Normalizes `input` for matching. Never panics, whatever the input.
///
/// Written to allocate little: it runs on every question (and again on each
/// clause of a long message), and its allocations were a fifth of the
/// engine's instructions. ASCII input skips NFKC (ASCII is already in NFKC)
/// and the character pass when it holds no character that pass rewrites;
/// words are lowercased, expanded and collapsed as borrowed slices unless
/// they actually change.
pub fn normalize(input: &str, flags: &FlagTable) -> String {
    let input = truncate(input, MAX_INPUT_BYTES);
    let input = strip_address(input.trim_start());
    let pass1 = if input.is_ascii() {
        // Of the first pass, only the backquote and '&' rules can apply.
        if input.bytes().any(|b| b == b'`' || b == b'&') {
            Cow::Owned(ascii_pass1(input))
        } else {
            Cow::Borrowed(input)
        }
    } else {
        let nfkc: String = input.nfkc().collect();
        Cow::Owned(pass1(&nfkc, flags))
    };

    // Pass 2: word by word.
    let mut out = String::with_capacity(pass1.len());
    for raw in pass1.split_whitespace() {
        if raw.starts_with('@') {
            continue; // a mention of a bot or a user is not part of the question
        }
        let word: Cow<str> = if is_us(raw) {
            Cow::Borrowed("usa")
        } else if !raw.is_ascii() {
            Cow::Owned(raw.to_lowercase())
        } else if raw.bytes().any(|b| b.is_ascii_uppercase()) {
            // For ASCII, `to_lowercase` is `to_ascii_lowercase`.
            Cow::Owned(raw.to_ascii_lowercase())
        } else {
            Cow::Borrowed(raw)
        };
        let word = expand_contraction(&word);
        let word = collapse_dotted(&word);
        push_words(&mut out, &word);
    }
    out
}

/// The question without the flag emoji after its last question mark (or
/// full stop, or "!"), when there are some: "is that right? 🇫🇷" decorates
/// the question with a flag, it names no country of it. `None` when no
/// flag follows the question's end.
pub fn without_trailing_flags(input: &str) -> Option<String> {
    let end = input.rfind(['?', '!', '.'])?;
    let (question, tail) = input.split_at(end + 1);
    if !tail.chars().any(|c| regional_letter(c).is_some()) {
        return None;
    }
    let kept: String = tail
        .chars()
        .filter(|&c| regional_letter(c).is_none())
        .collect();
    Some(format!("{question}{kept}"))
}

/// The first pass on ASCII text: what [`pass1`] does to it.
fn ascii_pass1(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 8);
    for c in input.chars() {
        match c {
            '`' => out.push('\''),
            '&' => out.push_str(" and "),
            _ => out.push(c),
        }
    }
    out
}

/// Pass 1: flags, invisible characters, quotes and apostrophes.
fn pass1(nfkc: &str, flags: &FlagTable) -> String {
    let mut pass1 = String::with_capacity(nfkc.len() + 8);
    let mut chars = nfkc.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(a) = regional_letter(c) {
            if let Some(b) = chars.peek().copied().and_then(regional_letter) {
                chars.next();
                let code: String = [a, b].iter().collect();
                if let Some(name) = flags.get(&code) {
                    pass1.push(' ');
                    pass1.push_str(name);
                    pass1.push(' ');
                }
                continue;
            }
            continue;
        }
        if is_invisible(c) {
            continue; // zero-width and direction marks: "ja\u{200B}pan" is "japan"
        }
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => {
                pass1.push('\'')
            }
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => pass1.push('"'),
            '&' => pass1.push_str(" and "),
            _ => pass1.push(c),
        }
    }
    pass1
}

/// Removes a leading `/ask`, `/ask@bot` (any command addressed to the engine
/// is the caller's business; only `/ask` carries a question).
fn strip_address(s: &str) -> &str {
    let lower_starts = |p: &str| {
        s.len() >= p.len() && s.is_char_boundary(p.len()) && s[..p.len()].eq_ignore_ascii_case(p)
    };
    if lower_starts("/ask") {
        let rest = &s[4..];
        let rest = match rest.strip_prefix('@') {
            Some(r) => r.trim_start_matches(|c: char| c.is_alphanumeric() || c == '_'),
            None => rest,
        };
        // "/asking" is not "/ask".
        if rest.is_empty()
            || rest.starts_with(|c: char| c.is_whitespace() || c.is_ascii_punctuation())
        {
            return rest;
        }
    }
    s
}

fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Format characters that change nothing visible: zero-width spaces and
/// joiners, direction marks and overrides, the soft hyphen, the BOM.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}')
}

fn regional_letter(c: char) -> Option<char> {
    let u = c as u32;
    (0x1F1E6..=0x1F1FF)
        .contains(&u)
        .then(|| char::from(b'A' + (u - 0x1F1E6) as u8))
}

/// "US", "U.S.", "U.S.A.", "USA" in capitals, and dotted "u.s." in any case,
/// are the United States; a lowercase "us" is the pronoun.
fn is_us(raw: &str) -> bool {
    let w = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
    let w = w.trim_end_matches('.');
    if let Some(rest) = raw
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'')
        .strip_suffix("'s")
    {
        return is_us(rest);
    }
    matches!(w, "US" | "U.S" | "U.S.A" | "USA")
        || ["u.s", "u.s.a", "usa"]
            .iter()
            .any(|u| w.eq_ignore_ascii_case(u))
}

fn expand_contraction(w: &str) -> Cow<'_, str> {
    let w = w.trim_matches(|c: char| c == '\'' || c == '"');
    const FULL: &[(&str, &str)] = &[
        ("won't", "will not"),
        ("can't", "can not"),
        ("cannot", "can not"),
        ("i'm", "i am"),
        ("let's", "let us"),
        ("it's", "it is"),
        ("that's", "that is"),
        ("what's", "what is"),
        ("who's", "who is"),
        ("where's", "where is"),
        ("when's", "when is"),
        ("how's", "how is"),
        ("there's", "there is"),
        ("here's", "here is"),
        ("whats", "what is"),
        ("whos", "who is"),
        ("wheres", "where is"),
    ];
    for (from, to) in FULL {
        if w == *from {
            return Cow::Borrowed(to);
        }
    }
    if let Some(stem) = w.strip_suffix("n't") {
        return Cow::Owned(format!("{stem} not"));
    }
    for (suffix, word) in [
        ("'re", " are"),
        ("'ve", " have"),
        ("'ll", " will"),
        ("'d", " would"),
    ] {
        if let Some(stem) = w.strip_suffix(suffix) {
            return Cow::Owned(format!("{stem}{word}"));
        }
    }
    // Possessive: "japan's" is "japan", "members'" is "members".
    let w = w.strip_suffix("'s").unwrap_or(w);
    if w.contains('\'') {
        Cow::Owned(w.replace('\'', ""))
    } else {
        Cow::Borrowed(w)
    }
}

/// Joins dotted single letters: "n.z." becomes "nz", "gen." stays "gen.".
fn collapse_dotted(w: &str) -> Cow<'_, str> {
    if !w.contains('.') {
        return Cow::Borrowed(w);
    }
    let parts: Vec<&str> = w.split('.').filter(|p| !p.is_empty()).collect();
    if parts.len() >= 2
        && parts
            .iter()
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
    {
        return Cow::Owned(parts.concat());
    }
    Cow::Borrowed(w)
}

/// Appends the alphanumeric runs of `word` to `out`, space-separated.
fn push_words(out: &mut String, word: &str) {
    // The common case, a word of lowercase ASCII letters and digits, whole.
    if !word.is_empty()
        && word
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
        return;
    }
    let mut in_word = false;
    for c in word.chars() {
        if c.is_alphanumeric() {
            if !in_word && !out.is_empty() {
                out.push(' ');
            }
            in_word = true;
            // to_lowercase can yield several chars; keep them all.
            for l in c.to_lowercase() {
                out.push(l);
            }
        } else {
            in_word = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> String {
        let mut flags = FlagTable::new();
        flags.insert("DE".into(), "Germany".into());
        normalize(s, &flags)
    }

    #[test]
    fn case_punctuation_and_spaces() {
        assert_eq!(n("  When did   JAPAN join??!! "), "when did japan join");
        assert_eq!(n("jaw-dropping speed"), "jaw dropping speed");
    }

    #[test]
    fn curly_quotes_and_contractions() {
        assert_eq!(n("What’s the CSpO?"), "what is the cspo");
        assert_eq!(n("Japan's join year"), "japan join year");
        assert_eq!(n("didn't they"), "did not they");
        assert_eq!(n("“quoted”"), "quoted");
    }

    #[test]
    fn united_states_spellings() {
        assert_eq!(n("Is the US a member?"), "is the usa a member");
        assert_eq!(n("when did the U.S. join"), "when did the usa join");
        assert_eq!(n("u.s.a."), "usa");
        assert_eq!(n("tell us more"), "tell us more");
        assert_eq!(n("U.S. Space Command"), "usa space command");
    }

    #[test]
    fn dotted_abbreviations() {
        assert_eq!(n("the U.K. and N.Z."), "the uk and nz");
        assert_eq!(n("Gen. Saltzman"), "gen saltzman");
    }

    #[test]
    fn mentions_and_ask_prefix() {
        assert_eq!(n("@cspo_bot who joined in 2023?"), "who joined in 2023");
        assert_eq!(n("/ask@cspo_bot who joined"), "who joined");
        assert_eq!(n("/ask who joined"), "who joined");
        assert_eq!(n("/asking"), "asking");
    }

    #[test]
    fn flag_emoji_become_country_names() {
        assert_eq!(n("when did 🇩🇪 join"), "when did germany join");
        // An unknown flag disappears rather than leaving junk.
        assert_eq!(n("🇿🇿 hi"), "hi");
    }

    #[test]
    fn unicode_forms_fold() {
        assert_eq!(n("ＪＡＰＡＮ"), "japan");
        assert_eq!(n("Zürich"), "zürich");
    }

    #[test]
    fn hostile_input_is_bounded() {
        let long = "é".repeat(5000);
        assert!(n(&long).len() <= MAX_INPUT_BYTES);
        assert_eq!(n(""), "");
        assert_eq!(n("\u{200B}\u{202E}?!"), "");
        assert_eq!(n("ja\u{200B}pan\u{200F}"), "japan");
        assert_eq!(n("\u{202E}naj\u{202C}"), "naj");
    }

    #[test]
    fn a_flag_after_the_question_mark_is_decoration() {
        assert_eq!(
            without_trailing_flags("is that right? \u{1F1EB}\u{1F1F7}").as_deref(),
            Some("is that right? ")
        );
        assert_eq!(
            without_trailing_flags("is \u{1F1F3}\u{1F1FF} a founder?"),
            None
        );
        assert_eq!(without_trailing_flags("when did uk join"), None);
    }
}
