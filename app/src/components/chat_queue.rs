//! The parts of `/agent/chats`: waiting chats (with wait time and Accept), my chats (Open, Transfer with a note,
//! End, Convert to ticket) and every agent's availability and load.

use leptos::prelude::*;
use tidings::domain::live::AgentLoad;
use tidings::domain::Ticket;

use super::styles::{BUTTON_PRIMARY, BUTTON_SECONDARY, CARD, ERROR_TEXT, H2, INPUT, LABEL, LINK, MUTED};
use crate::api::chats::{ChatBoard, WaitingChatRow};
use crate::api::AppError;
use crate::format::ticket_ref;
use crate::i18n::{app_error_text, availability_key, t, use_locale, wait_text, ChatKey};
use crate::routes::agent_chats::ChatActions;

/// The error of the last run of an action, as text.
fn failure<T, S>(value: S) -> Signal<Option<String>>
where
    S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    let locale = use_locale();
    Signal::derive(move || match value.get() {
        Some(Err(err)) => Some(app_error_text(locale, &err)),
        _ => None,
    })
}

#[component]
pub fn WaitingChats(waiting: Vec<WaitingChatRow>, now: RwSignal<f64>, actions: ChatActions) -> impl IntoView {
    let locale = use_locale();
    let error = failure(actions.accept.value());
    let empty = waiting.is_empty();
    let rows = waiting
        .into_iter()
        .map(|row| {
            let since_ms = row.waiting_since.timestamp_millis() as f64;
            let waited = move || wait_text(((now.get() - since_ms) / 1000.0) as i64);
            let label = format!("{} {}", t(locale, ChatKey::AcceptChat), ticket_ref(row.ticket.number));
            let (chat_id, accept_id) = (row.ticket.id.clone(), row.ticket.id.clone());
            view! {
                <li class="flex flex-wrap items-center justify-between gap-3 py-3" data-chat=chat_id>
                    <div class="min-w-0">
                        <p class="truncate text-sm font-medium text-slate-900">{row.ticket.requester.name.clone()}</p>
                        <p class="truncate text-sm text-slate-700">{row.ticket.subject.clone()}</p>
                        <p class=MUTED>{t(locale, ChatKey::WaitingFor)} " " <span class="chat-wait">{waited}</span></p>
                    </div>
                    <ActionForm action=actions.accept>
                        <input type="hidden" name="id" value=accept_id />
                        <button type="submit" class=BUTTON_PRIMARY aria-label=label disabled=move || actions.accept.pending().get()>
                            {t(locale, ChatKey::Accept)}
                        </button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    view! {
        <ChatList id="waiting-chats" title=ChatKey::Waiting empty=empty.then_some(ChatKey::NoneWaiting) error error_id="accept-error">
            {rows}
        </ChatList>
    }
}

/// A card with a heading, the last action's error, an empty-state line and the list.
#[component]
fn ChatList(
    /// The list's id; the heading is `<id>-heading`.
    id: &'static str,
    title: ChatKey,
    /// Shown instead of rows when there are none.
    empty: Option<ChatKey>,
    error: Signal<Option<String>>,
    error_id: &'static str,
    children: Children,
) -> impl IntoView {
    let locale = use_locale();
    let (heading, labelled_by) = (format!("{id}-heading"), format!("{id}-heading"));
    view! {
        <section aria-labelledby=labelled_by class=CARD>
            <h2 id=heading class=H2>{t(locale, title)}</h2>
            {move || error.get().map(|message| view! { <p id=error_id role="alert" class=ERROR_TEXT>{message}</p> })}
            {empty.map(|text| view! { <p class=format!("mt-2 {MUTED}")>{t(locale, text)}</p> })}
            <ul id=id class="divide-y divide-slate-100">{children()}</ul>
        </section>
    }
}

#[component]
pub fn MyChats(board: ChatBoard, actions: ChatActions) -> impl IntoView {
    let errors = [failure(actions.transfer.value()), failure(actions.end.value()), failure(actions.convert.value())];
    let error = Signal::derive(move || errors.iter().find_map(|error| error.get()));
    let empty = board.mine.is_empty();
    let rows = board
        .mine
        .iter()
        .map(|ticket| view! { <MyChatRow ticket=ticket.clone() board=board.clone() actions /> })
        .collect_view();
    view! {
        <ChatList id="my-chats" title=ChatKey::MyChats empty=empty.then_some(ChatKey::NoChatsOfMine) error error_id="chat-action-error">
            {rows}
        </ChatList>
    }
}

#[component]
fn MyChatRow(ticket: Ticket, board: ChatBoard, actions: ChatActions) -> impl IntoView {
    let locale = use_locale();
    let id = ticket.id.clone();
    let (end_id, convert_id, transfer_id, link) = (id.clone(), id.clone(), id.clone(), format!("/agent/tickets/{id}"));
    let (to_id, note_id) = (format!("transfer-to-{id}"), format!("transfer-note-{id}"));
    let colleagues = board.agents.iter().filter(|agent| agent.user_id != board.me).cloned().collect::<Vec<_>>();
    let teams = board.teams.clone();
    view! {
        <li class="space-y-3 py-4" data-chat=id>
            <div class="flex flex-wrap items-center justify-between gap-3">
                <div class="min-w-0">
                    <a href=link class=LINK>
                        {format!("{} {}", ticket_ref(ticket.number), ticket.requester.name)}
                    </a>
                    <p class="truncate text-sm text-slate-700">{ticket.subject.clone()}</p>
                </div>
                <div class="flex flex-wrap gap-2">
                    <ActionForm action=actions.end>
                        <input type="hidden" name="id" value=end_id />
                        <button type="submit" class=BUTTON_SECONDARY>{t(locale, ChatKey::EndChat)}</button>
                    </ActionForm>
                    <ActionForm action=actions.convert>
                        <input type="hidden" name="id" value=convert_id />
                        <button type="submit" class=BUTTON_SECONDARY>{t(locale, ChatKey::ConvertToTicket)}</button>
                    </ActionForm>
                </div>
            </div>
            <details class="rounded-md border border-slate-200 p-3">
                <summary class="cursor-pointer text-sm font-medium text-slate-800">{t(locale, ChatKey::Transfer)}</summary>
                <ActionForm action=actions.transfer attr:class="mt-3 space-y-3">
                    <input type="hidden" name="id" value=transfer_id />
                    <div class="space-y-1">
                        <label for=to_id.clone() class=LABEL>{t(locale, ChatKey::TransferTo)}</label>
                        <select id=to_id name="to" class=INPUT required>
                            <option value="">{t(locale, ChatKey::ChooseTarget)}</option>
                            <optgroup label=t(locale, ChatKey::Agents)>
                                {colleagues.into_iter().map(|agent| {
                                    let state = t(locale, availability_key(agent.availability));
                                    view! { <option value=format!("agent:{}", agent.user_id)>{format!("{} ({state})", agent.name)}</option> }
                                }).collect_view()}
                            </optgroup>
                            <optgroup label=t(locale, ChatKey::TeamQueues)>
                                {teams.into_iter().map(|team| view! { <option value=format!("team:{}", team.id)>{team.name}</option> }).collect_view()}
                            </optgroup>
                        </select>
                    </div>
                    <div class="space-y-1">
                        <label for=note_id.clone() class=LABEL>{t(locale, ChatKey::TransferNote)}</label>
                        <textarea id=note_id name="note" rows="2" class=INPUT></textarea>
                    </div>
                    <button type="submit" class=BUTTON_PRIMARY>{t(locale, ChatKey::Transfer)}</button>
                </ActionForm>
            </details>
        </li>
    }
}

#[component]
pub fn AgentLoadList(agents: Vec<AgentLoad>) -> impl IntoView {
    let locale = use_locale();
    let rows = agents
        .into_iter()
        .map(|agent| {
            let state = t(locale, availability_key(agent.availability));
            view! {
                <li class="flex items-center justify-between gap-2 py-2 text-sm">
                    <span class="font-medium text-slate-900">{agent.name}</span>
                    <span class="text-slate-700">{format!("{state} · {}/{}", agent.active_chats, agent.max_chats)}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="agents-heading" class=CARD>
            <h2 id="agents-heading" class=H2>{t(locale, ChatKey::Agents)}</h2>
            <ul class="mt-2 divide-y divide-slate-100">{rows}</ul>
        </section>
    }
}
