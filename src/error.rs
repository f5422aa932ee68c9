//! Errors raised while loading the fact base and the intents.
//!
//! Every load error names the file and, when it can be known, the line, so a
//! person editing `data/` or `intents/` can go straight to the mistake.

use std::fmt;
use std::path::{Path, PathBuf};

/// A problem in one of the data or intent files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The file the problem is in (or the directory, when a file is missing).
    pub file: PathBuf,
    /// 1-based line number, when known.
    pub line: Option<usize>,
    /// What is wrong, in one line.
    pub message: String,
}

impl LoadError {
    pub fn new(file: impl AsRef<Path>, line: Option<usize>, message: impl Into<String>) -> Self {
        LoadError {
            file: file.as_ref().to_path_buf(),
            line,
            message: one_line(&message.into()),
        }
    }

    /// An error located at a byte offset of `text`, the contents of `file`.
    pub fn at(
        file: impl AsRef<Path>,
        text: &str,
        offset: usize,
        message: impl Into<String>,
    ) -> Self {
        Self::new(file, Some(line_of(text, offset)), message)
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file.display(), line, self.message),
            None => write!(f, "{}: {}", self.file.display(), self.message),
        }
    }
}

impl std::error::Error for LoadError {}

/// The 1-based line that byte `offset` of `text` falls on.
///
/// Counts from the start of `text`: for many offsets of one file (a loader
/// naming the line of every entry) use [`Lines`], which answers each in
/// logarithmic time (counting them one by one was a fifth of start-up).
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The lines of one text, to answer [`line_of`] for many offsets.
pub struct Lines {
    /// Byte offsets just past each `\n`, in order.
    breaks: Vec<usize>,
    len: usize,
}

impl Lines {
    pub fn new(text: &str) -> Lines {
        Lines {
            breaks: text
                .bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(k, _)| k + 1)
                .collect(),
            len: text.len(),
        }
    }

    /// What `line_of(text, offset)` answers.
    pub fn line(&self, offset: usize) -> usize {
        let end = offset.min(self.len);
        // The newlines strictly before `end`: those at k < end, i.e. whose
        // `k + 1 <= end`.
        self.breaks.partition_point(|&b| b <= end) + 1
    }
}

/// Turns a TOML parse error into a [`LoadError`] with its line.
pub fn from_toml(file: &Path, text: &str, err: toml::de::Error) -> LoadError {
    let line = err.span().map(|s| line_of(text, s.start));
    LoadError::new(file, line, err.message().to_string())
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_counted_from_one() {
        let text = "a\nb\nc";
        assert_eq!(line_of(text, 0), 1);
        assert_eq!(line_of(text, 2), 2);
        assert_eq!(line_of(text, 4), 3);
        assert_eq!(line_of(text, 99), 3);
        let lines = Lines::new(text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(lines.line(offset), line_of(text, offset), "offset {offset}");
        }
    }

    #[test]
    fn display_names_file_and_line() {
        let e = LoadError::new("data/x.toml", Some(3), "bad\nthing");
        assert_eq!(e.to_string(), "data/x.toml:3: bad thing");
    }
}
