use std::path::PathBuf;

use anyhow::Context;

fn generated_file() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../ui/src/api/types.gen.ts")
}

/// The UI compiles against this file; if the Rust API changed and the file did not,
/// the UI would talk past the backend. `UPDATE_TS=1` regenerates it.
#[test]
fn committed_typescript_types_match_the_rust_api() -> anyhow::Result<()> {
    let fresh = madoguchi_core::api::typescript::render();
    let path = generated_file();
    if std::env::var_os("UPDATE_TS").is_some() {
        std::fs::write(&path, &fresh).with_context(|| format!("write {}", path.display()))?;
        return Ok(());
    }
    let committed = std::fs::read_to_string(&path).with_context(|| format!("read {}", path.display()))?;
    anyhow::ensure!(
        committed == fresh,
        "{} is stale: run `UPDATE_TS=1 cargo test -p madoguchi-core typescript` and commit the result",
        path.display()
    );
    Ok(())
}

#[test]
fn typescript_uses_numbers_for_ids_and_times() {
    let ts = madoguchi_core::api::typescript::render();
    assert!(!ts.contains("bigint"), "i64 fields must be annotated as number for the UI:\n{ts}");
    assert!(ts.contains("\"method\": \"sendMessage\""), "Request must be tagged by method:\n{ts}");
}
