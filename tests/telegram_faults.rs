//! Faults of the Bot API, injected by the fake (`support/fake_api.rs`):
//! for each, the bot survives, and every question is answered exactly once
//! (counted in the fake's log of the messages it accepted), except where
//! a duplicate is the documented price of not losing an answer.
//!
//! Every bot here runs with short timeouts and backoffs (see [`fast`]) and
//! with `RUST_LOG=trace`, and every test ends by checking that the token
//! never reached the log, whatever the fault.

mod support;

use std::time::Duration;
use support::fake_api::{Chat, FakeApi, Fault, user};
use support::process::{BotProcess, Options};

/// The client timeout the bots here use; faults that outlast it are slow.
const TIMEOUT_MS: u64 = 800;

/// Short timeouts and backoffs, and every log line there is.
fn fast() -> Vec<(&'static str, String)> {
    vec![
        ("CSPO_REQUEST_TIMEOUT_MS", TIMEOUT_MS.to_string()),
        ("CSPO_RETRY_BASE_MS", "50".into()),
        ("CSPO_POLL_TIMEOUT_S", "1".into()),
        ("RUST_LOG", "trace".into()),
    ]
}

async fn started() -> (FakeApi, BotProcess) {
    let fake = FakeApi::start().await;
    let bot = BotProcess::start_with(
        &fake,
        Options {
            env: fast(),
            ..Options::default()
        },
    );
    fake.wait_polling().await;
    (fake, bot)
}

/// Asks each question in a private chat of its own (Telegram allows one
/// message a second per chat; this keeps the tests fast).
fn ask_each(fake: &FakeApi, questions: &[&str]) -> Vec<Chat> {
    questions
        .iter()
        .map(|q| {
            let who = user("Asker");
            let chat = fake.private_chat(&who);
            fake.push(fake.text(&chat, &who, q));
            chat
        })
        .collect()
}

/// Waits until every chat has an answer, then a little longer for any
/// duplicate; returns how many messages each chat got.
async fn answers(fake: &FakeApi, chats: &[Chat]) -> Vec<usize> {
    for chat in chats {
        fake.wait_sent(chat.id, 1).await;
    }
    tokio::time::sleep(Duration::from_millis(2 * TIMEOUT_MS)).await;
    chats.iter().map(|c| fake.sent(c.id).len()).collect()
}

/// Calls of `method` the fake accepted (status 200).
fn accepted(fake: &FakeApi, method: &str) -> Vec<support::fake_api::Call> {
    fake.calls(method).into_iter().filter(|c| c.ok()).collect()
}

/// Waits for the accepted answer to callback or inline query `id`.
async fn wait_answered(fake: &FakeApi, method: &str, field: &str, id: &str) {
    fake.wait_until(
        &format!("an accepted {method} for {id}"),
        Duration::from_secs(20),
        |f| {
            f.calls(method)
                .into_iter()
                .find(|c| c.params[field] == id && c.ok())
        },
    )
    .await;
}

async fn wait_callback(fake: &FakeApi, id: &str) {
    wait_answered(fake, "answerCallbackQuery", "callback_query_id", id).await
}

async fn wait_inline(fake: &FakeApi, id: &str) {
    wait_answered(fake, "answerInlineQuery", "inline_query_id", id).await
}

/// The bot still runs, met every fault, and never logged the token.
async fn survived(fake: &FakeApi, bot: &mut BotProcess) {
    // A long poll pending when the faults were injected may bring the
    // updates unfaulted; the faults are then met by the polls after it,
    // during their backoff, which under load can outlast `answers`' wait.
    fake.wait_until(
        "every injected fault was met",
        Duration::from_secs(20),
        |f| (f.faults_left() == 0).then_some(()),
    )
    .await;
    assert!(
        bot.exited(Duration::ZERO).await.is_none(),
        "the bot still runs:\n{}",
        bot.stderr()
    );
    assert_no_token(&bot.stderr());
}

use support::checks::assert_no_token;

/// The first call of `method` after each faulted one came at least `after` later.
fn retried_after(fake: &FakeApi, method: &str, after: Duration) {
    let calls = fake.calls(method);
    for (i, c) in calls.iter().enumerate() {
        if c.fault.is_some()
            && let Some(next) = calls.get(i + 1)
        {
            assert!(
                next.at.duration_since(c.at) >= after,
                "{method} retried after {:?}",
                next.at.duration_since(c.at)
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retry_after_is_waited_out_on_every_method_the_bot_uses() {
    let (fake, mut bot) = started().await;
    for method in [
        "getUpdates",
        "sendMessage",
        "answerCallbackQuery",
        "answerInlineQuery",
    ] {
        fake.inject(method, Fault::RetryAfter(1));
    }
    let alice = user("Alice");
    let chat = fake.private_chat(&alice);
    fake.push(fake.text(&chat, &alice, "When did Japan join?"));
    let first = fake.wait_sent(chat.id, 1).await.remove(0);
    assert!(first.text.contains("2023"));
    let (_, data) = first.buttons().into_iter().next().expect("buttons");
    let pressed = fake.press(&first, &alice, &data);
    let inline = fake.inline_query(&alice, "Who are the members?");
    wait_callback(&fake, &pressed).await;
    wait_inline(&fake, &inline).await;
    fake.wait_sent(chat.id, 2).await;
    tokio::time::sleep(Duration::from_millis(500)).await;

    assert_eq!(fake.sent(chat.id).len(), 2, "one answer per question");
    assert_eq!(accepted(&fake, "answerCallbackQuery").len(), 1);
    assert_eq!(accepted(&fake, "answerInlineQuery").len(), 1);
    for method in [
        "getUpdates",
        "sendMessage",
        "answerCallbackQuery",
        "answerInlineQuery",
    ] {
        retried_after(&fake, method, Duration::from_millis(950));
    }
    survived(&fake, &mut bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bursts_of_5xx_on_get_updates_lose_nothing() {
    let (fake, mut bot) = started().await;
    for code in [500, 502, 500, 502, 503, 500] {
        fake.inject("getUpdates", Fault::ServerError(code));
    }
    let chats = ask_each(
        &fake,
        &[
            "When did Japan join?",
            "Who are the members?",
            "Where was the meeting?",
            "Who was quoted?",
        ],
    );
    assert_eq!(
        answers(&fake, &chats).await,
        vec![1; 4],
        "each exactly once"
    );
    assert!(
        bot.stderr().contains("receiving updates failed"),
        "the failures are logged"
    );
    survived(&fake, &mut bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bursts_of_5xx_on_sends_are_retried() {
    let (fake, mut bot) = started().await;
    for code in [502, 500, 503] {
        fake.inject("sendMessage", Fault::ServerError(code));
    }
    let chats = ask_each(&fake, &["When did Japan join?", "Who are the members?"]);
    assert_eq!(answers(&fake, &chats).await, vec![1, 1]);

    // Buttons and inline queries too.
    for _ in 0..2 {
        fake.inject("answerCallbackQuery", Fault::ServerError(502));
        fake.inject("answerInlineQuery", Fault::ServerError(500));
    }
    let alice = user("Alice");
    let first = fake.sent(chats[0].id).remove(0);
    let (_, data) = first.buttons().into_iter().next().expect("buttons");
    let pressed = fake.press(&first, &alice, &data);
    let inline = fake.inline_query(&alice, "When did Italy join?");
    wait_callback(&fake, &pressed).await;
    wait_inline(&fake, &inline).await;
    fake.wait_sent(chats[0].id, 2).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(fake.sent(chats[0].id).len(), 2);
    assert_eq!(accepted(&fake, "answerCallbackQuery").len(), 1);
    assert_eq!(accepted(&fake, "answerInlineQuery").len(), 1);
    survived(&fake, &mut bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_slower_than_the_client_timeout_are_retried() {
    let (fake, mut bot) = started().await;
    // The fake holds these calls past the bot's timeout and does nothing.
    let slow = Duration::from_millis(TIMEOUT_MS * 2);
    fake.inject("sendMessage", Fault::Hang(slow));
    fake.inject("sendMessage", Fault::Hang(slow));
    fake.inject("answerInlineQuery", Fault::Hang(slow));
    fake.inject("getUpdates", Fault::Hang(slow * 2));
    let chats = ask_each(&fake, &["When did Japan join?", "Who are the members?"]);
    let inline = fake.inline_query(&user("Bob"), "Who are the members?");
    wait_inline(&fake, &inline).await;
    assert_eq!(answers(&fake, &chats).await, vec![1, 1]);
    assert_eq!(accepted(&fake, "answerInlineQuery").len(), 1);
    assert!(
        bot.stderr().contains("no answer from Telegram"),
        "timeouts are logged"
    );
    survived(&fake, &mut bot).await;
}

/// The documented exception: a send that Telegram did, but answered too
/// late, is sent again (the Bot API has no idempotency key; a duplicate is
/// preferred to a loss). Exactly one duplicate per such timeout.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_send_done_but_answered_too_late_is_repeated_once() {
    let (fake, mut bot) = started().await;
    fake.inject(
        "sendMessage",
        Fault::SlowAnswer(Duration::from_millis(TIMEOUT_MS * 2)),
    );
    let chats = ask_each(&fake, &["When did Japan join?"]);
    fake.wait_sent(chats[0].id, 2).await;
    tokio::time::sleep(Duration::from_millis(2 * TIMEOUT_MS)).await;
    let sent = fake.sent(chats[0].id);
    assert_eq!(sent.len(), 2, "one duplicate, no more");
    assert_eq!(sent[0].text, sent[1].text);
    survived(&fake, &mut bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_reset_mid_response_lose_and_repeat_nothing() {
    let (fake, mut bot) = started().await;
    for method in ["getUpdates", "getUpdates", "sendMessage", "sendMessage"] {
        fake.inject(method, Fault::Reset);
    }
    let chats = ask_each(
        &fake,
        &[
            "When did Japan join?",
            "Who are the members?",
            "Who was quoted?",
        ],
    );
    assert_eq!(answers(&fake, &chats).await, vec![1, 1, 1]);

    fake.inject("answerCallbackQuery", Fault::Reset);
    fake.inject("answerInlineQuery", Fault::Reset);
    let alice = user("Alice");
    let first = fake.sent(chats[0].id).remove(0);
    let (_, data) = first.buttons().into_iter().next().expect("buttons");
    fake.press(&first, &alice, &data);
    let inline = fake.inline_query(&alice, "When did Italy join?");
    wait_inline(&fake, &inline).await;
    fake.wait_sent(chats[0].id, 2).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(fake.sent(chats[0].id).len(), 2);
    assert_eq!(fake.calls("answerCallbackQuery").len(), 1, "not repeated");
    assert_eq!(fake.calls("answerInlineQuery").len(), 1, "not repeated");
    survived(&fake, &mut bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_json_bodies_lose_and_repeat_nothing() {
    let (fake, mut bot) = started().await;
    for method in [
        "getUpdates",
        "getUpdates",
        "sendMessage",
        "answerInlineQuery",
    ] {
        fake.inject(method, Fault::Malformed);
    }
    let chats = ask_each(&fake, &["When did Japan join?", "Who are the members?"]);
    let inline = fake.inline_query(&user("Bob"), "Who are the members?");
    wait_inline(&fake, &inline).await;
    assert_eq!(answers(&fake, &chats).await, vec![1, 1]);
    assert_eq!(fake.calls("answerInlineQuery").len(), 1, "not repeated");
    assert!(bot.stderr().contains("could not be read"), "logged");
    survived(&fake, &mut bot).await;
}

/// All the faults at once, on a batch of questions: the figures of the
/// README's Reliability section (`cargo test --test telegram_faults storm
/// -- --nocapture` prints them).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_storm_of_faults_loses_no_question() {
    let (fake, mut bot) = started().await;
    let slow = Duration::from_millis(TIMEOUT_MS * 2);
    let faults = [
        ("getUpdates", Fault::ServerError(502)),
        ("sendMessage", Fault::RetryAfter(1)),
        ("getUpdates", Fault::Reset),
        ("sendMessage", Fault::ServerError(500)),
        ("sendMessage", Fault::Hang(slow)),
        ("getUpdates", Fault::Malformed),
        ("sendMessage", Fault::Reset),
        ("getUpdates", Fault::ServerError(503)),
        ("sendMessage", Fault::Malformed),
        ("getUpdates", Fault::Hang(slow * 2)),
        ("sendMessage", Fault::ServerError(502)),
        ("getUpdates", Fault::RetryAfter(1)),
    ];
    for (method, fault) in faults.iter().cloned() {
        fake.inject(method, fault);
    }
    let questions: Vec<String> = (0..12)
        .map(|i| {
            [
                "When did Japan join?",
                "Who are the members?",
                "Who was quoted?",
            ][i % 3]
                .to_string()
        })
        .collect();
    let asked: Vec<&str> = questions.iter().map(String::as_str).collect();
    let chats = ask_each(&fake, &asked);
    let counts = answers(&fake, &chats).await;
    let lost = counts.iter().filter(|n| **n == 0).count();
    let duplicates: usize = counts.iter().map(|n| n.saturating_sub(1)).sum();
    eprintln!(
        "storm: {} faults injected, {} met, {} questions, {lost} lost, {duplicates} duplicates",
        faults.len(),
        fake.faulted_calls().len(),
        chats.len()
    );
    assert_eq!(lost, 0);
    assert_eq!(duplicates, 0);
    for chat in &chats {
        let text = &fake.sent(chat.id)[0].text;
        assert!(!text.is_empty());
    }
    survived(&fake, &mut bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_api_is_retried_and_its_errors_show_no_token() {
    // A port nobody listens on: every connection is refused, and reqwest's
    // errors would carry the URL, token and all.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", closed.local_addr().unwrap());
    drop(closed);
    let fake = FakeApi::start().await;
    let mut env = fast();
    env.push(("TELOXIDE_API_URL", url));
    let mut bot = BotProcess::start_with(
        &fake,
        Options {
            env,
            ..Options::default()
        },
    );
    let status = bot
        .exited(Duration::from_secs(30))
        .await
        .expect("gives up in bounded time");
    assert!(!status.success());
    let log = bot.stderr();
    assert!(log.contains("cannot reach Telegram"), "{log}");
    assert_no_token(&log);
}
