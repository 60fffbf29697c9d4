//! The agent's reply box: Reply / Internal note as radio buttons, the message, files, and "Send" or "Send and
//! resolve". It is a multipart form posting to `POST /agent/tickets/{id}/messages`, so it works without
//! JavaScript; with JavaScript the box turns amber while an internal note is being written.

use crate::text_edit::textarea_content;
use leptos::{html, prelude::*};
use tidings::domain::whatsapp_template::ReplyWindow;
use tidings::domain::CannedResponse;

use super::canned_picker::CannedPicker;
use super::field_error::{described_by, FieldError};
use super::page_notice::QueryError;
use super::styles::{BUTTON_PRIMARY, BUTTON_SECONDARY, ERROR_TEXT, LABEL};
use crate::format::{date_time, iso};
use crate::i18n::{t, use_locale, AgentKey, TicketKey};
use crate::live::{now_ms, use_live};

/// At most one typing frame per this many milliseconds while the agent types.
const TYPING_EVERY_MS: f64 = 3_000.0;

const FILE_INPUT: &str = "block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800";

#[component]
pub fn AgentReplyForm(
    ticket_id: String,
    /// The draft to start with (after an "Insert" without JavaScript, or a refused send).
    draft: String,
    /// `note` to start in internal-note mode.
    internal: bool,
    /// The canned responses offered in the picker.
    canned: Vec<CannedResponse>,
    /// On a WhatsApp conversation: the 24-hour window and the approved templates.
    reply_window: Option<ReplyWindow>,
    error: QueryError,
) -> impl IntoView {
    let template_error = error.for_field("template");
    let window = reply_window.map(|window| view! { <WhatsappWindow window error=template_error /> });
    let locale = use_locale();
    let note = RwSignal::new(internal);
    let body = NodeRef::<html::Textarea>::new();
    let body_error = error.for_field("body");
    let files_error = error.for_field("files");
    let box_class = move || {
        let tone = if note.get() {
            "border-amber-400 bg-amber-50 focus:border-amber-600"
        } else {
            "border-slate-300 bg-white focus:border-indigo-600"
        };
        format!("block w-full rounded-md border px-3 py-2 text-sm text-slate-900 shadow-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600 aria-[invalid=true]:border-red-700 {tone}")
    };
    // "Agent is typing…" for the customer; never while writing an internal note.
    let live = use_live();
    let last_typing = StoredValue::new(0.0_f64);
    let typing_ticket = ticket_id.clone();
    let on_type = move |_| {
        let now = now_ms();
        if !note.get_untracked() && now - last_typing.get_value() > TYPING_EVERY_MS {
            last_typing.set_value(now);
            live.send_typing(&typing_ticket);
        }
    };
    let radio = "h-4 w-4 border-slate-400 text-indigo-600 focus-visible:ring-2 focus-visible:ring-indigo-600";

    // Also set as the property: a textarea re-rendered in the browser ignores new text content.
    let initial_text = draft.clone();
    view! {
        <section aria-labelledby="reply-heading" class="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h2 id="reply-heading" class="sr-only">{t(locale, TicketKey::ReplyBox)}</h2>
            <form
                method="post"
                action=format!("/agent/tickets/{ticket_id}/messages")
                enctype="multipart/form-data"
                novalidate
                id="agent-reply-form"
                class="space-y-3"
            >
                <fieldset class="flex flex-wrap items-center gap-4">
                    <legend class="sr-only">{t(locale, TicketKey::ReplyType)}</legend>
                    <label for="mode-reply" class="inline-flex items-center gap-2 text-sm font-medium text-slate-800">
                        <input type="radio" id="mode-reply" name="mode" value="reply" checked=!internal class=radio on:change=move |_| note.set(false) />
                        {t(locale, TicketKey::Reply)}
                    </label>
                    <label for="mode-note" class="inline-flex items-center gap-2 text-sm font-medium text-slate-800">
                        <input type="radio" id="mode-note" name="mode" value="note" checked=internal class=radio on:change=move |_| note.set(true) />
                        {t(locale, TicketKey::InternalNote)}
                    </label>
                </fieldset>
                {window}
                <CannedPicker ticket_id=ticket_id.clone() responses=canned body />
                <div class="space-y-1">
                    <label for="agent-reply-body" class=LABEL>{t(locale, TicketKey::MessageLabel)}</label>
                    <textarea id="agent-reply-body" prop:value=initial_text name="body" rows="6" node_ref=body on:input=on_type class=box_class aria-invalid=body_error.is_some().then_some("true") aria-describedby=described_by("agent-reply-body", &body_error)>{textarea_content(&draft)}</textarea>
                    <FieldError id="agent-reply-body" message=body_error />
                    <p class="text-xs text-amber-900" class:hidden=move || !note.get()>{t(locale, TicketKey::NoteHint)}</p>
                </div>
                <div class="space-y-1">
                    <label for="agent-reply-files" class=LABEL>{t(locale, TicketKey::AttachFiles)}</label>
                    <input id="agent-reply-files" name="files" type="file" multiple class=FILE_INPUT aria-invalid=files_error.is_some().then_some("true") aria-describedby=described_by("agent-reply-files", &files_error) />
                    <FieldError id="agent-reply-files" message=files_error />
                </div>
                {error.general().map(|message| view! { <p id="agent-reply-error" role="alert" class=ERROR_TEXT>{message}</p> })}
                <div class="flex flex-wrap items-center gap-2">
                    <button type="submit" name="intent" value="send" class=BUTTON_PRIMARY id="send-reply">{t(locale, TicketKey::Send)}</button>
                    <button type="submit" name="intent" value="resolve" class=BUTTON_SECONDARY id="send-resolve">{t(locale, TicketKey::SendAndResolve)}</button>
                </div>
            </form>
        </section>
    }
}

/// Until when free-form WhatsApp replies are allowed; once the window has closed, the notice that says so and the
/// approved templates to choose from (the body is then the template's text).
#[component]
fn WhatsappWindow(window: ReplyWindow, error: Option<String>) -> impl IntoView {
    let locale = use_locale();
    if window.open {
        let until = window.closes_at.map(|at| view! { " " <time datetime=iso(&at)>{date_time(&at)}</time> });
        return view! { <p id="whatsapp-window" data-open="true" class="text-xs text-slate-600">{t(locale, AgentKey::WindowOpenUntil)}{until}</p> }
            .into_any();
    }
    let picker = if window.templates.is_empty() {
        view! { <p class="text-xs text-slate-700">{t(locale, AgentKey::NoTemplatesConfigured)}</p> }.into_any()
    } else {
        let options = window
            .templates
            .into_iter()
            .map(|template| view! { <option value=template.key()>{format!("{} ({}): {}", template.name, template.language, template.text)}</option> })
            .collect_view();
        view! {
            <label for="agent-reply-template" class=LABEL>{t(locale, AgentKey::Template)}</label>
            <select id="agent-reply-template" name="template" class="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900" aria-invalid=error.is_some().then_some("true") aria-describedby=described_by("agent-reply-template", &error)>
                <option value="">{t(locale, AgentKey::NoTemplate)}</option>
                {options}
            </select>
            <FieldError id="agent-reply-template" message=error />
        }
        .into_any()
    };
    view! {
        <div class="space-y-1 rounded-md border border-amber-300 bg-amber-50 p-3">
            <p id="whatsapp-window" data-open="false" class="text-sm text-amber-900">{t(locale, AgentKey::WindowClosed)}</p>
            {picker}
        </div>
    }
    .into_any()
}
