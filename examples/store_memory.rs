//! Measures the bot's memory per chat: one question ("When did Japan
//! join?", whose answer carries sources and follow-ups) in each of N
//! private chats, through the same `App::ask` the Telegram handlers use,
//! with the memory store, and the process's RSS printed at each mark.
//!
//! ```sh
//! cargo run --release --example store_memory                 # default capacity
//! cargo run --release --example store_memory -- 1000000      # capacity 1,000,000 values
//! ```
//!
//! Allocates with mimalloc, as the binary does.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use cspo_bot::telegram::state::{App, Settings, Who};
use cspo_bot::telegram::store::{Retention, Store};
use std::sync::Arc;

fn rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let kib: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap();
    kib / 1024.0
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let capacity = std::env::args()
        .nth(1)
        .map(|a| a.parse().expect("capacity: a number of values"))
        .unwrap_or(Retention::default().capacity);
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let engine =
        Arc::new(cspo_bot::Engine::load(&root.join("data"), &root.join("intents")).unwrap());
    let retention = Retention {
        capacity,
        ..Retention::default()
    };
    let app = App::new(engine, Store::memory_with(retention), Settings::default());
    // Warm up: the engine's lazily built parts.
    app.ask(Who { chat: -1, user: -1 }, "When did Japan join?", None)
        .await;
    let base = rss_mb();
    println!("store capacity {capacity} values; RSS after loading: {base:.1} MB");
    let marks = [1_000, 20_000, 100_000];
    let mut chat = 0;
    for mark in marks {
        while chat < mark {
            chat += 1;
            let who = Who {
                chat: chat as i64,
                user: chat as i64,
            };
            app.ask(who, "When did Japan join?", None).await;
        }
        let rss = rss_mb();
        println!(
            "after {mark:>7} chats: RSS {rss:6.1} MB (+{:.1} MB, {:.2} MB per 1,000 chats)",
            rss - base,
            (rss - base) / (mark as f64 / 1000.0)
        );
    }
}
