//! `export --format csv`: the same messages as the JSON Lines export, in a file Excel
//! opens with Japanese intact (UTF-8 with BOM).

use anyhow::{Result, ensure};

use crate::support::{self, Server, ServerOpts, export, run};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn csv_export_has_every_message_with_a_bom() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let sim = support::sim().await?;
    let mut server = Server::start(dir.path(), &sim, &ServerOpts::undo(0)).await?;
    let user = sim.add_user("山田 花子");
    for d in [
        sim.follow(&user.user_id, false).await?,
        sim.send_text(&user.user_id, "予約を変更したいです、3日→5日").await?,
    ] {
        ensure!(d.status == 200, "webhook answered {}", d.status);
    }
    server.kill();

    let jsonl = export(dir.path()).await?;
    let r = run(&[
        "export".as_ref(),
        "--data-dir".as_ref(),
        dir.path().as_os_str(),
        "--format".as_ref(),
        "csv".as_ref(),
    ])
    .await?;
    ensure!(
        r.status.success(),
        "export --format csv failed ({}): {}",
        r.status,
        r.stderr
    );
    ensure!(r.stdout.starts_with(b"\xEF\xBB\xBF"), "no UTF-8 BOM");
    let text = String::from_utf8(r.stdout[3..].to_vec())?;
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>()?;
    ensure!(
        rows.len() == jsonl.len(),
        "csv has {} rows, jsonl {}",
        rows.len(),
        jsonl.len()
    );
    ensure!(
        rows.iter().any(|r| &r[7] == "予約を変更したいです、3日→5日"),
        "the Japanese text is not intact: {text}"
    );
    Ok(())
}
