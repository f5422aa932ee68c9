//! Sending: where a reply goes, and long texts in several messages.
//!
//! Every message goes through [`Api::send_message`], which keeps within
//! Telegram's rates and retries failures that may pass (see [`super::api`]).

use super::api::{Api, CallError};
use super::split::{MAX_MESSAGE_LEN, split_html};
use teloxide::payloads::{SendMessage, SendMessageSetters as _};
use teloxide::prelude::*;
use teloxide::types::{
    InlineKeyboardMarkup, LinkPreviewOptions, MessageId, ParseMode, ReplyParameters, ThreadId,
};

/// Where a reply goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub chat: ChatId,
    /// The message answered, quoted as the reply (in groups).
    pub reply_to: Option<MessageId>,
    /// The forum topic, when the message answered was in one.
    pub thread: Option<ThreadId>,
}

impl Target {
    /// A reply to `msg`: in the same chat and topic; in a group, as a reply
    /// to it, so the asker sees which question was answered.
    pub fn reply_to(msg: &Message) -> Target {
        Target {
            chat: msg.chat.id,
            reply_to: (!msg.chat.is_private()).then_some(msg.id),
            thread: if msg.is_topic_message {
                msg.thread_id
            } else {
                None
            },
        }
    }
}

/// Sends `html` to `to`, in as many messages as it takes; the keyboard goes
/// with the last one, the reply quote with the first.
pub async fn send_html(
    api: &Api,
    to: Target,
    html: &str,
    keyboard: Option<InlineKeyboardMarkup>,
) -> Result<(), CallError> {
    let pieces = split_html(html, MAX_MESSAGE_LEN);
    let last = pieces.len().saturating_sub(1);
    for (i, piece) in pieces.into_iter().enumerate() {
        let mut req = SendMessage::new(to.chat, piece)
            .parse_mode(ParseMode::Html)
            .link_preview_options(no_preview());
        if let (0, Some(id)) = (i, to.reply_to) {
            req = req.reply_parameters(ReplyParameters::new(id).allow_sending_without_reply());
        }
        if let Some(thread) = to.thread {
            req = req.message_thread_id(thread);
        }
        if let (true, Some(kb)) = (i == last, &keyboard) {
            req = req.reply_markup(kb.clone());
        }
        api.send_message(&req).await?;
    }
    Ok(())
}

fn no_preview() -> LinkPreviewOptions {
    LinkPreviewOptions {
        is_disabled: true,
        url: None,
        prefer_small_media: false,
        prefer_large_media: false,
        show_above_text: false,
    }
}
