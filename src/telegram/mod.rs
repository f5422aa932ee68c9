//! The Telegram front end: the only module that knows teloxide.
//!
//! (Work in progress: see issue 3.)

use crate::engine::Engine;
use std::sync::Arc;

/// Options of `cspo-bot run`.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    pub webhook_url: Option<String>,
    pub listen: Option<std::net::SocketAddr>,
    pub store: Option<String>,
}

/// Runs the bot until it is told to stop.
pub async fn run(_engine: Arc<Engine>, _opts: RunOptions) -> anyhow::Result<()> {
    anyhow::bail!("the Telegram front end is not built yet")
}
