//! The bot's own Bot API client: one HTTP request per call, every failure
//! classified, retried with bounded backoff where that is safe, and never
//! a URL (which holds the token) in an error.
//!
//! teloxide builds the payloads (`SendMessage::new(..).parse_mode(..)`) and
//! parses the results (`Message`, `Update`), but its `Bot` is not used to
//! send them: it sleeps 10 s on every 5xx and then fails, never retries,
//! and has one 17 s timeout for every method. (Its errors do not quote
//! the token: teloxide redacts it from reqwest's errors.)
//!
//! # What is retried
//!
//! | failure | meaning | retried? |
//! | --- | --- | --- |
//! | 429 with `retry_after` | Telegram's flood control | yes, after the wait it asks for (if at most [`Tuning::longest_retry_after`]) |
//! | 5xx | Telegram (or a proxy) failed; the call was not done | yes, with backoff |
//! | connection refused, DNS | the call never left | yes, with backoff |
//! | timeout or connection lost before the status line | unknown: it **may** have been done | yes, with backoff (see below) |
//! | 2xx whose body cannot be read or parsed | done, the answer was lost | no: callers treat a send as delivered |
//! | any other 4xx | refused (bad HTML, chat gone, …) | no |
//!
//! A send that timed out may have been delivered. The bot retries it all
//! the same: the Bot API has no idempotency key, so the choice is between
//! a possible duplicate and a possible loss, and the bot is at-least-once
//! everywhere else too (see [`super::updates`]). The README's Reliability
//! section gives the measured figures.

use super::bot::Token;
use super::throttle::Throttle;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;
use teloxide::ApiError;
use teloxide::payloads::SendMessage;
use teloxide::requests::Payload;
use teloxide::types::Recipient;

/// Timeouts and retry delays; defaults for production, set by `cspo-bot
/// run`'s settings (the tests shorten them).
#[derive(Debug, Clone)]
pub struct Tuning {
    /// The HTTP timeout of one call (`CSPO_REQUEST_TIMEOUT_MS`, 17 s).
    pub request_timeout: Duration,
    /// The long-polling timeout (`CSPO_POLL_TIMEOUT_S`, 10 s); a poll's
    /// HTTP timeout is this plus `request_timeout`.
    pub poll_timeout: Duration,
    /// The first backoff (`CSPO_RETRY_BASE_MS`, 500 ms), doubled after each
    /// failure up to 16 times the base.
    pub retry_base: Duration,
    /// How many times one call is tried in all (6).
    pub attempts: u32,
    /// The longest `retry_after` honoured (60 s); a longer one fails the call.
    pub longest_retry_after: Duration,
    /// The longest one update may take to handle (`CSPO_HANDLER_TIMEOUT_S`,
    /// 180 s); past it the handler is dropped and the update counted done.
    pub handler_timeout: Duration,
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            request_timeout: Duration::from_secs(17),
            poll_timeout: Duration::from_secs(10),
            retry_base: Duration::from_millis(500),
            attempts: 6,
            longest_retry_after: Duration::from_secs(60),
            handler_timeout: Duration::from_secs(180),
        }
    }
}

impl Tuning {
    /// The pause before try number `attempt + 1` after a failure.
    pub fn backoff(&self, attempt: u32) -> Duration {
        self.retry_base * 2u32.pow(attempt.saturating_sub(1).min(4))
    }
}

/// Why a call failed. The `Display` never holds the token or a URL.
#[derive(Debug, Clone, thiserror::Error)]
pub enum CallError {
    /// Telegram refused the call (a 4xx other than 429).
    #[error("Telegram refused {method} ({code}): {error}")]
    Refused {
        method: &'static str,
        code: u16,
        error: ApiError,
    },
    #[error("Telegram asked to wait {} s before {method}", .after.as_secs())]
    RetryAfter {
        method: &'static str,
        after: Duration,
    },
    #[error("the group moved to the supergroup {to} ({method})")]
    Migrated { method: &'static str, to: i64 },
    /// A 5xx: the call was not done.
    #[error("Telegram failed {method} with HTTP {status}")]
    Server { method: &'static str, status: u16 },
    /// The request never reached Telegram.
    #[error("cannot reach Telegram for {method}: {detail}")]
    Unreachable {
        method: &'static str,
        detail: String,
    },
    /// No answer (a timeout, a connection lost): it may have been done.
    #[error("no answer from Telegram to {method}: {detail}")]
    NoAnswer {
        method: &'static str,
        detail: String,
    },
    /// An answer that could not be read; with a 2xx status, the call was done.
    #[error("Telegram's answer to {method} (HTTP {status}) could not be read: {detail}")]
    Unreadable {
        method: &'static str,
        status: u16,
        detail: String,
    },
}

impl CallError {
    /// How long to wait before trying again, if trying again may help.
    fn retry_in(&self, tuning: &Tuning, attempt: u32) -> Option<Duration> {
        match self {
            CallError::RetryAfter { after, .. } if *after <= tuning.longest_retry_after => {
                Some(*after)
            }
            CallError::Server { .. }
            | CallError::Unreachable { .. }
            | CallError::NoAnswer { .. } => Some(tuning.backoff(attempt)),
            _ => None,
        }
    }

    /// Whether Telegram did what was asked although the answer was lost
    /// (a 2xx whose body did not read or parse).
    pub fn done_anyway(&self) -> bool {
        matches!(self, CallError::Unreadable { status, .. } if (200..300).contains(status))
    }

    /// Whether the failure is about the network or Telegram's servers,
    /// rather than about the request.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            CallError::RetryAfter { .. }
                | CallError::Server { .. }
                | CallError::Unreachable { .. }
                | CallError::NoAnswer { .. }
                | CallError::Unreadable { .. }
        )
    }
}

/// Whether the Bot API answers: the time of its last answer (any HTTP
/// answer but a 5xx) and whether the last call failed to get one. Read by
/// `/readyz` ([`super::ops`]).
#[derive(Debug)]
pub struct Health {
    started: std::time::Instant,
    /// Milliseconds from `started` to the last answer, plus one; 0: never.
    last_answer: std::sync::atomic::AtomicU64,
    failing: std::sync::atomic::AtomicBool,
}

impl Default for Health {
    fn default() -> Self {
        Health {
            started: std::time::Instant::now(),
            last_answer: Default::default(),
            failing: Default::default(),
        }
    }
}

impl Health {
    fn answered(&self) {
        use std::sync::atomic::Ordering::Relaxed;
        let ms = self.started.elapsed().as_millis() as u64 + 1;
        self.last_answer.store(ms, Relaxed);
        self.failing.store(false, Relaxed);
    }

    fn failed(&self) {
        self.failing
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }

    /// How long ago the Bot API last answered; `None` if never.
    pub fn since_answer(&self) -> Option<Duration> {
        match self.last_answer.load(std::sync::atomic::Ordering::Relaxed) {
            0 => None,
            ms => Some(
                self.started
                    .elapsed()
                    .saturating_sub(Duration::from_millis(ms - 1)),
            ),
        }
    }

    /// Whether the last call got no answer (or a 5xx).
    pub fn failing(&self) -> bool {
        self.failing.load(std::sync::atomic::Ordering::Relaxed)
    }
}

impl CallError {
    /// The `kind` label of the error metric.
    pub fn kind(&self) -> &'static str {
        match self {
            CallError::Refused { .. } => "refused",
            CallError::RetryAfter { .. } => "retry_after",
            CallError::Migrated { .. } => "migrated",
            CallError::Server { .. } => "server",
            CallError::Unreachable { .. } => "unreachable",
            CallError::NoAnswer { .. } => "no_answer",
            CallError::Unreadable { .. } => "unreadable",
        }
    }
}

/// The client. Cheap to clone; clones share the connection pool and the
/// throttle.
#[derive(Clone)]
pub struct Api {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    /// The server, ending in `/`.
    base: String,
    token: Token,
    tuning: Tuning,
    throttle: Throttle,
    health: Health,
}

impl std::fmt::Debug for Api {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Api")
            .field("server", &self.inner.base)
            .field("token", &self.inner.token)
            .finish()
    }
}

impl Api {
    /// A client of the Bot API at `base` (`https://api.telegram.org/`).
    pub fn new(http: reqwest::Client, base: &str, token: Token, tuning: Tuning) -> Api {
        Api::with_throttle(http, base, token, tuning, Throttle::new())
    }

    /// [`Api::new`] with another throttle: [`Throttle::off`] for the
    /// end-to-end benchmark (see [`super::bot::build`]).
    pub(crate) fn with_throttle(
        http: reqwest::Client,
        base: &str,
        token: Token,
        tuning: Tuning,
        throttle: Throttle,
    ) -> Api {
        let base = format!("{}/", base.trim_end_matches('/'));
        Api {
            inner: Arc::new(Inner {
                http,
                base,
                token,
                tuning,
                throttle,
                health: Health::default(),
            }),
        }
    }

    pub fn tuning(&self) -> &Tuning {
        &self.inner.tuning
    }

    pub fn token(&self) -> &Token {
        &self.inner.token
    }

    /// Whether the Bot API answers (see [`Health`]).
    pub fn health(&self) -> &Health {
        &self.inner.health
    }

    /// Keeps Telegram's sending rates in Redis, shared with the other
    /// replicas (see [`Throttle::share`]).
    pub fn share_budget(&self, redis: std::sync::Arc<super::redis_store::RedisStore>) {
        self.inner.throttle.share(redis);
    }

    /// One call of `method` with JSON `params`; the `result` on success.
    pub async fn call_value(
        &self,
        method: &'static str,
        params: &Value,
        timeout: Duration,
    ) -> Result<Value, CallError> {
        let body = serde_json::to_vec(params).unwrap_or_default();
        self.post(method, body, timeout).await
    }

    /// One HTTP request, counted in the metrics and in [`Health`].
    async fn post(
        &self,
        method: &'static str,
        body: Vec<u8>,
        timeout: Duration,
    ) -> Result<Value, CallError> {
        use super::ops::names;
        metrics::counter!(names::API_CALLS, "method" => method).increment(1);
        let result = self.post_once(method, body, timeout).await;
        match &result {
            Err(
                CallError::Server { .. }
                | CallError::Unreachable { .. }
                | CallError::NoAnswer { .. },
            ) => self.inner.health.failed(),
            _ => self.inner.health.answered(),
        }
        if let Err(e) = &result {
            metrics::counter!(names::API_ERRORS, "method" => method, "kind" => e.kind())
                .increment(1);
        }
        result
    }

    async fn post_once(
        &self,
        method: &'static str,
        body: Vec<u8>,
        timeout: Duration,
    ) -> Result<Value, CallError> {
        let url = format!(
            "{}bot{}/{method}",
            self.inner.base,
            self.inner.token.expose()
        );
        let token = &self.inner.token;
        let response = self
            .inner
            .http
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body)
            .timeout(timeout)
            .send()
            .await
            .map_err(|e| {
                let detail = describe_http(e.is_connect(), e, token);
                if detail.0 {
                    CallError::Unreachable {
                        method,
                        detail: detail.1,
                    }
                } else {
                    CallError::NoAnswer {
                        method,
                        detail: detail.1,
                    }
                }
            })?;
        let status = response.status().as_u16();
        if status >= 500 {
            return Err(CallError::Server { method, status });
        }
        let bytes = response.bytes().await.map_err(|e| CallError::Unreadable {
            method,
            status,
            detail: describe_http(false, e, token).1,
        })?;
        parse(method, status, &bytes)
    }

    /// One call of a teloxide payload, without retries.
    pub async fn call<P>(&self, payload: &P, timeout: Duration) -> Result<P::Output, CallError>
    where
        P: Payload + Serialize,
        P::Output: DeserializeOwned,
    {
        let method = P::NAME;
        let body = serde_json::to_vec(payload).unwrap_or_default();
        let value = self.post(method, body, timeout).await?;
        serde_json::from_value(value).map_err(|e| CallError::Unreadable {
            method,
            status: 200,
            detail: e.to_string(),
        })
    }

    /// Calls `payload`, retrying as the module doc says.
    pub async fn deliver<P>(&self, payload: &P) -> Result<P::Output, CallError>
    where
        P: Payload + Serialize,
        P::Output: DeserializeOwned,
    {
        let value = self.deliver_value(payload).await?;
        serde_json::from_value(value).map_err(|e| CallError::Unreadable {
            method: P::NAME,
            status: 200,
            detail: e.to_string(),
        })
    }

    /// [`Api::deliver`], with the `result` left as JSON. (An answer that
    /// does not read is never retried, so reading it after the retries is
    /// the same.)
    async fn deliver_value<P>(&self, payload: &P) -> Result<Value, CallError>
    where
        P: Payload + Serialize,
    {
        let tuning = &self.inner.tuning;
        let body = serde_json::to_vec(payload).unwrap_or_default();
        let mut attempt = 1;
        loop {
            match self
                .post(P::NAME, body.clone(), tuning.request_timeout)
                .await
            {
                Ok(v) => return Ok(v),
                Err(e) => match e.retry_in(tuning, attempt) {
                    Some(wait) if attempt < tuning.attempts => {
                        tracing::warn!(
                            error = %e,
                            attempt,
                            wait_ms = wait.as_millis() as u64,
                            "a call to Telegram failed; retrying"
                        );
                        tokio::time::sleep(wait).await;
                        attempt += 1;
                    }
                    _ => return Err(e),
                },
            }
        }
    }

    /// Sends a message, within Telegram's rates (see [`Throttle`]), with
    /// retries. `Ok` once Telegram has it (also when its answer was lost).
    /// The sent message that Telegram returns is not read: nothing uses
    /// it, and reading it into teloxide's `Message` was ~6% of the bot's
    /// CPU per answer.
    pub async fn send_message(&self, m: &SendMessage) -> Result<(), CallError> {
        if let Recipient::Id(chat) = &m.chat_id {
            self.inner.throttle.acquire(chat.0).await;
        }
        match self.deliver_value(m).await {
            Ok(_) => Ok(()),
            Err(e) if e.done_anyway() => {
                tracing::warn!(error = %e, "a message was sent, but Telegram's answer was lost");
                Ok(())
            }
            Err(e) => Err(e),
        }
    }
}

/// A reqwest error as one line, without the URL (and, to be sure, without
/// the token); `.0` is whether the request certainly never left.
fn describe_http(connect: bool, e: reqwest::Error, token: &Token) -> (bool, String) {
    let timeout = e.is_timeout();
    let e = e.without_url();
    let mut text = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    if timeout && !text.contains("timed out") {
        text.push_str(" (timed out)");
    }
    (connect, token.scrub(&text).replace('\n', " "))
}

/// Reads an answer of the Bot API: `{"ok":true,"result":…}` or an error
/// with `error_code`, `description` and `parameters`.
fn parse(method: &'static str, status: u16, body: &[u8]) -> Result<Value, CallError> {
    let unreadable = |detail: String| CallError::Unreadable {
        method,
        status,
        detail,
    };
    let mut v: Value = serde_json::from_slice(body)
        .map_err(|e| unreadable(format!("not JSON ({e}), {} bytes", body.len())))?;
    match v.get("ok").and_then(Value::as_bool) {
        Some(true) => v
            .as_object_mut()
            .and_then(|o| o.remove("result"))
            .ok_or_else(|| unreadable("no result".into())),
        Some(false) => {
            let params = v.get("parameters");
            if let Some(secs) = params
                .and_then(|p| p.get("retry_after"))
                .and_then(Value::as_u64)
            {
                return Err(CallError::RetryAfter {
                    method,
                    after: Duration::from_secs(secs),
                });
            }
            if let Some(to) = params
                .and_then(|p| p.get("migrate_to_chat_id"))
                .and_then(Value::as_i64)
            {
                return Err(CallError::Migrated { method, to });
            }
            let description = v
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or("(no description)");
            let error = serde_json::from_value(Value::String(description.to_string()))
                .unwrap_or_else(|_| ApiError::Unknown(description.to_string()));
            let code = v
                .get("error_code")
                .and_then(Value::as_u64)
                .map(|c| c as u16)
                .unwrap_or(status);
            Err(CallError::Refused {
                method,
                code,
                error,
            })
        }
        None => Err(unreadable("no \"ok\" field".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_classified() {
        assert_eq!(
            parse("GetMe", 200, br#"{"ok":true,"result":1}"#).unwrap(),
            1
        );
        let e = parse(
            "SendMessage",
            429,
            br#"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 3","parameters":{"retry_after":3}}"#,
        )
        .unwrap_err();
        assert!(
            matches!(e, CallError::RetryAfter { after, .. } if after == Duration::from_secs(3))
        );
        let e = parse(
            "GetMe",
            401,
            br#"{"ok":false,"error_code":401,"description":"Unauthorized"}"#,
        )
        .unwrap_err();
        assert!(matches!(
            e,
            CallError::Refused {
                code: 401,
                error: ApiError::InvalidToken,
                ..
            }
        ));
        let e = parse("SendMessage", 200, b"{\"ok\":tr").unwrap_err();
        assert!(e.done_anyway(), "a 2xx is done even if unreadable");
        let e = parse("SendMessage", 400, b"<html>").unwrap_err();
        assert!(!e.done_anyway());
    }

    #[test]
    fn the_client_never_shows_its_token() {
        let token = Token::for_tests("123456:SECRETsecretSECRET");
        let api = Api::new(
            reqwest::Client::new(),
            "http://127.0.0.1:9/",
            token,
            Tuning::default(),
        );
        let shown = format!("{api:?}");
        assert!(!shown.contains("SECRET"), "{shown}");
    }

    #[tokio::test]
    async fn network_errors_carry_no_url() {
        // A port just freed: nothing listens there.
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}/", closed.local_addr().unwrap());
        drop(closed);
        let api = Api::new(
            reqwest::Client::new(),
            &base,
            Token::for_tests("123456:SECRETsecretSECRET"),
            Tuning::default(),
        );
        let e = api
            .call_value("GetMe", &serde_json::json!({}), Duration::from_secs(2))
            .await
            .unwrap_err();
        assert!(matches!(e, CallError::Unreachable { .. }), "{e:?}");
        let shown = format!("{e} {e:?}");
        assert!(
            !shown.contains("SECRET") && !shown.contains("/bot"),
            "{shown}"
        );
    }

    #[test]
    fn what_is_retried() {
        let t = Tuning::default();
        let server = CallError::Server {
            method: "SendMessage",
            status: 502,
        };
        assert_eq!(server.retry_in(&t, 1), Some(t.retry_base));
        assert_eq!(server.retry_in(&t, 3), Some(t.retry_base * 4));
        assert_eq!(server.retry_in(&t, 99), Some(t.retry_base * 16), "capped");
        let wait = CallError::RetryAfter {
            method: "SendMessage",
            after: Duration::from_secs(5),
        };
        assert_eq!(wait.retry_in(&t, 1), Some(Duration::from_secs(5)));
        let too_long = CallError::RetryAfter {
            method: "SendMessage",
            after: Duration::from_secs(3600),
        };
        assert_eq!(too_long.retry_in(&t, 1), None);
        let refused = CallError::Refused {
            method: "SendMessage",
            code: 400,
            error: ApiError::MessageTextIsEmpty,
        };
        assert_eq!(refused.retry_in(&t, 1), None);
        let lost = CallError::Unreadable {
            method: "SendMessage",
            status: 200,
            detail: String::new(),
        };
        assert_eq!(lost.retry_in(&t, 1), None, "done: a retry would repeat it");
    }
}
