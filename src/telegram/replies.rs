//! The bot's own texts, as Telegram HTML: `/start`, `/help`, `/sources`,
//! `/why`, and the short hints. Pure functions of the engine and answers,
//! so they are easy to test; everything user-supplied is escaped.

use super::commands::Command;
use crate::engine::{Answer, Engine, escape_html as esc};
use serde_json::Value;
use teloxide::utils::command::BotCommands;

/// The example questions the engine offers.
pub fn examples(engine: &Engine) -> Vec<String> {
    engine.intents().grammar.replies.examples.clone()
}

fn example_lines(engine: &Engine) -> String {
    examples(engine)
        .iter()
        .map(|e| format!("• {}", esc(e)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// How to talk to the bot, for `/start` and `/help`.
fn how_to(username: &str) -> String {
    let at = esc(&format!("@{username}"));
    format!(
        "In a private chat, just write your question. In a group, start with /ask, \
         mention me ({at}) or reply to one of my messages. In any chat, type {at} and a question \
         to answer it inline."
    )
}

pub fn start(engine: &Engine, username: &str) -> String {
    format!(
        "<b>Hello!</b> I answer questions about the Combined Space Operations (CSpO) Initiative, \
         from one news article about its meeting near Toulouse.\n\n{}\n\nTry one of these:\n{}\n\n/help lists my commands.",
        how_to(username),
        example_lines(engine)
    )
}

pub fn help(engine: &Engine, username: &str) -> String {
    format!(
        "<b>Ask me about the CSpO Initiative.</b>\n\n{}\n\n{}\n\n<b>Example questions</b>\n{}",
        esc(&Command::descriptions().to_string()),
        how_to(username),
        example_lines(engine)
    )
}

/// The language pack of a user's interface language (Telegram's
/// `language_code`), when the bot speaks it.
pub fn pack<'e>(engine: &'e Engine, code: Option<&str>) -> Option<&'e crate::lang::Pack> {
    engine.languages().get(crate::lang::Lang::from_code(code?)?)
}

/// The example questions in a language (`example-N` of its `.ftl`).
pub fn examples_in(pack: &crate::lang::Pack) -> Vec<String> {
    pack.render
        .numbered("example-")
        .iter()
        .filter_map(|id| pack.render.text(id))
        .collect()
}

/// The examples for a user: in their language, else English's.
pub fn examples_for(engine: &Engine, code: Option<&str>) -> Vec<String> {
    match pack(engine, code).map(examples_in) {
        Some(v) if !v.is_empty() => v,
        _ => examples(engine),
    }
}

fn lines(examples: &[String]) -> String {
    examples
        .iter()
        .map(|e| format!("• {}", esc(e)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `/help` in the user's language (`code`: Telegram's `language_code`),
/// English when the bot does not speak it.
pub fn help_for(engine: &Engine, username: &str, code: Option<&str>) -> String {
    let localized = pack(engine, code).and_then(|p| {
        let r = &p.render;
        let at = format!("@{username}");
        Some(format!(
            "<b>{}</b>\n\n{}\n\n{}\n\n<b>{}</b>\n{}",
            esc(&r.text("help-title")?),
            esc(&super::commands::descriptions_in(r)?),
            esc(&r.text_with("help-how-to", "at", &at)?),
            esc(&r.text("help-examples")?),
            lines(&examples_in(p))
        ))
    });
    localized.unwrap_or_else(|| help(engine, username))
}

/// `/start` in the user's language, English when the bot does not speak it.
pub fn start_for(engine: &Engine, username: &str, code: Option<&str>) -> String {
    let localized = pack(engine, code).and_then(|p| {
        let r = &p.render;
        let at = format!("@{username}");
        Some(format!(
            "<b>{}</b> {}\n\n{}\n\n{}\n{}\n\n{}",
            esc(&r.text("start-hello")?),
            esc(&r.text("start-intro")?),
            esc(&r.text_with("help-how-to", "at", &at)?),
            esc(&r.text("start-try")?),
            lines(&examples_in(p)),
            esc(&r.text("start-help")?)
        ))
    });
    localized.unwrap_or_else(|| start(engine, username))
}

pub fn ask_what() -> String {
    "Ask me something after /ask, for example: /ask When did Japan join?".into()
}

pub fn empty_mention(engine: &Engine) -> String {
    format!(
        "Yes? Ask me about the CSpO Initiative, for example:\n{}",
        example_lines(engine)
    )
}

pub fn unknown_command() -> String {
    "I don't know that command. /help lists the ones I know.".into()
}

pub fn no_text() -> String {
    "I can only read text. Send me a question, for example: Who are the members?".into()
}

/// The one notice a user gets on reaching the rate limit (it also serves
/// as a callback toast, so it stays under 200 characters).
pub fn slow_down(per_minute: u32) -> String {
    let questions = if per_minute == 1 {
        "question"
    } else {
        "questions"
    };
    format!(
        "You are asking faster than I can answer ({per_minute} {questions} a minute). \
         Please wait a minute, then ask again."
    )
}

/// `/reload` worked.
pub fn reloaded(summary: &str) -> String {
    format!("Reloaded: {}", esc(summary))
}

/// `/reload` failed; the old data is still served.
pub fn reload_failed(error: &str) -> String {
    format!(
        "<b>Reload failed</b>; I still answer from the data I had.\n<code>{}</code>",
        esc(error)
    )
}

/// `/share`: the deep link of the asker's last question.
pub fn share(question: &str, link: &str) -> String {
    format!(
        "Anyone who opens this link asks me <i>{}</i>:\n{}",
        esc(question.trim()),
        esc(link)
    )
}

pub fn share_too_long() -> String {
    "Your last question is too long for a link (Telegram allows 64 characters); a shorter one can be shared.".into()
}

pub fn nothing_to_share() -> String {
    "Ask me something first; /share then gives a link that asks it again.".into()
}

/// An answer in a callback pop-up: Telegram shows at most 200 characters.
pub fn popup(text: &str) -> String {
    const MAX: usize = 200;
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX - 1).collect();
    format!("{}…", cut.trim_end())
}

pub fn expired_button() -> String {
    "That button has expired. Please ask again.".into()
}

/// `/sources`: the article sentences behind the last answer.
pub fn sources(engine: &Engine, ids: &[String]) -> String {
    let quoted: Vec<String> = ids
        .iter()
        .filter_map(|id| engine.facts().sentence(id))
        .map(|s| format!("<blockquote>{}</blockquote>", esc(&s.text)))
        .collect();
    if quoted.is_empty() {
        return "The last answer in this chat did not quote the article (or I have not answered anything here yet).".into();
    }
    format!("<b>The article says:</b>\n{}", quoted.join("\n"))
}

/// `/why` from someone who has asked nothing in this chat.
pub fn nothing_to_explain() -> String {
    "You have not asked me anything in this chat yet.".into()
}

/// `/why`: how an answer was found, rendered from its trace. The trace is
/// read through its JSON form, so fields the engine adds later show up
/// without a change here.
pub fn why(question: &str, answer: &Answer) -> String {
    let mut out = vec![format!(
        "<b>How I answered</b> <i>{}</i>",
        esc(question.trim())
    )];
    match &answer.intent {
        Some(i) => out.push(format!("<b>intent</b>: <code>{}</code>", esc(i))),
        None => out.push("<b>intent</b>: none (not understood)".into()),
    }
    if !answer.slots.is_empty() {
        let slots: Vec<String> = answer
            .slots
            .iter()
            .map(|(k, v)| format!("{}={}", esc(k), esc(v)))
            .collect();
        out.push(format!("<b>slots</b>: <code>{}</code>", slots.join(", ")));
    }
    if let Ok(Value::Object(trace)) = serde_json::to_value(&answer.trace) {
        // The interesting fields first, then whatever else there is.
        const ORDER: [&str; 4] = ["pattern", "facts", "runners_up", "declined"];
        let mut keys: Vec<&String> = trace.keys().collect();
        keys.sort_by_key(|k| ORDER.iter().position(|o| o == k).unwrap_or(ORDER.len()));
        for key in keys {
            let shown = match &trace[key] {
                Value::Null => continue,
                Value::String(s) if s.is_empty() => continue,
                Value::Array(a) if a.is_empty() => continue,
                Value::String(s) => s.clone(),
                Value::Array(a) => a
                    .iter()
                    .map(|v| {
                        v.as_str()
                            .map(str::to_string)
                            .unwrap_or_else(|| v.to_string())
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
                v => v.to_string(),
            };
            out.push(format!(
                "<b>{}</b>: <code>{}</code>",
                esc(&key.replace('_', " ")),
                esc(&shown)
            ));
        }
    }
    out.join("\n")
}

/// The text of an answer sent after a follow-up button, which nobody else
/// in the chat saw being pressed: the question, then the answer.
pub fn with_question(question: &str, answer_html: &str) -> String {
    format!("<b>❓ {}</b>\n\n{}", esc(question.trim()), answer_html)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Trace;
    use std::collections::BTreeMap;

    fn answer() -> Answer {
        Answer {
            intent: Some("join_year".into()),
            text: "Japan joined in 2023.".into(),
            html: "Japan joined in 2023.".into(),
            sources: vec!["history".into()],
            slots: BTreeMap::from([("country".to_string(), "jp".to_string())]),
            followups: vec![],
            trace: Trace {
                normalized: "when did japan join".into(),
                tagged: "when did #c5# join".into(),
                pattern: Some("when did {country} join <&>".into()),
                runners_up: vec!["is_member".into()],
                facts: vec!["member:jp".into()],
                ..Default::default()
            },
        }
    }

    #[test]
    fn why_shows_the_trace_escaped() {
        let w = why("When did <Japan> join?", &answer());
        assert!(w.contains("<code>join_year</code>"));
        assert!(w.contains("&lt;Japan&gt;"));
        assert!(w.contains("when did {country} join &lt;&amp;&gt;"));
        assert!(w.contains("member:jp") && w.contains("is_member") && w.contains("country=jp"));
        assert!(w.find("pattern").unwrap() < w.find("normalized").unwrap());
        assert!(!w.contains("corrections"), "empty fields are left out: {w}");
    }

    #[test]
    fn the_slow_down_notice_fits_a_callback_answer() {
        assert!(slow_down(1).contains("1 question a minute"));
        assert!(slow_down(20).contains("20 questions a minute"));
        assert!(slow_down(u32::MAX).chars().count() <= 200);
    }

    #[test]
    fn why_of_a_decline() {
        let mut a = answer();
        a.intent = None;
        a.slots.clear();
        a.trace.declined = Some("no intent matched".into());
        let w = why("blah", &a);
        assert!(w.contains("not understood") && w.contains("no intent matched"));
    }
}
