//! Whether a message that is not one of our commands is for the bot, and if
//! so what it asks.
//!
//! In a private chat every text is a question. In a group the bot speaks
//! only when spoken to: a mention of `@thisbot` (the mention is cut out of
//! the question) or a reply to one of its messages. Everything else, such
//! as ordinary chatter or commands for other bots, gets nothing.
//!
//! Two traps: in a forum topic every message is formally a reply to the
//! topic's first (service) message, which is not "a reply to the bot" even
//! when the bot opened the topic; and a message sent through this bot's own
//! inline mode arrives back as a message, which is an answer, not a question.

use super::commands::{Addressee, addressee, first_word};
use teloxide::types::{Me, Message, MessageEntityKind};

/// A message the bot should react to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Incoming {
    /// A question, ready for the engine.
    Question(String),
    /// Addressed to the bot, but with nothing to answer ("@thisbot").
    Empty,
    /// A `/command` the bot does not know, in a private chat or addressed
    /// to the bot by name.
    UnknownCommand,
    /// A private message without text (a sticker, a photo).
    NoText,
}

/// The dptree filter: what `msg` asks of the bot, if anything.
pub fn incoming(msg: Message, me: Me) -> Option<Incoming> {
    classify(&msg, &me)
}

fn classify(msg: &Message, me: &Me) -> Option<Incoming> {
    if msg.via_bot.as_ref().is_some_and(|b| b.id == me.id) {
        return None;
    }
    let private = msg.chat.is_private();
    let username = me.user.username.as_deref().unwrap_or_default();
    let Some(text) = msg.text() else {
        return private.then_some(Incoming::NoText);
    };
    let (word, _) = first_word(text);
    if word.starts_with('/') {
        return match addressee(word, username) {
            Addressee::Me => Some(Incoming::UnknownCommand),
            Addressee::Anyone if private => Some(Incoming::UnknownCommand),
            _ => None,
        };
    }
    if private {
        return Some(question(text));
    }
    if let Some(rest) = without_mentions(msg, me) {
        return Some(question(&rest));
    }
    if replies_to_me(msg, me) {
        return Some(question(text));
    }
    None
}

fn question(text: &str) -> Incoming {
    let q = text.trim();
    if q.is_empty() {
        Incoming::Empty
    } else {
        Incoming::Question(q.to_string())
    }
}

/// The text with every mention of the bot cut out, or `None` when the bot
/// is not mentioned.
fn without_mentions(msg: &Message, me: &Me) -> Option<String> {
    let text = msg.text()?;
    let handle = format!("@{}", me.user.username.as_deref()?);
    let mut cuts: Vec<std::ops::Range<usize>> = msg
        .parse_entities()
        .unwrap_or_default()
        .iter()
        .filter(|e| match e.kind() {
            MessageEntityKind::Mention => e.text().eq_ignore_ascii_case(&handle),
            MessageEntityKind::TextMention { user } => user.id == me.id,
            _ => false,
        })
        .map(|e| e.range())
        .collect();
    if cuts.is_empty() {
        return None;
    }
    cuts.sort_by_key(|r| r.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for r in cuts {
        if r.start >= at {
            out.push_str(&text[at..r.start]);
            out.push(' ');
            at = r.end;
        }
    }
    out.push_str(&text[at..]);
    // "@thisbot, who are the members?" and "hey @thisbot: ..."
    let words: Vec<&str> = out.split_whitespace().collect();
    let joined = words.join(" ");
    Some(
        joined
            .trim_matches(|c: char| c == ',' || c == ':' || c.is_whitespace())
            .replace(" ,", ",")
            .replace(" :", ":"),
    )
}

/// Whether `msg` replies to one of the bot's messages (and is not merely a
/// message in a forum topic the bot happened to open).
fn replies_to_me(msg: &Message, me: &Me) -> bool {
    let Some(parent) = msg.reply_to_message() else {
        return false;
    };
    if parent.forum_topic_created().is_some() {
        return false;
    }
    parent.from.as_ref().is_some_and(|u| u.id == me.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    pub(crate) fn me() -> Me {
        serde_json::from_value(json!({
            "id": 4242, "is_bot": true, "first_name": "CSpO", "username": "cspo_test_bot",
            "can_join_groups": true, "can_read_all_group_messages": false,
            "supports_inline_queries": true, "has_main_web_app": false
        }))
        .unwrap()
    }

    fn group() -> Value {
        json!({"id": -1001, "type": "supergroup", "title": "Space"})
    }

    fn private() -> Value {
        json!({"id": 7, "type": "private", "first_name": "Alice"})
    }

    fn msg(chat: Value, text: &str, extra: Value) -> Message {
        let mut m = json!({
            "message_id": 10, "date": 1_700_000_000, "chat": chat,
            "from": {"id": 7, "is_bot": false, "first_name": "Alice"},
            "text": text
        });
        if let (Some(m), Some(e)) = (m.as_object_mut(), extra.as_object()) {
            for (k, v) in e {
                m.insert(k.clone(), v.clone());
            }
        }
        serde_json::from_value(m).unwrap()
    }

    fn mention(offset: usize, length: usize) -> Value {
        json!({"entities": [{"type": "mention", "offset": offset, "length": length}]})
    }

    #[test]
    fn private_text_is_a_question() {
        assert_eq!(
            classify(&msg(private(), " Who are the members? ", json!({})), &me()),
            Some(Incoming::Question("Who are the members?".into()))
        );
        assert_eq!(
            classify(&msg(private(), "/nope", json!({})), &me()),
            Some(Incoming::UnknownCommand)
        );
        assert_eq!(
            classify(&msg(private(), "/ask@otherbot hi", json!({})), &me()),
            None
        );
    }

    #[test]
    fn group_chatter_is_ignored() {
        assert_eq!(
            classify(&msg(group(), "When did Japan join?", json!({})), &me()),
            None
        );
        assert_eq!(classify(&msg(group(), "/start", json!({})), &me()), None);
        assert_eq!(
            classify(&msg(group(), "/nope@cspo_test_bot", json!({})), &me()),
            Some(Incoming::UnknownCommand)
        );
    }

    #[test]
    fn mentions_are_cut_out() {
        let m = msg(
            group(),
            "@cspo_test_bot, when did Japan join?",
            mention(0, 14),
        );
        assert_eq!(
            classify(&m, &me()),
            Some(Incoming::Question("when did Japan join?".into()))
        );
        let m = msg(
            group(),
            "hey @CSPO_test_bot when did Japan join?",
            mention(4, 14),
        );
        assert_eq!(
            classify(&m, &me()),
            Some(Incoming::Question("hey when did Japan join?".into()))
        );
        let m = msg(group(), "@cspo_test_bot", mention(0, 14));
        assert_eq!(classify(&m, &me()), Some(Incoming::Empty));
        let m = msg(group(), "@someone_else when?", mention(0, 13));
        assert_eq!(classify(&m, &me()), None);
    }

    #[test]
    fn replies_to_the_bot_are_questions() {
        let parent = json!({"message_id": 9, "date": 1_700_000_000, "chat": group(), "from": {"id": 4242, "is_bot": true, "first_name": "CSpO"}, "text": "Ten members."});
        let m = msg(group(), "And Japan?", json!({"reply_to_message": parent}));
        assert_eq!(
            classify(&m, &me()),
            Some(Incoming::Question("And Japan?".into()))
        );
        let other = json!({"message_id": 9, "date": 1_700_000_000, "chat": group(), "from": {"id": 8, "is_bot": false, "first_name": "Bob"}, "text": "hi"});
        assert_eq!(
            classify(
                &msg(group(), "And Japan?", json!({"reply_to_message": other})),
                &me()
            ),
            None
        );
    }

    #[test]
    fn a_topic_opened_by_the_bot_is_not_a_reply() {
        let created = json!({"message_id": 3, "date": 1_700_000_000, "chat": group(), "message_thread_id": 3, "from": {"id": 4242, "is_bot": true, "first_name": "CSpO"},
            "forum_topic_created": {"name": "Q&A", "icon_color": 7322096}});
        let m = msg(
            group(),
            "chatter",
            json!({"reply_to_message": created, "message_thread_id": 3, "is_topic_message": true}),
        );
        assert_eq!(classify(&m, &me()), None);
    }

    #[test]
    fn own_inline_answers_are_not_questions() {
        let m = msg(
            private(),
            "The members are…",
            json!({"via_bot": {"id": 4242, "is_bot": true, "first_name": "CSpO"}}),
        );
        assert_eq!(classify(&m, &me()), None);
    }

    #[test]
    fn messages_without_text() {
        let photo = json!({"message_id": 11, "date": 1_700_000_000, "chat": private(), "from": {"id": 7, "is_bot": false, "first_name": "Alice"},
            "photo": [{"file_id": "f", "file_unique_id": "u", "width": 1, "height": 1}]});
        assert_eq!(
            classify(&serde_json::from_value(photo.clone()).unwrap(), &me()),
            Some(Incoming::NoText)
        );
        let mut in_group = photo;
        in_group["chat"] = group();
        assert_eq!(
            classify(&serde_json::from_value(in_group).unwrap(), &me()),
            None
        );
    }
}
