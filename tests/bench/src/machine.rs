//! Where the numbers were measured.

pub struct Machine {
    cpus: usize,
    model: String,
    mem_gib: f64,
    kernel: String,
    date: String,
}

impl Machine {
    pub fn read() -> Machine {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let model = cpuinfo
            .lines()
            .find_map(|l| l.strip_prefix("model name").and_then(|r| r.split_once(':')).map(|(_, v)| v.trim().to_owned()))
            .unwrap_or_else(|| "unknown".into());
        let mem_kib: f64 = std::fs::read_to_string("/proc/meminfo")
            .unwrap_or_default()
            .lines()
            .find_map(|l| l.strip_prefix("MemTotal:").and_then(|r| r.split_whitespace().next()?.parse().ok()))
            .unwrap_or(0.0);
        Machine {
            cpus: std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
            model,
            mem_gib: mem_kib / 1024.0 / 1024.0,
            kernel: std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default().trim().to_owned(),
            date: command("date", &["-u", "+%Y-%m-%d %H:%M:%S UTC"]),
        }
    }

    pub fn print(&self) {
        println!("- date: {}", self.date);
        println!("- machine: {} CPU(s) (nproc), {}, {:.1} GiB RAM, Linux {}", self.cpus, self.model, self.mem_gib, self.kernel);
        println!("- load average before the run: {}", loadavg());
        println!(
            "- the load generator (this process, with the LINE simulator) runs on the same {} CPU(s) as the server, \
             and the machine may be shared: ours is measured with the client competing for the cores",
            self.cpus
        );
    }
}

pub fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn command(cmd: &str, args: &[&str]) -> String {
    std::process::Command::new(cmd)
        .args(args)
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_owned())
        .unwrap_or_default()
}
