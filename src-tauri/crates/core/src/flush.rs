//! Flushing a finished file (a backup, an export) to its disk, also on the network
//! folders owners pick for backups.
//!
//! On macOS `File::sync_all` is `fcntl(F_FULLFSYNC)`, which SMB, NFS and many NAS or
//! FUSE mounts answer with ENOTSUP or EINVAL: the backup itself was written fine, only
//! that kind of flush is missing there. Such a file gets the plain `fsync` the mount
//! does support instead of a failed backup. Local disks keep the full flush.

use std::fs::File;
use std::io;

/// Errors of a full flush that mean "this file system has none", not "the data is lost".
#[cfg(any(target_os = "linux", target_os = "macos"))]
const NO_FULL_FLUSH: &[i32] = &[libc::ENOTSUP, libc::EOPNOTSUPP, libc::EINVAL];
#[cfg(not(any(target_os = "linux", target_os = "macos")))]
const NO_FULL_FLUSH: &[i32] = &[];

/// `file.sync_all()`, or a plain flush where the file system cannot do a full one.
pub fn sync_all(file: &File) -> io::Result<()> {
    or_plain_flush(file.sync_all(), || plain_flush(file))
}

/// `full`'s result, unless it failed for want of a full flush: then `plain`'s.
fn or_plain_flush(full: io::Result<()>, plain: impl FnOnce() -> io::Result<()>) -> io::Result<()> {
    match full {
        Err(e) if e.raw_os_error().is_some_and(|code| NO_FULL_FLUSH.contains(&code)) => {
            tracing::info!(error = %e, "no full flush on this file system; flushing the plain way");
            plain()
        }
        other => other,
    }
}

#[cfg(target_os = "macos")]
fn plain_flush(file: &File) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    // SAFETY: the descriptor belongs to `file`, which stays open for the call.
    if unsafe { libc::fsync(file.as_raw_fd()) } == 0 { Ok(()) } else { Err(io::Error::last_os_error()) }
}

/// Elsewhere `sync_all` already is the plain flush; trying it once more costs nothing.
#[cfg(not(target_os = "macos"))]
fn plain_flush(file: &File) -> io::Result<()> {
    file.sync_all()
}

#[cfg(test)]
mod tests {
    #[cfg(any(target_os = "linux", target_os = "macos"))]
    use std::cell::Cell;

    use super::*;

    // The codes as the system the test runs on numbers them, as its F_FULLFSYNC would.
    #[cfg(any(target_os = "linux", target_os = "macos"))]
    #[test]
    fn a_file_system_without_full_flush_gets_a_plain_one() {
        for (name, code) in [("ENOTSUP", libc::ENOTSUP), ("EOPNOTSUPP", libc::EOPNOTSUPP), ("EINVAL", libc::EINVAL)] {
            let plain = Cell::new(0);
            let full = Err(io::Error::from_raw_os_error(code));
            let got = or_plain_flush(full, || {
                plain.set(plain.get() + 1);
                Ok(())
            });
            assert!(got.is_ok(), "{name}: {got:?}");
            assert_eq!(plain.get(), 1, "{name}: the plain flush ran once");
        }
    }

    #[cfg(any(target_os = "linux", target_os = "macos"))]
    #[test]
    fn a_failed_plain_flush_still_fails() {
        let full = Err(io::Error::from_raw_os_error(libc::ENOTSUP));
        let got = or_plain_flush(full, || Err(io::Error::other("disk gone")));
        assert_eq!(got.map_err(|e| e.to_string()), Err("disk gone".to_owned()));
    }

    #[test]
    fn other_errors_are_not_papered_over() {
        for e in [io::Error::from(io::ErrorKind::StorageFull), io::Error::from_raw_os_error(5 /* EIO */), io::Error::other("x")] {
            let kind = e.kind();
            let got = or_plain_flush(Err(e), || panic!("no plain flush after {kind:?}"));
            assert_eq!(got.map_err(|e| e.kind()), Err(kind));
        }
        assert!(or_plain_flush(Ok(()), || panic!("no second flush after a full one")).is_ok());
    }

    #[test]
    fn a_real_file_is_flushed() {
        let file = tempfile::tempfile().expect("temp file");
        sync_all(&file).expect("flush");
    }
}
