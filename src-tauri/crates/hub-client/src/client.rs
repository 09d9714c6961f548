use std::time::Duration;

use futures_util::StreamExt;
use madoguchi_core::api::{ApiError, Request};
use madoguchi_core::events::CoreEvent;
use madoguchi_core::members::SessionMember;
use reqwest::header::{HeaderMap, AUTHORIZATION, RANGE};
use reqwest::StatusCode;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::error::from_reqwest;
use crate::sse::SseParser;
use crate::{parse_address, DeviceToken, HubError, Side};

/// Longer than any API call takes; an upload of the largest attachment included.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The hub sends a keep-alive every 15 s: a stream silent for longer is dead (a cable
/// pulled, a laptop asleep), even if no connection error says so.
const STREAM_SILENCE: Duration = Duration::from_secs(35);

/// What `GET /api/version` answers.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct HubVersion {
    pub version: String,
    pub api: String,
}

/// A paired device: who it signed in as, and its token (for the keyring only).
pub struct Paired {
    pub token: DeviceToken,
    pub member: SessionMember,
}

/// A media file's answer, as the hub gave it (status, the headers a player needs, bytes).
pub struct MediaAnswer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// Requests to one hub. Cheap to clone (one connection pool).
#[derive(Clone)]
pub struct HubClient {
    base: String,
    http: reqwest::Client,
    /// For the stream: no overall timeout, only the silence guard.
    stream_http: reqwest::Client,
}

impl HubClient {
    /// A client for `address` (checked by [`parse_address`]), trusting the system's
    /// certificate authorities.
    pub fn new(address: &str) -> Result<HubClient, HubError> {
        Self::build(address, None)
    }

    /// Also trusting `root_pem` (a test's private CA, e.g. Caddy's `tls internal`).
    pub fn with_root_certificate(address: &str, root_pem: &[u8]) -> Result<HubClient, HubError> {
        Self::build(address, Some(root_pem))
    }

    fn build(address: &str, root_pem: Option<&[u8]>) -> Result<HubClient, HubError> {
        let base = parse_address(address)?;
        let make = |timeout: Option<Duration>| -> Result<reqwest::Client, HubError> {
            let mut b = reqwest::Client::builder()
                .connect_timeout(CONNECT_TIMEOUT)
                .user_agent(concat!("Madoguchi-desktop/", env!("CARGO_PKG_VERSION")))
                // A hub never redirects its API; following one could hand the token elsewhere.
                .redirect(reqwest::redirect::Policy::none());
            if let Some(t) = timeout {
                b = b.timeout(t);
            }
            if let Some(pem) = root_pem {
                let cert = reqwest::Certificate::from_pem(pem).map_err(|e| HubError::Certificate(e.to_string()))?;
                b = b.add_root_certificate(cert);
            }
            b.build().map_err(|e| HubError::Unreachable(e.to_string()))
        };
        Ok(HubClient { base, http: make(Some(REQUEST_TIMEOUT))?, stream_http: make(None)? })
    }

    /// The hub's base URL (`https://shop.example.jp`).
    pub fn address(&self) -> &str {
        &self.base
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn version(&self) -> Result<HubVersion, HubError> {
        let res = self.http.get(self.url("/api/version")).send().await.map_err(from_reqwest)?;
        match res.status() {
            // A hub from before versions were published.
            StatusCode::NOT_FOUND => Err(HubError::VersionMismatch {
                hub: "?".into(),
                hub_api: "?".into(),
                ours: env!("CARGO_PKG_VERSION").into(),
                ours_api: madoguchi_core::api::api_hash().into(),
                update: Side::Hub,
            }),
            s if s.is_success() => res.json().await.map_err(|e| HubError::BadAnswer(e.to_string())),
            s => Err(HubError::BadAnswer(format!("/api/version answered {s}"))),
        }
    }

    /// The hub's version, or why this app cannot talk to it: a different API, and which
    /// side is older.
    pub async fn check_version(&self) -> Result<HubVersion, HubError> {
        let hub = self.version().await?;
        check_against(&hub, env!("CARGO_PKG_VERSION"), madoguchi_core::api::api_hash())?;
        Ok(hub)
    }

    /// `POST /api/pair`: the code an owner made, and the name the owner will see.
    pub async fn pair(&self, code: &str, device_name: &str) -> Result<Paired, HubError> {
        #[derive(Deserialize)]
        struct Answer {
            token: String,
            member: SessionMember,
        }
        let body = serde_json::json!({ "code": code, "deviceName": device_name });
        let res = self.http.post(self.url("/api/pair")).json(&body).send().await.map_err(from_reqwest)?;
        let a: Answer = ok_json(res, false).await?;
        Ok(Paired { token: DeviceToken::new(a.token), member: a.member })
    }

    /// `GET /api/me`: who the token signs in as (`{member, role}` as the hub says it).
    pub async fn me(&self, token: &DeviceToken) -> Result<Box<RawValue>, HubError> {
        let res = self.http.get(self.url("/api/me")).header(AUTHORIZATION, token.bearer()).send().await.map_err(from_reqwest)?;
        ok_json(res, true).await
    }

    /// `POST /api/logout`: the hub forgets this device's token.
    pub async fn logout(&self, token: &DeviceToken) -> Result<(), HubError> {
        let res = self.http.post(self.url("/api/logout")).header(AUTHORIZATION, token.bearer()).body("{}").send().await.map_err(from_reqwest)?;
        let _: serde_json::Value = ok_json(res, true).await?;
        Ok(())
    }

    /// One API call, its answer passed on as the hub wrote it (the window reads the
    /// same `Response` JSON either way).
    pub async fn rpc(&self, token: &DeviceToken, request: &Request) -> Result<Box<RawValue>, HubError> {
        let res = self
            .http
            .post(self.url("/api/rpc"))
            .header(AUTHORIZATION, token.bearer())
            .json(request)
            .send()
            .await
            .map_err(from_reqwest)?;
        ok_json(res, true).await
    }

    /// `GET /api/media/<name>` with the token (and the player's byte range).
    pub async fn media(&self, token: &DeviceToken, name: &str, range: Option<&str>) -> Result<MediaAnswer, HubError> {
        let mut req = self.http.get(self.url(&format!("/api/media/{name}"))).header(AUTHORIZATION, token.bearer());
        if let Some(r) = range {
            req = req.header(RANGE, r);
        }
        let res = req.send().await.map_err(from_reqwest)?;
        if res.status() == StatusCode::UNAUTHORIZED {
            return Err(HubError::Unauthorized(unauthorized()));
        }
        let status = res.status().as_u16();
        let headers = keep_headers(res.headers());
        let body = res.bytes().await.map_err(from_reqwest)?.to_vec();
        Ok(MediaAnswer { status, headers, body })
    }

    /// `GET /api/backup` (owners only): the hub's fresh backup written to `dest` as it
    /// arrives. Answers the name the hub gave it (the shop's date and time), checked to
    /// be a plain backup file name. A transfer that stalls for [`STREAM_SILENCE`] fails.
    pub async fn download_backup(&self, token: &DeviceToken, dest: &std::path::Path) -> Result<(Option<String>, u64), HubError> {
        use tokio::io::AsyncWriteExt;
        let res = self.stream_http.get(self.url("/api/backup")).header(AUTHORIZATION, token.bearer()).send().await.map_err(from_reqwest)?;
        if !res.status().is_success() {
            let _: serde_json::Value = ok_json(res, true).await?;
            return Err(HubError::BadAnswer("/api/backup answered without a backup".into()));
        }
        let name = res
            .headers()
            .get(reqwest::header::CONTENT_DISPOSITION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split("filename=\"").nth(1))
            .and_then(|v| v.split('"').next())
            .filter(|n| madoguchi_core::backup::auto::is_file_name(n))
            .map(str::to_owned);
        let mut file = tokio::fs::File::create(dest).await.map_err(|e| HubError::Local(e.to_string()))?;
        let mut body = res.bytes_stream();
        let mut written = 0u64;
        loop {
            match tokio::time::timeout(STREAM_SILENCE, body.next()).await {
                Err(_) => return Err(HubError::Unreachable("the hub fell silent".into())),
                Ok(None) => break,
                Ok(Some(Err(e))) => return Err(from_reqwest(e)),
                Ok(Some(Ok(chunk))) => {
                    file.write_all(&chunk).await.map_err(|e| HubError::Local(e.to_string()))?;
                    written += chunk.len() as u64;
                }
            }
        }
        file.sync_all().await.map_err(|e| HubError::Local(e.to_string()))?;
        Ok((name, written))
    }

    /// Opens the event stream; events arrive through [`EventStream::next`].
    pub async fn events(&self, token: &DeviceToken) -> Result<EventStream, HubError> {
        let res = self
            .stream_http
            .get(self.url("/api/events"))
            .header(AUTHORIZATION, token.bearer())
            .header(reqwest::header::ACCEPT, "text/event-stream")
            .send()
            .await
            .map_err(from_reqwest)?;
        if res.status() == StatusCode::UNAUTHORIZED {
            return Err(HubError::Unauthorized(unauthorized()));
        }
        if !res.status().is_success() {
            return Err(HubError::BadAnswer(format!("/api/events answered {}", res.status())));
        }
        Ok(EventStream { body: Box::pin(res.bytes_stream()), parser: SseParser::default(), ready: Default::default() })
    }
}

/// The comparison behind [`HubClient::check_version`].
pub(crate) fn check_against(hub: &HubVersion, ours: &str, ours_api: &str) -> Result<(), HubError> {
    if hub.api == ours_api {
        return Ok(());
    }
    let update = match compare_versions(&hub.version, ours) {
        std::cmp::Ordering::Less => Side::Hub,
        std::cmp::Ordering::Greater => Side::Desk,
        std::cmp::Ordering::Equal => Side::Both,
    };
    Err(HubError::VersionMismatch { hub: hub.version.clone(), hub_api: hub.api.clone(), ours: ours.into(), ours_api: ours_api.into(), update })
}

/// `1.2.10` after `1.2.9`: numeric parts compared as numbers.
fn compare_versions(a: &str, b: &str) -> std::cmp::Ordering {
    let parts = |v: &str| -> Vec<u64> { v.split(['.', '-', '+']).map(|p| p.parse().unwrap_or(0)).collect() };
    parts(a).cmp(&parts(b))
}

fn unauthorized() -> ApiError {
    ApiError::new(
        "unauthorized",
        "The hub signed this device out (the owner revoked it, or the member was removed). Connect again with a new code",
        "ハブがこの端末のログインを取り消しました（管理者による取り消し、またはメンバーの削除）。新しいコードでもう一度つないでください",
    )
}

/// The answer's JSON, or the error it carries: a 401 where a token was sent means the
/// device was signed out; any other refusal is passed on in the hub's words.
async fn ok_json<T: serde::de::DeserializeOwned>(res: reqwest::Response, with_token: bool) -> Result<T, HubError> {
    let status = res.status();
    let bytes = res.bytes().await.map_err(from_reqwest)?;
    if status.is_success() {
        return serde_json::from_slice(&bytes).map_err(|e| HubError::BadAnswer(e.to_string()));
    }
    let said: Option<ApiError> = serde_json::from_slice(&bytes).ok();
    if status == StatusCode::UNAUTHORIZED && with_token {
        return Err(HubError::Unauthorized(unauthorized()));
    }
    match said {
        Some(e) => Err(HubError::Hub(e)),
        // Not the hub talking (a proxy's error page, a hub being restarted behind Caddy).
        None if status == StatusCode::BAD_GATEWAY || status == StatusCode::SERVICE_UNAVAILABLE || status == StatusCode::GATEWAY_TIMEOUT => {
            Err(HubError::Unreachable(format!("the HTTPS front answered {status}: the hub itself is not running")))
        }
        None => Err(HubError::BadAnswer(format!("status {status}"))),
    }
}

/// The headers a media answer keeps for the window's players.
fn keep_headers(h: &HeaderMap) -> Vec<(String, String)> {
    ["content-type", "content-length", "content-range", "accept-ranges", "cache-control", "etag", "last-modified"]
        .iter()
        .filter_map(|name| h.get(*name).and_then(|v| v.to_str().ok()).map(|v| ((*name).to_owned(), v.to_owned())))
        .collect()
}

type Body = std::pin::Pin<Box<dyn futures_util::Stream<Item = reqwest::Result<bytes::Bytes>> + Send>>;

/// The hub's events as they arrive.
pub struct EventStream {
    body: Body,
    parser: SseParser,
    ready: std::collections::VecDeque<String>,
}

impl EventStream {
    /// The next event; None when the hub closed the stream (it restarted, or signed
    /// this device out); an error when the connection broke or fell silent.
    pub async fn next(&mut self) -> Option<Result<CoreEvent, HubError>> {
        loop {
            while let Some(data) = self.ready.pop_front() {
                match serde_json::from_str::<CoreEvent>(&data) {
                    Ok(e) => return Some(Ok(e)),
                    // An event a newer hub added: the screens refetch on what they know.
                    Err(e) => tracing::debug!(error = %e, "skipped an event this app does not know"),
                }
            }
            match tokio::time::timeout(STREAM_SILENCE, self.body.next()).await {
                Err(_) => return Some(Err(HubError::Unreachable("the hub fell silent".into()))),
                Ok(None) => return None,
                Ok(Some(Err(e))) => return Some(Err(from_reqwest(e))),
                Ok(Some(Ok(chunk))) => self.ready.extend(self.parser.push(&chunk)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(version: &str, api: &str) -> HubVersion {
        HubVersion { version: version.into(), api: api.into() }
    }

    #[test]
    fn a_different_api_names_the_older_side() {
        assert!(check_against(&v("0.1.0", "aa"), "0.1.0", "aa").is_ok());
        assert!(matches!(check_against(&v("0.1.0", "aa"), "0.2.0", "bb"), Err(HubError::VersionMismatch { update: Side::Hub, .. })));
        assert!(matches!(check_against(&v("0.10.0", "aa"), "0.9.1", "bb"), Err(HubError::VersionMismatch { update: Side::Desk, .. })));
        assert!(matches!(check_against(&v("0.1.0", "aa"), "0.1.0", "bb"), Err(HubError::VersionMismatch { update: Side::Both, .. })));
    }
}
