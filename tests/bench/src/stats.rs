/// Nearest-rank percentile of an ascending slice (`p` in 0..=100); 0 when empty.
pub fn percentile(sorted: &[u64], p: f64) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat.
pub fn cpu_seconds(pid: &str) -> Option<f64> {
    let f = stat_fields(pid)?;
    // utime and stime are fields 14 and 15.
    let utime: f64 = f.get(14 - 3)?.parse().ok()?;
    let stime: f64 = f.get(15 - 3)?.parse().ok()?;
    Some((utime + stime) / clock_ticks())
}

/// The fields of /proc/<pid>/stat from field 3 (state) on: those after the ")" that
/// closes the command name, which may itself hold spaces and parentheses.
pub fn stat_fields(pid: &str) -> Option<Vec<String>> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    Some(stat[stat.rfind(')')? + 1..].split_whitespace().map(str::to_owned).collect())
}

/// When a process was created, in ms since boot (its start time in /proc/<pid>/stat,
/// which has the clock tick's resolution, 10 ms on Linux).
pub fn started_ms_since_boot(pid: &str) -> Option<f64> {
    // starttime is field 22.
    let ticks: f64 = stat_fields(pid)?.get(22 - 3)?.parse().ok()?;
    Some(ticks * 1000.0 / clock_ticks())
}

/// Milliseconds since boot now, on the clock of `started_ms_since_boot` (/proc/uptime,
/// 10 ms resolution).
pub fn uptime_ms() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/uptime").ok()?;
    Some(s.split_whitespace().next()?.parse::<f64>().ok()? * 1000.0)
}

fn clock_ticks() -> f64 {
    static TICKS: std::sync::OnceLock<f64> = std::sync::OnceLock::new();
    *TICKS.get_or_init(|| {
        std::process::Command::new("getconf")
            .arg("CLK_TCK")
            .output()
            .ok()
            .and_then(|o| String::from_utf8(o.stdout).ok())
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(100.0)
    })
}
