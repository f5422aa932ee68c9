//! Keeps outgoing messages within Telegram's rates, as its bot FAQ gives
//! them: about one message a second in a chat, 20 a minute in a group, 30
//! a second overall. (teloxide's `Throttle` did this before the bot sent
//! through its own client; this is the same policy, smaller.)
//!
//! Each send reserves the earliest slot that keeps every limit, then waits
//! for it; slots are reserved in the order sends ask, so a chat's messages
//! keep their order.
//!
//! The rates belong to the bot, not to a process: with `--store redis://`
//! the replicas reserve their slots in Redis, with the same policy
//! ([`RedisStore::reserve_send`]), so two replicas together still send 30
//! a second at most. While Redis is unavailable each keeps the rates on
//! its own (so together they may exceed them, and Telegram's 429s are
//! waited out).

use super::redis_store::{RedisStore, SendPolicy};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use tokio::time::Instant;

const PER_CHAT: Duration = Duration::from_secs(1);
const GROUP_WINDOW: Duration = Duration::from_secs(60);
const PER_GROUP_WINDOW: usize = 20;
/// About 30 a second overall: at most 3 in each tenth of a second.
const TICK: Duration = Duration::from_millis(100);
const PER_TICK: u8 = 3;

/// The policy above, for the shared budget.
const POLICY: SendPolicy = SendPolicy {
    per_chat: PER_CHAT,
    group_window: GROUP_WINDOW,
    per_group_window: PER_GROUP_WINDOW,
    tick: TICK,
    per_tick: PER_TICK,
};

struct Slots {
    /// Per chat, the slots reserved in the last minute (at most 20).
    chats: HashMap<i64, VecDeque<Instant>>,
    /// Slots reserved overall, per tenth of a second since `epoch`.
    ticks: BTreeMap<u64, u8>,
    epoch: Instant,
}

impl Default for Slots {
    fn default() -> Self {
        Slots {
            chats: HashMap::new(),
            ticks: BTreeMap::new(),
            epoch: Instant::now(),
        }
    }
}

impl Slots {
    /// The earliest instant from `at` on with a free slot overall; takes it.
    fn take_global(&mut self, at: Instant) -> Instant {
        let tick_of = |t: Instant| {
            (t.saturating_duration_since(self.epoch).as_millis() / TICK.as_millis()) as u64
        };
        let now_tick = tick_of(Instant::now());
        self.ticks = self.ticks.split_off(&now_tick.saturating_sub(1));
        let mut tick = tick_of(at);
        while self.ticks.get(&tick).is_some_and(|n| *n >= PER_TICK) {
            tick += 1;
        }
        *self.ticks.entry(tick).or_default() += 1;
        if tick == tick_of(at) {
            at
        } else {
            self.epoch + TICK * tick as u32
        }
    }
}

/// The rate keeper, shared by all sends.
#[derive(Default)]
pub struct Throttle {
    slots: Mutex<Slots>,
    /// Benchmarks only: every send may go at once (see [`Throttle::off`]).
    off: bool,
    /// The budget shared with other replicas, once the store is open.
    shared: OnceLock<Arc<RedisStore>>,
}

impl Throttle {
    pub fn new() -> Throttle {
        Throttle::default()
    }

    /// A throttle that never waits, for the end-to-end benchmark
    /// (`benches/e2e.rs`) against the tests' fake Bot API, which has no
    /// rates to keep: with Telegram's rates, 10,000 answers take at least
    /// 333 s whatever the bot costs, so the benchmark would measure only
    /// the throttle. Only [`super::bot::build`] makes one, and only when
    /// `CSPO_BENCH_UNTHROTTLED=1` *and* the Bot API server is on a loopback
    /// address: real Telegram can never be sent to unthrottled.
    pub fn off() -> Throttle {
        Throttle {
            off: true,
            ..Throttle::default()
        }
    }

    /// Reserves the next slot for a message to `chat` (negative: a group).
    fn reserve(&self, chat: i64, now: Instant) -> Instant {
        let mut s = self.slots.lock().unwrap_or_else(|p| p.into_inner());
        if s.chats.len() > 10_000 {
            s.chats
                .retain(|_, q| q.back().is_some_and(|t| *t + GROUP_WINDOW > now));
        }
        let q = s.chats.entry(chat).or_default();
        let mut at = now;
        if let Some(last) = q.back() {
            at = at.max(*last + PER_CHAT);
        }
        if chat < 0 && q.len() >= PER_GROUP_WINDOW {
            at = at.max(q[q.len() - PER_GROUP_WINDOW] + GROUP_WINDOW);
        }
        let at = s.take_global(at);
        let q = s.chats.entry(chat).or_default();
        q.push_back(at);
        while q.len() > PER_GROUP_WINDOW {
            q.pop_front();
        }
        at
    }

    /// Keeps the rates in `redis`, with the other replicas.
    pub fn share(&self, redis: Arc<RedisStore>) {
        let _ = self.shared.set(redis);
    }

    /// Waits until a message to `chat` may be sent.
    pub async fn acquire(&self, chat: i64) {
        if self.off {
            return;
        }
        if let Some(redis) = self.shared.get()
            && let Ok(wait) = redis.reserve_send(chat, POLICY).await
        {
            tokio::time::sleep(wait).await;
            return;
        }
        let at = self.reserve(chat, Instant::now());
        tokio::time::sleep_until(at).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_message_a_second_in_a_chat() {
        let t = Throttle::new();
        let now = Instant::now();
        let a = t.reserve(1, now);
        let b = t.reserve(1, now);
        let other = t.reserve(2, now);
        assert_eq!(a, now);
        assert_eq!(b, now + PER_CHAT);
        assert!(
            other < now + Duration::from_millis(100),
            "other chats go on"
        );
    }

    #[test]
    fn twenty_a_minute_in_a_group() {
        let t = Throttle::new();
        let now = Instant::now();
        let slots: Vec<Instant> = (0..21).map(|_| t.reserve(-100, now)).collect();
        assert_eq!(slots[19], now + PER_CHAT * 19);
        assert_eq!(
            slots[20],
            now + GROUP_WINDOW,
            "the 21st waits for the minute"
        );
    }

    #[tokio::test]
    async fn off_never_waits() {
        let t = Throttle::off();
        let start = Instant::now();
        for _ in 0..100 {
            t.acquire(1).await;
        }
        // On, the second message to the chat alone would wait a second.
        assert!(start.elapsed() < Duration::from_millis(500));
    }

    #[test]
    fn thirty_a_second_overall() {
        let t = Throttle::new();
        let now = Instant::now();
        let slots: Vec<Instant> = (0..40).map(|c| t.reserve(c + 1, now)).collect();
        let within_a_second = slots
            .iter()
            .filter(|s| **s < now + Duration::from_secs(1))
            .count();
        assert!(
            (25..=33).contains(&within_a_second),
            "{within_a_second} in the first second"
        );
    }
}
