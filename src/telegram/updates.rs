//! Receiving updates and handing them to the handlers, at least once.
//!
//! teloxide's long-polling listener confirms an update to Telegram (by
//! asking for the next offset) as soon as it has *received* it, so a crash
//! loses every update still being answered. This module confirms an update
//! only once it has been *handled*: the offset it sends is the id of the
//! oldest update still in flight. Telegram then sends the in-flight updates
//! again with every poll; they are recognised and skipped (and, while any
//! are in flight, the poll does not wait, so the bot polls again only once
//! handlers have left room in the window for new updates, or after a
//! bounded wait: see [`Feed::wait_for_room`]). After a crash the
//! restarted bot receives everything that was not finished and answers it:
//! only updates that were in flight at the crash can be answered twice.
//! With `--store sqlite:` the ids of answered updates are kept
//! ([`Store::answered`](super::store::Store::answered)), which removes even
//! those duplicates, except for an answer sent in the instant before the
//! crash and not yet recorded.
//!
//! [`Feed`] also runs the handlers: updates of one chat one at a time and
//! in order, different chats concurrently (like teloxide's dispatcher),
//! each within [`Tuning::handler_timeout`](super::api::Tuning), with panics
//! caught. The webhook ([`super::webhook`]) uses the same feed.
//!
//! An update that cannot be parsed is logged (by id, not content) and
//! counted as handled, so it cannot block the offset. With SQLite, the
//! attempts at each update are counted too: an update whose handling
//! killed the process [`MAX_ATTEMPTS`] times (a panic is caught and does
//! not count; an abort or the OOM killer would) is given up, so it cannot
//! keep the bot in a crash loop. (`--max-attempts`, `CSPO_MAX_ATTEMPTS`,
//! sets the number.)

use super::api::{Api, CallError};
use super::state::App;
use futures::FutureExt as _;
use serde_json::{Value, json};
use std::collections::{BTreeSet, HashMap};
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use teloxide::dispatching::UpdateHandler;
use teloxide::types::{Me, Update, UpdateKind};
use tokio::sync::{Notify, mpsc, oneshot, watch};

/// The kinds of update the bot asks for.
pub const ALLOWED_UPDATES: [&str; 3] = ["message", "callback_query", "inline_query"];

/// How many times an update may be tried, across crashes, before it is
/// given up (SQLite store only).
pub const MAX_ATTEMPTS: u32 = 3;

/// How many updates one `getUpdates` returns at most (Telegram's default
/// and maximum `limit`).
const WINDOW: i64 = 100;

/// While updates are in flight, the bot polls again once handlers have
/// finished enough of them to leave room in the window for this many new
/// updates (see [`Feed::poll`]).
const ROOM: i64 = WINDOW / 2;

/// While updates are in flight and the window has some room, the longest a
/// new update waits before the next poll fetches it.
const ROOM_WAIT: Duration = Duration::from_millis(50);

/// While updates are in flight and the window is full, how long the bot
/// waits for a handler to finish before polling anyway.
const BUSY_WAIT: Duration = Duration::from_millis(500);

/// Tells the receiving loops to stop; cheap to clone.
#[derive(Clone)]
pub struct Stop {
    tx: Arc<watch::Sender<bool>>,
    rx: watch::Receiver<bool>,
}

impl Default for Stop {
    fn default() -> Self {
        let (tx, rx) = watch::channel(false);
        Stop {
            tx: Arc::new(tx),
            rx,
        }
    }
}

impl Stop {
    pub fn stop(&self) {
        self.tx.send_replace(true);
    }

    pub fn is_stopped(&self) -> bool {
        *self.rx.borrow()
    }

    /// Resolves once [`Stop::stop`] has been called.
    pub async fn stopped(&self) {
        let mut rx = self.rx.clone();
        let _ = rx.wait_for(|s| *s).await;
    }
}

/// Which updates are in flight.
#[derive(Default)]
struct Tracker {
    pending: BTreeSet<i64>,
    /// The highest update id received by this process.
    highest: i64,
}

impl Tracker {
    /// The offset that confirms everything handled and nothing else; `None`
    /// before the first update (confirming nothing).
    fn offset(&self) -> Option<i64> {
        match self.pending.first() {
            Some(oldest) => Some(*oldest),
            None if self.highest > 0 => Some(self.highest + 1),
            None => None,
        }
    }

    /// How many new updates the next poll can return: the window less the
    /// ids from the oldest update in flight to the newest received, which
    /// Telegram sends again. ([`WINDOW`] when nothing is in flight.)
    fn room(&self) -> i64 {
        match self.pending.first() {
            Some(oldest) => (WINDOW - (self.highest - oldest + 1)).max(0),
            None => WINDOW,
        }
    }

    /// Whether to poll again now: nothing is in flight (a long poll), or
    /// the window has room for half of it.
    fn worth_polling(&self) -> bool {
        self.pending.is_empty() || self.room() >= ROOM
    }
}

struct Job {
    id: i64,
    update: Update,
    done: Option<oneshot::Sender<()>>,
}

/// The handlers and the updates in flight.
pub struct Feed {
    api: Api,
    app: Arc<App>,
    me: Me,
    handler: UpdateHandler<anyhow::Error>,
    tracker: Mutex<Tracker>,
    finished: Notify,
    workers: Mutex<HashMap<i64, mpsc::UnboundedSender<Job>>>,
}

/// What became of an update offered to the feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offered {
    /// Taken; it will be handled.
    Taken,
    /// Being handled already, or handled in this process.
    InFlight,
}

impl Feed {
    pub fn new(api: Api, app: Arc<App>, me: Me) -> Arc<Feed> {
        Arc::new(Feed {
            api,
            app,
            me,
            handler: super::schema::schema(),
            tracker: Mutex::default(),
            finished: Notify::new(),
            workers: Mutex::default(),
        })
    }

    fn tracker(&self) -> std::sync::MutexGuard<'_, Tracker> {
        self.tracker.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// How many updates are being handled.
    pub fn in_flight(&self) -> usize {
        self.tracker().pending.len()
    }

    /// Marks `id` as received and handled without handling it.
    fn skip(&self, id: i64) {
        let mut t = self.tracker();
        t.highest = t.highest.max(id);
    }

    /// Hands a parsed update to its chat's worker; `done` fires when it has
    /// been handled.
    pub fn offer(
        self: &Arc<Self>,
        id: i64,
        update: Update,
        done: Option<oneshot::Sender<()>>,
    ) -> Offered {
        {
            let mut t = self.tracker();
            if t.pending.contains(&id) {
                return Offered::InFlight;
            }
            t.pending.insert(id);
            t.highest = t.highest.max(id);
        }
        let key = chat_key(&update, id);
        let mut job = Job { id, update, done };
        let mut workers = self.workers.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(tx) = workers.get(&key) {
            match tx.send(job) {
                Ok(()) => return Offered::Taken,
                Err(mpsc::error::SendError(j)) => job = j,
            }
        }
        let (tx, rx) = mpsc::unbounded_channel();
        let _ = tx.send(job);
        workers.insert(key, tx);
        tokio::spawn(Arc::clone(self).work(key, rx));
        Offered::Taken
    }

    /// One chat's worker: its updates in order, then it ends.
    async fn work(self: Arc<Self>, key: i64, mut rx: mpsc::UnboundedReceiver<Job>) {
        loop {
            let job = match rx.try_recv() {
                Ok(job) => job,
                Err(_) => {
                    // Idle: leave, unless a job came in meanwhile (checked
                    // under the lock that `offer` sends under).
                    let mut workers = self.workers.lock().unwrap_or_else(|p| p.into_inner());
                    match rx.try_recv() {
                        Ok(job) => job,
                        Err(_) => {
                            workers.remove(&key);
                            return;
                        }
                    }
                }
            };
            self.handle(job).await;
        }
    }

    async fn handle(&self, job: Job) {
        let Job { id, update, done } = job;
        let kind = match &update.kind {
            UpdateKind::Message(_) => "message",
            UpdateKind::CallbackQuery(_) => "callback_query",
            UpdateKind::InlineQuery(_) => "inline_query",
            _ => "other",
        };
        let started = std::time::Instant::now();
        let deps = teloxide::dptree::deps![
            update,
            self.me.clone(),
            self.api.clone(),
            Arc::clone(&self.app)
        ];
        // The span names the update in every line logged while handling
        // it, a panic's included (the panic hook logs inside it).
        let span = tracing::info_span!("update", id);
        let run = tracing::Instrument::instrument(
            AssertUnwindSafe(self.handler.dispatch(deps)).catch_unwind(),
            span,
        );
        match tokio::time::timeout(self.api.tuning().handler_timeout, run).await {
            Ok(Ok(std::ops::ControlFlow::Break(Ok(())))) => {}
            Ok(Ok(std::ops::ControlFlow::Break(Err(e)))) => {
                tracing::warn!(update = id, error = %format!("{e:#}"), "a handler failed");
            }
            Ok(Ok(std::ops::ControlFlow::Continue(_))) => {
                tracing::debug!(update = id, "ignored an update");
            }
            Ok(Err(_)) => {
                tracing::error!(update = id, "a handler panicked; the update is dropped");
            }
            Err(_) => tracing::error!(
                update = id,
                "a handler took longer than {} s; the update is dropped",
                self.api.tuning().handler_timeout.as_secs()
            ),
        }
        metrics::histogram!(super::ops::names::UPDATE_SECONDS, "kind" => kind)
            .record(started.elapsed().as_secs_f64());
        self.app.store.mark_answered(id).await;
        self.tracker().pending.remove(&id);
        self.finished.notify_one();
        if let Some(done) = done {
            let _ = done.send(());
        }
    }

    /// Waits until no update is in flight.
    pub async fn drain(&self) {
        while self.in_flight() > 0 {
            tokio::select! {
                () = self.finished.notified() => {}
                () = tokio::time::sleep(Duration::from_millis(50)) => {}
            }
        }
    }

    /// Whether this process has seen `id` (it is in flight, or older than
    /// the newest update received and not in flight: handled).
    pub fn seen(&self, id: i64) -> bool {
        let t = self.tracker();
        t.pending.contains(&id) || (id <= t.highest)
    }

    pub fn api(&self) -> &Api {
        &self.api
    }

    pub fn app(&self) -> &Arc<App> {
        &self.app
    }

    /// Reads one update of a `getUpdates` answer or a webhook request and
    /// offers it. Unparsable and already answered updates are skipped.
    pub async fn receive(
        self: &Arc<Self>,
        id: i64,
        raw: Value,
        done: Option<oneshot::Sender<()>>,
    ) -> Offered {
        if self.app.store.answered(id).await {
            tracing::info!(update = id, "skipped an update answered before the restart");
            self.skip(id);
            return Offered::InFlight;
        }
        // From text, not from the `Value`: teloxide's `Update` reads some
        // fields as borrowed strings, which a `Value` cannot lend.
        match serde_json::from_str::<Update>(&raw.to_string()) {
            Ok(_) if self.tracker().pending.contains(&id) => Offered::InFlight,
            Ok(update) => {
                let tried = self.app.store.attempt(id).await;
                if tried >= self.app.settings.max_attempts.max(1) {
                    tracing::error!(
                        update = id,
                        attempts = tried,
                        "gave up an update: handling it killed the bot every time"
                    );
                    self.app.store.mark_answered(id).await;
                    self.skip(id);
                    return Offered::InFlight;
                }
                self.offer(id, update, done)
            }
            Err(e) => {
                // The error names a field, never the content.
                tracing::warn!(update = id, error = %e, "skipped an update that does not parse");
                self.skip(id);
                Offered::InFlight
            }
        }
    }

    /// Long polling until `stop`; then waits for the updates in flight and
    /// confirms them.
    pub async fn poll(self: Arc<Self>, stop: Stop) -> anyhow::Result<()> {
        self.poll_leased(stop, None, None).await.map(|_| ())
    }

    /// [`Feed::poll`] as the holder of `lease`, when replicas share the
    /// polling ([`super::lease`]): every poll is preceded by the fenced
    /// record of its offset, and the loop ends as soon as the lease is
    /// lost, confirming nothing more. `start` is the offset the previous
    /// leader confirmed. `true` when it stopped as told, `false` when it
    /// lost the lease.
    pub async fn poll_leased(
        self: Arc<Self>,
        stop: Stop,
        lease: Option<Arc<super::lease::Lease>>,
        start: Option<i64>,
    ) -> anyhow::Result<bool> {
        let tuning = self.api.tuning().clone();
        tracing::info!("receiving updates by long polling");
        let mut failures: u32 = 0;
        let mut kept = true;
        loop {
            let (offset, busy) = {
                let t = self.tracker();
                (t.offset().or(start), !t.pending.is_empty())
            };
            if let Some(lease) = &lease
                && !lease.confirm(offset).await
            {
                kept = false;
                break;
            }
            let wait = if busy {
                Duration::ZERO
            } else {
                tuning.poll_timeout
            };
            let mut params = json!({
                "timeout": wait.as_secs(),
                "allowed_updates": ALLOWED_UPDATES,
            });
            if let Some(offset) = offset {
                params["offset"] = json!(offset);
            }
            let polled = tokio::select! {
                () = stop.stopped() => break,
                r = self.api.call_value("GetUpdates", &params, wait + tuning.request_timeout) => r,
            };
            let updates = match polled {
                Ok(Value::Array(updates)) => updates,
                other => {
                    failures += 1;
                    let (error, pause) = match other {
                        Err(CallError::RetryAfter { after, .. }) => (
                            format!("Telegram asked to wait {} s", after.as_secs()),
                            after,
                        ),
                        Err(e) => (e.to_string(), tuning.backoff(failures)),
                        Ok(_) => (
                            "Telegram's answer to GetUpdates is not a list".into(),
                            tuning.backoff(failures),
                        ),
                    };
                    tracing::warn!(
                        %error,
                        retry_ms = pause.as_millis() as u64,
                        "receiving updates failed"
                    );
                    tokio::select! {
                        () = stop.stopped() => break,
                        () = tokio::time::sleep(pause) => continue,
                    }
                }
            };
            failures = 0;
            // A poll that came back after the lease may have run out (the
            // process was paused): ask again before answering anything.
            if let Some(lease) = &lease
                && !lease.surely_held()
                && !lease.confirm(offset).await
            {
                kept = false;
                break;
            }
            let polled_at = tokio::time::Instant::now();
            let mut fresh = 0;
            for raw in updates {
                let Some(id) = raw.get("update_id").and_then(Value::as_i64) else {
                    tracing::warn!("skipped an update without an id");
                    continue;
                };
                if self.seen(id) {
                    continue;
                }
                fresh += 1;
                self.receive(id, raw, None).await;
            }
            // More may be waiting right behind a poll that brought some, if
            // the window has room; else wait before polling again (see the
            // doc of `wait_for_room`).
            if fresh > 0 && self.tracker().worth_polling() {
                continue;
            }
            if self.in_flight() > 0 {
                tokio::select! {
                    () = stop.stopped() => break,
                    () = self.wait_for_room(polled_at) => {}
                }
            }
        }
        self.drain().await;
        let offset = self.tracker().offset();
        match &lease {
            Some(lease) if !kept || !lease.confirm(offset).await => return Ok(false),
            _ => self.confirm().await,
        }
        Ok(kept)
    }

    /// Forgets which updates this process saw (after it lost the polling
    /// lease: the next time it polls, the updates it saw but another
    /// replica did not finish must not be skipped). Only with nothing in
    /// flight.
    pub fn forget_seen(&self) {
        let mut t = self.tracker();
        if t.pending.is_empty() {
            t.highest = 0;
        }
    }

    /// While updates are in flight, waits before the next poll until it
    /// can bring something new: at least one handler's end, or the
    /// deadline.
    ///
    /// Telegram sends every update from the offset on, and the offset is
    /// the oldest update still in flight, so a poll returns the whole
    /// in-flight window again (up to [`WINDOW`] updates, which Telegram
    /// serializes and the bot parses only to skip them). Polling after
    /// every finished handler made ~2.7 polls per 100 updates under load,
    /// most of them all repeats. So the next poll waits until nothing is in
    /// flight, or handlers have finished enough of the window to leave room
    /// for [`ROOM`] new updates, or [`ROOM_WAIT`] has passed since the last
    /// poll while there is some room at all ([`BUSY_WAIT`] when there is
    /// none: then a poll can only bring repeats).
    ///
    /// The trade-off: under light load (few in flight, so the window has
    /// room) the next poll comes at the next finished handler, as before,
    /// or within [`ROOM_WAIT`] (50 ms; it was 500 ms). Under heavy load, a
    /// new update (in any chat) waits until half the window is handled or
    /// 50 ms have passed, where it used to be fetched at the next finished
    /// handler: up to 50 ms more latency for the new, none for those in
    /// flight. Nothing is starved (the wait is bounded) and the offset, so
    /// what is confirmed and when, is the same as before.
    async fn wait_for_room(&self, polled_at: tokio::time::Instant) {
        loop {
            let room = self.tracker().room();
            let deadline = polled_at + if room > 0 { ROOM_WAIT } else { BUSY_WAIT };
            tokio::select! {
                () = self.finished.notified() => {}
                () = tokio::time::sleep_until(deadline) => return,
            }
            if self.tracker().worth_polling() {
                return;
            }
        }
    }

    /// Tells Telegram that everything handled is done with, so a restart
    /// does not receive it again.
    pub async fn confirm(&self) {
        let Some(offset) = self.tracker().offset() else {
            return;
        };
        let params = json!({"offset": offset, "timeout": 0, "limit": 1});
        if let Err(e) = self
            .api
            .call_value("GetUpdates", &params, self.api.tuning().request_timeout)
            .await
        {
            tracing::warn!(error = %e, "cannot confirm the last updates; they may be answered again after the restart");
        }
    }
}

/// The worker an update goes to: its chat, else its sender, else its own.
fn chat_key(update: &Update, id: i64) -> i64 {
    if let Some(chat) = update.chat() {
        return chat.id.0;
    }
    if let Some(user) = update.from() {
        // User ids are positive, like private chats with them: a user's
        // button presses and inline queries queue with their private chat.
        return user.id.0 as i64;
    }
    i64::MIN + id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_handled_updates_are_confirmed() {
        let mut t = Tracker::default();
        assert_eq!(t.offset(), None, "nothing received: confirm nothing");
        t.highest = 12;
        assert_eq!(t.offset(), Some(13), "all handled: confirm all");
        t.pending.extend([10, 12]);
        assert_eq!(
            t.offset(),
            Some(10),
            "the oldest in flight is not confirmed"
        );
        t.pending.remove(&10);
        assert_eq!(t.offset(), Some(12));
    }

    #[test]
    fn polls_wait_for_room_in_the_window() {
        let mut t = Tracker::default();
        assert!(t.worth_polling(), "nothing in flight: long poll");
        t.highest = 100;
        t.pending.extend(1..=100);
        assert_eq!(t.room(), 0, "the whole window is in flight");
        assert!(!t.worth_polling());
        for id in 1..=49 {
            t.pending.remove(&id);
        }
        assert_eq!(t.room(), 49);
        assert!(!t.worth_polling(), "a poll would bring 51 repeats");
        t.pending.remove(&50);
        assert_eq!(t.room(), ROOM);
        assert!(t.worth_polling());
        t.pending.retain(|&id| id == 100);
        assert_eq!(t.room(), 99, "one in flight: room for 99 new");
        t.pending.clear();
        assert!(t.worth_polling());
    }
}
