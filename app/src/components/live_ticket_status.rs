//! What the socket says about the ticket being worked on: who else has it open (the collision warning), who is
//! typing, and whether the last message was seen. Renders nothing until there is something to say.

use leptos::prelude::*;

use crate::i18n::{t, use_locale, ChatKey};
use crate::live::use_live;
use crate::session::use_current_user;

/// The signed-in user's id ("" while unknown), to leave myself out of viewers and typists.
pub fn my_id() -> Signal<String> {
    let user = use_current_user();
    Signal::derive(move || user.get().and_then(Result::ok).flatten().map(|user| user.id).unwrap_or_default())
}

/// "Ada and Ben": names joined for a sentence.
fn joined(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} & {last}", rest.join(", ")),
    }
}

/// The collision warning: others who have this ticket open.
#[component]
pub fn AlsoViewing(ticket_id: String) -> impl IntoView {
    let locale = use_locale();
    let live = use_live();
    let me = my_id();
    let others = Memo::new(move |_| live.model.with(|model| model.other_viewers(&ticket_id, &me.get())));
    view! {
        <div id="also-viewing" aria-live="polite">
            {move || {
                let names = others.get();
                (!names.is_empty()).then(|| view! {
                    <p class="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                        {t(locale, ChatKey::AlsoViewing)} " " <strong>{joined(&names)}</strong>
                    </p>
                })
            }}
        </div>
    }
}

/// "Carla is typing…" under the thread, and "Seen by Carla" when the last message was read.
#[component]
pub fn TypingAndSeen(ticket_id: String, last_message_id: Signal<Option<String>>) -> impl IntoView {
    let locale = use_locale();
    let live = use_live();
    let me = my_id();
    let typing_ticket = ticket_id.clone();
    let typists = Memo::new(move |_| live.model.with(|model| model.typists(&typing_ticket, &me.get())));
    let readers = Memo::new(move |_| {
        let Some(last) = last_message_id.get() else { return Vec::new() };
        live.model.with(|model| model.readers_of(&ticket_id, &last, &me.get()))
    });
    view! {
        <div class="min-h-5 space-y-1 text-sm text-slate-700">
            <p id="typing-indicator" aria-live="polite">
                {move || {
                    let names = typists.get();
                    let verb = if names.len() > 1 { ChatKey::AreTyping } else { ChatKey::IsTyping };
                    (!names.is_empty()).then(|| format!("{} {}", joined(&names), t(locale, verb)))
                }}
            </p>
            <p id="seen-by">
                {move || {
                    let names = readers.get();
                    (!names.is_empty()).then(|| format!("✓ {} {}", t(locale, ChatKey::SeenBy), joined(&names)))
                }}
            </p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::joined;

    #[test]
    fn names_read_as_a_list() {
        assert_eq!(joined(&[]), "");
        assert_eq!(joined(&["Ada".into()]), "Ada");
        assert_eq!(joined(&["Ada".into(), "Ben".into(), "Cem".into()]), "Ada, Ben & Cem");
    }
}
