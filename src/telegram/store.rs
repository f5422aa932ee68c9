//! Where conversation state is kept: in memory (the default), in SQLite,
//! or in Redis.
//!
//! `--store memory` keeps state for the life of the process; `--store
//! sqlite:PATH` keeps it in one table of an SQLite file, so a restart does
//! not forget what "and Italy?" refers to; `--store redis://…` keeps it in
//! Redis, shared by several replicas of the bot ([`super::redis_store`],
//! which also holds what only replicas need: the polling lease, webhook
//! claims, the shared limits). Values are JSON, keyed by
//! strings the caller builds ([`Key`]). A value that no longer decodes (after
//! an upgrade changed its shape) reads as the default: a conversation that
//! starts afresh is better than one that fails.
//!
//! Store errors are logged, never returned to the user: a bot that cannot
//! remember still answers.
//!
//! The store also remembers which updates were answered ([`Store::answered`]),
//! so that after a crash the updates Telegram delivers again are not
//! answered twice. In SQLite that survives the restart (rows older than two
//! days are dropped: Telegram keeps an update for 24 hours); in memory it
//! only keeps a webhook's retries from being answered twice.

use super::redis_store::{RedisStore, Unavailable};
use anyhow::Context as _;
use serde::{Serialize, de::DeserializeOwned};
use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// What a value is about. Conversations are per user within a chat (in a
/// private chat the user is the chat); chat memory is per chat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    Conversation { chat: i64, user: i64 },
    Chat(i64),
}

impl Key {
    fn encode(self) -> String {
        match self {
            Key::Conversation { chat, user } => format!("conv:{chat}:{user}"),
            Key::Chat(chat) => format!("chat:{chat}"),
        }
    }
}

/// In memory, at most this many values are kept; past it the least
/// recently written tenth is dropped.
const MEMORY_CAPACITY: usize = 100_000;

#[derive(Default)]
struct Memory {
    values: HashMap<String, (u64, String)>,
    clock: u64,
    answered: HashSet<i64>,
    answered_order: VecDeque<i64>,
}

/// How many answered update ids the memory store keeps.
const ANSWERED_CAPACITY: usize = 10_000;

impl Memory {
    fn put(&mut self, key: String, value: String) {
        self.clock += 1;
        self.values.insert(key, (self.clock, value));
        if self.values.len() > MEMORY_CAPACITY {
            let mut ages: Vec<u64> = self.values.values().map(|(t, _)| *t).collect();
            ages.sort_unstable();
            let cutoff = ages[MEMORY_CAPACITY / 10];
            self.values.retain(|_, (t, _)| *t > cutoff);
        }
    }
}

/// The error for a `--store` value of no known kind; at most its scheme is
/// repeated (the value may hold a password).
fn unknown_store(s: &str) -> anyhow::Error {
    let scheme = s.split_once(':').map(|(scheme, _)| scheme).filter(|k| {
        !k.is_empty() && k.len() <= 16 && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'+')
    });
    let what = match scheme {
        Some(k) => format!("unknown --store kind {k:?}"),
        None => "unknown --store value".to_string(),
    };
    anyhow::anyhow!(
        "{what}: use `memory`, `sqlite:PATH` or `redis://[:PASSWORD@]HOST:PORT/DB` (`rediss://` for TLS)"
    )
}

/// A `--store` value for showing: a Redis URL without its password.
pub fn describe_spec(spec: &str) -> String {
    match spec.split_once("://") {
        Some((scheme, rest)) if scheme.starts_with("redis") => match rest.rsplit_once('@') {
            Some((_, host)) => format!("{scheme}://<credentials>@{host}"),
            None => spec.to_string(),
        },
        _ => spec.to_string(),
    }
}

/// Counts a failure of the store in the metrics.
fn store_error(op: &'static str) {
    metrics::counter!(crate::telegram::ops::names::STORE_ERRORS, "op" => op).increment(1);
}

enum Backend {
    Memory(Mutex<Memory>),
    Sqlite {
        conn: Arc<Mutex<rusqlite::Connection>>,
        path: PathBuf,
    },
    Redis(Arc<RedisStore>),
}

/// The conversation store.
pub struct Store {
    backend: Backend,
}

impl Store {
    /// A store that forgets everything when the process ends.
    pub fn memory() -> Store {
        Store {
            backend: Backend::Memory(Mutex::default()),
        }
    }

    /// Checks a `--store` value without opening it: `memory`,
    /// `sqlite:PATH`, or `redis://…`/`rediss://…`. The error never repeats
    /// the value, which may hold a password.
    pub fn check_spec(spec: &str) -> anyhow::Result<()> {
        match spec.trim() {
            "memory" => Ok(()),
            s if s.starts_with("redis://") || s.starts_with("rediss://") => Ok(()),
            s if s.strip_prefix("sqlite:").is_some_and(|p| !p.is_empty()) => Ok(()),
            s => Err(unknown_store(s)),
        }
    }

    /// Opens the store named by `--store`: absent or `memory`,
    /// `sqlite:PATH`, or `redis://…`/`rediss://…` (see [`Store::open_for`]).
    pub fn open(spec: Option<&str>) -> anyhow::Result<Store> {
        Store::open_for(spec, "0")
    }

    /// [`Store::open`] for the bot with id `bot` (Redis keys are
    /// namespaced by it). The error for a value it does not know never
    /// repeats the value, which may hold a password: at most its scheme.
    pub fn open_for(spec: Option<&str>, bot: &str) -> anyhow::Result<Store> {
        let password = std::env::var(super::redis_store::PASSWORD_VAR).ok();
        let ca = std::env::var_os(super::redis_store::CA_FILE_VAR).filter(|v| !v.is_empty());
        Store::open_with(spec, bot, password.as_deref(), ca.as_deref().map(Path::new))
    }

    /// [`Store::open_for`] with the Redis password of the settings (used
    /// when the URL has none) and the CA file for `rediss://`.
    pub fn open_with(
        spec: Option<&str>,
        bot: &str,
        redis_password: Option<&str>,
        redis_ca: Option<&Path>,
    ) -> anyhow::Result<Store> {
        match spec.map(str::trim) {
            None | Some("memory") => Ok(Store::memory()),
            Some(s) if s.starts_with("redis://") || s.starts_with("rediss://") => Ok(Store {
                backend: Backend::Redis(Arc::new(RedisStore::open_with(
                    s,
                    bot,
                    redis_password,
                    redis_ca,
                )?)),
            }),
            Some(s) => match s.strip_prefix("sqlite:") {
                Some(path) if !path.is_empty() => Store::sqlite(Path::new(path)),
                _ => Err(unknown_store(s)),
            },
        }
    }

    /// The Redis store, when the state is shared with other replicas.
    pub fn redis(&self) -> Option<&Arc<RedisStore>> {
        match &self.backend {
            Backend::Redis(r) => Some(r),
            _ => None,
        }
    }

    /// Connects a Redis store at start-up: a refused password is an
    /// error; an unreachable server is logged and the bot goes on without
    /// it (see [`RedisStore::connect`]). Nothing to do for the others.
    pub async fn connect(&self) -> anyhow::Result<()> {
        match &self.backend {
            Backend::Redis(r) => r.connect().await,
            _ => Ok(()),
        }
    }

    fn sqlite(path: &Path) -> anyhow::Result<Store> {
        let conn = rusqlite::Connection::open(path)
            .with_context(|| format!("cannot open the SQLite store {}", path.display()))?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // WAL keeps readers and the writer out of each other's way; the
        // pragma answers with a row, so it is queried rather than executed.
        let _mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .with_context(|| format!("cannot use the SQLite store {}", path.display()))?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS state (
                key TEXT PRIMARY KEY NOT NULL,
                value TEXT NOT NULL,
                updated INTEGER NOT NULL
            )",
        )
        .with_context(|| format!("cannot create the state table in {}", path.display()))?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS answered (
                update_id INTEGER PRIMARY KEY NOT NULL,
                at INTEGER NOT NULL
            )",
        )
        .with_context(|| format!("cannot create the answered table in {}", path.display()))?;
        conn.execute(
            "DELETE FROM answered WHERE at < ?1",
            [unix_now() - 2 * 24 * 3600],
        )
        .with_context(|| format!("cannot prune the answered table in {}", path.display()))?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS attempts (
                update_id INTEGER PRIMARY KEY NOT NULL,
                n INTEGER NOT NULL,
                at INTEGER NOT NULL
            );
            DELETE FROM attempts WHERE update_id IN (SELECT update_id FROM answered);",
        )
        .with_context(|| format!("cannot create the attempts table in {}", path.display()))?;
        conn.execute(
            "DELETE FROM attempts WHERE at < ?1",
            [unix_now() - 2 * 24 * 3600],
        )
        .with_context(|| format!("cannot prune the attempts table in {}", path.display()))?;
        Ok(Store {
            backend: Backend::Sqlite {
                conn: Arc::new(Mutex::new(conn)),
                path: path.to_path_buf(),
            },
        })
    }

    /// `memory` or `sqlite:PATH`, for the start-up log.
    pub fn describe(&self) -> String {
        match &self.backend {
            Backend::Memory(_) => "memory".into(),
            Backend::Sqlite { path, .. } => format!("sqlite:{}", path.display()),
            Backend::Redis(r) => r.describe().to_string(),
        }
    }

    /// The value at `key`, or the default when there is none (or it cannot
    /// be read).
    pub async fn load<T: DeserializeOwned + Default>(&self, key: Key) -> T {
        let raw = match self.get(key).await {
            Ok(raw) => raw,
            Err(e) => {
                store_error("read");
                // Redis's outages are reported by the Redis store, rate-limited.
                if !e.is::<Unavailable>() {
                    tracing::error!(error = %format!("{e:#}"), "cannot read from the store");
                }
                None
            }
        };
        match raw.map(|r| serde_json::from_str(&r)) {
            Some(Ok(v)) => v,
            Some(Err(e)) => {
                tracing::warn!(error = %e, "a stored value no longer decodes; starting afresh");
                T::default()
            }
            None => T::default(),
        }
    }

    /// Stores `value` at `key`; failures are logged.
    pub async fn save<T: Serialize>(&self, key: Key, value: &T) {
        let result = match serde_json::to_string(value) {
            Ok(json) => self.put(key, json).await,
            Err(e) => Err(e.into()),
        };
        if result.is_err() {
            store_error("write");
        }
        if let Err(e) = result
            && !e.is::<Unavailable>()
        {
            tracing::error!(error = %format!("{e:#}"), "cannot write to the store");
        }
    }

    /// Whether update `id` was answered (see the module doc).
    pub async fn answered(&self, id: i64) -> bool {
        let result = match &self.backend {
            Backend::Memory(m) => Ok(lock(m).answered.contains(&id)),
            Backend::Sqlite { conn, .. } => {
                let conn = Arc::clone(conn);
                tokio::task::spawn_blocking(move || -> anyhow::Result<bool> {
                    let n: i64 = lock(&conn).query_row(
                        "SELECT COUNT(*) FROM answered WHERE update_id = ?1",
                        [id],
                        |r| r.get(0),
                    )?;
                    Ok(n > 0)
                })
                .await
                .unwrap_or_else(|e| Err(e.into()))
            }
            // Unavailable: not known to be answered (it may be answered
            // twice); the outage is logged by the Redis store.
            Backend::Redis(r) => {
                return r.answered(id).await.unwrap_or_else(|_| {
                    store_error("answered");
                    false
                });
            }
        };
        result.unwrap_or_else(|e| {
            store_error("answered");
            tracing::error!(error = %format!("{e:#}"), "cannot read the answered updates");
            false
        })
    }

    /// Counts an attempt at handling update `id` and returns how many there
    /// were before this one. SQLite and Redis remember attempts across a
    /// crash; in memory this is always 0.
    pub async fn attempt(&self, id: i64) -> u32 {
        let conn = match &self.backend {
            Backend::Sqlite { conn, .. } => conn,
            Backend::Redis(r) => return r.attempt(id).await.unwrap_or(0),
            Backend::Memory(_) => return 0,
        };
        let conn = Arc::clone(conn);
        let result = tokio::task::spawn_blocking(move || -> anyhow::Result<u32> {
            let conn = lock(&conn);
            conn.execute(
                "INSERT INTO attempts (update_id, n, at) VALUES (?1, 1, ?2)
                 ON CONFLICT(update_id) DO UPDATE SET n = n + 1",
                [id, unix_now()],
            )?;
            let n: u32 =
                conn.query_row("SELECT n FROM attempts WHERE update_id = ?1", [id], |r| {
                    r.get(0)
                })?;
            Ok(n - 1)
        })
        .await
        .unwrap_or_else(|e| Err(e.into()));
        result.unwrap_or_else(|e| {
            store_error("attempt");
            tracing::error!(error = %format!("{e:#}"), "cannot count an attempt");
            0
        })
    }

    /// Remembers that update `id` was answered.
    pub async fn mark_answered(&self, id: i64) {
        let result = match &self.backend {
            Backend::Memory(m) => {
                let mut m = lock(m);
                if m.answered.insert(id) {
                    m.answered_order.push_back(id);
                }
                while m.answered_order.len() > ANSWERED_CAPACITY {
                    if let Some(old) = m.answered_order.pop_front() {
                        m.answered.remove(&old);
                    }
                }
                Ok(())
            }
            Backend::Sqlite { conn, .. } => {
                let conn = Arc::clone(conn);
                tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
                    let conn = lock(&conn);
                    conn.execute(
                        "INSERT OR REPLACE INTO answered (update_id, at) VALUES (?1, ?2)",
                        [id, unix_now()],
                    )?;
                    conn.execute("DELETE FROM attempts WHERE update_id = ?1", [id])?;
                    Ok(())
                })
                .await
                .unwrap_or_else(|e| Err(e.into()))
            }
            Backend::Redis(r) => {
                if r.mark_answered(id).await.is_err() {
                    store_error("mark_answered");
                }
                Ok(())
            }
        };
        if let Err(e) = result {
            store_error("mark_answered");
            tracing::error!(error = %format!("{e:#}"), "cannot remember an answered update");
        }
    }

    async fn get(&self, key: Key) -> anyhow::Result<Option<String>> {
        match &self.backend {
            Backend::Memory(m) => Ok(lock(m).values.get(&key.encode()).map(|(_, v)| v.clone())),
            Backend::Sqlite { conn, .. } => {
                let conn = Arc::clone(conn);
                tokio::task::spawn_blocking(move || {
                    use rusqlite::OptionalExtension;
                    let conn = lock(&conn);
                    let v = conn
                        .query_row(
                            "SELECT value FROM state WHERE key = ?1",
                            [key.encode()],
                            |r| r.get(0),
                        )
                        .optional()?;
                    Ok(v)
                })
                .await?
            }
            Backend::Redis(r) => Ok(r.get(&key.encode()).await?),
        }
    }

    async fn put(&self, key: Key, value: String) -> anyhow::Result<()> {
        match &self.backend {
            Backend::Memory(m) => {
                lock(m).put(key.encode(), value);
                Ok(())
            }
            Backend::Sqlite { conn, .. } => {
                let conn = Arc::clone(conn);
                tokio::task::spawn_blocking(move || {
                    let now = unix_now();
                    lock(&conn).execute(
                        "INSERT INTO state (key, value, updated) VALUES (?1, ?2, ?3)
                         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated = excluded.updated",
                        rusqlite::params![key.encode(), value, now],
                    )?;
                    Ok(())
                })
                .await?
            }
            Backend::Redis(r) => Ok(r.put(&key.encode(), value).await?),
        }
    }
}

fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Locks a mutex, recovering it if a panic poisoned it (the data is plain
/// values, consistent at every await point).
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
    struct V {
        n: u32,
    }

    #[tokio::test]
    async fn memory_round_trip() {
        let s = Store::open(None).unwrap();
        let k = Key::Conversation { chat: 1, user: 2 };
        assert_eq!(s.load::<V>(k).await, V::default());
        s.save(k, &V { n: 7 }).await;
        assert_eq!(s.load::<V>(k).await, V { n: 7 });
        assert_eq!(s.load::<V>(Key::Chat(1)).await, V::default());
    }

    #[tokio::test]
    async fn sqlite_survives_reopening() {
        let dir = std::env::temp_dir().join(format!("cspo-store-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("state.sqlite");
        let spec = format!("sqlite:{}", path.display());
        {
            let s = Store::open(Some(&spec)).unwrap();
            s.save(Key::Chat(-100), &V { n: 3 }).await;
            s.save(Key::Chat(-100), &V { n: 4 }).await;
        }
        let s = Store::open(Some(&spec)).unwrap();
        assert_eq!(s.load::<V>(Key::Chat(-100)).await, V { n: 4 });
        assert!(!s.answered(7).await);
        s.mark_answered(7).await;
        drop(s);
        let s = Store::open(Some(&spec)).unwrap();
        assert!(s.answered(7).await, "answered updates survive a restart");
        assert!(!s.answered(8).await);
        assert_eq!(s.attempt(8).await, 0);
        drop(s);
        let s = Store::open(Some(&spec)).unwrap();
        assert_eq!(s.attempt(8).await, 1, "attempts survive a restart");
        s.mark_answered(8).await;
        assert_eq!(s.attempt(8).await, 0, "answering clears them");
        assert_eq!(Store::memory().attempt(8).await, 0);
        assert_eq!(s.describe(), spec);
        std::fs::remove_dir_all(&dir).ok();
    }

    #[tokio::test]
    async fn undecodable_values_read_as_default() {
        let s = Store::memory();
        s.put(Key::Chat(5), "{\"n\": \"not a number\"}".into())
            .await
            .unwrap();
        assert_eq!(s.load::<V>(Key::Chat(5)).await, V::default());
    }

    #[tokio::test]
    async fn bad_specs_are_refused() {
        assert!(Store::open(Some("sqlite:")).is_err());
        assert!(Store::open(Some("redis://127.0.0.1:6379/0")).is_ok());
        assert!(Store::open(Some("memory")).is_ok());
    }

    #[test]
    fn unknown_stores_are_not_echoed() {
        for spec in [
            "postgres://admin:hunter2-pw@db.example.org/cspo",
            "hunter2-pw",
            "redis:/hunter2-pw@x",
        ] {
            let e = Store::open(Some(spec)).err().expect(spec).to_string();
            assert!(!e.contains("hunter2-pw"), "{spec}: {e}");
            assert!(e.contains("unknown --store"), "{e}");
        }
        let e = Store::open(Some("postgres://a:b@c/d"))
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("\"postgres\""), "{e}");
    }

    #[test]
    fn memory_stays_bounded() {
        let mut m = Memory::default();
        for i in 0..(MEMORY_CAPACITY + 5) {
            m.put(i.to_string(), String::new());
        }
        assert!(m.values.len() <= MEMORY_CAPACITY);
        assert!(m.values.contains_key(&(MEMORY_CAPACITY + 4).to_string()));
    }
}
