//! `tidings demo`: named demo accounts and teams to try Tidings with, and with `--tickets N` a generated data set at
//! size (customers, agents, tickets and threads) for the benchmarks.

use std::time::Instant;

use tidings::service::{DemoDataSpec, NewUserInput, Services};

use crate::config::Config;
use crate::startup::open_services;

#[derive(clap::Args)]
pub struct DemoArgs {
    /// Password for the demo accounts (at least 10 characters).
    #[arg(long, env = "TIDINGS_DEMO_PASSWORD", default_value = "tidings-demo-password")]
    password: String,
    /// Also generate this many tickets (with threads) from generated customers and agents.
    #[arg(long, default_value_t = 0)]
    tickets: u64,
    /// Average messages per generated ticket.
    #[arg(long, default_value_t = 10)]
    messages_per_ticket: u32,
    /// Generated customers (default: one per 10 tickets).
    #[arg(long)]
    customers: Option<u32>,
    /// Generated agents.
    #[arg(long, default_value_t = 20)]
    agents: u32,
    /// Seed of the generator: the same seed gives the same data.
    #[arg(long, default_value_t = 1042)]
    seed: u64,
}

pub async fn run(config: &Config, args: DemoArgs) -> anyhow::Result<()> {
    std::fs::create_dir_all(&config.data_dir)?;
    let services = open_services(config).await?;
    named_accounts(&services, &args.password).await?;
    services.ensure_demo_teams().await.map_err(|err| anyhow::anyhow!("{err}"))?;
    if args.tickets > 0 {
        let spec = DemoDataSpec {
            tickets: args.tickets,
            messages_per_ticket: args.messages_per_ticket,
            customers: args.customers.unwrap_or_else(|| u32::try_from(args.tickets / 10).unwrap_or(u32::MAX).max(1)),
            agents: args.agents,
            password: args.password.clone(),
            seed: args.seed,
        };
        let started = Instant::now();
        let report = services
            .generate_demo_data(&spec, |done| {
                if done % 10_000 == 0 || done == spec.tickets {
                    eprintln!("demo: {done}/{} tickets ({:.0?})", spec.tickets, started.elapsed());
                }
            })
            .await
            .map_err(|err| anyhow::anyhow!("{err}"))?;
        println!(
            "generated {} tickets (#{} on) with {} messages in {:.1?}; accounts agent-N@ and customer-N@demo.tidings.invalid",
            report.tickets,
            report.first_number,
            report.messages,
            started.elapsed()
        );
        println!("reports count generated tickets after `tidings analytics rebuild`");
    }
    Ok(())
}

async fn named_accounts(services: &Services, password: &str) -> anyhow::Result<()> {
    let demo = [
        ("Anna Agent", "anna.agent@demo.tidings.invalid", "agent"),
        ("Sam Supervisor", "sam.supervisor@demo.tidings.invalid", "supervisor"),
        ("Chris Customer", "chris.customer@demo.tidings.invalid", "customer"),
    ];
    for (name, email, role) in demo {
        let input = NewUserInput {
            name: name.into(),
            email: email.into(),
            role: role.into(),
            password: password.into(),
            locale: None,
        };
        match services.create_user_as_operator(input).await {
            Ok(user) => println!("created {role} {}", user.email),
            Err(err) if err.code() == "email_taken" => println!("{email} exists already"),
            Err(err) => anyhow::bail!("{err}"),
        }
    }
    Ok(())
}
