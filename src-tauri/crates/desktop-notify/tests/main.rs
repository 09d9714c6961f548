//! Notifications on a real D-Bus session: a small zbus server owns
//! `org.freedesktop.Notifications`, records what notify-rust sent, and can click.
//!
//! Needs a session bus: run it with `scripts/with-session-services.sh cargo test -p
//! madoguchi-desktop-notify`. Without one the tests skip with a reason, unless
//! `MADOGUCHI_REQUIRE_DBUS=1` (or `MADOGUCHI_REQUIRE_SECRET_SERVICE=1`, both set by
//! that script) says we are inside it: then they fail.

#[cfg(all(unix, not(target_os = "macos")))]
mod xdg;
