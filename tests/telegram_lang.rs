//! The members' languages in Telegram: answers in the question's language,
//! the command menu and `/help` per language, inline mode, and declines
//! with "Did you mean" in the language. The real binary against the fake
//! Bot API (one shared bot).

mod support;

use serde_json::Value;
use support::fake_api::user;
use support::shared;

/// A user whose Telegram is set to `code`.
fn user_in(name: &str, code: &str) -> Value {
    let mut u = user(name);
    u["language_code"] = Value::from(code);
    u
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_french_question_in_a_private_chat_gets_a_french_answer() {
    let fake = shared::fake().await;
    let amelie = user_in("Amélie", "fr");
    let chat = fake.private_chat(&amelie);
    fake.push(fake.text(&chat, &amelie, "Quand le Japon a-t-il rejoint le CSpO ?"));
    let sent = fake.wait_sent(chat.id, 1).await;
    let t = &sent[0].text;
    assert!(t.contains("2023"), "{t}");
    assert!(
        t.contains("Japon") && t.contains("rejoint"),
        "in French: {t}"
    );
    assert!(!t.contains("joined"), "not in English: {t}");

    // The language is the question's, not the interface's: an English
    // question from the same French user is answered in English.
    fake.push(fake.text(&chat, &amelie, "When did Italy join?"));
    let sent = fake.wait_sent(chat.id, 2).await;
    assert!(
        sent[1].text.contains("Italy") && sent[1].text.contains("2023"),
        "{}",
        sent[1].text
    );

    // A short follow-up has too few words to tell its language: the
    // interface language decides, and the conversation goes on in French.
    fake.push(fake.text(&chat, &amelie, "Quand l'Italie a-t-elle rejoint le CSpO ?"));
    fake.push(fake.text(&chat, &amelie, "Et l'Allemagne ?"));
    let sent = fake.wait_sent(chat.id, 4).await;
    assert!(
        sent[3].text.contains("Allemagne") && sent[3].text.contains("2020"),
        "{}",
        sent[3].text
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_users_language_code_breaks_a_near_tie() {
    let fake = shared::fake().await;
    // "und Kanada?" has one German word: with a German interface it is
    // German (here a first question, so a German decline), with an English
    // one it is English.
    let hans = user_in("Hans", "de");
    let chat = fake.private_chat(&hans);
    fake.push(fake.text(&chat, &hans, "und Kanada?"));
    let de = fake.wait_sent(chat.id, 1).await[0].text.clone();
    let john = user("John");
    let chat = fake.private_chat(&john);
    fake.push(fake.text(&chat, &john, "und Kanada?"));
    let en = fake.wait_sent(chat.id, 1).await[0].text.clone();
    assert!(en.starts_with("I don't know"), "{en}");
    assert!(!de.contains("I don't know"), "{de}");
    assert!(
        ["Das ", "Welch", "Meinten"].iter().any(|w| de.contains(w)),
        "in German: {de}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_command_menu_is_registered_in_every_language() {
    let fake = shared::fake().await;
    let menus = fake
        .wait_until(
            "setMyCommands for English and each language",
            std::time::Duration::from_secs(30),
            |f| {
                let calls = f.calls("setMyCommands");
                (calls.len() >= 7).then_some(calls)
            },
        )
        .await;
    let by_code = |code: Option<&str>| {
        menus
            .iter()
            .find(|c| c.params["language_code"].as_str() == code)
            .unwrap_or_else(|| panic!("no menu for {code:?}: {menus:?}"))
    };
    let english = &by_code(None).params["commands"];
    for (code, word) in [
        ("fr", "membres"),
        ("de", "Mitglied"),
        ("it", "membri"),
        ("ja", "加盟国"),
        ("no", "Medlemsland"),
        ("nb", "Medlemsland"),
    ] {
        let call = by_code(Some(code));
        assert!(call.ok(), "{}", call.response);
        let commands = &call.params["commands"];
        let names = |v: &Value| -> Vec<String> {
            v.as_array()
                .unwrap()
                .iter()
                .map(|c| c["command"].as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(names(commands), names(english), "same commands in {code}");
        let members = commands
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["command"] == "members")
            .unwrap();
        let d = members["description"].as_str().unwrap();
        assert!(d.contains(word), "{code}: {d}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn help_and_start_are_in_the_users_language() {
    let fake = shared::fake().await;
    let hans = user_in("Hans", "de");
    let chat = fake.private_chat(&hans);
    fake.push(fake.text(&chat, &hans, "/help"));
    let sent = fake.wait_sent(chat.id, 1).await;
    let t = &sent[0].text;
    assert!(t.contains("Befehle"), "{t}");
    assert!(t.contains("/members — Die Mitgliedsländer"), "{t}");
    assert!(
        t.contains("Wann ist Japan beigetreten?"),
        "German examples: {t}"
    );
    assert!(!t.contains("Example questions"), "{t}");

    let kenji = user_in("Kenji", "ja");
    let chat = fake.private_chat(&kenji);
    fake.push(fake.text(&chat, &kenji, "/start"));
    let sent = fake.wait_sent(chat.id, 1).await;
    assert!(sent[0].text.contains("こんにちは"), "{}", sent[0].text);
    // The examples are buttons, and each is answered in Japanese.
    let buttons = sent[0].buttons();
    assert!(
        buttons.iter().any(|(label, _)| label.contains("日本")),
        "{buttons:?}"
    );

    // A language the bot does not speak: English.
    let ana = user_in("Ana", "pt-br");
    let chat = fake.private_chat(&ana);
    fake.push(fake.text(&chat, &ana, "/help"));
    let sent = fake.wait_sent(chat.id, 1).await;
    assert!(
        sent[0].text.contains("Example questions"),
        "{}",
        sent[0].text
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_inline_query_in_german_is_answered_in_german() {
    let fake = shared::fake().await;
    // An English interface: the question's language decides.
    let greta = user("Greta");
    let id = fake.inline_query(&greta, "Wann ist Japan beigetreten?");
    let call = fake.wait_inline_answer(&id).await;
    assert!(call.ok(), "{}", call.response);
    let result = &call.params["results"][0];
    assert_eq!(result["id"], "answer", "{result}");
    let text = result["input_message_content"]["message_text"]
        .as_str()
        .unwrap_or_default();
    assert!(
        text.contains("2023") && text.contains("beigetreten"),
        "{text}"
    );

    // An empty query from a German user: German examples, answered in German.
    let id = fake.inline_query(&user_in("Jonas", "de"), "");
    let call = fake.wait_inline_answer(&id).await;
    let results = call.params["results"].as_array().unwrap();
    assert!(!results.is_empty(), "{}", call.params);
    assert!(
        results
            .iter()
            .any(|r| r["title"].as_str() == Some("Wann ist Japan beigetreten?")),
        "{}",
        call.params
    );
    // A question it cannot answer, in Italian: the decline's title in Italian.
    let id = fake.inline_query(&user_in("Luca", "it"), "Quanti satelliti ha il CSpO?");
    let call = fake.wait_inline_answer(&id).await;
    assert_eq!(
        call.params["results"][0]["title"].as_str(),
        Some("Non so ancora rispondere: prova un esempio"),
        "{}",
        call.params
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_decline_in_a_language_offers_questions_in_it() {
    let fake = shared::fake().await;
    let ola = user_in("Ola", "nb");
    let chat = fake.private_chat(&ola);
    // Norway named, but nothing the bot knows asked about it.
    fake.push(fake.text(&chat, &ola, "Hva er folketallet i Norge?"));
    let sent = fake.wait_sent(chat.id, 1).await;
    let t = &sent[0].text;
    assert!(t.contains("Mente du"), "{t}");
    let buttons = sent[0].buttons();
    assert!(
        buttons
            .iter()
            .any(|(label, _)| label == "Når ble Norge med?"),
        "{buttons:?}"
    );
    // Pressing one answers it, in Norwegian.
    let (_, data) = buttons
        .iter()
        .find(|(label, _)| label == "Når ble Norge med?")
        .unwrap()
        .clone();
    fake.press(&sent[0], &ola, &data);
    let sent = fake.wait_sent(chat.id, 2).await;
    assert!(sent[1].text.contains("2023"), "{}", sent[1].text);
    assert!(!sent[1].text.contains("joined"), "{}", sent[1].text);
}
