//! Long polling with several replicas: one leader at a time.
//!
//! Telegram lets one client call `getUpdates` at a time (two get 409
//! Conflict), and the offset it sends confirms updates for everyone. So
//! with `--store redis://` the replicas elect a leader through a lease in
//! Redis ([`RedisStore::acquire_lease`]): set-if-absent with an expiry of
//! [`LEASE_TTL`], renewed every [`RENEW_EVERY`]. The others try to take it
//! every [`TRY_EVERY`]. When the leader dies, its lease runs out and
//! another replica takes over, starting from the offset the dead one
//! confirmed: what it had not confirmed (its updates in flight) comes
//! again, and what it had answered is skipped (the answered ids are in
//! Redis too). Worst case from the death to the first poll of the new
//! leader: `LEASE_TTL + TRY_EVERY` (6 s).
//!
//! **Fencing.** Each lease carries a token with a generation that only
//! grows. Before every `getUpdates` (each of which confirms an offset to
//! Telegram), the leader records the offset through a script that checks
//! the token ([`RedisStore::confirm_offset`]); if another replica holds
//! the lease, the script refuses, and the former leader stops polling
//! without confirming anything: it finishes what it was answering and
//! waits as a follower. A leader that was paused (SIGSTOP, a VM frozen)
//! past its lease also checks again, after a poll returns late, before it
//! hands the updates to its handlers. What no fence can stop is a request
//! already on the wire when the pause began; Telegram then answers one of
//! the two pollers with 409, and the updates in flight may be answered
//! twice: never lost.
//!
//! **Redis down.** A leader that cannot reach Redis keeps polling (no
//! other replica can take the lease meanwhile, so nobody else polls); a
//! follower keeps waiting. When Redis comes back, a leader whose lease
//! ran out (or was lost with a Redis restart) steps down and competes for
//! it again like any other replica. The price: a leader cut off from
//! Redis alone (a partition) polls on while another replica takes the
//! lease, until it reaches Redis again (README, "Known limits").

use super::redis_store::{RedisStore, Unavailable};
use super::updates::{Feed, Stop};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::time::Instant;

/// How long a lease lasts without renewal.
pub const LEASE_TTL: Duration = Duration::from_secs(5);
/// How often the leader renews it.
pub const RENEW_EVERY: Duration = Duration::from_millis(1500);
/// How often a follower tries to take it.
pub const TRY_EVERY: Duration = Duration::from_secs(1);
/// The leader counts its lease as lost this long before it would expire.
const MARGIN: Duration = Duration::from_millis(1000);

/// The lease this replica holds.
pub struct Lease {
    redis: Arc<RedisStore>,
    token: String,
    /// Until when the lease is surely held (the last successful renewal's
    /// start, plus the TTL, less the margin).
    valid_until: Mutex<Instant>,
    lost: AtomicBool,
    renewer: Mutex<Option<tokio::task::JoinHandle<()>>>,
}

impl Lease {
    /// Waits until this replica holds the lease; `None` if told to stop
    /// first.
    pub async fn acquire(redis: &Arc<RedisStore>, stop: &Stop) -> Option<Arc<Lease>> {
        let mut said_waiting = false;
        loop {
            let asked = Instant::now();
            match redis.acquire_lease(LEASE_TTL).await {
                Ok(Some(token)) => {
                    let generation = token.split(':').next().unwrap_or_default().to_string();
                    tracing::info!(%generation, "this replica polls for updates (it holds the lease)");
                    let lease = Arc::new(Lease {
                        redis: Arc::clone(redis),
                        token,
                        valid_until: Mutex::new(asked + LEASE_TTL - MARGIN),
                        lost: AtomicBool::new(false),
                        renewer: Mutex::new(None),
                    });
                    let renewer = tokio::spawn(Arc::clone(&lease).renew());
                    *lease.renewer.lock().unwrap_or_else(|p| p.into_inner()) = Some(renewer);
                    return Some(lease);
                }
                Ok(None) if !said_waiting => {
                    said_waiting = true;
                    tracing::info!(
                        "another replica polls for updates; this one waits to take over"
                    );
                }
                Ok(None) | Err(_) => {}
            }
            tokio::select! {
                () = stop.stopped() => return None,
                () = tokio::time::sleep(TRY_EVERY) => {}
            }
        }
    }

    async fn renew(self: Arc<Self>) {
        loop {
            tokio::time::sleep(RENEW_EVERY).await;
            let sent = Instant::now();
            match self.redis.renew_lease(&self.token, LEASE_TTL).await {
                Ok(true) => {
                    *self.valid_until.lock().unwrap_or_else(|p| p.into_inner()) =
                        sent + LEASE_TTL - MARGIN;
                }
                Ok(false) => {
                    self.lose();
                    return;
                }
                // Redis is down: see the module doc.
                Err(_) => {}
            }
        }
    }

    fn lose(&self) {
        if !self.lost.swap(true, Ordering::SeqCst) {
            tracing::warn!(
                "this replica no longer holds the polling lease; it stops polling and waits"
            );
        }
    }

    /// Whether the lease is surely still held, without asking Redis.
    pub fn surely_held(&self) -> bool {
        !self.lost.load(Ordering::SeqCst)
            && Instant::now() < *self.valid_until.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Before a poll that confirms `offset` to Telegram: records it in
    /// Redis, fenced by the token. `false` when the lease is lost: the
    /// poll must not happen. (Redis unreachable: `true`, see the module
    /// doc.)
    pub async fn confirm(&self, offset: Option<i64>) -> bool {
        if self.lost.load(Ordering::SeqCst) {
            return false;
        }
        match self
            .redis
            .confirm_offset(&self.token, offset.unwrap_or(0))
            .await
        {
            Ok(true) => true,
            Ok(false) => {
                self.lose();
                false
            }
            Err(Unavailable::Down | Unavailable::Failed(_)) => true,
        }
    }

    /// Gives the lease up (at a graceful stop), so a follower takes over
    /// at once.
    pub async fn release(&self) {
        if let Some(r) = self
            .renewer
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()
        {
            r.abort();
        }
        if !self.lost.load(Ordering::SeqCst) {
            let _ = self.redis.release_lease(&self.token).await;
            tracing::info!("released the polling lease");
        }
    }
}

impl Drop for Lease {
    fn drop(&mut self) {
        if let Some(r) = self
            .renewer
            .get_mut()
            .unwrap_or_else(|p| p.into_inner())
            .take()
        {
            r.abort();
        }
    }
}

/// Long polling as one of several replicas, until `stop`: waits for the
/// lease, polls while it holds it, and waits again if it loses it.
pub async fn poll_as_replica(
    feed: Arc<Feed>,
    redis: Arc<RedisStore>,
    stop: Stop,
) -> anyhow::Result<()> {
    loop {
        let Some(lease) = Lease::acquire(&redis, &stop).await else {
            return Ok(());
        };
        let start = redis.confirmed_offset().await.ok().flatten();
        let kept = Arc::clone(&feed)
            .poll_leased(stop.clone(), Some(Arc::clone(&lease)), start)
            .await?;
        if kept {
            lease.release().await;
            return Ok(());
        }
        // Lost: what this replica saw is the new leader's business now.
        feed.forget_seen();
        if stop.is_stopped() {
            return Ok(());
        }
    }
}
