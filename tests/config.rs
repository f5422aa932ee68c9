//! `cspo-bot run`'s one configuration path: flag over environment over
//! `--config` file over default, and a bad value in any of them is one
//! line naming it, exit status 2, before anything starts. Read through
//! `run --print-config`, which prints the settings in force and exits.

use std::path::Path;
use std::process::{Command, Output};

/// Every environment variable `run` reads, removed so the tests see only
/// what they set.
const SETTINGS_ENV: &[&str] = &[
    "CSPO_CONFIG",
    "TELOXIDE_TOKEN",
    "TELOXIDE_API_URL",
    "TELOXIDE_PROXY",
    "CSPO_WEBHOOK_URL",
    "CSPO_WEBHOOK_SECRET",
    "CSPO_LISTEN",
    "CSPO_STORE",
    "CSPO_ADMINS",
    "CSPO_RATE_LIMIT",
    "CSPO_REQUEST_TIMEOUT_MS",
    "CSPO_POLL_TIMEOUT_S",
    "CSPO_RETRY_BASE_MS",
    "CSPO_HANDLER_TIMEOUT_S",
    "CSPO_MAX_ATTEMPTS",
    "RUST_LOG",
    "CSPO_LOG_FORMAT",
    "CSPO_BENCH_UNTHROTTLED",
    "CSPO_DATA",
    "CSPO_INTENTS",
    "CSPO_REDIS_PASSWORD",
    "CSPO_REPLACE_WEBHOOK",
];

fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cspo-bot"));
    cmd.arg("run")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    for k in SETTINGS_ENV {
        cmd.env_remove(k);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run cspo-bot")
}

/// The value of `key` in `--print-config`'s output.
fn setting(args: &[&str], env: &[(&str, &str)], key: &str) -> String {
    let mut all = vec!["--print-config"];
    all.extend_from_slice(args);
    let out = run(&all, env);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{:?}: {}{stdout}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let table: toml::Table = stdout.parse().unwrap_or_else(|e| panic!("{e}: {stdout}"));
    table
        .get(key)
        .unwrap_or_else(|| panic!("no {key}: {stdout}"))
        .to_string()
}

/// Exit status 2 and one line of stderr, which must contain `names`.
fn refused(args: &[&str], env: &[(&str, &str)], names: &[&str]) -> String {
    let out = run(args, env);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(2), "{args:?} {env:?}: {stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    for n in names {
        assert!(
            stderr.contains(n),
            "{args:?} {env:?}: {stderr} should name {n}"
        );
    }
    assert!(out.stdout.is_empty());
    stderr
}

fn file(dir: &Path, text: &str) -> String {
    let p = dir.join("cspo-bot.toml");
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

#[test]
fn flag_beats_environment_beats_file_beats_default() {
    let dir = tempfile::tempdir().unwrap();
    let f = file(
        dir.path(),
        "rate_limit = 5\nrequest-timeout-ms = 1234\nadmin = [7, 8]\nstore = \"sqlite:/tmp/x.sqlite\"\n",
    );
    let key = "rate-limit";
    assert_eq!(setting(&[], &[], key), "20", "the default");
    assert_eq!(setting(&["--config", &f], &[], key), "5", "the file");
    assert_eq!(
        setting(&["--config", &f], &[("CSPO_RATE_LIMIT", "6")], key),
        "6",
        "the environment over the file"
    );
    assert_eq!(
        setting(
            &["--config", &f, "--rate-limit", "7"],
            &[("CSPO_RATE_LIMIT", "6")],
            key
        ),
        "7",
        "the flag over both"
    );
    // Each setting on its own: the file still gives those nobody else set.
    assert_eq!(
        setting(
            &["--config", &f, "--rate-limit", "7"],
            &[],
            "request-timeout-ms"
        ),
        "1234"
    );
    assert_eq!(setting(&["--config", &f], &[], "admin"), "[7, 8]");
    assert_eq!(
        setting(&["--config", &f], &[("CSPO_ADMINS", "9,10")], "admin"),
        "[9, 10]"
    );
    assert_eq!(
        setting(&["--config", &f], &[], "store"),
        "\"sqlite:/tmp/x.sqlite\""
    );
    // A Redis password in the store's URL is not printed.
    let shown = setting(
        &["--store", "redis://:REDIS-SECRET@127.0.0.1:6379/0"],
        &[],
        "store",
    );
    assert!(!shown.contains("REDIS-SECRET"), "{shown}");
    // The file can be named by the environment too.
    assert_eq!(setting(&[], &[("CSPO_CONFIG", &f)], key), "5");
}

#[test]
fn secrets_are_never_printed() {
    let dir = tempfile::tempdir().unwrap();
    let f = file(dir.path(), "token = \"123:FILE-SECRET\"\n");
    let out = run(
        &["--print-config", "--config", &f],
        &[
            ("CSPO_WEBHOOK_SECRET", "ENV-SECRET"),
            (
                "TELOXIDE_PROXY",
                "socks5h://user:PROXY-SECRET@127.0.0.1:1080",
            ),
        ],
    );
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{all}");
    for s in ["FILE-SECRET", "ENV-SECRET", "PROXY-SECRET"] {
        assert!(!all.contains(s), "{all}");
    }
    assert!(all.contains("token = \"<set>\""), "{all}");
    // Nor in --help, though the environment holds them.
    let out = Command::new(env!("CARGO_BIN_EXE_cspo-bot"))
        .args(["run", "--help"])
        .env("TELOXIDE_TOKEN", "123:HELP-SECRET")
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(!help.contains("HELP-SECRET"), "{help}");
    // Every setting is listed with its variable.
    for env in SETTINGS_ENV
        .iter()
        .filter(|e| !matches!(**e, "CSPO_BENCH_UNTHROTTLED"))
    {
        assert!(help.contains(env), "{env} missing from run --help");
    }
}

#[test]
fn a_bad_value_anywhere_is_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    // On the command line.
    refused(&["--rate-limit", "lots"], &[], &["--rate-limit", "lots"]);
    refused(&["--poll-timeout-s", "99"], &[], &["--poll-timeout-s"]);
    refused(&["--store", "postgres:x"], &[], &["--store"]);
    refused(&["--log-format", "xml"], &[], &["--log-format"]);
    refused(&["--listen", "nowhere"], &[], &["--listen"]);
    // In the environment: the variable is named.
    refused(&[], &[("CSPO_RATE_LIMIT", "-1")], &["CSPO_RATE_LIMIT"]);
    refused(
        &[],
        &[("CSPO_REQUEST_TIMEOUT_MS", "0")],
        &["CSPO_REQUEST_TIMEOUT_MS"],
    );
    refused(&[], &[("CSPO_ADMINS", "12,bob")], &["CSPO_ADMINS"]);
    refused(&[], &[("RUST_LOG", "info,[")], &["RUST_LOG"]);
    let e = refused(
        &[],
        &[("CSPO_WEBHOOK_SECRET", "has spaces and SECRET-PART")],
        &["CSPO_WEBHOOK_SECRET"],
    );
    assert!(!e.contains("SECRET-PART"), "{e}");
    let e = refused(
        &[],
        &[("TELOXIDE_PROXY", "not a url PROXY-PART")],
        &["TELOXIDE_PROXY"],
    );
    assert!(!e.contains("PROXY-PART"), "{e}");
    // In the file: the file and the key are named, or the line of a
    // syntax error.
    let f = file(dir.path(), "rate_limit = \"lots\"\n");
    refused(&["--config", &f], &[], &["cspo-bot.toml: rate_limit"]);
    let f = file(dir.path(), "# comment\nrate_limt = 5\n");
    refused(
        &["--config", &f],
        &[],
        &["cspo-bot.toml: rate_limt", "no such setting"],
    );
    let f = file(dir.path(), "store = \"memory\"\nrate_limit = = 5\n");
    refused(&["--config", &f], &[], &["cspo-bot.toml:2"]);
    let f = file(dir.path(), "handler_timeout_s = 0\n");
    refused(&["--config", &f], &[], &["handler_timeout_s"]);
    refused(
        &["--config", "/nonexistent/cspo.toml"],
        &[],
        &["/nonexistent/cspo.toml"],
    );
    // A bad value in the file is an error even if the flag overrides
    // another setting of the same file.
    let f = file(dir.path(), "poll_timeout_s = 500\n");
    refused(
        &["--config", &f, "--rate-limit", "3"],
        &[],
        &["poll_timeout_s"],
    );
}
