//! The channel page of the admin area: the setup of each channel and a test message through it.

use leptos::prelude::*;
use tidings::domain::channel_overview::ChannelOverview;
use tidings::domain::Channel;

use super::AppError;

#[server(endpoint = "load_channel_overview")]
pub async fn load_channel_overview() -> Result<Vec<ChannelOverview>, AppError> {
    let actor = super::ssr::require_actor()?;
    Ok(super::ssr::services()?.channel_overview(&actor)?)
}

/// Sends a test message on `channel` to `to`; the provider's id for it.
#[server(endpoint = "send_channel_test")]
pub async fn send_channel_test(channel: Channel, to: String) -> Result<String, AppError> {
    let actor = super::ssr::require_actor()?;
    Ok(super::ssr::services()?.send_channel_test(&actor, channel, &to).await?)
}
