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

/// A leader that was paused (SIGSTOP) past its lease is fenced: when it
/// wakes, the new leader holds the lease, and the old one polls no more
/// (each poll is preceded by the fenced record of its offset). It waits
/// as a follower, and takes over again when the new leader dies.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_paused_leader_is_fenced_when_it_wakes() {
    let redis = RedisServer::start();
    let fake = FakeApi::start().await;
    let mut a = BotProcess::start_with(&fake, replica(&fake, "a", &redis.url(), &[]));
    fake.wait_until("replica a polls", Duration::from_secs(40), |f| {
        (!f.calls_by("a", "getUpdates").is_empty()).then_some(())
    })
    .await;
    let mut b = BotProcess::start_with(&fake, replica(&fake, "b", &redis.url(), &[]));
    wait_log(&b, "waits to take over", Duration::from_secs(40)).await;

    a.signal("STOP");
    wait_log(
        &b,
        "this replica polls for updates",
        Duration::from_secs(15),
    )
    .await;
    let alice = user("Alice");
    let chat = fake.private_chat(&alice);
    fake.push(fake.text(&chat, &alice, FIRST));
    assert_eq!(
        fake.wait_sent(chat.id, 1).await[0].client.as_deref(),
        Some("b")
    );
    a.signal("CONT");
    let resumed = Instant::now();
    wait_log(
        &a,
        "no longer holds the polling lease",
        Duration::from_secs(10),
    )
    .await;
    fake.push(fake.text(&chat, &alice, SECOND));
    fake.wait_sent(chat.id, 2).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let late_polls = fake
        .calls_by("a", "getUpdates")
        .iter()
        .filter(|c| c.at > resumed)
        .count();
    assert_eq!(late_polls, 0, "the fenced leader polls no more");
    let sent = fake.sent(chat.id);
    assert_eq!(sent.len(), 2, "each answered once");
    assert!(sent.iter().all(|m| m.client.as_deref() == Some("b")));

    // The old leader waits, and takes over when the new one dies.
    b.signal("KILL");
    b.exited(Duration::from_secs(5)).await.expect("killed");
    let bob = user("Bob");
    let chat = fake.private_chat(&bob);
    fake.push(fake.text(&chat, &bob, FIRST));
    let sent = fake.wait_sent(chat.id, 1).await;
    assert_eq!(sent[0].client.as_deref(), Some("a"));
    assert!(a.exited(Duration::ZERO).await.is_none(), "{}", a.stderr());
}

/// Redis killed and started again (empty) while the bot runs: the bot
/// answers all along (without context while Redis is away), says so once
/// rather than per question, never exits, and uses Redis again once it
/// is back (contexts work again, and are in Redis).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redis_restarted_in_the_middle_of_a_run() {
    let mut redis = RedisServer::start_with(Some(PASSWORD));
    let fake = FakeApi::start().await;
    // The password from the environment, out of the command line.
    let url = format!("redis://127.0.0.1:{}/0", redis.port);
    let mut options = replica(&fake, "a", &url, &[]);
    options.env.push(("CSPO_REDIS_PASSWORD", PASSWORD.into()));
    let mut bot = BotProcess::start_with(&fake, options);
    fake.wait_polling().await;
    let alice = user("Alice");
    let before = fake.private_chat(&alice);
    fake.push(fake.text(&before, &alice, FIRST));
    fake.wait_sent(before.id, 1).await;

    redis.kill();
    let started = Instant::now();
    let mut chats = Vec::new();
    for i in 0..4 {
        let who = user("Bob");
        let chat = fake.private_chat(&who);
        fake.push(fake.text(&chat, &who, FIRST));
        fake.push(fake.text(&chat, &who, FOLLOW_UP));
        chats.push(chat);
        if i == 0 {
            fake.wait_sent(chats[0].id, 1).await;
        }
    }
    for chat in &chats {
        let sent = fake.wait_sent(chat.id, 2).await;
        assert!(sent[0].text.contains("2023"), "{}", sent[0].text);
    }
    eprintln!(
        "Redis down: {} questions answered in {:?}",
        2 * chats.len(),
        started.elapsed()
    );
    let log = bot.stderr();
    let outage_lines = log.matches("Redis is unavailable").count();
    assert!(
        (1..=2).contains(&outage_lines),
        "the outage is logged, rate-limited ({outage_lines} lines):\n{log}"
    );

    redis.restart();
    wait_log(&bot, "Redis is reachable again", Duration::from_secs(20)).await;
    let carol = user("Carol");
    let after = fake.private_chat(&carol);
    fake.push(fake.text(&after, &carol, FIRST));
    fake.wait_sent(after.id, 1).await;
    fake.push(fake.text(&after, &carol, FOLLOW_UP));
    let sent = fake.wait_sent(after.id, 2).await;
    assert!(
        sent[1].text.contains(WITH_CONTEXT),
        "contexts work again: {}",
        sent[1].text
    );
    let mut conn = redis.client().get_connection().unwrap();
    let keys: Vec<String> = redis::cmd("KEYS")
        .arg("cspo:*:conv:*")
        .query(&mut conn)
        .unwrap();
    assert!(!keys.is_empty(), "conversations are in Redis again");
    assert!(bot.exited(Duration::ZERO).await.is_none(), "never exited");
    assert!(!bot.stderr().contains(PASSWORD), "{}", bot.stderr());
    bot.signal("TERM");
    assert!(bot.exited(Duration::from_secs(15)).await.unwrap().success());
}

/// A wrong password: one line, exit status 2, the password not shown;
/// the same for a store the bot does not know (the value may hold one).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_redis_password_is_one_line_and_exit_2() {
    let redis = RedisServer::start_with(Some(PASSWORD));
    let fake = FakeApi::start().await;
    let wrong = "not-the-password-7d1e";
    let no_password = format!("redis://127.0.0.1:{}/0", redis.port);
    for (store, secret, says, env) in [
        (
            redis.url_with_password(wrong),
            wrong,
            "refused the password",
            None,
        ),
        (
            no_password.clone(),
            wrong,
            "refused the password",
            Some(wrong),
        ),
        (no_password.clone(), PASSWORD, "wants a password", None),
        (
            "postgres://cspo:hunter2-db-pass@db.example.org/cspo".to_string(),
            "hunter2-db-pass",
            "unknown --store",
            None,
        ),
    ] {
        let mut options = replica(&fake, "a", &store, &[]);
        if let Some(password) = env {
            options.env.push(("CSPO_REDIS_PASSWORD", password.into()));
        }
        let mut bot = BotProcess::start_with(&fake, options);
        let status = bot.exited(Duration::from_secs(30)).await.expect("exits");
        let log = bot.stderr();
        assert_eq!(status.code(), Some(2), "{log}");
        let lines: Vec<&str> = log.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines.len(), 1, "one line: {log}");
        assert!(lines[0].contains(says), "{log}");
        assert!(!log.contains(secret), "no password in: {log}");
    }
    assert!(fake.calls("getUpdates").is_empty());
}

/// Two webhook replicas behind one URL: one `setWebhook` between them;
/// an update posted to both at once, or posted again to the second after
/// the first answered, is answered once; a rolling restart deletes
/// nothing and sets nothing again; an update whose replica died while
/// answering it is answered by the other when Telegram posts it there.
/// Then a polling start refuses to delete their webhook unless told to.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_webhook_replicas_answer_a_retried_update_once() {
    let redis = RedisServer::start();
    let fake = FakeApi::start().await;
    let port = |()| {
        std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port()
    };
    let (pa, pb) = (port(()), port(()));
    // The public URL, as a load balancer in front of both would have it.
    let url = format!("http://127.0.0.1:{pa}/hook");
    let start = |name: &str, listen: u16, die_on: Option<&str>| {
        let mut o = replica(
            &fake,
            name,
            &redis.url(),
            &[
                "--webhook-url",
                &url,
                "--listen",
                &format!("127.0.0.1:{listen}"),
            ],
        );
        o.env.push(("CSPO_WEBHOOK_SECRET", WEBHOOK_SECRET.into()));
        if let Some(d) = die_on {
            o.env.push(("CSPO_BOT_DIE_ON", d.into()));
        }
        BotProcess::start_with(&fake, o)
    };
    const DIE: &str = "please die now";
    let mut a = start("a", pa, Some(DIE));
    wait_log(&a, "receiving updates by webhook", Duration::from_secs(40)).await;
    let mut b = start("b", pb, None);
    wait_log(&b, "receiving updates by webhook", Duration::from_secs(40)).await;
    assert_eq!(fake.calls("setWebhook").len(), 1, "one replica sets it");
    assert!(b.stderr().contains("registered already"), "{}", b.stderr());

    let client = reqwest::Client::new();
    let post = |port: u16, update: &serde_json::Value| {
        client
            .post(format!("http://127.0.0.1:{port}/hook"))
            .header("content-type", "application/json")
            .header("X-Telegram-Bot-Api-Secret-Token", WEBHOOK_SECRET)
            .body(update.to_string())
            .send()
    };
    let alice = user("Alice");
    let chat = fake.private_chat(&alice);

    // Posted to both at once.
    let u = fake.webhook_update(fake.text(&chat, &alice, FIRST));
    let (ra, rb) = tokio::join!(post(pa, &u), post(pb, &u));
    assert_eq!(ra.unwrap().status().as_u16(), 200);
    assert_eq!(rb.unwrap().status().as_u16(), 200);
    fake.wait_sent(chat.id, 1).await;

    // Answered by one, then posted again to the other.
    let u = fake.webhook_update(fake.text(&chat, &alice, FOLLOW_UP));
    assert_eq!(post(pa, &u).await.unwrap().status().as_u16(), 200);
    let sent = fake.wait_sent(chat.id, 2).await;
    assert!(sent[1].text.contains(WITH_CONTEXT), "{}", sent[1].text);
    assert_eq!(post(pb, &u).await.unwrap().status().as_u16(), 200);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(fake.sent(chat.id).len(), 2, "each answered once");
    wait_log(&b, "already answered", Duration::from_secs(5)).await;

    // A rolling restart of b.
    b.signal("TERM");
    assert!(b.exited(Duration::from_secs(15)).await.unwrap().success());
    let mut b = start("b", pb, None);
    wait_log(&b, "receiving updates by webhook", Duration::from_secs(40)).await;
    assert!(fake.calls("deleteWebhook").is_empty(), "nobody deletes it");
    assert_eq!(fake.calls("setWebhook").len(), 1, "nor sets it again");
    assert!(fake.webhook().is_some());

    // a dies while answering; Telegram posts the update to b.
    let bob = user("Bob");
    let chat = fake.private_chat(&bob);
    let u = fake.webhook_update(fake.text(&chat, &bob, DIE));
    let died = post(pa, &u).await;
    assert!(
        died.is_err() || died.unwrap().status().as_u16() != 200,
        "a died before it could say 200"
    );
    a.exited(Duration::from_secs(10)).await.expect("a died");
    let retried = Instant::now();
    assert_eq!(post(pb, &u).await.unwrap().status().as_u16(), 200);
    eprintln!(
        "webhook: an update whose replica died answered by the other {:?} after the retry",
        retried.elapsed()
    );
    fake.wait_sent(chat.id, 1).await;
    tokio::time::sleep(Duration::from_millis(1000)).await;
    assert_eq!(fake.sent(chat.id).len(), 1, "answered once");
    assert!(fake.calls("getUpdates").is_empty(), "no polling");

    // A polling start leaves the webhook alone unless told.
    let mut p = BotProcess::start_with(&fake, replica(&fake, "p", &redis.url(), &[]));
    let status = p.exited(Duration::from_secs(30)).await.expect("refuses");
    assert_eq!(status.code(), Some(2), "{}", p.stderr());
    assert!(p.stderr().contains("--replace-webhook"), "{}", p.stderr());
    assert!(fake.calls("deleteWebhook").is_empty());
    assert!(fake.webhook().is_some());
    b.signal("TERM");
    assert!(b.exited(Duration::from_secs(15)).await.unwrap().success());
    let _p = BotProcess::start_with(
        &fake,
        replica(&fake, "p", &redis.url(), &["--replace-webhook"]),
    );
    fake.wait_until("the poller polls", Duration::from_secs(40), |f| {
        f.calls_by("p", "getUpdates")
            .iter()
            .any(|c| c.ok())
            .then_some(())
    })
    .await;
    assert_eq!(fake.calls("deleteWebhook").len(), 1);
    assert!(fake.webhook().is_none());
}

/// The mechanisms under the tests above, on a real Redis, through the
/// library: two replicas are two `RedisStore`s.
mod shared_state {
    use super::*;
    use cspo_bot::telegram::limit::Admission;
    use cspo_bot::telegram::redis_store::{Claim, RedisStore, SendPolicy};

    async fn two(redis: &RedisServer) -> (RedisStore, RedisStore) {
        let a = RedisStore::open(&redis.url(), "42").unwrap();
        let b = RedisStore::open(&redis.url(), "42").unwrap();
        a.connect().await.unwrap();
        b.connect().await.unwrap();
        (a, b)
    }

    /// Only the holder of the lease records offsets; a former holder whose
    /// lease ran out is refused, even if nobody holds it now or the new
    /// holder confirmed less.
    #[tokio::test]
    async fn the_offset_fence_refuses_a_former_leader() {
        let redis = RedisServer::start();
        let (a, b) = two(&redis).await;
        let ttl = Duration::from_millis(300);
        let ta = a.acquire_lease(ttl).await.unwrap().expect("free");
        assert_eq!(b.acquire_lease(ttl).await.unwrap(), None, "held");
        assert!(a.confirm_offset(&ta, 10).await.unwrap());
        tokio::time::sleep(Duration::from_millis(400)).await;
        assert!(
            !a.confirm_offset(&ta, 12).await.unwrap(),
            "expired: nobody's"
        );
        let tb = b.acquire_lease(ttl).await.unwrap().expect("expired");
        let generation = |t: &str| t.split(':').next().unwrap().parse::<u64>().unwrap();
        assert!(generation(&tb) > generation(&ta), "{ta} then {tb}");
        assert!(!a.confirm_offset(&ta, 50).await.unwrap(), "fenced");
        assert!(!a.renew_lease(&ta, ttl).await.unwrap());
        assert_eq!(b.confirmed_offset().await.unwrap(), Some(10));
        assert!(b.confirm_offset(&tb, 40).await.unwrap());
        assert!(b.confirm_offset(&tb, 30).await.unwrap());
        assert_eq!(b.confirmed_offset().await.unwrap(), Some(40), "never back");
        a.release_lease(&ta).await.unwrap();
        assert!(
            b.renew_lease(&tb, ttl).await.unwrap(),
            "a cannot release b's"
        );
        b.release_lease(&tb).await.unwrap();
        assert!(a.acquire_lease(ttl).await.unwrap().is_some(), "released");
    }

    /// `rediss://`: TLS through rustls, the server checked against the CA
    /// given (`CSPO_REDIS_CA_FILE`); a server whose certificate is not
    /// trusted stops the bot at start (a configuration error, not an
    /// outage).
    #[tokio::test]
    async fn rediss_checks_the_server_against_the_given_ca() {
        use support::redis_server::test_ca;
        let redis = RedisServer::start_tls();
        let s = RedisStore::open_with(&redis.url(), "42", None, Some(&test_ca())).unwrap();
        s.connect().await.unwrap();
        s.mark_answered(5).await.unwrap();
        assert!(s.answered(5).await.unwrap());
        let untrusted = RedisStore::open_with(&redis.url(), "42", None, None).unwrap();
        let refused = untrusted.connect().await.expect_err("not trusted");
        assert!(
            refused.to_string().contains("TLS failed")
                && refused.to_string().contains("CSPO_REDIS_CA_FILE"),
            "{refused}"
        );
        assert!(
            untrusted.answered(5).await.is_err(),
            "not trusted, not used"
        );
    }

    #[tokio::test]
    async fn one_replica_claims_an_update_and_answered_is_final() {
        let redis = RedisServer::start();
        let (a, b) = two(&redis).await;
        assert_eq!(a.claim(7).await.unwrap(), Claim::Mine);
        assert_eq!(a.claim(7).await.unwrap(), Claim::Mine, "again, the same");
        assert_eq!(b.claim(7).await.unwrap(), Claim::Elsewhere);
        a.mark_answered(7).await.unwrap();
        a.release_claim(7).await.unwrap();
        assert_eq!(b.claim(7).await.unwrap(), Claim::Answered);
        assert!(b.answered(7).await.unwrap());
        assert_eq!(b.attempt(8).await.unwrap(), 0);
        assert_eq!(a.attempt(8).await.unwrap(), 1, "attempts are shared");
    }

    #[tokio::test]
    async fn the_rate_limit_is_per_user_across_replicas() {
        let redis = RedisServer::start();
        let (a, b) = two(&redis).await;
        assert_eq!(a.admit(1, 3).await.unwrap(), Admission::Admit);
        assert_eq!(b.admit(1, 3).await.unwrap(), Admission::Admit);
        assert_eq!(a.admit(1, 3).await.unwrap(), Admission::Admit);
        assert_eq!(b.admit(1, 3).await.unwrap(), Admission::Notice);
        assert_eq!(a.admit(1, 3).await.unwrap(), Admission::Quiet);
        assert_eq!(b.admit(2, 3).await.unwrap(), Admission::Admit, "others");
    }

    #[tokio::test]
    async fn the_send_budget_is_the_bots_not_each_replicas() {
        let redis = RedisServer::start();
        let (a, b) = two(&redis).await;
        let policy = SendPolicy {
            per_chat: Duration::from_secs(1),
            group_window: Duration::from_secs(60),
            per_group_window: 20,
            tick: Duration::from_millis(100),
            per_tick: 3,
        };
        let mut waits = Vec::new();
        for chat in 1..=40 {
            let store = if chat % 2 == 0 { &a } else { &b };
            waits.push(store.reserve_send(chat, policy).await.unwrap());
        }
        let within_a_second = waits
            .iter()
            .filter(|w| **w < Duration::from_millis(900))
            .count();
        assert!(
            (25..=30).contains(&within_a_second),
            "{within_a_second} of 40 in the first second, by two replicas"
        );
        let first = a.reserve_send(1000, policy).await.unwrap();
        let second = b.reserve_send(1000, policy).await.unwrap();
        assert!(
            second >= first + Duration::from_millis(900),
            "one message a second in a chat, whoever sends: {first:?} {second:?}"
        );
    }
}

/// The bot over `rediss://`: with the CA of the server's certificate it
/// keeps contexts in Redis; without it, it does not start (one line, exit
/// status 2), since an untrusted server is a configuration error.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_over_tls_checks_the_certificate() {
    let redis = RedisServer::start_tls();
    let fake = FakeApi::start().await;
    let mut untrusted = BotProcess::start_with(&fake, replica(&fake, "a", &redis.url(), &[]));
    let status = untrusted
        .exited(Duration::from_secs(30))
        .await
        .expect("exits");
    let log = untrusted.stderr();
    assert_eq!(status.code(), Some(2), "{log}");
    assert_eq!(
        log.lines().filter(|l| !l.trim().is_empty()).count(),
        1,
        "{log}"
    );
    assert!(log.contains("TLS failed"), "{log}");

    let mut options = replica(&fake, "b", &redis.url(), &[]);
    let ca = support::redis_server::test_ca();
    options
        .env
        .push(("CSPO_REDIS_CA_FILE", ca.display().to_string()));
    let _bot = BotProcess::start_with(&fake, options);
    fake.wait_until("the bot polls", Duration::from_secs(40), |f| {
        (!f.calls_by("b", "getUpdates").is_empty()).then_some(())
    })
    .await;
    let alice = user("Alice");
    let chat = fake.private_chat(&alice);
    fake.push(fake.text(&chat, &alice, FIRST));
    fake.wait_sent(chat.id, 1).await;
    fake.push(fake.text(&chat, &alice, FOLLOW_UP));
    let sent = fake.wait_sent(chat.id, 2).await;
    assert!(sent[1].text.contains(WITH_CONTEXT), "{}", sent[1].text);
}

/// A leader stopped with SIGTERM (a deploy) finishes, confirms, and gives
/// up the lease: the follower takes over at once rather than after the
/// lease's lifetime.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_leader_stopped_with_sigterm_hands_over_at_once() {
    let redis = RedisServer::start();
    let fake = FakeApi::start().await;
    let mut a = BotProcess::start_with(&fake, replica(&fake, "a", &redis.url(), &[]));
    fake.wait_until("replica a polls", Duration::from_secs(40), |f| {
        (!f.calls_by("a", "getUpdates").is_empty()).then_some(())
    })
    .await;
    let b = BotProcess::start_with(&fake, replica(&fake, "b", &redis.url(), &[]));
    wait_log(&b, "waits to take over", Duration::from_secs(40)).await;
    let alice = user("Alice");
    let chat = fake.private_chat(&alice);
    fake.push(fake.text(&chat, &alice, FIRST));
    fake.wait_sent(chat.id, 1).await;
    a.signal("TERM");
    let stopped = Instant::now();
    assert!(a.exited(Duration::from_secs(15)).await.unwrap().success());
    assert!(
        a.stderr().contains("released the polling lease"),
        "{}",
        a.stderr()
    );
    let handover = fake
        .wait_until("b polls", Duration::from_secs(10), |f| {
            (!f.calls_by("b", "getUpdates").is_empty()).then(|| stopped.elapsed())
        })
        .await;
    eprintln!("SIGTERM of the polling leader: the follower polls {handover:?} later");
    assert!(handover < Duration::from_secs(3), "{handover:?}");
    fake.push(fake.text(&chat, &alice, FOLLOW_UP));
    let sent = fake.wait_sent(chat.id, 2).await;
    assert_eq!(sent[1].client.as_deref(), Some("b"));
    assert!(sent[1].text.contains(WITH_CONTEXT), "{}", sent[1].text);
    assert_eq!(fake.sent(chat.id).len(), 2, "nothing repeated");
}

/// A bot started while Redis is down neither exits nor loops: it says so
/// once, waits (a polling replica cannot know whether another one holds
/// the lease), and starts answering, with contexts, when Redis comes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bot_started_while_redis_is_down_waits_for_it() {
    let mut redis = RedisServer::start();
    redis.kill();
    let fake = FakeApi::start().await;
    let mut bot = BotProcess::start_with(&fake, replica(&fake, "a", &redis.url(), &[]));
    wait_log(&bot, "Redis is unavailable", Duration::from_secs(40)).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(
        bot.exited(Duration::ZERO).await.is_none(),
        "{}",
        bot.stderr()
    );
    assert!(fake.calls("getUpdates").is_empty(), "no lease, no polling");
    redis.restart();
    fake.wait_polling().await;
    let alice = user("Alice");
    let chat = fake.private_chat(&alice);
    fake.push(fake.text(&chat, &alice, FIRST));
    fake.wait_sent(chat.id, 1).await;
    fake.push(fake.text(&chat, &alice, FOLLOW_UP));
    let sent = fake.wait_sent(chat.id, 2).await;
    assert!(sent[1].text.contains(WITH_CONTEXT), "{}", sent[1].text);
    assert_eq!(bot.stderr().matches("Redis is unavailable").count(), 1);
}
