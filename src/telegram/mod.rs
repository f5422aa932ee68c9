//! The Telegram front end: the only module that knows teloxide.
//!
//! `cspo-bot run` lands in [`run`], which reads the token, checks it with
//! `getMe`, registers the command menu, and serves updates by long polling
//! (default) or by webhook (`--webhook-url`) until SIGTERM or SIGINT.
//!
//! - [`bot`]: token, HTTP client, start-up check.
//! - [`schema`]: the update tree and the panic guard around every handler.
//! - [`commands`]: the `BotCommands` enum (the menu and `/help`).
//! - [`addressing`]: in groups, whether a message is meant for the bot.
//! - [`handlers`], [`inline`]: the endpoints.
//! - [`replies`]: the bot's own texts; [`keyboard`]: follow-up buttons.
//! - [`send`]: reply targets, splitting, retries; [`split`]: the splitter.
//! - [`state`], [`store`]: conversations and their storage.
//! - [`shutdown`]: signals and graceful exit.

pub mod addressing;
pub mod bot;
pub mod commands;
pub mod handlers;
pub mod inline;
pub mod keyboard;
pub mod replies;
pub mod schema;
pub mod send;
pub mod shutdown;
pub mod split;
pub mod state;
pub mod store;

use crate::engine::Engine;
use anyhow::{Context as _, bail};
use std::net::SocketAddr;
use std::sync::Arc;
use teloxide::dispatching::{DefaultKey, Dispatcher};
use teloxide::error_handlers::LoggingErrorHandler;
use teloxide::prelude::*;
use teloxide::update_listeners::{Polling, webhooks};

/// Options of `cspo-bot run`.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Public URL Telegram posts updates to; `None` for long polling.
    pub webhook_url: Option<String>,
    /// Where the webhook server listens.
    pub listen: Option<SocketAddr>,
    /// `memory` (default) or `sqlite:PATH`.
    pub store: Option<String>,
}

/// Logs to stderr; `RUST_LOG` overrides the default level, `info`. At
/// `info`, logs name chats and intents but never the text of a message.
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(ansi)
        .try_init();
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("");
        tracing::error!(at, "panicked: {message}");
    }));
}

/// The secret Telegram must send with every webhook request:
/// `CSPO_WEBHOOK_SECRET` if set, else a random one for this run.
fn webhook_secret() -> anyhow::Result<Option<String>> {
    match std::env::var("CSPO_WEBHOOK_SECRET") {
        Ok(s) if s.is_empty() => Ok(None),
        Ok(s) => {
            if s.len() > 256
                || !s
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            {
                bail!("CSPO_WEBHOOK_SECRET must be 1 to 256 characters of A-Z, a-z, 0-9, _ and -");
            }
            Ok(Some(s))
        }
        Err(_) => Ok(None),
    }
}

/// Runs the bot until it is told to stop.
pub async fn run(engine: Arc<Engine>, opts: RunOptions) -> anyhow::Result<()> {
    init_logging();
    let mut signals = shutdown::Signals::listen().context("cannot listen for signals")?;
    let token = bot::token_from_env()?;
    let raw = bot::build(&token)?;
    let store = store::Store::open(opts.store.as_deref())?;
    let webhook = match &opts.webhook_url {
        Some(url) => Some(
            reqwest::Url::parse(url)
                .with_context(|| format!("--webhook-url {url:?} is not a URL"))?,
        ),
        None => None,
    };
    let secret = webhook_secret()?;

    // Nothing is logged before the token is known to work, so a bad token
    // costs exactly one line of output.
    let me = tokio::select! {
        me = bot::check(&raw, &token) => me?,
        name = signals.recv() => {
            eprintln!("cspo-bot: {name} received during start-up; exiting");
            return Ok(());
        }
    };
    let username = me.user.username.clone().unwrap_or_default();
    tracing::info!(bot = %username, store = %store.describe(), "connected to the Bot API");
    if let Err(e) = raw.set_my_commands(commands::menu()).await {
        tracing::warn!(error = %bot::describe(&e, &token), "cannot register the command menu");
    }

    let bot: bot::Tg = raw.throttle(bot::limits());
    let app = Arc::new(state::App::new(engine, store));
    let mut dispatcher = Dispatcher::builder(bot.clone(), schema::schema())
        .dependencies(dptree::deps![app])
        .default_handler(
            |upd| async move { tracing::debug!(update = upd.id.0, "ignored an update") },
        )
        .error_handler(LoggingErrorHandler::with_custom_text("a handler failed"))
        .build();
    tokio::spawn(shutdown::on_signal(signals, dispatcher.shutdown_token()));

    match webhook {
        None => serve_polling(&mut dispatcher, &bot, &token).await?,
        Some(url) => {
            let addr = opts
                .listen
                .context("--listen is required with --webhook-url")?;
            serve_webhook(&mut dispatcher, &bot, &token, url, addr, secret).await?
        }
    }
    tracing::info!("stopped");
    Ok(())
}

type Dp = Dispatcher<bot::Tg, anyhow::Error, DefaultKey>;

/// Receives updates by long polling until the dispatcher is shut down.
async fn serve_polling(
    dispatcher: &mut Dp,
    bot: &bot::Tg,
    token: &bot::Token,
) -> anyhow::Result<()> {
    tracing::info!("receiving updates by long polling");
    // Not teloxide's LoggingErrorHandler: its `Debug` output would quote the
    // raw answer of a getUpdates that failed to parse, messages and all.
    let errors = Arc::new(|e: teloxide::RequestError| async move {
        tracing::warn!(error = %bot::error_text(&e), "receiving updates failed");
    });
    let polling = Polling::builder(bot.clone())
        .timeout(bot::POLL_TIMEOUT)
        .delete_webhook()
        .await
        .build();
    dispatcher
        .try_dispatch_with_listener(polling, errors)
        .await
        .map_err(|e| bot::describe(&e, token))
}

/// Receives updates by webhook until the dispatcher is shut down: binds
/// `addr`, registers `url` (and the secret) with Telegram, serves.
async fn serve_webhook(
    dispatcher: &mut Dp,
    bot: &bot::Tg,
    token: &bot::Token,
    url: reqwest::Url,
    addr: SocketAddr,
    secret: Option<String>,
) -> anyhow::Result<()> {
    // Bind before telling Telegram where to post, so a busy port is a clean
    // error rather than a webhook into the void.
    let tcp = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    let mut options = webhooks::Options::new(addr, url.clone());
    if let Some(s) = secret {
        options = options.secret_token(s);
    }
    // teloxide's router refuses (401) every request without the secret.
    let (listener, stopped, router) = webhooks::axum_to_router(bot.clone(), options)
        .await
        .map_err(|e| bot::describe(&e, token))?;
    tracing::info!(url = %url, listen = %addr, "receiving updates by webhook");
    let server = tokio::spawn(async move {
        if let Err(e) = axum::serve(tcp, router)
            .with_graceful_shutdown(stopped)
            .await
        {
            tracing::error!(error = %e, "the webhook server failed");
        }
    });
    // The webhook listener cannot fail (its error type is `Infallible`).
    let served = dispatcher
        .try_dispatch_with_listener(listener, LoggingErrorHandler::new())
        .await;
    // The server stops after the dispatcher and deletes the webhook on its
    // way out; give it a moment to do so.
    if tokio::time::timeout(std::time::Duration::from_secs(5), server)
        .await
        .is_err()
    {
        tracing::warn!("the webhook server did not stop within 5 s");
    }
    served.map_err(|e| bot::describe(&e, token))
}

#[cfg(test)]
mod tests {
    /// The engine escapes HTML without teloxide; it must agree with
    /// teloxide's escaping, which Telegram's parser is known to accept.
    #[test]
    fn engine_escaping_agrees_with_teloxide() {
        for s in [
            "",
            "plain",
            "a < b > c & d",
            "&amp; already",
            "<b>bold</b>",
            "\"quotes\" 'and' apostrophes",
            "🇯🇵 & 🇳🇴 <3",
            "&&<<>>",
            "tab\tnew\nline",
        ] {
            assert_eq!(
                crate::engine::escape_html(s),
                teloxide::utils::html::escape(s),
                "{s:?}"
            );
        }
    }
}
