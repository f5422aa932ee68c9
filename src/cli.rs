//! The command line: `ask`, `chat`, `check`, `eval` and `run`.
//!
//! Data and intents are found, in order: `--data`/`--intents`; the
//! `CSPO_DATA`/`CSPO_INTENTS` environment variables; `data/` and `intents/`
//! in the working directory; next to the binary or two levels up (for
//! `target/release/cspo-bot`); and last the repository the binary was built
//! from.

use crate::check;
use crate::engine::{Answer, Context, Engine, Trace};
use crate::eval;
use anyhow::Context as _;
use clap::{Parser, Subcommand};
use secrecy::SecretString;
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Parser, Debug)]
#[command(
    name = "cspo-bot",
    version,
    about = "Answers questions about the Combined Space Operations (CSpO) Initiative"
)]
pub struct Cli {
    /// Directory of the fact base [default: ./data, else next to the
    /// binary or up to two levels above it, else the source tree's]
    #[arg(long, global = true, env = "CSPO_DATA", value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Directory of the intent files [default: as for --data, `intents`]
    #[arg(long, global = true, env = "CSPO_INTENTS", value_name = "DIR")]
    pub intents: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Answer one question, or (with --json or no question) one per stdin line.
    Ask {
        /// The question; read from stdin, one per line, when absent.
        question: Vec<String>,
        /// Print one JSON object per answer.
        #[arg(long)]
        json: bool,
        /// Print the source sentences in full (default: numbered short
        /// references).
        #[arg(long)]
        sources: bool,
    },
    /// An interactive session that remembers context, with line editing
    /// and history on a terminal; /sources, /why, /reset, /quit.
    Chat {
        /// Read questions from stdin, one per line, and print one JSON
        /// object per line (no prompt, no line editing).
        #[arg(long)]
        json: bool,
        /// Print the source sentences in full after every answer.
        #[arg(long)]
        sources: bool,
    },
    /// Load and validate data and intents, run every example, lint the intents.
    Check,
    /// Score a case file (the format of shared/eval/dev.jsonl).
    Eval {
        file: PathBuf,
        /// Print every failure with the answer given.
        #[arg(long, short)]
        verbose: bool,
    },
    /// Run the Telegram bot (token in TELOXIDE_TOKEN). Every setting is a
    /// flag, an environment variable or a key of the --config file, in that
    /// order of precedence.
    Run(Box<RunArgs>),
}

/// How logs are written.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Text,
    /// One JSON object per line.
    Json,
}

/// The settings of `cspo-bot run` (see [`crate::config`]).
#[derive(clap::Args, Debug)]
#[command(next_help_heading = "Settings")]
pub struct RunArgs {
    /// A TOML file of settings: keys are the long flags below (`rate_limit
    /// = 20`, `admin = [123]`); flags and environment variables win over it.
    #[arg(long, env = "CSPO_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Print the settings in force (secrets hidden) and exit.
    #[arg(long)]
    pub print_config: bool,
    /// The bot token from @BotFather. Prefer the environment or the file:
    /// a flag shows in `ps`.
    #[arg(long, env = "TELOXIDE_TOKEN", value_name = "TOKEN", hide_env_values = true, value_parser = secret)]
    pub token: Option<SecretString>,
    /// The Bot API server (a local one, or the tests' fake).
    #[arg(long, env = "TELOXIDE_API_URL", value_name = "URL", default_value = crate::telegram::bot::TELEGRAM)]
    pub api_url: reqwest::Url,
    /// An HTTP(S) or SOCKS5 proxy for reaching Telegram
    /// (`socks5h://host:1080`, `http://user:pass@host:3128`).
    #[arg(long, env = "TELOXIDE_PROXY", value_name = "URL", hide_env_values = true, value_parser = secret)]
    pub proxy: Option<SecretString>,
    /// Public HTTPS URL for webhook mode (default: long polling).
    #[arg(long, env = "CSPO_WEBHOOK_URL", value_name = "URL")]
    pub webhook_url: Option<reqwest::Url>,
    /// The webhook's secret token (1-256 of A-Z a-z 0-9 _ -); random per
    /// start if unset.
    #[arg(long, env = "CSPO_WEBHOOK_SECRET", value_name = "SECRET", hide_env_values = true, value_parser = secret)]
    pub webhook_secret: Option<SecretString>,
    /// Where the HTTP listener binds: /healthz, /readyz, /metrics, and the
    /// webhook's path with --webhook-url [default: none when polling,
    /// 0.0.0.0:8443 with --webhook-url]
    #[arg(long, env = "CSPO_LISTEN", value_name = "ADDR")]
    pub listen: Option<std::net::SocketAddr>,
    /// Where conversation context is kept: `memory`, `sqlite:PATH`, or
    /// `redis://[:PASSWORD@]HOST:PORT/DB` (`rediss://` for TLS), shared by
    /// several replicas (the password better in CSPO_REDIS_PASSWORD).
    #[arg(
        long,
        env = "CSPO_STORE",
        value_name = "STORE",
        default_value = "memory",
        hide_env_values = true
    )]
    pub store: String,
    /// The Redis password, when the --store URL has none (keeps it off the
    /// command line).
    #[arg(long, env = "CSPO_REDIS_PASSWORD", value_name = "PASSWORD", hide_env_values = true, value_parser = secret)]
    pub redis_password: Option<SecretString>,
    /// `rediss://`: a PEM file of the CA certificates to trust for the
    /// Redis server (default: the usual web roots, built in).
    #[arg(long, env = "CSPO_REDIS_CA_FILE", value_name = "FILE")]
    pub redis_ca_file: Option<PathBuf>,
    /// Polling: delete a webhook that is set instead of refusing to start
    /// (it belongs to a deployment in webhook mode).
    #[arg(long, env = "CSPO_REPLACE_WEBHOOK")]
    pub replace_webhook: bool,
    /// Telegram user ids allowed to use /reload (repeatable, or a comma
    /// list in the environment).
    #[arg(
        long = "admin",
        env = "CSPO_ADMINS",
        value_name = "ID",
        value_delimiter = ',',
        value_parser = user_id
    )]
    pub admins: Vec<i64>,
    /// Questions per user per minute; 0 for no limit.
    #[arg(long, env = "CSPO_RATE_LIMIT", value_name = "N", default_value_t = crate::telegram::limit::DEFAULT_PER_MINUTE)]
    pub rate_limit: u32,
    /// HTTP timeout of one call to Telegram, in milliseconds.
    #[arg(long, env = "CSPO_REQUEST_TIMEOUT_MS", value_name = "MS", default_value_t = 17_000, value_parser = clap::value_parser!(u64).range(1..))]
    pub request_timeout_ms: u64,
    /// Long-polling timeout, in seconds (at most 50).
    #[arg(long, env = "CSPO_POLL_TIMEOUT_S", value_name = "S", default_value_t = 10, value_parser = clap::value_parser!(u64).range(0..=50))]
    pub poll_timeout_s: u64,
    /// First pause before retrying a failed call, in milliseconds (doubled
    /// each time, up to 16 times; 6 tries in all).
    #[arg(long, env = "CSPO_RETRY_BASE_MS", value_name = "MS", default_value_t = 500, value_parser = clap::value_parser!(u64).range(1..))]
    pub retry_base_ms: u64,
    /// Longest time one update may take to answer, in seconds.
    #[arg(long, env = "CSPO_HANDLER_TIMEOUT_S", value_name = "S", default_value_t = 180, value_parser = clap::value_parser!(u64).range(1..))]
    pub handler_timeout_s: u64,
    /// After how many deaths of the process (not panics) while handling an
    /// update that update is given up (SQLite store only).
    #[arg(long, env = "CSPO_MAX_ATTEMPTS", value_name = "N", default_value_t = crate::telegram::updates::MAX_ATTEMPTS, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_attempts: u32,
    /// Webhook (and the --listen server): connections open at once; more
    /// wait until one closes.
    #[arg(long, env = "CSPO_WEBHOOK_MAX_CONNECTIONS", value_name = "N", default_value_t = 256, value_parser = clap::value_parser!(u64).range(1..))]
    pub webhook_max_connections: u64,
    /// Webhook (and the --listen server): the longest a client may take to
    /// send a request's head, its body, or stay idle between requests, in
    /// milliseconds.
    #[arg(long, env = "CSPO_WEBHOOK_TIMEOUT_MS", value_name = "MS", default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..))]
    pub webhook_timeout_ms: u64,
    /// Memory store: the most values kept (two per private chat); the
    /// least recently used go first.
    #[arg(long, env = "CSPO_STORE_CAPACITY", value_name = "N", default_value_t = 20_000, value_parser = clap::value_parser!(u64).range(1..))]
    pub store_capacity: u64,
    /// Memory and SQLite stores: a conversation idle this long is
    /// forgotten, in seconds.
    #[arg(long, env = "CSPO_STORE_IDLE_SECS", value_name = "S", default_value_t = 86_400, value_parser = clap::value_parser!(u64).range(1..))]
    pub store_idle_secs: u64,
    /// Log filter (`info`, `debug`, `cspo_bot=debug,info`...). At info,
    /// logs name chats and intents, never message texts.
    #[arg(long = "log", env = "RUST_LOG", value_name = "FILTER", default_value = "info", value_parser = log_filter)]
    pub log: String,
    /// Log format.
    #[arg(long, env = "CSPO_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
    /// Benchmarks only: `1` sends without Telegram's rate limits; refused
    /// unless the Bot API server is on a loopback address.
    #[arg(long, env = "CSPO_BENCH_UNTHROTTLED", value_name = "0|1", hide = true, value_parser = ["0", "1"])]
    pub bench_unthrottled: Option<String>,
    /// Test hook: a question equal to this makes its handler panic.
    #[cfg(feature = "test-hooks")]
    #[arg(long, env = "CSPO_BOT_PANIC_ON", hide = true)]
    pub panic_on: Option<String>,
    /// Test hook: a question equal to this ends the process at once.
    #[cfg(feature = "test-hooks")]
    #[arg(long, env = "CSPO_BOT_DIE_ON", hide = true)]
    pub die_on: Option<String>,
}

/// A Telegram user id; spaces around it are allowed ("1, 2" in the
/// environment is the list 1 and 2).
fn user_id(s: &str) -> Result<i64, String> {
    s.trim()
        .parse()
        .map_err(|_| format!("{:?} is not a Telegram user id (a whole number)", s.trim()))
}

fn secret(s: &str) -> Result<SecretString, std::convert::Infallible> {
    Ok(SecretString::from(s.trim().to_string()))
}

fn log_filter(s: &str) -> Result<String, String> {
    tracing_subscriber::EnvFilter::try_new(s)
        .map(|_| s.to_string())
        .map_err(|e| e.to_string())
}

/// Finds a directory by the documented search order.
pub fn locate(explicit: Option<&Path>, env: &str, name: &str) -> PathBuf {
    if let Some(p) = explicit {
        return p.to_path_buf();
    }
    if let Some(p) = std::env::var_os(env) {
        return PathBuf::from(p);
    }
    let cwd = PathBuf::from(name);
    if cwd.is_dir() {
        return cwd;
    }
    if let Ok(exe) = std::env::current_exe() {
        // The binary's directory, its parent and its grandparent:
        // target/release/cspo-bot -> target/release, target, the repository.
        for up in exe.ancestors().skip(1).take(3) {
            let p = up.join(name);
            if p.is_dir() {
                return p;
            }
        }
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join(name)
}

pub fn load_engine(cli: &Cli) -> anyhow::Result<Engine> {
    let data = locate(cli.data.as_deref(), "CSPO_DATA", "data");
    let intents = locate(cli.intents.as_deref(), "CSPO_INTENTS", "intents");
    Ok(Engine::load(&data, &intents)?)
}

/// The JSON form of an answer (the contract of shared/eval/score.py, which
/// reads `intent` and `answer`). Each source carries its sentence, so a
/// client can show or check a citation: `[{"id": ..., "text": ...}]`.
///
/// The reference form: `ask --json` and `chat --json` print the same bytes
/// through [`write_answer_json`], which does not build this tree.
pub fn answer_json(engine: &Engine, question: &str, a: &Answer) -> serde_json::Value {
    let sources: Vec<serde_json::Value> = a
        .sources
        .iter()
        .map(|id| json!({ "id": id, "text": sentence_text(engine, id) }))
        .collect();
    json!({
        "question": question,
        "intent": a.intent,
        "answer": a.text,
        "slots": a.slots,
        "sources": sources,
        "followups": a.followups,
        "trace": a.trace,
    })
}

/// [`answer_json`] as borrowed fields, in the order a `serde_json::Value`
/// prints its keys (sorted), so that serializing it gives the same bytes
/// without a tree of owned strings per answer (issue 14: building and
/// printing the `Value` was half the instructions of an answer).
#[derive(Serialize)]
struct AnswerJson<'a> {
    answer: &'a str,
    followups: &'a [String],
    intent: Option<&'a str>,
    question: &'a str,
    slots: &'a BTreeMap<String, String>,
    sources: Vec<SourceJson<'a>>,
    trace: TraceJson<'a>,
}

/// One source: the sentence id and its text.
#[derive(Serialize)]
struct SourceJson<'a> {
    id: &'a str,
    text: Option<&'a str>,
}

fn sentence_text<'a>(engine: &'a Engine, id: &str) -> Option<&'a str> {
    engine.facts().sentence(id).map(|s| s.text.as_str())
}

/// `Trace` with its fields in sorted order (its own order is not).
#[derive(Serialize)]
struct TraceJson<'a> {
    clause: &'a Option<String>,
    corrections: &'a [String],
    declined: &'a Option<String>,
    fact_words: &'a [String],
    facts: &'a [String],
    matched: &'a Option<String>,
    normalized: &'a str,
    parts: &'a [String],
    pattern: &'a Option<String>,
    rewritten: &'a Option<String>,
    runners_up: &'a [String],
    tagged: &'a str,
    unaccounted: &'a [String],
}

impl<'a> AnswerJson<'a> {
    fn new(engine: &'a Engine, question: &'a str, a: &'a Answer) -> Self {
        // Every field named: a field added to `Answer` or `Trace` fails to
        // compile here until it is printed (or deliberately left out).
        let Answer {
            intent,
            text,
            html: _,
            sources,
            slots,
            followups,
            trace,
        } = a;
        let Trace {
            normalized,
            corrections,
            tagged,
            clause,
            rewritten,
            pattern,
            matched,
            runners_up,
            facts,
            fields: _,
            read: _,
            declined,
            unaccounted,
            parts,
            fact_words,
        } = trace;
        AnswerJson {
            answer: text,
            followups,
            intent: intent.as_deref(),
            question,
            slots,
            sources: sources
                .iter()
                .map(|id| SourceJson {
                    id,
                    text: sentence_text(engine, id),
                })
                .collect(),
            trace: TraceJson {
                clause,
                corrections,
                declined,
                fact_words,
                facts,
                matched,
                normalized,
                pattern,
                rewritten,
                runners_up,
                tagged,
                unaccounted,
                parts,
            },
        }
    }
}

/// Writes [`answer_json`]`(engine, question, a)` and a newline to `out`:
/// the same bytes as `writeln!(out, "{}", answer_json(engine, question, a))`.
pub fn write_answer_json(
    out: &mut impl Write,
    engine: &Engine,
    question: &str,
    a: &Answer,
) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, &AnswerJson::new(engine, question, a))?;
    out.write_all(b"\n")
}

/// Standard output for `ask` and `chat`: buffered, so that a stream of
/// questions costs one `write` per buffer rather than per line. It is
/// flushed before the program can wait for input ([`flush_before_waiting`])
/// and at the end, so an answer is never held back while its reader waits.
fn buffered_stdout() -> BufWriter<std::io::StdoutLock<'static>> {
    BufWriter::with_capacity(64 * 1024, std::io::stdout().lock())
}

/// The buffered standard input of `ask` and `chat`.
fn buffered_stdin() -> BufReader<std::io::Stdin> {
    BufReader::with_capacity(64 * 1024, std::io::stdin())
}

/// Flushes `out` unless the next line of `input` is already buffered, i.e.
/// whenever reading it could block: a bot behind a pipe gets each answer
/// before it is asked for the next question, and a stream of questions is
/// written in large blocks.
fn flush_before_waiting(
    input: &BufReader<std::io::Stdin>,
    out: &mut impl Write,
) -> std::io::Result<()> {
    if !input.buffer().contains(&b'\n') {
        out.flush()?;
    }
    Ok(())
}

/// The most bytes of one stdin line that `ask` and `chat` keep; the rest
/// of a longer line is read and dropped, never held. (The engine reads
/// only the first 1 KiB of a question, Telegram sends at most 4096
/// characters.)
pub const MAX_LINE_BYTES: usize = 64 * 1024;

/// Reads one line of `input` into `line`, without its `\n` (or `\r\n`),
/// keeping at most `max` bytes of it. Returns `false` at the end of input.
/// Bytes that are not UTF-8 are decoded lossily (as U+FFFD), so every
/// line is a question.
pub fn read_line_bounded(
    input: &mut impl BufRead,
    line: &mut String,
    max: usize,
) -> std::io::Result<bool> {
    let mut bytes = Vec::new();
    let mut any = false;
    loop {
        let buf = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            break;
        }
        any = true;
        let (chunk, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (&buf[..i], Some(i + 1)),
            None => (buf, None),
        };
        let room = max.saturating_sub(bytes.len());
        bytes.extend_from_slice(&chunk[..chunk.len().min(room)]);
        let used = done.unwrap_or(buf.len());
        input.consume(used);
        if done.is_some() {
            break;
        }
    }
    if bytes.last() == Some(&b'\r') {
        bytes.pop();
    }
    line.clear();
    line.push_str(&String::from_utf8_lossy(&bytes));
    Ok(any)
}

/// Whether `e` is a write to a closed pipe (`cspo-bot check | head`):
/// then the reader has gone, and the bot stops quietly.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

pub fn main() -> ExitCode {
    let cli = match crate::config::parse::<Cli>(std::env::args_os()) {
        Ok(cli) => cli,
        Err(crate::config::Refused::Display(e)) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(crate::config::Refused::Bad(line)) => {
            eprintln!("cspo-bot: {line}");
            return ExitCode::from(2);
        }
    };
    match run_cli(cli) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cspo-bot: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run_cli(cli: Cli) -> anyhow::Result<ExitCode> {
    match &cli.command {
        Command::Ask {
            question,
            json,
            sources,
        } => {
            let engine = load_engine(&cli)?;
            let mut out = buffered_stdout();
            if question.is_empty() {
                if std::io::stdin().is_terminal() {
                    eprintln!(
                        "cspo-bot ask: reading questions from stdin, one per line (Ctrl-D ends); \
                         or give one: cspo-bot ask \"When did Japan join?\""
                    );
                }
                let mut input = buffered_stdin();
                let mut line = String::new();
                loop {
                    flush_before_waiting(&input, &mut out)?;
                    if !read_line_bounded(&mut input, &mut line, MAX_LINE_BYTES)
                        .context("reading stdin")?
                    {
                        break;
                    }
                    let a = engine.answer(&line, &mut Context::default());
                    if *json {
                        write_answer_json(&mut out, &engine, &line, &a)?;
                    } else {
                        write!(out, "{}", crate::chat::render(&engine, &a, *sources))?;
                    }
                }
            } else {
                let q = question.join(" ");
                let a = engine.answer(&q, &mut Context::default());
                if *json {
                    write_answer_json(&mut out, &engine, &q, &a)?;
                } else {
                    write!(out, "{}", crate::chat::render(&engine, &a, *sources))?;
                }
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Chat { json, sources } => {
            let engine = load_engine(&cli)?;
            chat(&engine, *json, *sources)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check => {
            let engine = load_engine(&cli)?;
            let report = check::check(&engine);
            write!(std::io::stdout().lock(), "{report}")?;
            Ok(if report.is_clean() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Eval { file, verbose } => {
            let engine = load_engine(&cli)?;
            let text = std::fs::read_to_string(file)
                .with_context(|| format!("reading {}", file.display()))?;
            let cases =
                eval::parse_cases(&text).with_context(|| format!("parsing {}", file.display()))?;
            let report = eval::run(&engine, &cases);
            write!(std::io::stdout().lock(), "{}", report.display(*verbose))?;
            Ok(if report.failures.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Run(args) => {
            let opts = crate::telegram::RunOptions::from_args(
                args,
                locate(cli.data.as_deref(), "CSPO_DATA", "data"),
                locate(cli.intents.as_deref(), "CSPO_INTENTS", "intents"),
            )?;
            if args.print_config {
                print!("{}", opts.describe());
                return Ok(ExitCode::SUCCESS);
            }
            let engine = load_engine(&cli)?;
            // What `check` refuses never serves (the same on every reload).
            check::validate(&engine).context("the data and intents fail `cspo-bot check`")?;
            let engine = Arc::new(engine);
            let rt = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .context("starting the async runtime")?;
            rt.block_on(crate::telegram::run(engine, opts))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `chat`: line editing on a terminal ([`crate::chat::interactive`]);
/// plain lines from a pipe, and with `--json` one JSON object per line.
fn chat(engine: &Engine, json: bool, full_sources: bool) -> anyhow::Result<()> {
    if !json && std::io::stdin().is_terminal() {
        return crate::chat::interactive(engine, full_sources);
    }
    let mut input = buffered_stdin();
    let mut out = buffered_stdout();
    let mut ctx = Context::default();
    let mut line = String::new();
    if json {
        loop {
            flush_before_waiting(&input, &mut out)?;
            if !read_line_bounded(&mut input, &mut line, MAX_LINE_BYTES).context("reading stdin")? {
                break;
            }
            let a = engine.answer(&line, &mut ctx);
            write_answer_json(&mut out, engine, &line, &a)?;
        }
    } else {
        // The session flushes after every answer.
        let mut session = crate::chat::Session::new(engine, full_sources, &mut out);
        while read_line_bounded(&mut input, &mut line, MAX_LINE_BYTES).context("reading stdin")? {
            if !session.line(&line)? {
                break;
            }
        }
    }
    out.flush()?;
    Ok(())
}
