//! Inline mode: `@thisbot question` in any chat offers the answer as a
//! result the user can send.
//!
//! Inline answers are stateless: there is no conversation to lean on, so
//! each query gets a fresh [`Context`], and the results are the same for
//! everybody (`is_personal = false`), which lets Telegram cache them for
//! [`CACHE_SECS`]. A question the engine does not understand gets a result
//! that says so, with example questions, followed by the answers to those
//! examples; an empty query gets the examples' answers alone. Telegram
//! allows at most [`MAX_RESULTS`] results; we never offer more than a few.
//!
//! An answer's result carries its follow-up buttons. The message it sends
//! is an inline-mode message, in a chat the bot may not be in, so a press
//! cannot be answered there: it opens the bot's private chat through the
//! question's deep link instead (see `handlers::on_callback`).

use super::api::Api;
use super::handlers::HandlerResult;
use super::keyboard;
use super::replies;
use super::split::{MAX_MESSAGE_LEN, split_html};
use super::state::App;
use crate::engine::{Answer, Context, Engine};
use std::sync::Arc;
use teloxide::payloads::{AnswerInlineQuery, AnswerInlineQuerySetters as _};
use teloxide::types::{
    InlineQuery, InlineQueryResult, InlineQueryResultArticle, InputMessageContent,
    InputMessageContentText, ParseMode,
};

/// Telegram's limit on results per answer.
pub const MAX_RESULTS: usize = 50;

/// How long Telegram may cache a query's results. The answers change only
/// when the bot is redeployed with new data, so a few minutes is safe and
/// spares the bot the keystroke-by-keystroke queries of popular questions.
pub const CACHE_SECS: u32 = 300;

/// Telegram's limit on an inline query, in characters; anything longer
/// (which Telegram never sends) is cut.
pub const MAX_QUERY_CHARS: usize = 256;

/// Longest title and description shown in the results list.
const TITLE_CHARS: usize = 64;
const DESCRIPTION_CHARS: usize = 120;

fn clip(s: &str, max: usize) -> String {
    let line = s
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    if line.chars().count() <= max {
        line.to_string()
    } else {
        format!(
            "{}…",
            line.chars().take(max - 1).collect::<String>().trim_end()
        )
    }
}

/// The message sent when a result is chosen: the question in bold, then the
/// answer (so readers of the chat see what was asked), within one message.
fn article(id: String, question: &str, a: &Answer) -> InlineQueryResult {
    let html = replies::with_question(question, &a.html);
    let text = split_html(&html, MAX_MESSAGE_LEN)
        .into_iter()
        .next()
        .unwrap_or_default();
    let content =
        InputMessageContent::Text(InputMessageContentText::new(text).parse_mode(ParseMode::Html));
    let mut result = InlineQueryResultArticle::new(id, clip(question, TITLE_CHARS), content)
        .description(clip(&a.text, DESCRIPTION_CHARS));
    // Only questions that travel whole: a hashed one would need the chat's
    // memory, and an inline-mode message belongs to no chat of the bot's.
    let linkable: Vec<String> = a
        .followups
        .iter()
        .filter(|q| !keyboard::needs_hash(q))
        .cloned()
        .collect();
    if let Some(kb) = keyboard::followups(&linkable) {
        result = result.reply_markup(kb);
    }
    InlineQueryResult::Article(result)
}

/// The results for `query`, in its language; `hint` is the asker's
/// `language_code` (it also picks the examples' language for an empty
/// query).
pub fn results(engine: &Engine, query: &str, hint: Option<&str>) -> Vec<InlineQueryResult> {
    let query = query.trim();
    let mut out = Vec::new();
    // The examples and titles in the query's language, else the asker's.
    let mut code = hint.map(str::to_string);
    if !query.is_empty() {
        let a = engine.answer_hinted(query, &mut Context::default(), hint);
        super::handlers::count_answer(&a, super::handlers::Surface::Inline);
        if a.understood() {
            return vec![article("answer".into(), query, &a)];
        }
        code = engine
            .language(query, hint)
            .map(|l| l.code().to_string())
            .or(code);
        let content = InputMessageContent::Text(
            InputMessageContentText::new(a.html.clone()).parse_mode(ParseMode::Html),
        );
        let title = replies::pack(engine, code.as_deref())
            .and_then(|p| p.render.text("inline-declined"))
            .unwrap_or_else(|| "I can't answer that yet: try an example".into());
        out.push(InlineQueryResult::Article(
            InlineQueryResultArticle::new("declined", title, content)
                .description(clip(&a.text, DESCRIPTION_CHARS)),
        ));
    }
    for (i, example) in replies::examples_for(engine, code.as_deref())
        .iter()
        .enumerate()
        .take(MAX_RESULTS - 1)
    {
        let a = engine.answer_hinted(example, &mut Context::default(), code.as_deref());
        if a.understood() {
            out.push(article(format!("example-{i}"), example, &a));
        }
    }
    out.truncate(MAX_RESULTS);
    out
}

pub async fn on_inline_query(api: Api, app: Arc<App>, q: InlineQuery) -> HandlerResult {
    tracing::debug!(query = q.query, "inline query");
    let engine = app.engine();
    let query: String = q.query.chars().take(MAX_QUERY_CHARS).collect();
    let hint = q.from.language_code.clone();
    let results =
        tokio::task::spawn_blocking(move || results(&engine, &query, hint.as_deref())).await?;
    tracing::info!(results = results.len(), "inline query answered");
    api.deliver(
        &AnswerInlineQuery::new(q.id.clone(), results)
            .cache_time(CACHE_SECS)
            .is_personal(false),
    )
    .await?;
    Ok(())
}
