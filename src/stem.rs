//! The one stemmer: words of a question meet the words of a quote (quote
//! search) or of an article sentence (the article search) when their stems
//! do ("defends" and "defend", "threats" and "threat", "policies" and
//! "policy").

/// A light stemmer that makes the forms of one word meet: plurals, -ed,
/// -ing and a final -e ("challenges", "challenge" -> "challeng";
/// "deterring", "deter" -> "deter").
pub fn stem(w: &str) -> String {
    let mut s = w;
    if s.len() > 3 && s.ends_with("ies") {
        return format!("{}y", &s[..s.len() - 3]);
    }
    if s.len() > 3
        && s.ends_with('s')
        && !s.ends_with("ss")
        && !s.ends_with("us")
        && !s.ends_with("is")
    {
        s = &s[..s.len() - 1];
    }
    for suffix in ["ing", "ed"] {
        if let Some(rest) = s.strip_suffix(suffix)
            && rest.len() >= 4
        {
            s = undouble(rest);
            break;
        }
    }
    s.strip_suffix('e')
        .filter(|r| r.len() >= 4)
        .unwrap_or(s)
        .to_string()
}

/// "deterr" -> "deter": drops the last letter when it doubles the one
/// before, unless it is a vowel, s or l. Compares characters, not bytes:
/// the last bytes of one multi-byte character ("人" is E4 BA BA) are no
/// doubled letter, and cutting between them would split the character.
fn undouble(w: &str) -> &str {
    let mut last = w.chars().rev();
    match (last.next(), last.next()) {
        (Some(a), Some(b)) if a == b && a.is_ascii() && !"aeiousl".contains(a) => {
            &w[..w.len() - a.len_utf8()]
        }
        _ => w,
    }
}

/// The words of `text` that say what it is about: lowercase, none of
/// `stopwords` (the quote search's, in `grammar.toml`), stemmed, sorted and
/// deduplicated. Quotes have theirs precomputed in
/// [`crate::facts::Quote::words`].
pub fn content_words(text: &str, stopwords: &[String]) -> Vec<String> {
    let mut out: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .map(|w| w.to_lowercase())
        .filter(|w| !w.is_empty() && !stopwords.contains(w))
        .map(|w| stem(&w))
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
        assert_eq!(content_words("a人ed", &[]), vec!["a人".to_string()]);
    }
}
