//! Receiving updates by webhook: an HTTP server that Telegram posts each
//! update to.
//!
//! Not teloxide's webhook router, which compares the secret with `!=` (its
//! source says "FIXME: use constant time comparison here"), reads the whole
//! body before that check, logs the raw body of an update it cannot parse
//! (users' messages), and answers 200 as soon as it has *received* an
//! update. Here:
//!
//! - the `X-Telegram-Bot-Api-Secret-Token` header is compared with
//!   [`constant_time_eq`] before a byte of the body is read ([`authenticate`],
//!   the outermost layer); a missing or wrong one gets 401 (and the
//!   connection closed) and a log line that names neither the expected nor
//!   the offered secret;
//! - the request is answered 200 only once the update has been handled, so
//!   an update lost in a crash is posted again by Telegram (at-least-once,
//!   as with polling; a repeated post of an update in flight or answered is
//!   recognised and not handled twice);
//! - while the bot stops, requests get 503, which Telegram retries later.
//!
//! Against hostile traffic ([`Limits`]; the README's Reliability section
//! has the measured figures): the body is bounded (1 MiB by default:
//! Telegram's updates are a few KiB) by tower-http's
//! [`RequestBodyLimitLayer`] and axum's body limit, and must arrive within
//! the read timeout ([`RequestBodyTimeoutLayer`] between reads, and the
//! whole body within the same time); hyper's own header-read timeout cuts
//! off a client that does not finish its request head in time, and, since
//! hyper runs it whenever the connection waits for a request head, it
//! also closes idle keep-alive connections; at most
//! [`Limits::max_connections`] connections are open at once (past that,
//! new ones wait in the kernel's backlog until one closes, which the
//! timeouts guarantee within the read timeout). Shutdown waits for the
//! updates in flight, not for unauthenticated or unfinished requests.
//!
//! [`RequestBodyLimitLayer`]: tower_http::limit::RequestBodyLimitLayer
//! [`RequestBodyTimeoutLayer`]: tower_http::timeout::RequestBodyTimeoutLayer

use super::updates::{Feed, Offered, Stop};
use anyhow::Context as _;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// The header Telegram sends the secret in.
const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";

/// Bounds on what one client may cost the webhook server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Connections open at once (`--webhook-max-connections`).
    pub max_connections: usize,
    /// The longest a client may take to send a request head, to send the
    /// body, or to stay idle between requests (`--webhook-timeout-ms`).
    pub read_timeout: Duration,
    /// The largest body accepted, in bytes.
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

/// Compares two byte strings in time that depends only on the length of
/// `expected`, not on where they differ (nor on `offered`'s length).
pub fn constant_time_eq(offered: &[u8], expected: &[u8]) -> bool {
    let mut diff = u8::from(offered.len() != expected.len());
    for (i, e) in expected.iter().enumerate() {
        let o = offered.get(i).copied().unwrap_or(!*e);
        diff |= std::hint::black_box(o ^ e);
    }
    diff == 0
}

/// A random secret for a run without `CSPO_WEBHOOK_SECRET`: 32 bytes from
/// the kernel, in hex (within Telegram's `A-Za-z0-9_-`, 1 to 256).
pub fn random_secret() -> anyhow::Result<String> {
    use std::io::Read;
    let mut bytes = [0u8; 32];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .context("cannot read /dev/urandom for a webhook secret")?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

#[derive(Clone)]
struct Hook {
    feed: Arc<Feed>,
    secret: Arc<String>,
    stop: Stop,
    limits: Limits,
    /// Whole, authenticated updates not yet answered (shutdown waits for
    /// their answers).
    authenticated: Arc<AtomicUsize>,
}

/// Binds `addr`, registers `url` and `secret` with Telegram, serves until
/// `stop`, then finishes the updates in flight and deletes the webhook.
pub async fn serve(
    feed: Arc<Feed>,
    url: reqwest::Url,
    addr: SocketAddr,
    secret: String,
    stop: Stop,
    limits: Limits,
) -> anyhow::Result<()> {
    // Bind before telling Telegram where to post, so a busy port is a clean
    // error rather than a webhook into the void.
    let tcp = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    let api = feed.api().clone();
    let params = json!({
        "url": url.as_str(),
        "secret_token": secret,
        "allowed_updates": super::updates::ALLOWED_UPDATES,
    });
    api.call_value("SetWebhook", &params, api.tuning().request_timeout)
        .await
        .map_err(|e| super::bot::describe(&e, api.token()))?;
    tracing::info!(
        url = %url,
        listen = %addr,
        max_connections = limits.max_connections,
        timeout_ms = limits.read_timeout.as_millis() as u64,
        "receiving updates by webhook"
    );
    let path = match url.path() {
        "" => "/",
        p => p,
    };
    let authenticated = Arc::new(AtomicUsize::new(0));
    let router = routes(
        Arc::clone(&feed),
        path,
        secret,
        stop.clone(),
        limits,
        Arc::clone(&authenticated),
    );
    serve_connections(tcp, router, limits, stop, authenticated).await;
    // The updates in flight are answered, and their requests too; requests
    // that never authenticated are not waited for.
    feed.drain().await;
    if let Err(e) = api
        .call_value("DeleteWebhook", &json!({}), api.tuning().request_timeout)
        .await
    {
        tracing::warn!(error = %e, "cannot delete the webhook");
    }
    Ok(())
}

/// The webhook's route at `path`, with its layers: the secret checked
/// first, then the body bounded in size and time.
pub fn routes(
    feed: Arc<Feed>,
    path: &str,
    secret: String,
    stop: Stop,
    limits: Limits,
    authenticated: Arc<AtomicUsize>,
) -> axum::Router {
    let hook = Hook {
        feed,
        secret: Arc::new(secret),
        stop,
        limits,
        authenticated,
    };
    axum::Router::new()
        .route(path, post(receive))
        .layer(DefaultBodyLimit::max(limits.max_body))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            limits.max_body,
        ))
        .layer(tower_http::timeout::RequestBodyTimeoutLayer::new(
            limits.read_timeout,
        ))
        // Outermost, so it runs before anything reads the body.
        .layer(axum::middleware::from_fn_with_state(
            hook.clone(),
            authenticate,
        ))
        .with_state(hook)
}

/// Accepts connections on `tcp` and serves `router` on each with hyper's
/// HTTP/1 server, at most `limits.max_connections` at once, each bound by
/// hyper's header-read timeout (which also ends idle keep-alive). Returns
/// once `stop` is called and the `authenticated` requests in flight (see
/// [`routes`]) have been answered.
pub async fn serve_connections(
    tcp: tokio::net::TcpListener,
    router: axum::Router,
    limits: Limits,
    stop: Stop,
    authenticated: Arc<AtomicUsize>,
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
                    tracing::warn!(error = %e, "cannot accept a webhook connection");
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
    // Authenticated requests are updates being handled: their answers go
    // out (the shutdown's grace period bounds the wait).
    while authenticated.load(Ordering::SeqCst) > 0 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // Connections finish by themselves once their answer is written; those
    // still open after a moment are unfinished or unauthenticated
    // requests, and are closed.
    let _ = tokio::time::timeout(Duration::from_millis(500), async {
        while connections.join_next().await.is_some() {}
    })
    .await;
    connections.abort_all();
}

/// The secret, checked before the body is read.
async fn authenticate(State(hook): State<Hook>, req: Request, next: Next) -> Response {
    let offered = req
        .headers()
        .get(SECRET_HEADER)
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    if !constant_time_eq(offered, hook.secret.as_bytes()) {
        let missing = !req.headers().contains_key(SECRET_HEADER);
        tracing::warn!(
            secret = %if missing { "missing" } else { "wrong" },
            "refused a webhook request"
        );
        // The body is never read: close the connection rather than drain it.
        let mut refused = StatusCode::UNAUTHORIZED.into_response();
        refused
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        return refused;
    }
    next.run(req).await
}

/// Whether reading a body failed on [`RequestBodyTimeoutLayer`]'s timeout
/// between two reads.
///
/// [`RequestBodyTimeoutLayer`]: tower_http::timeout::RequestBodyTimeoutLayer
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
    let (done, handled) = tokio::sync::oneshot::channel();
    hook.authenticated.fetch_add(1, Ordering::SeqCst);
    if hook.feed.receive(id, raw, Some(done)).await == Offered::Taken {
        let _ = handled.await;
    }
    hook.authenticated.fetch_sub(1, Ordering::SeqCst);
    StatusCode::OK
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
        assert_eq!(s.len(), 64);
        assert!(s.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(s, random_secret().unwrap());
    }
}
