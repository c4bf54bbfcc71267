//! The `vuoro` command: runs the server and the maintenance commands.

mod config;
mod demo;
mod import;
mod themes;

use anyhow::Context;
use clap::{Parser, Subcommand};
use config::Config;
use std::io::BufRead;
use std::path::PathBuf;
use std::sync::Arc;
use vuoro_core::method::MethodLibrary;
use vuoro_store::NewUser;
use vuoro_store::prelude::*;
use vuoro_store_sqlite::SqliteStore;

#[derive(Parser, Debug)]
#[command(
    name = "vuoro",
    version,
    about = "Structured dialogues for municipalities and work communities"
)]
struct Cli {
    /// A TOML configuration file (default: ./vuoro.toml if present).
    #[arg(long, global = true, env = "VUORO_CONFIG")]
    config: Option<PathBuf>,
    /// The SQLite database file.
    #[arg(long, global = true)]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Runs the server.
    Serve {
        /// Address and port to listen on, e.g. 127.0.0.1:8080.
        #[arg(long)]
        listen: Option<String>,
    },
    /// Fills the database with demonstration data (once) and runs the server.
    Demo {
        #[arg(long)]
        listen: Option<String>,
    },
    /// Creates a site administrator; the password is read from standard input.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
    },
    /// Copies the database into a new file, consistent even while the server runs.
    Backup {
        /// The file to write; it must not exist yet.
        to: PathBuf,
    },
    /// Imports a document into the catalogue.
    #[command(subcommand)]
    Import(ImportWhat),
    /// Proposes themes for notes and prints them as JSON: each theme's label, size and
    /// representative lines, and each note line's theme.
    Themes {
        /// Notes, one per line, or a CSV with a `text` column.
        file: PathBuf,
        /// The number of themes (default: chosen from the number of notes).
        #[arg(long)]
        k: Option<usize>,
    },
}

#[derive(Subcommand, Debug)]
enum ImportWhat {
    /// A peer listing like `catalogue/vertaisdialogi-kunnat-2021.txt`: organisation headings
    /// with bullets. Organisations are found by name or created; a line imported before is not
    /// added again; lines that are not activities are kept as text on their organisation.
    Listing {
        file: PathBuf,
        /// The year the listing describes: a done activity that names no period gets it.
        #[arg(long, value_parser = clap::value_parser!(i32).range(1950..=2100))]
        year: Option<i32>,
        /// Only print what would be imported.
        #[arg(long)]
        dry_run: bool,
    },
}

fn methods(cfg: &Config) -> anyhow::Result<MethodLibrary> {
    let mut lib = MethodLibrary::builtin().context("built-in methods")?;
    if let Some(dir) = &cfg.methods_dir {
        let mut files: Vec<(String, String)> = Vec::new();
        for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
            let path = entry?.path();
            if path.extension().is_some_and(|e| e == "toml") {
                let text = std::fs::read_to_string(&path)?;
                files.push((path.display().to_string(), text));
            }
        }
        let extra =
            MethodLibrary::from_sources(files.iter().map(|(a, b)| (a.as_str(), b.as_str())))?;
        lib.overlay(extra);
    }
    Ok(lib)
}

async fn open(cfg: &Config) -> anyhow::Result<SqliteStore> {
    SqliteStore::open(&cfg.db)
        .await
        .with_context(|| format!("opening database {}", cfg.db.display()))
}

async fn run_server(
    cfg: &Config,
    store: SqliteStore,
    banner: Option<String>,
) -> anyhow::Result<()> {
    let state = vuoro_web::AppState::new(Arc::new(store.clone()), methods(cfg)?, cfg.web());
    let listener = tokio::net::TcpListener::bind(&cfg.listen)
        .await
        .with_context(|| format!("listening on {}", cfg.listen))?;
    let addr = listener.local_addr()?;
    println!(
        "vuoro is running at http://{addr}/  (database {})",
        cfg.db.display()
    );
    if let Some(b) = banner {
        println!("{b}");
    }
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    vuoro_web::serve(listener, state, shutdown).await?;
    store.close().await;
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("VUORO_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let cli = Cli::parse();
    // Themes needs neither configuration nor database.
    if let Command::Themes { file, k } = &cli.command {
        let input =
            std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
        let notes = themes::read_notes(&input).map_err(|e| anyhow::anyhow!("{e}"))?;
        if *k == Some(0) {
            anyhow::bail!("--k must be at least 1");
        }
        let out = themes::run(&notes, *k);
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }
    let mut cfg = Config::load(cli.config.as_deref())?;
    if let Some(db) = cli.db {
        cfg.db = db;
    }
    match cli.command {
        Command::Serve { listen } => {
            if let Some(l) = listen {
                cfg.listen = l;
            }
            let store = open(&cfg).await?;
            let banner = (store.user_count().await? == 0).then(|| {
                "No accounts yet: create one with `vuoro create-admin --email … --name …`."
                    .to_owned()
            });
            run_server(&cfg, store, banner).await
        }
        Command::Demo { listen } => {
            if let Some(l) = listen {
                cfg.listen = l;
            }
            let store = open(&cfg).await?;
            let lib = methods(&cfg)?;
            demo::seed(&store, &lib).await?;
            run_server(&cfg, store, Some(demo::banner())).await
        }
        Command::CreateAdmin { email, name } => {
            let email = vuoro_core::text::email(&email)
                .map_err(|_| anyhow::anyhow!("not a valid e-mail address"))?;
            let name = vuoro_core::text::name(&name, vuoro_core::text::limits::NAME)
                .map_err(|_| anyhow::anyhow!("the name is empty or too long"))?;
            eprintln!(
                "Password (at least {} characters):",
                vuoro_core::text::limits::PASSWORD_MIN
            );
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line)?;
            let password = vuoro_core::text::password(line.trim_end_matches(['\n', '\r']))
                .map_err(|_| anyhow::anyhow!("the password is too short or too long"))?;
            let store = open(&cfg).await?;
            let hash =
                vuoro_web::auth::hash_password(&password).map_err(|e| anyhow::anyhow!("{e}"))?;
            let u = store
                .create_user(
                    NewUser {
                        email,
                        name,
                        password_hash: hash,
                        site_admin: true,
                    },
                    time::OffsetDateTime::now_utc(),
                )
                .await?;
            println!("created site administrator {} ({})", u.name, u.email);
            store.close().await;
            Ok(())
        }
        Command::Themes { .. } => Ok(()),
        Command::Import(ImportWhat::Listing {
            file,
            year,
            dry_run,
        }) => {
            let bytes =
                std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
            let listing = vuoro_import::listing::parse(&bytes)
                .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
            print!("{}", import::describe(&listing));
            if dry_run {
                return Ok(());
            }
            let store = open(&cfg).await?;
            let report = store
                .import_listing(
                    &import::to_store(&listing, year),
                    None,
                    time::OffsetDateTime::now_utc(),
                )
                .await?;
            println!("{}", import::report(&report));
            store.close().await;
            Ok(())
        }
        Command::Backup { to } => {
            let store = open(&cfg).await?;
            store.backup_to(&to).await?;
            println!("wrote {}", to.display());
            store.close().await;
            Ok(())
        }
    }
}
