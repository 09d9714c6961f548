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
/// For start-up, where an unreadable file must not pass for solo, see [`load`].
pub fn read(data_dir: &Path) -> Mode {
    match std::fs::read(path(data_dir)) {
        Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_else(|e| {
            tracing::warn!(error = %e, "connection.json is unreadable; taken as solo mode");
            Mode::Solo
        }),
        Err(_) => Mode::Solo,
    }
}

/// What start-up found in `connection.json`.
#[derive(Debug, PartialEq)]
pub enum Saved {
    Mode(Mode),
    /// The file is there but is no mode (edited by hand, cut short by a full disk). Taking
    /// it for solo would open the PC's own store and run its workers beside the hub the
    /// shop may be on (away replies and reminders sent twice), and taking it for a hub is
    /// impossible without an address: the person chooses again in the wizard. The file
    /// was moved to `kept` (None when even that failed) so what was in it is not lost.
    Unreadable { kept: Option<PathBuf> },
}

/// The saved mode, or [`Saved::Unreadable`] with the file set aside as
/// `connection.json.broken-<local time>`.
pub fn load(data_dir: &Path) -> Saved {
    let file = path(data_dir);
    let error = match std::fs::read(&file) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Saved::Mode(Mode::Solo),
        Err(e) => e.to_string(),
        Ok(bytes) => match serde_json::from_slice(&bytes) {
            Ok(mode) => return Saved::Mode(mode),
            Err(e) => e.to_string(),
        },
    };
    let kept = data_dir.join(format!("{FILE}.broken-{}", jiff::ZonedDateTime::now().strftime("%Y%m%d-%H%M%S")));
    match std::fs::rename(&file, &kept) {
        Ok(()) => {
            tracing::error!(%error, kept = %kept.display(), "connection.json is unreadable; set aside, the connect wizard asks again");
            Saved::Unreadable { kept: Some(kept) }
        }
        Err(e) => {
            tracing::error!(%error, rename_error = %e, "connection.json is unreadable and could not be set aside; the connect wizard asks again");
            Saved::Unreadable { kept: None }
        }
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

    #[test]
    fn an_unreadable_file_is_set_aside_not_taken_for_solo() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()), Saved::Mode(Mode::Solo), "no file: solo, as every install before hub mode");
        let hub = Mode::Hub { address: "https://shop.example.jp".into(), member: None };
        write(dir.path(), &hub).unwrap();
        assert_eq!(load(dir.path()), Saved::Mode(hub));

        // A hand edit that lost a quote, and one that is valid JSON but no mode.
        for broken in [&b"{\"mode\": \"hub\", \"address\": https://shop.example.jp}"[..], b"{\"mode\": \"cloud\"}"] {
            std::fs::write(path(dir.path()), broken).unwrap();
            let Saved::Unreadable { kept: Some(kept) } = load(dir.path()) else { panic!("{:?} was taken for a mode", String::from_utf8_lossy(broken)) };
            assert!(!path(dir.path()).exists(), "the broken file is no longer where start-up looks");
            assert_eq!(std::fs::read(&kept).unwrap(), broken, "kept as it was");
            let name = kept.file_name().unwrap().to_string_lossy().into_owned();
            assert!(name.starts_with("connection.json.broken-2"), "named for when it was set aside: {name}");
            assert_eq!(load(dir.path()), Saved::Mode(Mode::Solo), "set aside once: the wizard's choice writes a new file");
            std::fs::remove_file(kept).unwrap();
        }
    }
}
