//! End-to-end tests of the Telegram bot: the real `cspo-bot run` binary
//! against a fake Bot API (see `support/fake_api.rs`), in private chats,
//! groups, forum topics and inline mode, plus start-up, shutdown, webhook
//! and persistence.
//!
//! Answers are checked for robust facts ("2023" for Japan, "Norway" among
//! the members), not for wording, which the engine is free to improve.
//!
//! Tests that only exchange messages share one bot (`support/shared.rs`),
//! each with its own users and chats; tests that inject faults, send
//! signals or need other flags start their own with `started_with`.

mod support;

use serde_json::Value;
use std::time::Duration;
use support::fake_api::{BOT_USERNAME, FakeApi, Fault, Sent, user};
use support::html;
use support::process::{BotProcess, Options};
use support::shared;

const SECOND: Duration = Duration::from_secs(1);

/// A fake of its own and a bot that has started polling it.
async fn started() -> (FakeApi, BotProcess) {
    started_with(Options::default()).await
}

/// Every message sent must have passed the fake's checks (it only records
/// messages it accepted) and be within Telegram's limit.
fn assert_valid(sent: &[Sent]) {
    for m in sent {
        assert!(html::parse(&m.html).is_ok(), "invalid HTML: {}", m.html);
        assert!(html::tg_len(&m.text) <= 4096);
    }
}

use support::checks::{
    PAST_THROTTLE, assert_no_refusals_but_faults as assert_no_refusals, started_with,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn private_question_is_answered_with_followup_buttons() {
    let fake = shared::fake().await;
    let alice = user("Alice");
    let chat = fake.private_chat(&alice);
    fake.push(fake.text(&chat, &alice, "When did Japan join?"));
    let sent = fake.wait_sent(chat.id, 1).await;
    assert!(sent[0].text.contains("2023"), "{}", sent[0].text);
    assert_eq!(sent[0].params["parse_mode"], "HTML");
    assert_eq!(sent[0].reply_to(), None, "private answers need no quote");
    let buttons = sent[0].buttons();
    assert!((1..=3).contains(&buttons.len()), "{buttons:?}");
    assert!(buttons.iter().all(|(_, d)| !d.is_empty() && d.len() <= 64));
    assert_valid(&sent);
    assert_no_refusals(fake);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn start_and_help_and_the_command_menu() {
    let fake = shared::fake().await;
    let alice = user("Alice");
    let menu = fake.wait_call("setMyCommands", 1).await;
    let names: Vec<&str> = menu.params["commands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["command"].as_str().unwrap())
        .collect();
    for c in [
        "start", "help", "ask", "members", "meeting", "quotes", "about", "sources", "why",
    ] {
        assert!(names.contains(&c), "menu lacks /{c}: {names:?}");
    }
    let chat = fake.private_chat(&alice);
    fake.push(fake.text(&chat, &alice, "/start"));
    fake.push(fake.text(&chat, &alice, "/help"));
    let sent = fake.wait_sent(chat.id, 2).await;
    assert!(
        !sent[0].buttons().is_empty(),
        "/start offers example questions as buttons"
    );
    let help = &sent[1].text;
    for c in ["/ask", "/sources", "/why", "/members"] {
        assert!(help.contains(c), "/help lacks {c}: {help}");
    }
    // The menu's descriptions are the help's.
    let first = menu.params["commands"][0]["description"].as_str().unwrap();
    assert!(help.contains(first));
    assert_valid(&sent);
}

// Telegram allows about one message per second in a chat, and the bot
// keeps to that, so the tests spread their questions over several chats.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sources_and_why_explain_the_last_answer() {
    let fake = shared::fake().await;
    let alice = user("Alice");
    let chat = fake.private_chat(&alice);
    fake.push(fake.text(&chat, &alice, "/members"));
    let sent = fake.wait_sent(chat.id, 1).await;
    assert!(sent[0].text.contains("Norway"), "{}", sent[0].text);
    fake.push(fake.text(&chat, &alice, "/sources"));
    fake.push(fake.text(&chat, &alice, "/why"));
    let sent = fake.wait_sent(chat.id, 3).await;
    assert!(
        sent[1].html.contains("<blockquote>") && sent[1].text.contains("Norway"),
        "/sources quotes the article: {}",
        sent[1].text
    );
    assert!(
        sent[2].text.contains("intent") && sent[2].text.contains("pattern"),
        "/why: {}",
        sent[2].text
    );
    assert_valid(&sent);
    assert_no_refusals(fake);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shortcut_commands_ask_fixed_questions() {
    let fake = shared::fake().await;
    let expect = [
        ("/meeting", "Toulouse"),
        ("/quotes", "Saltzman"),
        ("/about", "CSpO"),
    ];
    let mut chats = Vec::new();
    for (command, _) in expect.iter() {
        let who = user("Carol");
        let chat = fake.private_chat(&who);
        fake.push(fake.text(&chat, &who, command));
        chats.push(chat);
    }
    for (chat, (command, fact)) in chats.iter().zip(expect) {
        let sent = fake.wait_sent(chat.id, 1).await;
        assert!(sent[0].text.contains(fact), "{command}: {}", sent[0].text);
        assert_valid(&sent);
    }
    assert_no_refusals(fake);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn group_answers_only_when_addressed() {
    let fake = shared::fake().await;
    let (alice, bob) = (user("Alice"), user("Bob"));
    let group = fake.group("Space fans");
    let chatter = fake.push(fake.text(&group, &alice, "When did Japan join?"));
    let other_bot = fake.push(fake.text(&group, &alice, "/ask@otherbot When did Japan join?"));
    let other_help = fake.push(fake.text(&group, &bob, "/help@otherbot"));
    let bare_unknown = fake.push(fake.text(&group, &bob, "/weather"));
    let ask = fake.push(fake.text(
        &group,
        &alice,
        &format!("/ask@{BOT_USERNAME} Who are the members?"),
    ));
    let sent = fake.wait_sent(group.id, 1).await;
    // Updates of one chat are handled in order, so had the bot answered
    // any of the earlier messages, that answer would have come first.
    tokio::time::sleep(PAST_THROTTLE).await;
    let sent_now = fake.sent(group.id);
    assert_eq!(
        sent_now.len(),
        1,
        "only /ask@thisbot is answered: {:?}",
        sent_now.iter().map(|s| &s.text).collect::<Vec<_>>()
    );
    assert_eq!(
        sent[0].reply_to(),
        Some(ask),
        "the answer replies to the question"
    );
    assert!(![chatter, other_bot, other_help, bare_unknown].contains(&sent[0].reply_to().unwrap()));
    assert!(sent[0].text.contains("Norway"));
    assert_eq!(sent[0].thread(), None, "no topic outside forums");
    assert_no_refusals(fake);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn group_bare_ask_and_replies_to_the_bot() {
    let fake = shared::fake().await;
    let (alice, bob) = (user("Alice"), user("Bob"));
    let group = fake.group("Space fans");
    let ask = fake.push(fake.text(&group, &alice, "/ask When did Japan join?"));
    let first = fake.wait_sent(group.id, 1).await.remove(0);
    assert_eq!(first.reply_to(), Some(ask));
    assert!(first.text.contains("2023"));

    let mut reply = fake.text(&group, &bob, "Who are the members?");
    reply["reply_to_message"] = first.message.clone();
    let reply_id = fake.push(reply);
    let second = fake.wait_sent(group.id, 2).await.remove(1);
    assert_eq!(second.reply_to(), Some(reply_id));
    assert!(second.text.contains("Norway"), "{}", second.text);
    assert_no_refusals(fake);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn group_mentions_are_questions_but_replies_to_others_are_not() {
    let fake = shared::fake().await;
    let (alice, bob) = (user("Alice"), user("Bob"));
    let group = fake.group("Space fans");
    let mut not_to_bot = fake.text(&group, &alice, "When did Japan join?");
    not_to_bot["reply_to_message"] = fake.text(&group, &bob, "hi");
    fake.push(not_to_bot);
    let mention = fake.push(fake.text(
        &group,
        &bob,
        &format!("@{BOT_USERNAME} when did Japan join?"),
    ));
    let sent = fake.wait_sent(group.id, 1).await;
    tokio::time::sleep(PAST_THROTTLE).await;
    assert_eq!(fake.sent(group.id).len(), 1);
    assert_eq!(sent[0].reply_to(), Some(mention));
    assert!(
        sent[0].text.contains("2023"),
        "the mention is cut out of the question: {}",
        sent[0].text
    );
    assert_valid(&sent);
    assert_no_refusals(fake);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn group_conversations_are_per_user() {
    let fake = shared::fake().await;
    let (alice, bob) = (user("Alice"), user("Bob"));
    let group = fake.group("Space fans");
    fake.push(fake.text(&group, &alice, "/ask When did Japan join?"));
    fake.wait_sent(group.id, 1).await;
    fake.push(fake.text(&group, &bob, "/ask Who was quoted?"));
    fake.wait_sent(group.id, 2).await;
    // Alice's follow-up leans on Alice's question, not on Bob's.
    fake.push(fake.text(&group, &alice, "/ask and Italy?"));
    let sent = fake.wait_sent(group.id, 3).await;
    assert!(
        sent[2].text.contains("Italy") && sent[2].text.contains("2023"),
        "{}",
        sent[2].text
    );
    assert_no_refusals(fake);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forum_topics_are_answered_in_their_topic() {
    let fake = shared::fake().await;
    let (alice, bob) = (user("Alice"), user("Bob"));
    let forum = fake.forum("CSpO forum");
    let topic = fake.open_topic(&forum, "Members", &alice);
    let thread = topic["message_id"].as_i64().unwrap();
    let q = fake.push(FakeApi::in_topic(
        fake.text(
            &forum,
            &alice,
            &format!("/ask@{BOT_USERNAME} When did Japan join?"),
        ),
        &topic,
    ));
    let sent = fake.wait_sent(forum.id, 1).await;
    assert_eq!(sent[0].thread(), Some(thread));
    assert_eq!(sent[0].reply_to(), Some(q));
    assert!(sent[0].text.contains("2023"));
    // Chatter in the topic is not addressed, even though it "replies" to the topic root.
    fake.push(FakeApi::in_topic(fake.text(&forum, &bob, "nice"), &topic));
    // The General topic has no thread id.
    let general = fake.push(fake.text(
        &forum,
        &bob,
        &format!("@{BOT_USERNAME} Who are the members?"),
    ));
    let sent = fake.wait_sent(forum.id, 2).await;
    tokio::time::sleep(PAST_THROTTLE).await;
    assert_eq!(fake.sent(forum.id).len(), 2);
    assert_eq!(sent[1].reply_to(), Some(general));
    assert_eq!(sent[1].thread(), None);
    assert_no_refusals(fake);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn followup_buttons_answer_and_every_callback_is_answered() {
    let fake = shared::fake().await;
    let (alice, bob) = (user("Alice"), user("Bob"));
    let group = fake.group("Space fans");
    fake.push(fake.text(&group, &alice, "/ask When did Japan join?"));
    let answer = fake.wait_sent(group.id, 1).await.remove(0);
    let (label, data) = answer
        .buttons()
        .into_iter()
        .next()
        .expect("follow-up buttons");
    let cb = fake.press(&answer, &bob, &data);
    let sent = fake.wait_sent(group.id, 2).await;
    assert!(fake.wait_callback_answer(&cb).await.ok());
    assert!(
        sent[1].text.contains(label.trim_end_matches('?')),
        "the pressed question heads the answer: {}",
        sent[1].text
    );
    assert_eq!(
        sent[1].reply_to(),
        Some(answer.message["message_id"].as_i64().unwrap())
    );

    // Stale and forged buttons are answered too, with an apology, and send nothing.
    let stale = fake.press(&answer, &bob, "h:0123456789abcdef");
    let forged = fake.press(&answer, &bob, "garbage");
    for id in [&stale, &forged] {
        let call = fake.wait_callback_answer(id).await;
        assert!(
            call.ok()
                && call.params["text"]
                    .as_str()
                    .unwrap_or_default()
                    .contains("expired"),
            "{}",
            call.params
        );
    }
    assert_eq!(fake.sent(group.id).len(), 2);
    assert_valid(&sent);
    assert_no_refusals(fake);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inline_queries_are_answered() {
    let fake = shared::fake().await;
    let alice = user("Alice");
    let id = fake.inline_query(&alice, "When did Japan join?");
    let call = fake.wait_inline_answer(&id).await;
    assert!(call.ok(), "{}", call.response);
    let results = call.params["results"].as_array().unwrap();
    assert!(!results.is_empty() && results.len() <= 50);
    assert!(
        results[0]["input_message_content"]["message_text"]
            .as_str()
            .unwrap()
            .contains("2023")
    );
    assert!(
        call.params["cache_time"].as_u64().is_some(),
        "cache time is set deliberately"
    );

    // Not understood: a result that says so, with example questions.
    let id = fake.inline_query(&alice, "zzzz qqqq");
    let call = fake.wait_inline_answer(&id).await;
    assert!(call.ok(), "{}", call.response);
    let results = call.params["results"].as_array().unwrap();
    assert!(
        results.len() >= 2,
        "a decline plus example answers: {results:?}"
    );
    let decline = results[0]["input_message_content"]["message_text"]
        .as_str()
        .unwrap();
    assert!(
        decline.contains('?'),
        "the decline offers example questions: {decline}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inline_answers_wait_out_retry_after() {
    let (fake, _bot) = started().await;
    let alice = user("Alice");
    fake.inject("answerInlineQuery", Fault::RetryAfter(1));
    fake.inline_query(&alice, "Who are the members?");
    let retried = fake.wait_call("answerInlineQuery", 2).await;
    let first = &fake.calls("answerInlineQuery")[0];
    assert_eq!(first.status, 429);
    assert!(retried.ok());
    assert!(
        retried.at.duration_since(first.at) >= Duration::from_millis(900),
        "waited the retry_after"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sends_wait_out_retry_after() {
    let (fake, _bot) = started().await;
    let alice = user("Alice");
    fake.inject("sendMessage", Fault::RetryAfter(1));
    let chat = fake.private_chat(&alice);
    fake.push(fake.text(&chat, &alice, "When did Japan join?"));
    let sent = fake.wait_sent(chat.id, 1).await;
    assert!(sent[0].text.contains("2023"));
    let calls = fake.calls("sendMessage");
    assert_eq!(calls[0].status, 429);
    assert!(
        calls[1].at.duration_since(calls[0].at) >= Duration::from_millis(900),
        "waited the retry_after"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_without_text() {
    let fake = shared::fake().await;
    let alice = user("Alice");
    let chat = fake.private_chat(&alice);
    fake.push(fake.photo(&chat, &alice));
    let sent = fake.wait_sent(chat.id, 1).await;
    assert!(
        sent[0].text.contains("text"),
        "a short hint: {}",
        sent[0].text
    );

    let group = fake.group("Space fans");
    fake.push(fake.photo(&group, &alice));
    let marker = fake.push(fake.text(&group, &alice, "/help"));
    let sent = fake.wait_sent(group.id, 1).await;
    tokio::time::sleep(PAST_THROTTLE).await;
    assert_eq!(fake.sent(group.id).len(), 1);
    assert_eq!(sent[0].reply_to(), Some(marker), "the photo got nothing");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn long_replies_are_split_into_valid_messages() {
    let fake = shared::fake().await;
    let alice = user("Alice");
    let chat = fake.private_chat(&alice);
    // A question of almost 4096 characters: /why quotes it and adds the
    // trace, which makes a reply longer than Telegram's limit.
    let long = "what <about> the & members ".repeat(151);
    fake.push(fake.text(&chat, &alice, long.trim()));
    fake.wait_sent(chat.id, 1).await;
    fake.push(fake.text(&chat, &alice, "/why"));
    let sent = fake.wait_sent(chat.id, 3).await;
    let why: Vec<&Sent> = sent.iter().skip(1).collect();
    assert!(why.len() >= 2, "split into several messages");
    for m in &why {
        assert!(html::tg_len(&m.text) <= 4096);
        assert!(html::parse(&m.html).is_ok());
    }
    let total: usize = why.iter().map(|m| m.text.len()).sum();
    assert!(total > long.trim().len(), "nothing lost: {total}");
    assert_no_refusals(fake);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_costs_one_answer_not_the_bot() {
    let (fake, mut bot) = started_with(Options {
        env: vec![("CSPO_BOT_PANIC_ON", "please panic now".into())],
        ..Options::default()
    })
    .await;
    let (alice, bob) = (user("Alice"), user("Bob"));
    let a = fake.private_chat(&alice);
    let b = fake.private_chat(&bob);
    fake.push(fake.text(&a, &alice, "please panic now"));
    fake.push(fake.text(&a, &alice, "When did Japan join?"));
    fake.push(fake.text(&b, &bob, "Who are the members?"));
    let sent_a = fake.wait_sent(a.id, 1).await;
    let sent_b = fake.wait_sent(b.id, 1).await;
    assert!(sent_a[0].text.contains("2023"), "the same chat goes on");
    assert!(sent_b[0].text.contains("Norway"), "other chats go on");
    fake.push(fake.text(&a, &alice, "please panic now"));
    fake.push(fake.text(&a, &alice, "Who are the members?"));
    let sent_a = fake.wait_sent(a.id, 2).await;
    assert!(sent_a[1].text.contains("Norway"));
    assert!(
        bot.stderr().contains("panicked"),
        "the panic is logged:\n{}",
        bot.stderr()
    );
    assert!(bot.exited(Duration::ZERO).await.is_none(), "still running");
}

/// A panic's log lines name the update, never the message text: at INFO
/// the panic message (which may quote the text, as a slicing panic does:
/// `a人ed` once panicked with "... of `a人`") is not shown.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn panics_are_logged_without_the_message_text() {
    let trigger = "please panic on secret-panic-words";
    let (fake, mut bot) = started_with(Options {
        env: vec![("CSPO_BOT_PANIC_ON", trigger.into())],
        ..Options::default()
    })
    .await;
    let alice = user("Alice");
    let chat = fake.private_chat(&alice);
    let panicking = fake.next_update_id();
    fake.push(fake.text(&chat, &alice, trigger));
    fake.push(fake.text(&chat, &alice, "what did they say about a人ed"));
    fake.push(fake.text(&chat, &alice, "When did Japan join?"));
    let sent = fake.wait_sent(chat.id, 2).await;
    assert!(sent[1].text.contains("2023"), "{}", sent[1].text);
    let log = bot.stderr();
    assert!(log.contains("panicked"), "{log}");
    assert!(
        log.lines()
            .any(|l| l.contains("panicked") && l.contains(&format!("id={panicking}"))),
        "the panic names its update:\n{log}"
    );
    for text in ["secret-panic-words", "a人", "they say about"] {
        assert!(!log.contains(text), "{text:?} in the log:\n{log}");
    }
    assert!(bot.exited(Duration::ZERO).await.is_none(), "still running");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logs_show_no_token_and_no_message_text() {
    let (fake, mut bot) = started().await;
    let alice = user("Alice");
    let chat = fake.private_chat(&alice);
    fake.push(fake.text(&chat, &alice, "When did Japan join? secret-question-words"));
    fake.wait_sent(chat.id, 1).await;
    bot.signal("TERM");
    assert!(bot.exited(30 * SECOND).await.is_some());
    let log = bot.stderr();
    assert!(log.contains("answered"), "{log}");
    assert!(
        !log.contains(support::fake_api::TOKEN),
        "token in the log:\n{log}"
    );
    assert!(
        !log.contains("secret-question-words"),
        "message text in the log:\n{log}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rejected_token_exits_with_one_line() {
    let fake = FakeApi::start().await;
    let wrong = "987654321:AAwrongTOKENwrongTOKENwrongTOKEN1234";
    let mut bot = BotProcess::start_with(
        &fake,
        Options {
            token: Some(wrong),
            ..Options::default()
        },
    );
    let status = bot.exited(30 * SECOND).await.expect("exits");
    assert!(!status.success());
    let err = bot.stderr();
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one line: {err}");
    assert!(lines[0].contains("token"), "{err}");
    assert!(
        !err.contains(wrong) && !err.contains("AAwrong"),
        "no token: {err}"
    );
    assert!(
        !err.contains("panicked") && !err.contains("backtrace"),
        "{err}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn missing_token_exits_with_one_line() {
    let fake = FakeApi::start().await;
    let mut bot = BotProcess::start_with(
        &fake,
        Options {
            token: None,
            ..Options::default()
        },
    );
    let status = bot.exited(30 * SECOND).await.expect("exits");
    assert!(!status.success());
    let err = bot.stderr();
    assert_eq!(
        err.lines().filter(|l| !l.trim().is_empty()).count(),
        1,
        "{err}"
    );
    assert!(err.contains("TELOXIDE_TOKEN"), "{err}");
    assert!(fake.all_calls().is_empty());
}

/// The benchmarks' switch that turns the throttle off cannot be turned on
/// by accident: anything but `1` against a loopback server refuses to start.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_benchmark_switch_is_refused_outside_benchmarks() {
    let fake = FakeApi::start().await;
    for env in [
        vec![("CSPO_BENCH_UNTHROTTLED", "yes".to_string())],
        vec![
            ("CSPO_BENCH_UNTHROTTLED", "1".to_string()),
            // TEST-NET-1: never reached, the bot refuses before any call.
            ("TELOXIDE_API_URL", "http://192.0.2.1/".to_string()),
        ],
    ] {
        let mut bot = BotProcess::start_with(
            &fake,
            Options {
                env,
                ..Options::default()
            },
        );
        let status = bot.exited(30 * SECOND).await.expect("exits");
        assert_eq!(status.code(), Some(2));
        let err = bot.stderr();
        assert!(err.contains("CSPO_BENCH_UNTHROTTLED"), "{err}");
    }
    assert!(fake.all_calls().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_finishes_the_answer_in_flight_then_exits_0() {
    let (fake, mut bot) = started().await;
    let alice = user("Alice");
    let chat = fake.private_chat(&alice);
    fake.inject("sendMessage", Fault::Delay(Duration::from_millis(1500)));
    fake.push(fake.text(&chat, &alice, "When did Japan join?"));
    // The answer is on its way (the fake is holding it) when the signal comes.
    fake.wait_call("sendMessage", 1).await;
    bot.signal("TERM");
    let status = bot
        .exited(15 * SECOND)
        .await
        .expect("exits in bounded time");
    assert!(status.success(), "exit 0, got {status:?}\n{}", bot.stderr());
    let sent = fake.sent(chat.id);
    assert_eq!(sent.len(), 1, "the answer in flight was delivered");
    assert!(sent[0].text.contains("2023"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigint_exits_0_too() {
    let (_fake, mut bot) = started().await;
    bot.signal("INT");
    let status = bot
        .exited(15 * SECOND)
        .await
        .expect("exits in bounded time");
    assert!(status.success(), "{status:?}\n{}", bot.stderr());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_store_keeps_conversations_across_restarts() {
    let alice = user("Alice");
    let dir = std::env::temp_dir().join(format!("cspo-e2e-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let store = format!("sqlite:{}", dir.join("state.sqlite").display());
    let fake = FakeApi::start().await;
    let chat = fake.private_chat(&alice);
    {
        let mut bot = BotProcess::start_with(
            &fake,
            Options {
                args: vec!["--store".into(), store.clone()],
                ..Options::default()
            },
        );
        fake.wait_polling().await;
        fake.push(fake.text(&chat, &alice, "When did Japan join?"));
        fake.wait_sent(chat.id, 1).await;
        bot.signal("TERM");
        assert!(bot.exited(15 * SECOND).await.expect("exits").success());
    }
    let polls = fake.calls("getUpdates").len();
    let _bot = BotProcess::start_with(
        &fake,
        Options {
            args: vec!["--store".into(), store],
            ..Options::default()
        },
    );
    fake.wait_call("getUpdates", polls + 1).await;
    fake.push(fake.text(&chat, &alice, "and Italy?"));
    fake.push(fake.text(&chat, &alice, "/sources"));
    let sent = fake.wait_sent(chat.id, 3).await;
    assert!(
        sent[1].text.contains("Italy") && sent[1].text.contains("2023"),
        "context survived the restart: {}",
        sent[1].text
    );
    assert!(sent[2].html.contains("<blockquote>"), "{}", sent[2].text);
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhook_mode_checks_the_secret_on_every_request() {
    let alice = user("Alice");
    let fake = FakeApi::start().await;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/telegram/hook");
    let secret = "webhook-secret_for-tests";
    let mut bot = BotProcess::start_with(
        &fake,
        Options {
            args: vec![
                "--webhook-url".into(),
                url.clone(),
                "--listen".into(),
                format!("127.0.0.1:{port}"),
            ],
            env: vec![("CSPO_WEBHOOK_SECRET", secret.into())],
            ..Options::default()
        },
    );
    let set = fake.wait_call("setWebhook", 1).await;
    assert_eq!(set.params["url"], url.as_str());
    assert_eq!(set.params["secret_token"], secret);
    assert!(
        fake.calls("getUpdates").is_empty(),
        "no polling in webhook mode"
    );

    let chat = fake.private_chat(&alice);
    let client = reqwest::Client::new();
    let post = |update: Value, secret: Option<&str>| {
        let mut req = client
            .post(&url)
            .header("content-type", "application/json")
            .body(update.to_string());
        if let Some(s) = secret {
            req = req.header("X-Telegram-Bot-Api-Secret-Token", s);
        }
        req.send()
    };
    let refused = post(
        fake.webhook_update(fake.text(&chat, &alice, "Who are the members?")),
        None,
    )
    .await
    .expect("webhook reachable");
    assert_eq!(refused.status().as_u16(), 401, "no secret, no entry");
    let refused = post(
        fake.webhook_update(fake.text(&chat, &alice, "Who are the members?")),
        Some("wrong-secret"),
    )
    .await
    .unwrap();
    assert_eq!(refused.status().as_u16(), 401);
    let accepted = post(
        fake.webhook_update(fake.text(&chat, &alice, "When did Japan join?")),
        Some(secret),
    )
    .await
    .unwrap();
    assert_eq!(accepted.status().as_u16(), 200);
    let sent = fake.wait_sent(chat.id, 1).await;
    assert!(sent[0].text.contains("2023"));
    tokio::time::sleep(PAST_THROTTLE).await;
    assert_eq!(
        fake.sent(chat.id).len(),
        1,
        "refused updates were not handled"
    );

    bot.signal("TERM");
    let status = bot.exited(15 * SECOND).await.expect("exits");
    assert!(status.success(), "{}", bot.stderr());
    assert!(
        fake.calls("deleteWebhook").iter().any(|c| c.ok()),
        "the webhook is removed on the way out"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_decline_offers_buttons_that_ask_what_the_bot_can_answer() {
    let fake = shared::fake().await;
    let alice = user("Alice");
    let chat = fake.private_chat(&alice);
    fake.push(fake.text(&chat, &alice, "What is the population of Japan?"));
    let declined = fake.wait_sent(chat.id, 1).await.remove(0);
    assert!(declined.text.contains("Did you mean"), "{}", declined.text);
    let buttons = declined.buttons();
    assert!((2..=3).contains(&buttons.len()), "{buttons:?}");
    let (label, data) = buttons[0].clone();
    assert!(label.contains("Japan"), "{label}");
    let cb = fake.press(&declined, &alice, &data);
    let sent = fake.wait_sent(chat.id, 2).await;
    assert!(fake.wait_callback_answer(&cb).await.ok());
    assert!(
        sent[1].text.contains(label.trim_end_matches('?')) && sent[1].text.contains("Japan"),
        "the pressed question is asked and answered: {}",
        sent[1].text
    );
    assert!(!sent[1].text.contains("I don't know"), "{}", sent[1].text);
}
