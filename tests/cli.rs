//! The command line, run as a user runs it: `ask`, `chat`, `check`, `eval`,
//! and what happens when the data or intent files are broken.

mod support;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cspo-bot"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("CSPO_DATA")
        .env_remove("CSPO_INTENTS");
    c
}

fn run_with_stdin(mut cmd: Command, input: &str) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

#[test]
fn ask_prints_the_answer_and_its_source() {
    let out = bin()
        .args(["ask", "When did Japan join?"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("2023"), "{text}");
    assert!(
        text.contains("[history] The CSpO Initiative began in 2018"),
        "{text}"
    );
}

#[test]
fn ask_json_answers_each_stdin_line() {
    let mut cmd = bin();
    cmd.args(["ask", "--json"]);
    let out = run_with_stdin(
        cmd,
        "Is Italy a member?\nWhat's the weather like?\nand France?\n",
    );
    assert!(out.status.success());
    let replies = json_lines(&out);
    assert_eq!(replies.len(), 3);
    assert_eq!(replies[0]["intent"], "is_member");
    assert_eq!(replies[0]["slots"]["country"], "italy");
    assert_eq!(replies[0]["sources"][0], "history");
    assert!(replies[1]["intent"].is_null());
    // `ask` has no memory: each line stands alone.
    assert_eq!(replies[2]["intent"], "country_profile");
}

#[test]
fn chat_json_carries_context_across_lines() {
    let mut cmd = bin();
    cmd.args(["chat", "--json"]);
    let out = run_with_stdin(cmd, "When did Italy join?\nand France?\n");
    let replies = json_lines(&out);
    assert_eq!(replies[1]["intent"], "join_year");
    assert!(replies[1]["answer"].as_str().unwrap().contains("2020"));
}

#[test]
fn chat_reset_forgets_the_context() {
    let mut cmd = bin();
    cmd.arg("chat");
    let out = run_with_stdin(cmd, "Who is Whiting?\n/reset\nwhat did he say?\n");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Context cleared."));
    assert!(text.contains("Which person do you mean?"), "{text}");
}

#[test]
fn check_passes_on_the_repository() {
    let out = bin().arg("check").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("0 errors, 0 lint findings"), "{text}");
}

#[test]
fn eval_scores_a_case_file() {
    let dir = tempfile::tempdir().unwrap();
    let cases = dir.path().join("cases.jsonl");
    std::fs::write(&cases, "// two cases\n{\"q\": \"When did Japan join?\", \"expect\": [\"2023\"]}\n{\"q\": \"Is Brazil a member?\", \"expect\": [\"yes\"]}\n").unwrap();
    let out = bin().arg("eval").arg(&cases).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "a failing case fails the run");
    assert!(text.contains("is_member: 1 failure(s)"), "{text}");
    assert!(text.contains("1 passed, 1 failed"), "{text}");
}

// ---------------------------------------------------------------------------
// Broken data never starts: one line naming the file and line, exit non-zero.

use support::data_copy::{copy_tree, edit};

#[track_caller]
fn fails_with(data: &Path, intents: &Path, want: &str) {
    for sub in ["check", "run"] {
        let out = bin()
            .arg("--data")
            .arg(data)
            .arg("--intents")
            .arg(intents)
            .arg(sub)
            .env("TELOXIDE_TOKEN", "123:secret")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{sub}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{sub}: one line: {err}");
        assert!(err.contains(want), "{sub}: expected {want:?} in {err}");
        assert!(!err.contains("secret"), "the token never shows");
    }
}

#[test]
fn broken_files_are_reported_with_file_and_line() {
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "data/members.toml",
            "joined = 2023",
            "joined = ",
            "members.toml:",
        ),
        (
            "data/members.toml",
            "founding = false",
            "founding = false\ncolour = \"red\"",
            "unknown field `colour`",
        ),
        (
            "data/topics.toml",
            "sources = [\"wmd\"]",
            "sources = [\"wmdd\"]",
            "topics.toml:12: unknown source sentence \"wmdd\"",
        ),
        (
            "data/members.toml",
            "aliases = [\"Italia\"]",
            "aliases = [\"Italia\", \"Italia\"]",
            "duplicate alias",
        ),
        (
            "data/members.toml",
            "aliases = [\"Nippon\"]",
            "aliases = [\"Nippon\", \"Norge\"]",
            "also names country",
        ),
        (
            "data/sources.toml",
            "floating around the galaxy",
            "floating around the universe",
            "not quoted verbatim from article.txt",
        ),
        (
            "intents/membership.toml",
            "'(?:how big|what size) is {cspo}'",
            "'(?:how big|what size is {cspo}'",
            "invalid regex",
        ),
        (
            "intents/membership.toml",
            "(?:how big|what size) is {cspo}",
            "how big is {nation}",
            "unknown placeholder {nation}",
        ),
        (
            "intents/membership.toml",
            "answer = \"member_count\"",
            "answer = \"member_tally\"",
            "unknown answer kind",
        ),
        (
            "intents/history.toml",
            "some = \"{list} joined the CSpO Initiative in {year}.\"",
            "",
            "missing template \"some\"",
        ),
    ];
    for (file, from, to, want) in cases {
        let (_dir, data, intents) = copy_tree();
        let path = data.parent().unwrap().join(file);
        edit(&path, from, to);
        fails_with(&data, &intents, want);
    }
}

#[test]
fn empty_and_missing_files_are_errors() {
    let (_dir, data, intents) = copy_tree();
    std::fs::write(data.join("meeting.toml"), "").unwrap();
    fails_with(&data, &intents, "meeting.toml:1: the file is empty");

    let (_dir, data, intents) = copy_tree();
    std::fs::remove_file(data.join("people.toml")).unwrap();
    fails_with(&data, &intents, "people.toml: cannot read");

    let (_dir, data, _) = copy_tree();
    fails_with(
        &data,
        Path::new("/nonexistent/intents"),
        "intents directory not found",
    );
}
