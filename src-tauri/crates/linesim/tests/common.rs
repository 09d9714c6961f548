//! Shared fixtures: a simulator wired to a signature-checking webhook receiver, and a
//! small client for the simulated LINE API.

use std::sync::atomic::{AtomicU16, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use bytes::Bytes;
use linesim::{SimConfig, Simulator};
use serde_json::Value;

pub const SECRET: &str = "test-channel-secret";
pub const TOKEN: &str = "test-access-token";

/// A webhook endpoint like Madoguchi's: verifies `x-line-signature` on the raw body
/// before parsing, records what it accepted, answers `status`.
#[derive(Clone)]
pub struct Receiver {
    pub url: String,
    bodies: Arc<Mutex<Vec<Value>>>,
    bad_signatures: Arc<AtomicUsize>,
    status: Arc<AtomicU16>,
}

impl Receiver {
    pub async fn start() -> Result<Receiver> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let url = format!("http://{}/webhook", listener.local_addr()?);
        let r = Receiver {
            url,
            bodies: Arc::default(),
            bad_signatures: Arc::default(),
            status: Arc::new(AtomicU16::new(200)),
        };
        let app = axum::Router::new()
            .route("/webhook", axum::routing::post(receive))
            .with_state(r.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(r)
    }

    /// Bodies that passed the signature check, in arrival order.
    pub fn bodies(&self) -> Vec<Value> {
        self.bodies.lock().map(|b| b.clone()).unwrap_or_default()
    }

    pub fn events(&self) -> Vec<Value> {
        self.bodies()
            .iter()
            .flat_map(|b| {
                b.get("events")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default()
            })
            .collect()
    }

    pub fn bad_signatures(&self) -> usize {
        self.bad_signatures.load(Ordering::SeqCst)
    }

    pub fn answer_with(&self, status: u16) {
        self.status.store(status, Ordering::SeqCst);
    }
}

async fn receive(State(r): State<Receiver>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let sig = headers
        .get("x-line-signature")
        .and_then(|v| v.to_str().ok());
    if line::signature::verify(SECRET, &body, sig).is_err() {
        r.bad_signatures.fetch_add(1, Ordering::SeqCst);
        return StatusCode::UNAUTHORIZED;
    }
    let Ok(v) = serde_json::from_slice::<Value>(&body) else {
        return StatusCode::BAD_REQUEST;
    };
    if let Ok(mut b) = r.bodies.lock() {
        b.push(v);
    }
    StatusCode::from_u16(r.status.load(Ordering::SeqCst)).unwrap_or(StatusCode::OK)
}

pub fn config(seed: u64) -> SimConfig {
    SimConfig {
        seed,
        channel_secret: SECRET.into(),
        access_token: TOKEN.into(),
        ..SimConfig::default()
    }
}

pub struct Fixture {
    pub sim: Simulator,
    pub receiver: Receiver,
    pub api: Api,
}

pub async fn fixture() -> Result<Fixture> {
    fixture_with(config(42)).await
}

pub async fn fixture_with(mut cfg: SimConfig) -> Result<Fixture> {
    let receiver = Receiver::start().await?;
    cfg.webhook_url = Some(receiver.url.clone());
    let sim = Simulator::start(cfg)
        .await
        .context("starting the simulator")?;
    let api = Api::new(&sim.base_url(), TOKEN)?;
    Ok(Fixture { sim, receiver, api })
}

/// What the simulated LINE API answered.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Value,
    pub bytes: Bytes,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// `details[].property` of a LINE ErrorResponse.
    pub fn properties(&self) -> Vec<String> {
        self.body
            .get("details")
            .and_then(Value::as_array)
            .map(|d| {
                d.iter()
                    .filter_map(|x| x.get("property")?.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn expect(self, status: u16) -> Result<Answer> {
        if self.status != status {
            bail!("expected HTTP {status}, got {}: {}", self.status, self.body);
        }
        Ok(self)
    }
}

#[derive(Clone)]
pub struct Api {
    base: String,
    token: String,
    http: reqwest::Client,
}

impl Api {
    pub fn new(base: &str, token: &str) -> Result<Api> {
        let http = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_secs(20))
            .build()?;
        Ok(Api {
            base: base.to_owned(),
            token: token.to_owned(),
            http,
        })
    }

    pub fn with_token(&self, token: &str) -> Api {
        Api {
            token: token.to_owned(),
            ..self.clone()
        }
    }

    pub async fn get(&self, path: &str) -> Result<Answer> {
        self.send(self.http.get(format!("{}{path}", self.base)))
            .await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Result<Answer> {
        self.send(self.http.post(format!("{}{path}", self.base)).json(body))
            .await
    }

    pub async fn post_with_retry_key(&self, path: &str, body: &Value, key: &str) -> Result<Answer> {
        self.send(
            self.http
                .post(format!("{}{path}", self.base))
                .header("X-Line-Retry-Key", key)
                .json(body),
        )
        .await
    }

    pub async fn put(&self, path: &str, body: &Value) -> Result<Answer> {
        self.send(self.http.put(format!("{}{path}", self.base)).json(body))
            .await
    }

    /// Control API calls (`/sim/...`) need no token; sending one does no harm.
    pub async fn delete(&self, path: &str) -> Result<Answer> {
        self.send(self.http.delete(format!("{}{path}", self.base)))
            .await
    }

    async fn send(&self, req: reqwest::RequestBuilder) -> Result<Answer> {
        let resp = req
            .bearer_auth(&self.token)
            .send()
            .await
            .context("calling the simulator")?;
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let bytes = resp.bytes().await?;
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Ok(Answer {
            status,
            headers,
            body,
            bytes,
        })
    }
}

/// The one event of a single-event delivery.
pub fn only_event(d: &linesim::Delivery) -> Result<&Value> {
    match d.events.as_slice() {
        [e] => Ok(e),
        other => bail!("expected one event, got {}", other.len()),
    }
}
