//! The agent's live chat page: the queue, my chats, who is available, and the steps of a chat (accept, transfer,
//! end, convert). Each function calls the same service as `/api/v1/chats/…`, which authorises.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use tidings::domain::live::AgentLoad;
use tidings::domain::{Team, Ticket};

use super::AppError;

/// A chat waiting in the queue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WaitingChatRow {
    pub ticket: Ticket,
    pub waiting_since: chrono::DateTime<chrono::Utc>,
}

/// What `/agent/chats` shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChatBoard {
    pub waiting: Vec<WaitingChatRow>,
    pub mine: Vec<Ticket>,
    /// Every agent, me included.
    pub agents: Vec<AgentLoad>,
    /// For transfers to a team.
    pub teams: Vec<Team>,
    pub me: String,
}

impl ChatBoard {
    /// My own availability row.
    pub fn my_load(&self) -> Option<&AgentLoad> {
        self.agents.iter().find(|agent| agent.user_id == self.me)
    }
}

#[server(endpoint = "load_chat_board")]
pub async fn load_chat_board() -> Result<ChatBoard, AppError> {
    let actor = super::ssr::require_actor()?;
    let services = super::ssr::services()?;
    let waiting = services.waiting_chats(&actor).await?;
    let mine = services.my_chats(&actor).await?;
    let agents = services.agent_availability(&actor).await?;
    let teams = services.list_teams(&actor).await?;
    Ok(ChatBoard {
        waiting: waiting
            .into_iter()
            .map(|chat| WaitingChatRow { ticket: chat.ticket, waiting_since: chat.waiting_since })
            .collect(),
        mine,
        agents,
        teams,
        me: actor.user.id,
    })
}

/// Takes a waiting chat (it is assigned to me).
#[server(endpoint = "accept_chat")]
pub async fn accept_chat(id: String) -> Result<Ticket, AppError> {
    let actor = super::ssr::require_actor()?;
    Ok(super::ssr::services()?.accept_chat(&actor, &id).await?)
}

/// Hands a chat to another agent (`to` = `agent:<id>`) or back to a team's queue (`team:<id>`), with a note.
#[server(endpoint = "transfer_chat")]
pub async fn transfer_chat(id: String, to: String, note: String) -> Result<Ticket, AppError> {
    let actor = super::ssr::require_actor()?;
    let transfer = match to.split_once(':') {
        Some(("agent", agent)) => {
            tidings::service::ChatTransfer { agent_id: Some(agent.to_string()), team_id: None, note: Some(note) }
        }
        Some(("team", team)) => {
            tidings::service::ChatTransfer { agent_id: None, team_id: Some(team.to_string()), note: Some(note) }
        }
        _ => {
            let mut error = AppError::new("invalid_transfer", "Choose an agent or a team to transfer the chat to.");
            error.field = Some("to".into());
            return Err(error);
        }
    };
    Ok(super::ssr::services()?.transfer_chat(&actor, &id, transfer).await?)
}

#[server(endpoint = "end_chat")]
pub async fn end_chat(id: String) -> Result<Ticket, AppError> {
    let actor = super::ssr::require_actor()?;
    Ok(super::ssr::services()?.end_chat(&actor, &id).await?)
}

/// Turns a chat into a follow-up ticket (pending).
#[server(endpoint = "convert_chat")]
pub async fn convert_chat(id: String) -> Result<Ticket, AppError> {
    let actor = super::ssr::require_actor()?;
    Ok(super::ssr::services()?.convert_chat_to_ticket(&actor, &id).await?)
}

/// Sets my availability and how many chats I take at once.
#[server(endpoint = "set_my_availability")]
pub async fn set_my_availability(availability: String, max_chats: String) -> Result<(), AppError> {
    let actor = super::ssr::require_actor()?;
    let field_error = |field: &str, code: &str, message: &str| {
        let mut error = AppError::new(code, message);
        error.field = Some(field.into());
        error
    };
    let availability = tidings::domain::live::Availability::parse(&availability)
        .ok_or_else(|| field_error("availability", "unknown_availability", "Choose online, away or offline."))?;
    let max_chats = match max_chats.trim() {
        "" => None,
        typed => Some(
            typed
                .parse::<u32>()
                .map_err(|_| field_error("max_chats", "invalid_max_chats", "Give a limit from 0 to 50."))?,
        ),
    };
    super::ssr::services()?.set_availability(&actor, availability, max_chats).await?;
    Ok(())
}
