//! Deep links: `https://t.me/<bot>?start=<payload>` opens a private chat
//! with the bot, and pressing Start sends `/start <payload>`; the bot
//! answers the question the payload encodes.
//!
//! Telegram allows 1 to 64 characters of `A-Z a-z 0-9 _ -` in a payload.
//! The encoding keeps a question readable in the link:
//!
//! - letters and digits stand for themselves, a space is `_`;
//! - any other character is `-` and the two lowercase hex digits of each
//!   of its UTF-8 bytes (`?` is `-3f`, `é` is `-c3-a9`);
//! - a final `?` (and spaces around the question) are left out, since the
//!   engine does not need them.
//!
//! So "When did Japan join?" is `When_did_Japan_join`:
//! `https://t.me/yourbot?start=When_did_Japan_join`. A question whose
//! encoding is longer than 64 characters has no link ([`encode`] returns
//! `None`; `/share` says so). Decoding is strict: anything that is not
//! an encoding of some text is `None`, and `/start` then greets as usual.

/// Telegram's limit on a `start` payload.
pub const MAX_PAYLOAD: usize = 64;

/// The payload for `question`, if it fits.
pub fn encode(question: &str) -> Option<String> {
    let q = question.trim();
    let q = q.strip_suffix('?').unwrap_or(q).trim_end();
    if q.is_empty() {
        return None;
    }
    let mut out = String::new();
    for c in q.chars() {
        match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' => out.push(c),
            ' ' => out.push('_'),
            other => {
                let mut buf = [0u8; 4];
                for b in other.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("-{b:02x}"));
                }
            }
        }
        if out.len() > MAX_PAYLOAD {
            return None;
        }
    }
    Some(out)
}

/// The question a payload encodes (see the module doc).
pub fn decode(payload: &str) -> Option<String> {
    if payload.is_empty() || payload.len() > MAX_PAYLOAD {
        return None;
    }
    let mut bytes = Vec::with_capacity(payload.len());
    let mut it = payload.bytes();
    while let Some(b) = it.next() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => bytes.push(b),
            b'_' => bytes.push(b' '),
            b'-' => {
                let hi = (it.next()? as char).to_digit(16)?;
                let lo = (it.next()? as char).to_digit(16)?;
                bytes.push((hi * 16 + lo) as u8);
            }
            _ => return None,
        }
    }
    let text = String::from_utf8(bytes).ok()?;
    let text = text.trim();
    // Control characters never come from `encode` of a question.
    if text.is_empty() || text.chars().any(char::is_control) {
        return None;
    }
    Some(text.to_string())
}

/// The deep link that asks `question` of the bot `username`.
pub fn link(username: &str, question: &str) -> Option<String> {
    if username.is_empty() {
        return None;
    }
    encode(question).map(|p| format!("https://t.me/{username}?start={p}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_read_in_the_link() {
        assert_eq!(
            encode("When did Japan join?").as_deref(),
            Some("When_did_Japan_join")
        );
        assert_eq!(
            link("cspobot", "Who hosted it?").as_deref(),
            Some("https://t.me/cspobot?start=Who_hosted_it")
        );
        assert_eq!(
            encode("Is the U.K. a member?").as_deref(),
            Some("Is_the_U-2eK-2e_a_member")
        );
    }

    #[test]
    fn round_trips() {
        for q in [
            "When did Japan join",
            "Did they talk about debris?",
            "Who said \"jaw-dropping speed\"?",
            "Quand la France a-t-elle rejoint ?",
            "when did 🇩🇪 join",
            "Which joined first, Italy or Canada",
        ] {
            let p = encode(q).unwrap_or_else(|| panic!("{q}"));
            assert!(p.len() <= MAX_PAYLOAD, "{p}");
            assert!(
                p.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'),
                "{p}"
            );
            let back = decode(&p).unwrap();
            let want = q.trim().strip_suffix('?').unwrap_or(q).trim_end();
            assert_eq!(back, want);
        }
    }

    #[test]
    fn long_questions_have_no_link() {
        let q = "Which of the members joined after the United Kingdom and before Japan?";
        assert!(encode(q).is_none());
        assert!(encode("   ").is_none());
        assert!(encode("?").is_none());
    }

    #[test]
    fn garbage_payloads_decode_to_nothing() {
        for p in [
            "",
            "-",
            "-4",
            "-zz",
            "a b",
            "a%20b",
            "-ff-fe",
            "-0a",
            "___",
            &"a".repeat(65),
        ] {
            assert_eq!(decode(p), None, "{p:?}");
        }
    }
}
