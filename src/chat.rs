//! The terminal's view of answers (`cspo-bot ask` and `cspo-bot chat`):
//! compact citations, the full sources on request, `/why` in words, and
//! the interactive loop with line editing.
//!
//! An answer is followed by numbered references, one short line per
//! source sentence (its start, up to [`REFERENCE_CHARS`]); the full
//! sentences come with `--sources`, or `/sources` in the chat, numbered
//! the same way. `/why` tells the steps in words; `/why json` prints the
//! engine's trace as JSON.
//!
//! On a terminal, `chat` reads lines with rustyline: arrows, editing,
//! history (kept in `~/.cspo-bot-history`). Piped input, and `--json`,
//! read plain lines as before, so scripts see no prompt and no escape
//! codes.

use crate::engine::{Answer, Context, Engine};
use std::io::Write;

/// The longest a reference line quotes of its sentence, in characters.
pub const REFERENCE_CHARS: usize = 72;

/// The answer with its numbered references (compact) or its sentences in
/// full.
pub fn render(engine: &Engine, a: &Answer, full: bool) -> String {
    let mut out = format!("{}\n", a.text);
    if full {
        out.push_str(&sources(engine, a));
    } else {
        out.push_str(&references(engine, a));
    }
    out
}

/// One line per source: `  [1] The CSpO Initiative began in 2018 with…`.
pub fn references(engine: &Engine, a: &Answer) -> String {
    let mut out = String::new();
    for (i, id) in a.sources.iter().enumerate() {
        if let Some(s) = engine.facts().sentence(id) {
            out.push_str(&format!(
                "  [{}] {}\n",
                i + 1,
                clip(&s.text, REFERENCE_CHARS)
            ));
        }
    }
    out
}

/// The source sentences in full, numbered as in [`references`].
pub fn sources(engine: &Engine, a: &Answer) -> String {
    let mut out = String::new();
    for (i, id) in a.sources.iter().enumerate() {
        if let Some(s) = engine.facts().sentence(id) {
            out.push_str(&format!("  [{}] {}\n", i + 1, s.text));
        }
    }
    out
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max - 1).collect();
    // At a word boundary when there is one in the last third.
    let at = cut
        .rfind(' ')
        .filter(|&i| i > max * 2 / 3)
        .unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end())
}

/// Text with the tagger's entity tags (`#c7#`) written as the names they
/// stand for.
fn untag(engine: &Engine, text: &str) -> String {
    text.split(' ')
        .map(|w| {
            // A tag may carry trailing punctuation ("#c7#?").
            let end = w.rfind('#').map_or(0, |i| i + 1);
            match crate::tagger::parse_tag(&w[..end]) {
                Some(e) if end > 0 => format!("{}{}", engine.facts().entity_name(e), &w[end..]),
                _ => w.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// How the answer was found, step by step, in words (from its trace).
pub fn why(engine: &Engine, question: &str, a: &Answer) -> String {
    let t = &a.trace;
    let mut steps: Vec<String> = Vec::new();
    steps.push(format!("I read the question as \"{}\".", t.normalized));
    if !t.corrections.is_empty() {
        steps.push(format!("I corrected {}.", t.corrections.join(", ")));
    }
    if t.tagged != t.normalized && !t.tagged.is_empty() {
        let names: Vec<String> = t
            .tagged
            .split(|c: char| !(c == '#' || c.is_ascii_alphanumeric()))
            .filter_map(crate::tagger::parse_tag)
            .map(|e| engine.facts().entity_name(e))
            .collect();
        if !names.is_empty() {
            steps.push(format!("I recognised {}.", names.join(", ")));
        }
    }
    if let Some(clause) = &t.clause {
        steps.push(format!("I answered the part \"{clause}\"."));
    }
    if let Some(r) = &t.rewritten {
        steps.push(format!(
            "It follows up the previous question, so I read it as \"{}\".",
            untag(engine, r)
        ));
    }
    match (&a.intent, &t.matched) {
        (Some(i), Some(m)) if i != m => steps.push(format!(
            "It matched the intent {m}, which the intent {i} answered."
        )),
        (Some(i), _) => steps.push(format!("It matched the intent {i}.")),
        (None, _) => {}
    }
    if !t.runners_up.is_empty() {
        steps.push(format!(
            "Other intents that also matched: {}.",
            t.runners_up.join(", ")
        ));
    }
    if !a.slots.is_empty() {
        let slots: Vec<String> = a.slots.iter().map(|(k, v)| format!("{k} = {v}")).collect();
        steps.push(format!("Its slots: {}.", slots.join(", ")));
    }
    if !t.fact_words.is_empty() {
        steps.push(format!(
            "The words \"{}\" are the answer's own fact's.",
            t.fact_words.join(" ")
        ));
    }
    if !t.facts.is_empty() {
        steps.push(format!("I looked up {}.", t.facts.join(", ")));
    }
    match (&t.declined, a.sources.len()) {
        (Some(why), _) => steps.push(format!("I declined: {why}.")),
        (None, 0) if a.intent.is_none() => steps.push("I declined: no intent matched.".into()),
        (None, 0) => steps.push("The answer quotes no sentence of the article.".into()),
        (None, 1) => steps.push("The answer comes from 1 sentence of the article.".into()),
        (None, n) => steps.push(format!(
            "The answer comes from {n} sentences of the article."
        )),
    }
    let mut out = format!("How I answered \"{}\":\n", question.trim());
    for (i, s) in steps.iter().enumerate() {
        out.push_str(&format!("  {}. {s}\n", i + 1));
    }
    out.push_str("  (/why json shows the trace, with the pattern.)\n");
    out
}

/// What a line of the chat asks for.
#[derive(Debug, PartialEq, Eq)]
enum Line<'a> {
    Quit,
    Reset,
    Why { json: bool },
    Sources,
    Help,
    Question(&'a str),
}

fn classify(line: &str) -> Line<'_> {
    match line.trim() {
        "/quit" | "/exit" => Line::Quit,
        "/reset" => Line::Reset,
        "/why" => Line::Why { json: false },
        "/why json" => Line::Why { json: true },
        "/sources" => Line::Sources,
        "/help" => Line::Help,
        _ => Line::Question(line),
    }
}

const HELP: &str = "Ask me about the CSpO Initiative. /sources shows the sentences behind the last answer, /why how it was found (/why json: the trace), /reset clears the context, /quit ends.";

/// One conversation: context, the last answer, and where answers go.
pub struct Session<'e, W: Write> {
    engine: &'e Engine,
    ctx: Context,
    last: Option<(String, Answer)>,
    full: bool,
    out: W,
}

impl<'e, W: Write> Session<'e, W> {
    pub fn new(engine: &'e Engine, full_sources: bool, out: W) -> Self {
        Session {
            engine,
            ctx: Context::default(),
            last: None,
            full: full_sources,
            out,
        }
    }

    /// Handles one line; `false` when the user asked to quit.
    pub fn line(&mut self, line: &str) -> std::io::Result<bool> {
        match classify(line) {
            Line::Quit => return Ok(false),
            Line::Reset => {
                self.ctx = Context::default();
                writeln!(self.out, "Context cleared.")?;
            }
            Line::Help => writeln!(self.out, "{HELP}")?,
            Line::Why { json } => match &self.last {
                Some((_, a)) if json => writeln!(
                    self.out,
                    "{}",
                    serde_json::to_string_pretty(&a.trace).unwrap_or_default()
                )?,
                Some((q, a)) => write!(self.out, "{}", why(self.engine, q, a))?,
                None => writeln!(self.out, "Nothing asked yet.")?,
            },
            Line::Sources => match &self.last {
                Some((_, a)) if !a.sources.is_empty() => {
                    write!(self.out, "{}", sources(self.engine, a))?
                }
                Some(_) => writeln!(
                    self.out,
                    "The last answer quotes no sentence of the article."
                )?,
                None => writeln!(self.out, "Nothing asked yet.")?,
            },
            Line::Question(q) => {
                let a = self.engine.answer(q, &mut self.ctx);
                write!(self.out, "{}", render(self.engine, &a, self.full))?;
                self.last = Some((q.to_string(), a));
            }
        }
        self.out.flush()?;
        Ok(true)
    }
}

/// The interactive chat on a terminal, with line editing and history.
pub fn interactive(engine: &Engine, full_sources: bool) -> anyhow::Result<()> {
    use rustyline::error::ReadlineError;
    let mut editor = rustyline::DefaultEditor::new()?;
    let history =
        std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".cspo-bot-history"));
    if let Some(h) = &history {
        let _ = editor.load_history(h);
    }
    let stdout = std::io::stdout();
    let mut session = Session::new(engine, full_sources, stdout.lock());
    writeln!(session.out, "{HELP}")?;
    loop {
        match editor.readline("> ") {
            Ok(line) => {
                if !line.trim().is_empty() {
                    let _ = editor.add_history_entry(line.as_str());
                }
                if !session.line(&line)? {
                    break;
                }
            }
            // Ctrl-C clears the line; Ctrl-D ends.
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => break,
            Err(e) => return Err(e.into()),
        }
    }
    if let Some(h) = &history {
        let _ = editor.save_history(h);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn engine() -> Engine {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        Engine::load(&root.join("data"), &root.join("intents")).unwrap()
    }

    fn session_output(lines: &[&str], full: bool) -> String {
        let e = engine();
        let mut out = Vec::new();
        let mut s = Session::new(&e, full, &mut out);
        for l in lines {
            if !s.line(l).unwrap() {
                break;
            }
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn answers_carry_short_numbered_references() {
        let out = session_output(&["What was discussed?"], false);
        let refs: Vec<&str> = out.lines().filter(|l| l.starts_with("  [")).collect();
        assert!(refs.len() >= 2, "{out}");
        assert!(refs[0].starts_with("  [1] "), "{out}");
        for r in &refs {
            assert!(r.chars().count() <= REFERENCE_CHARS + 7, "{r}");
        }
        assert!(
            !out.contains("[wmd]") && !out.contains("[venue]"),
            "no internal ids: {out}"
        );
    }

    #[test]
    fn sources_give_the_sentences_in_full() {
        let out = session_output(&["When did Japan join?", "/sources"], false);
        assert!(
            out.contains("  [1] The CSpO Initiative began in 2018 with five founding members"),
            "{out}"
        );
        let full = session_output(&["When did Japan join?"], true);
        let compact = session_output(&["When did Japan join?"], false);
        assert!(full.len() > compact.len(), "{full}\n{compact}");
    }

    #[test]
    fn why_tells_the_steps_in_words_and_json_on_request() {
        let out = session_output(&["When did Japan join?", "/why"], false);
        let why = &out[out.find("How I answered").expect("a /why")..];
        assert!(why.contains("It matched the intent join_year."), "{why}");
        assert!(why.contains("  1. I read the question as"), "{why}");
        assert!(!why.contains("(?:"), "no regex in words: {why}");
        let out = session_output(&["When did Japan join?", "/why json"], false);
        let json = &out[out.find('{').unwrap()..];
        let v: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
        assert!(v["pattern"].is_string(), "{json}");
        let out = session_output(&["What is the airspeed of a swallow?", "/why"], false);
        assert!(out.contains("I declined"), "{out}");
        assert_eq!(session_output(&["/why"], false), "Nothing asked yet.\n");
    }

    #[test]
    fn follow_ups_are_explained() {
        let out = session_output(&["When did Japan join?", "and Italy?", "/why"], false);
        let why = &out[out.find("How I answered").unwrap()..];
        assert!(
            why.contains("so I read it as \"when did Italy join\""),
            "{why}"
        );
        assert!(!why.contains('#'), "no internal tags: {why}");
    }

    #[test]
    fn clipping_keeps_words_whole() {
        let s = "The CSpO Initiative began in 2018 with five founding members – Australia, Canada, New Zealand";
        let c = clip(s, 40);
        assert!(c.ends_with('…') && c.chars().count() <= 40, "{c}");
        assert!(s.starts_with(c.trim_end_matches('…')), "{c}");
        assert_eq!(clip("short", 40), "short");
    }
}
