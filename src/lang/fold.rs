//! Normalization per script: what a language's questions and lexicon
//! entries are folded to before they are compared.
//!
//! - Latin script (fr, de, it, no): NFKC, lowercase, accents and umlauts
//!   folded to their base letter ("Norvège" = "norvege", "Königreich" =
//!   "konigreich"), the letters that do not decompose spelled out (ß → ss,
//!   ø → o, æ → ae, œ → oe, đ/ł → d/l), apostrophes and hyphens split words
//!   ("l'Italie" → "l italie", "a-t-elle" → "a t elle"), other punctuation
//!   dropped, one space between words.
//! - Japanese: NFKC (full-width letters and digits become ASCII,
//!   half-width katakana full-width), katakana long-vowel marks unified
//!   ("ー", "－", "〜" after kana), small variants kept; then the text is
//!   segmented by [`segment`], since it has no spaces.
//!
//! A question is capped at [`crate::normalize::MAX_INPUT_BYTES`].

use crate::normalize::MAX_INPUT_BYTES;
use std::collections::HashSet;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Cuts `s` to at most `max` bytes at a character boundary.
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

/// Folds Latin-script text: lowercase words of letters and digits with
/// accents removed, single spaces.
pub fn fold_latin(input: &str) -> String {
    let input = truncate(input, MAX_INPUT_BYTES);
    // Dotted abbreviations are one word: "U.S." is "us".
    let undotted;
    let input = if input.contains('.') {
        undotted = input
            .split(' ')
            .map(|w| {
                let letters = w.trim_end_matches('.');
                let parts: Vec<&str> = letters.split('.').collect();
                if parts.len() > 1 && parts.iter().all(|p| p.chars().count() == 1) {
                    parts.concat()
                } else {
                    w.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
        undotted.as_str()
    } else {
        input
    };
    let mut out = String::with_capacity(input.len());
    let mut space = true;
    let push_space = |out: &mut String, space: &mut bool| {
        if !*space {
            out.push(' ');
            *space = true;
        }
    };
    for c in input.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        let mapped: &str = match c {
            'ß' | 'ẞ' => "ss",
            'ø' | 'Ø' => "o",
            'æ' | 'Æ' => "ae",
            'œ' | 'Œ' => "oe",
            'đ' | 'Đ' => "d",
            'ł' | 'Ł' => "l",
            'ı' => "i",
            _ => "",
        };
        if !mapped.is_empty() {
            out.push_str(mapped);
            space = false;
        } else if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                out.push(l);
            }
            space = false;
        } else if c == '&' {
            push_space(&mut out, &mut space);
            out.push('&');
            space = false;
            push_space(&mut out, &mut space);
        } else {
            push_space(&mut out, &mut space);
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Whether `c` is kana or a CJK ideograph (or the iteration mark).
pub fn is_japanese(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{309F}' // hiragana
        | '\u{30A0}'..='\u{30FF}' // katakana
        | '\u{31F0}'..='\u{31FF}'
        | '\u{FF66}'..='\u{FF9F}' // half-width katakana
        | '\u{4E00}'..='\u{9FFF}' // CJK ideographs
        | '\u{3400}'..='\u{4DBF}'
        | '\u{3005}' | '\u{3006}')
}

fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}')
}

fn is_hiragana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{3096}')
}

/// Folds Japanese text before segmentation: NFKC (full-width ASCII and
/// half-width kana), lowercase Latin, the long-vowel mark written one way,
/// punctuation as spaces. Words stay run together.
pub fn fold_japanese(input: &str) -> String {
    let input = truncate(input, MAX_INPUT_BYTES);
    let mut out = String::with_capacity(input.len());
    let mut prev: Option<char> = None;
    let mut space = true;
    for c in input.nfkc() {
        let c = match c {
            // Long-vowel marks: after kana, dashes and waves mean "ー".
            '－' | '-' | '〜' | '~' | '—' | '―' | 'ｰ' | '‐'
                if prev.is_some_and(|p| is_katakana(p) || is_hiragana(p) || p == 'ー') =>
            {
                'ー'
            }
            other => other,
        };
        if c.is_alphanumeric() || c == 'ー' || is_japanese(c) {
            for l in c.to_lowercase() {
                out.push(l);
            }
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
        prev = Some(c);
    }
    while out.ends_with(' ') {
        out.pop();
    }
    // A Latin word next to Japanese is a word of its own ("cspoの").
    let mut spaced = String::with_capacity(out.len() + 8);
    let mut last: Option<char> = None;
    for c in out.chars() {
        if let Some(l) = last
            && l != ' '
            && c != ' '
            && (l.is_ascii_alphanumeric() != c.is_ascii_alphanumeric())
        {
            spaced.push(' ');
        }
        spaced.push(c);
        last = Some(c);
    }
    spaced
}

/// Segments folded Japanese text into words of `dict` (lexicon entries and
/// names, folded): the split that leaves the fewest characters uncovered,
/// then has the fewest words; characters no word covers are grouped into
/// runs of one script (kanji, hiragana, katakana), each run a word.
/// Spaces and ASCII words stay. Linear in the length times `max_chars`.
pub fn segment(text: &str, dict: &HashSet<String>, max_chars: usize) -> String {
    let mut words: Vec<String> = Vec::new();
    for chunk in text.split(' ').filter(|c| !c.is_empty()) {
        if chunk.is_ascii() {
            words.push(chunk.to_string());
            continue;
        }
        let chars: Vec<char> = chunk.chars().collect();
        let n = chars.len();
        // The split with the fewest characters no word covers, then the
        // fewest words ("どこですか" is "どこ ですか", not "どこで す か"):
        // best[i] is the cost of chars[..i] and where its last word began.
        let mut best: Vec<(usize, usize, usize, bool)> =
            vec![(usize::MAX, usize::MAX, 0, false); n + 1];
        best[0] = (0, 0, 0, false);
        for i in 0..n {
            let (unk, w, _, _) = best[i];
            if unk == usize::MAX {
                continue;
            }
            // One character no word covers.
            let cand = (unk + 1, w + 1, i, false);
            if (cand.0, cand.1) < (best[i + 1].0, best[i + 1].1) {
                best[i + 1] = cand;
            }
            for l in 1..=max_chars.min(n - i) {
                let word: String = chars[i..i + l].iter().collect();
                if dict.contains(&word) {
                    let cand = (unk, w + 1, i, true);
                    if (cand.0, cand.1) < (best[i + l].0, best[i + l].1) {
                        best[i + l] = cand;
                    }
                }
            }
        }
        let mut pieces: Vec<(String, bool)> = Vec::new();
        let mut end = n;
        while end > 0 {
            let (_, _, start, known) = best[end];
            pieces.push((chars[start..end].iter().collect(), known));
            end = start;
        }
        pieces.reverse();
        let mut unknown = String::new();
        let flush = |unknown: &mut String, words: &mut Vec<String>| {
            if unknown.is_empty() {
                return;
            }
            // Split the unknown run where the script changes.
            let mut run = String::new();
            let mut class = 0u8;
            for c in unknown.chars() {
                let k = script_class(c);
                if !run.is_empty() && k != class {
                    words.push(std::mem::take(&mut run));
                }
                class = k;
                run.push(c);
            }
            if !run.is_empty() {
                words.push(run);
            }
            unknown.clear();
        };
        for (piece, known) in pieces {
            if known {
                flush(&mut unknown, &mut words);
                words.push(piece);
            } else {
                unknown.push_str(&piece);
            }
        }
        flush(&mut unknown, &mut words);
    }
    words.join(" ")
}

fn script_class(c: char) -> u8 {
    if is_hiragana(c) {
        1
    } else if is_katakana(c) || c == 'ー' {
        2
    } else if c.is_ascii_digit() {
        3
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_text_folds_accents_and_splits_elisions() {
        assert_eq!(
            fold_latin("Quand l'Italie a-t-elle rejoint le CSpO ?"),
            "quand l italie a t elle rejoint le cspo"
        );
        assert_eq!(
            fold_latin("Norvège, Königreich, Größe"),
            "norvege konigreich grosse"
        );
        assert_eq!(
            fold_latin("Når ble Norge medlem? Østerrike, Æ"),
            "nar ble norge medlem osterrike ae"
        );
        assert_eq!(fold_latin("« jaw-dropping »"), "jaw dropping");
        assert_eq!(fold_latin("le U.S. Space Command."), "le us space command");
    }

    #[test]
    fn japanese_folds_width_and_long_vowels() {
        assert_eq!(fold_japanese("ＣＳｐＯの加盟国は？"), "cspo の加盟国は");
        assert_eq!(fold_japanese("ノルウェ－"), "ノルウェー");
        assert_eq!(fold_japanese("ﾉﾙｳｪｰ"), "ノルウェー");
        assert_eq!(fold_japanese("2023年"), "2023 年");
    }

    #[test]
    fn japanese_is_segmented_by_the_longest_known_word() {
        let dict: HashSet<String> = ["日本", "いつ", "加盟", "加盟国", "は", "した", "の"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            segment("日本はいつ加盟したの", &dict, 8),
            "日本 は いつ 加盟 した の"
        );
        assert_eq!(segment("cspo の加盟国", &dict, 8), "cspo の 加盟国");
        // Unknown runs split by script.
        assert_eq!(
            segment("予算はいくらですか", &dict, 8),
            "予算 は いくらですか"
        );
    }

    #[test]
    fn hostile_input_is_bounded() {
        let long = "é".repeat(5000);
        assert!(fold_latin(&long).len() <= MAX_INPUT_BYTES);
        assert!(fold_japanese(&"日".repeat(5000)).len() <= MAX_INPUT_BYTES);
    }
}
