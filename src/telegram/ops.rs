//! What operators see: `GET /healthz`, `GET /readyz` and `GET /metrics`
//! on the `--listen` address (in polling mode too), and, in webhook mode,
//! the webhook's path on the same listener.
//!
//! - `/healthz` is liveness: 200 while the process serves requests.
//! - `/readyz` is readiness: 200 once the engine is loaded and the bot has
//!   connected, while the Bot API answered its last call and did so within
//!   the last [`Readiness::window`] (a long poll's timeout plus a call's);
//!   503, with the reason, before that, while the Bot API is unreachable or
//!   failing (connection refused, timeouts, 5xx) and while the bot stops.
//!   When no call is due (webhook mode, idle) a probe (`getWebhookInfo`)
//!   keeps the answer fresh.
//! - `/metrics` is the Prometheus text format ([`metrics`] recorded through
//!   `metrics-exporter-prometheus`); the metric names are in [`names`].
//!
//! The webhook's router (from [`super::webhook`]) is mounted once the bot
//! has connected; until then a request on its path gets 503, which
//! Telegram retries.

use super::api::Api;
use axum::Router;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use tower::ServiceExt as _;

/// The metrics' names (all counters but the histogram).
pub mod names {
    /// Questions, by `outcome` (`answered`, `declined`) and `intent`
    /// (`none` when declined without one).
    pub const QUESTIONS: &str = "cspo_questions_total";
    /// Time to handle one update, in seconds, by `kind`.
    pub const UPDATE_SECONDS: &str = "cspo_update_duration_seconds";
    /// Calls to the Bot API, by `method`.
    pub const API_CALLS: &str = "cspo_bot_api_calls_total";
    /// Failed calls to the Bot API, by `method` and `kind` (`refused`,
    /// `retry_after`, `migrated`, `server`, `unreachable`, `no_answer`,
    /// `unreadable`).
    pub const API_ERRORS: &str = "cspo_bot_api_errors_total";
    /// Failures of the conversation store, by `op`.
    pub const STORE_ERRORS: &str = "cspo_store_errors_total";
    /// Questions refused by the per-user rate limit.
    pub const RATE_LIMITED: &str = "cspo_rate_limited_total";
    /// Reloads of the data and intents, by `result` (`ok`, `failed`).
    pub const RELOADS: &str = "cspo_reloads_total";
}

/// The buckets of [`names::UPDATE_SECONDS`]: most updates take a few
/// milliseconds (the engine is ~30 us; the rest is Telegram's round trip).
const BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// Installs the process's metrics recorder (once; later calls get the
/// same handle).
pub fn install_metrics() -> anyhow::Result<PrometheusHandle> {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    if let Some(h) = HANDLE.get() {
        return Ok(h.clone());
    }
    let handle = PrometheusBuilder::new()
        .set_buckets_for_metric(Matcher::Full(names::UPDATE_SECONDS.into()), BUCKETS)?
        .install_recorder()?;
    use metrics::{describe_counter, describe_histogram};
    describe_counter!(
        names::QUESTIONS,
        "Questions asked, by outcome (answered or declined), intent and surface (chat or inline)"
    );
    describe_histogram!(
        names::UPDATE_SECONDS,
        metrics::Unit::Seconds,
        "Time to handle one update"
    );
    describe_counter!(names::API_CALLS, "Calls to the Bot API, by method");
    describe_counter!(
        names::API_ERRORS,
        "Failed calls to the Bot API, by method and kind"
    );
    describe_counter!(names::STORE_ERRORS, "Failures of the conversation store");
    describe_counter!(
        names::RATE_LIMITED,
        "Questions refused by the per-user rate limit"
    );
    describe_counter!(names::RELOADS, "Reloads of the data and intents, by result");
    let h = HANDLE.get_or_init(|| handle);
    // Histograms are folded into the rendered buckets by upkeep.
    let upkeep = h.clone();
    std::thread::Builder::new()
        .name("metrics-upkeep".into())
        .spawn(move || {
            loop {
                std::thread::sleep(Duration::from_secs(5));
                upkeep.run_upkeep();
            }
        })?;
    Ok(h.clone())
}

/// Whether the bot is ready to serve (see the module doc).
pub struct Readiness {
    /// The client, once the bot has connected (getMe answered).
    api: OnceLock<Api>,
    stopping: AtomicBool,
    /// How old the Bot API's last answer may be.
    window: Duration,
}

impl Readiness {
    pub fn new(window: Duration) -> Arc<Readiness> {
        Arc::new(Readiness {
            api: OnceLock::new(),
            stopping: AtomicBool::new(false),
            window,
        })
    }

    pub fn window(&self) -> Duration {
        self.window
    }

    /// The engine is loaded and the bot has connected with `api`.
    pub fn connected(&self, api: Api) {
        let _ = self.api.set(api);
    }

    pub fn stopping(&self) {
        self.stopping.store(true, Ordering::Relaxed);
    }

    /// `Ok` when ready, else why not.
    pub fn check(&self) -> Result<(), String> {
        if self.stopping.load(Ordering::Relaxed) {
            return Err("the bot is stopping".into());
        }
        let Some(api) = self.api.get() else {
            return Err("the bot has not connected to the Bot API yet".into());
        };
        let health = api.health();
        if health.failing() {
            return Err("the Bot API is unreachable or failing".into());
        }
        match health.since_answer() {
            Some(age) if age <= self.window => Ok(()),
            Some(age) => Err(format!(
                "the Bot API has not answered for {} s",
                age.as_secs()
            )),
            None => Err("the Bot API has not answered yet".into()),
        }
    }

    /// Keeps the readiness fresh while no call is due: when the last answer
    /// is older than half the window, asks `getWebhookInfo`.
    pub async fn probe(self: Arc<Self>, stop: super::updates::Stop) {
        let every = (self.window / 2).max(Duration::from_secs(1));
        loop {
            tokio::select! {
                () = stop.stopped() => return,
                () = tokio::time::sleep(every) => {}
            }
            let Some(api) = self.api.get() else { continue };
            let stale = api.health().since_answer().is_none_or(|a| a >= every);
            if stale || api.health().failing() {
                let timeout = api.tuning().request_timeout;
                if let Err(e) = api
                    .call_value("GetWebhookInfo", &serde_json::json!({}), timeout)
                    .await
                {
                    tracing::debug!(error = %e, "readiness probe failed");
                }
            }
        }
    }
}

#[derive(Clone)]
struct Ops {
    metrics: PrometheusHandle,
    ready: Arc<Readiness>,
    /// Whether a webhook is to be mounted (then its path answers 503 until
    /// it is).
    webhook: bool,
    mounted: Arc<OnceLock<Router>>,
}

/// The listener's router, and where to mount the webhook's later.
pub struct Routes {
    pub router: Router,
    pub webhook: Arc<OnceLock<Router>>,
}

/// `/healthz`, `/readyz`, `/metrics`, and a fallback that hands every
/// other request to the webhook's router once it is mounted in `webhook`.
pub fn routes(metrics: PrometheusHandle, ready: Arc<Readiness>, webhook: bool) -> Routes {
    let mounted: Arc<OnceLock<Router>> = Arc::default();
    let ops = Ops {
        metrics,
        ready,
        webhook,
        mounted: Arc::clone(&mounted),
    };
    let router = Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(render))
        .fallback(fallback)
        .with_state(ops);
    Routes {
        router,
        webhook: mounted,
    }
}

/// The paths of this module, which a webhook URL may not use.
pub const PATHS: [&str; 3] = ["/healthz", "/readyz", "/metrics"];

async fn healthz() -> &'static str {
    "ok\n"
}

async fn readyz(State(ops): State<Ops>) -> Response {
    match ops.ready.check() {
        Ok(()) => (StatusCode::OK, "ready\n").into_response(),
        Err(why) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("not ready: {why}\n"),
        )
            .into_response(),
    }
}

async fn render(State(ops): State<Ops>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        ops.metrics.render(),
    )
        .into_response()
}

async fn fallback(State(ops): State<Ops>, req: Request) -> Response {
    match ops.mounted.get() {
        Some(router) => match router.clone().oneshot(req).await {
            Ok(r) => r,
            Err(never) => match never {},
        },
        None if ops.webhook => StatusCode::SERVICE_UNAVAILABLE.into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
