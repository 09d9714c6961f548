//! A customer's file saved where the owner finds it (the desktop's Downloads folder),
//! under the name the customer gave it. The store keeps files by content hash
//! (`<sha-256>.bin`), which no viewer knows how to open; the copy has the real name.
//!
//! The name comes from the customer's phone and is hostile input: it may carry path
//! separators, `..`, control characters, a Windows device name or be thousands of
//! characters long. [`safe_file_name`] turns any of it into one plain file name.

use std::path::{Path, PathBuf};

use sqlx::SqlitePool;

use super::{media, media_serve};
use crate::{CoreError, Result};

/// Longest name we write, in bytes: below every desktop file system's 255 with room
/// for " (99)".
const MAX_NAME_BYTES: usize = 200;

/// Copies stored media `file` into `dest_dir` as `wanted_name` made safe, never over an
/// existing file ("見本 (1).pdf" beside "見本.pdf"). Returns the path written.
pub async fn save_copy(
    pool: &SqlitePool,
    media_dir: &Path,
    file: &str,
    wanted_name: &str,
    dest_dir: &Path,
) -> Result<PathBuf> {
    let not_found = || CoreError::NotFound(format!("media file {file:?}"));
    if !media_serve::is_media_name(file) {
        return Err(not_found());
    }
    media::lookup(pool, file, false).await?.ok_or_else(not_found)?;
    let source = media_dir.join(file);
    if !tokio::fs::try_exists(&source).await? {
        return Err(not_found());
    }
    tokio::fs::create_dir_all(dest_dir).await?;
    let name = safe_file_name(wanted_name, file);
    let (stem, ext) = split_ext(&name);
    for n in 0..100 {
        let candidate = if n == 0 { name.clone() } else { format!("{stem} ({n}){ext}") };
        let path = dest_dir.join(&candidate);
        // create_new: a name taken meanwhile (another save, the owner's own file) is
        // never overwritten.
        match tokio::fs::OpenOptions::new().write(true).create_new(true).open(&path).await {
            Ok(mut out) => {
                let mut input = tokio::fs::File::open(&source).await?;
                tokio::io::copy(&mut input, &mut out).await?;
                out.sync_all().await?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(CoreError::bad_input(
        format!("{} already holds 100 files named like {name:?}; remove some and try again", dest_dir.display()),
        format!("{} に「{name}」と同じ名前のファイルが 100 個あります。整理してからもう一度お試しください", dest_dir.display()),
    ))
}

/// One plain file name from whatever the customer's phone sent: the last path part,
/// without control characters, characters Windows forbids, leading dots or trailing
/// dots and spaces, not a Windows device name, at most [`MAX_NAME_BYTES`]. An empty
/// result falls back to "file" with the stored file's extension.
pub fn safe_file_name(wanted: &str, stored: &str) -> String {
    let last = wanted.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last
        .chars()
        .map(|c| if c.is_control() || "<>:\"|?*".contains(c) { '_' } else { c })
        .collect();
    let trimmed = cleaned.trim_start_matches(['.', ' ']).trim_end_matches(['.', ' ']);
    let (stem, ext) = split_ext(trimmed);
    let device = ["CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "LPT1", "LPT2", "LPT3"]
        .iter()
        .any(|d| stem.eq_ignore_ascii_case(d));
    let mut name = if trimmed.is_empty() || device {
        let stored_ext = stored.rsplit_once('.').map(|(_, e)| e).filter(|e| *e != "bin");
        match (device, stored_ext) {
            (true, _) => format!("_{trimmed}"),
            (false, Some(e)) => format!("file.{e}"),
            (false, None) => "file".to_owned(),
        }
    } else {
        trimmed.to_owned()
    };
    if name.len() > MAX_NAME_BYTES {
        // Keep the extension (it decides which viewer opens the file), cut the stem on a
        // character boundary.
        let keep = MAX_NAME_BYTES.saturating_sub(ext.len());
        let mut cut = keep.min(stem.len());
        while !stem.is_char_boundary(cut) {
            cut -= 1;
        }
        name = format!("{}{}", &stem[..cut], if ext.len() < MAX_NAME_BYTES { ext } else { "" });
    }
    name
}

/// ("見本", ".pdf") from "見本.pdf"; a name without a dot (or only a leading one) has no
/// extension.
fn split_ext(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(i) if i > 0 => (&name[..i], &name[i..]),
        _ => (name, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_file_name;

    const STORED: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.pdf";

    #[test]
    fn hostile_names_become_one_plain_file_name() {
        for (wanted, expected) in [
            ("カラー見本.pdf", "カラー見本.pdf"),
            ("../../.bashrc", "bashrc"),
            ("..\\..\\Windows\\win.ini", "win.ini"),
            ("/etc/passwd", "passwd"),
            ("a\u{0}b\nc.txt", "a_b_c.txt"),
            ("見積:最終?.xlsx", "見積_最終_.xlsx"),
            ("CON", "_CON"),
            ("con.txt", "_con.txt"),
            ("   ", "file.pdf"),
            ("..", "file.pdf"),
            ("", "file.pdf"),
            ("report.pdf. . ", "report.pdf"),
        ] {
            assert_eq!(safe_file_name(wanted, STORED), expected, "for {wanted:?}");
        }
        assert_eq!(safe_file_name("", "ab.bin"), "file");
    }

    #[test]
    fn long_names_keep_their_extension_and_whole_characters() {
        let long = format!("{}.pdf", "長".repeat(300));
        let safe = safe_file_name(&long, STORED);
        assert!(safe.len() <= 200, "{} bytes", safe.len());
        assert!(safe.ends_with("長.pdf"), "{safe}");
    }
}
