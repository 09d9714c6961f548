//! Where the app keeps its data folder, and the one-time move of the folder older
//! versions used.
//!
//! Up to issue 23 the identifier was `jp.madoguchi.app`, which names the data folder: in
//! `~/Library/Application Support` Finder shows a folder ending in `.app` as an
//! application. It is now `jp.madoguchi.desktop`. On Windows the folder was in the
//! roaming profile (`%APPDATA%`), which a domain PC copies to a server at every sign-out:
//! a growing SQLite store and its media do not belong there; it is now in the local one
//! (`%LOCALAPPDATA%`). A store found in an old place is moved into the new one at start.

use std::io;
use std::path::{Path, PathBuf};

use madoguchi_core::store::DB_FILE;
use tauri::{Manager, Runtime};

/// The identifier, and so the data folder's name, of versions before issue 23.
pub const OLD_IDENTIFIER: &str = "jp.madoguchi.app";

/// Left in an old folder that still holds something after the move.
pub const NOTE_FILE: &str = "MOVED-移動しました.txt";

/// The app's data folder, with the data of an older version moved in when it has none.
pub fn data_dir<R: Runtime>(app: &tauri::AppHandle<R>) -> anyhow::Result<PathBuf> {
    let paths = app.path();
    let roaming = paths.app_data_dir()?;
    let new = if cfg!(windows) { paths.app_local_data_dir()? } else { roaming.clone() };
    // Oldest layout last: the new name in the roaming profile never held a store, but a
    // pre-release build may have made it.
    let mut old = vec![sibling(&new, OLD_IDENTIFIER)];
    if cfg!(windows) {
        old.push(roaming.clone());
        old.push(sibling(&roaming, OLD_IDENTIFIER));
    }
    match move_old_data(&new, &old) {
        Ok(Moved::Nothing) => {}
        Ok(Moved::From(from)) => tracing::info!(from = %from.display(), to = %new.display(), "moved the data folder of an older version"),
        Ok(Moved::Partly { from, left }) => tracing::warn!(
            from = %from.display(),
            to = %new.display(),
            ?left,
            "moved the data folder of an older version; entries the new folder already had stay in the old one"
        ),
        Ok(Moved::BothKept(old)) => tracing::warn!(old = %old.display(), new = %new.display(), "an older version's data folder is still there beside the current one; the current one is used, the old one left as it is"),
        // The database moves last, so the old folder still holds the whole store (with what
        // moved already in the new one, where the next start's try picks up): this run
        // opens it there rather than an empty new store that would then stand beside it.
        Err(e) => {
            tracing::error!(error = %e, to = %new.display(), "could not move an older version's data folder");
            if !has_store(&new)
                && let Some(from) = old.iter().find(|dir| has_store(dir))
            {
                return Ok(from.clone());
            }
        }
    }
    Ok(new)
}

fn sibling(dir: &Path, name: &str) -> PathBuf {
    dir.parent().map_or_else(|| PathBuf::from(name), |parent| parent.join(name))
}

/// What [`move_old_data`] did.
#[derive(Debug, PartialEq, Eq)]
pub enum Moved {
    /// No old store, or the new folder already holds the only one.
    Nothing,
    /// The old folder became the new one, or all its entries moved in.
    From(PathBuf),
    /// Moved, except these entries, which the new folder already had; a note says so.
    Partly { from: PathBuf, left: Vec<String> },
    /// Both hold a store: the new one is used, the old one not touched.
    BothKept(PathBuf),
}

fn has_store(dir: &Path) -> bool {
    dir.join(DB_FILE).is_file()
}

/// Moves the first folder of `old` that holds a store to `new`, unless `new` holds one.
///
/// `new` may already exist without a store: the web view creates its own folders there
/// before the app's data is opened. Then the old folder's entries move one by one, the
/// database last: until it is in place `new` holds no store, so a crash half-way leaves
/// a state the next start finishes from, and every file is always in exactly one of the
/// two folders. Nothing is copied and nothing deleted but an emptied old folder.
pub fn move_old_data(new: &Path, old: &[PathBuf]) -> io::Result<Moved> {
    let Some(from) = old.iter().find(|dir| dir.as_path() != new && has_store(dir)) else {
        return Ok(Moved::Nothing);
    };
    if has_store(new) {
        return Ok(Moved::BothKept(from.clone()));
    }
    if !new.exists() {
        if let Some(parent) = new.parent() {
            std::fs::create_dir_all(parent)?;
        }
        // Same volume in every layout this handles: one rename moves everything at once.
        if std::fs::rename(from, new).is_ok() {
            return Ok(Moved::From(from.clone()));
        }
        std::fs::create_dir_all(new)?;
    }
    let mut entries: Vec<_> = std::fs::read_dir(from)?.map(|e| e.map(|e| e.file_name())).collect::<io::Result<_>>()?;
    // The database after its -wal and -shm, the journal and the media it refers to.
    entries.sort_by_key(|name| name == DB_FILE);
    let mut left = Vec::new();
    for name in entries {
        if name == NOTE_FILE {
            continue;
        }
        let target = new.join(&name);
        if target.exists() {
            left.push(name.to_string_lossy().into_owned());
            continue;
        }
        std::fs::rename(from.join(&name), target)?;
    }
    if left.is_empty() {
        let _ = std::fs::remove_file(from.join(NOTE_FILE));
        std::fs::remove_dir(from)?;
        return Ok(Moved::From(from.clone()));
    }
    let note = format!(
        "窓口 Madoguchi のデータは次のフォルダーに移動しました / Madoguchi's data has moved to:\n{}\n\n\
         ここに残っている項目は移動先に同じ名前のものがあったため、そのままにしています。\n\
         The entries left here were not moved because the new folder already had one of the same name.\n",
        new.display()
    );
    std::fs::write(from.join(NOTE_FILE), note)?;
    Ok(Moved::Partly { from: from.clone(), left })
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    fn write(path: &Path, text: &str) {
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, text).expect("write");
    }

    fn read(path: &Path) -> String {
        fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// An older version's folder: the store with its WAL, a media file, the journal.
    fn old_store(dir: &Path) {
        write(&dir.join(DB_FILE), "db");
        write(&dir.join(format!("{DB_FILE}-wal")), "wal");
        write(&dir.join("media").join("a.jpg"), "picture");
        write(&dir.join("webhook-journal").join("00000000000000000001.log"), "journal");
    }

    fn assert_moved_store(dir: &Path) {
        assert_eq!(read(&dir.join(DB_FILE)), "db");
        assert_eq!(read(&dir.join(format!("{DB_FILE}-wal"))), "wal");
        assert_eq!(read(&dir.join("media").join("a.jpg")), "picture");
        assert_eq!(read(&dir.join("webhook-journal").join("00000000000000000001.log")), "journal");
    }

    #[test]
    fn the_old_folder_becomes_the_new_one_when_there_is_none() {
        let root = tempfile::tempdir().expect("tempdir");
        let (old, new) = (root.path().join(OLD_IDENTIFIER), root.path().join("jp.madoguchi.desktop"));
        old_store(&old);
        assert_eq!(move_old_data(&new, std::slice::from_ref(&old)).expect("move"), Moved::From(old.clone()));
        assert_moved_store(&new);
        assert!(!old.exists(), "nothing is left behind");
    }

    #[test]
    fn into_a_new_folder_the_web_view_already_made_everything_moves_and_its_files_stay() {
        let root = tempfile::tempdir().expect("tempdir");
        let (old, new) = (root.path().join(OLD_IDENTIFIER), root.path().join("jp.madoguchi.desktop"));
        old_store(&old);
        write(&new.join("EBWebView").join("Local State"), "web view");
        assert_eq!(move_old_data(&new, std::slice::from_ref(&old)).expect("move"), Moved::From(old.clone()));
        assert_moved_store(&new);
        assert_eq!(read(&new.join("EBWebView").join("Local State")), "web view");
        assert!(!old.exists());
    }

    #[test]
    fn an_entry_both_have_stays_in_the_old_folder_with_a_note() {
        let root = tempfile::tempdir().expect("tempdir");
        let (old, new) = (root.path().join(OLD_IDENTIFIER), root.path().join("jp.madoguchi.desktop"));
        old_store(&old);
        write(&old.join("EBWebView").join("Local State"), "old web view");
        write(&new.join("EBWebView").join("Local State"), "new web view");
        let moved = move_old_data(&new, std::slice::from_ref(&old)).expect("move");
        assert_eq!(moved, Moved::Partly { from: old.clone(), left: vec!["EBWebView".to_owned()] });
        assert_moved_store(&new);
        assert_eq!(read(&old.join("EBWebView").join("Local State")), "old web view", "not overwritten, not deleted");
        assert_eq!(read(&new.join("EBWebView").join("Local State")), "new web view");
        assert!(read(&old.join(NOTE_FILE)).contains(&new.display().to_string()), "the note says where the data went");
        // A second start changes nothing more.
        assert_eq!(move_old_data(&new, std::slice::from_ref(&old)).expect("again"), Moved::Nothing);
    }

    #[test]
    fn when_both_hold_a_store_the_new_one_is_used_and_the_old_one_left_alone() {
        let root = tempfile::tempdir().expect("tempdir");
        let (old, new) = (root.path().join(OLD_IDENTIFIER), root.path().join("jp.madoguchi.desktop"));
        old_store(&old);
        write(&new.join(DB_FILE), "current");
        assert_eq!(move_old_data(&new, std::slice::from_ref(&old)).expect("move"), Moved::BothKept(old.clone()));
        assert_eq!(read(&new.join(DB_FILE)), "current");
        assert_eq!(read(&old.join(DB_FILE)), "db");
        assert!(!new.join("media").exists());
    }

    #[test]
    fn a_move_cut_short_is_finished_at_the_next_start() {
        let root = tempfile::tempdir().expect("tempdir");
        let (old, new) = (root.path().join(OLD_IDENTIFIER), root.path().join("jp.madoguchi.desktop"));
        old_store(&old);
        // As after a crash: the WAL and the media already moved, the database not yet.
        fs::create_dir_all(&new).expect("mkdir");
        fs::rename(old.join(format!("{DB_FILE}-wal")), new.join(format!("{DB_FILE}-wal"))).expect("wal");
        fs::rename(old.join("media"), new.join("media")).expect("media");
        assert_eq!(move_old_data(&new, std::slice::from_ref(&old)).expect("move"), Moved::From(old.clone()));
        assert_moved_store(&new);
    }

    #[test]
    fn windows_roaming_folder_is_found_after_a_local_one_without_a_store() {
        let root = tempfile::tempdir().expect("tempdir");
        let local = root.path().join("Local");
        let roaming = root.path().join("Roaming");
        let new = local.join("jp.madoguchi.desktop");
        // WebView2 kept its files in the local profile under the old name; the store was roaming.
        write(&local.join(OLD_IDENTIFIER).join("EBWebView").join("Local State"), "web view");
        old_store(&roaming.join(OLD_IDENTIFIER));
        let old = [local.join(OLD_IDENTIFIER), roaming.join("jp.madoguchi.desktop"), roaming.join(OLD_IDENTIFIER)];
        assert_eq!(move_old_data(&new, &old).expect("move"), Moved::From(roaming.join(OLD_IDENTIFIER)));
        assert_moved_store(&new);
        assert!(local.join(OLD_IDENTIFIER).join("EBWebView").exists(), "a folder without a store is not touched");
    }

    #[test]
    fn nothing_to_move_changes_nothing() {
        let root = tempfile::tempdir().expect("tempdir");
        let new = root.path().join("jp.madoguchi.desktop");
        assert_eq!(move_old_data(&new, &[root.path().join(OLD_IDENTIFIER)]).expect("move"), Moved::Nothing);
        assert!(!new.exists());
        write(&new.join(DB_FILE), "db");
        assert_eq!(move_old_data(&new, &[new.clone()]).expect("move"), Moved::Nothing, "the new folder is no old one");
    }
}
