//! One fake Bot API and one bot, shared by the tests that only exchange
//! messages with it.
//!
//! Starting the bot costs a second or more (a debug build compiles the
//! intents' regexes); sharing it makes the suite several times faster.
//! Tests stay independent because each makes its own users and chats
//! (`fake_api::user`, `FakeApi::group`): conversations are per user and
//! chat, and updates of different chats are handled concurrently. Tests
//! that inject faults, send signals or need other flags start their own.
//!
//! The shared pair lives on a thread of its own, with its own runtime, for
//! the life of the test process; the bot is started with a parent-death
//! signal, so it goes when the test process does.

use super::fake_api::FakeApi;
use super::process::{BotProcess, Options};
use std::sync::OnceLock;

struct Shared {
    fake: FakeApi,
    _bot: BotProcess,
}

/// The shared fake, with a bot that has started polling it.
pub async fn fake() -> &'static FakeApi {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    let shared = SHARED.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async move {
                let fake = FakeApi::start().await;
                let bot = BotProcess::start_with(
                    &fake,
                    Options {
                        die_with_parent: true,
                        ..Options::default()
                    },
                );
                tx.send(Shared { fake, _bot: bot })
                    .expect("hand over the shared bot");
                std::future::pending::<()>().await;
            });
        });
        rx.recv().expect("the shared bot starts")
    });
    shared.fake.wait_polling().await;
    &shared.fake
}
