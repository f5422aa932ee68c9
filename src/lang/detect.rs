//! The language of a question, from its text.
//!
//! Japanese by its script: kana and kanji make at least a third of the
//! letters. A Latin-script question is scored against each language's
//! lexicon and against English (the intents' and concepts' words): each
//! word counts for the languages that know it, shared out among them
//! ("de" is French and Norwegian, "in" English, German and Italian), words
//! in quotes and names not at all ("Qui a dit « jaw-dropping » ?").
//! `whatlang` adds its vote, weighted by its confidence, and the user's
//! interface language (Telegram's `language_code`) a small one: a hint,
//! never the rule. English stays the default: another language wins only
//! with a higher score than English and than every other language.

use super::{Lang, Languages, fold};
use std::collections::HashSet;

/// What a language needs at least to be chosen over English.
const MIN_SCORE: f32 = 0.9;
/// The weight of whatlang's vote (times its confidence).
const WHATLANG: f32 = 0.75;
/// The weight of the interface language.
const HINT: f32 = 0.3;

/// Whether `c` opens or closes a quotation.
fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '«' | '»' | '“' | '”' | '„' | '‟' | '‹' | '›' | '「' | '」' | '『' | '』'
    )
}

/// `text` without what stands between quotes.
fn unquoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut inside = false;
    for c in text.chars() {
        if is_quote(c) {
            inside = !inside;
            out.push(' ');
        } else if !inside {
            out.push(c);
        }
    }
    // An unclosed quote: keep the text.
    if inside { text.to_string() } else { out }
}

/// What stands between quotes in `text` (joined by spaces).
pub fn quoted(text: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in text.chars() {
        if is_quote(c) {
            inside = !inside;
            out.push(' ');
        } else if inside {
            out.push(c);
        }
    }
    out.trim().to_string()
}

fn whatlang_code(l: whatlang::Lang) -> Option<Lang> {
    match l {
        whatlang::Lang::Fra => Some(Lang::Fr),
        whatlang::Lang::Deu => Some(Lang::De),
        whatlang::Lang::Ita => Some(Lang::It),
        whatlang::Lang::Nob => Some(Lang::No),
        whatlang::Lang::Jpn => Some(Lang::Ja),
        _ => None,
    }
}

/// Scores per language (English last) for the words of `text`, names
/// (`is_name`) left out.
pub fn scores(
    langs: &Languages,
    text: &str,
    hint: Option<Lang>,
    is_name: &dyn Fn(&str) -> bool,
) -> (Vec<(Lang, f32)>, f32) {
    let text = unquoted(text);
    let folded = fold::fold_latin(&text);
    let words: Vec<&str> = folded
        .split(' ')
        .filter(|w| !w.is_empty() && !w.bytes().all(|b| b.is_ascii_digit()) && !is_name(w))
        .collect();
    let latin: Vec<&super::Pack> = langs.packs.iter().filter(|p| p.lang != Lang::Ja).collect();
    let mut score: Vec<(Lang, f32)> = latin.iter().map(|p| (p.lang, 0.0)).collect();
    let mut own: Vec<f32> = vec![0.0; latin.len()];
    let mut english = 0.0f32;
    for w in &words {
        let in_en = langs.english.contains(*w);
        if !in_en {
            // Words English does not know: a letter counts half ("e", "l").
            let weight = if w.chars().count() == 1 { 0.5 } else { 1.0 };
            for (k, p) in latin.iter().enumerate() {
                if p.vocabulary.contains(*w) {
                    own[k] += weight;
                }
            }
        }
        let having: Vec<usize> = (0..latin.len())
            .filter(|&k| latin[k].vocabulary.contains(*w))
            .collect();
        let n = having.len() + usize::from(in_en);
        if n == 0 {
            continue;
        }
        let share = 1.0 / n as f32;
        for k in having {
            score[k].1 += share;
        }
        if in_en {
            english += share;
        }
    }
    // A language needs two words of its own that English does not know
    // ("uk join wen" is no German), or one when the hint is that language
    // ("und Kanada?" in a German conversation).
    let needed = |l: Lang| if hint == Some(l) { 1.0 } else { 2.0 };
    let open = score.iter().zip(&own).any(|(&(l, _), &o)| o >= needed(l));
    // When no language passes that test, every score is 0 and English wins
    // whatever whatlang says: it is not asked (it was most of the cost of
    // an English question). `english` then lacks whatlang's vote, which no
    // caller can tell: it only ever competes with a score above 0.
    if open && words.len() >= 2 {
        let mut allow = vec![whatlang::Lang::Eng];
        for p in &latin {
            allow.push(match p.lang {
                Lang::Fr => whatlang::Lang::Fra,
                Lang::De => whatlang::Lang::Deu,
                Lang::It => whatlang::Lang::Ita,
                Lang::No => whatlang::Lang::Nob,
                Lang::Ja => whatlang::Lang::Jpn,
            });
        }
        let detector = whatlang::Detector::with_allowlist(allow);
        if let Some(info) = detector.detect(&words.join(" ")) {
            let vote = WHATLANG * info.confidence() as f32;
            match whatlang_code(info.lang()) {
                Some(l) => {
                    if let Some(s) = score.iter_mut().find(|(x, _)| *x == l) {
                        s.1 += vote;
                    }
                }
                None => english += vote,
            }
        }
    }
    if let Some(h) = hint
        && let Some(s) = score.iter_mut().find(|(x, _)| *x == h)
        && s.1 > 0.0
    {
        s.1 += HINT;
    }
    for (k, (l, s)) in score.iter_mut().enumerate() {
        if own[k] < needed(*l) {
            *s = 0.0;
        }
    }
    (score, english)
}

/// The language of `question` (`None`: English).
pub fn detect(langs: &Languages, question: &str, hint: Option<Lang>) -> Option<Lang> {
    detect_with(langs, question, hint, &|_| false)
}

/// [`detect`], with the words `is_name` says are names left out.
pub fn detect_with(
    langs: &Languages,
    question: &str,
    hint: Option<Lang>,
    is_name: &dyn Fn(&str) -> bool,
) -> Option<Lang> {
    if is_japanese(langs, question) {
        return Some(Lang::Ja);
    }
    if short_ascii(question) {
        return None;
    }
    let (score, english) = scores(langs, question, hint, is_name);
    pick(&score, english)
}

/// Japanese by its script (see the module doc).
pub(crate) fn is_japanese(langs: &Languages, question: &str) -> bool {
    if langs.get(Lang::Ja).is_some() {
        let ja = question.chars().filter(|c| fold::is_japanese(*c)).count();
        let letters = question.chars().filter(|c| c.is_alphabetic()).count();
        if ja > 0 && ja * 3 >= letters {
            return true;
        }
    }
    false
}

/// One ASCII word is English.
fn short_ascii(question: &str) -> bool {
    question.is_ascii() && question.split_whitespace().count() < 2
}

/// What [`detect`] and [`contested`] answer, scoring the question once.
pub fn detect_and_contested(
    langs: &Languages,
    question: &str,
    hint: Option<Lang>,
) -> (Option<Lang>, bool) {
    let (score, english) = scores(langs, question, hint, &|_| false);
    let first = if is_japanese(langs, question) {
        Some(Lang::Ja)
    } else if short_ascii(question) {
        None
    } else {
        pick(&score, english)
    };
    (first, score.iter().any(|(_, s)| *s >= MIN_SCORE))
}

/// The language that beats English and every other, if one does.
fn pick(score: &[(Lang, f32)], english: f32) -> Option<Lang> {
    let mut best: Option<(Lang, f32)> = None;
    let mut second = 0.0f32;
    for &(l, s) in score {
        match best {
            Some((_, b)) if s <= b => second = second.max(s),
            _ => {
                if let Some((_, b)) = best {
                    second = second.max(b);
                }
                best = Some((l, s));
            }
        }
    }
    let (lang, s) = best?;
    (s >= MIN_SCORE && s > english && s > second).then_some(lang)
}

/// Whether some language scores enough on `question` to be chosen, were
/// it not for English (whose words may be names: "Chief of Space
/// Operations der US Space Force").
pub fn contested(langs: &Languages, question: &str, hint: Option<Lang>) -> bool {
    let (score, _) = scores(langs, question, hint, &|_| false);
    score.iter().any(|(_, s)| *s >= MIN_SCORE)
}

/// Words of `text` for the names check: lowercase, folded.
pub fn words(text: &str) -> HashSet<String> {
    fold::fold_latin(text)
        .split(' ')
        .map(str::to_string)
        .collect()
}

/// The languages `question` may be in besides English, best first: each
/// that has a word of its own in it ("gesagt", "hvem"), scored as if its
/// user had said so. For a question English did not understand: the
/// languages to try it in before declining.
pub fn candidates(langs: &Languages, question: &str) -> Vec<Lang> {
    let mut out: Vec<(Lang, f32)> = Vec::new();
    for p in langs.packs.iter().filter(|p| p.lang != Lang::Ja) {
        let (score, english) = scores(langs, question, Some(p.lang), &|_| false);
        if let Some((_, s)) = score.iter().find(|(l, _)| *l == p.lang)
            && *s > 0.0
        {
            out.push((p.lang, *s - english));
        }
    }
    out.sort_by(|a, b| b.1.total_cmp(&a.1));
    out.into_iter().map(|(l, _)| l).collect()
}
