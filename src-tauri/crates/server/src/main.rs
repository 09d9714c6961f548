//! `madoguchi-server`: Madoguchi without a desktop. The webhook receiver, the UI's API
//! over HTTP and the built UI, plus export / backup / restore of a data dir.

mod cli;
mod member_cmd;
mod serve;

use std::io::Write;

use anyhow::Context;
use clap::Parser;
use tracing_subscriber::EnvFilter;

use cli::{Cli, Command};

// glibc's allocator spent ~10 % of the server's CPU in malloc/free (malloc_consolidate,
// unlink_chunk) under webhook load: many small short-lived JSON and HTTP allocations
// freed on other threads.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let cli = Cli::parse();
    match cli.command {
        None => serve::run(cli.serve).await,
        Some(Command::Serve(args)) => serve::run(args).await,
        Some(Command::Member(command)) => member_cmd::run(command).await,
        Some(Command::Export(args)) => {
            let core = serve::open_offline(&args.data_dir).await?;
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            let pool = &core.store().pool;
            let n = match args.format {
                cli::ExportFormat::Jsonl => madoguchi_core::export::export_jsonl(pool, &mut out).await?,
                cli::ExportFormat::Csv => {
                    let tz = madoguchi_core::hours::store::shop_time_zone(&core).await?;
                    madoguchi_core::export::csv::export_csv(pool, &tz, &mut out).await?
                }
            };
            out.flush()?;
            tracing::info!(messages = n, "export done");
            core.shutdown().await;
            Ok(())
        }
        Some(Command::Backup(args)) => {
            let core = serve::open_offline(&args.data_dir).await?;
            let m = madoguchi_core::backup::backup(core.store(), &args.out)
                .await
                .with_context(|| format!("backup to {}", args.out.display()))?;
            core.shutdown().await;
            println!("backup written: {} (schema {}, {} media files)", args.out.display(), m.schema_version, m.media_files);
            Ok(())
        }
        Some(Command::Reservations(args)) => {
            use madoguchi_core::reservations::interop::{export, ReservationExportFormat, ExportReservations};
            let format = match args.format.as_str() {
                "ics" => ReservationExportFormat::Ics,
                "csv" => ReservationExportFormat::Csv,
                other => anyhow::bail!("--format must be ics or csv, not {other}"),
            };
            let core = serve::open_offline(&args.data_dir).await?;
            let pool = &core.store().pool;
            let account = madoguchi_core::accounts::list(pool).await?.into_iter().next().context("no LINE account in this data dir")?;
            let q = ExportReservations { account_id: account.id, from: args.from, to: args.to, staff_id: args.staff_id, format };
            let file = export(pool, &q).await;
            core.shutdown().await;
            print!("{}", file?.content);
            Ok(())
        }
        Some(Command::Import(args)) => {
            if args.data_dir.join(madoguchi_core::store::DB_FILE).exists() {
                // Opening takes the data dir's lock: a running hub makes this fail.
                let core = serve::open_offline(&args.data_dir).await.context("is the hub still running? stop it first / ハブが動いています。先に停止してください")?;
                core.shutdown().await;
            }
            let now = madoguchi_core::time::now_ms();
            let r = madoguchi_core::backup::import::import_into_hub(&args.from, &args.data_dir, now)
                .await
                .with_context(|| format!("import {}", args.from.display()))?;
            println!(
                "imported into {}: {} customers, {} messages, {} bookings, {} media files (backup of app {}); {} members kept",
                args.data_dir.display(),
                r.friends,
                r.messages,
                r.reservations,
                r.manifest.media_files,
                r.manifest.app_version,
                r.members_kept
            );
            if let Some(p) = r.previous {
                println!("the hub's files from before are kept in {}", p.display());
            }
            Ok(())
        }
        Some(Command::Restore(args)) => {
            let m = madoguchi_core::backup::restore(&args.from, &args.data_dir)
                .await
                .with_context(|| format!("restore from {}", args.from.display()))?;
            println!("restored into {} (backup of app {}, {} media files)", args.data_dir.display(), m.app_version, m.media_files);
            Ok(())
        }
    }
}
