//! The `vuoro` command: runs the server and the maintenance commands.

mod backend;
mod config;
mod db_url;
mod demo;
mod import;
mod themes;

use anyhow::Context;
use backend::Backend;
use clap::{Parser, Subcommand};
use config::Config;
use db_url::DbUrl;
use std::io::BufRead;
use std::path::PathBuf;
use vuoro_core::method::MethodLibrary;
use vuoro_store::NewUser;
use vuoro_store::copy::CopyError;

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
    /// The database: a SQLite file (a path, `sqlite:///abs/path.db` or `sqlite:relative.db`) or
    /// a PostgreSQL URL (`postgres://user:password@host:port/database`).
    // A string, parsed by `DbUrl` rather than clap, whose error would repeat the password.
    #[arg(long, global = true)]
    db: Option<String>,
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
        /// Only add the demonstration data, then exit (e.g. to try `migrate-db`).
        #[arg(long)]
        seed_only: bool,
    },
    /// Creates a site administrator; the password is read from standard input.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
    },
    /// Copies the database into a new SQLite file, consistent even while the server runs.
    Backup {
        /// The file to write; it must not exist yet.
        to: PathBuf,
    },
    /// Loads a backup made by `vuoro backup` into the database named by --db, which must be
    /// empty, and checks every table's row count and content.
    Restore {
        /// The backup file.
        file: PathBuf,
    },
    /// Copies the database named by --db into another, which must be empty (a new SQLite file
    /// or an empty PostgreSQL database), and checks every table's row count and content.
    MigrateDb {
        /// The target database: a SQLite path or URL, or a PostgreSQL URL.
        #[arg(long)]
        to: String,
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

async fn open(cfg: &Config) -> anyhow::Result<Backend> {
    Backend::open(&cfg.db).await
}

async fn run_server(cfg: &Config, db: Backend, banner: Option<String>) -> anyhow::Result<()> {
    let state = vuoro_web::AppState::new(db.store(), methods(cfg)?, cfg.web()?);
    // Reminders and practice follow-ups: a pass every few minutes in every server process,
    // each message written once (dedupe keys). It runs without mail too: its first step
    // forgets the community's sent messages, so members' addresses do not stay behind when
    // mail is turned off after a mailing.
    vuoro_web::notices::start(state.clone());

    // The daily deletion of raw data whose retention ran out (safe in several processes).
    let retention = vuoro_web::retention::spawn_daily(db.store());
    let listener = tokio::net::TcpListener::bind(&cfg.listen)
        .await
        .with_context(|| format!("listening on {}", cfg.listen))?;
    let addr = listener.local_addr()?;
    println!("vuoro is running at http://{addr}/  (database {})", cfg.db);
    if let Some(b) = banner {
        println!("{b}");
    }
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    vuoro_web::serve(listener, state, shutdown).await?;
    retention.abort();
    db.close().await;
    Ok(())
}

/// A copy's report, or its error; a copy that does not check out prints its table-by-table
/// comparison before failing, so the operator sees which tables differ.
fn copied(
    done: anyhow::Result<Vec<vuoro_store::copy::TableReport>>,
) -> anyhow::Result<Vec<vuoro_store::copy::TableReport>> {
    done.inspect_err(|e| {
        if let Some(CopyError::Differs(_, reports)) = e.downcast_ref::<CopyError>() {
            print!("{}", backend::describe(reports));
        }
    })
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
        cfg.db = DbUrl::parse(&db).map_err(|e| anyhow::anyhow!("--db: {e}"))?;
    }
    match cli.command {
        Command::Serve { listen } => {
            if let Some(l) = listen {
                cfg.listen = l;
            }
            let db = open(&cfg).await?;
            let banner = (db.store().user_count().await? == 0).then(|| {
                "No accounts yet: create one with `vuoro create-admin --email … --name …`."
                    .to_owned()
            });
            run_server(&cfg, db, banner).await
        }
        Command::Demo { listen, seed_only } => {
            if let Some(l) = listen {
                cfg.listen = l;
            }
            let db = open(&cfg).await?;
            let lib = methods(&cfg)?;
            demo::seed(db.store().as_ref(), &lib).await?;
            if seed_only {
                db.close().await;
                println!("demo data in {}", cfg.db);
                return Ok(());
            }
            run_server(&cfg, db, Some(demo::banner())).await
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
            let db = open(&cfg).await?;
            let hash =
                vuoro_web::auth::hash_password(&password).map_err(|e| anyhow::anyhow!("{e}"))?;
            let u = db
                .store()
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
            db.close().await;
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
            let db = open(&cfg).await?;
            let report = db
                .store()
                .import_listing(
                    &import::to_store(&listing, year),
                    None,
                    time::OffsetDateTime::now_utc(),
                )
                .await?;
            println!("{}", import::report(&report));
            db.close().await;
            Ok(())
        }
        Command::Backup { to } => {
            let db = open(&cfg).await?;
            let done = db.backup(&to).await;
            db.close().await;
            done?;
            println!("wrote {}", to.display());
            Ok(())
        }
        Command::Restore { file } => {
            let db = open(&cfg).await?;
            let done = backend::restore(&file, &db).await;
            db.close().await;
            let reports = copied(done)?;
            print!("{}", backend::describe(&reports));
            println!("restored {} into {}", file.display(), cfg.db);
            Ok(())
        }
        Command::MigrateDb { to } => {
            let to = DbUrl::parse(&to).map_err(|e| anyhow::anyhow!("--to: {e}"))?;
            if to == cfg.db {
                anyhow::bail!("--to names the database --db names: {to}");
            }
            let source = open(&cfg).await?;
            let target = Backend::open(&to).await?;
            let done = source.copy_into(&target).await;
            source.close().await;
            target.close().await;
            let reports = copied(done.map_err(anyhow::Error::from))?;
            print!("{}", backend::describe(&reports));
            println!("copied {} into {to}", cfg.db);
            Ok(())
        }
    }
}
