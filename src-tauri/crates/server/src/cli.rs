use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(name = "madoguchi-server", version, about = "Madoguchi without a desktop: webhook receiver, API and UI over HTTP")]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub serve: ServeArgs,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the server (the default).
    Serve(ServeArgs),
    /// Print every message, oldest first: JSON Lines (default) or CSV for Excel (--format csv).
    Export(ExportArgs),
    /// Write a one-file backup of the data dir.
    Backup(BackupArgs),
    /// Restore a backup into a new, empty data dir.
    Restore(RestoreArgs),
    /// Move a solo shop onto this hub: its backup becomes the hub's data (the hub must
    /// hold no customers yet; its members are kept). Stop the hub first.
    Import(ImportArgs),
    /// Print the reservations of a date range as .ics or CSV (UTF-8 with BOM).
    Reservations(ReservationsArgs),
    /// The people who may sign in (メンバー): add, list, remove.
    #[command(subcommand)]
    Member(MemberCommand),
}

#[derive(Subcommand, Debug)]
pub enum MemberCommand {
    /// Add a member; the password is read as one line from standard input.
    Add(MemberAddArgs),
    /// List the members and their signed-in devices.
    List(MemberDirArgs),
    /// Remove a member and sign out all of their devices.
    Remove(MemberRemoveArgs),
}

#[derive(Args, Debug)]
pub struct MemberDirArgs {
    #[arg(long, env = "MADOGUCHI_DATA_DIR")]
    pub data_dir: PathBuf,
}

#[derive(Args, Debug)]
pub struct MemberAddArgs {
    #[arg(long, env = "MADOGUCHI_DATA_DIR")]
    pub data_dir: PathBuf,
    /// The name they sign in with, e.g. 山田.
    #[arg(long)]
    pub name: String,
    /// owner (管理者) or staff (スタッフ).
    #[arg(long, value_enum)]
    pub role: MemberRole,
}

#[derive(Args, Debug)]
pub struct MemberRemoveArgs {
    #[arg(long, env = "MADOGUCHI_DATA_DIR")]
    pub data_dir: PathBuf,
    #[arg(long)]
    pub name: String,
}

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberRole {
    Owner,
    Staff,
}

#[derive(Args, Debug)]
pub struct ReservationsArgs {
    #[arg(long, env = "MADOGUCHI_DATA_DIR")]
    pub data_dir: PathBuf,
    /// First day, e.g. 2026-12-01 (shop's calendar).
    #[arg(long)]
    pub from: String,
    /// Last day, inclusive.
    #[arg(long)]
    pub to: String,
    /// ics or csv.
    #[arg(long, default_value = "ics")]
    pub format: String,
    /// Only this staff member's bookings.
    #[arg(long)]
    pub staff_id: Option<i64>,
}

#[derive(Args, Debug, Clone)]
pub struct ServeArgs {
    /// Where the database and media live.
    #[arg(long, env = "MADOGUCHI_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// Address to listen on. Loopback by default: the API is for this PC only.
    #[arg(long, default_value = "127.0.0.1:8787")]
    pub listen: SocketAddr,
    /// Run against the built-in LINE simulator with a seeded demo shop.
    #[arg(long)]
    pub demo: bool,
    /// The built UI to serve (defaults to ui/dist of this checkout).
    #[arg(long, env = "MADOGUCHI_UI_DIR")]
    pub ui_dir: Option<PathBuf>,
    /// The https address at which LINE reaches this server (for media we send).
    #[arg(long, env = "MADOGUCHI_PUBLIC_BASE_URL")]
    pub public_base_url: Option<String>,
    /// Seconds during which a sent message can still be cancelled.
    #[arg(long)]
    pub undo_seconds: Option<i64>,
    /// Simulated customers in demo mode.
    #[arg(long, default_value_t = 24)]
    pub demo_friends: usize,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    #[arg(long, env = "MADOGUCHI_DATA_DIR")]
    pub data_dir: PathBuf,
    /// jsonl: one JSON object per line; csv: UTF-8 with BOM, Japanese headers, shop-local times.
    #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
    pub format: ExportFormat,
}

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Jsonl,
    Csv,
}

#[derive(Args, Debug)]
pub struct BackupArgs {
    #[arg(long, env = "MADOGUCHI_DATA_DIR")]
    pub data_dir: PathBuf,
    /// The backup file to write.
    #[arg(long)]
    pub out: PathBuf,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The backup file made on the shop's PC (設定 → バックアップ).
    #[arg(long)]
    pub from: PathBuf,
    /// The hub's data dir (/var/lib/madoguchi for the packaged hub).
    #[arg(long, env = "MADOGUCHI_DATA_DIR")]
    pub data_dir: PathBuf,
}

#[derive(Args, Debug)]
pub struct RestoreArgs {
    /// The backup file to read.
    #[arg(long)]
    pub from: PathBuf,
    /// A new, empty data dir.
    #[arg(long)]
    pub data_dir: PathBuf,
}
