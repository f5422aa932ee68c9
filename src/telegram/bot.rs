//! The Bot API client: the token and server from the environment, the HTTP
//! client, and the start-up check that Telegram accepts the token.
//!
//! Like teloxide's `Bot::from_env`, this reads `TELOXIDE_TOKEN`,
//! `TELOXIDE_API_URL` (a local Bot API server, or the tests' fake) and
//! `TELOXIDE_PROXY`, but it reports a missing or bad value as an error
//! instead of panicking. The token is held in a [`Token`], whose `Debug`
//! hides it, and every error message that leaves this module has the token
//! scrubbed out, just in case an HTTP error quotes the URL.

use anyhow::{Context as _, anyhow, bail};
use std::time::Duration;
use teloxide::adaptors::Throttle;
use teloxide::adaptors::throttle::Limits;
use teloxide::prelude::*;
use teloxide::types::Me;
use teloxide::{ApiError, RequestError};

/// The bot type the handlers use: every send is throttled to Telegram's limits.
pub type Tg = Throttle<Bot>;

/// The long-polling timeout: well below the HTTP client's 17 s timeout, so
/// an idle poll ends normally instead of as a network error.
pub const POLL_TIMEOUT: Duration = Duration::from_secs(10);

/// Telegram's sending limits, as its bot FAQ gives them: about one message
/// a second in a chat, 20 a minute in a group, 30 a second overall.
/// (teloxide's default allows only 10 a minute in a supergroup.)
pub fn limits() -> Limits {
    Limits {
        messages_per_min_channel_or_supergroup: 20,
        ..Limits::default()
    }
}

/// The bot token. Never printed.
#[derive(Clone)]
pub struct Token(String);

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

impl Token {
    /// Replaces the token wherever it occurs in `text`.
    pub fn scrub(&self, text: &str) -> String {
        if self.0.is_empty() {
            text.to_string()
        } else {
            text.replace(&self.0, "<token>")
        }
    }
}

/// Reads `TELOXIDE_TOKEN`.
pub fn token_from_env() -> anyhow::Result<Token> {
    match std::env::var("TELOXIDE_TOKEN") {
        Ok(t) if !t.trim().is_empty() => Ok(Token(t.trim().to_string())),
        Ok(_) | Err(std::env::VarError::NotPresent) => {
            bail!("no bot token: set TELOXIDE_TOKEN to the token @BotFather gave you")
        }
        Err(std::env::VarError::NotUnicode(_)) => {
            bail!("the bot token in TELOXIDE_TOKEN is not valid UTF-8")
        }
    }
}

/// Builds the client from the token and the environment.
pub fn build(token: &Token) -> anyhow::Result<Bot> {
    let mut client = teloxide::net::default_reqwest_settings();
    if let Ok(proxy) = std::env::var("TELOXIDE_PROXY") {
        let proxy = reqwest::Proxy::all(&proxy)
            .map_err(|_| anyhow!("TELOXIDE_PROXY is not a valid proxy URL"))?;
        client = client.proxy(proxy);
    }
    let client = client
        .build()
        .map_err(|e| anyhow!("cannot set up the HTTP client: {e}"))?;
    let bot = Bot::with_client(token.0.clone(), client);
    match std::env::var("TELOXIDE_API_URL") {
        Ok(url) => {
            let url = reqwest::Url::parse(url.trim_end_matches('/'))
                .context("TELOXIDE_API_URL is not a valid URL")?;
            Ok(bot.set_api_url(url))
        }
        Err(_) => Ok(bot),
    }
}

/// How often start-up asks Telegram before giving up on a network failure,
/// and the first pause between tries (doubled each time: 1+2+4+8 s).
const STARTUP_TRIES: u32 = 5;
const FIRST_PAUSE: Duration = Duration::from_secs(1);

/// Asks Telegram who the bot is, which also proves the token works. A
/// network failure or an overloaded server (common right after boot) is
/// retried for a while; a rejected token is not.
pub async fn check(bot: &Bot, token: &Token) -> anyhow::Result<Me> {
    let mut pause = FIRST_PAUSE;
    let mut tries = 1;
    let me = loop {
        match bot.get_me().await {
            Ok(me) => break me,
            Err(e) if is_transient(&e) && tries < STARTUP_TRIES => {
                tracing::warn!(error = %describe(&e, token), "cannot reach Telegram yet; retrying in {} s", pause.as_secs());
                tokio::time::sleep(pause).await;
                pause *= 2;
                tries += 1;
            }
            Err(e) => return Err(describe(&e, token)),
        }
    };
    if me.user.username.is_none() {
        bail!(
            "Telegram says this bot has no username; bots always have one, so the Bot API server is misbehaving"
        );
    }
    Ok(me)
}

/// Whether trying again later may help.
fn is_transient(e: &RequestError) -> bool {
    matches!(
        e,
        RequestError::Network(_)
            | RequestError::RetryAfter(_)
            | RequestError::InvalidJson { .. }
            | RequestError::Io(_)
    )
}

/// An error for the log: its `Display`, except that an unparsable answer
/// is not quoted (it may hold users' messages).
pub fn error_text(e: &RequestError) -> String {
    match e {
        RequestError::InvalidJson { source, .. } => {
            format!("Telegram's answer did not parse: {source}")
        }
        other => other.to_string(),
    }
}

fn rejected(why: &str) -> String {
    format!("Telegram rejected the bot token in TELOXIDE_TOKEN ({why}); check it with @BotFather")
}

/// A one-line description of a start-up failure, without the token.
pub fn describe(e: &RequestError, token: &Token) -> anyhow::Error {
    let text = match e {
        // A well-formed but wrong token is "Unauthorized"; a malformed one
        // gets "Not Found", as the URL names no bot.
        RequestError::Api(ApiError::InvalidToken) => rejected("Unauthorized"),
        RequestError::Api(ApiError::Unknown(d)) if d.starts_with("Not Found") => {
            rejected("Not Found")
        }
        RequestError::Api(api) => format!("the Telegram Bot API refused to start the bot: {api}"),
        RequestError::Network(n) => format!("cannot reach the Telegram Bot API: {n}"),
        other => format!("the Telegram Bot API failed: {}", error_text(other)),
    };
    anyhow!(token.scrub(&text).replace('\n', " "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_never_shown() {
        let t = Token("123:secret".into());
        assert_eq!(format!("{t:?}"), "Token(<redacted>)");
        assert_eq!(
            t.scrub("GET /bot123:secret/getMe failed"),
            "GET /bot<token>/getMe failed"
        );
    }

    #[test]
    fn only_failures_that_may_pass_are_retried() {
        assert!(is_transient(&RequestError::RetryAfter(
            teloxide::types::Seconds::from_seconds(1)
        )));
        assert!(!is_transient(&RequestError::Api(ApiError::InvalidToken)));
        assert!(!is_transient(&RequestError::Api(ApiError::Unknown(
            "Not Found".into()
        ))));
    }

    #[test]
    fn rejected_tokens_are_named() {
        let t = Token("123:secret".into());
        let e = describe(&RequestError::Api(ApiError::InvalidToken), &t).to_string();
        assert!(e.contains("rejected the bot token") && !e.contains("secret"));
    }
}
