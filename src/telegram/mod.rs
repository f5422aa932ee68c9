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
//! - [`replies`]: the bot's own texts; [`keyboard`]: follow-up buttons;
//!   [`deeplink`]: `t.me/<bot>?start=...` links that ask a question.
//! - [`send`]: reply targets and splitting; [`split`]: the splitter.
//! - [`state`], [`store`]: the engine, conversations and their storage;
//!   [`redis_store`]: the state replicas share; [`lease`]: one poller
//!   among replicas.
//! - [`shutdown`]: signals; [`redact`]: logs without the token.
//! - [`ops`]: `/healthz`, `/readyz`, `/metrics` on `--listen`.

pub mod addressing;
pub mod api;
pub mod bot;
pub mod commands;
pub mod deeplink;
pub mod handlers;
pub mod inline;
pub mod keyboard;
pub mod lease;
pub mod limit;
pub mod ops;
pub mod redact;
pub mod redis_store;
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

use crate::cli::{LogFormat, RunArgs};
use crate::engine::Engine;
use anyhow::{Context as _, bail};
use secrecy::{ExposeSecret as _, SecretString};
use std::collections::HashSet;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use teloxide::payloads::{SetMyCommands, SetMyCommandsSetters as _};

/// Where the listener binds in webhook mode when `--listen` is not given.
pub const WEBHOOK_LISTEN: &str = "0.0.0.0:8443";

/// Options of `cspo-bot run`, checked (see [`RunOptions::from_args`]).
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// The bot token; checked at start ([`bot::Token::new`]).
    pub token: Option<SecretString>,
    pub api_url: reqwest::Url,
    pub proxy: Option<SecretString>,
    /// Public URL Telegram posts updates to; `None` for long polling.
    pub webhook_url: Option<reqwest::Url>,
    /// The webhook's secret; a random one when `None`.
    pub webhook_secret: Option<SecretString>,
    /// Where the HTTP listener (health, metrics, webhook) binds, if anywhere.
    pub listen: Option<SocketAddr>,
    /// `memory`, `sqlite:PATH` or `redis://…`.
    pub store: String,
    /// The Redis password, when the store's URL has none.
    pub redis_password: Option<SecretString>,
    /// `rediss://`: the CA certificates (PEM) to trust for Redis.
    pub redis_ca_file: Option<PathBuf>,
    /// Polling start: delete a webhook that is set (by default the bot
    /// refuses to start, as another deployment receives the updates).
    pub replace_webhook: bool,
    /// Telegram user ids allowed to use `/reload`.
    pub admins: HashSet<i64>,
    /// Questions per user per minute; 0 for no limit.
    pub rate_limit: u32,
    pub tuning: api::Tuning,
    pub max_attempts: u32,
    pub log: String,
    pub log_format: LogFormat,
    pub unthrottled: bool,
    pub hooks: state::Hooks,
    /// The data and intents directories (for reloading).
    pub data: PathBuf,
    pub intents: PathBuf,
    /// Bounds on the listener's clients (the webhook's among them).
    pub webhook_limits: webhook::Limits,
    /// What the store keeps, and how often it is pruned.
    pub retention: store::Retention,
    pub housekeeping_every: Duration,
}

impl RunOptions {
    /// The settings of the command line, the environment and the file,
    /// with the checks clap cannot make; an error is one line naming the
    /// setting.
    pub fn from_args(a: &RunArgs, data: PathBuf, intents: PathBuf) -> anyhow::Result<RunOptions> {
        if let Some(secret) = &a.webhook_secret {
            let s = secret.expose_secret();
            if s.is_empty()
                || s.len() > 256
                || !s
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            {
                bail!(
                    "CSPO_WEBHOOK_SECRET (--webhook-secret) must be 1 to 256 characters of A-Z, a-z, 0-9, _ and -"
                );
            }
        }
        if let Some(p) = &a.proxy {
            bot::proxy(p)?;
        }
        store::Store::check_spec(&a.store)?;
        if let Some(url) = &a.webhook_url {
            if !matches!(url.scheme(), "https" | "http") {
                bail!("--webhook-url (CSPO_WEBHOOK_URL) {url} is not an HTTPS URL");
            }
            if ops::PATHS.contains(&url.path()) {
                bail!(
                    "--webhook-url (CSPO_WEBHOOK_URL): the path {} is taken by the health and metrics endpoints",
                    url.path()
                );
            }
        }
        let listen = match (&a.webhook_url, a.listen) {
            (_, Some(addr)) => Some(addr),
            (Some(_), None) => Some(WEBHOOK_LISTEN.parse().expect("a socket address")),
            (None, None) => None,
        };
        // A panic is logged at ERROR by where it happened (and, from inside a
        // handler, in the span naming the update); its message only at DEBUG,
        // since it may quote the user's text (a slicing panic quotes the
        // string it cut).
        let tuning = api::Tuning {
            request_timeout: Duration::from_millis(a.request_timeout_ms),
            poll_timeout: Duration::from_secs(a.poll_timeout_s),
            retry_base: Duration::from_millis(a.retry_base_ms),
            handler_timeout: Duration::from_secs(a.handler_timeout_s),
            ..api::Tuning::default()
        };
        // A panic is logged at ERROR by where it happened (and, from inside a
        // handler, in the span naming the update); its message only at DEBUG,
        // since it may quote the user's text (a slicing panic quotes the
        // string it cut).
        Ok(RunOptions {
            token: a.token.clone(),
            api_url: a.api_url.clone(),
            proxy: a.proxy.clone(),
            webhook_url: a.webhook_url.clone(),
            webhook_secret: a.webhook_secret.clone(),
            listen,
            store: a.store.trim().to_string(),
            redis_password: a.redis_password.clone(),
            redis_ca_file: a.redis_ca_file.clone(),
            replace_webhook: a.replace_webhook,
            admins: a.admins.iter().copied().collect(),
            rate_limit: a.rate_limit,
            tuning,
            max_attempts: a.max_attempts,
            log: a.log.clone(),
            log_format: a.log_format,
            unthrottled: a.bench_unthrottled.as_deref() == Some("1"),
            #[cfg(feature = "test-hooks")]
            hooks: state::Hooks {
                panic_on: a.panic_on.clone(),
                die_on: a.die_on.clone(),
            },
            #[cfg(not(feature = "test-hooks"))]
            hooks: state::Hooks::default(),
            data,
            intents,
            webhook_limits: webhook::Limits {
                max_connections: a.webhook_max_connections as usize,
                read_timeout: Duration::from_millis(a.webhook_timeout_ms),
                ..webhook::Limits::default()
            },
            retention: store::Retention {
                capacity: a.store_capacity as usize,
                idle: Duration::from_secs(a.store_idle_secs),
            },
            housekeeping_every: store::PRUNE_EVERY,
        })
    }

    /// The settings in force, one `key = value` per line (TOML), secrets
    /// shown only as set or not: `cspo-bot run --print-config`.
    pub fn describe(&self) -> String {
        let secret = |s: &Option<SecretString>| match s {
            Some(_) => "\"<set>\"".to_string(),
            None => "\"<unset>\"".to_string(),
        };
        // A panic is logged at ERROR by where it happened (and, from inside a
        // handler, in the span naming the update); its message only at DEBUG,
        // since it may quote the user's text (a slicing panic quotes the
        // string it cut).
        let quote = |s: &str| format!("{s:?}");
        let mut admins: Vec<i64> = self.admins.iter().copied().collect();
        admins.sort_unstable();
        let t = &self.tuning;
        let lines = [
            ("token", secret(&self.token)),
            ("api-url", quote(self.api_url.as_str())),
            ("proxy", secret(&self.proxy)),
            (
                "webhook-url",
                quote(self.webhook_url.as_ref().map_or("", |u| u.as_str())),
            ),
            ("webhook-secret", secret(&self.webhook_secret)),
            (
                "listen",
                quote(&self.listen.map(|a| a.to_string()).unwrap_or_default()),
            ),
            ("store", quote(&store::describe_spec(&self.store))),
            ("redis-password", secret(&self.redis_password)),
            (
                "redis-ca-file",
                quote(
                    &self
                        .redis_ca_file
                        .as_ref()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default(),
                ),
            ),
            ("replace-webhook", self.replace_webhook.to_string()),
            ("admin", format!("{admins:?}")),
            ("rate-limit", self.rate_limit.to_string()),
            (
                "request-timeout-ms",
                t.request_timeout.as_millis().to_string(),
            ),
            ("poll-timeout-s", t.poll_timeout.as_secs().to_string()),
            ("retry-base-ms", t.retry_base.as_millis().to_string()),
            ("handler-timeout-s", t.handler_timeout.as_secs().to_string()),
            ("max-attempts", self.max_attempts.to_string()),
            (
                "webhook-max-connections",
                self.webhook_limits.max_connections.to_string(),
            ),
            (
                "webhook-timeout-ms",
                self.webhook_limits.read_timeout.as_millis().to_string(),
            ),
            ("store-capacity", self.retention.capacity.to_string()),
            ("store-idle-secs", self.retention.idle.as_secs().to_string()),
            ("log", quote(&self.log)),
            (
                "log-format",
                quote(match self.log_format {
                    LogFormat::Text => "text",
                    LogFormat::Json => "json",
                }),
            ),
            ("data", quote(&self.data.display().to_string())),
            ("intents", quote(&self.intents.display().to_string())),
        ];
        lines.iter().map(|(k, v)| format!("{k} = {v}\n")).collect()
    }
}

/// Logs to stderr through [`redact`], so the token never shows, filtered by
/// `--log` (`RUST_LOG`, default `info`), as text or JSON lines. At `info`,
/// logs name chats and intents but never the text of a message.
fn init_logging(token: &bot::Token, secrets: &[String], filter: &str, format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_new(filter)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let writer = redact::Redacted::stderr(token).with_secrets(secrets);
    let _ = match format {
        LogFormat::Text => {
            let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
            tracing_subscriber::fmt()
                .with_env_filter(filter)
                .with_writer(writer)
                .with_ansi(ansi)
                .try_init()
        }
        LogFormat::Json => tracing_subscriber::fmt()
            .json()
            .with_env_filter(filter)
            .with_writer(writer)
            .try_init(),
    };
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

/// Runs the bot until it is told to stop.
pub async fn run(engine: Arc<Engine>, opts: RunOptions) -> anyhow::Result<()> {
    let mut signals = shutdown::Signals::listen().context("cannot listen for signals")?;
    let token = bot::Token::new(opts.token.as_ref())?;
    let store = store::Store::open_with(
        Some(&opts.store),
        token.bot_id(),
        opts.redis_password.as_ref().map(|p| p.expose_secret()),
        opts.redis_ca_file.as_deref(),
    )?
    .with_retention(opts.retention);
    let mut secrets = store
        .redis()
        .map(|r| r.secrets().to_vec())
        .unwrap_or_default();
    if let Some(s) = &opts.webhook_secret {
        secrets.push(s.expose_secret().to_string());
    }
    init_logging(&token, &secrets, &opts.log, opts.log_format);
    let api = bot::build(
        &token,
        bot::ClientSettings {
            api_url: &opts.api_url,
            proxy: opts.proxy.as_ref(),
            tuning: opts.tuning.clone(),
            unthrottled: opts.unthrottled,
        },
    )?;
    if opts.webhook_url.is_some() && store.redis().is_some() && opts.webhook_secret.is_none() {
        bail!(
            "with --webhook-url and a Redis store every replica must use the same secret: set CSPO_WEBHOOK_SECRET"
        );
    }
    let secret = match &opts.webhook_url {
        Some(_) => Some(match &opts.webhook_secret {
            Some(s) => s.clone(),
            None => webhook::random_secret()?,
        }),
        None => None,
    };

    // The listener first: a busy port is a clean error, and /healthz
    // answers (and /readyz says why not) during start-up too.
    let metrics = ops::install_metrics()?;
    let window = opts.tuning.poll_timeout + opts.tuning.request_timeout;
    let readiness = ops::Readiness::new(window);
    let stop = updates::Stop::default();
    let in_flight = webhook::InFlight::default();
    let listener = match opts.listen {
        Some(addr) => {
            let tcp = tokio::net::TcpListener::bind(addr)
                .await
                .with_context(|| format!("cannot listen on {addr}"))?;
            let bound = tcp.local_addr().unwrap_or(addr);
            let routes = ops::routes(metrics, Arc::clone(&readiness), secret.is_some());
            let serving = {
                let (stop, limits) = (stop.clone(), opts.webhook_limits);
                let in_flight = Arc::clone(&in_flight);
                tokio::spawn(async move {
                    webhook::serve_connections(tcp, routes.router, limits, stop, in_flight).await;
                    Ok::<(), std::io::Error>(())
                })
            };
            Some((bound, routes.webhook, serving))
        }
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
    // A refused Redis password stops the bot here, in one line; an
    // unreachable Redis does not (the bot answers without context).
    store.connect().await?;
    if let Some(redis) = store.redis() {
        api.share_budget(std::sync::Arc::clone(redis));
    }
    let username = me.user.username.clone().unwrap_or_default();
    tracing::info!(
        bot = %username,
        store = %store.describe(),
        admins = opts.admins.len(),
        rate_limit = opts.rate_limit,
        "connected to the Bot API"
    );
    if let Some((addr, ..)) = &listener {
        tracing::info!(listen = %addr, "serving /healthz, /readyz and /metrics");
    }
    if let Err(e) = api.deliver(&SetMyCommands::new(commands::menu())).await {
        tracing::warn!(error = %e, "cannot register the command menu");
    }
    // The menu in each language the bot speaks, for users whose Telegram
    // is set to it (Norwegian under both of its codes).
    for pack in &engine.languages().packs {
        let Some(menu) = commands::menu_in(&pack.render) else {
            tracing::warn!(lang = pack.lang.code(), "no command menu in this language");
            continue;
        };
        for code in pack.lang.telegram_codes() {
            let payload = SetMyCommands::new(menu.clone()).language_code(*code);
            if let Err(e) = api.deliver(&payload).await {
                tracing::warn!(error = %e, lang = code, "cannot register the command menu");
            }
        }
    }

    let settings = state::Settings {
        admins: opts.admins.clone(),
        rate_limit: opts.rate_limit,
        data: opts.data.clone(),
        intents: opts.intents.clone(),
        max_attempts: opts.max_attempts,
        hooks: opts.hooks.clone(),
    };
    let app = Arc::new(state::App::new(engine, store, settings));
    app.spawn_housekeeping(opts.housekeeping_every);
    if let Some(hup) = signals.take_hangup() {
        tokio::spawn(shutdown::reload_on_hangup(hup, Arc::clone(&app)));
    }
    tokio::spawn(shutdown::on_signal(signals, stop.clone()));
    readiness.connected(api.clone());
    tokio::spawn(Arc::clone(&readiness).probe(stop.clone()));
    let feed = updates::Feed::new(api.clone(), app, me);

    let result = match (&opts.webhook_url, secret, &listener) {
        (Some(url), Some(secret), Some((addr, mount, _))) => {
            webhook::serve(
                feed,
                url.clone(),
                *addr,
                secret,
                stop.clone(),
                mount,
                (opts.webhook_limits, Arc::clone(&in_flight)),
            )
            .await
        }
        _ => {
            async {
                // A webhook that is set makes every getUpdates fail; it is
                // deleted only when asked (another deployment, or the other
                // replicas, may be receiving updates by it).
                if let Some(url) = webhook::current_url(&api).await
                    && !url.is_empty()
                {
                    if !opts.replace_webhook {
                        bail!(
                            "a webhook is set for this bot, so updates go to a deployment in webhook mode; stop that one (a single instance deletes its webhook when it stops), or start this one with --replace-webhook to delete the webhook and poll"
                        );
                    }
                    api.call_value(
                        "DeleteWebhook",
                        &serde_json::json!({}),
                        api.tuning().request_timeout,
                    )
                    .await
                    .map_err(|e| bot::describe(&e, api.token()))?;
                    if let Some(redis) = feed.app().store.redis() {
                        let _ = redis.webhook_forget().await;
                    }
                    tracing::info!("deleted the webhook (--replace-webhook); polling instead");
                }
                match feed.app().store.redis().cloned() {
                    Some(redis) => lease::poll_as_replica(feed, redis, stop.clone()).await,
                    None => feed.poll(stop.clone()).await,
                }
            }
            .await
        }
    };
    readiness.stopping();
    stop.stop();
    if let Some((_, _, serving)) = listener {
        match serving.await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => tracing::warn!(error = %e, "the HTTP listener failed"),
            Err(e) => tracing::warn!(error = %e, "the HTTP listener crashed"),
        }
    }
    result?;
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
