//! The language of the shell's own words (tray menu, tooltip): Japanese unless the
//! system's preferred languages put English before Japanese, the rule the UI applies to
//! `navigator.languages` (ui/src/i18n/index.ts), so window and tray agree.
//!
//! Read through sys-locale: Windows' and macOS's preferred UI languages (an app started
//! from the Start menu, the Dock or at login has no LANG), the LC_ALL / LC_MESSAGES /
//! LANG variables on Linux.

/// True when the shell should speak Japanese.
pub fn japanese() -> bool {
    japanese_first(sys_locale::get_locales())
}

/// The first of Japanese and English in `locales` (BCP 47 tags or POSIX names) wins;
/// neither means Japanese.
pub fn japanese_first<S: AsRef<str>>(locales: impl IntoIterator<Item = S>) -> bool {
    for locale in locales {
        let tag = locale.as_ref().to_ascii_lowercase();
        if tag.starts_with("ja") {
            return true;
        }
        if tag.starts_with("en") {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::japanese_first;

    #[test]
    fn the_first_of_japanese_and_english_wins_as_in_the_ui() {
        assert!(japanese_first(["ja-JP", "en-US"]));
        assert!(!japanese_first(["en-US", "ja-JP"]), "macOS set to English first");
        assert!(!japanese_first(["en_GB.UTF-8"]), "a POSIX name");
        assert!(!japanese_first(["fr-FR", "en-US", "ja"]), "a language the app does not have is passed over");
        assert!(japanese_first(["zh-Hant-TW", "ja-JP"]));
        assert!(japanese_first(Vec::<String>::new()), "nothing known: Japanese");
        assert!(japanese_first(["C"]), "the C locale: Japanese");
    }
}
