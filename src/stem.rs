//! The stemmer of quote search: words of a question and of a quote meet
//! when their stems do ("defends" and "defend", "threats" and "threat").

/// Words that carry no meaning for quote search.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "an",
    "and",
    "are",
    "as",
    "at",
    "be",
    "by",
    "for",
    "from",
    "has",
    "have",
    "how",
    "in",
    "is",
    "it",
    "its",
    "of",
    "on",
    "or",
    "our",
    "said",
    "say",
    "says",
    "saying",
    "that",
    "the",
    "their",
    "them",
    "they",
    "this",
    "to",
    "was",
    "we",
    "were",
    "what",
    "which",
    "who",
    "will",
    "with",
    "would",
    "you",
    "your",
    "something",
    "thing",
    "things",
    "words",
    "quote",
    "line",
    "talked",
    "talk",
    "mentioned",
    "spoke",
    "speak",
    "must",
    "us",
    "usa",
    "space",
    "all",
    "his",
    "her",
    "he",
    "she",
    "i",
    "me",
    "my",
    "do",
    "did",
    "does",
    "not",
    "no",
    "just",
];

/// A crude stem, so "defends" meets "defend" and "threats" meets "threat".
fn stem(w: &str) -> &str {
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(s) = w.strip_suffix(suffix) {
            if s.len() >= 4 {
                // "deterring" -> "deterr" -> "deter"; bytes, not chars,
                // are compared, so only an ASCII letter can be doubled.
                let b = s.as_bytes();
                let last = b[b.len() - 1];
                let doubled =
                    last.is_ascii() && last == b[b.len() - 2] && !b"aeiousl".contains(&last);
                return if doubled { &s[..s.len() - 1] } else { s };
            }
        }
    }
    w
}

/// The words of `text` that say what it is about: lowercase, no
/// stopwords, stemmed, sorted and deduplicated. Quotes have theirs
/// precomputed in [`crate::facts::Quote::words`].
pub fn content_words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .map(|w| w.to_lowercase())
        .filter(|w| !w.is_empty() && !STOPWORDS.contains(&w.as_str()))
        .map(|w| stem(&w).to_string())
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_conservative() {
        assert_eq!(stem("defends"), "defend");
        assert_eq!(stem("threats"), "threat");
        assert_eq!(stem("is"), "is");
        assert_eq!(stem("deterring"), "deter");
        assert_eq!(stem("passing"), "pass");
    }

    #[test]
    fn stems_cut_at_character_boundaries() {
        // "人" ends in the bytes BA BA, which once read as a doubled letter.
        assert_eq!(stem("a人ing"), "a人");
        assert_eq!(stem("人人es"), "人人");
        assert_eq!(stem("stopped"), "stop");
    }

    #[test]
    fn stems_never_cut_inside_a_character() {
        assert_eq!(stem("a人ed"), "a人");
        assert_eq!(stem("人人人人ed"), "人人人人");
        assert_eq!(content_words("a人ed"), vec!["a人".to_string()]);
    }
}
