//! Ratios that hold from run to run: ours and the peer measured in alternating rounds
//! (A B A B …), one ratio per round, and the median of those with its spread. On a
//! shared machine a peer's speed drifts with everything else running (one back-to-back
//! pair once put the same server at 5.15× and 3.34×); a round pairs two measurements
//! taken seconds apart, and the median of several rounds is not moved by one bad one.

/// Rounds per paired row, at least.
pub const ROUNDS: usize = 5;

/// One figure per round for each side, in the row's unit.
#[derive(Debug, Clone)]
pub struct Paired {
    pub ours: Vec<f64>,
    pub peer: Vec<f64>,
    /// Requests per second: higher is better, ratio = ours ÷ peer. Latency: peer ÷ ours.
    higher_is_better: bool,
}

impl Paired {
    pub fn throughput() -> Paired {
        Paired { ours: vec![], peer: vec![], higher_is_better: true }
    }

    pub fn latency() -> Paired {
        Paired { ours: vec![], peer: vec![], higher_is_better: false }
    }

    pub fn push(&mut self, ours: f64, peer: f64) {
        self.ours.push(ours);
        self.peer.push(peer);
    }

    pub fn rounds(&self) -> usize {
        self.ours.len().min(self.peer.len())
    }

    /// How many times better ours is, round by round.
    pub fn ratios(&self) -> Vec<f64> {
        self.ours
            .iter()
            .zip(&self.peer)
            .map(|(&o, &p)| if self.higher_is_better { o / p.max(1e-9) } else { p / o.max(1e-9) })
            .collect()
    }

    pub fn ratio(&self) -> f64 {
        median(&self.ratios())
    }

    pub fn ours_median(&self) -> f64 {
        median(&self.ours)
    }

    pub fn peer_median(&self) -> f64 {
        median(&self.peer)
    }

    /// The ratio column: "5.21× (median of 5 rounds, 4.90–5.60×)".
    pub fn ratio_cell(&self) -> String {
        let r = self.ratios();
        let min = r.iter().copied().fold(f64::INFINITY, f64::min);
        let max = r.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        format!("{:.2}× (median of {} rounds, {min:.2}–{max:.2}×)", self.ratio(), self.rounds())
    }

    /// Every round's figures for a note: "ours 48,600 / peer 9,400 = 5.17×; …".
    pub fn per_round(&self, fmt: impl Fn(f64) -> String) -> String {
        self.ours
            .iter()
            .zip(&self.peer)
            .zip(self.ratios())
            .enumerate()
            .map(|(i, ((&o, &p), r))| format!("round {}: ours {} / peer {} = {r:.2}×", i + 1, fmt(o), fmt(p)))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// The middle value (the mean of the two middle ones for an even count); 0 when empty.
pub fn median(xs: &[f64]) -> f64 {
    let mut v: Vec<f64> = xs.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_ratio_and_spread() {
        let mut p = Paired::throughput();
        for (o, q) in [(50.0, 10.0), (48.0, 12.0), (49.0, 7.0), (51.0, 10.0), (47.0, 9.4)] {
            p.push(o, q);
        }
        assert_eq!(p.ratio(), 5.0);
        assert_eq!(p.ratio_cell(), "5.00× (median of 5 rounds, 4.00–7.00×)");
        let mut l = Paired::latency();
        l.push(2.0, 10.0);
        l.push(4.0, 10.0);
        assert_eq!(l.ratio(), 3.75);
        assert_eq!(median(&[]), 0.0);
    }
}
