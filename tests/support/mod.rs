//! Shared helpers of the Telegram end-to-end tests: a fake Bot API
//! ([`fake_api`]), Telegram's HTML rules ([`html`]), the bot process
//! under test ([`process`]), a bot shared by many tests ([`shared`]) and
//! temporary copies of the data ([`data_copy`]).

#![allow(dead_code)]

pub mod checks;
pub mod data_copy;
pub mod fake_api;
pub mod html;
pub mod process;
pub mod redis_server;
pub mod shared;
