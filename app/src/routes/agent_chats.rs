//! `/agent/chats`: the live chat queue. Waiting chats with how long each visitor has waited (accept takes one and
//! opens it), my chats (transfer with a note, end, convert to a follow-up ticket), and my availability. The page
//! follows the `inbox` and `agents` topics, so a new chat or a colleague taking one shows up without a reload.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;
use tidings::domain::live::Topic;
use tidings::domain::Action;

use crate::api::chats::{load_chat_board, AcceptChat, ConvertChat, EndChat, SetMyAvailability, TransferChat};
use crate::components::agent_nav::AgentNav;
use crate::components::availability_form::AvailabilityForm;
use crate::components::chat_queue::{AgentLoadList, MyChats, WaitingChats};
use crate::components::role_guard::RequireRole;
use crate::components::styles::{ERROR_TEXT, H1, MUTED};
use crate::i18n::{app_error_text, t, use_locale, ChatKey, Key};
use crate::live::{now_ms, use_live};

/// How often the wait times move on.
const CLOCK_TICK_MS: u64 = 15_000;

#[component]
pub fn AgentChatsPage() -> impl IntoView {
    view! {
        <RequireRole action=Action::UseAgentWorkspace>
            <ChatsBoard />
        </RequireRole>
    }
}

/// The actions of the page, shared by its parts.
#[derive(Clone, Copy)]
pub struct ChatActions {
    pub accept: ServerAction<AcceptChat>,
    pub transfer: ServerAction<TransferChat>,
    pub end: ServerAction<EndChat>,
    pub convert: ServerAction<ConvertChat>,
    pub availability: ServerAction<SetMyAvailability>,
}

impl ChatActions {
    fn new() -> ChatActions {
        ChatActions {
            accept: ServerAction::new(),
            transfer: ServerAction::new(),
            end: ServerAction::new(),
            convert: ServerAction::new(),
            availability: ServerAction::new(),
        }
    }

    /// Changes after any of them finished.
    fn versions(self) -> usize {
        self.accept.version().get()
            + self.transfer.version().get()
            + self.end.version().get()
            + self.convert.version().get()
            + self.availability.version().get()
    }
}

#[component]
fn ChatsBoard() -> impl IntoView {
    let locale = use_locale();
    let live = use_live();
    live.watch(|| Some(Topic::Inbox));
    live.watch(|| Some(Topic::Agents));
    let (inbox, agents) = (live.inbox_version(), live.agents_version());
    let actions = ChatActions::new();
    let board = Resource::new(move || (inbox.get(), agents.get(), actions.versions()), |_| load_chat_board());

    // Accepting a chat opens it.
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(ticket)) = actions.accept.value().get() {
            navigate(&format!("/agent/tickets/{}", ticket.id), Default::default());
        }
    });
    let now = RwSignal::new(now_ms());
    Effect::new(move |_| {
        let tick = std::time::Duration::from_millis(CLOCK_TICK_MS);
        let handle = set_interval_with_handle(move || now.set(now_ms()), tick).ok();
        on_cleanup(move || {
            if let Some(handle) = handle {
                handle.clear();
            }
        });
    });

    view! {
        <Title text=t(locale, ChatKey::Chats) />
        <AgentNav />
        <h1 class=H1>{t(locale, ChatKey::Chats)}</h1>
        <p class=format!("mt-1 {MUTED}")>{t(locale, ChatKey::ChatsIntro)}</p>
        <Transition fallback=move || view! { <p class=MUTED>{t(locale, Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match board.await {
                    Ok(board) => {
                        let me = board.my_load().cloned();
                        view! {
                            <div class="mt-4 grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
                                <div class="min-w-0 space-y-6">
                                    <WaitingChats waiting=board.waiting.clone() now actions />
                                    <MyChats board=board.clone() actions />
                                </div>
                                <aside class="space-y-6" aria-label=t(locale, ChatKey::Availability)>
                                    <AvailabilityForm me action=actions.availability />
                                    <AgentLoadList agents=board.agents.clone() />
                                </aside>
                            </div>
                        }
                        .into_any()
                    }
                    Err(err) => view! { <p role="alert" class=ERROR_TEXT>{app_error_text(locale, &err)}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}
