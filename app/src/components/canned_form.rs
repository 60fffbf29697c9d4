//! Creating or editing a canned response: title, body and whether the whole team may use it.

use crate::text_edit::textarea_content;
use leptos::prelude::*;

use super::field_error::{described_by, FieldError};
use super::page_notice::QueryError;
use super::styles::{BUTTON_PRIMARY, CARD, ERROR_TEXT, H2, INPUT, LABEL, LINK};
use crate::i18n::{t, use_locale, AgentKey, TicketKey};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CannedFormValues {
    pub title: String,
    pub body: String,
    pub shared: bool,
}

#[component]
pub fn CannedForm(
    /// The response being edited; `None` creates a new one.
    editing: Option<String>,
    values: CannedFormValues,
    error: QueryError,
) -> impl IntoView {
    let locale = use_locale();
    let (heading, action, button) = match &editing {
        Some(id) => (AgentKey::EditCanned, format!("/agent/canned/{id}"), AgentKey::SaveChanges),
        None => (AgentKey::NewCanned, "/agent/canned".to_string(), AgentKey::CreateCanned),
    };
    let title_error = error.for_field("title");
    let body_error = error.for_field("body");
    // Also set as the property: a textarea re-rendered in the browser ignores new text content.
    let initial_text = values.body.clone();
    view! {
        <section aria-labelledby="canned-form-heading" class=CARD>
            <h2 id="canned-form-heading" class=H2>{t(locale, heading)}</h2>
            <form method="post" action=action novalidate id="canned-form" class="mt-3 space-y-3">
                <div class="space-y-1">
                    <label for="canned-title" class=LABEL>{t(locale, AgentKey::Title)}</label>
                    <input id="canned-title" name="title" type="text" value=values.title class=INPUT aria-invalid=title_error.is_some().then_some("true") aria-describedby=described_by("canned-title", &title_error) />
                    <FieldError id="canned-title" message=title_error />
                </div>
                <div class="space-y-1">
                    <label for="canned-body" class=LABEL>{t(locale, TicketKey::MessageLabel)}</label>
                    <textarea id="canned-body" prop:value=initial_text name="body" rows="6" class=INPUT aria-invalid=body_error.is_some().then_some("true") aria-describedby=described_by("canned-body", &body_error)>{textarea_content(&values.body)}</textarea>
                    <FieldError id="canned-body" message=body_error />
                </div>
                <label for="canned-shared" class="flex items-center gap-2 text-sm font-medium text-slate-800">
                    <input id="canned-shared" name="shared" type="checkbox" checked=values.shared class="h-4 w-4 rounded border-slate-400 text-indigo-600 focus-visible:ring-2 focus-visible:ring-indigo-600" />
                    {t(locale, AgentKey::ShareWithTeam)}
                </label>
                {error.general().map(|message| view! { <p id="canned-form-error" role="alert" class=ERROR_TEXT>{message}</p> })}
                <div class="flex items-center gap-3">
                    <button type="submit" class=BUTTON_PRIMARY>{t(locale, button)}</button>
                    {editing.is_some().then(|| view! { <a href="/agent/canned" class=format!("text-sm {LINK}")>{t(locale, TicketKey::Cancel)}</a> })}
                </div>
            </form>
        </section>
    }
}
