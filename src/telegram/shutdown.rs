//! Graceful shutdown on SIGTERM (systemd, Docker) and SIGINT (Ctrl-C).
//!
//! teloxide's own Ctrl-C handler listens to SIGINT only, so the bot listens
//! to both itself. On the first signal it asks the dispatcher to stop:
//! polling stops (after confirming the updates already received), the
//! answers in flight are sent, and `run` returns, so the process exits 0.
//! If that takes longer than [`GRACE`], or a second signal arrives, the
//! process exits at once with status 1.

use std::time::Duration;
use teloxide::dispatching::ShutdownToken;
use tokio::signal::unix::{Signal, SignalKind, signal};

/// How long in-flight answers get to finish after a signal.
pub const GRACE: Duration = Duration::from_secs(20);

/// The signals that stop the bot.
pub struct Signals {
    term: Signal,
    int: Signal,
}

impl Signals {
    /// Starts listening. Done first thing, so that a signal during start-up
    /// is not fatal by default.
    pub fn listen() -> std::io::Result<Signals> {
        Ok(Signals {
            term: signal(SignalKind::terminate())?,
            int: signal(SignalKind::interrupt())?,
        })
    }

    /// Waits for the next signal and returns its name.
    pub async fn recv(&mut self) -> &'static str {
        tokio::select! {
            _ = self.term.recv() => "SIGTERM",
            _ = self.int.recv() => "SIGINT",
        }
    }
}

/// Waits for a signal, then shuts the dispatcher down (see the module doc).
pub async fn on_signal(mut signals: Signals, token: ShutdownToken) {
    let name = signals.recv().await;
    tracing::info!("{name} received: finishing the answers in flight, then exiting");
    // The dispatcher may still be starting (it calls getMe first); it can
    // only be told to stop once it runs.
    let stopping = async {
        loop {
            match token.shutdown() {
                Ok(done) => break done.await,
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    };
    tokio::select! {
        () = stopping => {}
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
