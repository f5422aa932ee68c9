//! The conversation store and the rate limiter stay bounded (issue 11):
//! the memory store is a capped LRU with idle expiry, SQLite is pruned
//! periodically (state and answered updates), the rate limiter forgets
//! idle users; a corrupt SQLite file is refused at start-up, and a failing
//! store does not flood the log.

mod support;

use cspo_bot::telegram::limit::{Admission, RateLimit};
use cspo_bot::telegram::state::{App, Settings};
use cspo_bot::telegram::store::{Key, Retention, Store, unix_now};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
struct V {
    n: u64,
}

fn key(i: i64) -> Key {
    Key::Conversation { chat: i, user: i }
}

fn retention(capacity: usize, idle_secs: u64) -> Retention {
    Retention {
        capacity,
        idle: Duration::from_secs(idle_secs),
    }
}

/// It used to grow by ~2.4 MB per 1,000 chats and evict nothing below
/// 100,000 values.
#[tokio::test]
async fn the_memory_store_is_a_capped_lru() {
    let s = Store::memory_with(retention(1000, 3600));
    for i in 0..5000 {
        s.save(key(i), &V { n: i as u64 }).await;
    }
    assert_eq!(s.prune_at(unix_now()).await, 1000, "capped");
    assert_eq!(s.load::<V>(key(4999)).await, V { n: 4999 });
    assert_eq!(s.load::<V>(key(0)).await, V::default(), "the oldest went");

    // Least recently *used*: reading a value keeps it.
    let s = Store::memory_with(retention(3, 3600));
    for i in 0..3 {
        s.save(key(i), &V { n: 1 }).await;
    }
    assert_eq!(s.load::<V>(key(0)).await, V { n: 1 });
    s.save(key(3), &V { n: 1 }).await;
    assert_eq!(s.load::<V>(key(0)).await, V { n: 1 }, "read recently: kept");
    assert_eq!(
        s.load::<V>(key(1)).await,
        V::default(),
        "least recently used: gone"
    );
}

#[tokio::test]
async fn idle_values_expire_in_memory() {
    let s = Store::memory_with(retention(1000, 60));
    s.save(key(1), &V { n: 1 }).await;
    assert_eq!(s.prune_at(unix_now() + 30).await, 1, "not idle long enough");
    assert_eq!(s.prune_at(unix_now() + 120).await, 0, "idle: dropped");
    assert_eq!(s.load::<V>(key(1)).await, V::default());

    // And by the clock, on use.
    let s = Store::memory_with(retention(1000, 1));
    s.save(key(2), &V { n: 2 }).await;
    tokio::time::sleep(Duration::from_millis(2100)).await;
    assert_eq!(s.load::<V>(key(2)).await, V::default());
}

fn sqlite_spec(dir: &tempfile::TempDir) -> String {
    format!("sqlite:{}", dir.path().join("state.sqlite").display())
}

/// SQLite's `state` table was never pruned, and answered updates only at
/// start-up.
#[tokio::test]
async fn sqlite_drops_idle_state_and_old_answered_updates() {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(Some(&sqlite_spec(&dir)))
        .unwrap()
        .with_retention(retention(10, 3600));
    for i in 0..50 {
        s.save(key(i), &V { n: 1 }).await;
    }
    s.mark_answered(7).await;
    assert_eq!(
        s.prune_at(unix_now()).await,
        50,
        "SQLite is not capped by count"
    );
    assert!(s.answered(7).await);
    assert_eq!(s.prune_at(unix_now() + 7200).await, 0, "idle state dropped");
    assert!(s.answered(7).await, "answered updates are kept two days");
    s.prune_at(unix_now() + 3 * 24 * 3600).await;
    assert!(!s.answered(7).await, "and then dropped");
}

/// The bot's housekeeping prunes while it runs, not only at start-up.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn housekeeping_prunes_periodically() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(Some(&sqlite_spec(&dir)))
        .unwrap()
        .with_retention(retention(10, 1));
    store.save(key(1), &V { n: 1 }).await;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let engine =
        Arc::new(cspo_bot::Engine::load(&root.join("data"), &root.join("intents")).unwrap());
    let app = Arc::new(App::new(engine, store, Settings::default()));
    app.spawn_housekeeping(Duration::from_millis(200));
    let deadline = Instant::now() + Duration::from_secs(10);
    while app.store.load::<V>(key(1)).await != V::default() {
        assert!(Instant::now() < deadline, "never pruned");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The rate limiter's table was pruned only above 100,000 users.
#[test]
fn the_rate_limiter_forgets_idle_users() {
    let l = RateLimit::new(20);
    let t0 = Instant::now();
    for user in 0..50_000 {
        assert_eq!(l.check_at(user, t0), Admission::Admit);
    }
    assert!(l.tracked() <= 50_000);
    let later = t0 + Duration::from_secs(61);
    for user in 100_000..100_010 {
        l.check_at(user, later);
    }
    l.check_at(1, later);
    // Pruned on growth and by housekeeping: about the last minute's users.
    l.prune_at(later);
    assert!(l.tracked() <= 11, "{} users tracked", l.tracked());
    // Growth alone prunes too: 50,000 more users a minute later still
    // leave a table of about one minute's users.
    let much_later = later + Duration::from_secs(61);
    for user in 200_000..250_000 {
        l.check_at(user, much_later);
    }
    assert!(l.tracked() <= 50_011, "{} users tracked", l.tracked());
}

/// Writes a store with some rows, then garbles its pages after the
/// header.
fn corrupt_store(dir: &tempfile::TempDir) -> std::path::PathBuf {
    corrupt_store_in(dir.path())
}

fn corrupt_store_in(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("state.sqlite");
    let spec = format!("sqlite:{}", path.display());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let s = Store::open(Some(&spec)).unwrap();
        for i in 0..300 {
            s.save(key(i), &"x".repeat(500)).await;
        }
    });
    // Fold the WAL into the file, so the garbling hits the real pages.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    drop(conn);
    let mut bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() > 16 * 4096, "{} bytes", bytes.len());
    for (i, b) in bytes.iter_mut().enumerate().skip(4096).take(12 * 4096) {
        *b = (i * 7 % 251) as u8;
    }
    std::fs::write(&path, bytes).unwrap();
    path
}

/// A corrupt file with an intact header was accepted, then every read and
/// write failed and context was silently lost.
#[test]
fn a_corrupt_sqlite_store_is_refused_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = corrupt_store(&dir);
    let err = match Store::open(Some(&format!("sqlite:{}", path.display()))) {
        Ok(_) => panic!("a corrupt store was accepted"),
        Err(e) => format!("{e:#}"),
    };
    assert!(err.contains(&path.display().to_string()), "{err}");
    assert!(err.contains("corrupt"), "{err}");
}

/// And the bot does not start on it: exit 2, the file named.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_does_not_start_on_a_corrupt_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = {
        let dir = dir.path().to_path_buf();
        std::thread::spawn(move || corrupt_store_in(&dir))
            .join()
            .unwrap()
    };
    let fake = support::fake_api::FakeApi::start().await;
    let mut bot = support::process::BotProcess::start_with(
        &fake,
        support::process::Options {
            args: vec!["--store".into(), format!("sqlite:{}", path.display())],
            ..Default::default()
        },
    );
    let status = bot.exited(Duration::from_secs(30)).await;
    let log = bot.stderr();
    assert_eq!(status.and_then(|s| s.code()), Some(2), "{log}");
    assert!(
        log.contains(&path.display().to_string()) && log.contains("corrupt"),
        "{log}"
    );
}

/// A log sink for one test.
#[derive(Clone, Default)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A store that fails on every call (here its table is gone; a full disk
/// did the same) logs its errors at most once a minute, with a count, not
/// once per call (15,735 lines).
#[tokio::test]
async fn repeated_store_errors_are_rate_limited_in_the_log() {
    let sink = Sink::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer({
            let sink = sink.clone();
            move || sink.clone()
        })
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let dir = tempfile::tempdir().unwrap();
    let spec = sqlite_spec(&dir);
    let s = Store::open(Some(&spec)).unwrap();
    let other = rusqlite::Connection::open(dir.path().join("state.sqlite")).unwrap();
    other.execute_batch("DROP TABLE state").unwrap();
    for i in 0..1000 {
        s.save(key(i), &V { n: 1 }).await;
        let _ = s.load::<V>(key(i)).await;
    }
    let log = String::from_utf8(sink.0.lock().unwrap().clone()).unwrap();
    let errors = log.lines().filter(|l| l.contains("ERROR")).count();
    assert!((1..=2).contains(&errors), "{errors} ERROR lines:\n{log}");
    assert!(log.contains("no such table"), "{log}");
}
