//! The bot's shared state: the engine, the store, and what the bot
//! remembers about each conversation and each chat.
//!
//! A *conversation* is one user in one chat (in a private chat, the chat):
//! it holds the engine's [`Context`], so Alice's "and Italy?" in a group
//! never leans on Bob's question; it also holds that user's last question
//! and what `/why` reports about it (in a group, `/why` explains only the
//! asker's own last question) and what `/share` links to. A chat's
//! *memory* holds what `/sources` reports (the last answer given in the
//! chat) and the long follow-up questions whose buttons carry only a hash.
//!
//! The engine sits behind a lock so that [`App::reload`] (SIGHUP or
//! `/reload`) can swap in a new one; a handler takes its own `Arc` at the
//! start and keeps it to the end, so a reload never changes an answer
//! half-way.

use super::keyboard;
use super::limit::RateLimit;
use super::replies;
use super::store::{Key, Store};
use crate::engine::{Answer, Context, Engine};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

/// The longest question given to the engine, in characters: Telegram's
/// own limit on a message. (A webhook could post longer ones.)
pub const MAX_QUESTION_CHARS: usize = 4096;

/// Who is asking: a user in a chat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Who {
    pub chat: i64,
    pub user: i64,
}

/// One user's conversation in one chat.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Conversation {
    pub context: Context,
    /// The last question asked, for `/share`.
    pub question: Option<String>,
    /// The `/why` report of the last answer, as Telegram HTML.
    pub why: Option<String>,
}

/// How many hashed follow-up questions a chat remembers.
const OFFERED_CAPACITY: usize = 64;

/// What the bot remembers about a chat.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ChatMemory {
    /// Source sentence ids of the last answer in this chat.
    pub sources: Vec<String>,
    /// Recently offered follow-up questions too long for callback data.
    pub offered: Vec<String>,
}

impl ChatMemory {
    fn remember(&mut self, answer: &Answer) {
        self.sources = answer.sources.clone();
        for q in answer.followups.iter().filter(|q| keyboard::needs_hash(q)) {
            self.offered.retain(|o| o != q);
            self.offered.push(q.clone());
        }
        let excess = self.offered.len().saturating_sub(OFFERED_CAPACITY);
        self.offered.drain(..excess);
    }

    /// The offered question with this hash.
    pub fn offered(&self, hash: u64) -> Option<&str> {
        self.offered
            .iter()
            .rev()
            .find(|q| keyboard::hash(q) == hash)
            .map(String::as_str)
    }
}

/// What `cspo-bot run` was told about people and data.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Telegram user ids allowed to use `/reload`.
    pub admins: HashSet<i64>,
    /// Questions per user per minute; 0 for no limit.
    pub rate_limit: u32,
    /// The data and intents directories to reload from.
    pub data: PathBuf,
    pub intents: PathBuf,
    /// After how many deaths of the process an update is given up
    /// ([`super::updates`]; SQLite only).
    pub max_attempts: u32,
    /// The tests' hooks (feature `test-hooks` only).
    pub hooks: Hooks,
}

/// Test hooks, compiled only with the `test-hooks` feature (which only the
/// tests enable): questions that make the handler panic or the process
/// die, to prove what each costs.
#[derive(Debug, Clone, Default)]
pub struct Hooks {
    /// `CSPO_BOT_PANIC_ON`: a question equal to this makes the handler
    /// panic, to prove that a panic costs one answer, not the bot.
    #[cfg(feature = "test-hooks")]
    pub panic_on: Option<String>,
    /// `CSPO_BOT_DIE_ON`: a question equal to this ends the process at
    /// once (exit status 134, as an abort, without a core file), to prove
    /// that an update that kills the bot is given up after a few restarts
    /// (see [`super::updates`]).
    #[cfg(feature = "test-hooks")]
    pub die_on: Option<String>,
}

impl Hooks {
    #[cfg(feature = "test-hooks")]
    fn fire(&self, question: &str) {
        let asked = Some(question.trim());
        if self.panic_on.as_deref().filter(|s| !s.is_empty()) == asked {
            // Quotes the question, as a slicing panic quotes what it cut:
            // the log must not show it above DEBUG.
            panic!("deliberate panic on the question {question:?} (CSPO_BOT_PANIC_ON)");
        }
        if self.die_on.as_deref().filter(|s| !s.is_empty()) == asked {
            tracing::error!("deliberate death on a question (CSPO_BOT_DIE_ON)");
            std::process::exit(134);
        }
    }

    #[cfg(not(feature = "test-hooks"))]
    fn fire(&self, _question: &str) {}
}

/// Everything the handlers share, injected into them as `Arc<App>`.
pub struct App {
    engine: RwLock<Arc<Engine>>,
    pub store: Store,
    pub limiter: RateLimit,
    pub settings: Settings,
    /// Reloads run one at a time.
    reloading: tokio::sync::Mutex<()>,
}

impl App {
    pub fn new(engine: Arc<Engine>, store: Store, settings: Settings) -> App {
        App {
            engine: RwLock::new(engine),
            store,
            limiter: RateLimit::new(settings.rate_limit),
            settings,
            reloading: tokio::sync::Mutex::new(()),
        }
    }

    /// The engine now in service.
    pub fn engine(&self) -> Arc<Engine> {
        Arc::clone(&self.engine.read().unwrap_or_else(|p| p.into_inner()))
    }

    /// Counts a question from `user` against the rate limit: in Redis,
    /// shared by all replicas, when the store is Redis and reachable; else
    /// in this process.
    pub async fn admit(&self, user: i64) -> super::limit::Admission {
        let per_minute = self.limiter.per_minute();
        if per_minute > 0
            && let Some(redis) = self.store.redis()
            && let Ok(verdict) = redis.admit(user, per_minute).await
        {
            return verdict;
        }
        self.limiter.check(user)
    }

    pub fn is_admin(&self, user: i64) -> bool {
        self.settings.admins.contains(&user)
    }

    /// Loads the data and intents again and, only if they load cleanly,
    /// puts the new engine in service; otherwise the old one stays. Returns
    /// a summary, or the load error (one line naming file and line).
    pub async fn reload(&self) -> Result<String, String> {
        let _one_at_a_time = self.reloading.lock().await;
        let (data, intents) = (self.settings.data.clone(), self.settings.intents.clone());
        // Loaded and validated as `run` does at start-up: what `check`
        // refuses never goes into service.
        let loaded = tokio::task::spawn_blocking(move || {
            let engine = Engine::load(&data, &intents).map_err(|e| e.to_string())?;
            crate::check::validate(&engine)
                .map_err(|r| format!("the new data and intents fail `cspo-bot check`: {r}"))?;
            Ok::<_, String>(engine)
        })
        .await
        .map_err(|e| format!("the reload crashed: {e}"))?;
        match loaded {
            Ok(engine) => {
                let summary = format!(
                    "{} intents, {} example questions",
                    engine.intents().intents.len(),
                    engine.intents().grammar.replies.examples.len()
                );
                *self.engine.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(engine);
                metrics::counter!(super::ops::names::RELOADS, "result" => "ok").increment(1);
                tracing::info!(%summary, "reloaded the data and intents");
                Ok(summary)
            }
            Err(e) => {
                metrics::counter!(super::ops::names::RELOADS, "result" => "failed").increment(1);
                tracing::error!(error = %e, "reload failed; still serving the previous data");
                Err(e)
            }
        }
    }

    /// Answers `question` in `who`'s conversation, and remembers the answer
    /// for their `/why` and `/share` and the chat's `/sources`.
    ///
    /// The engine runs inline, on the async worker, not on a blocking
    /// thread: its time is bounded (it reads at most 1 KiB of a question;
    /// `benches/latency.rs` puts the slowest question of the mix, the long
    /// message, at ~120 us and the median at ~30 us), far below the
    /// millisecond or so past which a task would stall the other chats on
    /// its worker. The hop to `spawn_blocking` and back cost more than most
    /// answers (a thread wake-up each way, ~57 blocking threads under
    /// load). A panic in the engine still unwinds into the handler's
    /// `catch_unwind` ([`super::updates`]).
    /// `hint` is the asker's interface language (Telegram's
    /// `language_code`): it breaks near ties of language detection only.
    pub async fn ask(&self, who: Who, question: &str, hint: Option<&str>) -> Answer {
        self.settings.hooks.fire(question);
        let question: String = question.chars().take(MAX_QUESTION_CHARS).collect();
        let key = Key::Conversation {
            chat: who.chat,
            user: who.user,
        };
        let mut conv: Conversation = self.store.load(key).await;
        let answer = self
            .engine()
            .answer_hinted(&question, &mut conv.context, hint);
        conv.why = Some(replies::why(&question, &answer));
        conv.question = Some(question);
        self.store.save(key, &conv).await;

        let mut memory: ChatMemory = self.store.load(Key::Chat(who.chat)).await;
        memory.remember(&answer);
        self.store.save(Key::Chat(who.chat), &memory).await;
        answer
    }

    /// `who`'s conversation: their last question and its `/why`.
    pub async fn conversation(&self, who: Who) -> Conversation {
        self.store
            .load(Key::Conversation {
                chat: who.chat,
                user: who.user,
            })
            .await
    }

    /// Every `every`, for as long as the app lives (the first time at
    /// once): drops idle values from the store (and old answered updates:
    /// see [`Store::prune_at`]) and idle users from the rate limiter.
    pub fn spawn_housekeeping(self: &Arc<Self>, every: std::time::Duration) {
        let app = Arc::downgrade(self);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            loop {
                tick.tick().await;
                let Some(app) = app.upgrade() else { return };
                let values = app.store.prune_at(super::store::unix_now()).await;
                app.limiter.prune();
                tracing::debug!(values, users = app.limiter.tracked(), "housekeeping");
            }
        });
    }

    pub async fn memory(&self, chat: i64) -> ChatMemory {
        self.store.load(Key::Chat(chat)).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// A copy of the repository's data and intents to break.
    fn copy() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().unwrap();
        fn copy_dir(from: &Path, to: &Path) {
            std::fs::create_dir_all(to).unwrap();
            for e in std::fs::read_dir(from).unwrap() {
                let e = e.unwrap();
                let target = to.join(e.file_name());
                if e.file_type().unwrap().is_dir() {
                    copy_dir(&e.path(), &target);
                } else {
                    std::fs::copy(e.path(), target).unwrap();
                }
            }
        }
        for sub in ["data", "intents"] {
            copy_dir(&root.join(sub), &dir.path().join(sub));
        }
        let (d, i) = (dir.path().join("data"), dir.path().join("intents"));
        (dir, d, i)
    }

    #[tokio::test]
    async fn a_broken_reload_keeps_the_engine_in_service() {
        let (_dir, data, intents) = copy();
        let engine = Arc::new(Engine::load(&data, &intents).unwrap());
        let settings = Settings {
            data: data.clone(),
            intents: intents.clone(),
            ..Settings::default()
        };
        let app = App::new(Arc::clone(&engine), Store::memory(), settings);
        assert!(app.reload().await.is_ok(), "clean data reloads");
        let served = app.engine();
        assert!(!Arc::ptr_eq(&served, &engine), "a new engine is in service");

        let membership = intents.join("membership.toml");
        let good = std::fs::read_to_string(&membership).unwrap();
        type Breakage<'a> = (&'a str, Box<dyn Fn() + 'a>, &'a str);
        let breakages: Vec<Breakage> = vec![
            (
                "an empty file",
                Box::new(|| std::fs::write(data.join("meeting.toml"), "").unwrap()),
                "meeting.toml:1",
            ),
            (
                "an invalid regex",
                Box::new(|| {
                    std::fs::write(&membership, good.replacen("(?:how big|", "(?:how big|(", 1))
                        .unwrap()
                }),
                "membership.toml",
            ),
            (
                "a missing file",
                Box::new(|| std::fs::remove_file(data.join("people.toml")).unwrap()),
                "people.toml",
            ),
        ];
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let restore = || {
            for (dir, file) in [
                (&data, "meeting.toml"),
                (&data, "people.toml"),
                (&intents, "membership.toml"),
            ] {
                let sub = dir.file_name().unwrap();
                std::fs::copy(root.join(sub).join(file), dir.join(file)).unwrap();
            }
        };
        for (what, breaks, names) in breakages {
            restore();
            breaks();
            let err = app.reload().await.expect_err(what);
            assert!(err.contains(names), "{what}: {err}");
            assert!(
                Arc::ptr_eq(&app.engine(), &served),
                "{what}: the old engine stays"
            );
        }
        let mut ctx = Context::default();
        let a = app.engine().answer("When did Japan join?", &mut ctx);
        assert!(a.text.contains("2023"), "{}", a.text);
    }
}
