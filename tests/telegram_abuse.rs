//! Flood and abuse: a per-user rate limit with one polite notice that
//! leaves other users alone, and hostile input (huge, control and
//! zero-width characters, right-to-left text, thousands of emoji, a
//! question repeated thousands of times, HTML) answered in bounded time
//! with replies the fake accepts (valid Telegram HTML, within 4096
//! characters), without a panic.

mod support;

use std::time::{Duration, Instant};
use support::fake_api::user;
use support::html;
use support::process::Options;

use support::checks::{assert_all_accepted as assert_no_refusals, started_with};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flooding_user_gets_one_notice_and_others_are_unaffected() {
    let (fake, mut bot) = started_with(Options {
        env: vec![("CSPO_RATE_LIMIT", "2".into())],
        ..Options::default()
    })
    .await;
    let (alice, bob) = (user("Alice"), user("Bob"));
    let flood = fake.private_chat(&alice);
    for _ in 0..6 {
        fake.push(fake.text(&flood, &alice, "When did Japan join?"));
    }
    let calm = fake.private_chat(&bob);
    let asked = Instant::now();
    fake.push(fake.text(&calm, &bob, "Who are the members?"));
    let answer = fake.wait_sent(calm.id, 1).await.remove(0);
    assert!(answer.text.contains("Norway"));
    assert!(
        asked.elapsed() < Duration::from_secs(3),
        "Bob is not queued behind Alice: {:?}",
        asked.elapsed()
    );

    let sent = fake.wait_sent(flood.id, 3).await;
    // Another message would come a second after the last (Telegram's
    // rate in a chat, which the bot keeps to).
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let sent_now = fake.sent(flood.id);
    assert_eq!(sent_now.len(), 3, "2 answers and 1 notice, then silence");
    assert!(sent[..2].iter().all(|m| m.text.contains("2023")));
    assert!(
        sent[2].text.contains("faster") && sent[2].text.contains("2 questions a minute"),
        "{}",
        sent[2].text
    );
    assert_no_refusals(&fake);
    assert!(bot.exited(Duration::ZERO).await.is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_a_group_one_flooding_member_does_not_silence_the_others() {
    let (fake, _bot) = started_with(Options {
        args: vec!["--rate-limit".into(), "1".into()],
        ..Options::default()
    })
    .await;
    let (alice, bob) = (user("Alice"), user("Bob"));
    let group = fake.group("Space fans");
    for _ in 0..4 {
        fake.push(fake.text(&group, &alice, "/ask When did Japan join?"));
    }
    let bobs = fake.push(fake.text(&group, &bob, "/ask Who are the members?"));
    fake.wait_sent(group.id, 3).await;
    // Another message would come a second after the last.
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let sent = fake.sent(group.id);
    assert_eq!(
        sent.len(),
        3,
        "Alice: an answer and a notice; Bob: his answer"
    );
    let notices = sent.iter().filter(|m| m.text.contains("faster")).count();
    assert_eq!(notices, 1);
    let bob_answer = sent.iter().find(|m| m.reply_to() == Some(bobs)).unwrap();
    assert!(bob_answer.text.contains("Norway"));
    assert_no_refusals(&fake);
}

/// Hostile messages, each in a chat of its own.
fn hostile() -> Vec<(&'static str, String)> {
    vec![
        ("4096 characters of words", "why ".repeat(1024)),
        ("one 4096-character word", "a".repeat(4096)),
        (
            "a question repeated 2000 times (42 000 characters, over Telegram's limit)",
            "When did Japan join? ".repeat(2000),
        ),
        (
            "control characters",
            "When\u{0}did\u{1}Japan\u{7f} join?\u{1b}[31m\r\n\t\u{8}".into(),
        ),
        (
            "zero-width characters",
            "W\u{200b}hen did Ja\u{200d}pan jo\u{feff}in\u{2060}?".repeat(50),
        ),
        (
            "right-to-left text and overrides",
            "متى انضمت اليابان؟ \u{202e}When did Japan join?\u{202c} \u{200f}מתי?".into(),
        ),
        ("2000 emoji", "🚀".repeat(2000)),
        ("1000 flags", "🇯🇵".repeat(1000)),
        (
            "combining marks",
            "J\u{301}\u{302}\u{303}\u{304}a\u{330}\u{331}p\u{360}an".repeat(200),
        ),
        (
            "HTML and entities",
            "<b>When</b> did <script>Japan</script> &amp; join? &#0; &lt;".repeat(40),
        ),
        (
            "lone surrogate-like and private-use",
            "\u{fffd}\u{e000}\u{10ffff}?".repeat(500),
        ),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_messages_get_valid_replies_in_bounded_time() {
    let (fake, mut bot) = started_with(Options::default()).await;
    let mut chats = Vec::new();
    let start = Instant::now();
    for (what, text) in hostile() {
        let who = user("Mallory");
        let chat = fake.private_chat(&who);
        fake.push(fake.text(&chat, &who, &text));
        chats.push((what, chat, who));
    }
    let mut slowest = Duration::ZERO;
    for (what, chat, _) in &chats {
        let sent = fake.wait_sent(chat.id, 1).await;
        slowest = slowest.max(start.elapsed());
        for m in &sent {
            assert!(html::parse(&m.html).is_ok(), "{what}: invalid HTML");
            assert!(html::tg_len(&m.text) <= 4096, "{what}: too long");
            assert!(!m.text.trim().is_empty(), "{what}: empty");
        }
    }
    eprintln!(
        "{} hostile messages answered within {slowest:?}",
        chats.len()
    );
    assert!(
        slowest < Duration::from_secs(8),
        "all answered within 8 s (debug build): {slowest:?}"
    );
    // /why quotes the hostile question back: still valid, split if long.
    // (The longest and the most markup-laden are enough.)
    for (what, chat, who) in chats.iter().filter(|(what, ..)| {
        what.contains("4096")
            || what.contains("repeated")
            || what.contains("HTML")
            || what.contains("emoji")
    }) {
        fake.push(fake.text(chat, who, "/why"));
        let sent = fake.wait_sent(chat.id, 2).await;
        for m in &sent[1..] {
            assert!(html::parse(&m.html).is_ok(), "{what}: /why is invalid HTML");
            assert!(html::tg_len(&m.text) <= 4096, "{what}: /why too long");
        }
    }
    assert_no_refusals(&fake);
    assert!(bot.exited(Duration::ZERO).await.is_none(), "still running");
    assert!(!bot.stderr().contains("panicked"), "{}", bot.stderr());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_inline_queries_get_valid_results() {
    let (fake, mut bot) = started_with(Options::default()).await;
    let mallory = user("Mallory");
    for (what, text) in hostile() {
        // Telegram caps inline queries at 256 characters; the fake does not.
        let id = fake.inline_query(&mallory, &text);
        let call = fake.wait_inline_answer(&id).await;
        assert!(call.ok(), "{what}: {}", call.response);
    }
    assert!(bot.exited(Duration::ZERO).await.is_none(), "still running");
    assert!(!bot.stderr().contains("panicked"), "{}", bot.stderr());
}

/// `/reload` counts against the rate limit like every other command (it
/// once bypassed it: 40 of 40 replied), for an administrator and for
/// anyone else trying it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reload_and_admin_commands_are_rate_limited() {
    let admin = user("Admin");
    let mallory = user("Mallory");
    let (fake, _bot) = started_with(Options {
        args: vec![
            "--rate-limit".into(),
            "2".into(),
            "--admin".into(),
            admin["id"].to_string(),
        ],
        ..Options::default()
    })
    .await;
    let (ours, theirs) = (fake.private_chat(&admin), fake.private_chat(&mallory));
    for _ in 0..6 {
        fake.push(fake.text(&ours, &admin, "/reload"));
        fake.push(fake.text(&theirs, &mallory, "/reload"));
    }
    fake.wait_sent(ours.id, 3).await;
    fake.wait_sent(theirs.id, 3).await;
    // Another message would come a second after the last.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    for (chat, who) in [(&ours, "admin"), (&theirs, "anyone")] {
        let sent = fake.sent(chat.id);
        assert_eq!(sent.len(), 3, "{who}: 2 replies and 1 notice, then silence");
        assert!(sent[2].text.contains("faster"), "{who}: {}", sent[2].text);
    }
    assert!(fake.sent(ours.id)[0].text.starts_with("Reloaded"));
    assert_no_refusals(&fake);
}
