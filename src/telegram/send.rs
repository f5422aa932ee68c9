//! Sending: where a reply goes, long texts in several messages, and retries
//! for the methods the throttling adaptor does not cover.
//!
//! Messages go through teloxide's `Throttle`, which keeps within Telegram's
//! per-chat and global rates and retries after `RetryAfter` by itself.
//! Answers to inline and callback queries bypass it, so [`with_retry`]
//! honours `RetryAfter` for them (briefly: a callback answered after 15
//! seconds is useless anyway).

use super::bot::Tg;
use super::split::{MAX_MESSAGE_LEN, split_html};
use std::time::Duration;
use teloxide::RequestError;
use teloxide::prelude::*;
use teloxide::requests::Output;
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
    bot: &Tg,
    to: Target,
    html: &str,
    keyboard: Option<InlineKeyboardMarkup>,
) -> Result<(), RequestError> {
    let pieces = split_html(html, MAX_MESSAGE_LEN);
    let last = pieces.len().saturating_sub(1);
    for (i, piece) in pieces.into_iter().enumerate() {
        let mut req = bot
            .send_message(to.chat, piece)
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
        req.await?;
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

/// How many times [`with_retry`] retries, and the longest wait it accepts.
const RETRIES: u32 = 2;
const LONGEST_WAIT: Duration = Duration::from_secs(10);

/// Sends `req`, waiting and retrying when Telegram answers `RetryAfter`
/// (at most [`RETRIES`] times, and only for waits up to [`LONGEST_WAIT`]).
pub async fn with_retry<R>(what: &str, req: R) -> Result<Output<R>, RequestError>
where
    R: Request<Err = RequestError>,
{
    let mut attempt = 0;
    loop {
        match req.send_ref().await {
            Err(RequestError::RetryAfter(after))
                if attempt < RETRIES && after.duration() <= LONGEST_WAIT =>
            {
                attempt += 1;
                tracing::warn!(
                    method = what,
                    wait_secs = after.seconds(),
                    "Telegram asked to slow down; retrying"
                );
                tokio::time::sleep(after.duration()).await;
            }
            other => return other,
        }
    }
}
