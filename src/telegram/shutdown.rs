//! Signals: graceful shutdown on SIGTERM (systemd, Docker) and SIGINT
//! (Ctrl-C); reload on SIGHUP.
//!
//! On the first SIGTERM or SIGINT the bot stops receiving updates, finishes
//! the answers in flight, confirms them to Telegram, and `run` returns, so
//! the process exits 0. If that takes longer than [`GRACE`], or a second
//! signal arrives, the process exits at once with status 1 (the updates not
//! confirmed are then answered after the restart).
//!
//! SIGHUP reloads the data and intents ([`App::reload`]); a failed reload is
//! logged and the old data stays in service.

use super::state::App;
use super::updates::Stop;
use std::sync::Arc;
use std::time::Duration;
use tokio::signal::unix::{Signal, SignalKind, signal};

/// How long in-flight answers get to finish after a signal.
pub const GRACE: Duration = Duration::from_secs(20);

/// The signals that stop the bot.
pub struct Signals {
    term: Signal,
    int: Signal,
    hup: Option<Signal>,
}

impl Signals {
    /// Starts listening. Done first thing, so that a signal during start-up
    /// is not fatal by default.
    pub fn listen() -> std::io::Result<Signals> {
        Ok(Signals {
            term: signal(SignalKind::terminate())?,
            int: signal(SignalKind::interrupt())?,
            hup: Some(signal(SignalKind::hangup())?),
        })
    }

    /// Waits for the next stopping signal and returns its name.
    pub async fn recv(&mut self) -> &'static str {
        tokio::select! {
            _ = self.term.recv() => "SIGTERM",
            _ = self.int.recv() => "SIGINT",
        }
    }

    /// The SIGHUP stream, for [`reload_on_hangup`].
    pub fn take_hangup(&mut self) -> Option<Signal> {
        self.hup.take()
    }
}

/// Reloads the data and intents on every SIGHUP.
pub async fn reload_on_hangup(mut hup: Signal, app: Arc<App>) {
    while hup.recv().await.is_some() {
        tracing::info!("SIGHUP received: reloading the data and intents");
        // The outcome is logged by `reload`.
        let _ = app.reload().await;
    }
}

/// Waits for a signal, then stops the bot (see the module doc).
pub async fn on_signal(mut signals: Signals, stop: Stop) {
    let name = signals.recv().await;
    tracing::info!("{name} received: finishing the answers in flight, then exiting");
    stop.stop();
    tokio::select! {
        () = tokio::time::sleep(GRACE) => {
            tracing::error!("the answers in flight did not finish within {} s; exiting anyway", GRACE.as_secs());
            std::process::exit(1);
        }
        second = signals.recv() => {
            tracing::warn!("second signal ({second}): exiting at once");
            std::process::exit(1);
        }
    }
}
