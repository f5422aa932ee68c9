//! A fake Telegram Bot API server for end-to-end tests.
//!
//! It listens on `127.0.0.1:0`, serves `/bot<token>/<method>` (teloxide
//! writes method names in PascalCase; Telegram, and this fake, ignore the
//! case), answers in the Bot API's JSON (`{"ok":true,"result":…}`, errors
//! with `error_code`, `description` and `parameters.retry_after`), long-polls
//! `getUpdates` with offsets, records every call, and validates what the bot
//! sends the way Telegram does: known chats, replies to existing messages,
//! topics that exist, HTML that parses, at most 4096 characters, callback
//! data within 64 bytes, each callback and inline query answered once, at
//! most 50 inline results with unique ids.
//!
//! Tests drive it with the builders below (`private_chat`, `text`, `push`,
//! `press`, `inline_query`) and read it with `sent`, `calls` and the `wait_*`
//! helpers. [`Fault`]s can be injected per method to simulate rate limits,
//! server errors and slow responses.
//!
//! Like Telegram, it answers `getUpdates` with 409 Conflict while a webhook
//! is set, and a `getUpdates` that a newer one overtakes (two pollers)
//! with 409 too. Several bots can share one fake and be told apart: a bot
//! whose `TELOXIDE_API_URL` is [`FakeApi::url_for`]`("r1")` has its calls
//! and messages marked `client: Some("r1")`.

use super::html;
use axum::body::Bytes;
use axum::extract::{Path, State as Extract};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::{Json, Router};
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The token the fake accepts unless told otherwise.
pub const TOKEN: &str = "123456789:AAHfakeTOKENforTESTSonly-abcdefghijklm";
/// The bot's id and username.
pub const BOT_ID: i64 = 4242;
pub const BOT_USERNAME: &str = "cspo_test_bot";

/// The methods the fake knows, in Telegram's spelling.
const METHODS: &[&str] = &[
    "getMe",
    "getUpdates",
    "getWebhookInfo",
    "setWebhook",
    "deleteWebhook",
    "setMyCommands",
    "sendMessage",
    "sendChatAction",
    "answerCallbackQuery",
    "answerInlineQuery",
    "close",
    "logOut",
];

/// A fault to inject into the next calls of a method.
#[derive(Debug, Clone)]
pub enum Fault {
    /// 429 Too Many Requests with `parameters.retry_after`; not done.
    RetryAfter(u32),
    /// A 5xx answer with a non-JSON body, like a failing proxy; not done.
    ServerError(u16),
    /// Answer normally, after a delay.
    Delay(Duration),
    /// Wait, then answer 504 without doing anything: to a client with a
    /// shorter timeout, a server that never answered.
    Hang(Duration),
    /// Do the call at once, but answer only after a delay: to a client with
    /// a shorter timeout, a call that was done though it never heard so.
    SlowAnswer(Duration),
    /// Do the call, start a 200 answer, and drop the connection half-way
    /// through the body.
    Reset,
    /// Do the call and answer 200 with a body that is not valid JSON.
    Malformed,
}

impl Fault {
    fn name(&self) -> &'static str {
        match self {
            Fault::RetryAfter(_) => "retry_after",
            Fault::ServerError(_) => "server_error",
            Fault::Delay(_) => "delay",
            Fault::Hang(_) => "hang",
            Fault::SlowAnswer(_) => "slow_answer",
            Fault::Reset => "reset",
            Fault::Malformed => "malformed",
        }
    }
}

/// One call the bot made.
#[derive(Debug, Clone)]
pub struct Call {
    pub method: String,
    pub params: Value,
    /// The HTTP status and the JSON answered (`Value::Null` while pending).
    pub status: u16,
    pub response: Value,
    pub at: Instant,
    /// Which bot made it ([`FakeApi::url_for`]).
    pub client: Option<String>,
    /// The fault injected into this call, if any.
    pub fault: Option<&'static str>,
}

impl Call {
    pub fn ok(&self) -> bool {
        self.status == 200
    }
}

/// A message the bot sent.
#[derive(Debug, Clone)]
pub struct Sent {
    pub params: Value,
    /// The message as the fake answered it (what the bot would see).
    pub message: Value,
    pub chat: i64,
    /// The raw (HTML) text sent.
    pub html: String,
    /// The text after entity parsing.
    pub text: String,
    /// Which bot sent it ([`FakeApi::url_for`]).
    pub client: Option<String>,
}

impl Sent {
    pub fn reply_to(&self) -> Option<i64> {
        self.params
            .pointer("/reply_parameters/message_id")
            .and_then(Value::as_i64)
    }
    pub fn thread(&self) -> Option<i64> {
        self.params.get("message_thread_id").and_then(Value::as_i64)
    }
    /// The callback data of the buttons, row by row.
    pub fn buttons(&self) -> Vec<(String, String)> {
        let rows = self
            .params
            .pointer("/reply_markup/inline_keyboard")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        rows.iter()
            .flat_map(|r| r.as_array().cloned().unwrap_or_default())
            .map(|b| {
                (
                    b["text"].as_str().unwrap_or_default().to_string(),
                    b["callback_data"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect()
    }
}

/// A chat the test created.
#[derive(Debug, Clone)]
pub struct Chat {
    pub id: i64,
    pub json: Value,
}

/// A new user, with an id no other test in this process uses, so tests
/// sharing one bot never share a conversation.
pub fn user(first_name: &str) -> Value {
    json!({"id": 10_000 + unique(), "is_bot": false, "first_name": first_name, "language_code": "en"})
}

/// A number no other caller in this process gets.
fn unique() -> i64 {
    use std::sync::atomic::{AtomicI64, Ordering};
    static NEXT: AtomicI64 = AtomicI64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

#[derive(Default)]
struct World {
    token: String,
    updates: VecDeque<(i64, Value)>,
    next_update: i64,
    next_message: i64,
    chats: HashMap<i64, Value>,
    /// (chat, message id) of every message that exists.
    messages: HashSet<(i64, i64)>,
    /// (chat, thread id) of every forum topic.
    topics: HashSet<(i64, i64)>,
    callbacks: HashMap<String, bool>,
    inline_queries: HashMap<String, bool>,
    webhook: Option<(String, Option<String>)>,
    calls: Vec<Call>,
    sent: Vec<Sent>,
    faults: HashMap<String, VecDeque<Fault>>,
    /// The highest offset any getUpdates confirmed with.
    confirmed: i64,
    /// Counts getUpdates calls: a waiting one that sees a newer one
    /// answers 409, as Telegram does.
    polls: u64,
    /// Every update ever queued, for [`FakeApi::redeliver`].
    history: Vec<(i64, Value)>,
    /// Wakes long polls when an update is queued, so a waiting bot gets
    /// it at once (as from Telegram), not at the poll loop's next tick:
    /// the end-to-end benchmark times answers from the moment of queueing.
    wake: Arc<tokio::sync::Notify>,
}

/// The fake server. Dropping it stops it.
pub struct FakeApi {
    pub addr: SocketAddr,
    state: Arc<Mutex<World>>,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for FakeApi {
    fn drop(&mut self) {
        self.server.abort();
    }
}

type Shared = Arc<Mutex<World>>;

fn lock(s: &Shared) -> std::sync::MutexGuard<'_, World> {
    s.lock().unwrap_or_else(|p| p.into_inner())
}

impl FakeApi {
    /// Starts a fake that accepts [`TOKEN`].
    pub async fn start() -> FakeApi {
        let state = Arc::new(Mutex::new(World {
            token: TOKEN.into(),
            next_update: 1,
            next_message: 100,
            ..World::default()
        }));
        let app = Router::new()
            .route("/{*path}", any(handle))
            .with_state(Arc::clone(&state));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the fake Bot API");
        let addr = listener.local_addr().unwrap();
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FakeApi {
            addr,
            state,
            server,
        }
    }

    /// The value for `TELOXIDE_API_URL`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// The value for `TELOXIDE_API_URL` of a bot whose calls are marked
    /// as `client`'s (letters and digits).
    pub fn url_for(&self, client: &str) -> String {
        format!("http://{}/{client}/", self.addr)
    }

    /// The calls of `method` that `client` made.
    pub fn calls_by(&self, client: &str, method: &str) -> Vec<Call> {
        self.calls(method)
            .into_iter()
            .filter(|c| c.client.as_deref() == Some(client))
            .collect()
    }

    /// Injects `fault` into the next call of `method` (repeat to stack).
    pub fn inject(&self, method: &str, fault: Fault) {
        lock(&self.state)
            .faults
            .entry(canonical(method).unwrap_or(method).to_string())
            .or_default()
            .push_back(fault);
    }

    // ---- building the world ------------------------------------------

    fn register_chat(&self, json: Value) -> Chat {
        let id = json["id"].as_i64().unwrap();
        lock(&self.state).chats.insert(id, json.clone());
        Chat { id, json }
    }

    pub fn private_chat(&self, user: &Value) -> Chat {
        self.register_chat(
            json!({"id": user["id"], "type": "private", "first_name": user["first_name"]}),
        )
    }

    /// A new supergroup (with an id of Telegram's `-100…` form).
    pub fn group(&self, title: &str) -> Chat {
        let id = -1_000_000_000_000 - unique();
        self.register_chat(json!({"id": id, "type": "supergroup", "title": title}))
    }

    /// A new supergroup with topics.
    pub fn forum(&self, title: &str) -> Chat {
        let id = -1_000_000_000_000 - unique();
        self.register_chat(
            json!({"id": id, "type": "supergroup", "title": title, "is_forum": true}),
        )
    }

    /// Opens a topic in a forum; returns its service message (the root of
    /// the thread, which every message in the topic replies to).
    pub fn open_topic(&self, forum: &Chat, name: &str, creator: &Value) -> Value {
        let mut s = lock(&self.state);
        s.next_message += 1;
        let id = s.next_message;
        s.messages.insert((forum.id, id));
        s.topics.insert((forum.id, id));
        json!({
            "message_id": id, "message_thread_id": id, "date": now(), "chat": forum.json, "from": creator,
            "forum_topic_created": {"name": name, "icon_color": 7322096}
        })
    }

    /// A text message from `from` in `chat`, with the entities Telegram
    /// would detect (`/command` at the start, `@mentions`). Not yet sent:
    /// adjust it, then [`FakeApi::push`] it.
    pub fn text(&self, chat: &Chat, from: &Value, text: &str) -> Value {
        let id = {
            let mut s = lock(&self.state);
            s.next_message += 1;
            s.next_message
        };
        let mut m =
            json!({"message_id": id, "date": now(), "chat": chat.json, "from": from, "text": text});
        let entities = entities(text);
        if !entities.is_empty() {
            m["entities"] = Value::Array(entities);
        }
        m
    }

    /// A message without text (a photo).
    pub fn photo(&self, chat: &Chat, from: &Value) -> Value {
        let mut m = self.text(chat, from, "");
        let o = m.as_object_mut().unwrap();
        o.remove("text");
        o.insert("photo".into(), json!([{"file_id": "AgADphoto", "file_unique_id": "uphoto", "width": 90, "height": 90}]));
        m
    }

    /// Puts `message` in a forum topic (as Telegram does: a reply to the
    /// topic's root, flagged as a topic message).
    pub fn in_topic(mut message: Value, root: &Value) -> Value {
        message["message_thread_id"] = root["message_id"].clone();
        message["is_topic_message"] = json!(true);
        message["reply_to_message"] = root.clone();
        message
    }

    /// Delivers a message; returns its id.
    pub fn push(&self, message: Value) -> i64 {
        let id = message["message_id"].as_i64().unwrap();
        let chat = message["chat"]["id"].as_i64().unwrap();
        lock(&self.state).messages.insert((chat, id));
        self.push_update("message", message);
        id
    }

    /// Presses a button under `sent` with `data`; returns the query id.
    pub fn press(&self, sent: &Sent, from: &Value, data: &str) -> String {
        let id = format!("cb{}", unique());
        lock(&self.state).callbacks.insert(id.clone(), false);
        self.push_update("callback_query", json!({"id": id, "from": from, "message": sent.message, "chat_instance": "ci-1", "data": data}));
        id
    }

    /// Presses a button under a message sent in inline mode (which has no
    /// `message`, only an `inline_message_id`); returns the query id.
    pub fn press_inline(&self, from: &Value, data: &str) -> String {
        let id = format!("cb{}", unique());
        lock(&self.state).callbacks.insert(id.clone(), false);
        self.push_update(
            "callback_query",
            json!({"id": id, "from": from, "inline_message_id": format!("im{}", unique()), "chat_instance": "ci-2", "data": data}),
        );
        id
    }

    /// Types `@bot query` in some chat; returns the query id.
    pub fn inline_query(&self, from: &Value, query: &str) -> String {
        let id = format!("iq{}", unique());
        lock(&self.state).inline_queries.insert(id.clone(), false);
        self.push_update(
            "inline_query",
            json!({"id": id, "from": from, "query": query, "offset": "", "chat_type": "sender"}),
        );
        id
    }

    /// Queues an update of `kind` (`message`, `callback_query`, …).
    pub fn push_update(&self, kind: &str, payload: Value) -> i64 {
        let mut s = lock(&self.state);
        let id = s.next_update;
        s.next_update += 1;
        let update = json!({"update_id": id, kind: payload});
        s.history.push((id, update.clone()));
        s.updates.push_back((id, update));
        s.wake.notify_waiters();
        id
    }

    /// The id the next update will get.
    pub fn next_update_id(&self) -> i64 {
        lock(&self.state).next_update
    }

    /// Queues again every update from `from` on, as Telegram would if the
    /// confirmations of a crashed bot had never reached it.
    pub fn redeliver(&self, from: i64) {
        let mut s = lock(&self.state);
        let again: Vec<(i64, Value)> = s
            .history
            .iter()
            .filter(|(id, _)| *id >= from)
            .cloned()
            .collect();
        s.confirmed = s.confirmed.min(from);
        s.updates = again.into();
    }

    /// The offset up to which the bot has confirmed updates (all ids below
    /// it): what a restarted bot will not receive again.
    pub fn confirmed(&self) -> i64 {
        lock(&self.state).confirmed
    }

    /// The update JSON Telegram would post to a webhook for `message`.
    pub fn webhook_update(&self, message: Value) -> Value {
        let id = message["message_id"].as_i64().unwrap();
        let chat = message["chat"]["id"].as_i64().unwrap();
        let mut s = lock(&self.state);
        s.messages.insert((chat, id));
        let uid = s.next_update;
        s.next_update += 1;
        json!({"update_id": uid, "message": message})
    }

    // ---- reading what happened ---------------------------------------

    pub fn calls(&self, method: &str) -> Vec<Call> {
        lock(&self.state)
            .calls
            .iter()
            .filter(|c| c.method.eq_ignore_ascii_case(method))
            .cloned()
            .collect()
    }

    /// The calls a fault was injected into.
    pub fn faulted_calls(&self) -> Vec<Call> {
        lock(&self.state)
            .calls
            .iter()
            .filter(|c| c.fault.is_some())
            .cloned()
            .collect()
    }

    /// How many injected faults no call has met yet.
    pub fn faults_left(&self) -> usize {
        lock(&self.state).faults.values().map(VecDeque::len).sum()
    }

    pub fn all_calls(&self) -> Vec<Call> {
        lock(&self.state).calls.clone()
    }

    /// Messages the bot sent to `chat`, oldest first.
    pub fn sent(&self, chat: i64) -> Vec<Sent> {
        lock(&self.state)
            .sent
            .iter()
            .filter(|m| m.chat == chat)
            .cloned()
            .collect()
    }

    /// How many messages the bot has sent, to all chats (cheap enough to
    /// poll while a benchmark runs: it copies nothing).
    pub fn sent_total(&self) -> usize {
        lock(&self.state).sent.len()
    }

    /// The webhook the bot set, with its secret.
    pub fn webhook(&self) -> Option<(String, Option<String>)> {
        lock(&self.state).webhook.clone()
    }

    /// Waits until `f` holds, or panics after `timeout`.
    pub async fn wait_until<T>(
        &self,
        what: &str,
        timeout: Duration,
        mut f: impl FnMut(&FakeApi) -> Option<T>,
    ) -> T {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(v) = f(self) {
                return v;
            }
            if Instant::now() > deadline {
                let calls: Vec<String> = self
                    .all_calls()
                    .iter()
                    .map(|c| format!("{} {} {}", c.method, c.status, c.params))
                    .collect();
                panic!(
                    "timed out waiting for {what}; calls so far:\n{}",
                    calls.join("\n")
                );
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// Waits until the bot has sent `n` messages to `chat`; returns them.
    pub async fn wait_sent(&self, chat: i64, n: usize) -> Vec<Sent> {
        self.wait_until(
            &format!("{n} message(s) to chat {chat}"),
            Duration::from_secs(20),
            |f| {
                let sent = f.sent(chat);
                (sent.len() >= n).then_some(sent)
            },
        )
        .await
    }

    /// Waits for the `n`th call (1-based) of `method`.
    pub async fn wait_call(&self, method: &str, n: usize) -> Call {
        self.wait_until(
            &format!("call {n} of {method}"),
            Duration::from_secs(20),
            |f| f.calls(method).get(n - 1).cloned(),
        )
        .await
    }

    /// Waits for the (first) answer to the inline query `id`.
    pub async fn wait_inline_answer(&self, id: &str) -> Call {
        self.wait_until(
            &format!("the answer to inline query {id}"),
            Duration::from_secs(20),
            |f| {
                f.calls("answerInlineQuery")
                    .into_iter()
                    .find(|c| c.params["inline_query_id"] == id && c.status != 0)
            },
        )
        .await
    }

    /// Waits for the answer to the callback query `id`.
    pub async fn wait_callback_answer(&self, id: &str) -> Call {
        self.wait_until(
            &format!("the answer to callback query {id}"),
            Duration::from_secs(20),
            |f| {
                f.calls("answerCallbackQuery")
                    .into_iter()
                    .find(|c| c.params["callback_query_id"] == id && c.status != 0)
            },
        )
        .await
    }

    /// Waits until the bot polls for updates (it is then fully started:
    /// the engine is loaded, which a debug build takes a second or more for).
    pub async fn wait_polling(&self) {
        self.wait_until("the first getUpdates", Duration::from_secs(40), |f| {
            f.calls("getUpdates").first().cloned()
        })
        .await;
    }
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// The entities Telegram would find in a plain text: a leading
/// `/command`, and `@username` mentions. Offsets are in UTF-16 units.
fn entities(text: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut utf16 = 0;
    let mut word_start: Option<(usize, usize)> = None; // (byte, utf16)
    let push_word = |start: (usize, usize), end_byte: usize, end16: usize, out: &mut Vec<Value>| {
        let word = &text[start.0..end_byte];
        if word.starts_with('/') && start.0 == 0 && word.len() > 1 {
            out.push(json!({"type": "bot_command", "offset": start.1, "length": end16 - start.1}));
        } else if word.starts_with('@') && word.len() > 1 {
            let name_end = word[1..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .map(|i| i + 1)
                .unwrap_or(word.len());
            if name_end > 1 {
                out.push(json!({"type": "mention", "offset": start.1, "length": word[..name_end].encode_utf16().count()}));
            }
        }
    };
    for (b, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(start) = word_start.take() {
                push_word(start, b, utf16, &mut out);
            }
        } else if word_start.is_none() {
            word_start = Some((b, utf16));
        }
        utf16 += c.len_utf16();
    }
    if let Some(start) = word_start {
        push_word(start, text.len(), utf16, &mut out);
    }
    out
}

/// Telegram's spelling of a method name written in any case.
fn canonical(method: &str) -> Option<&'static str> {
    METHODS
        .iter()
        .copied()
        .find(|m| m.eq_ignore_ascii_case(method))
}

fn ok(result: Value) -> (u16, Value) {
    (200, json!({"ok": true, "result": result}))
}

fn error(code: u16, description: &str) -> (u16, Value) {
    (
        code,
        json!({"ok": false, "error_code": code, "description": description}),
    )
}

fn bad(description: impl std::fmt::Display) -> (u16, Value) {
    error(400, &format!("Bad Request: {description}"))
}

/// The parameters of a call: JSON (most methods) or multipart form data
/// (teloxide sends `setWebhook` that way, for its optional certificate).
fn params(headers: &HeaderMap, body: &[u8]) -> Value {
    let content_type = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if let Some(boundary) = content_type
        .split(';')
        .find_map(|p| p.trim().strip_prefix("boundary="))
    {
        return multipart(body, boundary.trim_matches('"'));
    }
    if body.is_empty() {
        return json!({});
    }
    serde_json::from_slice(body)
        .unwrap_or_else(|_| json!({"_unparsed": String::from_utf8_lossy(body)}))
}

fn multipart(body: &[u8], boundary: &str) -> Value {
    let text = String::from_utf8_lossy(body);
    let mut out = serde_json::Map::new();
    for part in text.split(&format!("--{boundary}")) {
        let part = part.trim_start_matches("\r\n");
        let Some((head, value)) = part.split_once("\r\n\r\n") else {
            continue;
        };
        let Some(name) = head
            .split("name=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
        else {
            continue;
        };
        let value = value.strip_suffix("\r\n").unwrap_or(value);
        out.insert(
            name.to_string(),
            serde_json::from_str(value).unwrap_or_else(|_| Value::String(value.to_string())),
        );
    }
    Value::Object(out)
}

async fn handle(
    Extract(state): Extract<Shared>,
    Path(path): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (client, path) = match path.strip_prefix("bot") {
        Some(_) => (None, path.as_str()),
        None => match path.split_once('/') {
            Some((client, rest)) => (Some(client.to_string()), rest),
            None => (None, path.as_str()),
        },
    };
    let Some((token, method)) = path.strip_prefix("bot").and_then(|p| p.split_once('/')) else {
        return (
            StatusCode::NOT_FOUND,
            Json(json!({"ok": false, "error_code": 404, "description": "Not Found"})),
        )
            .into_response();
    };
    let params = params(&headers, &body);
    let method_name = canonical(method)
        .map(str::to_string)
        .unwrap_or_else(|| method.to_string());
    let (index, fault) = {
        let mut s = lock(&state);
        let fault = s.faults.get_mut(&method_name).and_then(VecDeque::pop_front);
        s.calls.push(Call {
            method: method_name.clone(),
            params: params.clone(),
            status: 0,
            response: Value::Null,
            at: Instant::now(),
            client: client.clone(),
            fault: fault.as_ref().map(Fault::name),
        });
        (s.calls.len() - 1, fault)
    };
    let (status, response) = if token != lock(&state).token {
        error(401, "Unauthorized")
    } else {
        match fault {
            Some(Fault::RetryAfter(secs)) => (
                429,
                json!({"ok": false, "error_code": 429, "description": format!("Too Many Requests: retry after {secs}"), "parameters": {"retry_after": secs}}),
            ),
            Some(Fault::ServerError(code)) => {
                lock(&state).calls[index].status = code;
                return (
                    StatusCode::from_u16(code).unwrap(),
                    "<html>Bad Gateway</html>",
                )
                    .into_response();
            }
            Some(Fault::Delay(d)) => {
                tokio::time::sleep(d).await;
                dispatch(&state, &method_name, &params, client.as_deref()).await
            }
            Some(Fault::Hang(d)) => {
                tokio::time::sleep(d).await;
                lock(&state).calls[index].status = 504;
                return (StatusCode::GATEWAY_TIMEOUT, "<html>Gateway Timeout</html>")
                    .into_response();
            }
            Some(Fault::SlowAnswer(d)) => {
                let answer = dispatch(&state, &method_name, &params, client.as_deref()).await;
                tokio::time::sleep(d).await;
                answer
            }
            Some(fault @ (Fault::Reset | Fault::Malformed)) => {
                let (status, response) =
                    dispatch(&state, &method_name, &params, client.as_deref()).await;
                {
                    let mut s = lock(&state);
                    s.calls[index].status = status;
                    s.calls[index].response = response.clone();
                }
                let text = response.to_string();
                let half = text.as_bytes()[..text.len() / 2].to_vec();
                if matches!(fault, Fault::Malformed) {
                    return (
                        StatusCode::from_u16(status).unwrap(),
                        [(CONTENT_TYPE, "application/json")],
                        half,
                    )
                        .into_response();
                }
                // Announce the whole body, send half, then fail the stream:
                // the server drops the connection mid-response.
                let chunks: Vec<Result<Bytes, std::io::Error>> = vec![
                    Ok(Bytes::from(half)),
                    Err(std::io::Error::new(
                        std::io::ErrorKind::ConnectionReset,
                        "reset by the fake",
                    )),
                ];
                return Response::builder()
                    .status(status)
                    .header(CONTENT_TYPE, "application/json")
                    .header(axum::http::header::CONTENT_LENGTH, text.len())
                    .body(axum::body::Body::from_stream(futures::StreamExt::then(
                        futures::stream::iter(chunks),
                        |chunk| async move {
                            // Let the status line and the first half go out first.
                            if chunk.is_err() {
                                tokio::time::sleep(Duration::from_millis(100)).await;
                            }
                            chunk
                        },
                    )))
                    .unwrap();
            }
            None => dispatch(&state, &method_name, &params, client.as_deref()).await,
        }
    };
    {
        let mut s = lock(&state);
        s.calls[index].status = status;
        s.calls[index].response = response.clone();
    }
    (StatusCode::from_u16(status).unwrap(), Json(response)).into_response()
}

fn me() -> Value {
    json!({
        "id": BOT_ID, "is_bot": true, "first_name": "CSpO bot", "username": BOT_USERNAME,
        "can_join_groups": true, "can_read_all_group_messages": false, "supports_inline_queries": true,
        "can_connect_to_business": false, "has_main_web_app": false
    })
}

async fn dispatch(state: &Shared, method: &str, p: &Value, client: Option<&str>) -> (u16, Value) {
    match method {
        "getMe" => ok(me()),
        "getUpdates" => get_updates(state, p).await,
        "getWebhookInfo" => {
            let url = lock(state)
                .webhook
                .as_ref()
                .map(|w| w.0.clone())
                .unwrap_or_default();
            ok(json!({"url": url, "has_custom_certificate": false, "pending_update_count": 0}))
        }
        "setWebhook" => {
            let Some(url) = p["url"].as_str() else {
                return bad("bad webhook: URL is empty");
            };
            lock(state).webhook = Some((
                url.to_string(),
                p["secret_token"].as_str().map(str::to_string),
            ));
            ok(json!(true))
        }
        "deleteWebhook" => {
            lock(state).webhook = None;
            ok(json!(true))
        }
        "setMyCommands" => set_my_commands(p),
        "sendMessage" => send_message(state, p, client),
        "sendChatAction" => ok(json!(true)),
        "answerCallbackQuery" => {
            let id = p["callback_query_id"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            if p["text"].as_str().is_some_and(|t| t.chars().count() > 200) {
                return bad("MESSAGE_TOO_LONG");
            }
            // Outside games, Telegram takes only the bot's own deep links.
            if let Some(url) = p.get("url") {
                let prefix = format!("https://t.me/{BOT_USERNAME}?start=");
                let valid = url
                    .as_str()
                    .and_then(|u| u.strip_prefix(&prefix))
                    .is_some_and(|payload| {
                        (1..=64).contains(&payload.len())
                            && payload
                                .bytes()
                                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
                    });
                if !valid {
                    return bad("URL_INVALID");
                }
            }
            answer_once(&mut lock(state).callbacks, &id)
        }
        "answerInlineQuery" => answer_inline_query(state, p),
        "close" | "logOut" => ok(json!(true)),
        _ => error(404, "Not Found: method not found"),
    }
}

fn answer_once(queries: &mut HashMap<String, bool>, id: &str) -> (u16, Value) {
    match queries.get_mut(id) {
        Some(answered @ false) => {
            *answered = true;
            ok(json!(true))
        }
        _ => bad("query is too old and response timeout expired or query ID is invalid"),
    }
}

async fn get_updates(state: &Shared, p: &Value) -> (u16, Value) {
    let offset = p["offset"].as_i64().unwrap_or(0);
    let limit = p["limit"].as_u64().unwrap_or(100).clamp(1, 100) as usize;
    let timeout = Duration::from_secs(p["timeout"].as_u64().unwrap_or(0));
    let deadline = Instant::now() + timeout;
    let (wake, me) = {
        let mut s = lock(state);
        if s.webhook.is_some() {
            return error(
                409,
                "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
            );
        }
        s.polls += 1;
        (Arc::clone(&s.wake), s.polls)
    };
    loop {
        // Registered before looking, so a push in between is not missed.
        let woken = wake.notified();
        tokio::pin!(woken);
        woken.as_mut().enable();
        {
            let mut s = lock(state);
            if s.polls != me {
                return error(
                    409,
                    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
                );
            }
            s.confirmed = s.confirmed.max(offset);
            if offset > 0 {
                while s.updates.front().is_some_and(|(id, _)| *id < offset) {
                    s.updates.pop_front();
                }
            } else if offset < 0 {
                let keep = offset.unsigned_abs() as usize;
                while s.updates.len() > keep {
                    s.updates.pop_front();
                }
            }
            if !s.updates.is_empty() || Instant::now() >= deadline {
                let batch: Vec<Value> = s
                    .updates
                    .iter()
                    .take(limit)
                    .map(|(_, u)| u.clone())
                    .collect();
                return ok(Value::Array(batch));
            }
        }
        tokio::select! {
            () = &mut woken => {}
            () = tokio::time::sleep(Duration::from_millis(10)) => {}
        }
    }
}

fn set_my_commands(p: &Value) -> (u16, Value) {
    let Some(cmds) = p["commands"].as_array() else {
        return bad("commands must be an array");
    };
    if cmds.len() > 100 {
        return bad("too many commands");
    }
    for c in cmds {
        let name = c["command"].as_str().unwrap_or_default();
        if name.is_empty()
            || name.len() > 32
            || !name
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_')
        {
            return bad("BOT_COMMAND_INVALID");
        }
        let d = c["description"]
            .as_str()
            .unwrap_or_default()
            .chars()
            .count();
        if !(1..=256).contains(&d) {
            return bad("BOT_COMMAND_DESCRIPTION_INVALID");
        }
    }
    ok(json!(true))
}

/// Validates a message text with its parse mode; returns the visible text.
fn check_text(text: Option<&str>, parse_mode: Option<&str>) -> Result<String, (u16, Value)> {
    let text = text.ok_or_else(|| bad("message text is empty"))?;
    let visible = match parse_mode {
        None => text.to_string(),
        Some(m) if m.eq_ignore_ascii_case("html") => {
            html::parse(text).map_err(|e| bad(format!("can't parse entities: {e}")))?
        }
        Some(m) => return Err(bad(format!("unsupported parse_mode {m} in this fake"))),
    };
    if visible.trim().is_empty() {
        return Err(bad("message text is empty"));
    }
    if html::tg_len(&visible) > 4096 {
        return Err(bad("message is too long"));
    }
    Ok(visible)
}

fn check_keyboard(markup: &Value) -> Result<(), (u16, Value)> {
    if markup.is_null() {
        return Ok(());
    }
    let rows = markup["inline_keyboard"]
        .as_array()
        .ok_or_else(|| bad("inline keyboard expected"))?;
    for b in rows
        .iter()
        .flat_map(|r| r.as_array().cloned().unwrap_or_default())
    {
        if b["text"].as_str().is_none_or(|t| t.trim().is_empty()) {
            return Err(bad("BUTTON_TEXT_EMPTY"));
        }
        if let Some(d) = b.get("callback_data") {
            let len = d.as_str().map(str::len).unwrap_or(0);
            if !(1..=64).contains(&len) {
                return Err(bad("BUTTON_DATA_INVALID"));
            }
        }
    }
    Ok(())
}

fn send_message(state: &Shared, p: &Value, client: Option<&str>) -> (u16, Value) {
    let mut s = lock(state);
    let Some(chat_id) = p["chat_id"].as_i64() else {
        return bad("chat not found");
    };
    let Some(chat) = s.chats.get(&chat_id).cloned() else {
        return bad("chat not found");
    };
    let visible = match check_text(p["text"].as_str(), p["parse_mode"].as_str()) {
        Ok(v) => v,
        Err(e) => return e,
    };
    if let Some(reply) = p.get("reply_parameters") {
        let id = reply["message_id"].as_i64().unwrap_or(0);
        let allow = reply["allow_sending_without_reply"]
            .as_bool()
            .unwrap_or(false);
        if !s.messages.contains(&(chat_id, id)) && !allow {
            return bad("message to be replied not found");
        }
    }
    let thread = p["message_thread_id"].as_i64();
    if let Some(t) = thread
        && !s.topics.contains(&(chat_id, t))
    {
        return bad("message thread not found");
    }
    if let Err(e) = check_keyboard(&p["reply_markup"]) {
        return e;
    }
    s.next_message += 1;
    let id = s.next_message;
    s.messages.insert((chat_id, id));
    let mut message =
        json!({"message_id": id, "date": now(), "chat": chat, "from": me(), "text": visible});
    if let Some(t) = thread {
        message["message_thread_id"] = json!(t);
        message["is_topic_message"] = json!(true);
    }
    if !p["reply_markup"].is_null() {
        message["reply_markup"] = p["reply_markup"].clone();
    }
    s.sent.push(Sent {
        params: p.clone(),
        message: message.clone(),
        chat: chat_id,
        html: p["text"].as_str().unwrap_or_default().into(),
        text: visible,
        client: client.map(str::to_string),
    });
    ok(message)
}

fn answer_inline_query(state: &Shared, p: &Value) -> (u16, Value) {
    let mut s = lock(state);
    let id = p["inline_query_id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    if !s.inline_queries.contains_key(&id) {
        return bad("query is too old and response timeout expired or query ID is invalid");
    }
    let results = p["results"].as_array().cloned().unwrap_or_default();
    if results.len() > 50 {
        return bad("RESULTS_TOO_MUCH");
    }
    let mut ids = HashSet::new();
    for r in &results {
        let rid = r["id"].as_str().unwrap_or_default();
        if rid.is_empty() || rid.len() > 64 {
            return bad("RESULT_ID_INVALID");
        }
        if !ids.insert(rid.to_string()) {
            return bad("RESULT_ID_DUPLICATE");
        }
        if r["title"].as_str().is_none_or(|t| t.trim().is_empty()) {
            return bad("RESULT_TITLE_EMPTY");
        }
        let content = &r["input_message_content"];
        if let Err(e) = check_text(
            content["message_text"].as_str(),
            content["parse_mode"].as_str(),
        ) {
            return e;
        }
        if let Err(e) = check_keyboard(&r["reply_markup"]) {
            return e;
        }
    }
    answer_once(&mut s.inline_queries, &id)
}
