//! Answers in a language: Project Fluent messages, one `.ftl` per language
//! (`intents/lang/XX.ftl`).
//!
//! An answer kind gives a template key and variables ([`Outcome`]); the
//! English answer fills the intent's template (`intents/*.toml`), an
//! answer in another language formats the message `INTENT-KEY` of the
//! language's bundle ("join_year-founding"). The variables are the
//! English ones, put in the language first ([`Renderer::args`]): a country
//! by CLDR's name with its article (`$country`, and `$country_name`
//! without), a list of countries with the language's list pattern
//! (ICU4X's `icu_list`), a member's line and note ("founding member,
//! 2018") by the messages `note-founding`/`note-joined`, a date by
//! `date` and `month-N`, a phrase of the fact base by the language's
//! `phrases` ([`super::names`]). Quotes stay verbatim, in English.

use super::Lang;
use super::names::Names;
use crate::answers::Outcome;
use crate::error::LoadError;
use crate::facts::FactBase;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use icu_list::ListFormatter;
use icu_list::options::{ListFormatterOptions, ListLength};
use icu_locale_core::Locale;
use std::path::Path;

/// The messages every language file must have besides the intents'.
pub const COMMON_MESSAGES: &[&str] = &[
    "declined",
    "clarify",
    "note-founding",
    "note-joined",
    "date",
    "month-12",
];

/// The Telegram messages every language file must have: the command
/// menu's descriptions (`cmd-NAME`, one per command of the menu), `/start`
/// and `/help`, inline mode, and "Did you mean" with its questions.
pub const UI_MESSAGES: &[&str] = &[
    "cmd-start",
    "cmd-help",
    "cmd-ask",
    "cmd-members",
    "cmd-meeting",
    "cmd-quotes",
    "cmd-about",
    "cmd-sources",
    "cmd-why",
    "cmd-share",
    "help-title",
    "help-commands",
    "help-how-to",
    "help-examples",
    "start-hello",
    "start-intro",
    "start-try",
    "start-help",
    "inline-declined",
    "did-you-mean",
];

/// The example questions of `/start`, `/help` and inline mode
/// (`example-1`...), and the questions a decline offers (`suggest-N`,
/// `suggest-country-N`): `check` runs each in its language.
pub const EXAMPLE_MESSAGES: &[&str] = &["example-", "suggest-", "suggest-country-"];

pub struct Renderer {
    bundle: FluentBundle<FluentResource>,
    and: ListFormatter,
    pub file: std::path::PathBuf,
}

impl std::fmt::Debug for Renderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Renderer({})", self.file.display())
    }
}

impl Renderer {
    pub fn load(lang: Lang, path: &Path) -> Result<Renderer, LoadError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| LoadError::new(path, None, format!("cannot read: {e}")))?;
        let res = FluentResource::try_new(text.clone()).map_err(|(_, errors)| {
            let first = &errors[0];
            // The line of the message the error is in (the parser's own
            // position may be past its end, on the next line).
            let at = first
                .slice
                .as_ref()
                .map_or(first.pos.start, |s| s.start.min(first.pos.start));
            LoadError::at(path, &text, at, format!("{}", first.kind))
        })?;
        let id: unic_langid::LanguageIdentifier = lang
            .code()
            .parse()
            .map_err(|_| LoadError::new(path, None, "bad language code"))?;
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Answers are plain text: no bidi isolation marks around variables.
        bundle.set_use_isolating(false);
        bundle.add_resource(res).map_err(|errors| {
            LoadError::new(
                path,
                None,
                errors.first().map(|e| e.to_string()).unwrap_or_default(),
            )
        })?;
        let locale: Locale = lang
            .code()
            .parse()
            .map_err(|_| LoadError::new(path, None, "bad language code"))?;
        let and = ListFormatter::try_new_and(
            locale.into(),
            ListFormatterOptions::default().with_length(ListLength::Wide),
        )
        .map_err(|e| LoadError::new(path, None, format!("no CLDR list patterns: {e}")))?;
        Ok(Renderer {
            bundle,
            and,
            file: path.to_path_buf(),
        })
    }

    pub fn has(&self, id: &str) -> bool {
        self.bundle
            .get_message(id)
            .is_some_and(|m| m.value().is_some())
    }

    /// Formats message `id` with `args`; `None` when there is no such
    /// message or it does not format cleanly.
    pub fn format(&self, id: &str, args: &FluentArgs) -> Option<String> {
        let msg = self.bundle.get_message(id)?;
        let pattern = msg.value()?;
        let mut errors = Vec::new();
        let out = self.bundle.format_pattern(pattern, Some(args), &mut errors);
        errors.is_empty().then(|| out.into_owned())
    }

    fn plain(&self, id: &str) -> Option<String> {
        self.format(id, &FluentArgs::new())
    }

    /// Joins items with the language's "and" ("a, b et c").
    pub fn and_list(&self, items: &[String]) -> String {
        self.and
            .format(items.iter().map(String::as_str))
            .to_string()
    }

    /// A date as the answers write it in English ("December 5", "December
    /// 5, 2025") in the language.
    fn date(&self, english: &str, months: &[String]) -> Option<String> {
        let (md, year) = match english.split_once(", ") {
            Some((md, y)) => (md, Some(y)),
            None => (english, None),
        };
        let (month, day) = md.split_once(' ')?;
        let m = months.iter().position(|x| x.eq_ignore_ascii_case(month))?;
        let day: u8 = day.parse().ok()?;
        let mut args = FluentArgs::new();
        args.set("day", FluentValue::from(day as f64));
        args.set("month", self.plain(&format!("month-{}", m + 1))?);
        // With its separator (" 2025"), or nothing: the article may not say.
        args.set("year", year.map(|y| format!(" {y}")).unwrap_or_default());
        self.format("date", &args).map(|s| s.trim().to_string())
    }

    /// A member's note as the answers write it: "founding member, 2018",
    /// "joined 2020".
    fn note(&self, english: &str) -> Option<String> {
        let (id, year) = if let Some(y) = english.strip_prefix("founding member, ") {
            ("note-founding", y)
        } else if let Some(y) = english.strip_prefix("joined ") {
            ("note-joined", y)
        } else {
            return None;
        };
        let y: u16 = year.parse().ok()?;
        let mut args = FluentArgs::new();
        args.set("year", y.to_string());
        self.format(id, &args)
    }

    /// One item of an English list: a country ("the United States"), a
    /// country and its note ("France (joined 2020)"), or a phrase.
    fn item(&self, names: &Names, facts: &FactBase, english: &str) -> Option<String> {
        if let Some(i) = Names::country_of(facts, english) {
            return Some(names.country_in_text[i].clone());
        }
        if let Some((name, rest)) = english.split_once(" (")
            && let Some(note) = rest.strip_suffix(')')
            && let Some(i) = Names::country_of(facts, name)
        {
            let note = match note.parse::<u16>() {
                Ok(y) => y.to_string(),
                Err(_) => self.note(note)?,
            };
            return Some(format!("{} ({note})", names.country_in_text[i]));
        }
        names.phrases.get(english).cloned()
    }

    /// An English list ("a, b and c") of items the language can word.
    fn list(&self, names: &Names, facts: &FactBase, english: &str) -> Option<String> {
        let (init, last) = english.rsplit_once(" and ")?;
        let mut items: Vec<String> = Vec::new();
        for piece in outside_parens(init)
            .into_iter()
            .chain(std::iter::once(last))
        {
            // A name the language does not word ("Gen. Stephen Whiting")
            // stays as it is; any other piece leaves the list in English.
            let item = self.item(names, facts, piece).or_else(|| {
                let name = piece.starts_with(char::is_uppercase)
                    && piece.split(' ').count() <= 5
                    && !piece.contains([',', ';', ':', '“', '"']);
                name.then(|| piece.to_string())
            });
            items.push(item?);
        }
        Some(self.and_list(&items))
    }

    /// One line of a listing: "🇺🇸 United States (founding member, 2018)",
    /// "• a topic".
    fn line(&self, names: &Names, facts: &FactBase, english: &str) -> String {
        if let Some(rest) = english.strip_prefix("• ") {
            return format!(
                "• {}",
                names
                    .phrases
                    .get(rest)
                    .cloned()
                    .unwrap_or_else(|| rest.to_string())
            );
        }
        // A flag, then the name without its article.
        if let Some((flag, rest)) = english.split_once(' ')
            && !flag.chars().any(char::is_alphanumeric)
        {
            let (name, note) = match rest.split_once(" (") {
                Some((n, r)) => (n, r.strip_suffix(')')),
                None => (rest, None),
            };
            if let Some(i) = Names::country_of(facts, name) {
                return match note.map(|n| self.note(n)) {
                    Some(Some(n)) => format!("{flag} {} ({n})", names.country[i]),
                    Some(None) => english.to_string(),
                    None => format!("{flag} {}", names.country[i]),
                };
            }
        }
        if let Some(item) = self.item(names, facts, english) {
            return item;
        }
        english.to_string()
    }

    /// The English variables of an outcome, in the language.
    /// `months` are the English month names the answers write
    /// (`grammar.toml`).
    pub fn args<'a>(
        &self,
        names: &Names,
        facts: &FactBase,
        months: &[String],
        o: &'a Outcome,
    ) -> FluentArgs<'a> {
        let mut args = FluentArgs::new();
        for (name, value) in &o.vars {
            let v = value.as_str();
            let localized: String = if *name == "cmp" {
                // A selector's variant: "in or after" is `in_or_after`.
                v.replace(' ', "_")
            } else if let Some(i) = Names::country_of(facts, v) {
                args.set(format!("{name}_name"), names.country[i].clone());
                names.country_in_text[i].clone()
            } else if *name == "date" {
                self.date(v, months).unwrap_or_else(|| v.to_string())
            } else if v.contains('\n') {
                v.split('\n')
                    .map(|l| self.line(names, facts, l))
                    .collect::<Vec<_>>()
                    .join("\n")
            } else if let Some(p) = names.phrases.get(v) {
                p.clone()
            } else if *name != "quote"
                && let Some(l) = self.list(names, facts, v)
            {
                l
            } else if let Some(item) = self.item(names, facts, v) {
                item
            } else if let Ok(n) = v.parse::<u32>()
                && !(1900..2100).contains(&n)
            {
                args.set(*name, FluentValue::from(n as f64));
                continue;
            } else {
                v.to_string()
            };
            args.set(*name, localized);
        }
        args
    }

    /// The text of an outcome of intent `intent`: `None` when the language
    /// has no message for it.
    pub fn outcome(
        &self,
        names: &Names,
        facts: &FactBase,
        months: &[String],
        intent: &str,
        o: &Outcome,
    ) -> Option<String> {
        let args = self.args(names, facts, months, o);
        let s = self.format(&format!("{intent}-{}", o.key), &args)?;
        Some(capitalize(s.trim()))
    }

    /// The messages numbered `prefix1`, `prefix2`... as far as they go.
    pub fn numbered(&self, prefix: &str) -> Vec<String> {
        (1..)
            .map(|k| format!("{prefix}{k}"))
            .take_while(|id| self.bundle.get_message(id).is_some())
            .collect()
    }

    /// A message without variables ("declined").
    pub fn text(&self, id: &str) -> Option<String> {
        self.plain(id)
    }

    /// A message about country `index`: `$country` with its article (as
    /// in running text), `$country_name` without.
    pub fn country_message(&self, id: &str, names: &Names, index: usize) -> Option<String> {
        let mut args = FluentArgs::new();
        args.set("country", names.country_in_text.get(index)?.clone());
        args.set("country_name", names.country.get(index)?.clone());
        self.format(id, &args).map(|s| capitalize(s.trim()))
    }

    /// A message with one variable.
    pub fn text_with(&self, id: &str, var: &str, value: &str) -> Option<String> {
        let mut args = FluentArgs::new();
        args.set(var.to_string(), value.to_string());
        self.format(id, &args)
    }
}

/// The items of "a, b (founding member, 2018), c": split at the ", "
/// that stand outside parentheses.
fn outside_parens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut from) = (0i32, 0);
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 && s[i..].starts_with(", ") => {
                out.push(&s[from..i]);
                from = i + 2;
            }
            _ => {}
        }
    }
    out.push(&s[from..]);
    out
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_list_splits_outside_parentheses() {
        assert_eq!(
            super::outside_parens("the US (founding member, 2018), France (joined 2020)"),
            ["the US (founding member, 2018)", "France (joined 2020)"]
        );
        assert_eq!(super::outside_parens("a"), ["a"]);
    }
}
