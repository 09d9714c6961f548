//! A local stand-in for LINE's API: records every request and answers what the test
//! scripted, so client behaviour can be checked without the network.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, Result, anyhow};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use line::{LineClient, LineConfig};
use serde_json::Value;

#[derive(Debug, Clone)]
pub struct Captured {
    pub method: Method,
    pub path: String,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Captured {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn json(&self) -> Result<Value> {
        serde_json::from_slice(&self.body).with_context(|| {
            format!(
                "{} {} body is not JSON: {:?}",
                self.method, self.path, self.body
            )
        })
    }
}

#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
    pub delay: Duration,
}

impl Answer {
    pub fn json(status: u16, body: &str) -> Answer {
        Answer {
            status,
            headers: vec![("content-type", "application/json".into())],
            body: body.as_bytes().to_vec(),
            delay: Duration::ZERO,
        }
    }

    pub fn ok_sent(id: &str) -> Answer {
        Answer::json(
            200,
            &format!(r#"{{"sentMessages":[{{"id":"{id}","quoteToken":"q-{id}"}}]}}"#),
        )
        .header("x-line-request-id", format!("req-{id}"))
    }

    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Answer {
        self.headers.push((name, value.into()));
        self
    }

    pub fn delayed(mut self, delay: Duration) -> Answer {
        self.delay = delay;
        self
    }
}

type Responder = dyn Fn(usize, &Captured) -> Answer + Send + Sync;

#[derive(Clone)]
struct Shared {
    captured: Arc<Mutex<Vec<Captured>>>,
    respond: Arc<Responder>,
}

pub struct FakeLine {
    pub base: String,
    captured: Arc<Mutex<Vec<Captured>>>,
    task: tokio::task::JoinHandle<()>,
}

impl FakeLine {
    /// `respond` gets the 0-based number of the request and the request itself.
    pub async fn start(
        respond: impl Fn(usize, &Captured) -> Answer + Send + Sync + 'static,
    ) -> Result<FakeLine> {
        let captured = Arc::new(Mutex::new(Vec::new()));
        let shared = Shared {
            captured: captured.clone(),
            respond: Arc::new(respond),
        };
        let app = axum::Router::new().fallback(handle).with_state(shared);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .context("binding the fake LINE server")?;
        let base = format!("http://{}", listener.local_addr()?);
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(FakeLine {
            base,
            captured,
            task,
        })
    }

    /// Answers requests in order from `script`; after it runs out, repeats the last one.
    pub async fn scripted(script: Vec<Answer>) -> Result<FakeLine> {
        let last = script
            .last()
            .cloned()
            .ok_or_else(|| anyhow!("empty script"))?;
        FakeLine::start(move |i, _| script.get(i).cloned().unwrap_or_else(|| last.clone())).await
    }

    pub fn requests(&self) -> Vec<Captured> {
        self.captured.lock().map(|c| c.clone()).unwrap_or_default()
    }

    /// A client pointed at this server for both hosts, with test-sized waits.
    pub fn client(&self, max_attempts: u32, timeout: Duration) -> Result<LineClient> {
        client_for(&self.base, &self.base, max_attempts, timeout)
    }
}

impl Drop for FakeLine {
    fn drop(&mut self) {
        self.task.abort();
    }
}

pub const TOKEN: &str = "test-channel-access-token";

pub fn client_for(
    api: &str,
    data: &str,
    max_attempts: u32,
    timeout: Duration,
) -> Result<LineClient> {
    let mut cfg = LineConfig::new(TOKEN).with_bases(api, data);
    cfg.max_attempts = max_attempts;
    cfg.timeout = timeout;
    cfg.backoff_base = Duration::from_millis(5);
    LineClient::new(cfg).map_err(|e| anyhow!("building the client: {e}"))
}

async fn handle(
    State(shared): State<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let req = Captured {
        method,
        path: uri.path().to_owned(),
        headers,
        body,
    };
    let index = match shared.captured.lock() {
        Ok(mut c) => {
            c.push(req.clone());
            c.len() - 1
        }
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let answer = (shared.respond)(index, &req);
    if !answer.delay.is_zero() {
        tokio::time::sleep(answer.delay).await;
    }
    let mut resp = (
        StatusCode::from_u16(answer.status).unwrap_or(StatusCode::IM_A_TEAPOT),
        answer.body,
    )
        .into_response();
    for (name, value) in answer.headers {
        if let Ok(value) = HeaderValue::from_str(&value) {
            resp.headers_mut()
                .insert(HeaderName::from_static(name), value);
        }
    }
    resp
}
