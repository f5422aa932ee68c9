//! Secrets stay secret: the bot token never reaches the log, at any level
//! (the fault suite, `telegram_faults.rs`, runs every fault at `trace`),
//! and the webhook secret is checked on every request, in constant time
//! (unit-tested in `src/telegram/webhook.rs`), with refusals logged
//! without the secret offered or expected.

mod support;

use serde_json::Value;
use std::time::Duration;
use support::fake_api::{FakeApi, Fault, user};
use support::process::{BotProcess, Options};

use support::checks::assert_no_token;

struct Webhook {
    fake: FakeApi,
    bot: BotProcess,
    url: String,
}

/// A bot in webhook mode on a free port, logging at `level`.
async fn webhook(secret: Option<&str>, level: &str) -> Webhook {
    let fake = FakeApi::start().await;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/telegram/hook");
    let mut env = vec![("RUST_LOG", level.to_string())];
    if let Some(s) = secret {
        env.push(("CSPO_WEBHOOK_SECRET", s.to_string()));
    }
    let bot = BotProcess::start_with(
        &fake,
        Options {
            args: vec![
                "--webhook-url".into(),
                url.clone(),
                "--listen".into(),
                format!("127.0.0.1:{port}"),
            ],
            env,
            ..Options::default()
        },
    );
    fake.wait_call("setWebhook", 1).await;
    // The server is up once the bot says so.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while !bot.stderr().contains("receiving updates by webhook") {
        assert!(std::time::Instant::now() < deadline, "{}", bot.stderr());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Webhook { fake, bot, url }
}

async fn post(url: &str, update: &Value, secret: Option<&str>) -> u16 {
    let mut req = reqwest::Client::new()
        .post(url)
        .header("content-type", "application/json")
        .body(update.to_string());
    if let Some(s) = secret {
        req = req.header("X-Telegram-Bot-Api-Secret-Token", s);
    }
    req.send()
        .await
        .expect("webhook reachable")
        .status()
        .as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_or_missing_webhook_secrets_are_refused_and_logged_without_secrets() {
    let secret = "the-Right-webhook-secret_0123456789";
    let wrong = "a-Wrong-guess-at-the-secret_98765";
    let Webhook { fake, bot, url } = webhook(Some(secret), "trace").await;
    let alice = user("Alice");
    let chat = fake.private_chat(&alice);
    let q = |text: &str| fake.webhook_update(fake.text(&chat, &alice, text));

    assert_eq!(post(&url, &q("Who are the members?"), None).await, 401);
    assert_eq!(
        post(&url, &q("Who are the members?"), Some(wrong)).await,
        401
    );
    let almost = &secret[..secret.len() - 1];
    assert_eq!(
        post(&url, &q("Who are the members?"), Some(almost)).await,
        401
    );
    let longer = format!("{secret}x");
    assert_eq!(
        post(&url, &q("Who are the members?"), Some(&longer)).await,
        401
    );
    assert_eq!(
        post(&url, &q("When did Japan join?"), Some(secret)).await,
        200
    );
    assert_eq!(fake.sent(chat.id).len(), 1, "only the right secret got in");
    assert!(fake.sent(chat.id)[0].text.contains("2023"));

    let log = bot.stderr();
    assert_eq!(
        log.matches("refused a webhook request").count(),
        4,
        "every refusal is logged:\n{log}"
    );
    assert!(log.contains("secret=missing") && log.contains("secret=wrong"));
    for s in [secret, wrong, almost, longer.as_str()] {
        assert!(!log.contains(s), "a secret is in the log: {s}");
    }
    assert_no_token(&log);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_configured_secret_a_random_one_is_required() {
    let Webhook { fake, bot, url } = webhook(None, "debug").await;
    let set = fake.calls("setWebhook").remove(0);
    let secret = set.params["secret_token"].as_str().unwrap().to_string();
    assert!(
        secret.len() >= 32 && secret.bytes().all(|b| b.is_ascii_alphanumeric()),
        "a random secret: {secret}"
    );
    let alice = user("Alice");
    let chat = fake.private_chat(&alice);
    let update = fake.webhook_update(fake.text(&chat, &alice, "When did Japan join?"));
    assert_eq!(post(&url, &update, None).await, 401);
    assert_eq!(post(&url, &update, Some(&secret)).await, 200);
    assert!(
        !bot.stderr().contains(&secret),
        "the random secret is not logged"
    );
}

/// The webhook answers Telegram only after the update is handled (so a
/// crash makes Telegram post it again), and a repeated post of the same
/// update is not answered twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhook_posts_are_acknowledged_after_the_answer_and_only_once() {
    let secret = "webhook-secret";
    let Webhook {
        fake,
        url,
        bot: _bot,
    } = webhook(Some(secret), "info").await;
    let alice = user("Alice");
    let chat = fake.private_chat(&alice);
    fake.inject("sendMessage", Fault::Delay(Duration::from_millis(500)));
    let update = fake.webhook_update(fake.text(&chat, &alice, "When did Japan join?"));
    assert_eq!(post(&url, &update, Some(secret)).await, 200);
    assert_eq!(
        fake.sent(chat.id).len(),
        1,
        "the answer was sent before the post was acknowledged"
    );
    assert_eq!(post(&url, &update, Some(secret)).await, 200);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        fake.sent(chat.id).len(),
        1,
        "a repeated post is not answered again"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whole_session_at_debug_level_logs_no_token() {
    let fake = FakeApi::start().await;
    let mut bot = BotProcess::start_with(
        &fake,
        Options {
            env: vec![("RUST_LOG", "debug".into())],
            ..Options::default()
        },
    );
    fake.wait_polling().await;
    let alice = user("Alice");
    let chat = fake.private_chat(&alice);
    fake.inject("sendMessage", Fault::ServerError(502));
    fake.push(fake.text(&chat, &alice, "When did Japan join?"));
    let first = fake.wait_sent(chat.id, 1).await.remove(0);
    let (_, data) = first.buttons().into_iter().next().unwrap();
    fake.press(&first, &alice, &data);
    let inline = fake.inline_query(&alice, "Who are the members?");
    fake.wait_inline_answer(&inline).await;
    fake.wait_sent(chat.id, 2).await;
    bot.signal("TERM");
    assert!(bot.exited(Duration::from_secs(10)).await.unwrap().success());
    assert_no_token(&bot.stderr());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejected_token_logs_no_token_even_at_trace() {
    let fake = FakeApi::start().await;
    let wrong = "987654321:AAwrongTOKENwrongTOKENwrongTOKEN1234";
    let mut bot = BotProcess::start_with(
        &fake,
        Options {
            token: Some(wrong),
            env: vec![("RUST_LOG", "trace".into())],
            ..Options::default()
        },
    );
    assert!(!bot.exited(Duration::from_secs(30)).await.unwrap().success());
    let log = bot.stderr();
    assert!(log.contains("rejected the bot token"), "{log}");
    assert!(
        !log.contains(wrong) && !log.contains("AAwrongTOKEN"),
        "{log}"
    );
}
