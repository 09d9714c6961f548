//! The typed LINE client: rate limited, retrying, and honest about whether LINE may
//! have accepted a request that failed.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{CONTENT_TYPE, HeaderMap};
use reqwest::{Method, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tracing::{debug, warn};

use crate::error::LineError;
use crate::messages::{MulticastRequest, PushMessageRequest, ReplyMessageRequest};
use crate::ratelimit::{Endpoint, RateLimits};
use crate::responses::{
    BotInfo, Content, ErrorResponse, MessageQuota, QuotaConsumption, SendResponse,
    TestWebhookEndpointResponse, TranscodingResponse, TranscodingStatus, UserProfile,
    WebhookEndpointInfo,
};
use crate::retry::{Failure, backoff};

pub use crate::responses::{SendOutcome, SentMessage};

pub const DEFAULT_API_BASE: &str = "https://api.line.me";
pub const DEFAULT_DATA_BASE: &str = "https://api-data.line.me";

const RETRY_KEY_HEADER: &str = "x-line-retry-key";
const REQUEST_ID_HEADER: &str = "x-line-request-id";
const ACCEPTED_REQUEST_ID_HEADER: &str = "x-line-accepted-request-id";

/// Content downloads (videos up to 200 MB) get this many times the normal timeout in
/// total; a stalled transfer is still caught by the per-read timeout.
const CONTENT_TIMEOUT_FACTOR: u32 = 30;

#[derive(Clone)]
pub struct LineConfig {
    pub api_base: String,
    pub data_base: String,
    pub access_token: String,
    /// Per attempt.
    pub timeout: Duration,
    /// Attempts in total, the first included (at least 1 is made).
    pub max_attempts: u32,
    /// First backoff ceiling; doubles per attempt.
    pub backoff_base: Duration,
}

impl LineConfig {
    pub fn new(access_token: impl Into<String>) -> Self {
        LineConfig {
            api_base: DEFAULT_API_BASE.to_owned(),
            data_base: DEFAULT_DATA_BASE.to_owned(),
            access_token: access_token.into(),
            timeout: Duration::from_secs(10),
            max_attempts: 4,
            backoff_base: Duration::from_millis(200),
        }
    }

    pub fn with_bases(mut self, api_base: impl Into<String>, data_base: impl Into<String>) -> Self {
        self.api_base = api_base.into();
        self.data_base = data_base.into();
        self
    }
}

// Hand-written so the token never lands in a log line through `{:?}`.
impl fmt::Debug for LineConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LineConfig")
            .field("api_base", &self.api_base)
            .field("data_base", &self.data_base)
            .field("access_token", &"<redacted>")
            .field("timeout", &self.timeout)
            .field("max_attempts", &self.max_attempts)
            .field("backoff_base", &self.backoff_base)
            .finish()
    }
}

#[derive(Clone)]
pub struct LineClient {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    cfg: LineConfig,
    limits: RateLimits,
}

impl fmt::Debug for LineClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LineClient")
            .field("cfg", &self.inner.cfg)
            .finish_non_exhaustive()
    }
}

#[derive(Clone, Copy)]
enum Host {
    Api,
    Data,
}

struct Call {
    endpoint: Endpoint,
    method: Method,
    host: Host,
    path: String,
    body: Option<Vec<u8>>,
    retry_key: Option<uuid::Uuid>,
    timeout: Duration,
}

struct RawResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl RawResponse {
    fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }

    fn json<T: DeserializeOwned>(&self, what: &str) -> Result<T, LineError> {
        serde_json::from_slice(&self.body).map_err(|e| LineError::Decode(format!("{what}: {e}")))
    }

    fn error_body(&self) -> ErrorResponse {
        // LINE's error bodies are JSON, but a proxy in between may answer in HTML.
        serde_json::from_slice(&self.body).unwrap_or_else(|_| ErrorResponse {
            message: String::from_utf8_lossy(&self.body)
                .chars()
                .take(200)
                .collect(),
            ..ErrorResponse::default()
        })
    }
}

impl LineClient {
    pub fn new(cfg: LineConfig) -> Result<Self, LineError> {
        let http = reqwest::Client::builder()
            .connect_timeout(cfg.timeout)
            .read_timeout(cfg.timeout)
            .user_agent(concat!("madoguchi/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| LineError::Transport(format!("HTTP client setup failed: {e}")))?;
        Ok(LineClient {
            inner: Arc::new(Inner {
                http,
                cfg,
                limits: RateLimits::new(),
            }),
        })
    }

    pub fn config(&self) -> &LineConfig {
        &self.inner.cfg
    }

    /// The HTTP client, for fetches outside LINE's API (profile pictures on its CDN).
    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.inner.http
    }

    /// Free, but the reply token is single use. No retry key: LINE answers 400 to one here.
    pub async fn reply(&self, req: &ReplyMessageRequest) -> Result<SendOutcome, LineError> {
        req.validate()?;
        let call = self.json_call(
            Endpoint::Reply,
            Method::POST,
            "/v2/bot/message/reply",
            req,
            None,
        )?;
        self.send_messages(call).await
    }

    /// `retry_key` must stay the same across every retry of the same outbox row, also
    /// across app restarts: that is what turns a re-send into a harmless 409.
    pub async fn push(
        &self,
        req: &PushMessageRequest,
        retry_key: uuid::Uuid,
    ) -> Result<SendOutcome, LineError> {
        req.validate()?;
        let call = self.json_call(
            Endpoint::Push,
            Method::POST,
            "/v2/bot/message/push",
            req,
            Some(retry_key),
        )?;
        self.send_messages(call).await
    }

    pub async fn multicast(
        &self,
        req: &MulticastRequest,
        retry_key: uuid::Uuid,
    ) -> Result<SendOutcome, LineError> {
        req.validate()?;
        let call = self.json_call(
            Endpoint::Multicast,
            Method::POST,
            "/v2/bot/message/multicast",
            req,
            Some(retry_key),
        )?;
        self.send_messages(call).await
    }

    pub async fn get_profile(&self, user_id: &str) -> Result<UserProfile, LineError> {
        let path = format!("/v2/bot/profile/{}", segment("userId", user_id)?);
        let resp = self
            .execute(self.get(Endpoint::Profile, Host::Api, path))
            .await?;
        resp.json("profile")
    }

    pub async fn get_content(&self, message_id: &str) -> Result<Content, LineError> {
        let path = format!(
            "/v2/bot/message/{}/content",
            segment("messageId", message_id)?
        );
        let mut call = self.get(Endpoint::Content, Host::Data, path);
        call.timeout = self
            .inner
            .cfg
            .timeout
            .saturating_mul(CONTENT_TIMEOUT_FACTOR);
        let resp = self.execute(call).await?;
        let content_type = resp.header(CONTENT_TYPE.as_str());
        Ok(Content {
            bytes: resp.body,
            content_type,
        })
    }

    pub async fn get_transcoding_status(
        &self,
        message_id: &str,
    ) -> Result<TranscodingStatus, LineError> {
        let path = format!(
            "/v2/bot/message/{}/content/transcoding",
            segment("messageId", message_id)?
        );
        let resp = self
            .execute(self.get(Endpoint::Transcoding, Host::Data, path))
            .await?;
        Ok(resp
            .json::<TranscodingResponse>("transcoding status")?
            .status)
    }

    /// Marks everything in that chat up to this message as read (tokens never expire).
    pub async fn mark_as_read(&self, mark_as_read_token: &str) -> Result<(), LineError> {
        non_empty("markAsReadToken", mark_as_read_token)?;
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Body<'a> {
            mark_as_read_token: &'a str,
        }
        let body = Body { mark_as_read_token };
        let call = self.json_call(
            Endpoint::MarkAsRead,
            Method::POST,
            "/v2/bot/chat/markAsRead",
            &body,
            None,
        )?;
        self.execute(call).await.map(drop)
    }

    /// `seconds` must be 5..=60 and a multiple of 5 (LINE's rule).
    pub async fn show_loading_animation(
        &self,
        chat_id: &str,
        seconds: u32,
    ) -> Result<(), LineError> {
        non_empty("chatId", chat_id)?;
        if !(5..=60).contains(&seconds) || !seconds.is_multiple_of(5) {
            return Err(LineError::InvalidRequest(format!(
                "loadingSeconds must be 5 to 60 in steps of 5, got {seconds}"
            )));
        }
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Body<'a> {
            chat_id: &'a str,
            loading_seconds: u32,
        }
        let body = Body {
            chat_id,
            loading_seconds: seconds,
        };
        let call = self.json_call(
            Endpoint::LoadingAnimation,
            Method::POST,
            "/v2/bot/chat/loading/start",
            &body,
            None,
        )?;
        self.execute(call).await.map(drop)
    }

    pub async fn get_quota(&self) -> Result<MessageQuota, LineError> {
        let call = self.get(
            Endpoint::Quota,
            Host::Api,
            "/v2/bot/message/quota".to_owned(),
        );
        self.execute(call).await?.json("quota")
    }

    pub async fn get_quota_consumption(&self) -> Result<QuotaConsumption, LineError> {
        let call = self.get(
            Endpoint::QuotaConsumption,
            Host::Api,
            "/v2/bot/message/quota/consumption".to_owned(),
        );
        self.execute(call).await?.json("quota consumption")
    }

    pub async fn get_bot_info(&self) -> Result<BotInfo, LineError> {
        let call = self.get(Endpoint::BotInfo, Host::Api, "/v2/bot/info".to_owned());
        self.execute(call).await?.json("bot info")
    }

    pub async fn get_webhook_endpoint(&self) -> Result<WebhookEndpointInfo, LineError> {
        let call = self.get(
            Endpoint::WebhookEndpointGet,
            Host::Api,
            "/v2/bot/channel/webhook/endpoint".to_owned(),
        );
        self.execute(call).await?.json("webhook endpoint")
    }

    pub async fn set_webhook_endpoint(&self, endpoint: &str) -> Result<(), LineError> {
        webhook_url(endpoint)?;
        #[derive(Serialize)]
        struct Body<'a> {
            endpoint: &'a str,
        }
        let call = self.json_call(
            Endpoint::WebhookEndpointSet,
            Method::PUT,
            "/v2/bot/channel/webhook/endpoint",
            &Body { endpoint },
            None,
        )?;
        self.execute(call).await.map(drop)
    }

    /// Asks LINE to send a test webhook; `None` tests the URL already set.
    pub async fn test_webhook_endpoint(
        &self,
        endpoint: Option<&str>,
    ) -> Result<TestWebhookEndpointResponse, LineError> {
        if let Some(url) = endpoint {
            webhook_url(url)?;
        }
        #[derive(Serialize)]
        struct Body<'a> {
            #[serde(skip_serializing_if = "Option::is_none")]
            endpoint: Option<&'a str>,
        }
        let call = self.json_call(
            Endpoint::WebhookTest,
            Method::POST,
            "/v2/bot/channel/webhook/test",
            &Body { endpoint },
            None,
        )?;
        self.execute(call).await?.json("webhook test result")
    }

    fn get(&self, endpoint: Endpoint, host: Host, path: String) -> Call {
        Call {
            endpoint,
            method: Method::GET,
            host,
            path,
            body: None,
            retry_key: None,
            timeout: self.inner.cfg.timeout,
        }
    }

    fn json_call<B: Serialize>(
        &self,
        endpoint: Endpoint,
        method: Method,
        path: &str,
        body: &B,
        retry_key: Option<uuid::Uuid>,
    ) -> Result<Call, LineError> {
        let body = serde_json::to_vec(body)
            .map_err(|e| LineError::InvalidRequest(format!("request body: {e}")))?;
        Ok(Call {
            endpoint,
            method,
            host: Host::Api,
            path: path.to_owned(),
            body: Some(body),
            retry_key,
            timeout: self.inner.cfg.timeout,
        })
    }

    async fn send_messages(&self, call: Call) -> Result<SendOutcome, LineError> {
        let resp = self.execute(call).await?;
        let request_id = resp.header(REQUEST_ID_HEADER);
        if resp.status == StatusCode::CONFLICT {
            let accepted_request_id = resp.header(ACCEPTED_REQUEST_ID_HEADER);
            let sent_messages = resp.error_body().sent_messages;
            debug!(
                ?accepted_request_id,
                "LINE had already accepted this retry key"
            );
            return Ok(SendOutcome::AlreadyAccepted {
                accepted_request_id,
                sent_messages,
            });
        }
        // The 2xx already means accepted; an odd body must not turn it into a failure
        // (that would invite a duplicate send).
        let sent_messages = if resp.body.is_empty() {
            Vec::new()
        } else {
            match serde_json::from_slice::<SendResponse>(&resp.body) {
                Ok(r) => r.sent_messages,
                Err(e) => {
                    warn!(error = %e, ?request_id, "LINE accepted the send but its body did not parse");
                    Vec::new()
                }
            }
        };
        Ok(SendOutcome::Accepted {
            sent_messages,
            request_id,
        })
    }

    /// Runs `call` with rate limiting and retries. Returns 2xx responses, and 409 when
    /// the call carried a retry key; everything else becomes a `LineError`.
    async fn execute(&self, call: Call) -> Result<RawResponse, LineError> {
        let cfg = &self.inner.cfg;
        let attempts = cfg.max_attempts.max(1);
        let endpoint = call.endpoint.name();
        let mut ambiguous = false;
        let mut attempt = 0;
        loop {
            attempt += 1;
            self.inner.limits.wait(call.endpoint).await;
            let (failure, error) = match self.attempt(&call).await {
                Ok(resp) => {
                    let status = resp.status;
                    let request_id = resp.header(REQUEST_ID_HEADER);
                    debug!(
                        endpoint,
                        attempt,
                        status = status.as_u16(),
                        ?request_id,
                        "LINE answered"
                    );
                    if status.is_success()
                        || (status == StatusCode::CONFLICT && call.retry_key.is_some())
                    {
                        return Ok(resp);
                    }
                    let body = resp.error_body();
                    if status == StatusCode::TOO_MANY_REQUESTS {
                        let error = LineError::RateLimited {
                            message: body.message,
                            after_ambiguous_attempt: ambiguous,
                        };
                        (Failure::RateLimited, error)
                    } else if status.is_server_error() {
                        let error = LineError::Server {
                            status: status.as_u16(),
                            message: body.message,
                        };
                        (Failure::Ambiguous, error)
                    } else {
                        return Err(LineError::Api {
                            status: status.as_u16(),
                            message: body.message,
                            details: body.details,
                            request_id,
                            after_ambiguous_attempt: ambiguous,
                        });
                    }
                }
                Err(e) if e.is_timeout() => (Failure::Ambiguous, LineError::Timeout),
                Err(e) if e.is_connect() => (
                    Failure::NotSent,
                    LineError::Transport(describe_transport(&e)),
                ),
                Err(e) => (
                    Failure::Ambiguous,
                    LineError::Transport(describe_transport(&e)),
                ),
            };
            ambiguous |= failure == Failure::Ambiguous;
            if attempt >= attempts {
                warn!(endpoint, attempt, error = %error, "giving up on LINE call");
                return Err(error);
            }
            let wait = backoff(cfg.backoff_base, attempt);
            warn!(endpoint, attempt, error = %error, wait_ms = wait.as_millis() as u64, "LINE call failed; retrying");
            tokio::time::sleep(wait).await;
        }
    }

    async fn attempt(&self, call: &Call) -> Result<RawResponse, reqwest::Error> {
        let cfg = &self.inner.cfg;
        let base = match call.host {
            Host::Api => &cfg.api_base,
            Host::Data => &cfg.data_base,
        };
        let url = format!("{}{}", base.trim_end_matches('/'), call.path);
        let mut req = self
            .inner
            .http
            .request(call.method.clone(), url)
            .bearer_auth(&cfg.access_token)
            .timeout(call.timeout);
        if let Some(key) = call.retry_key {
            req = req.header(RETRY_KEY_HEADER, key.hyphenated().to_string());
        }
        if let Some(body) = &call.body {
            req = req
                .header(CONTENT_TYPE, "application/json")
                .body(body.clone());
        }
        let resp = req.send().await?;
        let status = resp.status();
        let headers = resp.headers().clone();
        let body = resp.bytes().await?;
        Ok(RawResponse {
            status,
            headers,
            body,
        })
    }
}

/// reqwest's message plus its causes, without the URL's query (we send none) or headers.
fn describe_transport(e: &reqwest::Error) -> String {
    let mut out = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

fn non_empty(field: &str, value: &str) -> Result<(), LineError> {
    if value.trim().is_empty() {
        Err(LineError::InvalidRequest(format!("{field} is empty")))
    } else {
        Ok(())
    }
}

/// LINE only calls HTTPS webhooks and caps the URL at 500 characters.
fn webhook_url(url: &str) -> Result<(), LineError> {
    if !url.starts_with("https://") || url.len() <= "https://".len() {
        return Err(LineError::InvalidRequest(
            "the webhook URL must start with https://".to_owned(),
        ));
    }
    if url.len() > 500 {
        return Err(LineError::InvalidRequest(
            "the webhook URL is longer than 500 characters".to_owned(),
        ));
    }
    Ok(())
}

/// IDs come from webhooks, i.e. from outside. LINE's IDs are plain ASCII words, so
/// anything else is refused rather than encoded: `%2e%2e` would still walk up the path.
fn segment<'a>(field: &str, id: &'a str) -> Result<&'a str, LineError> {
    if !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        Ok(id)
    } else {
        Err(LineError::InvalidRequest(format!(
            "{field} has characters LINE IDs never contain"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_token() {
        let cfg = LineConfig::new("very-secret-token");
        assert!(!format!("{cfg:?}").contains("very-secret-token"));
    }

    #[test]
    fn path_segments_refuse_anything_but_id_characters() {
        assert_eq!(segment("userId", "U1234abc").ok(), Some("U1234abc"));
        for bad in ["", "..", "../x", "a/b", "a%2e", "a?b"] {
            assert!(segment("userId", bad).is_err(), "{bad:?} was accepted");
        }
    }
}
