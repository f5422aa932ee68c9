//! What the README says about teloxide, checked against the teloxide in
//! `Cargo.lock`: claims about a dependency are tests too.

use teloxide::prelude::*;

const TOKEN: &str = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0";

/// teloxide 0.17's `Bot` replaces the token in its network errors (since
/// 2022): an error against a closed port shows neither the token nor its
/// secret half. The README once said it quoted the URL, token included.
#[tokio::test]
async fn teloxide_bot_errors_do_not_show_the_token() {
    // A port nothing listens on: bind, note it, close.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = reqwest::Url::parse(&format!("http://127.0.0.1:{port}/")).unwrap();
    let bot = Bot::new(TOKEN).set_api_url(url);
    let err = bot.get_me().await.expect_err("nothing listens there");
    let secret = TOKEN.split_once(':').unwrap().1;
    // It names the URL, with the token replaced.
    assert!(format!("{err:?}").contains("token:redacted"), "{err:?}");
    for shown in [format!("{err}"), format!("{err:?}")] {
        assert!(!shown.contains(secret), "the token is in: {shown}");
    }

    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(
        !readme.contains("quotes the URL (token included)"),
        "the README must not claim that teloxide's errors show the token"
    );
    assert!(readme.contains("`docs::teloxide_bot_errors_do_not_show_the_token`"));
}
