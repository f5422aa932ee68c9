//! Several replicas sharing a real Redis (`--store redis://`), against one
//! fake Bot API: one poller at a time and a takeover when it dies, webhook
//! replicas that answer a retried update once, a Redis that goes away and
//! comes back, and the errors of a store that cannot be used (one line,
//! exit 2, no password).
//!
//! Each test starts its own `redis-server` on a free port of 127.0.0.1
//! (`support::redis_server`; the binary must be installed: `.ci/run`
//! installs it). `cargo test --test telegram_replicas -- --nocapture`
//! prints the figures quoted in the README ("Running several instances").

mod support;

use std::time::{Duration, Instant};
use support::fake_api::{Chat, FakeApi, user};
use support::process::{BotProcess, Options};
use support::redis_server::RedisServer;

const FIRST: &str = "When did Japan join?";
const SECOND: &str = "Who was quoted?";
const SECOND_SAYS: &str = "Saltzman";
/// After [`FIRST`], "and Italy?" is a follow-up about Italy's joining;
/// without that context it is a question about Italy's membership.
const FOLLOW_UP: &str = "and Italy?";
const WITH_CONTEXT: &str = "Italy joined the CSpO Initiative in 2023";
const PASSWORD: &str = "s3cret-redis-pass-81f2";
const WEBHOOK_SECRET: &str = "replicas-share-this-secret";

fn replica(fake: &FakeApi, name: &str, store: &str, extra: &[&str]) -> Options<'static> {
    let mut args = vec!["--store".to_string(), store.to_string()];
    args.extend(extra.iter().map(|s| s.to_string()));
    Options {
        args,
        env: vec![
            ("TELOXIDE_API_URL", fake.url_for(name)),
            ("CSPO_REQUEST_TIMEOUT_MS", "1500".into()),
            ("CSPO_RETRY_BASE_MS", "50".into()),
            ("CSPO_POLL_TIMEOUT_S", "1".into()),
        ],
        ..Options::default()
    }
}

async fn wait_log(bot: &BotProcess, what: &str, timeout: Duration) {
    let deadline = Instant::now() + timeout;
    while !bot.stderr().contains(what) {
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what:?} in the log:\n{}",
            bot.stderr()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// What the death of the polling leader cost.
#[derive(Debug)]
#[allow(dead_code)]
struct Takeover {
    questions: usize,
    answered_at_the_kill: usize,
    /// Questions of the batch not answered when the leader died: in
    /// flight, or not yet received.
    unanswered_at_the_kill: usize,
    unconfirmed_at_the_kill: usize,
    /// From the SIGKILL to the survivor's first answer.
    takeover: Duration,
    lost: usize,
    duplicates: usize,
    /// getUpdates calls the follower made before the kill (it must wait).
    follower_polls_before_the_kill: usize,
}

/// Two polling replicas; the leader is killed with SIGKILL in the middle
/// of a batch (the first answer of each chat sent, the second due a
/// second later: Telegram's rate in a chat); the survivor takes over.
struct AfterTheKill {
    figures: Takeover,
    fake: FakeApi,
    survivor: BotProcess,
    /// A chat whose first question the dead replica answered, and its user.
    context_chat: Chat,
    asker: serde_json::Value,
    _redis: RedisServer,
}

async fn kill_the_leader(chats: usize) -> AfterTheKill {
    let redis = RedisServer::start_with(Some(PASSWORD));
    let fake = FakeApi::start().await;
    let mut a = BotProcess::start_with(&fake, replica(&fake, "a", &redis.url(), &[]));
    fake.wait_until("replica a polls", Duration::from_secs(40), |f| {
        (!f.calls_by("a", "getUpdates").is_empty()).then_some(())
    })
    .await;
    let b = BotProcess::start_with(&fake, replica(&fake, "b", &redis.url(), &[]));
    wait_log(&b, "waits to take over", Duration::from_secs(40)).await;

    // The conversation whose follow-up the survivor must understand.
    let asker = user("Carol");
    let context_chat = fake.private_chat(&asker);
    fake.push(fake.text(&context_chat, &asker, FIRST));
    fake.wait_sent(context_chat.id, 1).await;

    let first_id = fake.next_update_id();
    let chats: Vec<Chat> = (0..chats)
        .map(|_| {
            let who = user("Asker");
            let chat = fake.private_chat(&who);
            fake.push(fake.text(&chat, &who, FIRST));
            fake.push(fake.text(&chat, &who, SECOND));
            chat
        })
        .collect();
    let n = 2 * chats.len();
    let answers = |f: &FakeApi| chats.iter().map(|c| f.sent(c.id).len()).sum::<usize>();
    fake.wait_until("the first answers", Duration::from_secs(20), |f| {
        chats.iter().all(|c| !f.sent(c.id).is_empty()).then_some(())
    })
    .await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let answered_at_the_kill = answers(&fake);
    a.signal("KILL");
    let killed = Instant::now();
    a.exited(Duration::from_secs(5)).await.expect("killed");
    let unconfirmed = (first_id..first_id + n as i64)
        .filter(|id| *id >= fake.confirmed())
        .count();
    assert!(
        answered_at_the_kill < n,
        "the kill came mid-batch (else the test proves nothing)"
    );
    let follower_polls_before_the_kill = fake
        .calls_by("b", "getUpdates")
        .iter()
        .filter(|c| c.at < killed)
        .count();

    let takeover = fake
        .wait_until(
            "the survivor's first answer",
            Duration::from_secs(30),
            |f| {
                chats
                    .iter()
                    .flat_map(|c| f.sent(c.id))
                    .any(|m| m.client.as_deref() == Some("b"))
                    .then(|| killed.elapsed())
            },
        )
        .await;
    fake.wait_until(
        "an answer to every question",
        Duration::from_secs(30),
        |f| {
            chats
                .iter()
                .all(|c| {
                    f.sent(c.id).iter().any(|m| m.text.contains(SECOND_SAYS))
                        && f.sent(c.id).len() >= 2
                })
                .then_some(())
        },
    )
    .await;
    // Time for any duplicate to arrive (one a second per chat).
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let (mut lost, mut duplicates) = (0, 0);
    for chat in &chats {
        let sent = fake.sent(chat.id);
        let second = sent.iter().filter(|m| m.text.contains(SECOND_SAYS)).count();
        let first = sent.len() - second;
        lost += usize::from(second == 0) + usize::from(first == 0);
        duplicates += second.saturating_sub(1) + first.saturating_sub(1);
    }
    let figures = Takeover {
        questions: n,
        answered_at_the_kill,
        unanswered_at_the_kill: n - answered_at_the_kill,
        unconfirmed_at_the_kill: unconfirmed,
        takeover,
        lost,
        duplicates,
        follower_polls_before_the_kill,
    };
    AfterTheKill {
        figures,
        fake,
        survivor: b,
        context_chat,
        asker,
        _redis: redis,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_polling_replicas_lose_nothing_when_the_leader_is_killed() {
    let AfterTheKill {
        figures: f,
        fake,
        survivor: b,
        context_chat,
        asker,
        _redis,
    } = kill_the_leader(5).await;
    eprintln!("SIGKILL of the polling leader, Redis store: {f:?}");
    assert_eq!(f.lost, 0, "{f:?}");
    assert_eq!(
        f.follower_polls_before_the_kill, 0,
        "the follower waits: {f:?}"
    );
    assert!(
        f.takeover <= Duration::from_secs(10),
        "the survivor answers within 10 s: {f:?}"
    );
    assert!(
        f.duplicates <= f.unanswered_at_the_kill,
        "only updates in flight may repeat: {f:?}"
    );
    // The dead replica answered the first question; the survivor has its
    // context from Redis.
    assert_eq!(fake.sent(context_chat.id)[0].client.as_deref(), Some("a"));
    fake.push(fake.text(&context_chat, &asker, FOLLOW_UP));
    let sent = fake.wait_sent(context_chat.id, 2).await;
    assert_eq!(sent[1].client.as_deref(), Some("b"));
    assert!(
        sent[1].text.contains(WITH_CONTEXT),
        "the follow-up uses the context: {}",
        sent[1].text
    );
    assert!(!b.stderr().contains(PASSWORD), "{}", b.stderr());
}
