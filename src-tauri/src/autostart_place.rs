//! Start at login is offered only when the app runs from the place it will stay. The
//! login item (a LaunchAgent on macOS) records the path the app has when the owner turns
//! it on: an app opened straight from its disk image (/Volumes/…), or one macOS runs
//! from a random read-only copy because it was never moved out of Downloads (App
//! Translocation), would be started from a path that is gone at the next login.

use std::path::Path;

/// False for a path the app will not be found at after a restart.
pub fn is_final_place(exe: &Path) -> bool {
    let path = exe.to_string_lossy();
    !(path.starts_with("/Volumes/") || path.contains("/AppTranslocation/"))
}

/// Settings asks before it offers the switch.
#[tauri::command]
pub fn autostart_offered() -> bool {
    // Windows and Linux install into their final place; only a Mac runs apps from
    // wherever they were opened.
    if !cfg!(target_os = "macos") {
        return true;
    }
    match std::env::current_exe() {
        Ok(exe) => is_final_place(&exe),
        Err(e) => {
            tracing::warn!(error = %e, "where the app runs from is unknown; start at login not offered");
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_app_in_its_folder_is_registered_to_start() {
        assert!(is_final_place(Path::new("/Applications/Madoguchi.app/Contents/MacOS/madoguchi")));
        let in_home = "/Users/shop/Applications/Madoguchi.app/Contents/MacOS/madoguchi"; // user-machine-path: one user's Applications on macOS
        assert!(is_final_place(Path::new(in_home)));
        assert!(!is_final_place(Path::new("/Volumes/Madoguchi/Madoguchi.app/Contents/MacOS/madoguchi")), "opened from the dmg");
        assert!(
            !is_final_place(Path::new("/private/var/folders/x1/abc/T/AppTranslocation/1F2E-33/d/Madoguchi.app/Contents/MacOS/madoguchi")),
            "run from Downloads, translocated"
        );
    }
}
