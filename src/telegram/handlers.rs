//! The endpoints of the update tree: commands, questions in messages, and
//! presses of follow-up buttons. (Inline queries are in [`super::inline`].)
//!
//! Each endpoint reads what it needs, asks the engine through
//! [`App::ask`], and sends the answer with [`send_html`]. Logs name the
//! chat and the intent, never the text of a message: that is only logged
//! at `debug`.

use super::addressing::Incoming;
use super::bot::Tg;
use super::commands::Command;
use super::keyboard::{self, Pressed};
use super::replies;
use super::send::{Target, send_html, with_retry};
use super::state::{App, Who};
use std::sync::Arc;
use teloxide::prelude::*;
use teloxide::types::{CallbackQuery, Me};

/// What the endpoints return; errors are logged by the dispatcher's error
/// handler (see [`super::schema`]).
pub type HandlerResult = anyhow::Result<()>;

/// Who sent `msg`: the user, or the chat posting as itself (anonymous
/// admins, linked channels).
fn who(msg: &Message) -> Who {
    let user = match (&msg.from, &msg.sender_chat) {
        (Some(u), _) => u.id.0 as i64,
        (None, Some(c)) => c.id.0,
        (None, None) => 0,
    };
    Who {
        chat: msg.chat.id.0,
        user,
    }
}

/// Asks the engine and sends the answer with its follow-up buttons.
/// `echo` puts the question above the answer, for button presses.
async fn answer(
    bot: &Tg,
    app: &App,
    who: Who,
    to: Target,
    question: &str,
    echo: bool,
) -> HandlerResult {
    tracing::debug!(chat = who.chat, question, "question");
    let a = app.ask(who, question).await;
    tracing::info!(
        chat = who.chat,
        intent = a.intent.as_deref().unwrap_or("-"),
        sources = a.sources.len(),
        "answered"
    );
    let html = if echo {
        replies::with_question(question, &a.html)
    } else {
        a.html.clone()
    };
    send_html(bot, to, &html, keyboard::followups(&a.followups)).await?;
    Ok(())
}

pub async fn on_command(
    bot: Tg,
    app: Arc<App>,
    me: Me,
    msg: Message,
    cmd: Command,
) -> HandlerResult {
    tracing::info!(chat = msg.chat.id.0, command = cmd.name(), "command");
    let to = Target::reply_to(&msg);
    let username = me.user.username.as_deref().unwrap_or_default();
    let engine = &app.engine;
    match cmd {
        Command::Start => {
            let examples = replies::examples(engine);
            send_html(
                &bot,
                to,
                &replies::start(engine, username),
                keyboard::followups(&examples),
            )
            .await?
        }
        Command::Help => send_html(&bot, to, &replies::help(engine, username), None).await?,
        Command::Ask(q) if q.trim().is_empty() => {
            send_html(&bot, to, &replies::ask_what(), None).await?
        }
        Command::Ask(q) => answer(&bot, &app, who(&msg), to, &q, false).await?,
        Command::Sources => {
            let memory = app.memory(msg.chat.id.0).await;
            send_html(&bot, to, &replies::sources(engine, &memory.sources), None).await?
        }
        Command::Why => {
            let memory = app.memory(msg.chat.id.0).await;
            let text = memory.why.unwrap_or_else(replies::nothing_to_explain);
            send_html(&bot, to, &text, None).await?
        }
        fixed @ (Command::Members | Command::Meeting | Command::Quotes | Command::About) => {
            let q = fixed.fixed_question().unwrap_or_default();
            answer(&bot, &app, who(&msg), to, q, false).await?
        }
    }
    Ok(())
}

pub async fn on_message(bot: Tg, app: Arc<App>, msg: Message, incoming: Incoming) -> HandlerResult {
    let to = Target::reply_to(&msg);
    match incoming {
        Incoming::Question(q) => answer(&bot, &app, who(&msg), to, &q, false).await?,
        Incoming::Empty => send_html(&bot, to, &replies::empty_mention(&app.engine), None).await?,
        Incoming::UnknownCommand => send_html(&bot, to, &replies::unknown_command(), None).await?,
        Incoming::NoText => send_html(&bot, to, &replies::no_text(), None).await?,
    }
    Ok(())
}

/// A follow-up button was pressed: stop the button's spinner first, then
/// answer the question in the chat, in the presser's conversation.
pub async fn on_callback(bot: Tg, app: Arc<App>, q: CallbackQuery) -> HandlerResult {
    let Some(msg) = q.regular_message() else {
        // A button on an inline-mode message, or on a message too old to see.
        with_retry(
            "answerCallbackQuery",
            bot.answer_callback_query(q.id.clone())
                .text(replies::expired_button()),
        )
        .await?;
        return Ok(());
    };
    let chat = msg.chat.id.0;
    let question = match keyboard::decode(q.data.as_deref().unwrap_or_default()) {
        Pressed::Question(question) => Some(question),
        Pressed::Hashed(h) => app.memory(chat).await.offered(h).map(str::to_string),
        Pressed::Unknown => None,
    };
    let Some(question) = question else {
        tracing::info!(chat, "stale or unknown button");
        with_retry(
            "answerCallbackQuery",
            bot.answer_callback_query(q.id.clone())
                .text(replies::expired_button()),
        )
        .await?;
        return Ok(());
    };
    with_retry(
        "answerCallbackQuery",
        bot.answer_callback_query(q.id.clone()),
    )
    .await?;
    let who = Who {
        chat,
        user: q.from.id.0 as i64,
    };
    let to = Target::reply_to(msg);
    answer(&bot, &app, who, to, &question, true).await
}
