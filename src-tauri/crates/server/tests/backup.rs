//! `backup` / `restore` of a data dir: a round trip keeps every message byte for byte;
//! damaged or foreign files and non-empty targets are refused without touching the target.

use std::path::Path;

use anyhow::{ensure, Context, Result};
use rand::rngs::StdRng;
use rand::{RngCore, SeedableRng};

use crate::support::{self, eventually, export_raw, run, Run, Server, ServerOpts};

async fn backup(data: &Path, out: &Path) -> Result<Run> {
    run(&["backup".as_ref(), "--data-dir".as_ref(), data.as_os_str(), "--out".as_ref(), out.as_os_str()]).await
}

async fn restore(from: &Path, data: &Path) -> Result<Run> {
    run(&["restore".as_ref(), "--from".as_ref(), from.as_os_str(), "--data-dir".as_ref(), data.as_os_str()]).await
}

fn listing(dir: &Path) -> Result<Vec<String>> {
    let mut names: Vec<String> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<std::io::Result<_>>()?;
    names.sort();
    Ok(names)
}

/// A data dir with messages of several kinds, a downloaded image and sent messages.
async fn populated(data: &Path) -> Result<()> {
    let sim = support::sim().await?;
    let mut server = Server::start(data, &sim, &ServerOpts::undo(0)).await?;
    let user = sim.add_user("加藤 由美");
    let u = &user.user_id;
    for d in [
        sim.follow(u, false).await?,
        sim.send_text(u, "バックアップのテスト 📦").await?,
        sim.send_image(u).await?,
        sim.send_sticker(u, "446", "1988", &[]).await?,
    ] {
        ensure!(d.status == 200, "webhook answered {}", d.status);
    }
    let to_unsend = sim.send_text(u, "消します").await?;
    ensure!(sim.unsend(u, &to_unsend.message_ids[0]).await?.status == 200, "unsend not accepted");
    let conv = server.conversation_of(u).await?;
    server.send_text(conv, "承知しました").await?;
    server.send_text(conv, "お待ちしております").await?;
    eventually(30, "sends to be sent and the image downloaded", || async {
        let thread = server.thread(conv).await?;
        let sent = thread.iter().filter(|m| m["direction"] == "out").all(|m| m["status"] == "sent");
        let img = thread.iter().any(|m| m["kind"] == "image" && m["mediaFile"].is_string());
        Ok((sent && img).then_some(()))
    })
    .await?;
    server.kill();
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_then_restore_exports_byte_identical() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("data");
    populated(&data).await?;
    let original = export_raw(&data).await?;
    ensure!(original.iter().filter(|&&b| b == b'\n').count() >= 7, "the original export is too small: {}", String::from_utf8_lossy(&original));

    let file = dir.path().join("shop.madoguchi-backup");
    let b = backup(&data, &file).await?;
    ensure!(b.status.success(), "backup failed ({}): {}", b.status, b.stderr);
    ensure!(file.is_file(), "backup reported success but wrote no file");

    let restored = dir.path().join("restored");
    let r = restore(&file, &restored).await?;
    ensure!(r.status.success(), "restore failed ({}): {}", r.status, r.stderr);
    let again = export_raw(&restored).await?;
    ensure!(
        again == original,
        "the restored export differs:\n--- original\n{}\n--- restored\n{}",
        String::from_utf8_lossy(&original),
        String::from_utf8_lossy(&again)
    );
    // Media came along, byte for byte.
    let media = listing(&data.join("media"))?;
    ensure!(!media.is_empty(), "the image was not in the original media dir");
    ensure!(listing(&restored.join("media"))? == media, "restored media files differ in name");
    for f in &media {
        ensure!(
            std::fs::read(data.join("media").join(f))? == std::fs::read(restored.join("media").join(f))?,
            "media file {f} differs after restore"
        );
    }
    // Restoring into an existing but empty folder works too.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty)?;
    let r = restore(&file, &empty).await?;
    ensure!(r.status.success(), "restore into an empty existing folder failed: {}", r.stderr);
    ensure!(export_raw(&empty).await? == original, "restore into an empty folder differs");
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn damaged_and_foreign_files_are_refused_and_leave_no_trace() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("data");
    populated(&data).await?;
    let file = dir.path().join("good.backup");
    let b = backup(&data, &file).await?;
    ensure!(b.status.success(), "backup failed: {}", b.stderr);
    let good = std::fs::read(&file)?;

    let seed = support::seed("MADOGUCHI_BACKUP_SEED", "backup");
    let mut random = vec![0u8; 64 * 1024];
    StdRng::seed_from_u64(seed).fill_bytes(&mut random);
    // Valid zstd, but of something else.
    let foreign_zstd = zstd::stream::encode_all(&b"just a text file, not a Madoguchi backup\n".repeat(100)[..], 3)?;
    let mut cases: Vec<(String, Vec<u8>)> = vec![
        ("random bytes".into(), random),
        ("a zstd file that is not a backup".into(), foreign_zstd),
        ("an empty file".into(), Vec::new()),
    ];
    // Whole archive, but the database inside is damaged (its second page zeroed; tar only
    // checksums headers, so the archive itself still reads fine).
    let mut tar = zstd::stream::decode_all(good.as_slice())?;
    let db_at = support::find_bytes(&tar, b"SQLite format 3\0").context("no SQLite database in the backup")?;
    ensure!(tar.len() >= db_at + 8192, "the database in the backup is smaller than two pages");
    tar[db_at + 4096..db_at + 8192].fill(0);
    cases.push(("a backup whose database is damaged".into(), zstd::stream::encode_all(tar.as_slice(), 3)?));
    for n in [good.len() / 10, good.len() / 2, good.len() * 9 / 10, good.len() - 100, good.len() - 1] {
        cases.push((format!("the backup truncated to {n} of {} bytes", good.len()), good[..n].to_vec()));
    }

    for (i, (what, bytes)) in cases.into_iter().enumerate() {
        let bad = dir.path().join(format!("bad-{i}.bin"));
        std::fs::write(&bad, &bytes)?;
        // The target lives alone in its own parent, so any leftover would show.
        let parent = dir.path().join(format!("target-{i}"));
        std::fs::create_dir(&parent)?;
        let target = parent.join("data");
        let r = restore(&bad, &target).await?;
        ensure!(!r.status.success(), "restore of {what} succeeded");
        ensure!(!r.stderr.trim().is_empty(), "restore of {what} failed without a message on stderr");
        ensure!(
            r.stderr.to_lowercase().contains("backup") || r.stderr.contains("バックアップ"),
            "restore of {what}: the error does not say what is wrong with the backup: {}",
            r.stderr
        );
        ensure!(!target.exists(), "restore of {what} left the target behind: {:?}", listing(&target).ok());
        ensure!(listing(&parent)?.is_empty(), "restore of {what} left files next to the target: {:?}", listing(&parent)?);
        eprintln!("backup: {what}: refused with: {}", r.stderr.lines().last().unwrap_or_default());
    }

    // An existing empty target stays empty.
    let empty = dir.path().join("stays-empty");
    std::fs::create_dir(&empty)?;
    let bad = dir.path().join("half.bin");
    std::fs::write(&bad, &good[..good.len() / 2])?;
    let r = restore(&bad, &empty).await?;
    ensure!(!r.status.success(), "restore of a truncated backup into an empty folder succeeded");
    ensure!(listing(&empty)?.is_empty(), "a refused restore wrote into the empty target: {:?}", listing(&empty)?);
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restore_into_a_non_empty_folder_is_refused() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("data");
    populated(&data).await?;
    let file = dir.path().join("good.backup");
    ensure!(backup(&data, &file).await?.status.success(), "backup failed");

    let target = dir.path().join("occupied");
    std::fs::create_dir(&target)?;
    std::fs::write(target.join("keep.txt"), b"do not overwrite")?;
    let r = restore(&file, &target).await?;
    ensure!(!r.status.success(), "restore into a non-empty folder succeeded");
    ensure!(r.stderr.contains("not empty"), "the refusal does not say the folder is not empty: {}", r.stderr);
    ensure!(listing(&target)? == vec!["keep.txt".to_owned()], "the non-empty target was changed: {:?}", listing(&target)?);
    ensure!(std::fs::read(target.join("keep.txt"))? == b"do not overwrite", "keep.txt was overwritten");

    // And over the live data dir itself.
    let before = export_raw(&data).await?;
    let r = restore(&file, &data).await?;
    ensure!(!r.status.success(), "restore over the existing data dir succeeded");
    ensure!(export_raw(&data).await? == before, "a refused restore changed the data dir");
    let _ = listing(&data).context("data dir vanished")?;
    Ok(())
}
