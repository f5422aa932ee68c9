//! What operators see on `--listen`: `/healthz`, `/readyz` and `/metrics`,
//! in polling mode and, beside the webhook's path, in webhook mode. The
//! real binary against the fake Bot API, as in `telegram_e2e.rs`.

mod support;

use std::time::{Duration, Instant};
use support::fake_api::{FakeApi, user};
use support::process::{BotProcess, Options};

const SECOND: Duration = Duration::from_secs(1);

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn get(url: &str) -> (u16, String) {
    let r = reqwest::Client::new()
        .get(url)
        .timeout(5 * SECOND)
        .send()
        .await
        .unwrap_or_else(|e| panic!("GET {url}: {e}"));
    let status = r.status().as_u16();
    (status, r.text().await.unwrap_or_default())
}

/// Polls `url` until `ok` holds of its answer, or panics after `within`.
async fn until(url: &str, within: Duration, ok: impl Fn(u16, &str) -> bool) -> (u16, String) {
    let deadline = Instant::now() + within;
    loop {
        let (status, body) = get(url).await;
        if ok(status, &body) {
            return (status, body);
        }
        if Instant::now() > deadline {
            panic!("GET {url}: still {status} {body}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The value of the sample of `metric` whose labels include all of
/// `labels` (`0` when there is none).
fn sample(metrics: &str, metric: &str, labels: &[&str]) -> f64 {
    metrics
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter(|l| l.starts_with(&format!("{metric}{{")) || l.starts_with(&format!("{metric} ")))
        .filter(|l| labels.iter().all(|want| l.contains(want)))
        .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
        .sum()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn polling_serves_health_readiness_and_metrics_and_readyz_follows_the_bot_api() {
    let fake = FakeApi::start().await;
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let bot = BotProcess::start_with(
        &fake,
        Options {
            args: vec!["--listen".into(), format!("127.0.0.1:{port}")],
            // Short polls and calls, so a stopped server shows quickly.
            env: vec![
                ("CSPO_POLL_TIMEOUT_S", "1".into()),
                ("CSPO_REQUEST_TIMEOUT_MS", "800".into()),
            ],
            ..Options::default()
        },
    );
    fake.wait_polling().await;

    let (status, body) = until(&format!("{base}/healthz"), 10 * SECOND, |s, _| s == 200).await;
    assert_eq!((status, body.as_str()), (200, "ok\n"));
    until(&format!("{base}/readyz"), 10 * SECOND, |s, _| s == 200).await;

    // An answer moves the counters and the latency histogram.
    let (_, before) = get(&format!("{base}/metrics")).await;
    let answered = [r#"outcome="answered""#, r#"intent="join_year""#];
    let asked_before = sample(&before, "cspo_questions_total", &answered);
    let alice = user("Alice");
    let chat = fake.private_chat(&alice);
    fake.push(fake.text(&chat, &alice, "When did Japan join?"));
    let sent = fake.wait_sent(chat.id, 1).await;
    assert!(sent[0].text.contains("2023"), "{}", sent[0].text);
    let (_, after) = until(&format!("{base}/metrics"), 10 * SECOND, |_, m| {
        sample(
            m,
            "cspo_update_duration_seconds_count",
            &[r#"kind="message""#],
        ) >= 1.0
    })
    .await;
    assert!(
        sample(&after, "cspo_questions_total", &[r#"outcome="answered""#]) >= 1.0,
        "{after}"
    );
    assert!(
        sample(&after, "cspo_questions_total", &answered) >= asked_before,
        "{after}"
    );
    assert!(
        sample(
            &after,
            "cspo_bot_api_calls_total",
            &[r#"method="SendMessage""#]
        ) >= 1.0,
        "{after}"
    );
    assert!(
        sample(
            &after,
            "cspo_bot_api_calls_total",
            &[r#"method="GetUpdates""#]
        ) >= 1.0,
        "{after}"
    );
    assert!(
        after.contains("# TYPE cspo_update_duration_seconds histogram"),
        "{after}"
    );
    assert!(
        after.contains(r#"cspo_update_duration_seconds_bucket{kind="message",le="0.1"}"#),
        "{after}"
    );

    // A declined question is counted as declined.
    fake.push(fake.text(&chat, &alice, "What is the airspeed of a swallow?"));
    fake.wait_sent(chat.id, 2).await;
    until(&format!("{base}/metrics"), 10 * SECOND, |_, m| {
        sample(m, "cspo_questions_total", &[r#"outcome="declined""#]) >= 1.0
    })
    .await;

    // Chat questions are counted as such; an inline query as `inline`.
    let (_, m) = get(&format!("{base}/metrics")).await;
    let chat_answered = [r#"outcome="answered""#, r#"surface="chat""#];
    assert!(
        sample(&m, "cspo_questions_total", &chat_answered) >= 1.0,
        "{m}"
    );
    let inline = [r#"intent="join_year""#, r#"surface="inline""#];
    assert_eq!(sample(&m, "cspo_questions_total", &inline), 0.0, "{m}");
    let id = fake.inline_query(&alice, "When did Japan join?");
    assert!(fake.wait_inline_answer(&id).await.ok());
    until(&format!("{base}/metrics"), 10 * SECOND, |_, m| {
        sample(m, "cspo_questions_total", &inline) >= 1.0
    })
    .await;

    // The Bot API goes away: not ready, with the reason; still alive.
    drop(fake);
    let (_, why) = until(&format!("{base}/readyz"), 15 * SECOND, |s, _| s == 503).await;
    assert!(why.contains("Bot API"), "{why}");
    assert_eq!(get(&format!("{base}/healthz")).await.0, 200);
    let (_, errors) = get(&format!("{base}/metrics")).await;
    assert!(
        sample(
            &errors,
            "cspo_bot_api_errors_total",
            &[r#"method="GetUpdates""#]
        ) >= 1.0,
        "{errors}"
    );
    drop(bot);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhook_mode_serves_the_hook_and_health_on_one_listener() {
    let fake = FakeApi::start().await;
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let url = format!("{base}/hook");
    let secret = "ops-test-secret";
    let mut bot = BotProcess::start_with(
        &fake,
        Options {
            args: vec![
                "--webhook-url".into(),
                url.clone(),
                "--listen".into(),
                format!("127.0.0.1:{port}"),
                "--log-format".into(),
                "json".into(),
            ],
            env: vec![("CSPO_WEBHOOK_SECRET", secret.into())],
            ..Options::default()
        },
    );
    fake.wait_call("setWebhook", 1).await;
    until(&format!("{base}/readyz"), 10 * SECOND, |s, _| s == 200).await;
    assert_eq!(get(&format!("{base}/healthz")).await.0, 200);
    assert_eq!(get(&format!("{base}/nothing-here")).await.0, 404);

    let alice = user("Alice");
    let chat = fake.private_chat(&alice);
    let update = fake.webhook_update(fake.text(&chat, &alice, "Who are the members?"));
    let r = reqwest::Client::new()
        .post(&url)
        .header("content-type", "application/json")
        .header("X-Telegram-Bot-Api-Secret-Token", secret)
        .body(update.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let sent = fake.wait_sent(chat.id, 1).await;
    assert!(sent[0].text.contains("Norway"), "{}", sent[0].text);
    let (_, m) = get(&format!("{base}/metrics")).await;
    assert!(
        sample(&m, "cspo_questions_total", &[r#"outcome="answered""#]) >= 1.0,
        "{m}"
    );

    bot.signal("TERM");
    let status = bot.exited(15 * SECOND).await.expect("exits");
    assert!(status.success(), "{}", bot.stderr());
    // --log-format json: every line of the log is a JSON object.
    let log = bot.stderr();
    assert!(!log.trim().is_empty());
    for line in log.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
        assert!(v.get("level").is_some(), "{line}");
    }
}
