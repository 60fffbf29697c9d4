//! A ticket's conversation, oldest first. For staff, timeline entries (status, assignment, priority changes) sit
//! between the messages, centred and small, so the thread tells the whole story.

use leptos::prelude::*;
use tidings::domain::{Message, TicketEvent};

use super::message_bubble::MessageBubble;
use crate::format::{date_time, iso};
use crate::i18n::{event_text, t, use_locale, TicketKey};

/// Messages and events in one time order.
enum Entry {
    Message(Box<Message>),
    Event(TicketEvent),
}

#[component]
pub fn TicketThread(
    messages: Vec<Message>,
    /// Timeline entries to interleave (empty for customers).
    #[prop(optional)]
    events: Vec<TicketEvent>,
    /// Whether the reader is staff: their side (the right) is staff messages, a customer's is their own.
    viewer_is_staff: bool,
    /// Offer split checkboxes on messages (agent workspace).
    #[prop(optional)]
    selectable: bool,
    /// Ids of people and teams with their names, for the timeline sentences.
    #[prop(optional)]
    names: Vec<(String, String)>,
) -> impl IntoView {
    let locale = use_locale();
    let mut entries: Vec<(chrono::DateTime<chrono::Utc>, Entry)> = messages
        .into_iter()
        .map(|message| (message.created_at, Entry::Message(Box::new(message))))
        .chain(
            events
                .into_iter()
                .filter(|event| event.kind != "created")
                .map(|event| (event.created_at, Entry::Event(event))),
        )
        .collect();
    // Stable: a message and the status change it caused keep their stored order.
    entries.sort_by_key(|(at, _)| *at);
    let name_of = move |id: &str| names.iter().find(|(known, _)| known == id).map(|(_, name)| name.clone());
    let items = entries
        .into_iter()
        .map(|(_, entry)| match entry {
            Entry::Message(message) => {
                let right = message.author.role.is_staff() == viewer_is_staff;
                view! { <MessageBubble message=*message right selectable /> }.into_any()
            }
            Entry::Event(event) => {
                let text = event_text(locale, &event, &name_of);
                view! {
                    <li class="flex justify-center">
                        <p class="rounded-full bg-slate-100 px-3 py-1 text-center text-xs text-slate-700">
                            {text} " · " <time datetime=iso(&event.created_at)>{date_time(&event.created_at)}</time>
                        </p>
                    </li>
                }
                .into_any()
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="thread-heading">
            <h2 id="thread-heading" class="sr-only">{t(locale, TicketKey::Conversation)}</h2>
            <ol class="space-y-3" id="thread">{items}</ol>
        </section>
    }
}
