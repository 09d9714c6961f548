//! A lean HTTP/1.1 client for the load generators: one keep-alive TCP connection per
//! sender, the request written in one call, the answer read into a reused buffer. A
//! general client (reqwest) cost the generator about 80 µs of CPU per request on this
//! machine, which would cap the measured rate by the generator's own work on the cores
//! it shares with the server. Only what `POST /webhook` needs: Content-Length bodies,
//! no chunked answers, no redirects.

use std::sync::Mutex;

use anyhow::{Context as _, bail};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;

/// Where to post: `http://host:port/path` split once.
#[derive(Debug, Clone)]
pub struct Target {
    pub addr: String,
    pub path: String,
}

impl Target {
    pub fn parse(url: &str) -> anyhow::Result<Target> {
        let rest = url.strip_prefix("http://").context("only http:// targets")?;
        let (addr, path) = rest.split_once('/').map_or((rest, "/".to_owned()), |(a, p)| (a, format!("/{p}")));
        Ok(Target { addr: addr.to_owned(), path })
    }
}

pub struct Conn {
    stream: TcpStream,
    buf: Vec<u8>,
    out: Vec<u8>,
}

impl Conn {
    pub async fn connect(target: &Target) -> anyhow::Result<Conn> {
        let stream = TcpStream::connect(&target.addr).await.with_context(|| format!("connect {}", target.addr))?;
        stream.set_nodelay(true)?;
        Ok(Conn { stream, buf: Vec::with_capacity(1024), out: Vec::with_capacity(4096) })
    }

    /// Posts `body` with the LINE signature header; returns the status code.
    pub async fn post(&mut self, target: &Target, signature: &str, body: &[u8]) -> anyhow::Result<u16> {
        self.out.clear();
        self.out.extend_from_slice(
            format!(
                "POST {} HTTP/1.1\r\nhost: {}\r\ncontent-type: application/json; charset=utf-8\r\nx-line-signature: {signature}\r\ncontent-length: {}\r\n\r\n",
                target.path,
                target.addr,
                body.len()
            )
            .as_bytes(),
        );
        self.out.extend_from_slice(body);
        self.stream.write_all(&self.out).await?;
        self.read_response().await
    }

    async fn read_response(&mut self) -> anyhow::Result<u16> {
        self.buf.clear();
        let mut chunk = [0u8; 1024];
        let head_end = loop {
            if let Some(i) = self.buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            let n = self.stream.read(&mut chunk).await?;
            if n == 0 {
                bail!("connection closed before the answer");
            }
            self.buf.extend_from_slice(&chunk[..n]);
        };
        let head = std::str::from_utf8(&self.buf[..head_end]).context("answer head is not text")?;
        let status: u16 = head.get(9..12).and_then(|s| s.parse().ok()).context("no status line")?;
        let length: usize = head
            .lines()
            .find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.eq_ignore_ascii_case("content-length").then(|| v.trim().parse().ok())?
            })
            .context("answer without content-length")?;
        let mut have = self.buf.len() - head_end;
        while have < length {
            let n = self.stream.read(&mut chunk).await?;
            if n == 0 {
                bail!("connection closed inside the answer");
            }
            have += n;
        }
        Ok(status)
    }
}

/// Idle connections for the open loop, whose requests overlap in number it cannot know.
#[derive(Default)]
pub struct Pool {
    idle: Mutex<Vec<Conn>>,
}

impl Pool {
    /// An idle connection, if there is one (the request opens a new one otherwise).
    pub fn take(&self) -> Option<Conn> {
        self.idle.lock().ok()?.pop()
    }

    pub fn put(&self, conn: Conn) {
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(conn);
        }
    }
}
