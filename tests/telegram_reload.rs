//! Hot reload: SIGHUP, and `/reload` from an administrator, put new data
//! and intents in service only if they load cleanly; otherwise the bot
//! keeps answering from what it had. `/reload` from anyone else is refused:
//! "unknown command" in a private chat, silence in a group.
//!
//! The bots here run on a copy of `data/` and `intents/` in a temporary
//! directory, which the tests edit. The change they look for is an example
//! question of `/start` (from `intents/grammar.toml`).

mod support;

use serde_json::Value;
use std::path::PathBuf;
use std::time::Duration;
use support::fake_api::{BOT_USERNAME, Chat, FakeApi, user};
use support::process::{BotProcess, Options};

const OLD_EXAMPLE: &str = "When did Japan join?";
const NEW_EXAMPLE: &str = "When did Italy join?";

struct Copy {
    _dir: tempfile::TempDir,
    data: PathBuf,
    intents: PathBuf,
}

impl Copy {
    fn new() -> Copy {
        let (dir, data, intents) = support::data_copy::copy_tree();
        Copy {
            data,
            intents,
            _dir: dir,
        }
    }

    fn grammar(&self) -> PathBuf {
        self.intents.join("grammar.toml")
    }

    /// Changes the example `/start` shows.
    fn change_example(&self) {
        let path = self.grammar();
        let text = std::fs::read_to_string(&path).unwrap();
        let quoted = format!("\"{OLD_EXAMPLE}\"");
        assert!(text.contains(&quoted));
        std::fs::write(
            &path,
            text.replacen(&quoted, &format!("\"{NEW_EXAMPLE}\""), 1),
        )
        .unwrap();
    }

    /// Breaks `intents/grammar.toml` on its last line.
    fn break_grammar(&self) -> usize {
        let path = self.grammar();
        let mut text = std::fs::read_to_string(&path).unwrap();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str("[[[ this is not TOML\n");
        let line = text.lines().count();
        std::fs::write(&path, text).unwrap();
        line
    }

    /// Adds the pattern `.*` to `meeting_place`: every file still loads,
    /// but `check` fails (the intent answers every off-topic question with
    /// the meeting place). Returns the line of the pattern.
    fn add_catch_all(&self) -> usize {
        let path = self.intents.join("meeting.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        let at = text.find("patterns = [\n").unwrap() + "patterns = [\n".len();
        let line = text[..at].lines().count() + 1;
        std::fs::write(&path, format!("{}  '.*',\n{}", &text[..at], &text[at..])).unwrap();
        line
    }

    fn options(&self, admin: Option<&Value>) -> Options<'static> {
        let mut args = vec![
            "--data".to_string(),
            self.data.display().to_string(),
            "--intents".to_string(),
            self.intents.display().to_string(),
        ];
        if let Some(a) = admin {
            args.push("--admin".into());
            args.push(a["id"].to_string());
        }
        Options {
            args,
            ..Options::default()
        }
    }
}

/// (A new reader each time keeps clear of Telegram's one message a second
/// per chat, which the bot keeps to.)
///
/// Sends `text` in `who`'s private chat; returns the text of the reply.
async fn say(fake: &FakeApi, who: &Value, text: &str) -> String {
    let chat = fake.private_chat(who);
    let before = fake.sent(chat.id).len();
    fake.push(fake.text(&chat, who, text));
    fake.wait_sent(chat.id, before + 1)
        .await
        .remove(before)
        .text
}

/// The text of `/start`, which lists the example questions.
async fn start_text(fake: &FakeApi, who: &Value) -> String {
    say(fake, who, "/start").await
}

/// Waits until the bot's log contains `what`.
async fn logged(bot: &BotProcess, what: &str) {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while !bot.stderr().contains(what) {
        assert!(
            std::time::Instant::now() < deadline,
            "{what:?} never logged:\n{}",
            bot.stderr()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sighup_swaps_in_clean_data_and_keeps_the_old_on_errors() {
    let copy = Copy::new();
    let fake = FakeApi::start().await;
    let bot = BotProcess::start_with(&fake, copy.options(None));
    fake.wait_polling().await;
    let alice = user("Alice");
    assert!(
        start_text(&fake, &user("Reader"))
            .await
            .contains(OLD_EXAMPLE)
    );

    copy.change_example();
    bot.signal("HUP");
    logged(&bot, "reloaded the data and intents").await;
    let after = start_text(&fake, &user("Reader")).await;
    assert!(
        after.contains(NEW_EXAMPLE) && !after.contains(OLD_EXAMPLE),
        "{after}"
    );

    let line = copy.break_grammar();
    bot.signal("HUP");
    logged(&bot, "reload failed").await;
    let log = bot.stderr();
    assert!(
        log.contains(&format!("grammar.toml:{line}")),
        "the error names file and line:\n{log}"
    );
    let still = start_text(&fake, &user("Reader")).await;
    assert!(
        still.contains(NEW_EXAMPLE),
        "the last good data stays: {still}"
    );
    assert!(
        say(&fake, &alice, "When did Japan join?")
            .await
            .contains("2023")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admins_reload_with_a_command_and_see_errors() {
    let copy = Copy::new();
    let admin = user("Admin");
    let fake = FakeApi::start().await;
    let _bot = BotProcess::start_with(&fake, copy.options(Some(&admin)));
    fake.wait_polling().await;
    copy.change_example();
    let reply = say(&fake, &admin, "/reload").await;
    assert!(reply.starts_with("Reloaded"), "{reply}");
    assert!(
        start_text(&fake, &user("Reader"))
            .await
            .contains(NEW_EXAMPLE)
    );

    let line = copy.break_grammar();
    let reply = say(&fake, &admin, "/reload").await;
    assert!(
        reply.contains("Reload failed") && reply.contains(&format!("grammar.toml:{line}")),
        "{reply}"
    );
    assert!(
        start_text(&fake, &user("Reader"))
            .await
            .contains(NEW_EXAMPLE)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admins_from_the_environment_may_reload_too() {
    let copy = Copy::new();
    let (first, second) = (user("Admin1"), user("Admin2"));
    let fake = FakeApi::start().await;
    let mut options = copy.options(None);
    options
        .env
        .push(("CSPO_ADMINS", format!("{}, {}", first["id"], second["id"])));
    let _bot = BotProcess::start_with(&fake, options);
    fake.wait_polling().await;
    let reply = say(&fake, &second, "/reload").await;
    assert!(reply.starts_with("Reloaded"), "{reply}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reload_is_refused_to_everyone_else() {
    let copy = Copy::new();
    let admin = user("Admin");
    let mallory = user("Mallory");
    let fake = FakeApi::start().await;
    let bot = BotProcess::start_with(&fake, copy.options(Some(&admin)));
    fake.wait_polling().await;
    copy.change_example();

    // Private chat: the command does not exist, as far as Mallory can tell.
    let private = fake.private_chat(&mallory);
    fake.push(fake.text(&private, &mallory, "/reload"));
    let reply = fake.wait_sent(private.id, 1).await.remove(0);
    assert!(
        reply.text.contains("don't know that command"),
        "{}",
        reply.text
    );

    // Group: nothing at all, whether addressed to the bot or not.
    let group: Chat = fake.group("Space fans");
    fake.push(fake.text(&group, &mallory, "/reload"));
    fake.push(fake.text(&group, &mallory, &format!("/reload@{BOT_USERNAME}")));
    let marker = fake.push(fake.text(&group, &mallory, &format!("/help@{BOT_USERNAME}")));
    let sent = fake.wait_sent(group.id, 1).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(fake.sent(group.id).len(), 1, "only /help is answered");
    assert_eq!(sent[0].reply_to(), Some(marker));

    // Nothing was reloaded, and the refusals are logged.
    assert!(
        start_text(&fake, &user("Reader"))
            .await
            .contains(OLD_EXAMPLE)
    );
    let log = bot.stderr();
    assert_eq!(log.matches("/reload refused").count(), 3, "{log}");
    assert!(!log.contains("reloaded the data"), "{log}");
}

/// Whether `text` names a file and line (`something.toml:12`).
fn names_file_and_line(text: &str) -> bool {
    text.split(".toml:")
        .skip(1)
        .any(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
}

/// Data that loads but fails `check` (issue 11: a `.*` pattern) does not
/// start the bot: exit 2, the first failing example named by file:line.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn run_refuses_data_that_check_rejects() {
    let copy = Copy::new();
    copy.add_catch_all();
    let fake = FakeApi::start().await;
    let mut bot = BotProcess::start_with(&fake, copy.options(None));
    let status = bot.exited(Duration::from_secs(60)).await;
    let log = bot.stderr();
    assert_eq!(status.and_then(|s| s.code()), Some(2), "{log}");
    assert!(log.contains("fail `cspo-bot check`"), "{log}");
    assert!(names_file_and_line(&log), "file:line: {log}");
    assert!(fake.calls("getUpdates").is_empty(), "never served");
}

/// SIGHUP and `/reload` validate as `check` does: data that `check`
/// rejects stays out of service, and the error names file and line.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reloads_refuse_data_that_check_rejects() {
    let copy = Copy::new();
    let admin = user("Admin");
    let fake = FakeApi::start().await;
    let bot = BotProcess::start_with(&fake, copy.options(Some(&admin)));
    fake.wait_polling().await;
    let off_topic = "What's the weather like in Oslo?";
    let before = say(&fake, &user("Reader"), off_topic).await;
    assert!(before.starts_with("I don't know that"), "{before}");

    copy.add_catch_all();
    bot.signal("HUP");
    logged(&bot, "reload failed").await;
    let log = bot.stderr();
    assert!(
        log.contains("fail `cspo-bot check`") && names_file_and_line(&log),
        "{log}"
    );
    assert!(!log.contains("reloaded the data"), "{log}");
    let after = say(&fake, &user("Reader2"), off_topic).await;
    assert_eq!(after, before, "the old engine stays");

    let reply = say(&fake, &admin, "/reload").await;
    assert!(
        reply.contains("Reload failed") && names_file_and_line(&reply),
        "{reply}"
    );
    let still = say(&fake, &user("Reader3"), off_topic).await;
    assert_eq!(still, before, "the old engine stays");
}
