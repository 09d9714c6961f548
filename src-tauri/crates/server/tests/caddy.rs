//! A real Caddy (Debian's package) in front of a hub, configured from the shipped
//! `packaging/hub/Caddyfile.example` with `tls internal` in place of a public
//! certificate, its state in a scratch folder (no admin port, nothing installed into the
//! system's trust store). Shared by the server's tests and the bench (`#[path]`).

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context, Result};

pub struct Caddy {
    /// Killed when dropped.
    pub child: tokio::process::Child,
    /// `https://localhost:<port>`
    pub base: String,
    /// Caddy's own root, for clients that must verify the certificate.
    pub root_pem: Vec<u8>,
}

pub fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// The shipped Caddyfile for `localhost:https_port`, proxying to `127.0.0.1:hub_port`.
fn caddyfile(repo: &Path, dir: &Path, https_port: u16, hub_port: u16) -> Result<String> {
    let shipped = std::fs::read_to_string(repo.join("packaging/hub/Caddyfile.example"))?;
    ensure!(shipped.contains("shop.example.jp {") && shipped.contains("reverse_proxy 127.0.0.1:8787"), "the example changed shape");
    let site = shipped
        .replace("shop.example.jp {", &format!("localhost:{https_port} {{\n\ttls internal"))
        .replace("127.0.0.1:8787", &format!("127.0.0.1:{hub_port}"));
    Ok(format!(
        "{{\n\tadmin off\n\tauto_https disable_redirects\n\tskip_install_trust\n\tstorage file_system {}\n}}\n\n{site}",
        dir.join("caddy-data").display()
    ))
}

impl Caddy {
    pub async fn stop(mut self) {
        let _ = self.child.kill().await;
    }

    /// Caddy on `https_port` in front of the hub on `hub_port`, with the checkout's
    /// shipped Caddyfile (`repo` is the checkout's root).
    pub async fn start(repo: &Path, dir: &Path, https_port: u16, hub_port: u16) -> Result<Caddy> {
        std::fs::create_dir_all(dir)?;
        let config = dir.join("Caddyfile");
        std::fs::write(&config, caddyfile(repo, dir, https_port, hub_port)?)?;
        let caddy = which("caddy").context("caddy is not installed (scripts/setup-system.sh installs Debian's caddy)")?;
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
        let root = dir.join("caddy-data/pki/authorities/local/root.crt");
        let deadline = Instant::now() + Duration::from_secs(30);
        while !root.exists() {
            if Instant::now() > deadline {
                bail!("caddy made no root certificate; its log:\n{}", std::fs::read_to_string(dir.join("caddy.log")).unwrap_or_default());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        // The file appears before it is fully written.
        tokio::time::sleep(Duration::from_millis(100)).await;
        Ok(Caddy { child, base: format!("https://localhost:{https_port}"), root_pem: std::fs::read(&root)? })
    }
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?.to_str()?.split(':').map(|d| Path::new(d).join(name)).find(|p| p.is_file())
}
