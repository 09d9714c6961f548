//! A real Caddy (Debian's package) in front of a server, with `tls internal` and its
//! state in the bench's scratch folder: the HTTPS front a hub runs behind.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};

pub struct Caddy {
    _child: tokio::process::Child,
    pub base: String,
    pub root_pem: Vec<u8>,
}

impl Caddy {
    /// Caddy on a free port of localhost, proxying to `upstream` (`127.0.0.1:port`) the
    /// way `packaging/hub/Caddyfile.example` does (streams flushed at once).
    pub async fn start(dir: &Path, upstream: &str) -> anyhow::Result<Caddy> {
        let caddy = which("caddy").context("caddy is not installed (scripts/setup-system.sh installs Debian's caddy)")?;
        std::fs::create_dir_all(dir)?;
        let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let config = dir.join("Caddyfile");
        std::fs::write(
            &config,
            format!(
                "{{\n\tadmin off\n\tauto_https disable_redirects\n\tskip_install_trust\n\tstorage file_system {}\n}}\n\n\
                 localhost:{port} {{\n\ttls internal\n\treverse_proxy {upstream} {{\n\t\tflush_interval -1\n\t}}\n}}\n",
                dir.join("data").display()
            ),
        )?;
        let child = tokio::process::Command::new(caddy)
            .args(["run", "--adapter", "caddyfile", "--config"])
            .arg(&config)
            .env("HOME", dir)
            .env("XDG_DATA_HOME", dir.join("xdg-data"))
            .env("XDG_CONFIG_HOME", dir.join("xdg-config"))
            .stdout(Stdio::null())
            .stderr(Stdio::from(std::fs::File::create(dir.join("caddy.log"))?))
            .kill_on_drop(true)
            .spawn()?;
        let root = dir.join("data/pki/authorities/local/root.crt");
        let deadline = Instant::now() + Duration::from_secs(30);
        while !root.exists() {
            if Instant::now() > deadline {
                bail!("caddy made no root certificate (log: {})", dir.join("caddy.log").display());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        // The file appears before it is fully written.
        tokio::time::sleep(Duration::from_millis(100)).await;
        Ok(Caddy { _child: child, base: format!("https://localhost:{port}"), root_pem: std::fs::read(&root)? })
    }
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?.to_str()?.split(':').map(|d| Path::new(d).join(name)).find(|p| p.is_file())
}
