//! `madoguchi-server member add|list|remove`: works on the store directly, so it can be
//! used while the hub runs (SQLite's WAL lets both write) and before its first start.

use std::io::BufRead;

use anyhow::{bail, Context};
use madoguchi_core::members::{store as members, NewMember, Role};
use madoguchi_core::store::Store;

use crate::cli::{MemberCommand, MemberRole};

pub async fn run(command: MemberCommand) -> anyhow::Result<()> {
    match command {
        MemberCommand::Add(args) => {
            let store = Store::open(&args.data_dir).await.with_context(|| format!("open data dir {}", args.data_dir.display()))?;
            let password = read_password()?;
            let role = match args.role {
                MemberRole::Owner => Role::Owner,
                MemberRole::Staff => Role::Staff,
            };
            let added = members::add(&store.pool, NewMember { name: args.name, role, password: Some(password), reservation_staff_id: None })
                .await
                .map_err(explain)?;
            println!("member added: {} ({}) id {}", added.name, added.role.as_str(), added.id);
            store.pool.close().await;
            Ok(())
        }
        MemberCommand::List(args) => {
            let store = Store::open(&args.data_dir).await.with_context(|| format!("open data dir {}", args.data_dir.display()))?;
            let devices = members::list_devices(&store.pool).await?;
            for m in members::list(&store.pool).await? {
                let theirs = devices.iter().filter(|d| d.member_id == m.id).count();
                println!("{}\t{}\t{}\t{} device(s)", m.id, m.name, m.role.as_str(), theirs);
            }
            store.pool.close().await;
            Ok(())
        }
        MemberCommand::Remove(args) => {
            let store = Store::open(&args.data_dir).await.with_context(|| format!("open data dir {}", args.data_dir.display()))?;
            let Some(member) = members::find_by_name(&store.pool, &args.name).await? else {
                bail!("no member called {} / 「{}」というメンバーはいません", args.name, args.name);
            };
            members::remove(&store.pool, member.id).await.map_err(explain)?;
            println!("member removed: {} (their devices are signed out)", member.name);
            store.pool.close().await;
            Ok(())
        }
    }
}

/// One line from standard input, without its line ending (a pipe or a typed line).
fn read_password() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).context("reading the password from standard input")?;
    let password = line.trim_end_matches(['\n', '\r']).to_string();
    if password.is_empty() {
        bail!("give the password as one line on standard input / パスワードを標準入力から1行で入力してください");
    }
    Ok(password)
}

/// Input errors in both languages, as the person should read them.
fn explain(e: madoguchi_core::CoreError) -> anyhow::Error {
    match e {
        madoguchi_core::CoreError::BadInput { en, ja } => anyhow::anyhow!("{en} / {ja}"),
        other => anyhow::Error::new(other),
    }
}
