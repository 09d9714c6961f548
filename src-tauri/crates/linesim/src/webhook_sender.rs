//! Signs webhook bodies and POSTs them to the configured webhook URL, as LINE does.

use anyhow::Context as _;
use serde::Serialize;
use serde_json::{Value, json};

use crate::sim::Simulator;

/// What one webhook request carried and how the receiver answered.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Delivery {
    /// The receiver's HTTP status (a non-2xx answer is reported here, not as an error).
    pub status: u16,
    pub webhook_event_ids: Vec<String>,
    pub reply_tokens: Vec<String>,
    pub message_ids: Vec<String>,
    /// The exact signed bytes that were sent.
    #[serde(skip)]
    pub body: Vec<u8>,
    pub events: Vec<Value>,
}

impl Simulator {
    /// The body `{destination, events}` and its `x-line-signature`, without sending.
    pub fn signed_body(&self, events: Vec<Value>) -> (Vec<u8>, String) {
        let body = json!({ "destination": self.inner.cfg.bot_user_id, "events": events });
        // Serialising a Value built from Values cannot fail.
        let bytes = serde_json::to_vec(&body).unwrap_or_default();
        let signature = line::signature::sign(&self.inner.cfg.channel_secret, &bytes);
        (bytes, signature)
    }

    /// Sends `events` in one signed webhook request.
    pub async fn deliver(&self, events: Vec<Value>) -> anyhow::Result<Delivery> {
        let url = self
            .webhook_url()
            .context("no webhook URL is set on the simulator")?;
        let mut d = Delivery {
            status: 0,
            webhook_event_ids: collect(&events, |e| e.get("webhookEventId")),
            reply_tokens: collect(&events, |e| e.get("replyToken")),
            message_ids: collect(&events, |e| e.get("message").and_then(|m| m.get("id"))),
            body: Vec::new(),
            events,
        };
        let (body, signature) = self.signed_body(d.events.clone());
        d.status = self
            .post_signed(&url, body.clone(), &signature)
            .await
            .with_context(|| format!("POST webhook to {url}"))?;
        d.body = body;
        Ok(d)
    }

    /// Sends the events of `d` again, as LINE's redelivery does: same webhookEventIds,
    /// `deliveryContext.isRedelivery = true`, a fresh signature.
    pub async fn redeliver(&self, d: &Delivery) -> anyhow::Result<Delivery> {
        let events = d
            .events
            .iter()
            .cloned()
            .map(|mut e| {
                e["deliveryContext"] = json!({ "isRedelivery": true });
                e
            })
            .collect();
        self.deliver(events).await
    }

    pub(crate) async fn post_signed(
        &self,
        url: &str,
        body: Vec<u8>,
        signature: &str,
    ) -> Result<u16, reqwest::Error> {
        let result = self
            .inner
            .http
            .post(url)
            .header("content-type", "application/json; charset=utf-8")
            .header("x-line-signature", signature)
            .body(body)
            .send()
            .await;
        let status = result.as_ref().map(|r| r.status().as_u16()).ok();
        {
            let mut st = self.lock();
            st.stats.webhooks_sent += 1;
            if !status.is_some_and(|s| (200..300).contains(&s)) {
                st.stats.webhook_failures += 1;
            }
        }
        match &status {
            Some(s) => tracing::debug!(url, status = s, "webhook delivered"),
            None => tracing::warn!(url, "webhook delivery failed"),
        }
        result.map(|r| r.status().as_u16())
    }
}

fn collect(events: &[Value], field: impl Fn(&Value) -> Option<&Value>) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| field(e).and_then(Value::as_str).map(str::to_owned))
        .collect()
}
