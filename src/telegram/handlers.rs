//! The endpoints of the update tree: commands, questions in messages, and
//! presses of follow-up buttons. (Inline queries are in [`super::inline`].)
//!
//! Each endpoint reads what it needs, checks the asker's rate limit
//! ([`super::limit`]), asks the engine through [`App::ask`], and sends the
//! answer with [`send_html`]. Logs name the chat and the intent, never the
//! text of a message: that is only logged at `debug`.
//!
//! `/reload` is for the administrators named in the configuration; anyone
//! else gets "unknown command" in a private chat and nothing in a group.
//! Every command, `/reload` included, counts against the rate limit.

use super::addressing::Incoming;
use super::api::Api;
use super::commands::Command;
use super::keyboard::{self, Pressed};
use super::limit::Admission;
use super::replies;
use super::send::{Target, send_html};
use super::state::{App, Who};
use std::sync::Arc;
use teloxide::payloads::{AnswerCallbackQuery, AnswerCallbackQuerySetters as _};
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

/// The sender's interface language (Telegram's `language_code`): a hint
/// for the engine's language detection, and the language of `/help`.
fn language(msg: &Message) -> Option<String> {
    msg.from.as_ref().and_then(|u| u.language_code.clone())
}

/// Asks the engine and sends the answer with its follow-up buttons.
/// `echo` puts the question above the answer, for button presses; `hint`
/// is the asker's `language_code`.
async fn answer(
    api: &Api,
    app: &App,
    who: Who,
    to: Target,
    question: &str,
    (echo, hint): (bool, Option<&str>),
) -> HandlerResult {
    tracing::debug!(chat = who.chat, question, "question");
    let a = app.ask(who, question, hint).await;
    count_answer(&a, Surface::Chat);
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
    send_html(api, to, &html, keyboard::followups(&a.followups)).await?;
    Ok(())
}

/// Where a question came from, for the metrics: a chat message or button
/// (`chat`), or an inline query (`inline`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Surface {
    Chat,
    Inline,
}

impl Surface {
    fn label(self) -> &'static str {
        match self {
            Surface::Chat => "chat",
            Surface::Inline => "inline",
        }
    }
}

/// Counts an answer in the metrics, by outcome, intent and surface.
pub fn count_answer(a: &crate::engine::Answer, surface: Surface) {
    let outcome = if a.understood() {
        "answered"
    } else {
        "declined"
    };
    let intent = a.intent.clone().unwrap_or_else(|| "none".into());
    metrics::counter!(
        super::ops::names::QUESTIONS,
        "outcome" => outcome,
        "intent" => intent,
        "surface" => surface.label()
    )
    .increment(1);
}

fn count_refusal() {
    metrics::counter!(super::ops::names::RATE_LIMITED).increment(1);
}

/// Whether `who` may ask now; sends the one notice when they may not.
async fn admitted(api: &Api, app: &App, who: Who, to: Target) -> anyhow::Result<bool> {
    let admission = app.admit(who.user).await;
    if admission != Admission::Admit {
        count_refusal();
    }
    match admission {
        Admission::Admit => Ok(true),
        Admission::Notice => {
            tracing::info!(chat = who.chat, "rate limit reached; one notice sent");
            send_html(api, to, &replies::slow_down(app.limiter.per_minute()), None).await?;
            Ok(false)
        }
        Admission::Quiet => {
            tracing::debug!(chat = who.chat, "rate limited; ignored");
            Ok(false)
        }
    }
}

pub async fn on_command(
    api: Api,
    app: Arc<App>,
    me: Me,
    msg: Message,
    cmd: Command,
) -> HandlerResult {
    tracing::info!(chat = msg.chat.id.0, command = cmd.name(), "command");
    let to = Target::reply_to(&msg);
    let username = me.user.username.as_deref().unwrap_or_default();
    // Every command counts against the sender's limit, `/reload` included
    // (an administrator's, and anyone's attempt at it).
    if !admitted(&api, &app, who(&msg), to).await? {
        return Ok(());
    }
    if cmd == Command::Reload {
        return reload(&api, &app, &msg, to).await;
    }
    let engine = app.engine();
    let engine = &engine;
    let lang = language(&msg);
    let hint = lang.as_deref();
    match cmd {
        Command::Start(payload) => match super::deeplink::decode(payload.trim()) {
            // A deep link: answer the question it encodes, under it.
            Some(q) => answer(&api, &app, who(&msg), to, &q, (true, hint)).await?,
            None => {
                let examples = replies::examples_for(engine, hint);
                send_html(
                    &api,
                    to,
                    &replies::start_for(engine, username, hint),
                    keyboard::followups(&examples),
                )
                .await?
            }
        },
        Command::Help => {
            send_html(&api, to, &replies::help_for(engine, username, hint), None).await?
        }
        Command::Ask(q) if q.trim().is_empty() => {
            send_html(&api, to, &replies::ask_what(), None).await?
        }
        Command::Ask(q) => answer(&api, &app, who(&msg), to, &q, (false, hint)).await?,
        Command::Sources => {
            let memory = app.memory(msg.chat.id.0).await;
            send_html(&api, to, &replies::sources(engine, &memory.sources), None).await?
        }
        Command::Why => {
            // The asker's own last question, not the chat's.
            let conv = app.conversation(who(&msg)).await;
            let text = conv.why.unwrap_or_else(replies::nothing_to_explain);
            send_html(&api, to, &text, None).await?
        }
        Command::Share => {
            let conv = app.conversation(who(&msg)).await;
            let text = match conv.question {
                Some(q) => match super::deeplink::link(username, &q) {
                    Some(link) => replies::share(&q, &link),
                    None => replies::share_too_long(),
                },
                None => replies::nothing_to_share(),
            };
            send_html(&api, to, &text, None).await?
        }
        fixed @ (Command::Members | Command::Meeting | Command::Quotes | Command::About) => {
            let q = fixed.fixed_question().unwrap_or_default();
            answer(&api, &app, who(&msg), to, q, (false, hint)).await?
        }
        Command::Reload => {}
    }
    Ok(())
}

/// `/reload`: administrators only; see the module doc.
async fn reload(api: &Api, app: &App, msg: &Message, to: Target) -> HandlerResult {
    let user = msg.from.as_ref().map(|u| u.id.0 as i64);
    if !user.is_some_and(|u| app.is_admin(u)) {
        tracing::warn!(
            chat = msg.chat.id.0,
            user,
            "/reload refused: not an administrator"
        );
        if msg.chat.is_private() {
            send_html(api, to, &replies::unknown_command(), None).await?;
        }
        return Ok(());
    }
    let text = match app.reload().await {
        Ok(summary) => replies::reloaded(&summary),
        Err(e) => replies::reload_failed(&e),
    };
    send_html(api, to, &text, None).await?;
    Ok(())
}

pub async fn on_message(
    api: Api,
    app: Arc<App>,
    msg: Message,
    incoming: Incoming,
) -> HandlerResult {
    let to = Target::reply_to(&msg);
    if !admitted(&api, &app, who(&msg), to).await? {
        return Ok(());
    }
    match incoming {
        Incoming::Question(q) => {
            let hint = language(&msg);
            answer(&api, &app, who(&msg), to, &q, (false, hint.as_deref())).await?
        }
        Incoming::Empty => {
            send_html(&api, to, &replies::empty_mention(&app.engine()), None).await?
        }
        Incoming::UnknownCommand => send_html(&api, to, &replies::unknown_command(), None).await?,
        Incoming::NoText => send_html(&api, to, &replies::no_text(), None).await?,
    }
    Ok(())
}

/// Answers a callback query (stops the button's spinner). Best effort: a
/// failure is logged and the handler goes on, so a lost callback answer
/// never costs the answer in the chat.
async fn answer_callback(api: &Api, q: &CallbackQuery, text: Option<String>) {
    let mut payload = AnswerCallbackQuery::new(q.id.clone());
    if let Some(text) = text {
        payload = payload.text(text);
    }
    if let Err(e) = api.deliver(&payload).await {
        tracing::warn!(error = %e, "cannot answer a callback query");
    }
}

/// A follow-up button under a message sent in inline mode: the bot may
/// not be in that chat, so it cannot answer there. The press opens a
/// private chat with the bot through the question's deep link
/// ([`super::deeplink`]), where `/start` answers it; a question too long
/// for a link is answered in a pop-up instead (the first 200 characters).
async fn on_inline_message_button(
    api: &Api,
    app: &App,
    me: &Me,
    q: &CallbackQuery,
) -> HandlerResult {
    let question = match keyboard::decode(q.data.as_deref().unwrap_or_default()) {
        Pressed::Question(question) => question,
        Pressed::Hashed(_) | Pressed::Unknown => {
            answer_callback(api, q, Some(replies::expired_button())).await;
            return Ok(());
        }
    };
    let username = me.user.username.as_deref().unwrap_or_default();
    let mut payload = AnswerCallbackQuery::new(q.id.clone());
    match super::deeplink::link(username, &question) {
        Some(link) => match reqwest::Url::parse(&link) {
            Ok(url) => payload = payload.url(url),
            Err(_) => payload = payload.text(replies::expired_button()),
        },
        None => {
            let a = app.engine().answer_hinted(
                &question,
                &mut crate::engine::Context::default(),
                q.from.language_code.as_deref(),
            );
            count_answer(&a, Surface::Chat);
            payload = payload.text(replies::popup(&a.text)).show_alert(true);
        }
    }
    tracing::info!("inline-mode button pressed");
    if let Err(e) = api.deliver(&payload).await {
        tracing::warn!(error = %e, "cannot answer a callback query");
    }
    Ok(())
}

/// A follow-up button was pressed: stop the button's spinner first, then
/// answer the question in the chat, in the presser's conversation.
pub async fn on_callback(api: Api, app: Arc<App>, me: Me, q: CallbackQuery) -> HandlerResult {
    let Some(msg) = q.regular_message() else {
        if q.inline_message_id.is_some() {
            return on_inline_message_button(&api, &app, &me, &q).await;
        }
        // A button on a message too old for Telegram to show it.
        answer_callback(&api, &q, Some(replies::expired_button())).await;
        return Ok(());
    };
    let chat = msg.chat.id.0;
    let who = Who {
        chat,
        user: q.from.id.0 as i64,
    };
    if app.admit(who.user).await != Admission::Admit {
        count_refusal();
        let notice = replies::slow_down(app.limiter.per_minute());
        answer_callback(&api, &q, Some(notice)).await;
        return Ok(());
    }
    let question = match keyboard::decode(q.data.as_deref().unwrap_or_default()) {
        Pressed::Question(question) => Some(question),
        Pressed::Hashed(h) => app.memory(chat).await.offered(h).map(str::to_string),
        Pressed::Unknown => None,
    };
    let Some(question) = question else {
        tracing::info!(chat, "stale or unknown button");
        answer_callback(&api, &q, Some(replies::expired_button())).await;
        return Ok(());
    };
    answer_callback(&api, &q, None).await;
    let to = Target::reply_to(msg);
    let hint = q.from.language_code.as_deref();
    answer(&api, &app, who, to, &question, (true, hint)).await
}
