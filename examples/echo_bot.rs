//! The smallest teloxide bot: replies to every text with the same text.
//!
//! The baseline of the end-to-end benchmark (`benches/e2e.rs`): what any
//! teloxide bot pays to receive an update and send one message, against
//! which `cspo-bot run` is compared on the same fake Bot API. It is
//! teloxide's own stack end to end (`Bot::from_env`, `teloxide::repl`: its
//! long polling and its dispatcher, one worker per chat), with no throttle,
//! like `cspo-bot run` under `CSPO_BENCH_UNTHROTTLED=1`.
//!
//!     cargo build --release --examples
//!     TELOXIDE_TOKEN=... TELOXIDE_API_URL=http://127.0.0.1:PORT/ \
//!         target/release/examples/echo_bot
//!
//! `TELOXIDE_TOKEN` and `TELOXIDE_API_URL` are read as `cspo-bot run` reads
//! them. It logs nothing (teloxide's log lines go through the `log` crate,
//! and no logger is installed), which favours it slightly: `cspo-bot run`
//! logs one line per answer at its default level.

use teloxide::prelude::*;

#[tokio::main]
async fn main() {
    let bot = Bot::from_env();
    teloxide::repl(bot, |bot: Bot, msg: Message| async move {
        if let Some(text) = msg.text() {
            bot.send_message(msg.chat.id, text).await?;
        }
        Ok(())
    })
    .await;
}
