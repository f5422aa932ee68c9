//! Splitting Telegram HTML into messages that fit Telegram's length limit.
//!
//! Telegram accepts at most 4096 characters per message, counted after
//! entity parsing: tags count nothing and an entity such as `&amp;` counts
//! as one character. [`split_html`] cuts a longer text at a line break (or,
//! failing that, at a space, or between two characters), never inside a tag
//! or an entity. When a cut falls inside `<b>…</b>` or a blockquote, the
//! open tags are closed at the end of one piece and reopened at the start of
//! the next, so every piece is valid HTML on its own.
//!
//! Lengths are measured in UTF-16 code units, the unit Telegram uses for
//! entity offsets; this never undercounts characters.

/// Telegram's limit on the text of one message.
pub const MAX_MESSAGE_LEN: usize = 4096;

/// One lexical piece of Telegram HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token<'a> {
    /// `<b>`, `<blockquote expandable>`, `<a href="…">`: the raw tag and its name.
    Open { raw: &'a str, name: &'a str },
    /// `</b>`.
    Close { raw: &'a str },
    /// An entity (`&amp;`) or one character.
    Text { raw: &'a str, len: usize },
}

impl Token<'_> {
    fn len(&self) -> usize {
        match self {
            Token::Text { len, .. } => *len,
            _ => 0,
        }
    }

    fn raw(&self) -> &str {
        match self {
            Token::Open { raw, .. } | Token::Close { raw } | Token::Text { raw, .. } => raw,
        }
    }

    fn is_space(&self) -> bool {
        matches!(self, Token::Text { raw, .. } if raw.chars().all(char::is_whitespace))
    }
}

/// Splits `html` into the tokens above. Input is trusted to be well formed
/// (it is our own output); a stray `<` or `&` is kept as a character.
fn tokenize(html: &str) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity(html.len());
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        let (tok, used) = match c {
            '<' => match rest.find('>') {
                Some(end) => {
                    let raw = &rest[..=end];
                    if raw.starts_with("</") {
                        (Token::Close { raw }, end + 1)
                    } else {
                        let inner = &raw[1..raw.len() - 1];
                        let name = inner
                            .split(|c: char| c.is_whitespace())
                            .next()
                            .unwrap_or("");
                        (Token::Open { raw, name }, end + 1)
                    }
                }
                None => (
                    Token::Text {
                        raw: &rest[..1],
                        len: 1,
                    },
                    1,
                ),
            },
            '&' => match rest[1..].find(';').filter(|&i| i <= 10) {
                Some(i)
                    if rest[1..=i]
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '#')
                        && i > 0 =>
                {
                    (
                        Token::Text {
                            raw: &rest[..i + 2],
                            len: 1,
                        },
                        i + 2,
                    )
                }
                _ => (
                    Token::Text {
                        raw: &rest[..1],
                        len: 1,
                    },
                    1,
                ),
            },
            _ => {
                let n = c.len_utf8();
                (
                    Token::Text {
                        raw: &rest[..n],
                        len: c.len_utf16(),
                    },
                    n,
                )
            }
        };
        out.push(tok);
        rest = &rest[used..];
    }
    out
}

/// The length Telegram sees: text after entity parsing, in UTF-16 units.
pub fn visible_len(html: &str) -> usize {
    tokenize(html).iter().map(Token::len).sum()
}

/// A place where a piece may end: the token index of the separator, the
/// open tags there and the visible length before it.
#[derive(Clone)]
struct Cut<'a> {
    at: usize,
    open: Vec<Token<'a>>,
    len: usize,
}

/// Splits `html` into pieces of at most `limit` visible characters (see the
/// module doc). Text that fits is returned as one piece; pieces with nothing
/// visible in them are dropped. `limit` must be at least 2.
pub fn split_html(html: &str, limit: usize) -> Vec<String> {
    let limit = limit.max(2);
    if html.len() <= limit {
        return whole(html);
    }
    let tokens = tokenize(html);
    let mut pieces = Vec::new();
    let mut open: Vec<Token> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let prefix: String = open.iter().map(Token::raw).collect();
        let mut stack = open.clone();
        let (mut len, mut j) = (0, i);
        let (mut newline, mut space): (Option<Cut>, Option<Cut>) = (None, None);
        while j < tokens.len() && len + tokens[j].len() <= limit {
            match tokens[j] {
                t @ Token::Open { .. } => stack.push(t),
                Token::Close { .. } => {
                    stack.pop();
                }
                Token::Text { raw, .. } => {
                    if raw == "\n" {
                        newline = Some(Cut {
                            at: j,
                            open: stack.clone(),
                            len,
                        });
                    } else if raw == " " {
                        space = Some(Cut {
                            at: j,
                            open: stack.clone(),
                            len,
                        });
                    }
                }
            }
            len += tokens[j].len();
            j += 1;
        }
        if j == tokens.len() {
            let body = tokens[i..j].iter().map(Token::raw).collect();
            let visible = has_visible(&tokens[i..j]);
            push_piece(&mut pieces, prefix, body, &stack, visible);
            break;
        }
        // The separator that did not fit is dropped at a cut, so it is the best
        // place of all.
        if let Token::Text { raw, .. } = tokens[j] {
            let here = Some(Cut {
                at: j,
                open: stack.clone(),
                len,
            });
            match raw {
                "\n" => newline = here,
                " " if newline.as_ref().is_none_or(|n| n.len < limit / 2) => space = here,
                _ => {}
            }
        }
        // Too long: prefer a line break in the second half of the piece, then
        // a space there, then any line break or space, then a hard cut.
        let half = limit / 2;
        let choice = match (&newline, &space) {
            (Some(n), _) if n.len >= half => Some(n.clone()),
            (_, Some(s)) if s.len >= half => Some(s.clone()),
            (Some(n), _) if n.at > i => Some(n.clone()),
            (_, Some(s)) if s.at > i => Some(s.clone()),
            _ => None,
        };
        let (end, next, skip) = match choice {
            Some(cut) => (cut.at, cut.open, 1),
            None => (j.max(i + 1), stack, 0),
        };
        let body = tokens[i..end].iter().map(Token::raw).collect();
        let visible = has_visible(&tokens[i..end]);
        push_piece(&mut pieces, prefix, body, &next, visible);
        open = next;
        i = end + skip;
        // A piece does not start with blank space.
        while i < tokens.len() && tokens[i].is_space() {
            i += 1;
        }
    }
    pieces
}

/// Whether any of `tokens` shows something other than blank space.
fn has_visible(tokens: &[Token]) -> bool {
    tokens
        .iter()
        .any(|t| matches!(t, Token::Text { .. }) && !t.is_space())
}

/// [`split_html`] of a text that fits: no UTF-16 count exceeds the UTF-8
/// byte count, so a text of at most `limit` bytes is one piece (the usual
/// case: an answer). The same piece as the general path, without its
/// candidate cuts.
fn whole(html: &str) -> Vec<String> {
    let mut open: Vec<Token> = Vec::new();
    let mut visible = false;
    for t in tokenize(html) {
        match t {
            Token::Open { .. } => open.push(t),
            Token::Close { .. } => {
                open.pop();
            }
            Token::Text { .. } => visible |= !t.is_space(),
        }
    }
    let mut pieces = Vec::new();
    push_piece(&mut pieces, String::new(), html.to_string(), &open, visible);
    pieces
}

fn push_piece(
    pieces: &mut Vec<String>,
    prefix: String,
    body: String,
    still_open: &[Token],
    visible: bool,
) {
    if !visible {
        return;
    }
    let mut piece = prefix;
    piece.push_str(&body);
    for t in still_open.iter().rev() {
        if let Token::Open { name, .. } = t {
            piece.push_str("</");
            piece.push_str(name);
            piece.push('>');
        }
    }
    pieces.push(piece);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_one_piece() {
        assert_eq!(
            split_html("Hello <b>world</b> &amp; all", 4096),
            vec!["Hello <b>world</b> &amp; all"]
        );
        assert!(split_html("", 4096).is_empty());
        assert!(split_html(" \n ", 4096).is_empty());
    }

    #[test]
    fn entities_and_tags_do_not_count() {
        assert_eq!(visible_len("<b>a</b>&amp;&lt;"), 3);
        assert_eq!(visible_len("🇯🇵"), 4);
        assert_eq!(visible_len("é"), 1);
    }

    #[test]
    fn cuts_at_line_breaks() {
        let html = "aaaa\nbbbb\ncccc";
        assert_eq!(split_html(html, 9), vec!["aaaa\nbbbb", "cccc"]);
    }

    #[test]
    fn reopens_tags_across_a_cut() {
        let html = "<blockquote expandable>aaaa\nbbbb\n<b>cc\ndd</b></blockquote>";
        let pieces = split_html(html, 9);
        assert_eq!(
            pieces,
            vec![
                "<blockquote expandable>aaaa\nbbbb</blockquote>",
                "<blockquote expandable><b>cc\ndd</b></blockquote>",
            ]
        );
    }

    #[test]
    fn never_cuts_an_entity() {
        let html = "&amp;".repeat(10);
        let pieces = split_html(&html, 3);
        assert!(
            pieces
                .iter()
                .all(|p| p.len() % 5 == 0 && visible_len(p) <= 3),
            "{pieces:?}"
        );
        assert_eq!(pieces.concat(), html);
    }

    #[test]
    fn falls_back_to_spaces_then_hard_cuts() {
        assert_eq!(split_html("aaa bbb ccc", 7), vec!["aaa bbb", "ccc"]);
        assert_eq!(split_html("abcdefgh", 3), vec!["abc", "def", "gh"]);
    }

    #[test]
    fn long_answer_fits_telegram() {
        let line = "The member countries are Australia, Canada & France.\n";
        let html = format!(
            "<b>Title</b>\n{}",
            crate::engine::escape_html(&line.repeat(200))
        );
        let pieces = split_html(&html, MAX_MESSAGE_LEN);
        assert!(pieces.len() >= 3);
        for p in &pieces {
            assert!(visible_len(p) <= MAX_MESSAGE_LEN);
            assert!(!p.starts_with('\n'));
        }
    }
}
