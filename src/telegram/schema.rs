//! The update tree: which endpoint handles which update.
//!
//! ```text
//! schema
//! ├── message
//! │   ├── command_handler   /start, /help, /ask …, for this bot only
//! │   └── message_handler   questions: private text, mentions, replies to the bot
//! ├── inline_handler        @thisbot question
//! └── callback_handler      follow-up buttons
//! ```
//!
//! The tree is run by [`super::updates::Feed`], with the update, `Me`,
//! [`Api`] and `Arc<App>` as dependencies. Every endpoint runs inside
//! [`guarded`], which catches a panic, logs it and drops that one update
//! (the feed catches panics too, as a last resort). A callback query whose
//! handler panicked is still answered, so the user's button stops
//! spinning.

use super::addressing;
use super::api::Api;
use super::commands;
use super::handlers::{self, HandlerResult};
use super::inline;
use super::state::App;
use futures::FutureExt as _;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use teloxide::dispatching::{UpdateFilterExt, UpdateHandler};
use teloxide::payloads::AnswerCallbackQuery;
use teloxide::prelude::*;
use teloxide::types::{CallbackQuery, InlineQuery, Me};

/// The whole tree.
pub fn schema() -> UpdateHandler<anyhow::Error> {
    dptree::entry()
        .branch(
            Update::filter_message()
                .branch(command_handler())
                .branch(message_handler()),
        )
        .branch(inline_handler())
        .branch(callback_handler())
}

/// Our commands, in any chat (see [`commands::parse`]).
fn command_handler() -> UpdateHandler<anyhow::Error> {
    dptree::filter_map(commands::from_message).endpoint(
        |api: Api, app: Arc<App>, me: Me, msg: Message, cmd: commands::Command| async move {
            guarded("command", handlers::on_command(api, app, me, msg, cmd)).await;
            Ok(())
        },
    )
}

/// Messages meant for the bot (see [`addressing`]).
fn message_handler() -> UpdateHandler<anyhow::Error> {
    dptree::filter_map(addressing::incoming).endpoint(
        |api: Api, app: Arc<App>, msg: Message, incoming: addressing::Incoming| async move {
            guarded("message", handlers::on_message(api, app, msg, incoming)).await;
            Ok(())
        },
    )
}

fn inline_handler() -> UpdateHandler<anyhow::Error> {
    Update::filter_inline_query().endpoint(|api: Api, app: Arc<App>, q: InlineQuery| async move {
        guarded("inline query", inline::on_inline_query(api, app, q)).await;
        Ok(())
    })
}

fn callback_handler() -> UpdateHandler<anyhow::Error> {
    Update::filter_callback_query().endpoint(
        |api: Api, app: Arc<App>, me: Me, q: CallbackQuery| async move {
            let id = q.id.clone();
            if guarded(
                "callback query",
                handlers::on_callback(api.clone(), app, me, q),
            )
            .await
                == Outcome::Panicked
            {
                // Unanswered, the button would spin for a while; answering a
                // second time (if the panic came later) fails harmlessly.
                let _ = api.deliver(&AnswerCallbackQuery::new(id)).await;
            }
            Ok(())
        },
    )
}

/// How a guarded handler ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Done,
    Failed,
    Panicked,
}

/// Runs a handler, logging its error or its panic instead of passing them on.
pub async fn guarded(what: &'static str, handler: impl Future<Output = HandlerResult>) -> Outcome {
    match AssertUnwindSafe(handler).catch_unwind().await {
        Ok(Ok(())) => Outcome::Done,
        Ok(Err(e)) => {
            let error = format!("{e:#}");
            tracing::warn!(%error, "handling a {what} failed");
            Outcome::Failed
        }
        Err(panic) => {
            // A panic's message may quote the user's text (a slicing panic
            // quotes the string it cut): only at DEBUG, like message texts.
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "(no message)".into());
            tracing::error!("a {what} handler panicked; the update is dropped, the bot goes on");
            tracing::debug!(panic = %message, "the panic's message");
            Outcome::Panicked
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn guard_catches_panics_and_errors() {
        assert_eq!(guarded("test", async { Ok(()) }).await, Outcome::Done);
        assert_eq!(
            guarded("test", async { Err(anyhow::anyhow!("no")) }).await,
            Outcome::Failed
        );
        let boom = async {
            if std::hint::black_box(true) {
                panic!("boom");
            }
            Ok(())
        };
        assert_eq!(guarded("test", boom).await, Outcome::Panicked);
    }
}
