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
    ]));
    tauri_build::try_build(attributes).expect("failed to run tauri-build");
}
