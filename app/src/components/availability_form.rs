//! My chat availability (online, away, offline) and how many chats I take at once.

use leptos::prelude::*;

use super::field_error::described_by;
use super::styles::{BUTTON_PRIMARY, CARD, ERROR_TEXT, H2, INPUT, LABEL, STATUS_TEXT};
use crate::api::chats::SetMyAvailability;
use crate::i18n::{app_error_text, availability_key, t, use_locale, ChatKey};
use tidings::domain::live::{AgentLoad, Availability};

#[component]
pub fn AvailabilityForm(me: Option<AgentLoad>, action: ServerAction<SetMyAvailability>) -> impl IntoView {
    let locale = use_locale();
    let current = me.as_ref().map(|me| me.availability).unwrap_or(Availability::Offline);
    let max_chats = me.as_ref().map(|me| me.max_chats).unwrap_or(3);
    let error = move |field: &'static str| {
        move || match action.value().get() {
            Some(Err(err)) if err.field.as_deref() == Some(field) => Some(app_error_text(locale, &err)),
            _ => None,
        }
    };
    let max_error = error("max_chats");
    let other_error = move || match action.value().get() {
        Some(Err(err)) if err.field.as_deref() != Some("max_chats") => Some(app_error_text(locale, &err)),
        _ => None,
    };
    let saved = move || matches!(action.value().get(), Some(Ok(()))).then(|| t(locale, ChatKey::Saved));
    view! {
        <section aria-labelledby="availability-heading" class=CARD>
            <h2 id="availability-heading" class=H2>{t(locale, ChatKey::MyAvailability)}</h2>
            <ActionForm action attr:class="mt-3 space-y-3" attr:novalidate=true>
                <div class="space-y-1">
                    <label for="availability" class=LABEL>{t(locale, ChatKey::Availability)}</label>
                    <select id="availability" name="availability" class=INPUT>
                        {Availability::ALL.into_iter().map(|choice| view! {
                            <option value=choice.as_str() selected=choice == current>{t(locale, availability_key(choice))}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="space-y-1">
                    <label for="max-chats" class=LABEL>{t(locale, ChatKey::MaxChats)}</label>
                    <input
                        id="max-chats"
                        name="max_chats"
                        type="number"
                        min="0"
                        max="50"
                        value=max_chats.to_string()
                        class=INPUT
                        aria-invalid=move || max_error().map(|_| "true")
                        aria-describedby=move || described_by("max-chats", &max_error())
                    />
                    {move || max_error().map(|message| view! { <p id="max-chats-error" role="alert" class=ERROR_TEXT>{message}</p> })}
                </div>
                {move || other_error().map(|message| view! { <p id="availability-error" role="alert" class=ERROR_TEXT>{message}</p> })}
                <button type="submit" class=BUTTON_PRIMARY id="save-availability">{t(locale, ChatKey::Save)}</button>
                <p role="status" class=STATUS_TEXT>{saved}</p>
            </ActionForm>
        </section>
    }
}
