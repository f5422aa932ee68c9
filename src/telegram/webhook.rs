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
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use secrecy::{ExposeSecret as _, SecretString};
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

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
}

/// The webhook's router: `POST` on the URL's path, mounted on the ops
/// listener ([`super::ops`]).
pub fn router(feed: Arc<Feed>, url: &reqwest::Url, secret: SecretString, stop: Stop) -> Router {
    let path = match url.path() {
        "" => "/",
        p => p,
    };
    let hook = Hook {
        feed,
        secret: Arc::new(secret),
        stop,
    };
    Router::new().route(path, post(receive)).with_state(hook)
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
) -> anyhow::Result<()> {
    let api = feed.api().clone();
    let redis = feed.app().store.redis().cloned();
    let plain = secret.expose_secret().to_string();
    // Mounted before Telegram is told, so its first post finds the route.
    let _ = mount.set(router(Arc::clone(&feed), &url, secret, stop.clone()));
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

async fn receive(State(hook): State<Hook>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let offered = headers
        .get("x-telegram-bot-api-secret-token")
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    if !constant_time_eq(offered, hook.secret.expose_secret().as_bytes()) {
        let missing = !headers.contains_key("x-telegram-bot-api-secret-token");
        tracing::warn!(
            secret = %if missing { "missing" } else { "wrong" },
            "refused a webhook request"
        );
        return StatusCode::UNAUTHORIZED;
    }
    if hook.stop.is_stopped() {
        return StatusCode::SERVICE_UNAVAILABLE;
    }
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
