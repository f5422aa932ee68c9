//! The bot's shared state: the engine, the store, and what the bot
//! remembers about each conversation and each chat.
//!
//! A *conversation* is one user in one chat (in a private chat, the chat):
//! it holds the engine's [`Context`], so Alice's "and Italy?" in a group
//! never leans on Bob's question. A chat's *memory* holds what `/sources`
//! and `/why` report (the last answer given in the chat) and the long
//! follow-up questions whose buttons carry only a hash.

use super::keyboard;
use super::replies;
use super::store::{Key, Store};
use crate::engine::{Answer, Context, Engine};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

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
}

/// How many hashed follow-up questions a chat remembers.
const OFFERED_CAPACITY: usize = 64;

/// What the bot remembers about a chat.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ChatMemory {
    /// Source sentence ids of the last answer in this chat.
    pub sources: Vec<String>,
    /// The `/why` report of the last answer, as Telegram HTML.
    pub why: Option<String>,
    /// Recently offered follow-up questions too long for callback data.
    pub offered: Vec<String>,
}

impl ChatMemory {
    fn remember(&mut self, question: &str, answer: &Answer) {
        self.sources = answer.sources.clone();
        self.why = Some(replies::why(question, answer));
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

/// Everything the handlers share, injected into them as `Arc<App>`.
pub struct App {
    pub engine: Arc<Engine>,
    pub store: Store,
    /// Test hook (`CSPO_BOT_PANIC_ON`): a question equal to this makes the
    /// handler panic, to prove that a panic costs one answer, not the bot.
    pub panic_on: Option<String>,
}

impl App {
    pub fn new(engine: Arc<Engine>, store: Store) -> App {
        let panic_on = std::env::var("CSPO_BOT_PANIC_ON")
            .ok()
            .filter(|s| !s.is_empty());
        App {
            engine,
            store,
            panic_on,
        }
    }

    /// Answers `question` in `who`'s conversation, and remembers the answer
    /// for the chat's `/sources` and `/why`.
    pub async fn ask(&self, who: Who, question: &str) -> Answer {
        if self.panic_on.as_deref() == Some(question.trim()) {
            panic!("deliberate panic on a question (CSPO_BOT_PANIC_ON)");
        }
        let key = Key::Conversation {
            chat: who.chat,
            user: who.user,
        };
        let mut conv: Conversation = self.store.load(key).await;
        let answer = self.engine.answer(question, &mut conv.context);
        self.store.save(key, &conv).await;

        let mut memory: ChatMemory = self.store.load(Key::Chat(who.chat)).await;
        memory.remember(question, &answer);
        self.store.save(Key::Chat(who.chat), &memory).await;
        answer
    }

    pub async fn memory(&self, chat: i64) -> ChatMemory {
        self.store.load(Key::Chat(chat)).await
    }
}
