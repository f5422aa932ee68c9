//! The command line: `ask`, `chat`, `check`, `eval` and `run`.
//!
//! Data and intents are found, in order: `--data`/`--intents`; the
//! `CSPO_DATA`/`CSPO_INTENTS` environment variables; `data/` and `intents/`
//! in the working directory; next to the binary or two levels up (for
//! `target/release/cspo-bot`); and last the repository the binary was built
//! from.

use crate::check;
use crate::engine::{Answer, Context, Engine};
use crate::eval;
use anyhow::Context as _;
use clap::{Parser, Subcommand};
use serde_json::json;
use std::io::{BufRead, IsTerminal, Write};
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
    /// Directory of the fact base (default: see `cspo-bot --help`).
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Directory of the intent files.
    #[arg(long, global = true, value_name = "DIR")]
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
    },
    /// An interactive session that remembers context; /reset clears it.
    Chat {
        /// Read questions from stdin and print one JSON object per line.
        #[arg(long)]
        json: bool,
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
    /// Run the Telegram bot (token in TELOXIDE_TOKEN).
    Run {
        /// Public HTTPS URL for webhook mode (default: long polling).
        #[arg(long, value_name = "URL")]
        webhook_url: Option<String>,
        /// Address the webhook server listens on.
        #[arg(long, value_name = "ADDR", default_value = "0.0.0.0:8443")]
        listen: std::net::SocketAddr,
        /// Where conversation context is kept: `memory` or `sqlite:PATH`.
        #[arg(long, value_name = "STORE")]
        store: Option<String>,
        /// A Telegram user id allowed to use /reload (repeatable; also
        /// `CSPO_ADMINS=ID,ID`).
        #[arg(long = "admin", value_name = "ID")]
        admins: Vec<i64>,
        /// Questions per user per minute, 0 for no limit (default 20, or
        /// `CSPO_RATE_LIMIT`).
        #[arg(long, value_name = "N")]
        rate_limit: Option<u32>,
    },
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
pub fn answer_json(engine: &Engine, question: &str, a: &Answer) -> serde_json::Value {
    let sources: Vec<serde_json::Value> = a
        .sources
        .iter()
        .map(|id| {
            let text = engine.facts().sentence(id).map(|s| s.text.as_str());
            json!({ "id": id, "text": text })
        })
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

fn print_answer(engine: &Engine, a: &Answer, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, "{}", a.text)?;
    for id in &a.sources {
        if let Some(s) = engine.facts().sentence(id) {
            writeln!(out, "  [{id}] {}", s.text)?;
        }
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
    let cli = Cli::parse();
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
        Command::Ask { question, json } => {
            let engine = load_engine(&cli)?;
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            if question.is_empty() {
                let stdin = std::io::stdin();
                if stdin.is_terminal() {
                    eprintln!(
                        "cspo-bot ask: reading questions from stdin, one per line (Ctrl-D ends); \
                         or give one: cspo-bot ask \"When did Japan join?\""
                    );
                }
                let mut input = stdin.lock();
                let mut line = String::new();
                while read_line_bounded(&mut input, &mut line, MAX_LINE_BYTES)
                    .context("reading stdin")?
                {
                    let a = engine.answer(&line, &mut Context::default());
                    if *json {
                        writeln!(out, "{}", answer_json(&engine, &line, &a))?;
                    } else {
                        print_answer(&engine, &a, &mut out)?;
                    }
                }
            } else {
                let q = question.join(" ");
                let a = engine.answer(&q, &mut Context::default());
                if *json {
                    writeln!(out, "{}", answer_json(&engine, &q, &a))?;
                } else {
                    print_answer(&engine, &a, &mut out)?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Chat { json } => {
            let engine = load_engine(&cli)?;
            chat(&engine, *json)?;
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
        Command::Run {
            webhook_url,
            listen,
            store,
            admins,
            rate_limit,
        } => {
            let engine = load_engine(&cli)?;
            // What `check` refuses never serves (the same on every reload).
            check::validate(&engine).context("the data and intents fail `cspo-bot check`")?;
            let engine = Arc::new(engine);
            let mut admins: std::collections::HashSet<i64> = admins.iter().copied().collect();
            if let Ok(list) = std::env::var("CSPO_ADMINS") {
                for id in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                    admins.insert(id.parse().with_context(|| {
                        format!("CSPO_ADMINS: {id:?} is not a Telegram user id")
                    })?);
                }
            }
            let rate_limit = match rate_limit {
                Some(n) => *n,
                None => match std::env::var("CSPO_RATE_LIMIT") {
                    Ok(v) => v.trim().parse().with_context(|| {
                        format!("CSPO_RATE_LIMIT: {v:?} is not a number of questions a minute")
                    })?,
                    Err(_) => crate::telegram::limit::DEFAULT_PER_MINUTE,
                },
            };
            let opts = crate::telegram::RunOptions {
                webhook_url: webhook_url.clone(),
                listen: Some(*listen),
                store: store.clone(),
                admins,
                rate_limit,
                data: locate(cli.data.as_deref(), "CSPO_DATA", "data"),
                intents: locate(cli.intents.as_deref(), "CSPO_INTENTS", "intents"),
            };
            let rt = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .context("starting the async runtime")?;
            rt.block_on(crate::telegram::run(engine, opts))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn chat(engine: &Engine, json: bool) -> anyhow::Result<()> {
    let stdin = std::io::stdin();
    let interactive = !json && stdin.is_terminal();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut ctx = Context::default();
    let mut last: Option<Answer> = None;
    let mut line = String::new();
    if interactive {
        writeln!(
            out,
            "Ask me about the CSpO Initiative. /reset clears the context, /why explains the last answer, /quit ends."
        )?;
    }
    loop {
        if interactive {
            write!(out, "> ")?;
            out.flush()?;
        }
        if !read_line_bounded(&mut stdin.lock(), &mut line, MAX_LINE_BYTES)
            .context("reading stdin")?
        {
            break;
        }
        let q = line.as_str();
        if !json {
            match q.trim() {
                "/quit" | "/exit" => break,
                "/reset" => {
                    ctx = Context::default();
                    writeln!(out, "Context cleared.")?;
                    continue;
                }
                "/why" => {
                    match &last {
                        Some(a) => writeln!(out, "{}", serde_json::to_string_pretty(&a.trace)?)?,
                        None => writeln!(out, "Nothing asked yet.")?,
                    }
                    continue;
                }
                _ => {}
            }
        }
        let a = engine.answer(q, &mut ctx);
        if json {
            writeln!(out, "{}", answer_json(engine, q, &a))?;
        } else {
            print_answer(engine, &a, &mut out)?;
        }
        last = Some(a);
    }
    Ok(())
}
