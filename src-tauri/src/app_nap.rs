//! macOS App Nap: a hidden, inactive app gets its timers coalesced and its network and
//! CPU throttled after a while. The window sits closed to the tray all day while the
//! webhook receiver answers LINE, the outbox sends and reminders go out on time, so the
//! app holds an activity assertion for as long as it runs. It does not keep the Mac
//! awake: idle system sleep stays allowed, as the owner set it.

/// Declares the app's background work to macOS for the rest of the process's life.
#[cfg(target_os = "macos")]
pub fn hold_off() {
    use objc2_foundation::{NSActivityOptions, NSProcessInfo, NSString};
    let reason = NSString::from_str("Receiving and sending LINE messages / LINE のメッセージの受信と送信");
    let activity = NSProcessInfo::processInfo().beginActivityWithOptions_reason(NSActivityOptions::UserInitiatedAllowingIdleSystemSleep, &reason);
    // The assertion lasts while its token lives: until the process exits.
    std::mem::forget(activity);
    tracing::info!("App Nap held off while the app runs");
}

/// Nothing naps apps elsewhere.
#[cfg(not(target_os = "macos"))]
pub fn hold_off() {}
