//! The message splitter against Telegram's HTML rules, as the fake Bot API
//! enforces them (`support/html.rs`), and that validator against known
//! good and bad samples.

mod support;

use cspo_bot::engine::escape_html;
use cspo_bot::telegram::split::{MAX_MESSAGE_LEN, split_html, visible_len};
use support::html;

#[test]
fn the_validator_accepts_telegram_html() {
    assert_eq!(html::parse("<b>a</b> &amp; <i>b</i>").unwrap(), "a & b");
    assert_eq!(
        html::parse("<blockquote expandable>q</blockquote>").unwrap(),
        "q"
    );
    assert_eq!(
        html::parse("<pre><code class=\"language-rust\">x</code></pre>").unwrap(),
        "x"
    );
    assert_eq!(
        html::parse("<a href=\"https://t.me\">t</a>&#33;&#x21;&quot;").unwrap(),
        "t!!\""
    );
    assert_eq!(
        html::parse("<span class=\"tg-spoiler\">s</span><tg-spoiler>t</tg-spoiler>").unwrap(),
        "st"
    );
}

#[test]
fn the_validator_refuses_what_telegram_refuses() {
    for bad in [
        "<p>x</p>",
        "<b>x",
        "<b><i>x</b></i>",
        "a < b",
        "a > b",
        "AT&T",
        "&nbsp;",
        "</b>",
        "<span>x</span>",
        "<code><b>x</b></code>",
        "<blockquote><blockquote>x</blockquote></blockquote>",
        "<a>x</a>",
    ] {
        assert!(html::parse(bad).is_err(), "{bad:?} should be refused");
    }
}

/// Checks what Telegram would: each piece parses, fits, and is not empty;
/// and the pieces together say everything the original said.
fn check(original: &str, limit: usize) -> Vec<String> {
    let pieces = split_html(original, limit);
    for p in &pieces {
        let text = html::parse(p).unwrap_or_else(|e| panic!("piece does not parse ({e}): {p:?}"));
        assert!(
            html::tg_len(&text) <= limit,
            "piece too long: {}",
            html::tg_len(&text)
        );
        assert_eq!(
            visible_len(p),
            html::tg_len(&text),
            "the splitter counts as Telegram does"
        );
        assert!(!text.trim().is_empty());
    }
    let whole: String = html::parse(original).unwrap().split_whitespace().collect();
    let parts: String = pieces
        .iter()
        .map(|p| html::parse(p).unwrap())
        .collect::<String>()
        .split_whitespace()
        .collect();
    assert_eq!(whole, parts, "nothing lost or added");
    pieces
}

#[test]
fn a_long_answer_with_a_quote_splits_into_valid_messages() {
    let text = "🇯🇵 Japan & Norway joined in 2023 <with> Italy.\n".repeat(120);
    let quote = "“Just as our military defends our freedom & rights…”\n".repeat(60);
    let html = format!(
        "<b>Members</b>\n{}\n\n<blockquote expandable>{}</blockquote>",
        escape_html(&text),
        escape_html(&quote)
    );
    assert!(visible_len(&html) > 2 * MAX_MESSAGE_LEN);
    let pieces = check(&html, MAX_MESSAGE_LEN);
    assert!(pieces.len() >= 3);
    assert!(
        pieces
            .iter()
            .skip(1)
            .any(|p| p.starts_with("<blockquote expandable>")),
        "the quote is reopened after a cut"
    );
}

#[test]
fn lines_longer_than_a_message_are_cut_at_spaces_or_anywhere() {
    let words = escape_html(&"word&<> ".repeat(2000));
    check(&words, MAX_MESSAGE_LEN);
    let solid = format!("<i>{}</i>", "x&amp;".repeat(3000));
    check(&solid, MAX_MESSAGE_LEN);
}

#[test]
fn many_shapes_at_small_limits() {
    // A deterministic spread of shapes: nesting, entities, emoji, newlines.
    let samples = [
        "<b>bold <i>both</i></b> plain &amp; <code>c &lt; d</code>\nnext line",
        "<blockquote expandable>one\ntwo\nthree <b>four\nfive</b> six</blockquote>\nafter",
        "🇳🇴🇯🇵🇮🇹 flags\n\n\nand gaps",
        "<a href=\"https://example.org/?a=1&amp;b=2\">link text that is long</a> tail",
        "<pre><code>let x = a &lt; b;\nlet y = 2;</code></pre>",
    ];
    for s in samples {
        for limit in 2..40 {
            let repeated = format!("{s}\n").repeat(3);
            check(&repeated, limit);
        }
    }
}
