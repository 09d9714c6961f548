//! Load generators. Each request posts one pre-built signed body; a request counts as
//! acknowledged only on HTTP 200, everything else (other status, transport error) is an
//! error that the table reports.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::corpus::Body;
use crate::wire::{Conn, Pool, Target};

/// One request on `conn`; a transport error drops the connection (the next request opens one).
async fn post(conn: &mut Option<Conn>, target: &Target, body: &Body) -> Result<(), String> {
    let mut c = match conn.take() {
        Some(c) => c,
        None => Conn::connect(target).await.map_err(|e| format!("transport: {e:#}"))?,
    };
    let status = c.post(target, &body.signature, &body.bytes).await.map_err(|e| format!("transport: {e:#}"))?;
    *conn = Some(c);
    if status == 200 { Ok(()) } else { Err(format!("HTTP {status}")) }
}

#[derive(Debug, Default)]
pub struct Closed {
    pub ok: u64,
    pub errors: u64,
    pub first_error: Option<String>,
    pub elapsed: Duration,
    /// Indices (into the bodies) of the acknowledged requests.
    pub acked: Vec<usize>,
    /// The bodies ran out before the time did.
    pub exhausted: bool,
    /// Acknowledged requests per whole second of the run, to show a rate that drifts.
    pub per_second: Vec<u64>,
}

impl Closed {
    /// Acknowledged requests per second over the whole measured window.
    pub fn requests_per_s(&self) -> f64 {
        self.ok as f64 / self.elapsed.as_secs_f64().max(1e-3)
    }
}

/// `senders` tasks, each posting the next unused body as soon as its previous request
/// was answered, until `duration` has passed or the bodies run out.
pub async fn closed_loop(target: &Target, bodies: Arc<Vec<Body>>, senders: usize, duration: Duration) -> Closed {
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let buckets: Arc<Vec<AtomicU64>> = Arc::new((0..duration.as_secs() + 2).map(|_| AtomicU64::new(0)).collect());
    let deadline = start + duration;
    let tasks: Vec<_> = (0..senders)
        .map(|_| {
            let (target, bodies, next, buckets) = (target.clone(), bodies.clone(), next.clone(), buckets.clone());
            tokio::spawn(async move {
                let mut r = Closed::default();
                let mut conn = None;
                while Instant::now() < deadline {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(body) = bodies.get(i) else {
                        r.exhausted = true;
                        break;
                    };
                    match post(&mut conn, &target, body).await {
                        Ok(()) => {
                            r.ok += 1;
                            r.acked.push(i);
                            let sec = start.elapsed().as_secs() as usize;
                            if let Some(b) = buckets.get(sec) {
                                b.fetch_add(1, Ordering::Relaxed);
                            }
                        }
                        Err(e) => {
                            r.errors += 1;
                            r.first_error.get_or_insert(e);
                        }
                    }
                }
                r
            })
        })
        .collect();
    let mut total = Closed::default();
    for t in tasks {
        let r = t.await.unwrap_or_else(|e| Closed { errors: 1, first_error: Some(format!("sender panicked: {e}")), ..Closed::default() });
        total.ok += r.ok;
        total.errors += r.errors;
        total.exhausted |= r.exhausted;
        total.acked.extend(r.acked);
        if total.first_error.is_none() {
            total.first_error = r.first_error;
        }
    }
    total.elapsed = start.elapsed();
    let whole = total.elapsed.as_secs() as usize;
    total.per_second = buckets.iter().take(whole).map(|b| b.load(Ordering::Relaxed)).collect();
    total
}

#[derive(Debug, Default)]
pub struct Open {
    /// Scheduled send time → response, µs, ascending; measured requests that got a 200.
    pub latency_us: Vec<u64>,
    /// Actual send → response, µs, ascending (what a closed-loop tool would report).
    pub service_us: Vec<u64>,
    pub measured: u64,
    pub errors: u64,
    pub first_error: Option<String>,
    pub acked: Vec<usize>,
    /// How late the generator itself started sends (timer slack, CPU contention), p99 µs.
    pub send_lag_p99_us: u64,
}

/// Open loop: request `i` is due at `t0 + i / rate`, whether or not earlier ones were
/// answered, and its latency runs from that due time, so a stalled server shows up as
/// latency instead of as a lower send rate (no coordinated omission). The first `lead`
/// of requests are sent but not measured.
pub async fn open_loop(target: &Target, bodies: Arc<Vec<Body>>, rate: u32, lead: Duration, duration: Duration) -> Open {
    let interval = Duration::from_secs(1) / rate.max(1);
    let skip = (lead.as_secs_f64() * f64::from(rate)) as usize;
    let total = skip + (duration.as_secs_f64() * f64::from(rate)) as usize;
    let total = total.min(bodies.len());
    let t0 = tokio::time::Instant::now() + Duration::from_millis(20);
    let mut tasks = Vec::with_capacity(total);
    let pool = Arc::new(Pool::default());
    for i in 0..total {
        let due = t0 + interval * i as u32;
        tokio::time::sleep_until(due).await;
        let (target, bodies, pool) = (target.clone(), bodies.clone(), pool.clone());
        tasks.push(tokio::spawn(async move {
            let sent = tokio::time::Instant::now();
            let mut conn = pool.take();
            let r = post(&mut conn, &target, &bodies[i]).await;
            if let Some(c) = conn {
                pool.put(c);
            }
            let done = tokio::time::Instant::now();
            (i, r, (done - due).as_micros() as u64, (done - sent).as_micros() as u64, (sent - due).as_micros() as u64)
        }));
    }
    let mut out = Open::default();
    let mut lag = Vec::new();
    for t in tasks {
        let Ok((i, r, latency, service, send_lag)) = t.await else {
            out.errors += 1;
            continue;
        };
        match r {
            Ok(()) => {
                out.acked.push(i);
                if i >= skip {
                    out.latency_us.push(latency);
                    out.service_us.push(service);
                    lag.push(send_lag);
                }
            }
            Err(e) => {
                out.errors += 1;
                out.first_error.get_or_insert(e);
            }
        }
        if i >= skip {
            out.measured += 1;
        }
    }
    out.latency_us.sort_unstable();
    out.service_us.sort_unstable();
    lag.sort_unstable();
    out.send_lag_p99_us = crate::stats::percentile(&lag, 99.0);
    out
}
