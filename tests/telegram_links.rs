//! Deep links (`t.me/<bot>?start=<payload>`), `/share`, buttons on inline
//! results and under inline-mode messages, and `/why` per asker in groups.
//! The real binary against the fake Bot API (one shared bot).

mod support;

use support::fake_api::{BOT_USERNAME, user};
use support::shared;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deep_link_asks_its_question() {
    let fake = shared::fake().await;
    let alice = user("Alice");
    let chat = fake.private_chat(&alice);
    // What Telegram sends when Alice opens t.me/<bot>?start=When_did_Japan_join
    // and presses Start.
    fake.push(fake.text(&chat, &alice, "/start When_did_Japan_join"));
    let sent = fake.wait_sent(chat.id, 1).await;
    assert!(sent[0].text.contains("2023"), "{}", sent[0].text);
    assert!(
        sent[0].text.contains("When did Japan join"),
        "the question heads the answer: {}",
        sent[0].text
    );
    assert!(!sent[0].buttons().is_empty(), "with its follow-ups");
    // Escapes: '.' is -2e ("Who is Whiting" needs none; this one does).
    fake.push(fake.text(&chat, &alice, "/start What_does_CDE_stand_for"));
    let sent = fake.wait_sent(chat.id, 2).await;
    assert!(
        sent[1].text.to_lowercase().contains("space command"),
        "{}",
        sent[1].text
    );
    // A payload that encodes nothing: the usual greeting.
    fake.push(fake.text(&chat, &alice, "/start -zz"));
    let sent = fake.wait_sent(chat.id, 3).await;
    assert!(sent[2].text.contains("Hello"), "{}", sent[2].text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn share_gives_a_link_that_asks_the_last_question_again() {
    let fake = shared::fake().await;
    let (alice, bob) = (user("Alice"), user("Bob"));
    let chat = fake.private_chat(&alice);
    fake.push(fake.text(&chat, &alice, "/share"));
    let sent = fake.wait_sent(chat.id, 1).await;
    assert!(
        sent[0].text.contains("Ask me something first"),
        "{}",
        sent[0].text
    );
    fake.push(fake.text(&chat, &alice, "Who hosted the meeting?"));
    fake.push(fake.text(&chat, &alice, "/share"));
    let sent = fake.wait_sent(chat.id, 3).await;
    let prefix = format!("https://t.me/{BOT_USERNAME}?start=");
    let link = sent[2]
        .text
        .split_whitespace()
        .find(|w| w.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no link: {}", sent[2].text));
    let payload = &link[prefix.len()..];
    assert_eq!(payload, "Who_hosted_the_meeting");
    // Bob opens it.
    let bobs = fake.private_chat(&bob);
    fake.push(fake.text(&bobs, &bob, &format!("/start {payload}")));
    let got = fake.wait_sent(bobs.id, 1).await;
    assert!(
        got[0].text.contains("Who hosted the meeting") && got[0].text.ends_with(&sent[1].text),
        "Bob gets Alice's answer, under the question: {}",
        got[0].text
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inline_results_carry_buttons_that_open_the_bot() {
    let fake = shared::fake().await;
    let alice = user("Alice");
    let id = fake.inline_query(&alice, "When did Japan join?");
    let call = fake.wait_inline_answer(&id).await;
    assert!(call.ok(), "{}", call.response);
    let result = &call.params["results"][0];
    let buttons = result["reply_markup"]["inline_keyboard"]
        .as_array()
        .unwrap_or_else(|| panic!("no buttons: {result}"));
    let data = buttons[0][0]["callback_data"].as_str().unwrap().to_string();
    assert!(data.starts_with("q:"), "{data}");

    // The result is sent; someone presses its button under the message,
    // which has no chat for the bot: it opens the bot's private chat with
    // the question's deep link.
    let bob = user("Bob");
    let cb = fake.press_inline(&bob, &data);
    let answer = fake.wait_callback_answer(&cb).await;
    assert!(answer.ok(), "{}", answer.response);
    let url = answer.params["url"].as_str().unwrap_or_default();
    let prefix = format!("https://t.me/{BOT_USERNAME}?start=");
    assert!(url.starts_with(&prefix), "{}", answer.params);
    let question = data.trim_start_matches("q:");
    let chat = fake.private_chat(&bob);
    fake.push(fake.text(&chat, &bob, &format!("/start {}", &url[prefix.len()..])));
    let sent = fake.wait_sent(chat.id, 1).await;
    assert!(
        sent[0].text.contains(question.trim_end_matches('?')),
        "{question}: {}",
        sent[0].text
    );
    // A forged button on an inline message is refused politely.
    let cb = fake.press_inline(&bob, "garbage");
    let answer = fake.wait_callback_answer(&cb).await;
    assert!(
        answer.params["text"]
            .as_str()
            .unwrap_or_default()
            .contains("expired"),
        "{}",
        answer.params
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn why_in_a_group_explains_the_askers_own_last_question() {
    let fake = shared::fake().await;
    let (alice, bob) = (user("Alice"), user("Bob"));
    let group = fake.group("Why group");
    fake.push(fake.text(&group, &alice, "/ask When did Japan join?"));
    fake.wait_sent(group.id, 1).await;
    fake.push(fake.text(&group, &bob, "/ask Who hosted the meeting?"));
    fake.wait_sent(group.id, 2).await;
    fake.push(fake.text(&group, &alice, "/why"));
    let sent = fake.wait_sent(group.id, 3).await;
    assert!(
        sent[2].text.contains("When did Japan join"),
        "Alice's /why explains Alice's question: {}",
        sent[2].text
    );
    assert!(!sent[2].text.contains("hosted"), "{}", sent[2].text);
    let carol = user("Carol");
    fake.push(fake.text(&group, &carol, "/why"));
    let sent = fake.wait_sent(group.id, 4).await;
    assert!(
        sent[3].text.contains("not asked"),
        "Carol asked nothing: {}",
        sent[3].text
    );
}
