//! `cspo-bot eval`: scores a case file, the format of `shared/eval/dev.jsonl`.
//!
//! A case is `{"q", "expect", "forbid"}`, `{"q", "decline": true}`,
//! `{"q", "decline_or", "forbid"}` or `{"dialog": [case, ...]}`; lines
//! starting with `//` are comments. Matching is case-insensitive on whole
//! words, and an alternative ending in `*` matches a word prefix, exactly
//! as the reference scorer does. Failures are grouped by intent.

use crate::engine::{Context, Engine};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

#[derive(Debug, Clone, Deserialize)]
pub struct Case {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub expect: Vec<String>,
    #[serde(default)]
    pub forbid: Vec<String>,
    #[serde(default)]
    pub decline: bool,
    pub decline_or: Option<Vec<String>>,
    pub dialog: Option<Vec<Case>>,
}

/// Parses a JSONL case file; errors name the line.
pub fn parse_cases(text: &str) -> anyhow::Result<Vec<Case>> {
    let mut cases = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with("//") {
            continue;
        }
        let case: Case =
            serde_json::from_str(line).map_err(|e| anyhow::anyhow!("line {}: {e}", n + 1))?;
        cases.push(case);
    }
    Ok(cases)
}

/// Whether `c` is a CJK character, which counts as a word boundary
/// (Japanese has no spaces between words): the ranges of score.py's `CJK`.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{30ff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}'
        | '\u{ff00}'..='\u{ffef}')
}

fn is_word(c: char) -> bool {
    (c.is_alphanumeric() || c == '_') && !is_cjk(c)
}

/// Whether any `|`-separated alternative of `group` occurs in `text`.
pub fn matches(group: &str, text: &str) -> bool {
    let lower = text.to_lowercase();
    group
        .split('|')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .any(|alt| {
            let prefix = alt.ends_with('*');
            let core = alt.trim_end_matches('*').to_lowercase();
            lower.match_indices(&core).any(|(i, _)| {
                let before_ok = lower[..i].chars().next_back().is_none_or(|c| !is_word(c));
                let after_ok = prefix
                    || lower[i + core.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !is_word(c));
                before_ok && after_ok
            })
        })
}

fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Judges one reply; `None` when it passes.
pub fn judge(case: &Case, intent: Option<&str>, answer: &str) -> Option<String> {
    let answer = strip_tags(answer);
    let declined = intent.is_none();
    for f in &case.forbid {
        if !declined && matches(f, &answer) {
            return Some(format!("forbidden {f:?} present"));
        }
    }
    if case.decline {
        return if declined {
            None
        } else {
            Some(format!(
                "should decline, answered as {}",
                intent.unwrap_or("")
            ))
        };
    }
    if let Some(alts) = &case.decline_or {
        if declined {
            return None;
        }
        let missing: Vec<&String> = alts.iter().filter(|e| !matches(e, &answer)).collect();
        return if missing.is_empty() {
            None
        } else {
            Some(format!("missing {missing:?}"))
        };
    }
    if declined {
        return Some("declined".into());
    }
    let missing: Vec<&String> = case
        .expect
        .iter()
        .filter(|e| !matches(e, &answer))
        .collect();
    if missing.is_empty() {
        None
    } else {
        Some(format!("missing {missing:?}"))
    }
}

#[derive(Debug, Clone)]
pub struct Failure {
    pub question: String,
    pub intent: Option<String>,
    pub why: String,
    pub answer: String,
}

#[derive(Debug, Default)]
pub struct Report {
    pub total: usize,
    pub failures: Vec<Failure>,
}

impl Report {
    pub fn display(&self, verbose: bool) -> String {
        let mut out = String::new();
        let mut by_intent: BTreeMap<String, Vec<&Failure>> = BTreeMap::new();
        for f in &self.failures {
            by_intent
                .entry(f.intent.clone().unwrap_or_else(|| "(declined)".into()))
                .or_default()
                .push(f);
        }
        for (intent, fails) in &by_intent {
            let _ = writeln!(out, "{intent}: {} failure(s)", fails.len());
            for f in fails {
                let _ = writeln!(out, "  FAIL {:?}: {}", f.question, f.why);
                if verbose {
                    let _ = writeln!(
                        out,
                        "       answer: {:?}",
                        f.answer.chars().take(200).collect::<String>()
                    );
                }
            }
        }
        let passed = self.total - self.failures.len();
        let _ = writeln!(out, "{passed} passed, {} failed", self.failures.len());
        let _ = writeln!(
            out,
            "accuracy {passed}/{} = {:.1}%",
            self.total,
            100.0 * passed as f64 / self.total.max(1) as f64
        );
        out
    }
}

/// Runs every case: single questions each in a fresh context, dialogs in one.
pub fn run(engine: &Engine, cases: &[Case]) -> Report {
    let mut report = Report::default();
    for case in cases {
        let turns: Vec<&Case> = match &case.dialog {
            Some(d) => d.iter().collect(),
            None => vec![case],
        };
        let mut ctx = Context::default();
        for turn in turns {
            report.total += 1;
            let a = engine.answer(&turn.q, &mut ctx);
            if let Some(why) = judge(turn, a.intent.as_deref(), &a.text) {
                let prefix = if case.dialog.is_some() {
                    "[dialog] "
                } else {
                    ""
                };
                report.failures.push(Failure {
                    question: format!("{prefix}{}", turn.q),
                    intent: a.intent.clone(),
                    why,
                    answer: a.text.clone(),
                });
            }
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_and_prefixes() {
        assert!(matches("no|not", "No, Brazil is not a member."));
        assert!(!matches("no", "Norway joined"));
        assert!(matches("America*", "the Americans"));
        assert!(matches("U.S.", "the U.S. joined"));
        assert!(!matches("2020", "20201"));
        // CJK characters are word boundaries, as in score.py.
        assert!(matches("2023", "イタリアは2023年に参加しました"));
        assert!(matches("日本", "同時に参加したのは日本、ノルウェーです"));
    }

    #[test]
    fn judging_follows_the_reference_scorer() {
        let case = Case {
            q: String::new(),
            expect: vec!["yes".into()],
            forbid: vec!["no".into()],
            decline: false,
            decline_or: None,
            dialog: None,
        };
        assert_eq!(judge(&case, Some("x"), "Yes, it is."), None);
        assert!(judge(&case, Some("x"), "Yes and no").is_some());
        assert_eq!(judge(&case, None, "whatever").as_deref(), Some("declined"));
        let decline = Case {
            decline: true,
            ..case.clone()
        };
        assert_eq!(judge(&decline, None, "I don't know"), None);
        assert!(judge(&decline, Some("x"), "Yes").is_some());
    }

    #[test]
    fn cases_parse_with_comments() {
        let cases = parse_cases(
            "// c\n{\"q\": \"a\", \"decline\": true}\n\n{\"dialog\": [{\"q\": \"b\"}]}\n",
        )
        .unwrap();
        assert_eq!(cases.len(), 2);
        assert!(cases[1].dialog.is_some());
        assert!(
            parse_cases("{oops")
                .unwrap_err()
                .to_string()
                .contains("line 1")
        );
    }
}
