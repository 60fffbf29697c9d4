//! `/agent/tickets/:id`: the ticket workspace. Left: the thread (customer left, staff right, internal notes amber,
//! timeline entries centred) and the reply box. Right: requester, properties, activity, merge and split.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use tidings::domain::live::Topic;
use tidings::domain::{Action, Message, Ticket};

use crate::api::tickets::{get_ticket, load_ticket_workspace, ticket_events, SaveTicketProperties, TicketWorkspace};
use crate::components::activity_timeline::ActivityTimeline;
use crate::components::agent_nav::AgentNav;
use crate::components::agent_reply_form::AgentReplyForm;
use crate::components::article_suggestions::ArticleSuggestions;
use crate::components::live_ticket_status::{my_id, AlsoViewing, TypingAndSeen};
use crate::components::merge_split_forms::MergeSplitForms;
use crate::components::page_notice::{use_query_error, PageNotice};
use crate::components::properties_form::PropertiesForm;
use crate::components::requester_card::RequesterCard;
use crate::components::role_guard::RequireRole;
use crate::components::sla_panel::SlaPanel;
use crate::components::styles::{ERROR_TEXT, H1, LINK, MUTED};
use crate::components::ticket_badges::{PriorityBadge, StatusBadge};
use crate::components::ticket_thread::TicketThread;
use crate::components::triage_panel::TriagePanel;
use crate::format::{date_time, iso, ticket_ref};
use crate::i18n::{app_error_text, channel_name, t, use_locale, AgentKey, Key, TicketKey};
use crate::live::use_live;
use crate::routes::not_found::NotFoundPage;

/// Every field a form on this page reports errors for.
const FIELDS: &[&str] = &[
    "body",
    "files",
    "status",
    "priority",
    "category",
    "tags",
    "team_id",
    "assignee_id",
    "into_id",
    "id",
    "message_ids",
    "subject",
];

#[component]
pub fn AgentTicketPage() -> impl IntoView {
    view! {
        <RequireRole action=Action::UseAgentWorkspace>
            <Workspace />
        </RequireRole>
    }
}

#[component]
fn Workspace() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.with(|p| p.get("id")).unwrap_or_default();
    // "Insert" without JavaScript submits the reply form by GET: `?canned_id=…&insert=1`.
    let insert = move || query.with(|q| q.get("insert").and(q.get("canned_id")));
    let workspace = Resource::new(move || (id(), insert()), |(id, insert)| load_ticket_workspace(id, insert));
    // Listening to the ticket also tells colleagues that I have it open.
    use_live().watch(move || Some(Topic::Ticket(id())));
    view! {
        <AgentNav />
        <Transition fallback=move || view! { <p class=MUTED>{t(locale, Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match workspace.await {
                    Ok(workspace) => view! { <WorkspaceView workspace /> }.into_any(),
                    Err(err) if err.code == "not_found" => view! { <NotFoundPage /> }.into_any(),
                    Err(err) => view! { <p role="alert" class=ERROR_TEXT>{app_error_text(locale, &err)}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn WorkspaceView(workspace: TicketWorkspace) -> impl IntoView {
    let locale = use_locale();
    let TicketWorkspace {
        ticket,
        events,
        directory,
        allowed_statuses,
        profile,
        canned,
        inserted,
        reply_window,
        triage,
        suggested_articles,
    } = workspace;
    let query = use_query_map().get_untracked();
    let error = use_query_error(FIELDS).get_untracked();
    let save = ServerAction::<SaveTicketProperties>::new();
    let ticket_id = ticket.ticket.id.clone();
    let live = use_live();
    let changes = live.ticket_version({
        let ticket_id = ticket_id.clone();
        move || ticket_id.clone()
    });
    // Refetched after each save made with JavaScript and whenever the socket says the ticket changed; the first
    // render uses what the page loaded.
    let timeline = Resource::new(move || (save.version().get(), changes.get()), {
        let ticket_id = ticket_id.clone();
        let loaded = events.clone();
        move |versions| {
            let (ticket_id, loaded) = (ticket_id.clone(), loaded.clone());
            async move {
                if versions == (0, 0) {
                    Ok(loaded)
                } else {
                    ticket_events(ticket_id).await
                }
            }
        }
    });
    let thread = Resource::new(move || changes.get(), {
        let ticket_id = ticket_id.clone();
        let loaded = ticket.clone();
        move |version| {
            let (ticket_id, loaded) = (ticket_id.clone(), loaded.clone());
            async move {
                if version == 0 {
                    Ok(loaded)
                } else {
                    get_ticket(ticket_id).await
                }
            }
        }
    });
    let initial = ticket.ticket.clone();
    // The newest of: what the page loaded, what I saved, what the socket announced.
    let current = Signal::derive(move || {
        let saved = save.value().get().and_then(Result::ok);
        let heard = thread.get().and_then(Result::ok).map(|thread| thread.ticket);
        [saved, heard].into_iter().flatten().fold(initial.clone(), |newest, ticket| {
            if ticket.updated_at >= newest.updated_at {
                ticket
            } else {
                newest
            }
        })
    });
    let me = my_id();
    let messages = Signal::derive({
        let loaded = ticket.messages.clone();
        move || thread.get().and_then(Result::ok).map(|thread| thread.messages).unwrap_or_else(|| loaded.clone())
    });
    // Read receipts: I have read up to the last message the customer can see; they see whether my last reply was read.
    let last_public = move |mine: bool| {
        messages.with(|messages| {
            last_public_message(messages, |message| (message.author.id == me.get()) == mine).map(|m| m.id.clone())
        })
    };
    Effect::new({
        let ticket_id = ticket_id.clone();
        move |_| {
            if let Some(message_id) = last_public(false) {
                live.send_read(&ticket_id, &message_id);
            }
        }
    });
    let my_last_reply = Signal::derive(move || last_public(true));
    let saved_notice = Signal::derive(move || {
        matches!(save.value().get(), Some(Ok(_))).then(|| t(locale, TicketKey::ChangesSaved).to_string())
    });
    let names = directory.names();
    let typed = query.get("body").unwrap_or_default();
    let draft = match inserted {
        Some(text) if typed.trim().is_empty() => text,
        Some(text) => format!("{}\n\n{text}", typed.trim_end()),
        None => typed,
    };
    let internal = query.get("mode").as_deref() == Some("note");
    let subject = ticket.ticket.subject.clone();
    let initial_events = events.clone();
    let thread_events = events.clone();
    let timeline_names = names.clone();

    view! {
        <Title text=format!("{} {}", ticket_ref(ticket.ticket.number), subject) />
        <p class="text-sm"><a href="/agent/tickets" class=LINK>{format!("← {}", t(locale, AgentKey::Tickets))}</a></p>
        <div class="mt-2 grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
            <div class="min-w-0 space-y-4">
                <header>
                    <h1 class=H1>{subject.clone()}</h1>
                    {move || view! { <TicketMeta ticket=current.get() /> }}
                </header>
                <PageNotice live=saved_notice />
                <AlsoViewing ticket_id=ticket_id.clone() />
                <Transition fallback=move || ()>
                    {move || {
                        let (names, loaded_events) = (names.clone(), thread_events.clone());
                        Suspend::new(async move {
                            let events = timeline.await.unwrap_or(loaded_events);
                            let messages = match thread.await {
                                Ok(thread) => thread.messages,
                                Err(_) => messages.get_untracked(),
                            };
                            view! {
                                <TicketThread
                                    messages
                                    events
                                    viewer_is_staff=true
                                    selectable=true
                                    names
                                />
                            }
                        })
                    }}
                </Transition>
                <TypingAndSeen ticket_id=ticket_id.clone() last_message_id=my_last_reply />
                <AgentReplyForm ticket_id=ticket_id.clone() draft internal canned reply_window error=error.clone() />
            </div>
            <aside class="space-y-4" aria-label=t(locale, AgentKey::TicketDetails)>
                {move || view! { <SlaPanel sla=current.get().sla /> }}
                <RequesterCard
                    requester=ticket.ticket.requester.clone()
                    profile
                    ticket_id=ticket_id.clone()
                    context=ticket.ticket.context.clone()
                />
                <TriagePanel triage />
                <PropertiesForm ticket=ticket.ticket.clone() directory allowed_statuses save query_error=error.clone() />
                <ArticleSuggestions articles=suggested_articles />
                <Transition fallback=move || ()>
                    {move || {
                        let initial_events = initial_events.clone();
                        let names = timeline_names.clone();
                        Suspend::new(async move {
                            let events = timeline.await.unwrap_or(initial_events);
                            view! { <ActivityTimeline events names /> }
                        })
                    }}
                </Transition>
                <MergeSplitForms
                    ticket_id=ticket_id.clone()
                    error
                    into=query.get("into_id").unwrap_or_default()
                    subject=query.get("subject").unwrap_or_default()
                />
            </aside>
        </div>
    }
}

/// The last message the customer can see for which `pick` holds.
fn last_public_message(messages: &[Message], pick: impl Fn(&Message) -> bool) -> Option<&Message> {
    messages.iter().rev().find(|message| !message.internal && pick(message))
}

/// The line under the subject: number, status, priority, channel and when it was opened.
#[component]
fn TicketMeta(ticket: Ticket) -> impl IntoView {
    let locale = use_locale();
    view! {
        <p class=format!("mt-1 flex flex-wrap items-center gap-2 {MUTED}")>
            <span class="font-mono text-xs">{ticket_ref(ticket.number)}</span>
            <span id="ticket-status"><StatusBadge status=ticket.status /></span>
            <PriorityBadge priority=ticket.priority />
            <span>{channel_name(locale, ticket.channel)}</span>
            <span>
                {t(locale, TicketKey::Created)} " "
                <time datetime=iso(&ticket.created_at)>{date_time(&ticket.created_at)}</time>
            </span>
            {ticket.merged_into.map(|target| view! {
                <span id="merged-into">
                    {t(locale, AgentKey::MergedInto)} " "
                    <a href=format!("/agent/tickets/{}", target.id) class=LINK>{ticket_ref(target.number)}</a>
                </span>
            })}
            {ticket.split_from.map(|source| view! {
                <span id="split-from">
                    {t(locale, AgentKey::SplitFrom)} " "
                    <a href=format!("/agent/tickets/{}", source.id) class=LINK>{ticket_ref(source.number)}</a>
                </span>
            })}
        </p>
    }
}
