//! The log writer that keeps the bot token out of the logs.
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

/// What is replaced: the token, and the part after its colon.
#[derive(Clone)]
pub struct Redacted {
    needles: Arc<Vec<String>>,
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
        }
    }

    /// `text` with every needle replaced.
    pub fn scrub(&self, text: &str) -> String {
        let mut out = text.to_string();
        for n in self.needles.iter() {
            if out.contains(n.as_str()) {
                out = out.replace(n.as_str(), "<token>");
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
    }
}
