fn main() {
    // Declares the app's own commands so capabilities can grant them by name
    // (`allow-rpc`, `allow-open-media-file`); a declared command is denied to every window that no capability
    // grants it to. Also generates the capability schemas and embeds the manifest.
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(&[
        "rpc",
        "open_media_file",
        "pick_backup_file",
        "inspect_backup",
        "restore_backup",
        "check_update",
        "install_update",
        "autostart_offered",
        "connection_status",
        "me",
        "pair_hub",
        "hub_sign_out",
        "use_solo",
        "hub_backup_status",
        "set_hub_backup",
        "pull_hub_backup",
        "view_hub_backup",
        "close_hub_backup",
        "make_solo_from_hub_backup",
    ]));
    tauri_build::try_build(attributes).expect("failed to run tauri-build");
}
