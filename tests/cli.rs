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
        text.contains("[1] The CSpO Initiative began in 2018"),
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
    assert_eq!(replies[0]["sources"][0]["id"], "history");
    let text = replies[0]["sources"][0]["text"].as_str().unwrap();
    assert!(
        text.starts_with("The CSpO Initiative began in 2018"),
        "{text}"
    );
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

/// The line of `path` that holds `needle` (1-based).
fn line_holding(path: &Path, needle: &str) -> usize {
    let text = std::fs::read_to_string(path).unwrap();
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {path:?}"));
    text[..at].matches('\n').count() + 1
}

/// The vocabularies, phrases and months of the intent data, and each
/// table of the data, are checked at load: a word, meaning or placeholder
/// no code knows, or a fact without sources, is an error naming the file
/// and line, and `check` (and `run`) exit non-zero.
#[test]
fn broken_vocabularies_and_phrases_are_reported_with_file_and_line() {
    // (file, from, to, the text of the line to point at, the message)
    let cases: &[(&str, &str, &str, &str, &str)] = &[
        (
            "intents/history.toml",
            "later than|earlier than|from) {year}",
            "later than|earlier than|from|ere) {year}",
            "|from|ere) {year}",
            "the pattern's cmp word \"ere\" is in no list of [intent.words.cmp]",
        ),
        (
            "intents/history.toml",
            "in_or_before = [",
            "up_to = [",
            "up_to = [",
            "knows no meaning \"up_to\" for slot \"cmp\"",
        ),
        (
            "intents/history.toml",
            "{cmp=before} ?nations ?member",
            "{cmp=ahead} ?nations ?member",
            "{cmp=ahead}",
            "the reading's {cmp=ahead} is in no list of [intent.words.cmp]",
        ),
        (
            "intents/history.toml",
            "(?P<cmp>before|after) {country:b}",
            "(?P<cmp>bef(?:ore)?|after) {country:b}",
            "(?P<cmp>bef(?:ore)?|after)",
            "must list its words",
        ),
        (
            "intents/grammar.toml",
            "at_meeting = \" at {meeting}\"",
            "at_meeting = \" at {place}\"",
            "at_meeting = \" at {place}\"",
            "phrase \"at_meeting\" has a placeholder {place} the code does not fill",
        ),
        (
            "intents/grammar.toml",
            "official_line = ",
            "officials_line = ",
            "officials_line = ",
            "phrase \"officials_line\" is used by no answer",
        ),
        (
            "intents/grammar.toml",
            "months = [\"January\", ",
            "months = [",
            "months = [",
            "`months` needs the twelve month names",
        ),
        (
            "data/members.toml",
            "joined_sources = [\"history\"]",
            "joined_sources = []",
            "id = \"us\"",
            "member \"us\": member.joined has an empty sources list",
        ),
        (
            "intents/grammar.toml",
            "min_share = 0.65",
            "min_share = 65",
            "[quotes]",
            "[quotes] min_share is a share, 0 to 1",
        ),
    ];
    for (file, from, to, at, want) in cases {
        let (_dir, data, intents) = copy_tree();
        let path = data.parent().unwrap().join(file);
        edit(&path, from, to);
        let line = line_holding(&path, at);
        let name = Path::new(file).file_name().unwrap().to_string_lossy();
        fails_with(&data, &intents, &format!("{name}:{line}: "));
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

/// Writes `input` to the command's stdin from a thread (so a large input
/// cannot deadlock against a full stdout pipe) and collects the output.
fn run_with_bytes(mut cmd: Command, input: Vec<u8>) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

/// Invalid UTF-8 on stdin is decoded lossily: every line gets an answer,
/// one JSON line per input line, in `ask` and in `chat`.
#[test]
fn invalid_utf8_lines_are_answered_like_any_other() {
    for mode in ["ask", "chat"] {
        let mut cmd = bin();
        cmd.args([mode, "--json"]);
        let out = run_with_bytes(cmd, b"a\n\xff\nWhen did Japan join?\n\xc3(\xa0\n".to_vec());
        assert!(
            out.status.success(),
            "{mode}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let replies = json_lines(&out);
        assert_eq!(replies.len(), 4, "{mode}: one line out per line in");
        assert_eq!(replies[1]["question"], "\u{FFFD}");
        assert!(replies[2]["answer"].as_str().unwrap().contains("2023"));
    }
}

/// A 10 MB line costs a bounded amount of memory (it took 375 MB): only
/// its first `MAX_LINE_BYTES` are kept, and the next line is answered.
#[test]
// The child is reaped by `wait4` below, which `Child` does not know of.
#[allow(clippy::zombie_processes)]
fn a_huge_line_costs_bounded_memory() {
    let mut input = vec![b'x'; 10 * 1024 * 1024];
    input.extend_from_slice(b"\nWhen did Japan join?\n");
    let mut child = bin()
        .args(["ask", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut s).unwrap();
        s
    });
    // wait4 on this child alone reports its own peak RSS.
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(r, pid);
    writer.join().unwrap();
    let text = reader.join().unwrap();
    assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0);
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0]["question"].as_str().unwrap().len() <= 64 * 1024);
    assert!(lines[1]["answer"].as_str().unwrap().contains("2023"));
    let peak_mb = usage.ru_maxrss / 1024;
    assert!(peak_mb < 120, "peak RSS {peak_mb} MB for a 10 MB line");
}

/// `cspo-bot check | head -c0`: the reader is gone before the report is
/// written; the bot exits quietly, without a panic.
#[test]
fn a_closed_stdout_pipe_ends_quietly() {
    for args in [&["check"][..], &["ask", "When did Japan join?"][..]] {
        let mut child = bin()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?}: quiet: {err}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
    }
}

/// `ask` without a question on a terminal says that it reads stdin,
/// rather than waiting silently.
#[test]
fn ask_on_a_terminal_says_it_reads_stdin() {
    use std::os::fd::{FromRawFd, OwnedFd};
    let (mut master, mut slave) = (0, 0);
    let r = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(r, 0, "openpty");
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    let child = bin()
        .args(["ask"])
        .stdin(Stdio::from(slave))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut tty = std::fs::File::from(master);
    // A question, then Ctrl-D (end of input on a terminal).
    tty.write_all(b"When did Japan join?\n\x04").unwrap();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("reading questions from stdin"), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("2023"));
    assert!(out.status.success(), "{err}");
}

/// Without `--data`, `CSPO_DATA` or `./data`, the binary looks beside
/// itself and up to two levels above it (`target/release/cspo-bot` finds
/// the repository's), not three: a broken `data/` two levels up is used
/// (and `check` fails on it), one three levels up is not (the source
/// tree's is).
#[test]
fn data_is_found_up_to_two_levels_above_the_binary() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("a").join("b").join("c");
    std::fs::create_dir_all(&dir).unwrap();
    let exe = dir.join("cspo-bot");
    std::fs::copy(env!("CARGO_BIN_EXE_cspo-bot"), &exe).unwrap();
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let broken_copy = |at: &std::path::Path| {
        for sub in ["data", "intents"] {
            support::data_copy::copy_dir(&repo.join(sub), &at.join(sub));
        }
        std::fs::write(at.join("data").join("meeting.toml"), "not = [toml").unwrap();
    };
    let cwd = tempfile::tempdir().unwrap();
    let check = || {
        Command::new(&exe)
            .arg("check")
            .current_dir(cwd.path())
            .env_remove("CSPO_DATA")
            .env_remove("CSPO_INTENTS")
            .output()
            .unwrap()
    };
    // Three levels above: not looked at.
    broken_copy(root.path());
    let out = check();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Two levels above: found, and its broken file named.
    broken_copy(&root.path().join("a"));
    let out = check();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("meeting.toml"), "{stderr}");
}

/// `check`'s citation lint: a join year cited by a sentence that names
/// neither the country nor the year is found, with the example's line.
#[test]
fn check_finds_a_citation_that_names_nothing_the_answer_states() {
    let (_dir, data, intents) = copy_tree();
    let members = data.join("members.toml");
    let text = std::fs::read_to_string(&members).unwrap();
    let japan = text.find("id = \"japan\"").unwrap();
    let (head, tail) = text.split_at(japan);
    let tail = tail.replacen(
        "joined_sources = [\"history\"]",
        "joined_sources = [\"wmd\"]",
        1,
    );
    std::fs::write(&members, format!("{head}{tail}")).unwrap();
    let (code, text) = check_output(&data, &intents);
    assert_ne!(code, Some(0), "{text}");
    assert!(
        text.contains("cites sentence \"wmd\", which names none of the countries"),
        "{text}"
    );
}

/// `check` lints the concepts: a concept no reading uses, an entry in two
/// concepts one reading needs together (and, not exercised here, an
/// example the two tiers read as intents that answer differently).
#[test]
fn check_lints_the_concepts() {
    let (_dir, data, intents) = copy_tree();
    let concepts = intents.join("concepts.toml");
    let text = std::fs::read_to_string(&concepts).unwrap();
    // A concept nothing reads, and "gap" given a word of "join".
    let text = text.replacen(
        "gap = [\"between\",",
        "gap = [\"accession\", \"between\",",
        1,
    ) + "\nunread = [\"zebra\"]\n";
    std::fs::write(&concepts, text).unwrap();
    let (code, text) = check_output(&data, &intents);
    assert_ne!(code, Some(0), "{text}");
    assert!(
        text.contains("concept \"unread\" is used by no reading"),
        "{text}"
    );
    assert!(
        text.contains("\"accession\" in both") && text.contains("needs together"),
        "{text}"
    );
}

/// `ask --json` and `chat --json` print through a borrowed serializer into
/// a buffered stdout (issue 14); the bytes must be those of the reference
/// `answer_json` `Value`, for every kind of answer and for texts that JSON
/// escapes (quotes, backslashes, control characters, U+2028, emoji).
#[test]
fn json_lines_are_the_reference_value_byte_for_byte() {
    use cspo_bot::cli::{answer_json, write_answer_json};
    use cspo_bot::engine::{Context, Engine};
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let engine = Engine::load(&root.join("data"), &root.join("intents")).unwrap();
    let mut questions: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(root.join("tests/eval")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "jsonl") {
            for line in std::fs::read_to_string(&path).unwrap().lines() {
                let Ok(case) = serde_json::from_str::<serde_json::Value>(line) else {
                    continue;
                };
                if let Some(q) = case["q"].as_str() {
                    questions.push(q.to_string());
                }
                for turn in case["dialog"].as_array().into_iter().flatten() {
                    let q = turn.as_str().or_else(|| turn["q"].as_str());
                    questions.extend(q.map(str::to_string));
                }
            }
        }
    }
    assert!(questions.len() > 1000, "the held-out sets are read");
    questions.extend(
        [
            "what did \"saltzman\" say\\",
            "when did japan join\t\u{1}\u{1f}\u{7f}",
            "is \u{2028}norway\u{2029} a member",
            "\u{1F1EF}\u{1F1F5} join year? \u{1F680}",
            "",
            "quote from brose </b> & <i>",
        ]
        .map(String::from),
    );
    let mut ctx = Context::default();
    let (mut answered, mut declined) = (0, 0);
    for (i, q) in questions.iter().enumerate() {
        // every fifth question alone, the others in one running context,
        // so follow-ups and rewritten questions are printed too
        let a = if i % 5 == 0 {
            engine.answer(q, &mut Context::default())
        } else {
            engine.answer(q, &mut ctx)
        };
        if a.understood() {
            answered += 1;
        } else {
            declined += 1;
        }
        let mut ours = Vec::new();
        write_answer_json(&mut ours, &engine, q, &a).unwrap();
        let reference = format!("{}\n", answer_json(&engine, q, &a));
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            reference,
            "question {q:?}"
        );
    }
    assert!(
        answered > 500 && declined > 50,
        "{answered} answered, {declined} declined"
    );
}

/// Output is buffered, but never held while the program waits for input:
/// a bot driving `ask --json` or `chat --json` through pipes gets each
/// answer before it sends the next question.
#[test]
fn each_json_answer_is_written_before_the_next_question_is_read() {
    use std::io::BufRead;
    for mode in ["ask", "chat"] {
        let mut child = bin()
            .args([mode, "--json"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stdout).lines() {
                if tx.send(line.unwrap()).is_err() {
                    break;
                }
            }
        });
        for (q, want) in [("When did Japan join?", "2023"), ("and Germany?", "2020")] {
            stdin.write_all(format!("{q}\n").as_bytes()).unwrap();
            stdin.flush().unwrap();
            // stdin stays open: the answer must come without more input
            let line = rx
                .recv_timeout(std::time::Duration::from_secs(120))
                .unwrap_or_else(|_| panic!("{mode}: no answer to {q:?} while stdin is open"));
            let reply: serde_json::Value = serde_json::from_str(&line).unwrap();
            assert_eq!(reply["question"], q, "{mode}");
            if mode == "chat" || q.starts_with("When") {
                assert!(
                    reply["answer"].as_str().unwrap().contains(want),
                    "{mode}: {line}"
                );
            }
        }
        drop(stdin);
        assert!(child.wait().unwrap().success(), "{mode}");
        assert!(rx.recv().is_err(), "{mode}: nothing after the two answers");
    }
}

/// Reachability is computed, not listed: every cited value the loader
/// registers is checked against what the examples' answers read, and every
/// field against what the kinds of the intents read. A new organisation no
/// answer names, and an answer kind no intent uses any more, are reported.
#[test]
fn check_reports_values_and_fields_no_answer_reads() {
    let (_dir, data, intents) = copy_tree();
    support::data_copy::append(
        &data.join("people.toml"),
        "\n[[organization]]\nid = \"nasa\"\nname = \"NASA\"\nsources = [\"venue\"]\n",
    );
    // The rank questions go to "who is he?" instead, and the reasoning
    // intents (which officials are generals, is he a general) go: nothing
    // reads a rank.
    std::fs::remove_file(intents.join("reasoning.toml")).unwrap();
    let people = intents.join("people.toml");
    let text = std::fs::read_to_string(&people).unwrap();
    assert!(text.contains("answer = \"person_rank\""));
    std::fs::write(
        &people,
        text.replace("answer = \"person_rank\"", "answer = \"person_who\"")
            .replace(
                "none = \"The article gives no military rank for {person}.\"",
                "",
            ),
    )
    .unwrap();
    let (code, text) = check_output(&data, &intents);
    assert_ne!(code, Some(0), "{text}");
    assert!(
        text.contains("data: organization:nasa: no example's answer reads any value of it"),
        "{text}"
    );
    assert!(
        text.contains("data: person.rank (person:whiting): a loaded field that no answer kind an intent uses reads"),
        "{text}"
    );
}

// ---------------------------------------------------------------------------
// The compiled patterns kept between runs (src/intents/nfa_cache.rs).

#[test]
fn the_patterns_cache_follows_edited_intents_and_is_rebuilt_when_damaged() {
    let (_root, data, intents) = copy_tree();
    let cache = tempfile::tempdir().unwrap();
    let ask = |q: &str| -> String {
        let out = bin()
            .arg("--data")
            .arg(&data)
            .arg("--intents")
            .arg(&intents)
            .env("CSPO_CACHE_DIR", cache.path())
            .args(["ask", q])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let files = || -> Vec<(std::path::PathBuf, Vec<u8>)> {
        let mut f: Vec<_> = std::fs::read_dir(cache.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| {
                let bytes = std::fs::read(&p).unwrap();
                (p, bytes)
            })
            .collect();
        f.sort();
        f
    };
    let want = ask("Who joined in 2020?");
    assert!(want.contains("2020"), "{want}");
    let written = files();
    assert!(!written.is_empty(), "the first run writes the cache");
    assert!(
        written
            .iter()
            .all(|(p, _)| p.extension().is_some_and(|x| x == "bin")),
        "{written:?}"
    );
    assert!(ask("zorblax 2020").contains("I don't know"));
    // From the cache: the same answers, and no file changed.
    assert_eq!(ask("Who joined in 2020?"), want);
    assert_eq!(files(), written);

    // An edited pattern is honoured: its own cache file, the old one kept.
    let history = intents.join("history.toml");
    edit(
        &history,
        "patterns = [\n",
        "patterns = [\n  'zorblax {year}',\n",
    );
    assert_eq!(ask("zorblax 2020"), want);
    let after_edit = files();
    assert!(after_edit.len() > written.len(), "{after_edit:?}");

    // Damaged files (garbage, or cut short) are compiled again and rewritten.
    for (k, (p, bytes)) in after_edit.iter().enumerate() {
        let damaged = if k % 2 == 0 {
            b"not an automaton".to_vec()
        } else {
            bytes[..bytes.len() / 2].to_vec()
        };
        std::fs::write(p, damaged).unwrap();
    }
    assert_eq!(ask("zorblax 2020"), want);
    assert_eq!(ask("Who joined in 2020?"), want);
    // The edit undone: the pattern is gone again.
    edit(&history, "  'zorblax {year}',\n", "");
    assert!(ask("zorblax 2020").contains("I don't know"));
    assert_eq!(ask("Who joined in 2020?"), want);
    // Each damaged file was compiled again when next needed, and written
    // as it was.
    assert_eq!(files(), after_edit);
}

/// Runs `check` on a copy of the data and intents; its stdout and stderr.
fn check_output(data: &Path, intents: &Path) -> (Option<i32>, String) {
    let out = bin()
        .arg("--data")
        .arg(data)
        .arg("--intents")
        .arg(intents)
        .arg("check")
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code(), text)
}

#[test]
fn a_broken_ftl_file_is_a_load_error_with_file_and_line() {
    let (_dir, data, intents) = copy_tree();
    let ftl = intents.join("lang").join("fr.ftl");
    let lines = std::fs::read_to_string(&ftl).unwrap().lines().count();
    support::data_copy::append(&ftl, "\nbroken = { $year\n");
    // The appended text starts with a newline: the message is two lines on.
    fails_with(&data, &intents, &format!("fr.ftl:{}: ", lines + 2));
}

#[test]
fn check_reports_every_hole_of_a_language() {
    let (_dir, data, intents) = copy_tree();
    let lang = intents.join("lang");
    let drop_line = |file: &str, start: &str| {
        let path = lang.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let kept: Vec<&str> = text.lines().filter(|l| !l.starts_with(start)).collect();
        assert_eq!(kept.len() + 1, text.lines().count(), "{start} in {file}");
        std::fs::write(&path, kept.join("\n") + "\n").unwrap();
    };
    // A template of an intent with no German message, a menu text missing
    // in Japanese, a concept with no Italian entry.
    drop_line("de.ftl", "join_year-alone = ");
    drop_line("ja.ftl", "cmd-ask = ");
    drop_line("it.toml", "rank = [");
    // A Norwegian example that reaches another intent than it says, and
    // one the lexicon does not read at all.
    let no = lang.join("no.toml");
    let before = std::fs::read_to_string(&no).unwrap().lines().count();
    support::data_copy::append(
        &no,
        "\n[[examples]]\nq = \"Når ble Japan med?\"\nintent = \"member_count\"\n\n[[examples]]\nq = \"Hvor mange satellitter har Norge?\"\nintent = \"member_count\"\n",
    );
    let (code, text) = check_output(&data, &intents);
    assert_eq!(code, Some(1), "{text}");
    let concepts_line = line_holding(&intents.join("concepts.toml"), "rank = [");
    for want in [
        "de.ftl: no message \"join_year-alone\": the template \"alone\" of intent \"join_year\" ("
            .to_string(),
        "ja.ftl: no message \"cmd-ask\", which every language needs".to_string(),
        format!(
            "it.toml: no entry in it for concept \"rank\" ({}:{concepts_line}) and no `fallback` for it",
            intents.join("concepts.toml").display()
        ),
        format!(
            "no.toml:{}: example \"Når ble Japan med?\" should be answered by \"member_count\", but was answered by \"join_year\"",
            before + 2
        ),
        format!(
            "no.toml:{}: example \"Hvor mange satellitter har Norge?\" should be answered by \"member_count\", but was declined",
            before + 6
        ),
    ] {
        assert!(text.contains(&want), "expected {want:?} in:\n{text}");
    }
    // The rest of the languages is whole: those five, and nothing else.
    let errors = text.lines().filter(|l| l.starts_with("error: ")).count();
    assert_eq!(errors, 5, "{text}");
}
