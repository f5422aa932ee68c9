//! The bot under test: the real `cspo-bot run` binary, pointed at a fake
//! Bot API through `TELOXIDE_API_URL`.
//!
//! Its stderr is collected for assertions. The process runs in the
//! repository root, so it finds `data/` and `intents/` the way a deployed
//! bot does (or wherever `CSPO_DATA`/`CSPO_INTENTS` point, if set).

use super::fake_api::{FakeApi, TOKEN};
use std::io::Read;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct BotProcess {
    child: Child,
    stderr: Arc<Mutex<String>>,
    reader: Option<std::thread::JoinHandle<()>>,
}

/// How to start the bot.
pub struct Options<'a> {
    pub token: Option<&'a str>,
    pub args: Vec<String>,
    pub env: Vec<(&'a str, String)>,
    /// Have the kernel kill the bot when the thread that started it ends
    /// (for a bot shared by tests, started from a thread that lives as
    /// long as the test process).
    pub die_with_parent: bool,
}

impl Default for Options<'_> {
    fn default() -> Self {
        Options {
            token: Some(TOKEN),
            args: Vec::new(),
            env: Vec::new(),
            die_with_parent: false,
        }
    }
}

impl BotProcess {
    /// Starts `cspo-bot run` with the default options.
    pub fn start(fake: &FakeApi) -> BotProcess {
        BotProcess::start_with(fake, Options::default())
    }

    pub fn start_with(fake: &FakeApi, opts: Options) -> BotProcess {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_cspo-bot"));
        cmd.arg("run")
            .args(&opts.args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("TELOXIDE_API_URL", fake.url())
            .env_remove("TELOXIDE_TOKEN")
            .env_remove("TELOXIDE_PROXY")
            .env_remove("CSPO_WEBHOOK_SECRET")
            .env_remove("CSPO_BOT_PANIC_ON")
            .env_remove("CSPO_BOT_DIE_ON")
            .env_remove("CSPO_ADMINS")
            .env_remove("CSPO_RATE_LIMIT")
            .env_remove("CSPO_BENCH_UNTHROTTLED")
            .env_remove("CSPO_REDIS_PASSWORD")
            .env_remove("CSPO_REDIS_CA_FILE")
            .env_remove("CSPO_CONFIG")
            .env_remove("CSPO_LISTEN")
            .env_remove("CSPO_STORE")
            .env_remove("CSPO_WEBHOOK_URL")
            .env_remove("CSPO_LOG_FORMAT")
            .env_remove("CSPO_REPLACE_WEBHOOK")
            .env("RUST_LOG", "info")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        if let Some(t) = opts.token {
            cmd.env("TELOXIDE_TOKEN", t);
        }
        for (k, v) in opts.env {
            cmd.env(k, v);
        }
        if opts.die_with_parent {
            use std::os::unix::process::CommandExt;
            // SAFETY: prctl is async-signal-safe, and the closure touches
            // nothing else between fork and exec.
            unsafe {
                cmd.pre_exec(|| {
                    if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) == -1 {
                        return Err(std::io::Error::last_os_error());
                    }
                    Ok(())
                });
            }
        }
        let mut child = cmd.spawn().expect("start cspo-bot");
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut pipe = child.stderr.take().unwrap();
        let sink = Arc::clone(&stderr);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        BotProcess {
            child,
            stderr,
            reader: Some(reader),
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends a signal (`TERM`, `INT`, …) with kill(1).
    pub fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .arg(format!("-{name}"))
            .arg(self.pid().to_string())
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{name} failed");
    }

    /// Waits for the process to exit; `None` if it is still running after `timeout`.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                if let Some(r) = self.reader.take() {
                    let _ = r.join();
                }
                return Some(status);
            }
            if Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Async-friendly [`BotProcess::wait_exit`].
    pub async fn exited(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(s) = self.wait_exit(Duration::ZERO) {
                return Some(s);
            }
            if Instant::now() > deadline {
                return None;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Everything the bot wrote to stderr so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }
}

impl Drop for BotProcess {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("--- cspo-bot stderr ---\n{}--- end ---", self.stderr());
        }
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
