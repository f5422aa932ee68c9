//! Receiving updates by webhook: an axum server that Telegram posts each
//! update to.
//!
//! Not teloxide's webhook router, for three reasons: it compares the
//! secret with `!=` (its source says "FIXME: use constant time comparison
//! here"), it logs the raw body of an update it cannot parse (users'
//! messages), and it answers 200 as soon as it has *received* an update.
//! Here:
//!
//! - the `X-Telegram-Bot-Api-Secret-Token` header is compared with
//!   [`constant_time_eq`] (the `subtle` crate); a missing or wrong one gets 401 and a log line
//!   that names neither the expected nor the offered secret;
//! - the request is answered 200 only once the update has been handled, so
//!   an update lost in a crash is posted again by Telegram (at-least-once,
//!   as with polling; a repeated post of an update in flight or answered is
//!   recognised and not handled twice);
//! - while the bot stops, requests get 503, which Telegram retries later.
//!
//! Against hostile traffic ([`Limits`]; the README's Reliability section
//! has the measured figures): the secret is checked before a byte of the
//! body is read ([`authenticate`], the outermost layer; a refusal closes
//! the connection); the body is bounded (1 MiB by default: Telegram's
//! updates are a few KiB) by tower-http's `RequestBodyLimitLayer` and
//! axum's body limit, and must arrive within the read timeout
//! (tower-http's `RequestBodyTimeoutLayer` between reads, and the whole
//! body within the same time). The listener ([`serve_connections`], for
//! `/healthz`, `/readyz`, `/metrics` and the webhook alike) runs hyper's
//! HTTP/1 server with its header-read timeout, which cuts off a client
//! that does not finish its request head in time and, since hyper runs it
//! whenever a connection waits for a request head, also closes idle
//! keep-alive connections; and it keeps at most
//! [`Limits::max_connections`] connections open (new ones wait in the
//! kernel's backlog until one closes, which the timeout bounds). A stop
//! waits for the updates in flight, not for unauthenticated or unfinished
//! requests.
//!
//! With `--store redis://` several replicas can serve the same webhook
//! behind a load balancer:
//!
//! - any replica answers any update; before answering, it *claims* the
//!   update in Redis ([`RedisStore::claim`]), renewing the claim while it
//!   works. An update that Telegram posts again to another replica (its
//!   answer to Telegram was lost, or the first replica died) is answered
//!   once: if it was answered, the second replica says 200 and does
//!   nothing; if the first is still at it, the second waits for it (up to
//!   [`CLAIM_WAIT`], then 503 so that Telegram tries later); if the first
//!   died, its claim runs out within [`CLAIM_TTL`] and the second answers.
//! - one replica calls `setWebhook`: each compares the configuration it
//!   was given (URL, secret, update kinds: a fingerprint in Redis) and
//!   Telegram's URL (`getWebhookInfo`) with what is registered, and only
//!   the first to find a difference registers it, under a lock;
//! - none calls `deleteWebhook` when it stops: with replicas, a stop is
//!   usually one step of a rolling restart, and the others go on. (To stop
//!   using the webhook, start the bot in polling mode with
//!   `--replace-webhook`.)
//!
//! When Redis is unavailable, each replica answers what it receives
//! (Telegram's retries may then be answered twice).

use super::redis_store::{CLAIM_TTL, Claim, RedisStore, Registration};
use super::updates::{Feed, Offered, Stop};
use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use secrecy::{ExposeSecret as _, SecretString};
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// The header Telegram sends the secret in.
const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";

/// Bounds on what one client may cost the listener.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Connections open at once (`--webhook-max-connections`).
    pub max_connections: usize,
    /// The longest a client may take to send a request head, to send the
    /// body, or to stay idle between requests (`--webhook-timeout-ms`).
    pub read_timeout: Duration,
    /// The largest webhook body accepted, in bytes.
    pub max_body: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: 256,
            read_timeout: Duration::from_secs(10),
            max_body: 1024 * 1024,
        }
    }
}

/// Whole, authenticated updates not yet answered, which a stop waits for
/// (shared by the webhook's router and [`serve_connections`]).
pub type InFlight = Arc<AtomicUsize>;

/// How long a replica waits for another to finish an update it claimed,
/// before answering 503 (Telegram then tries again later).
pub const CLAIM_WAIT: Duration = Duration::from_secs(25);

/// Compares two byte strings in constant time ([`subtle`]): the time
/// depends on the lengths, never on where they differ. (A length mismatch
/// returns at once; the length of a secret is no secret worth keeping:
/// Telegram's are 1 to 256 characters.)
pub fn constant_time_eq(offered: &[u8], expected: &[u8]) -> bool {
    use subtle::ConstantTimeEq as _;
    offered.ct_eq(expected).into()
}

/// A random secret for a run without `CSPO_WEBHOOK_SECRET`: 32 bytes from
/// the operating system's generator ([`getrandom`]), in hex (within
/// Telegram's `A-Za-z0-9_-`, 1 to 256).
pub fn random_secret() -> anyhow::Result<SecretString> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| anyhow::anyhow!("cannot generate a webhook secret: {e}"))?;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    Ok(SecretString::from(hex))
}

#[derive(Clone)]
struct Hook {
    feed: Arc<Feed>,
    secret: Arc<SecretString>,
    stop: Stop,
    limits: Limits,
    in_flight: InFlight,
}

/// The webhook's router: `POST` on the URL's path, mounted on the ops
/// listener ([`super::ops`]); the secret checked first, then the body
/// bounded in size and time.
pub fn router(
    feed: Arc<Feed>,
    url: &reqwest::Url,
    secret: SecretString,
    stop: Stop,
    limits: Limits,
    in_flight: InFlight,
) -> Router {
    let path = match url.path() {
        "" => "/",
        p => p,
    };
    let hook = Hook {
        feed,
        secret: Arc::new(secret),
        stop,
        limits,
        in_flight,
    };
    Router::new()
        .route(path, post(receive))
        .route_layer(DefaultBodyLimit::max(limits.max_body))
        .route_layer(tower_http::limit::RequestBodyLimitLayer::new(
            limits.max_body,
        ))
        .route_layer(tower_http::timeout::RequestBodyTimeoutLayer::new(
            limits.read_timeout,
        ))
        // Outermost, so it runs before anything reads the body. (Route
        // layers: other paths keep their 404.)
        .route_layer(axum::middleware::from_fn_with_state(
            hook.clone(),
            authenticate,
        ))
        .with_state(hook)
}

/// Accepts connections on `tcp` and serves `router` on each with hyper's
/// HTTP/1 server, at most `limits.max_connections` at once, each bound by
/// hyper's header-read timeout (which also ends idle keep-alive). Returns
/// once `stop` is called and the updates `in_flight` have been answered;
/// connections still open then (unfinished or unauthenticated requests)
/// are closed.
pub async fn serve_connections(
    tcp: tokio::net::TcpListener,
    router: Router,
    limits: Limits,
    stop: Stop,
    in_flight: InFlight,
) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let slots = Arc::new(tokio::sync::Semaphore::new(limits.max_connections.max(1)));
    let mut connections = tokio::task::JoinSet::new();
    loop {
        let permit = tokio::select! {
            () = stop.stopped() => break,
            p = Arc::clone(&slots).acquire_owned() => match p {
                Ok(p) => p,
                Err(_) => break,
            },
        };
        let stream = tokio::select! {
            () = stop.stopped() => break,
            accepted = tcp.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors, most likely: wait for some
                    // to close rather than spin.
                    tracing::warn!(error = %e, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
        };
        let service = hyper_util::service::TowerToHyperService::new(router.clone());
        let stop = stop.clone();
        connections.spawn(async move {
            let _slot = permit;
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(limits.read_timeout)
                .max_buf_size(64 * 1024);
            let conn = builder.serve_connection(TokioIo::new(stream), service);
            let mut conn = std::pin::pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                () = stop.stopped() => {
                    conn.as_mut().graceful_shutdown();
                    let _ = conn.await;
                }
            }
        });
        while connections.try_join_next().is_some() {}
    }
    drop(tcp);
    // The updates being answered get their answers (the shutdown's grace
    // period bounds the wait), then a moment to write them.
    while in_flight.load(Ordering::SeqCst) > 0 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let _ = tokio::time::timeout(Duration::from_millis(500), async {
        while connections.join_next().await.is_some() {}
    })
    .await;
    connections.abort_all();
}

/// The secret, checked before the body is read; a refusal closes the
/// connection rather than drain a body nobody reads.
async fn authenticate(State(hook): State<Hook>, req: Request, next: Next) -> Response {
    let offered = req
        .headers()
        .get(SECRET_HEADER)
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    if !constant_time_eq(offered, hook.secret.expose_secret().as_bytes()) {
        let missing = !req.headers().contains_key(SECRET_HEADER);
        tracing::warn!(
            secret = %if missing { "missing" } else { "wrong" },
            "refused a webhook request"
        );
        let mut refused = StatusCode::UNAUTHORIZED.into_response();
        refused
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        return refused;
    }
    next.run(req).await
}

/// Whether reading a body failed on `RequestBodyTimeoutLayer`'s timeout
/// between two reads.
fn timed_out(e: &axum::Error) -> bool {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(c) = cause {
        if c.is::<tower_http::timeout::TimeoutError>() {
            return true;
        }
        cause = c.source();
    }
    false
}

/// Mounts the webhook's router on the listener at `addr` (bound already),
/// registers `url` and `secret` with Telegram, serves until `stop`, then
/// finishes the updates in flight and deletes the webhook.
pub async fn serve(
    feed: Arc<Feed>,
    url: reqwest::Url,
    addr: SocketAddr,
    secret: SecretString,
    stop: Stop,
    mount: &OnceLock<Router>,
    (limits, in_flight): (Limits, InFlight),
) -> anyhow::Result<()> {
    let api = feed.api().clone();
    let redis = feed.app().store.redis().cloned();
    let plain = secret.expose_secret().to_string();
    // Mounted before Telegram is told, so its first post finds the route.
    let _ = mount.set(router(
        Arc::clone(&feed),
        &url,
        secret,
        stop.clone(),
        limits,
        in_flight,
    ));
    match &redis {
        Some(redis) => register_once(&feed, redis, &url, &plain).await?,
        None => set_webhook(&feed, &url, &plain).await?,
    }
    tracing::info!(url = %url, listen = %addr, "receiving updates by webhook");
    stop.stopped().await;
    feed.drain().await;
    if redis.is_some() {
        tracing::info!("the webhook stays set, for the other replicas");
    } else if let Err(e) = api
        .call_value("DeleteWebhook", &json!({}), api.tuning().request_timeout)
        .await
    {
        tracing::warn!(error = %e, "cannot delete the webhook");
    }
    Ok(())
}

async fn set_webhook(feed: &Feed, url: &reqwest::Url, secret: &str) -> anyhow::Result<()> {
    let api = feed.api();
    let params = json!({
        "url": url.as_str(),
        "secret_token": secret,
        "allowed_updates": super::updates::ALLOWED_UPDATES,
    });
    api.call_value("SetWebhook", &params, api.tuning().request_timeout)
        .await
        .map_err(|e| super::bot::describe(&e, api.token()))?;
    Ok(())
}

/// The URL Telegram posts to now (empty: none), if it can be asked.
pub async fn current_url(feed_api: &super::api::Api) -> Option<String> {
    match feed_api
        .call_value(
            "GetWebhookInfo",
            &json!({}),
            feed_api.tuning().request_timeout,
        )
        .await
    {
        Ok(info) => Some(
            info.get("url")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
        ),
        Err(e) => {
            tracing::warn!(error = %e, "cannot ask Telegram which webhook is set");
            None
        }
    }
}

/// `setWebhook` by one replica only (see the module doc).
async fn register_once(
    feed: &Feed,
    redis: &RedisStore,
    url: &reqwest::Url,
    secret: &str,
) -> anyhow::Result<()> {
    let config = format!(
        "{}\n{secret}\n{}",
        url.as_str(),
        super::updates::ALLOWED_UPDATES.join(",")
    );
    let deadline = tokio::time::Instant::now() + Duration::from_secs(40);
    loop {
        let has_url = current_url(feed.api()).await.as_deref() == Some(url.as_str());
        match redis.webhook_registration(&config, has_url).await {
            Ok(Registration::Done) => {
                tracing::info!("the webhook is registered already; not setting it again");
                return Ok(());
            }
            Ok(Registration::Mine) => {
                set_webhook(feed, url, secret).await?;
                let _ = redis.webhook_registered(&config).await;
                return Ok(());
            }
            Ok(Registration::Busy) if tokio::time::Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(300)).await;
            }
            // Redis down, or the other replica never finished: set it.
            Ok(Registration::Busy) | Err(_) => return set_webhook(feed, url, secret).await,
        }
    }
}

async fn receive(State(hook): State<Hook>, body: Body) -> StatusCode {
    if hook.stop.is_stopped() {
        return StatusCode::SERVICE_UNAVAILABLE;
    }
    // The whole body within the read timeout, not only each read; a stop
    // does not wait for a body still coming.
    let read = axum::body::to_bytes(body, hook.limits.max_body);
    let read = tokio::select! {
        read = tokio::time::timeout(hook.limits.read_timeout, read) => read,
        () = hook.stop.stopped() => return StatusCode::SERVICE_UNAVAILABLE,
    };
    let body = match read {
        Ok(Ok(body)) => body,
        Ok(Err(e)) if !timed_out(&e) => {
            tracing::warn!(error = %e, "a webhook request's body is too large or broken; ignored");
            return StatusCode::PAYLOAD_TOO_LARGE;
        }
        Ok(Err(_)) | Err(_) => {
            tracing::warn!("a webhook request's body came too slowly; ignored");
            return StatusCode::REQUEST_TIMEOUT;
        }
    };
    let Ok(raw) = serde_json::from_slice::<Value>(&body) else {
        tracing::warn!(bytes = body.len(), "a webhook request is not JSON; ignored");
        return StatusCode::BAD_REQUEST;
    };
    let Some(id) = raw.get("update_id").and_then(Value::as_i64) else {
        tracing::warn!("a webhook request has no update_id; ignored");
        return StatusCode::BAD_REQUEST;
    };
    let redis = hook.feed.app().store.redis().cloned();
    if let Some(redis) = &redis {
        let deadline = tokio::time::Instant::now() + CLAIM_WAIT;
        loop {
            match redis.claim(id).await {
                Ok(Claim::Mine) => break,
                Ok(Claim::Answered) => {
                    tracing::info!(update = id, "skipped an update already answered");
                    return StatusCode::OK;
                }
                Ok(Claim::Elsewhere) if tokio::time::Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Ok(Claim::Elsewhere) => {
                    tracing::info!(
                        update = id,
                        "another replica is still answering an update; Telegram will post it again"
                    );
                    return StatusCode::SERVICE_UNAVAILABLE;
                }
                // Redis down: answer it (maybe twice).
                Err(_) => break,
            }
        }
    }
    let (done, handled) = tokio::sync::oneshot::channel();
    let _answering = Answering::new(&hook.in_flight);
    if hook.feed.receive(id, raw, Some(done)).await == Offered::Taken {
        let renewing = redis.clone().map(|redis| {
            tokio::spawn(async move {
                loop {
                    tokio::time::sleep(CLAIM_TTL / 3).await;
                    let _ = redis.renew_claim(id).await;
                }
            })
        });
        let _ = handled.await;
        if let Some(r) = renewing {
            r.abort();
        }
        if let Some(redis) = &redis {
            let _ = redis.release_claim(id).await;
        }
    }
    StatusCode::OK
}

/// Counts an update in [`InFlight`] for as long as it lives (every return
/// of `receive`, and a cancelled request, uncount it).
struct Answering<'a>(&'a AtomicUsize);

impl<'a> Answering<'a> {
    fn new(n: &'a AtomicUsize) -> Self {
        n.fetch_add(1, Ordering::SeqCst);
        Answering(n)
    }
}

impl Drop for Answering<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_compare_exactly() {
        assert!(constant_time_eq(b"s3cret-token", b"s3cret-token"));
        assert!(!constant_time_eq(b"s3cret-tokem", b"s3cret-token"));
        assert!(!constant_time_eq(b"X3cret-token", b"s3cret-token"));
        assert!(!constant_time_eq(b"s3cret", b"s3cret-token"), "a prefix");
        assert!(!constant_time_eq(b"s3cret-token-and-more", b"s3cret-token"));
        assert!(!constant_time_eq(b"", b"s3cret-token"));
        assert!(constant_time_eq(b"", b""));
        // A byte that is the complement of the expected one, past the end
        // of a shorter offer, must not read as equal.
        assert!(!constant_time_eq(b"a", b"a\x9e"));
    }

    #[test]
    fn the_comparison_does_not_stop_at_the_first_difference() {
        // Timing is noisy, so compare work rather than time: the loop
        // always covers all of `expected`. Measure both extremes many
        // times and require them to be within a generous factor.
        let expected = vec![b'a'; 4096];
        let mut early = expected.clone();
        early[0] = b'b';
        let mut late = expected.clone();
        late[4095] = b'b';
        let time = |offered: &[u8]| {
            let start = std::time::Instant::now();
            for _ in 0..2000 {
                std::hint::black_box(constant_time_eq(std::hint::black_box(offered), &expected));
            }
            start.elapsed()
        };
        // Warm up, then take the best of several runs of each.
        time(&early);
        let e = (0..5).map(|_| time(&early)).min().unwrap();
        let l = (0..5).map(|_| time(&late)).min().unwrap();
        let ratio = e.as_secs_f64() / l.as_secs_f64();
        assert!(
            (0.33..3.0).contains(&ratio),
            "an early difference takes as long as a late one: {e:?} vs {l:?}"
        );
    }

    #[test]
    fn random_secrets_are_valid_for_telegram() {
        let s = random_secret().unwrap();
        let s = s.expose_secret();
        assert_eq!(s.len(), 64);
        assert!(s.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(s, random_secret().unwrap().expose_secret());
    }
}
