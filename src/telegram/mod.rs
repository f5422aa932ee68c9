//! The Telegram front end: the only module that knows teloxide.
//!
//! `cspo-bot run` lands in [`run`], which reads the token, checks it with
//! `getMe`, registers the command menu, and serves updates by long polling
//! (default) or by webhook (`--webhook-url`) until SIGTERM or SIGINT.
//! SIGHUP (or `/reload` from an administrator) reloads the data.
//!
//! - [`bot`]: token and start-up check; [`api`]: the Bot API client, its
//!   retries and timeouts; [`throttle`]: Telegram's sending rates.
//! - [`updates`]: receiving updates at least once, and running handlers;
//!   [`webhook`]: the same by webhook, with the secret checked.
//! - [`schema`]: the update tree and the panic guard around every handler.
//! - [`commands`]: the `BotCommands` enum (the menu and `/help`).
//! - [`addressing`]: in groups, whether a message is meant for the bot.
//! - [`handlers`], [`inline`]: the endpoints; [`limit`]: per-user rate limit.
//! - [`replies`]: the bot's own texts; [`keyboard`]: follow-up buttons.
//! - [`send`]: reply targets and splitting; [`split`]: the splitter.
//! - [`state`], [`store`]: the engine, conversations and their storage.
//! - [`shutdown`]: signals; [`redact`]: logs without the token.

pub mod addressing;
pub mod api;
pub mod bot;
pub mod commands;
pub mod handlers;
pub mod inline;
pub mod keyboard;
pub mod limit;
pub mod redact;
pub mod replies;
pub mod schema;
pub mod send;
pub mod shutdown;
pub mod split;
pub mod state;
pub mod store;
pub mod throttle;
pub mod updates;
pub mod webhook;

use crate::engine::Engine;
use anyhow::{Context as _, bail};
use std::collections::HashSet;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use teloxide::payloads::SetMyCommands;

/// Options of `cspo-bot run`.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Public URL Telegram posts updates to; `None` for long polling.
    pub webhook_url: Option<String>,
    /// Where the webhook server listens.
    pub listen: Option<SocketAddr>,
    /// `memory` (default) or `sqlite:PATH`.
    pub store: Option<String>,
    /// Telegram user ids allowed to use `/reload`.
    pub admins: HashSet<i64>,
    /// Questions per user per minute; 0 for no limit.
    pub rate_limit: u32,
    /// The data and intents directories (for reloading).
    pub data: PathBuf,
    pub intents: PathBuf,
}

/// Logs to stderr through [`redact`], so the token never shows; `RUST_LOG`
/// overrides the default level, `info`. At `info`, logs name chats and
/// intents but never the text of a message.
fn init_logging(token: &bot::Token) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(redact::Redacted::stderr(token))
        .with_ansi(ansi)
        .try_init();
    // A panic is logged at ERROR by where it happened (and, from inside a
    // handler, in the span naming the update); its message only at DEBUG,
    // since it may quote the user's text (a slicing panic quotes the
    // string it cut).
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
        tracing::error!(at, "panicked");
        tracing::debug!(at, "the panic's message: {message}");
    }));
}

/// The secret Telegram must send with every webhook request:
/// `CSPO_WEBHOOK_SECRET` if set, else a random one for this run.
fn webhook_secret() -> anyhow::Result<String> {
    match std::env::var("CSPO_WEBHOOK_SECRET") {
        Ok(s) if !s.is_empty() => {
            if s.len() > 256
                || !s
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            {
                bail!("CSPO_WEBHOOK_SECRET must be 1 to 256 characters of A-Z, a-z, 0-9, _ and -");
            }
            Ok(s)
        }
        _ => webhook::random_secret(),
    }
}

/// Runs the bot until it is told to stop.
pub async fn run(engine: Arc<Engine>, opts: RunOptions) -> anyhow::Result<()> {
    let mut signals = shutdown::Signals::listen().context("cannot listen for signals")?;
    let token = bot::token_from_env()?;
    init_logging(&token);
    let api = bot::build(&token)?;
    let store = store::Store::open(opts.store.as_deref())?;
    let webhook = match &opts.webhook_url {
        Some(url) => Some(
            reqwest::Url::parse(url)
                .with_context(|| format!("--webhook-url {url:?} is not a URL"))?,
        ),
        None => None,
    };
    let secret = match webhook {
        Some(_) => Some(webhook_secret()?),
        None => None,
    };

    // Nothing is logged before the token is known to work, so a bad token
    // costs exactly one line of output.
    let me = tokio::select! {
        me = bot::check(&api) => me?,
        name = signals.recv() => {
            eprintln!("cspo-bot: {name} received during start-up; exiting");
            return Ok(());
        }
    };
    let username = me.user.username.clone().unwrap_or_default();
    tracing::info!(
        bot = %username,
        store = %store.describe(),
        admins = opts.admins.len(),
        rate_limit = opts.rate_limit,
        "connected to the Bot API"
    );
    if let Err(e) = api.deliver(&SetMyCommands::new(commands::menu())).await {
        tracing::warn!(error = %e, "cannot register the command menu");
    }

    let settings = state::Settings {
        admins: opts.admins.clone(),
        rate_limit: opts.rate_limit,
        data: opts.data.clone(),
        intents: opts.intents.clone(),
    };
    let app = Arc::new(state::App::new(engine, store, settings));
    if let Some(hup) = signals.take_hangup() {
        tokio::spawn(shutdown::reload_on_hangup(hup, Arc::clone(&app)));
    }
    let stop = updates::Stop::default();
    tokio::spawn(shutdown::on_signal(signals, stop.clone()));
    let feed = updates::Feed::new(api.clone(), app, me);

    match (webhook, secret) {
        (Some(url), Some(secret)) => {
            let addr = opts
                .listen
                .context("--listen is required with --webhook-url")?;
            webhook::serve(feed, url, addr, secret, stop).await?
        }
        _ => {
            // A webhook left set would make every getUpdates fail.
            if let Err(e) = api
                .call_value(
                    "DeleteWebhook",
                    &serde_json::json!({}),
                    api.tuning().request_timeout,
                )
                .await
            {
                tracing::warn!(error = %e, "cannot delete a webhook left from an earlier run");
            }
            feed.poll(stop).await?
        }
    }
    tracing::info!("stopped");
    Ok(())
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
