//! # cspo-bot
//!
//! A Telegram bot (and a local command line) that answers questions about
//! the Combined Space Operations (CSpO) Initiative from one news article.
//!
//! # Layout
//!
//! - [`normalize`]: question text to matchable words (case, Unicode, flags).
//! - [`speller`]: typo correction against the bot's own vocabulary.
//! - [`tagger`]: finds entity names and replaces them with tags.
//! - [`facts`]: the fact base of `data/`, loaded and validated.
//! - [`intents`]: the intents of `intents/`, compiled into one `RegexSet`.
//! - [`concepts`]: the order-free tier: intents read as concepts and slots,
//!   answered only when every word of the question is accounted for.
//! - [`search`]: the last resort, the one article sentence a question
//!   clearly points to when no intent matches.
//! - [`answers`]: the answer kinds that turn slots and facts into outcomes.
//! - [`stem`]: the stemmer quote search compares words with.
//! - [`engine`]: ties the above together: question + context -> answer.
//! - [`check`]: `cspo-bot check`, examples and lints of the intent set.
//! - [`eval`]: `cspo-bot eval`, scoring a case file.
//! - [`chat`]: answers in the terminal (references, `/why` in words, line
//!   editing).
//! - [`cli`]: the command line (`ask`, `chat`, `check`, `eval`, `run`).
//! - [`config`]: `run`'s settings: flags, environment, `--config` file.
//! - [`lang`]: questions in French, German, Italian, Japanese and
//!   Norwegian, read with each language's lexicon and answered in it.
//! - [`telegram`]: the Telegram front end; the only module that knows teloxide.
//!
//! The engine does no I/O and never panics: the loaders (`facts`,
//! `intents`, `concepts`) read `data/` and `intents/` once, at start-up;
//! `config` the `--config` file; `cli` reads stdin and case files,
//! `telegram` its store and the network.

pub mod answers;
pub mod chat;
pub mod check;
pub mod cli;
pub mod concepts;
pub mod config;
pub mod engine;
pub mod error;
pub mod eval;
pub mod facts;
pub mod intents;
pub mod lang;
pub mod normalize;
pub mod search;
pub mod speller;
pub mod stem;
pub mod suggest;
pub mod tagger;
pub mod telegram;
pub mod wording;

pub use engine::{Answer, Context, Engine};
pub use error::LoadError;
