//! The per-user rate limit: at most N questions a minute from one user
//! (`--rate-limit N`, `CSPO_RATE_LIMIT`; 20 by default, 0 for none).
//!
//! A user over the limit gets one polite notice, then silence until the
//! oldest of their last N questions is a minute old. Users are counted
//! apart, so one flooding user slows nobody else down. Commands, questions
//! and button presses count; inline queries do not (Telegram caches their
//! results, and they arrive keystroke by keystroke).
//!
//! The table of users holds about those of the last minute: it is pruned
//! whenever it has doubled, and by the bot's housekeeping.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The default limit, questions per user per minute.
pub const DEFAULT_PER_MINUTE: u32 = 20;

const WINDOW: Duration = Duration::from_secs(60);

/// What to do with a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    Admit,
    /// Over the limit: tell the user, once.
    Notice,
    /// Over the limit and already told.
    Quiet,
}

#[derive(Default)]
struct Window {
    asked: VecDeque<Instant>,
    noticed: bool,
}

pub struct RateLimit {
    per_minute: u32,
    users: Mutex<Users>,
}

/// The users counted, and how many were left at the last pruning: the
/// table is pruned of users idle for a minute whenever it has doubled
/// since (at least [`PRUNE_FLOOR`]), so it holds about the users of the
/// last minute, at most twice over, at an amortized constant cost.
#[derive(Default)]
struct Users {
    windows: HashMap<i64, Window>,
    after_prune: usize,
}

const PRUNE_FLOOR: usize = 1024;

impl Users {
    fn prune(&mut self, now: Instant) {
        self.windows.retain(|_, w| {
            w.asked
                .back()
                .is_some_and(|t| now.duration_since(*t) < WINDOW)
        });
        self.windows.shrink_to_fit();
        self.after_prune = self.windows.len();
    }
}

impl RateLimit {
    /// `per_minute` questions a minute per user; 0 for no limit.
    pub fn new(per_minute: u32) -> RateLimit {
        RateLimit {
            per_minute,
            users: Mutex::default(),
        }
    }

    pub fn per_minute(&self) -> u32 {
        self.per_minute
    }

    /// How many users the table holds (for tests and the housekeeping log).
    pub fn tracked(&self) -> usize {
        self.users
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .windows
            .len()
    }

    /// Forgets the users who asked nothing in the last minute.
    pub fn prune(&self) {
        self.prune_at(Instant::now())
    }

    pub fn prune_at(&self, now: Instant) {
        self.users
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .prune(now);
    }

    /// Counts a question from `user`, if it is admitted.
    pub fn check(&self, user: i64) -> Admission {
        self.check_at(user, Instant::now())
    }

    /// [`RateLimit::check`] at `now`.
    pub fn check_at(&self, user: i64, now: Instant) -> Admission {
        if self.per_minute == 0 {
            return Admission::Admit;
        }
        let mut users = self.users.lock().unwrap_or_else(|p| p.into_inner());
        if users.windows.len() >= (2 * users.after_prune).max(PRUNE_FLOOR) {
            users.prune(now);
        }
        let w = users.windows.entry(user).or_default();
        while w
            .asked
            .front()
            .is_some_and(|t| now.duration_since(*t) >= WINDOW)
        {
            w.asked.pop_front();
        }
        if w.asked.len() < self.per_minute as usize {
            w.asked.push_back(now);
            w.noticed = false;
            Admission::Admit
        } else if !w.noticed {
            w.noticed = true;
            Admission::Notice
        } else {
            Admission::Quiet
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_notice_then_silence_then_admitted_again() {
        let l = RateLimit::new(3);
        let t0 = Instant::now();
        for _ in 0..3 {
            assert_eq!(l.check_at(1, t0), Admission::Admit);
        }
        assert_eq!(l.check_at(1, t0), Admission::Notice);
        assert_eq!(l.check_at(1, t0), Admission::Quiet);
        assert_eq!(l.check_at(2, t0), Admission::Admit, "others unaffected");
        let later = t0 + WINDOW;
        assert_eq!(l.check_at(1, later), Admission::Admit);
        for _ in 0..2 {
            assert_eq!(l.check_at(1, later), Admission::Admit);
        }
        assert_eq!(
            l.check_at(1, later),
            Admission::Notice,
            "a new notice after a break"
        );
    }

    #[test]
    fn zero_means_no_limit() {
        let l = RateLimit::new(0);
        assert!((0..1000).all(|_| l.check(1) == Admission::Admit));
    }
}
