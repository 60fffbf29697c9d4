//! The command line: `tidings [serve]`, `tidings migrate`, `tidings user add`, `tidings brand set|list`,
//! `tidings kb reindex`, `tidings triage train`, `tidings analytics rebuild`, `tidings demo`.

use clap::{Parser, Subcommand};
use tidings::service::NewUserInput;

use crate::config::Config;
use crate::startup::{build_app, open_services, serve};

#[derive(Parser)]
#[command(name = "tidings", version, about = "Self-hosted customer support")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Serve the web app and API (the default).
    Serve,
    /// Bring the database schema up to date and exit.
    Migrate,
    /// Manage user accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Manage the brands the support widget is embedded for.
    Brand {
        #[command(subcommand)]
        command: BrandCommand,
    },
    /// Knowledge-base maintenance.
    Kb {
        #[command(subcommand)]
        command: KbCommand,
    },
    /// Offline triage of new tickets.
    Triage {
        #[command(subcommand)]
        command: TriageCommand,
    },
    /// Reporting maintenance.
    Analytics {
        #[command(subcommand)]
        command: AnalyticsCommand,
    },
    /// Load demo data: two teams, an agent, a supervisor and a customer; with --tickets N also N generated tickets.
    Demo(crate::demo::DemoArgs),
}

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create an account.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// customer, agent, supervisor or admin.
        #[arg(long)]
        role: String,
        #[arg(long, env = "TIDINGS_USER_PASSWORD")]
        password: String,
        /// en or de.
        #[arg(long)]
        locale: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum KbCommand {
    /// Rebuild the search index of every article from its stored content (after an upgrade that changes how text
    /// is indexed); safe while the server runs.
    Reindex,
}

#[derive(Subcommand)]
pub enum TriageCommand {
    /// Train the team classifier again from resolved and closed tickets (subject and opening message, labelled
    /// with their team); prints how many, how long it took and the accuracy on every fifth ticket held out.
    Train,
}

#[derive(Subcommand)]
pub enum AnalyticsCommand {
    /// Compute every ticket's reporting facts and the hourly rollups again from the tickets' history (after an
    /// upgrade that changes a definition, an import, or to check nothing drifted); prints how many tickets.
    Rebuild,
}

#[derive(Subcommand)]
pub enum BrandCommand {
    /// Create a brand or change its name and colour (the embed snippet names it in `data-brand`).
    Set {
        /// Lower-case letters, digits and hyphens, like acme-shop.
        slug: String,
        /// Shown in the widget's header; required for a new brand.
        #[arg(long)]
        name: Option<String>,
        /// The widget's accent colour, #rrggbb.
        #[arg(long)]
        color: Option<String>,
    },
    /// List the brands.
    List,
}

pub async fn run(cli: Cli, config: Config) -> anyhow::Result<()> {
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let listener = tokio::net::TcpListener::bind(config.addr)
                .await
                .map_err(|err| anyhow::anyhow!("listening on {}: {err}", config.addr))?;
            let (router, state) = build_app(config).await?;
            tracing::info!(addr = %listener.local_addr()?, database = ?state.services.store().backend(), "Tidings is listening");
            serve(listener, router).await
        }
        Command::Migrate => {
            open_services(&config).await?;
            println!("database is up to date");
            Ok(())
        }
        Command::User { command: UserCommand::Add { email, name, role, password, locale } } => {
            std::fs::create_dir_all(&config.data_dir)?;
            let services = open_services(&config).await?;
            let user = services
                .create_user_as_operator(NewUserInput { name, email, role, password, locale })
                .await
                .map_err(|err| anyhow::anyhow!("{err} ({})", err.code()))?;
            println!("created {} {} ({})", user.role.as_str(), user.email, user.id);
            Ok(())
        }
        Command::Brand { command } => run_brand(&config, command).await,
        Command::Kb { command: KbCommand::Reindex } => {
            let services = open_services(&config).await?;
            let started = std::time::Instant::now();
            let count = services.reindex_articles().await.map_err(|err| anyhow::anyhow!("{err} ({})", err.code()))?;
            let elapsed = started.elapsed();
            println!("reindexed {count} articles in {} ms", elapsed.as_millis());
            Ok(())
        }
        Command::Triage { command: TriageCommand::Train } => {
            let services = open_services(&config).await?;
            let report = services
                .train_triage_model_as_operator()
                .await
                .map_err(|err| anyhow::anyhow!("{err} ({})", err.code()))?;
            let accuracy = match report.accuracy {
                Some(accuracy) => format!("{:.1} % of {} held-out tickets", accuracy * 100.0, report.held_out),
                None => "not measured (too few tickets)".to_string(),
            };
            println!(
                "trained the team model on {} tickets of {} teams in {} ms; accuracy {accuracy}",
                report.examples, report.teams, report.duration_ms
            );
            Ok(())
        }
        Command::Analytics { command: AnalyticsCommand::Rebuild } => {
            let services = open_services(&config).await?;
            let started = std::time::Instant::now();
            let count = services.rebuild_analytics().await.map_err(|err| anyhow::anyhow!("{err} ({})", err.code()))?;
            println!("rebuilt the analytics of {count} tickets in {} ms", started.elapsed().as_millis());
            Ok(())
        }
        Command::Demo(args) => crate::demo::run(&config, args).await,
    }
}

async fn run_brand(config: &Config, command: BrandCommand) -> anyhow::Result<()> {
    std::fs::create_dir_all(&config.data_dir)?;
    let services = open_services(config).await?;
    let failed = |err: tidings::service::ServiceError| anyhow::anyhow!("{err} ({})", err.code());
    match command {
        BrandCommand::Set { slug, name, color } => {
            let brand =
                services.set_brand_as_operator(&slug, name.as_deref(), color.as_deref()).await.map_err(failed)?;
            println!("brand {} ({}, {}) saved", brand.slug, brand.name, brand.color);
        }
        BrandCommand::List => {
            for brand in services.list_brands().await.map_err(failed)? {
                println!("{}\t{}\t{}", brand.slug, brand.color, brand.name);
            }
        }
    }
    Ok(())
}
