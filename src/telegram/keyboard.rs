//! Follow-up buttons: an inline keyboard of suggested next questions, and
//! the callback data that tells which one was pressed.
//!
//! Telegram allows 1 to 64 bytes of callback data. A question that fits is
//! carried whole (`q:When did Japan join?`), so its button keeps working
//! after a restart; a longer one is carried as a 64-bit hash (`h:<16 hex>`)
//! and looked up among the questions recently offered in that chat
//! ([`crate::telegram::state::ChatMemory`]). Anything else is stale or
//! forged, and is answered with a short apology.

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

/// Telegram's limit on callback data, in bytes.
pub const MAX_CALLBACK_DATA: usize = 64;

/// At most this many follow-up buttons are shown.
pub const MAX_BUTTONS: usize = 3;

/// What a pressed button carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pressed {
    Question(String),
    Hashed(u64),
    Unknown,
}

/// FNV-1a, 64 bits: stable across builds and platforms, unlike std's hasher,
/// so hashed buttons survive a restart with `--store sqlite:`.
pub fn hash(question: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in question.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Whether `question` is too long to travel in callback data.
pub fn needs_hash(question: &str) -> bool {
    2 + question.len() > MAX_CALLBACK_DATA
}

/// The callback data of a button that asks `question`.
pub fn encode(question: &str) -> String {
    if needs_hash(question) {
        format!("h:{:016x}", hash(question))
    } else {
        format!("q:{question}")
    }
}

/// Reads callback data written by [`encode`].
pub fn decode(data: &str) -> Pressed {
    if let Some(q) = data.strip_prefix("q:")
        && !q.trim().is_empty()
    {
        return Pressed::Question(q.to_string());
    }
    if let Some(h) = data.strip_prefix("h:")
        && h.len() == 16
        && let Ok(v) = u64::from_str_radix(h, 16)
    {
        return Pressed::Hashed(v);
    }
    Pressed::Unknown
}

/// One button per row for each of the first [`MAX_BUTTONS`] questions;
/// `None` when there are none.
pub fn followups(questions: &[String]) -> Option<InlineKeyboardMarkup> {
    let rows: Vec<Vec<InlineKeyboardButton>> = questions
        .iter()
        .filter(|q| !q.trim().is_empty())
        .take(MAX_BUTTONS)
        .map(|q| vec![InlineKeyboardButton::callback(q.clone(), encode(q))])
        .collect();
    (!rows.is_empty()).then(|| InlineKeyboardMarkup::new(rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_questions_travel_whole() {
        let d = encode("When did Japan join?");
        assert_eq!(d, "q:When did Japan join?");
        assert_eq!(decode(&d), Pressed::Question("When did Japan join?".into()));
    }

    #[test]
    fn long_questions_travel_as_hashes_within_64_bytes() {
        let q = "Which of the members joined after the United Kingdom, and who hosted the meeting?";
        let d = encode(q);
        assert!(d.len() <= MAX_CALLBACK_DATA);
        assert_eq!(decode(&d), Pressed::Hashed(hash(q)));
        // Multi-byte text counts in bytes.
        let q = "Когда Япония присоединилась к инициативе?";
        assert!(q.chars().count() < 62 && needs_hash(q));
        assert!(encode(q).len() <= MAX_CALLBACK_DATA);
    }

    #[test]
    fn garbage_is_unknown() {
        for d in [
            "",
            "x",
            "q:",
            "q:  ",
            "h:123",
            "h:zzzzzzzzzzzzzzzz",
            "hello",
        ] {
            assert_eq!(decode(d), Pressed::Unknown, "{d:?}");
        }
    }

    #[test]
    fn keyboard_has_at_most_three_buttons() {
        let qs: Vec<String> = (0..5).map(|i| format!("Question {i}?")).collect();
        let kb = followups(&qs).unwrap();
        assert_eq!(kb.inline_keyboard.len(), 3);
        assert!(followups(&[]).is_none());
    }

    #[test]
    fn hash_is_stable() {
        assert_eq!(hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(hash("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
