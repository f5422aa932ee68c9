//! The bot's commands: one enum whose doc comments are both the `/help`
//! text and the command menu registered with `setMyCommands`.
//!
//! Parsing is stricter than teloxide's `filter_command` in one way and
//! looser in another: a command addressed to another bot (`/ask@otherbot`)
//! is never ours, and the arguments may follow the command after any
//! whitespace, a line break included (`/ask\nWho are the members?`).

use teloxide::types::{BotCommand, Me, Message};
use teloxide::utils::command::{BotCommands, ParseError};

/// The commands, in menu order.
#[derive(BotCommands, Clone, Debug, PartialEq, Eq)]
#[command(rename_rule = "lowercase", description = "Commands:")]
pub enum Command {
    // (`/start PAYLOAD`, from a deep link, asks the question the payload
    // encodes: see `super::deeplink`.)
    /// What this bot is and how to use it
    Start(String),
    /// Commands and example questions
    Help,
    /// Ask a question, e.g. /ask When did Japan join?
    Ask(String),
    /// The member countries of the CSpO Initiative
    Members,
    /// The December meeting near Toulouse
    Meeting,
    /// Who was quoted, and what they said
    Quotes,
    /// What the CSpO Initiative is
    About,
    /// The article sentences behind the last answer
    Sources,
    /// How the last answer was found
    Why,
    /// A link that asks your last question again, to share
    Share,
    /// Reload the data and intents (administrators only; not in the menu)
    #[command(hide)]
    Reload,
}

impl Command {
    /// The command's name, for logs (which must not show `/ask`'s question).
    pub fn name(&self) -> &'static str {
        match self {
            Command::Start(_) => "start",
            Command::Help => "help",
            Command::Ask(_) => "ask",
            Command::Members => "members",
            Command::Meeting => "meeting",
            Command::Quotes => "quotes",
            Command::About => "about",
            Command::Sources => "sources",
            Command::Why => "why",
            Command::Share => "share",
            Command::Reload => "reload",
        }
    }

    /// The question a shortcut command stands for.
    pub fn fixed_question(&self) -> Option<&'static str> {
        match self {
            Command::Members => Some("Who are the members?"),
            Command::Meeting => Some("Tell me about the meeting"),
            Command::Quotes => Some("Who was quoted?"),
            Command::About => Some("What is the CSpO?"),
            _ => None,
        }
    }
}

/// The command menu for `setMyCommands`. teloxide writes the commands with
/// their slash; the Bot API wants bare lowercase names.
pub fn menu() -> Vec<BotCommand> {
    Command::bot_commands()
        .into_iter()
        .map(|mut c| {
            c.command = c.command.trim_start_matches('/').to_string();
            c
        })
        .collect()
}

/// The command menu in a language: the same commands, each described by
/// the language's message `cmd-NAME`. `None` when one is missing (`check`
/// reports it), so a menu is never half translated.
pub fn menu_in(render: &crate::lang::render::Renderer) -> Option<Vec<BotCommand>> {
    menu()
        .into_iter()
        .map(|mut c| {
            c.description = render.text(&format!("cmd-{}", c.command))?;
            Some(c)
        })
        .collect()
}

/// The `/help` list of commands in a language, one "/name — description"
/// a line, as teloxide writes the English one.
pub fn descriptions_in(render: &crate::lang::render::Renderer) -> Option<String> {
    let head = render.text("help-commands")?;
    let lines: Vec<String> = menu_in(render)?
        .into_iter()
        .map(|c| format!("/{} — {}", c.command, c.description))
        .collect();
    Some(format!("{head}\n{}", lines.join("\n")))
}

/// The first whitespace-separated word of `text` and the rest, trimmed.
pub fn first_word(text: &str) -> (&str, &str) {
    let text = text.trim_start();
    match text.find(char::is_whitespace) {
        Some(i) => (&text[..i], text[i..].trim()),
        None => (text, ""),
    }
}

/// Who a `/command@name` word is addressed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Addressee {
    /// No `@name`: every bot in the chat may take it.
    Anyone,
    Me,
    Other,
}

/// Reads the addressee of a command word such as `/ask@thisbot`.
pub fn addressee(word: &str, username: &str) -> Addressee {
    match word.split_once('@') {
        None => Addressee::Anyone,
        Some((_, name)) if !username.is_empty() && name.eq_ignore_ascii_case(username) => {
            Addressee::Me
        }
        Some(_) => Addressee::Other,
    }
}

/// Parses `text` as one of our commands meant for the bot `username`.
pub fn parse(text: &str, username: &str) -> Option<Command> {
    let (word, rest) = first_word(text);
    if !word.starts_with('/') || addressee(word, username) == Addressee::Other {
        return None;
    }
    let line = if rest.is_empty() {
        word.to_string()
    } else {
        format!("{word} {rest}")
    };
    match Command::parse(&line, username) {
        Ok(c) => Some(c),
        // `/help me`: the words after a command that takes none are
        // ignored.
        Err(ParseError::TooManyArguments { .. }) => Command::parse(word, username).ok(),
        Err(_) => None,
    }
}

/// The dptree filter: the command in a text message, if it is ours.
pub fn from_message(msg: Message, me: Me) -> Option<Command> {
    parse(msg.text()?, me.user.username.as_deref().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_our_commands() {
        assert_eq!(parse("/help", "cspobot"), Some(Command::Help));
        assert_eq!(parse("/help@CSpOBot", "cspobot"), Some(Command::Help));
        assert_eq!(
            parse("/ask When did Japan join?", "cspobot"),
            Some(Command::Ask("When did Japan join?".into()))
        );
        assert_eq!(
            parse("/ask@cspobot\nWho are the members?", "cspobot"),
            Some(Command::Ask("Who are the members?".into()))
        );
        assert_eq!(parse("/ask", "cspobot"), Some(Command::Ask(String::new())));
        assert_eq!(
            parse("/start When_did_Japan_join", "cspobot"),
            Some(Command::Start("When_did_Japan_join".into()))
        );
        assert_eq!(
            parse("/start", "cspobot"),
            Some(Command::Start(String::new()))
        );
        assert_eq!(parse("/help me", "cspobot"), Some(Command::Help));
        assert_eq!(parse("  /members  ", "cspobot"), Some(Command::Members));
        assert_eq!(parse("/reload", "cspobot"), Some(Command::Reload));
    }

    #[test]
    fn ignores_other_bots_and_other_text() {
        assert_eq!(parse("/ask@otherbot When did Japan join?", "cspobot"), None);
        assert_eq!(parse("/help@otherbot", "cspobot"), None);
        assert_eq!(parse("/unknown", "cspobot"), None);
        assert_eq!(parse("help", "cspobot"), None);
        assert_eq!(parse("", "cspobot"), None);
    }

    #[test]
    fn addressees() {
        assert_eq!(addressee("/ask", "b"), Addressee::Anyone);
        assert_eq!(addressee("/ask@B", "b"), Addressee::Me);
        assert_eq!(addressee("/ask@c", "b"), Addressee::Other);
    }

    #[test]
    fn the_menu_is_valid_for_telegram() {
        let cmds = menu();
        assert_eq!(cmds.len(), 10);
        for c in &cmds {
            assert!(
                (1..=32).contains(&c.command.len())
                    && c.command
                        .chars()
                        .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_'),
                "{}",
                c.command
            );
            assert!(
                (1..=256).contains(&c.description.chars().count()),
                "{}",
                c.command
            );
        }
        let help = Command::descriptions().to_string();
        assert!(help.contains("/sources") && help.contains("How the last answer was found"));
        assert!(
            !help.contains("/reload") && cmds.iter().all(|c| c.command != "reload"),
            "/reload is not advertised"
        );
    }
}
