//! Which mode the app starts in (DESIGN §7): このPCだけ (its own core, today's app) or
//! お店のハブにつなぐ (a client of the shop's hub). The choice and the hub's address are
//! kept in `connection.json` in the app's data folder; the device token is not (it is
//! in the OS keyring, `hub_client::KeyringTokens`).

use std::path::{Path, PathBuf};

use madoguchi_core::members::SessionMember;
use serde::{Deserialize, Serialize};

const FILE: &str = "connection.json";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(tag = "mode", rename_all = "camelCase")]
pub enum Mode {
    /// The app's own store; no file means this (every install before hub mode).
    #[default]
    Solo,
    /// Forwards everything to the hub at `address`. `member` is who paired (no secret):
    /// a desk started while its hub is down still opens, names them, and says the hub
    /// is out of reach instead of showing nothing.
    Hub {
        address: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        member: Option<SessionMember>,
    },
}

pub fn path(data_dir: &Path) -> PathBuf {
    data_dir.join(FILE)
}

/// The mode saved in `data_dir`; solo when nothing (or nothing readable) is saved.
pub fn read(data_dir: &Path) -> Mode {
    match std::fs::read(path(data_dir)) {
        Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_else(|e| {
            tracing::warn!(error = %e, "connection.json is unreadable; starting in solo mode");
            Mode::Solo
        }),
        Err(_) => Mode::Solo,
    }
}

/// Saves the mode (written beside, then renamed: a crash leaves the old or the new file).
pub fn write(data_dir: &Path, mode: &Mode) -> std::io::Result<()> {
    std::fs::create_dir_all(data_dir)?;
    let tmp = data_dir.join(format!("{FILE}.tmp"));
    std::fs::write(&tmp, serde_json::to_vec_pretty(mode)?)?;
    std::fs::rename(tmp, path(data_dir))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_solo_by_default() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read(dir.path()), Mode::Solo);
        let hub = Mode::Hub { address: "https://shop.example.jp".into(), member: None };
        write(dir.path(), &hub).unwrap();
        assert_eq!(read(dir.path()), hub);
        let text = std::fs::read_to_string(path(dir.path())).unwrap();
        assert!(!text.to_lowercase().contains("token"), "no token in the file: {text}");
    }
}
