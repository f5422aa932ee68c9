//! The token, the HTTP client, and the start-up check that Telegram
//! accepts the token.
//!
//! The settings (`--token`/`TELOXIDE_TOKEN`, `--api-url`/`TELOXIDE_API_URL`,
//! `--proxy`/`TELOXIDE_PROXY`) are read by [`crate::config`]; a missing or
//! bad value is an error, never a panic. The token is held in a [`Token`]
//! (a [`SecretString`]), whose `Debug` hides it, and every error message
//! that leaves this module has the token scrubbed out, just in case an HTTP
//! error quotes the URL.

use super::api::{Api, CallError, Tuning};
use super::throttle::Throttle;
use anyhow::{anyhow, bail};
use secrecy::{ExposeSecret as _, SecretString};
use std::time::Duration;
use teloxide::ApiError;
use teloxide::payloads::GetMe;
use teloxide::types::Me;

/// The Bot API server used when `TELOXIDE_API_URL` is not set.
pub const TELEGRAM: &str = "https://api.telegram.org/";

/// The bot token. Never printed.
#[derive(Clone)]
pub struct Token(SecretString);

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

impl Token {
    /// The token of the settings; an error naming where to set it if there
    /// is none.
    pub fn new(token: Option<&SecretString>) -> anyhow::Result<Token> {
        match token {
            Some(t) if !t.expose_secret().trim().is_empty() => Ok(Token(t.clone())),
            _ => bail!(
                "no bot token: set TELOXIDE_TOKEN (or `token` in the --config file) to the token @BotFather gave you"
            ),
        }
    }

    /// The token itself, for the request URL only.
    pub(crate) fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    /// A token for tests.
    #[cfg(test)]
    pub(crate) fn for_tests(t: &str) -> Token {
        Token(SecretString::from(t.to_string()))
    }

    /// The bot's id: the public half of the token, before the colon (for
    /// namespacing shared state); `bot` if the token has no such half.
    pub fn bot_id(&self) -> &str {
        match self.0.expose_secret().split_once(':') {
            Some((id, _)) if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) => id,
            _ => "bot",
        }
    }

    /// Replaces the token wherever it occurs in `text`.
    pub fn scrub(&self, text: &str) -> String {
        let t = self.expose();
        if t.is_empty() {
            text.to_string()
        } else {
            text.replace(t, "<token>")
        }
    }
}

/// What the client is built from.
pub struct ClientSettings<'a> {
    pub api_url: &'a reqwest::Url,
    pub proxy: Option<&'a SecretString>,
    pub tuning: Tuning,
    /// The benchmarks' switch (see [`unthrottled`]).
    pub unthrottled: bool,
}

/// Checks a proxy URL without showing it (it may hold a password).
pub fn proxy(url: &SecretString) -> anyhow::Result<reqwest::Proxy> {
    reqwest::Proxy::all(url.expose_secret()).map_err(|_| {
        anyhow!("TELOXIDE_PROXY (--proxy) is not a valid proxy URL (http://, https://, socks5:// or socks5h://)")
    })
}

/// Builds the client.
pub fn build(token: &Token, settings: ClientSettings<'_>) -> anyhow::Result<Api> {
    let mut client = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(5))
        .tcp_nodelay(true);
    if let Some(url) = settings.proxy {
        client = client.proxy(proxy(url)?);
    }
    let client = client
        .build()
        .map_err(|e| anyhow!("cannot set up the HTTP client: {}", e.without_url()))?;
    let base = settings.api_url.to_string();
    let throttle = if unthrottled(settings.unthrottled, &base)? {
        Throttle::off()
    } else {
        Throttle::new()
    };
    Ok(Api::with_throttle(
        client,
        &base,
        token.clone(),
        settings.tuning,
        throttle,
    ))
}

/// The benchmarks' switch: `CSPO_BENCH_UNTHROTTLED=1` sends without
/// Telegram's rates ([`Throttle::off`]), so `benches/e2e.rs` measures the
/// bot rather than the throttle. It is for a fake Bot API on this machine
/// only, and guarded so it cannot be turned on by accident in production:
/// the value must be exactly `1` (checked by the command line), the server
/// must be on a loopback address (never `api.telegram.org`; any other
/// setting refuses to start, rather than silently ignoring it), and the
/// bot logs a warning when it is on.
const UNTHROTTLED: &str = "CSPO_BENCH_UNTHROTTLED";

fn unthrottled(on: bool, base: &str) -> anyhow::Result<bool> {
    if !on {
        return Ok(false);
    }
    let loopback = reqwest::Url::parse(base)
        .ok()
        .and_then(|u| u.host_str().map(is_loopback))
        .unwrap_or(false);
    if !loopback {
        bail!(
            "{UNTHROTTLED} is for benchmarks against a fake Bot API on this machine: it must be 1, with TELOXIDE_API_URL on a loopback address; unset it to run the bot"
        );
    }
    tracing::warn!("{UNTHROTTLED}=1: sending without Telegram's rate limits (benchmarks only)");
    Ok(true)
}

/// Whether a URL's host is this machine (`127.0.0.0/8`, `[::1]`, `localhost`).
fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<std::net::IpAddr>() {
        Ok(ip) => ip.is_loopback(),
        Err(_) => bare.eq_ignore_ascii_case("localhost"),
    }
}

/// How often start-up asks Telegram before giving up on a network failure,
/// and the first pause between tries (doubled each time: 1+2+4+8 s).
const STARTUP_TRIES: u32 = 5;
const FIRST_PAUSE: Duration = Duration::from_secs(1);

/// Asks Telegram who the bot is, which also proves the token works. A
/// network failure or an overloaded server (common right after boot) is
/// retried for a while; a rejected token is not.
pub async fn check(api: &Api) -> anyhow::Result<Me> {
    let mut pause = FIRST_PAUSE.min(api.tuning().retry_base * 2);
    let mut tries = 1;
    let me = loop {
        match api.call(&GetMe::new(), api.tuning().request_timeout).await {
            Ok(me) => break me,
            Err(e) if e.is_transient() && tries < STARTUP_TRIES => {
                tracing::warn!(error = %e, "cannot reach Telegram yet; retrying in {} ms", pause.as_millis());
                tokio::time::sleep(pause).await;
                pause *= 2;
                tries += 1;
            }
            Err(e) => return Err(describe(&e, api.token())),
        }
    };
    if me.user.username.is_none() {
        bail!(
            "Telegram says this bot has no username; bots always have one, so the Bot API server is misbehaving"
        );
    }
    Ok(me)
}

fn rejected(why: &str) -> String {
    format!("Telegram rejected the bot token in TELOXIDE_TOKEN ({why}); check it with @BotFather")
}

/// A one-line description of a start-up failure, without the token.
pub fn describe(e: &CallError, token: &Token) -> anyhow::Error {
    let text = match e {
        // A well-formed but wrong token is "Unauthorized"; a malformed one
        // gets "Not Found", as the URL names no bot.
        CallError::Refused {
            error: ApiError::InvalidToken,
            ..
        } => rejected("Unauthorized"),
        CallError::Refused {
            error: ApiError::Unknown(d),
            ..
        } if d.starts_with("Not Found") => rejected("Not Found"),
        CallError::Refused { error, .. } => {
            format!("the Telegram Bot API refused to start the bot: {error}")
        }
        other => format!("the Telegram Bot API failed: {other}"),
    };
    anyhow!(token.scrub(&text).replace('\n', " "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_never_shown() {
        let t = Token::for_tests("123:secret");
        assert_eq!(format!("{t:?}"), "Token(<redacted>)");
        assert_eq!(
            t.scrub("GET /bot123:secret/getMe failed"),
            "GET /bot<token>/getMe failed"
        );
    }

    #[test]
    fn only_loopback_servers_may_go_unthrottled() {
        for host in ["127.0.0.1", "127.1.2.3", "[::1]", "localhost"] {
            assert!(is_loopback(host), "{host}");
        }
        for host in [
            "api.telegram.org",
            "149.154.167.220",
            "[2001:db8::1]",
            "10.0.0.1",
        ] {
            assert!(!is_loopback(host), "{host}");
        }
    }

    #[test]
    fn rejected_tokens_are_named() {
        let t = Token::for_tests("123:secret");
        let e = describe(
            &CallError::Refused {
                method: "GetMe",
                code: 401,
                error: ApiError::InvalidToken,
            },
            &t,
        )
        .to_string();
        assert!(e.contains("rejected the bot token") && !e.contains("secret"));
    }
}
