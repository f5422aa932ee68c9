//! Helpers the Telegram suites share: starting the bot against the fake,
//! and the assertions several suites make.

use super::fake_api::{FakeApi, TOKEN};
use super::process::{BotProcess, Options};
use std::time::Duration;

/// Longer than the bot's 1 s per-chat sending interval (`throttle.rs`): a
/// test that checks no second message came waits this long after the
/// first, since a second one in the same chat could not come sooner.
pub const PAST_THROTTLE: Duration = Duration::from_millis(1300);

/// The fake Bot API and the bot, polling it.
pub async fn started_with(opts: Options<'_>) -> (FakeApi, BotProcess) {
    let fake = FakeApi::start().await;
    let bot = BotProcess::start_with(&fake, opts);
    fake.wait_polling().await;
    (fake, bot)
}

/// Neither the token nor its secret half is in `log`.
pub fn assert_no_token(log: &str) {
    let secret_half = TOKEN.split_once(':').unwrap().1;
    assert!(
        !log.contains(TOKEN) && !log.contains(secret_half),
        "the token is in the log"
    );
}

/// Every call the bot made was accepted (status 0: still pending, such as
/// a long poll). For tests that inject no fault.
pub fn assert_all_accepted(fake: &FakeApi) {
    for c in fake.all_calls() {
        assert!(
            c.ok() || c.status == 0,
            "refused: {} {} -> {}",
            c.method,
            c.params,
            c.response
        );
    }
}

/// No call was refused except by the faults a test provoked (429, 5xx).
pub fn assert_no_refusals_but_faults(fake: &FakeApi) {
    for c in fake.all_calls() {
        assert!(
            c.ok() || c.status == 0 || c.status == 429 || c.status >= 500,
            "refused call: {} {} -> {}",
            c.method,
            c.params,
            c.response
        );
    }
}
