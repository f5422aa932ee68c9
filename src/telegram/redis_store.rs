//! `--store redis://[:PASSWORD@]HOST:PORT/DB` (or `rediss://` for TLS):
//! the state that several replicas of the bot share.
//!
//! What lives here, under keys `cspo:<bot id>:…` (so two bots can share a
//! server):
//!
//! | key | what | expiry |
//! | --- | --- | --- |
//! | `conv:<chat>:<user>`, `chat:<chat>` | conversations and chat memory (JSON, as in SQLite) | [`CONTEXT_TTL`] after the last write |
//! | `answered:<update>` | an update was answered | [`UPDATE_TTL`] (Telegram keeps an update 24 h) |
//! | `attempts:<update>` | tries at an update, across crashes | [`UPDATE_TTL`] |
//! | `claim:<update>` | the replica answering a webhook update now | [`CLAIM_TTL`], renewed while it works |
//! | `rate:<user>`, `rate-noticed:<user>` | the per-user limit's last minute | a minute |
//! | `send:chat:<chat>`, `send:ticks` | the bot's sending rates, shared by all replicas | a minute |
//! | `leader`, `leader-generation`, `offset` | the polling lease, its fencing token, the confirmed offset | the lease: [`super::lease::LEASE_TTL`] |
//! | `webhook` | fingerprint of the webhook registered with Telegram | none |
//!
//! Every operation is bounded by [`OP_TIMEOUT`]. When Redis cannot be
//! reached, the callers go on without it ([`super::store::Store`]:
//! answering without context, the limits kept in this process only): a
//! failure marks Redis down for [`RETRY_AFTER`], during which operations
//! fail at once instead of each waiting for a timeout, and the connection
//! manager reconnects in the background. One line reports the outage, at
//! most every [`LOG_EVERY`] with the count of failed operations, and one
//! line the recovery.
//!
//! The password is in the URL (`redis://:PASSWORD@…`) or, to keep it out
//! of command lines, in `CSPO_REDIS_PASSWORD` ([`PASSWORD_VAR`]) when the
//! URL has none. No error or log line of this module holds it: errors are
//! described from their kind and code (see [`describe_error`]), the
//! address is shown as [`RedisStore::describe`], and the password is also
//! handed to the log writer's redaction ([`super::redact`]).

use super::limit::Admission;
use anyhow::bail;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::{AsyncCommands as _, ErrorKind, RedisError, Script};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// How long a conversation or a chat's memory is kept after its last use.
pub const CONTEXT_TTL: Duration = Duration::from_secs(7 * 24 * 3600);
/// How long answered ids and attempt counts are kept.
pub const UPDATE_TTL: Duration = Duration::from_secs(2 * 24 * 3600);
/// How long a webhook replica's claim on an update lasts unless renewed.
pub const CLAIM_TTL: Duration = Duration::from_secs(5);
/// The longest one Redis operation may take.
pub const OP_TIMEOUT: Duration = Duration::from_millis(1500);
/// After a failure, operations fail at once for this long.
pub const RETRY_AFTER: Duration = Duration::from_secs(1);
/// At most one line about an outage this often.
pub const LOG_EVERY: Duration = Duration::from_secs(30);

/// The password, when the `--store` URL has none.
pub const PASSWORD_VAR: &str = "CSPO_REDIS_PASSWORD";
/// For `rediss://`: a PEM file of the CA certificates to trust, instead of
/// the built-in web roots (a Redis with its own CA).
pub const CA_FILE_VAR: &str = "CSPO_REDIS_CA_FILE";

/// A webhook replica's claim on an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// This replica answers it.
    Mine,
    /// Already answered (by any replica).
    Answered,
    /// Another replica is answering it now.
    Elsewhere,
}

/// Where Redis is, for logs and errors: `redis://HOST:PORT/DB`, with the
/// password (if any) shown as `***`.
fn describe_info(info: &redis::ConnectionInfo) -> String {
    let settings = info.redis_settings();
    let auth = match (settings.username(), settings.password()) {
        (Some(user), Some(_)) => format!("{user}:***@"),
        (None, Some(_)) => ":***@".to_string(),
        (Some(user), None) => format!("{user}@"),
        (None, None) => String::new(),
    };
    match info.addr() {
        redis::ConnectionAddr::Tcp(host, port) => {
            format!("redis://{auth}{host}:{port}/{}", settings.db())
        }
        redis::ConnectionAddr::TcpTls { host, port, .. } => {
            format!("rediss://{auth}{host}:{port}/{}", settings.db())
        }
        redis::ConnectionAddr::Unix(path) => {
            format!("redis+unix://{auth}{}?db={}", path.display(), settings.db())
        }
        _ => format!("redis (db {})", settings.db()),
    }
}

/// A Redis error in one line, from its kind and code only: never a
/// server's free text or a connection string.
pub fn describe_error(e: &RedisError) -> String {
    if let Some(tls) = tls_error(e) {
        return format!("TLS: {tls}");
    }
    if e.is_timeout() {
        return "timed out".into();
    }
    if e.is_connection_refusal() {
        return "connection refused".into();
    }
    if e.is_connection_dropped() {
        return "connection lost".into();
    }
    if e.kind() == ErrorKind::AuthenticationFailed {
        return "the password was refused".into();
    }
    if let Some(code) = e.code() {
        return format!("the server answered {code}");
    }
    if e.is_io_error() {
        return "input/output error".into();
    }
    format!("{:?}", e.kind())
}

/// The TLS failure behind a Redis error (an untrusted certificate, a
/// wrong host name...), from rustls: its own words hold no secret.
fn tls_error(e: &RedisError) -> Option<String> {
    type Shared = std::sync::Arc<dyn std::error::Error + Send + Sync>;
    fn rustls_in<'a>(e: &'a (dyn std::error::Error + 'static)) -> Option<&'a rustls::Error> {
        if let Some(t) = e.downcast_ref::<rustls::Error>() {
            return Some(t);
        }
        // The redis crate keeps an I/O error in an `Arc`, and the I/O
        // error keeps the TLS error as its payload.
        let io = match e.downcast_ref::<Shared>() {
            Some(shared) => shared.downcast_ref::<std::io::Error>(),
            None => e.downcast_ref::<std::io::Error>(),
        }?;
        io.get_ref()?.downcast_ref::<rustls::Error>()
    }
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        if let Some(t) = rustls_in(s) {
            return Some(t.to_string());
        }
        source = s.source();
    }
    None
}

/// Up or down, and the rate-limited log of outages.
struct Health {
    epoch: Instant,
    down: AtomicBool,
    /// Milliseconds since `epoch` until which operations fail at once.
    retry_at: AtomicU64,
    /// When the last outage line was written (ms since `epoch`, +1).
    logged_at: AtomicU64,
    /// Failures since that line.
    failures: AtomicU64,
}

impl Health {
    fn new() -> Health {
        Health {
            epoch: Instant::now(),
            down: AtomicBool::new(false),
            retry_at: AtomicU64::new(0),
            logged_at: AtomicU64::new(0),
            failures: AtomicU64::new(0),
        }
    }

    fn now_ms(&self) -> u64 {
        self.epoch.elapsed().as_millis() as u64
    }

    /// Whether to try Redis now.
    fn usable(&self) -> bool {
        !self.down.load(Ordering::Relaxed) || self.now_ms() >= self.retry_at.load(Ordering::Relaxed)
    }

    fn failed(&self, what: &str, error: &str) {
        let now = self.now_ms();
        self.down.store(true, Ordering::Relaxed);
        self.retry_at
            .store(now + RETRY_AFTER.as_millis() as u64, Ordering::Relaxed);
        let failures = self.failures.fetch_add(1, Ordering::Relaxed) + 1;
        let last = self.logged_at.load(Ordering::Relaxed);
        let due = last == 0 || now + 1 >= last + LOG_EVERY.as_millis() as u64;
        if due
            && self
                .logged_at
                .compare_exchange(last, now + 1, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
        {
            self.failures.store(0, Ordering::Relaxed);
            tracing::error!(
                %error,
                failed = failures,
                "Redis is unavailable ({what}); answering without context, limits kept in this process, until it is back (reported at most every {} s)",
                LOG_EVERY.as_secs()
            );
        }
    }

    /// (The time of the last outage line is kept, so that a Redis that
    /// comes and goes costs at most one outage line every [`LOG_EVERY`].)
    fn succeeded(&self) {
        if self.down.swap(false, Ordering::Relaxed) {
            let failures = self.failures.swap(0, Ordering::Relaxed);
            tracing::info!(failed = failures, "Redis is reachable again");
        }
    }
}

/// Why an operation did not happen.
#[derive(Debug, thiserror::Error)]
pub enum Unavailable {
    #[error("Redis is unavailable")]
    Down,
    #[error("Redis failed: {0}")]
    Failed(String),
}

const ADMIT: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local per, window = tonumber(ARGV[1]), tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < per then
  redis.call('ZADD', KEYS[1], now, now .. ':' .. ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  redis.call('DEL', KEYS[2])
  return 0
end
if redis.call('SET', KEYS[2], '1', 'NX', 'PX', window) then return 1 end
return 2
";

/// The bot's sending rates (the policy of [`super::throttle`]), shared:
/// the earliest slot that keeps one message a second in a chat, 20 a
/// minute in a group and `per_tick` per tick overall; returns the wait in
/// milliseconds. Times are the server's, so replicas' clocks do not matter.
const RESERVE: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local group, per_chat, window = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local per_group, tick_ms, per_tick = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local at = now
local last = redis.call('LINDEX', KEYS[1], -1)
if last then at = math.max(at, tonumber(last) + per_chat) end
local n = redis.call('LLEN', KEYS[1])
if group == 1 and n >= per_group then
  at = math.max(at, tonumber(redis.call('LINDEX', KEYS[1], n - per_group)) + window)
end
local first = math.floor(at / tick_ms)
local tick = first
while tonumber(redis.call('HGET', KEYS[2], tick) or '0') >= per_tick do tick = tick + 1 end
redis.call('HINCRBY', KEYS[2], tick, 1)
if tick ~= first then at = tick * tick_ms end
redis.call('RPUSH', KEYS[1], at)
redis.call('LTRIM', KEYS[1], -per_group, -1)
redis.call('PEXPIRE', KEYS[1], window)
if redis.call('HLEN', KEYS[2]) > 200 then
  local old = math.floor(now / tick_ms) - 1
  for _, f in ipairs(redis.call('HKEYS', KEYS[2])) do
    if tonumber(f) < old then redis.call('HDEL', KEYS[2], f) end
  end
end
redis.call('PEXPIRE', KEYS[2], window)
return at - now
";

const CLAIM: &str = r"
if redis.call('EXISTS', KEYS[1]) == 1 then return 1 end
if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return 0 end
if redis.call('GET', KEYS[2]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[2], ARGV[2])
  return 0
end
return 2
";

/// Deletes or extends a key only while it holds `ARGV[1]`.
const RELEASE_IF: &str = r"
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
";
const EXTEND_IF: &str = r"
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
";

/// Takes the lease if nobody holds it: a new generation, so a token is
/// never issued twice. Returns the token, or nil.
const ACQUIRE: &str = r"
if redis.call('EXISTS', KEYS[1]) == 1 then return false end
local generation = redis.call('INCR', KEYS[2])
local token = generation .. ':' .. ARGV[1]
redis.call('SET', KEYS[1], token, 'PX', ARGV[2])
return token
";

/// Records a confirmed offset, only for the holder of the lease (the
/// fence): 1 done, 0 the lease is someone else's (or nobody's).
const CONFIRM: &str = r"
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
local old = tonumber(redis.call('GET', KEYS[2]) or '0')
if tonumber(ARGV[2]) > old then redis.call('SET', KEYS[2], ARGV[2]) end
return 1
";

/// Under a lock, whether this webhook configuration is the one
/// registered: 0 yes (nothing to do), 1 this replica registers it, 2
/// another replica is registering (wait).
const REGISTER: &str = r"
local fingerprint = redis.sha1hex(ARGV[1])
if ARGV[3] == '1' and redis.call('GET', KEYS[1]) == fingerprint then return 0 end
if redis.call('SET', KEYS[2], ARGV[2], 'NX', 'PX', 30000) then return 1 end
return 2
";
const REGISTERED: &str = r"
redis.call('SET', KEYS[1], redis.sha1hex(ARGV[1]))
if redis.call('GET', KEYS[2]) == ARGV[2] then redis.call('DEL', KEYS[2]) end
return 1
";

/// The Redis store. Cheap to share (`Arc`); the connection manager
/// multiplexes every task's commands on one connection.
pub struct RedisStore {
    conn: ConnectionManager,
    prefix: String,
    described: String,
    /// The password as written in the URL and as decoded, for redaction.
    secrets: Vec<String>,
    health: Health,
    /// This process, in lease tokens and claims.
    instance: String,
    counter: AtomicU64,
    admit: Script,
    reserve: Script,
    claim: Script,
    release_if: Script,
    extend_if: Script,
    acquire: Script,
    confirm: Script,
    register: Script,
    registered: Script,
}

impl RedisStore {
    /// Parses the URL and sets up the connection (lazily: [`Self::connect`]
    /// makes the first). Must be called within the Tokio runtime. `bot` namespaces the keys (the bot's id, the
    /// public half of its token). Errors never quote the URL.
    pub fn open(url: &str, bot: &str) -> anyhow::Result<RedisStore> {
        let password = std::env::var(PASSWORD_VAR).ok();
        let ca = std::env::var_os(CA_FILE_VAR).filter(|v| !v.is_empty());
        RedisStore::open_with(
            url,
            bot,
            password.as_deref(),
            ca.as_deref().map(std::path::Path::new),
        )
    }

    /// [`RedisStore::open`] with the password of the settings
    /// (`--redis-password`, `CSPO_REDIS_PASSWORD` or the `--config` file),
    /// used when the URL has none, and the CA certificates (PEM) to trust
    /// for `rediss://` instead of the built-in roots (`--redis-ca-file`,
    /// `CSPO_REDIS_CA_FILE`).
    pub fn open_with(
        url: &str,
        bot: &str,
        password: Option<&str>,
        ca: Option<&std::path::Path>,
    ) -> anyhow::Result<RedisStore> {
        // rustls needs a process-wide crypto provider for `rediss://`;
        // ring is the one compiled in. (Installed already is fine.)
        let _ = rustls::crypto::ring::default_provider().install_default();
        use redis::IntoConnectionInfo as _;
        let Ok(mut info) = url.into_connection_info() else {
            bail!(
                "--store is not a valid Redis URL: use redis://[:PASSWORD@]HOST:PORT/DB, or rediss://… for TLS"
            )
        };
        // The password may come from the environment instead, to keep it
        // out of command lines (`ps`, `docker inspect`).
        if info.redis_settings().password().is_none()
            && let Some(password) = password.map(str::to_string)
            && !password.is_empty()
        {
            let settings = info.redis_settings().clone().set_password(password);
            info = info.set_redis_settings(settings);
        }
        let described = describe_info(&info);
        let tls = matches!(info.addr(), redis::ConnectionAddr::TcpTls { .. });
        let opened = match ca {
            Some(path) if tls => {
                let pem = std::fs::read(path).map_err(|e| {
                    anyhow::anyhow!(
                        "cannot read the CA file {} ({CA_FILE_VAR}): {e}",
                        path.display()
                    )
                })?;
                redis::Client::build_with_tls(
                    info.clone(),
                    redis::TlsCertificates {
                        client_tls: None,
                        root_cert: Some(pem),
                    },
                )
            }
            _ => redis::Client::open(info.clone()),
        };
        let client = match opened {
            Ok(c) => c,
            Err(e) => bail!(
                "cannot use the Redis store {described}: {}",
                describe_error(&e)
            ),
        };
        let mut secrets = Vec::new();
        if let Some(p) = info.redis_settings().password() {
            secrets.push(p.to_string());
        }
        // As written in the URL (percent-encoded), between ':' and '@'.
        if let Some(rest) = url.split_once("://").map(|(_, r)| r)
            && let Some((auth, _)) = rest.rsplit_once('@')
            && let Some((_, pass)) = auth.split_once(':')
        {
            secrets.push(pass.to_string());
        }
        secrets.retain(|s| s.len() >= 3);
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(OP_TIMEOUT))
            .set_response_timeout(Some(OP_TIMEOUT))
            .set_number_of_retries(2)
            .set_min_delay(Duration::from_millis(100))
            .set_max_delay(Duration::from_secs(1));
        let conn = match ConnectionManager::new_lazy_with_config(client, config) {
            Ok(c) => c,
            Err(e) => bail!(
                "cannot set up the Redis store {described}: {}",
                describe_error(&e)
            ),
        };
        Ok(RedisStore {
            conn,
            prefix: format!("cspo:{bot}:"),
            described,
            secrets,
            health: Health::new(),
            instance: instance_id(),
            counter: AtomicU64::new(0),
            admit: Script::new(ADMIT),
            reserve: Script::new(RESERVE),
            claim: Script::new(CLAIM),
            release_if: Script::new(RELEASE_IF),
            extend_if: Script::new(EXTEND_IF),
            acquire: Script::new(ACQUIRE),
            confirm: Script::new(CONFIRM),
            register: Script::new(REGISTER),
            registered: Script::new(REGISTERED),
        })
    }

    /// The first connection, at start-up. A refused password (or none
    /// where one is needed) is an error: the bot cannot start. An
    /// unreachable server is not: the bot starts without it, says so,
    /// and uses it once it is back.
    pub async fn connect(&self) -> anyhow::Result<()> {
        let mut conn = self.conn.clone();
        let ping = tokio::time::timeout(
            OP_TIMEOUT * 2,
            redis::cmd("PING").query_async::<String>(&mut conn),
        )
        .await;
        match ping {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) if e.kind() == ErrorKind::AuthenticationFailed => bail!(
                "Redis at {} refused the password (of --store, or CSPO_REDIS_PASSWORD); check it (the bot cannot start without its store)",
                self.described
            ),
            Ok(Err(e)) if tls_error(&e).is_some() => bail!(
                "cannot use Redis at {}: TLS failed ({}); if its certificate comes from a CA of its own, give that CA's certificate (PEM) in CSPO_REDIS_CA_FILE",
                self.described,
                tls_error(&e).unwrap_or_default()
            ),
            Ok(Err(e)) if matches!(e.code(), Some("NOAUTH" | "WRONGPASS")) => bail!(
                "Redis at {} wants a password: give it in --store as redis://:PASSWORD@HOST:PORT/DB or in CSPO_REDIS_PASSWORD",
                self.described
            ),
            // Refused, lost, LOADING...: not there yet, which is an
            // outage, not a mistake; the connection manager keeps trying.
            Ok(Err(e)) => {
                self.health.failed("at start-up", &describe_error(&e));
                Ok(())
            }
            Err(_) => {
                self.health.failed("at start-up", "timed out");
                Ok(())
            }
        }
    }

    /// `redis://HOST:PORT/DB` with the password as `***`.
    pub fn describe(&self) -> &str {
        &self.described
    }

    /// The password, in the forms the log writer must hide.
    pub fn secrets(&self) -> &[String] {
        &self.secrets
    }

    /// This process's name in lease tokens and claims.
    pub fn instance(&self) -> &str {
        &self.instance
    }

    fn key(&self, rest: &str) -> String {
        format!("{}{rest}", self.prefix)
    }

    /// Runs one operation within [`OP_TIMEOUT`], unless Redis is known to
    /// be down; keeps [`Health`] up to date.
    async fn run<T, F, Fut>(&self, what: &str, f: F) -> Result<T, Unavailable>
    where
        F: FnOnce(ConnectionManager) -> Fut,
        Fut: std::future::Future<Output = redis::RedisResult<T>>,
    {
        if !self.health.usable() {
            return Err(Unavailable::Down);
        }
        match tokio::time::timeout(OP_TIMEOUT, f(self.conn.clone())).await {
            Ok(Ok(v)) => {
                self.health.succeeded();
                Ok(v)
            }
            Ok(Err(e)) => {
                let error = describe_error(&e);
                self.health.failed(what, &error);
                Err(Unavailable::Failed(error))
            }
            Err(_) => {
                self.health.failed(what, "timed out");
                Err(Unavailable::Failed("timed out".into()))
            }
        }
    }

    pub async fn get(&self, key: &str) -> Result<Option<String>, Unavailable> {
        let key = self.key(key);
        self.run("reading a conversation", |mut c| async move {
            c.get::<_, Option<String>>(key).await
        })
        .await
    }

    pub async fn put(&self, key: &str, value: String) -> Result<(), Unavailable> {
        let key = self.key(key);
        self.run("writing a conversation", |mut c| async move {
            c.set_ex::<_, _, ()>(key, value, CONTEXT_TTL.as_secs())
                .await
        })
        .await
    }

    pub async fn answered(&self, id: i64) -> Result<bool, Unavailable> {
        let key = self.key(&format!("answered:{id}"));
        self.run("reading the answered updates", |mut c| async move {
            c.exists::<_, bool>(key).await
        })
        .await
    }

    pub async fn mark_answered(&self, id: i64) -> Result<(), Unavailable> {
        let answered = self.key(&format!("answered:{id}"));
        let attempts = self.key(&format!("attempts:{id}"));
        self.run("recording an answered update", |mut c| async move {
            redis::pipe()
                .atomic()
                .set_ex(answered, 1, UPDATE_TTL.as_secs())
                .ignore()
                .del(attempts)
                .ignore()
                .query_async::<()>(&mut c)
                .await
        })
        .await
    }

    /// Counts an attempt at update `id`; the attempts before this one.
    pub async fn attempt(&self, id: i64) -> Result<u32, Unavailable> {
        let key = self.key(&format!("attempts:{id}"));
        self.run("counting an attempt", |mut c| async move {
            let (n,): (u32,) = redis::pipe()
                .atomic()
                .incr(&key, 1)
                .expire(&key, UPDATE_TTL.as_secs() as i64)
                .ignore()
                .query_async(&mut c)
                .await?;
            Ok(n.saturating_sub(1))
        })
        .await
    }

    /// The per-user limit, shared by all replicas.
    pub async fn admit(&self, user: i64, per_minute: u32) -> Result<Admission, Unavailable> {
        let asked = self.key(&format!("rate:{user}"));
        let noticed = self.key(&format!("rate-noticed:{user}"));
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let member = format!("{}:{n}", self.instance);
        let script = &self.admit;
        let verdict: i64 = self
            .run("checking a rate limit", |mut c| async move {
                script
                    .key(asked)
                    .key(noticed)
                    .arg(per_minute)
                    .arg(60_000)
                    .arg(member)
                    .invoke_async(&mut c)
                    .await
            })
            .await?;
        Ok(match verdict {
            0 => Admission::Admit,
            1 => Admission::Notice,
            _ => Admission::Quiet,
        })
    }

    /// Reserves the next sending slot for `chat` in the bot-wide budget;
    /// how long to wait for it.
    pub async fn reserve_send(
        &self,
        chat: i64,
        policy: SendPolicy,
    ) -> Result<Duration, Unavailable> {
        let chat_key = self.key(&format!("send:chat:{chat}"));
        let ticks = self.key("send:ticks");
        let script = &self.reserve;
        let wait: i64 = self
            .run("reserving a sending slot", |mut c| async move {
                script
                    .key(chat_key)
                    .key(ticks)
                    .arg(i64::from(chat < 0))
                    .arg(policy.per_chat.as_millis() as u64)
                    .arg(policy.group_window.as_millis() as u64)
                    .arg(policy.per_group_window)
                    .arg(policy.tick.as_millis() as u64)
                    .arg(policy.per_tick)
                    .invoke_async(&mut c)
                    .await
            })
            .await?;
        Ok(Duration::from_millis(wait.max(0) as u64))
    }

    /// Claims webhook update `id` for this replica (see [`Claim`]).
    pub async fn claim(&self, id: i64) -> Result<Claim, Unavailable> {
        let answered = self.key(&format!("answered:{id}"));
        let claim = self.key(&format!("claim:{id}"));
        let owner = self.instance.clone();
        let script = &self.claim;
        let r: i64 = self
            .run("claiming an update", |mut c| async move {
                script
                    .key(answered)
                    .key(claim)
                    .arg(owner)
                    .arg(CLAIM_TTL.as_millis() as u64)
                    .invoke_async(&mut c)
                    .await
            })
            .await?;
        Ok(match r {
            0 => Claim::Mine,
            1 => Claim::Answered,
            _ => Claim::Elsewhere,
        })
    }

    /// Extends this replica's claim on `id`.
    pub async fn renew_claim(&self, id: i64) -> Result<bool, Unavailable> {
        let claim = self.key(&format!("claim:{id}"));
        let owner = self.instance.clone();
        let script = &self.extend_if;
        self.run("renewing a claim", |mut c| async move {
            script
                .key(claim)
                .arg(owner)
                .arg(CLAIM_TTL.as_millis() as u64)
                .invoke_async::<i64>(&mut c)
                .await
                .map(|n| n == 1)
        })
        .await
    }

    pub async fn release_claim(&self, id: i64) -> Result<(), Unavailable> {
        let claim = self.key(&format!("claim:{id}"));
        let owner = self.instance.clone();
        let script = &self.release_if;
        self.run("releasing a claim", |mut c| async move {
            script
                .key(claim)
                .arg(owner)
                .invoke_async::<i64>(&mut c)
                .await
                .map(|_| ())
        })
        .await
    }

    /// Takes the polling lease if it is free: the fencing token.
    pub async fn acquire_lease(&self, ttl: Duration) -> Result<Option<String>, Unavailable> {
        let (lease, generation) = (self.key("leader"), self.key("leader-generation"));
        let owner = self.instance.clone();
        let script = &self.acquire;
        self.run("taking the polling lease", |mut c| async move {
            script
                .key(lease)
                .key(generation)
                .arg(owner)
                .arg(ttl.as_millis() as u64)
                .invoke_async::<Option<String>>(&mut c)
                .await
        })
        .await
    }

    /// Extends the lease while `token` holds it; `false` once it does not.
    pub async fn renew_lease(&self, token: &str, ttl: Duration) -> Result<bool, Unavailable> {
        let lease = self.key("leader");
        let token = token.to_string();
        let script = &self.extend_if;
        self.run("renewing the polling lease", |mut c| async move {
            script
                .key(lease)
                .arg(token)
                .arg(ttl.as_millis() as u64)
                .invoke_async::<i64>(&mut c)
                .await
                .map(|n| n == 1)
        })
        .await
    }

    pub async fn release_lease(&self, token: &str) -> Result<(), Unavailable> {
        let lease = self.key("leader");
        let token = token.to_string();
        let script = &self.release_if;
        self.run("releasing the polling lease", |mut c| async move {
            script
                .key(lease)
                .arg(token)
                .invoke_async::<i64>(&mut c)
                .await
                .map(|_| ())
        })
        .await
    }

    /// Records `offset` as confirmed, only while `token` holds the lease
    /// (the fence); `false` when it does not.
    pub async fn confirm_offset(&self, token: &str, offset: i64) -> Result<bool, Unavailable> {
        let (lease, key) = (self.key("leader"), self.key("offset"));
        let token = token.to_string();
        let script = &self.confirm;
        self.run("recording the confirmed offset", |mut c| async move {
            script
                .key(lease)
                .key(key)
                .arg(token)
                .arg(offset)
                .invoke_async::<i64>(&mut c)
                .await
                .map(|n| n == 1)
        })
        .await
    }

    /// The offset the last leader confirmed.
    pub async fn confirmed_offset(&self) -> Result<Option<i64>, Unavailable> {
        let key = self.key("offset");
        self.run("reading the confirmed offset", |mut c| async move {
            c.get::<_, Option<i64>>(key).await
        })
        .await
    }

    /// For a webhook start: whether this replica must call `setWebhook`
    /// for `config` (url, secret, kinds), given whether Telegram already
    /// has this URL. See [`super::webhook`].
    pub async fn webhook_registration(
        &self,
        config: &str,
        telegram_has_url: bool,
    ) -> Result<Registration, Unavailable> {
        let (key, lock) = (self.key("webhook"), self.key("webhook-lock"));
        let (config, owner) = (config.to_string(), self.instance.clone());
        let script = &self.register;
        let r: i64 = self
            .run("checking the webhook registration", |mut c| async move {
                script
                    .key(key)
                    .key(lock)
                    .arg(config)
                    .arg(owner)
                    .arg(if telegram_has_url { "1" } else { "0" })
                    .invoke_async(&mut c)
                    .await
            })
            .await?;
        Ok(match r {
            0 => Registration::Done,
            1 => Registration::Mine,
            _ => Registration::Busy,
        })
    }

    /// After `setWebhook` succeeded: records `config` as registered.
    pub async fn webhook_registered(&self, config: &str) -> Result<(), Unavailable> {
        let (key, lock) = (self.key("webhook"), self.key("webhook-lock"));
        let (config, owner) = (config.to_string(), self.instance.clone());
        let script = &self.registered;
        self.run("recording the webhook registration", |mut c| async move {
            script
                .key(key)
                .key(lock)
                .arg(config)
                .arg(owner)
                .invoke_async::<i64>(&mut c)
                .await
                .map(|_| ())
        })
        .await
    }

    /// Forgets the webhook registration (after `deleteWebhook`).
    pub async fn webhook_forget(&self) -> Result<(), Unavailable> {
        let key = self.key("webhook");
        self.run("forgetting the webhook registration", |mut c| async move {
            c.del::<_, ()>(key).await
        })
        .await
    }
}

/// What a webhook replica does about `setWebhook`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Registration {
    /// Telegram has this configuration already.
    Done,
    /// This replica registers it.
    Mine,
    /// Another replica is registering it.
    Busy,
}

/// The sending rates [`RedisStore::reserve_send`] keeps.
#[derive(Debug, Clone, Copy)]
pub struct SendPolicy {
    pub per_chat: Duration,
    pub group_window: Duration,
    pub per_group_window: usize,
    pub tick: Duration,
    pub per_tick: u8,
}

/// A name for this process: host name, pid and a random part.
fn instance_id() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_default();
    let mut random = [0u8; 4];
    if let Ok(mut f) = std::fs::File::open("/dev/urandom") {
        use std::io::Read;
        let _ = f.read_exact(&mut random);
    }
    let random: String = random.iter().map(|b| format!("{b:02x}")).collect();
    let host: String = host
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '.')
        .take(40)
        .collect();
    format!("{host}-{}-{random}", std::process::id())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn urls_are_described_without_the_password() {
        let s = RedisStore::open("redis://:hunter2-secret@127.0.0.1:6390/3", "42").unwrap();
        assert_eq!(s.describe(), "redis://:***@127.0.0.1:6390/3");
        assert!(s.secrets().iter().any(|p| p == "hunter2-secret"));
        let s = RedisStore::open("redis://127.0.0.1:6390", "42").unwrap();
        assert_eq!(s.describe(), "redis://127.0.0.1:6390/0");
        let s =
            RedisStore::open("rediss://app:p%40ss-word@cache.example.org:6380/1", "42").unwrap();
        assert_eq!(s.describe(), "rediss://app:***@cache.example.org:6380/1");
        assert!(s.secrets().iter().any(|p| p == "p@ss-word"));
        assert!(s.secrets().iter().any(|p| p == "p%40ss-word"));
    }

    #[tokio::test]
    async fn bad_urls_are_refused_without_being_echoed() {
        for url in [
            "redis://:pw-123456@host:notaport/0",
            "redis://:pw-123456@/0x",
        ] {
            if let Err(e) = RedisStore::open(url, "42") {
                assert!(!e.to_string().contains("pw-123456"), "{e}");
            }
        }
    }
}
