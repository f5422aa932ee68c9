//! One configuration path for `cspo-bot run`: every setting is a command
//! line flag with an environment variable and a default (`run --help` lists
//! them all), and may also be given in a TOML file (`--config PATH`).
//!
//! Precedence, for each setting on its own: the flag, then the environment
//! variable, then the file, then the default. A bad value in any of them
//! stops the bot before it starts, with one line that names the setting
//! (and where the value came from) and exit status 2.
//!
//! # How the file is merged
//!
//! clap parses the flags and the environment and records where each value
//! came from ([`clap::parser::ValueSource`]). For every setting the file
//! sets whose value came from neither, the file's value is added as a
//! flag (`--rate-limit=5`) and the command line is parsed again, so the
//! file's values go through the same parsers and checks as the flags'. A
//! key that is no setting is an error, not ignored: a typo in a file must
//! not silently leave a default in force.
//!
//! The file's keys are the flags' long names, with `-` or `_`
//! (`rate_limit = 20` or `rate-limit = 20`); a repeatable flag takes an
//! array (`admin = [1234, 5678]`).

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::parser::ValueSource;
use clap::{ArgMatches, CommandFactory, FromArgMatches};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Why the command line could not be read: one line, for stderr.
#[derive(Debug)]
pub enum Refused {
    /// `--help` or `--version`: print it and exit 0.
    Display(clap::Error),
    /// A bad value or a bad file: print the line and exit 2.
    Bad(String),
}

/// Parses the command line, the environment and the file of `--config`.
pub fn parse<C: CommandFactory + FromArgMatches>(
    args: impl IntoIterator<Item = impl Into<OsString> + Clone>,
) -> Result<C, Refused> {
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let matches = C::command()
        .try_get_matches_from(&args)
        .map_err(|e| refused(e, &args, None))?;
    let extra = match matches.subcommand() {
        Some(("run", run)) => from_file(run)?,
        _ => Vec::new(),
    };
    let matches = if extra.is_empty() {
        matches
    } else {
        let mut all = args.clone();
        all.extend(extra.iter().map(|(_, flag)| OsString::from(flag)));
        C::command()
            .try_get_matches_from(&all)
            .map_err(|e| refused(e, &args, Some(&extra)))?
    };
    C::from_arg_matches(&matches).map_err(|e| refused(e, &args, None))
}

/// The file's settings that neither a flag nor the environment gave, as
/// `(where, --flag=value)` pairs.
fn from_file(run: &ArgMatches) -> Result<Vec<(String, String)>, Refused> {
    let Some(path) = run.get_one::<PathBuf>("config") else {
        return Ok(Vec::new());
    };
    let table = read(path)?;
    let run_cmd = crate::cli::Cli::command();
    let run_cmd = run_cmd
        .find_subcommand("run")
        .expect("the run subcommand exists")
        .clone();
    let top_cmd = crate::cli::Cli::command();
    let mut out = Vec::new();
    for (key, value) in &table {
        let long = key.replace('_', "-");
        let here = format!("{}: {key}", path.display());
        // Settings of `run` itself, then the global ones (`data`, `intents`).
        let arg = run_cmd
            .get_arguments()
            .chain(top_cmd.get_arguments())
            .find(|a| a.get_long() == Some(long.as_str()) && long != "config");
        let Some(arg) = arg else {
            return Err(Refused::Bad(format!(
                "{here}: no such setting (the keys are the long flags of `cspo-bot run --help`)"
            )));
        };
        let id = arg.get_id().as_str();
        // (Global settings are propagated to the subcommand's matches.)
        let source = run.value_source(id);
        if matches!(
            source,
            Some(ValueSource::CommandLine | ValueSource::EnvVariable)
        ) {
            continue;
        }
        let values = match value {
            toml::Value::Array(items) => items.iter().collect(),
            one => vec![one],
        };
        for v in values {
            let text = match v {
                toml::Value::String(s) => s.clone(),
                toml::Value::Integer(n) => n.to_string(),
                toml::Value::Float(f) => f.to_string(),
                toml::Value::Boolean(b) => b.to_string(),
                other => {
                    return Err(Refused::Bad(format!(
                        "{here}: a {} is not a value for this setting",
                        other.type_str()
                    )));
                }
            };
            out.push((here.clone(), format!("--{long}={text}")));
        }
    }
    Ok(out)
}

fn read(path: &Path) -> Result<toml::Table, Refused> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Refused::Bad(format!("--config {}: {e}", path.display())))?;
    text.parse::<toml::Table>().map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
            .unwrap_or(1);
        let message = e.message().replace('\n', " ");
        Refused::Bad(format!("{}:{line}: {message}", path.display()))
    })
}

/// One line for a clap error, naming the setting and where its value came
/// from; `extra` are the flags added from the file (see [`parse`]).
fn refused(e: clap::Error, args: &[OsString], extra: Option<&[(String, String)]>) -> Refused {
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        return Refused::Display(e);
    }
    let rendered = e.render().to_string();
    let first = rendered
        .lines()
        .next()
        .unwrap_or("invalid arguments")
        .trim_start_matches("error: ")
        .to_string();
    let arg = match e.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        _ => None,
    };
    let Some(arg) = arg else {
        return Refused::Bad(format!("{first} (see `cspo-bot --help`)"));
    };
    // "--rate-limit <N>" -> "rate-limit"
    let long = arg
        .trim_start_matches('-')
        .split([' ', '='])
        .next()
        .unwrap_or_default()
        .to_string();
    let on_command_line = args.iter().any(|a| {
        let a = a.to_string_lossy();
        a == format!("--{long}") || a.starts_with(&format!("--{long}="))
    });
    if !on_command_line {
        if let Some(extra) = extra
            && let Some((here, _)) = extra
                .iter()
                .find(|(_, flag)| flag.starts_with(&format!("--{long}=")))
        {
            return Refused::Bad(format!("{here}: {first}"));
        }
        let env = crate::cli::Cli::command()
            .get_subcommands()
            .flat_map(|c| c.get_arguments().cloned().collect::<Vec<_>>())
            .chain(crate::cli::Cli::command().get_arguments().cloned())
            .find(|a| a.get_long() == Some(long.as_str()))
            .and_then(|a| a.get_env().map(|e| e.to_string_lossy().into_owned()));
        if let Some(env) = env
            && std::env::var_os(&env).is_some()
        {
            return Refused::Bad(format!("{env}: {first}"));
        }
    }
    Refused::Bad(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{Cli, Command};

    fn run_args(cli: Cli) -> crate::cli::RunArgs {
        match cli.command {
            Command::Run(r) => *r,
            other => panic!("not run: {other:?}"),
        }
    }

    fn bad(r: Result<Cli, Refused>) -> String {
        match r {
            Err(Refused::Bad(line)) => line,
            Err(Refused::Display(e)) => panic!("display: {e}"),
            Ok(c) => panic!("accepted: {c:?}"),
        }
    }

    #[test]
    fn a_file_fills_in_what_flags_leave_out() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("bot.toml");
        std::fs::write(
            &file,
            "rate_limit = 7\nadmin = [1, 2]\nlog-format = \"json\"\n",
        )
        .unwrap();
        let f = file.to_str().unwrap();
        let r = run_args(parse::<Cli>(["cspo-bot", "run", "--config", f]).unwrap());
        assert_eq!(r.rate_limit, 7);
        assert_eq!(r.admins, vec![1, 2]);
        let r = run_args(
            parse::<Cli>(["cspo-bot", "run", "--config", f, "--rate-limit", "9"]).unwrap(),
        );
        assert_eq!(r.rate_limit, 9, "the flag wins over the file");
    }

    #[test]
    fn bad_files_are_one_line_naming_the_setting() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("bot.toml");
        let f = file.to_str().unwrap().to_string();
        for (text, names) in [
            ("rate_limit = \"lots\"\n", "bot.toml: rate_limit"),
            ("rate_limt = 5\n", "bot.toml: rate_limt: no such setting"),
            ("\n\nrate_limit = = 5\n", "bot.toml:3"),
            ("admin = [{ a = 1 }]\n", "bot.toml: admin"),
        ] {
            std::fs::write(&file, text).unwrap();
            let line = bad(parse::<Cli>(["cspo-bot", "run", "--config", &f]));
            assert!(line.contains(names), "{text:?}: {line}");
            assert!(!line.contains('\n'), "{line}");
        }
        let line = bad(parse::<Cli>([
            "cspo-bot",
            "run",
            "--config",
            "/nonexistent/bot.toml",
        ]));
        assert!(line.contains("/nonexistent/bot.toml"), "{line}");
    }

    #[test]
    fn bad_flags_are_one_line() {
        let line = bad(parse::<Cli>(["cspo-bot", "run", "--rate-limit", "many"]));
        assert!(line.contains("--rate-limit"), "{line}");
        assert!(!line.contains('\n'), "{line}");
    }
}
