//! `tidings`: one binary for the web app, the API and the operator's commands.

use clap::Parser;
use tidings_server::cli::{run, Cli};
use tidings_server::config::Config;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let config = Config::from_env()?;
    tidings_server::ops::telemetry::init(config.log_format);
    tracing::debug!(?config, "configuration");
    run(cli, config).await
}
