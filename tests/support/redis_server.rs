//! A real `redis-server` for the tests of `--store redis://`, on
//! 127.0.0.1 and a free port, in a temporary directory, without
//! persistence (unless asked), killed when dropped.
//!
//! The tests need the binary (Debian: `apt-get install redis-server`;
//! `.ci/run` installs it when it is missing). Without it they fail, with
//! that advice, rather than skip: a suite that silently skips its Redis
//! tests would pass while proving nothing.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct RedisServer {
    child: Option<Child>,
    pub port: u16,
    password: Option<String>,
    /// TLS only (`rediss://`), with the test certificate of `tls/`.
    tls: bool,
    dir: tempfile::TempDir,
}

/// The test CA, which signed the test server certificate (SAN
/// `localhost`, `127.0.0.1`) of `tls/`; for `rediss://` tests only (the
/// CA's key is not kept).
pub fn test_ca() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/tls/redis-test-ca.pem")
}

fn test_cert() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/tls/redis-test-cert.pem")
}

fn test_key() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/tls/redis-test-key.pem")
}

/// The `redis-server` to run: `CSPO_TEST_REDIS_SERVER`, else from `PATH`.
fn binary() -> String {
    std::env::var("CSPO_TEST_REDIS_SERVER").unwrap_or_else(|_| "redis-server".into())
}

fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    l.local_addr().unwrap().port()
}

impl RedisServer {
    /// A server without a password.
    pub fn start() -> RedisServer {
        RedisServer::start_with(None)
    }

    /// A server that wants `password` (`requirepass`).
    pub fn start_with(password: Option<&str>) -> RedisServer {
        let mut s = RedisServer {
            child: None,
            port: free_port(),
            password: password.map(str::to_string),
            tls: false,
            dir: tempfile::tempdir().unwrap(),
        };
        s.spawn();
        s
    }

    /// A server that speaks TLS only, with the test certificate.
    pub fn start_tls() -> RedisServer {
        let mut s = RedisServer {
            child: None,
            port: free_port(),
            password: None,
            tls: true,
            dir: tempfile::tempdir().unwrap(),
        };
        s.spawn();
        s
    }

    fn spawn(&mut self) {
        let mut cmd = Command::new(binary());
        if self.tls {
            cmd.args(["--port", "0", "--tls-port"])
                .arg(self.port.to_string())
                .arg("--tls-cert-file")
                .arg(test_cert())
                .arg("--tls-key-file")
                .arg(test_key())
                .arg("--tls-ca-cert-file")
                .arg(test_ca())
                .args(["--tls-auth-clients", "no"]);
        } else {
            cmd.arg("--port").arg(self.port.to_string());
        }
        cmd.args(["--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            .args(["--protected-mode", "no", "--daemonize", "no"])
            .arg("--dir")
            .arg(self.dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if let Some(p) = &self.password {
            cmd.args(["--requirepass", p]);
        }
        let child = cmd.spawn().unwrap_or_else(|e| {
            panic!(
                "cannot start {} ({e}): the Redis tests need a real redis-server \
                 (Debian: apt-get install redis-server; .ci/run installs it)",
                binary()
            )
        });
        self.child = Some(child);
        self.wait_ready();
    }

    /// Waits until the server answers PING (TLS: accepts connections).
    fn wait_ready(&self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let addr: SocketAddr = ([127, 0, 0, 1], self.port).into();
            let up = if self.tls {
                TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok()
            } else {
                self.ping()
            };
            if up {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "redis-server did not come up on port {}",
                self.port
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Whether the server answers (with the password, if any).
    pub fn ping(&self) -> bool {
        let addr: SocketAddr = ([127, 0, 0, 1], self.port).into();
        let Ok(mut c) = TcpStream::connect_timeout(&addr, Duration::from_millis(200)) else {
            return false;
        };
        let _ = c.set_read_timeout(Some(Duration::from_millis(500)));
        let mut out = String::new();
        if let Some(p) = &self.password {
            out.push_str(&format!("AUTH {p}\r\n"));
        }
        out.push_str("PING\r\n");
        if c.write_all(out.as_bytes()).is_err() {
            return false;
        }
        let mut buf = [0u8; 256];
        let mut got = String::new();
        let deadline = Instant::now() + Duration::from_millis(500);
        while Instant::now() < deadline {
            match c.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => got.push_str(&String::from_utf8_lossy(&buf[..n])),
            }
            if got.contains("+PONG") || got.contains('-') {
                break;
            }
        }
        got.contains("+PONG")
    }

    /// The `--store` value for this server (with its password).
    pub fn url(&self) -> String {
        if self.tls {
            return format!("rediss://127.0.0.1:{}/0", self.port);
        }
        match &self.password {
            Some(p) => format!("redis://:{p}@127.0.0.1:{}/0", self.port),
            None => format!("redis://127.0.0.1:{}/0", self.port),
        }
    }

    /// The same, with another password.
    pub fn url_with_password(&self, password: &str) -> String {
        format!("redis://:{password}@127.0.0.1:{}/0", self.port)
    }

    /// Kills the server with SIGKILL (its data goes with it).
    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Starts it again on the same port, empty.
    pub fn restart(&mut self) {
        self.kill();
        self.spawn();
    }

    /// A client of the `redis` crate, to look at what the bot stored.
    pub fn client(&self) -> redis::Client {
        redis::Client::open(self.url()).unwrap()
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.kill();
    }
}
