//! The log writer that keeps the bot token (and the store's password) out
//! of the logs.
//!
//! The bot's own errors never carry a URL (see [`super::api`]), but at
//! `RUST_LOG=debug` or `trace` the HTTP libraries log too, and a URL of the
//! Bot API holds the token. So every log line passes through [`Redacted`],
//! which replaces the token (and its secret half, after the colon) with
//! `<token>` before the line reaches stderr. A line is written whole or not
//! at all: tracing writes one event per `MakeWriter::make_writer`, and the
//! writer buffers it until it is dropped.

use super::bot::Token;
use std::io::Write;
use std::sync::Arc;
use tracing_subscriber::fmt::MakeWriter;

/// What is replaced: the token, and the part after its colon (as
/// `<token>`); other secrets such as a Redis password (as `<secret>`).
#[derive(Clone)]
pub struct Redacted {
    needles: Arc<Vec<String>>,
    secrets: Arc<Vec<String>>,
}

impl Redacted {
    pub fn stderr(token: &Token) -> Redacted {
        let t = token.expose();
        let mut needles = vec![t.to_string()];
        if let Some((_, secret)) = t.split_once(':')
            && secret.len() >= 8
        {
            needles.push(secret.to_string());
        }
        needles.retain(|n| !n.is_empty());
        Redacted {
            needles: Arc::new(needles),
            secrets: Arc::default(),
        }
    }

    /// Also replaces each of `secrets` (empty ones are ignored).
    pub fn with_secrets(mut self, secrets: &[String]) -> Redacted {
        let mut all: Vec<String> = self.secrets.as_ref().clone();
        all.extend(secrets.iter().filter(|s| !s.is_empty()).cloned());
        // Longest first, so a secret that contains another goes whole.
        all.sort_by_key(|s| std::cmp::Reverse(s.len()));
        self.secrets = Arc::new(all);
        self
    }

    /// `text` with every needle replaced.
    pub fn scrub(&self, text: &str) -> String {
        let mut out = text.to_string();
        for n in self.needles.iter() {
            if out.contains(n.as_str()) {
                out = out.replace(n.as_str(), "<token>");
            }
        }
        for n in self.secrets.iter() {
            if out.contains(n.as_str()) {
                out = out.replace(n.as_str(), "<secret>");
            }
        }
        out
    }
}

/// One log event on its way to stderr.
pub struct Line {
    redacted: Redacted,
    buf: Vec<u8>,
}

impl Write for Line {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(b);
        Ok(b.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for Line {
    fn drop(&mut self) {
        if self.buf.is_empty() {
            return;
        }
        let text = String::from_utf8_lossy(&self.buf);
        let clean = self.redacted.scrub(&text);
        let _ = std::io::stderr().lock().write_all(clean.as_bytes());
    }
}

impl<'a> MakeWriter<'a> for Redacted {
    type Writer = Line;

    fn make_writer(&'a self) -> Line {
        Line {
            redacted: self.clone(),
            buf: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_and_its_secret_half_are_replaced() {
        let r = Redacted::stderr(&Token::for_tests("123456:ABCdefGHIjkl"));
        assert_eq!(
            r.scrub("POST http://x/bot123456:ABCdefGHIjkl/SendMessage"),
            "POST http://x/bot<token>/SendMessage"
        );
        assert_eq!(r.scrub("path=ABCdefGHIjkl"), "path=<token>");
        assert_eq!(
            r.scrub("bot 123456 ok"),
            "bot 123456 ok",
            "the bot id stays"
        );
        let r = r.with_secrets(&["redis-pw".into(), String::new()]);
        assert_eq!(
            r.scrub("redis://:redis-pw@h:1/0 and 123456:ABCdefGHIjkl"),
            "redis://:<secret>@h:1/0 and <token>"
        );
    }
}
