//! `/portal/new`: a new request, posted as `multipart/form-data` to `POST /portal/tickets` (works without
//! JavaScript). Quick-issue links (`?quick=login`) prefill type, category, subject and description on the server;
//! a refused submission comes back as `?error=&field=` with the typed values, shown next to the field.

use crate::text_edit::textarea_content;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use tidings::domain::Action;

use crate::catalog::{quick_issue, CATEGORIES, CUSTOMER_TICKET_TYPES, QUICK_ISSUES};
use crate::components::context_share::ContextShare;
use crate::components::field_error::{described_by, FieldError};
use crate::components::page_notice::{use_query_error, QueryError};
use crate::components::role_guard::RequireRole;
use crate::components::styles::{BUTTON_PRIMARY, BUTTON_SECONDARY, CARD, ERROR_TEXT, H1, INPUT, LABEL, LINK, MUTED};
use crate::i18n::{category_label, quick_issue_texts, t, ticket_type_name, use_locale, Key, PortalKey, TicketKey};

/// The fields the form shows; an error naming another field is shown above the button.
const FIELDS: &[&str] = &["type", "category", "subject", "body", "files", "context"];

#[component]
pub fn PortalNewPage() -> impl IntoView {
    view! {
        <RequireRole action=Action::UseCustomerPortal>
            <NewRequest />
        </RequireRole>
    }
}

/// What the form starts with: a quick issue's template, or the values sent back after a refusal.
#[derive(Clone, Default, PartialEq)]
struct Prefill {
    ticket_type: String,
    category: String,
    subject: String,
    body: String,
}

#[component]
fn NewRequest() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let error = use_query_error(FIELDS);
    let prefill = Memo::new(move |_| {
        query.with(|q| {
            let mut prefill = Prefill {
                ticket_type: q.get("type").unwrap_or_default(),
                category: q.get("category").unwrap_or_default(),
                subject: q.get("subject").unwrap_or_default(),
                body: q.get("body").unwrap_or_default(),
            };
            if let Some(issue) = q.get("quick").and_then(|key| quick_issue(&key)) {
                let (_, subject, body) = quick_issue_texts(locale, issue.key);
                prefill = Prefill {
                    ticket_type: issue.ticket_type.to_string(),
                    category: issue.category.to_string(),
                    subject: subject.to_string(),
                    body: body.to_string(),
                };
            }
            prefill
        })
    });
    let quick_links = QUICK_ISSUES
        .into_iter()
        .map(|issue| {
            let (label, _, _) = quick_issue_texts(locale, issue.key);
            view! {
                <li>
                    <a href=format!("/portal/new?quick={}", issue.key) class=BUTTON_SECONDARY data-quick=issue.key>
                        {label}
                    </a>
                </li>
            }
        })
        .collect_view();

    view! {
        <Title text=t(locale, PortalKey::NewRequest) />
        <p class="text-sm">
            <a href="/portal" class=LINK>{format!("← {}", t(locale, Key::MyRequests))}</a>
        </p>
        <h1 class=format!("mt-2 {H1}")>{t(locale, PortalKey::NewRequest)}</h1>
        <p class=format!("mt-1 {MUTED}")>{t(locale, PortalKey::NewRequestIntro)}</p>
        <section aria-labelledby="quick-heading" class="mt-4">
            <h2 id="quick-heading" class="text-sm font-semibold text-slate-800">{t(locale, PortalKey::CommonRequests)}</h2>
            <ul class="mt-2 flex flex-wrap gap-2">{quick_links}</ul>
        </section>
        {move || view! { <RequestForm prefill=prefill.get() error=error.get() /> }}
    }
}

#[component]
fn RequestForm(prefill: Prefill, error: QueryError) -> impl IntoView {
    let locale = use_locale();
    let err = |field: &str| error.for_field(field);
    let (type_error, category_error, subject_error, body_error) =
        (err("type"), err("category"), err("subject"), err("body"));
    let files_error = err("files").or_else(|| err("context"));
    let refused = error.message.is_some();
    let type_options = CUSTOMER_TICKET_TYPES
        .into_iter()
        .map(|value| view! { <option value=value selected=prefill.ticket_type == value>{ticket_type_name(locale, value)}</option> })
        .collect_view();
    let category_options = CATEGORIES
        .into_iter()
        .map(|path| view! { <option value=path selected=prefill.category == path>{category_label(locale, path)}</option> })
        .collect_view();

    // Also set as the property: a textarea re-rendered in the browser ignores new text content.
    let initial_text = prefill.body.clone();
    view! {
        <form
            method="post"
            action="/portal/tickets"
            enctype="multipart/form-data"
            novalidate
            id="new-request-form"
            class=format!("mt-4 max-w-2xl space-y-4 {CARD}")
        >
            <div class="grid grid-cols-1 gap-4 sm:grid-cols-2">
                <div class="space-y-1">
                    <label for="ticket-type" class=LABEL>{t(locale, TicketKey::Type)}</label>
                    <select id="ticket-type" name="type" class=INPUT aria-invalid=type_error.is_some().then_some("true") aria-describedby=described_by("ticket-type", &type_error)>
                        <option value="" selected=prefill.ticket_type.is_empty()>{t(locale, TicketKey::ChooseOne)}</option>
                        {type_options}
                    </select>
                    <FieldError id="ticket-type" message=type_error />
                </div>
                <div class="space-y-1">
                    <label for="ticket-category" class=LABEL>{t(locale, TicketKey::Category)}</label>
                    <select id="ticket-category" name="category" class=INPUT aria-invalid=category_error.is_some().then_some("true") aria-describedby=described_by("ticket-category", &category_error)>
                        <option value="" selected=prefill.category.is_empty()>{t(locale, TicketKey::ChooseOne)}</option>
                        {category_options}
                    </select>
                    <FieldError id="ticket-category" message=category_error />
                </div>
            </div>
            <div class="space-y-1">
                <label for="ticket-subject" class=LABEL>{t(locale, TicketKey::Subject)}</label>
                <input id="ticket-subject" name="subject" type="text" required autocomplete="off" value=prefill.subject class=INPUT aria-invalid=subject_error.is_some().then_some("true") aria-describedby=described_by("ticket-subject", &subject_error) />
                <FieldError id="ticket-subject" message=subject_error />
            </div>
            <div class="space-y-1">
                <label for="ticket-body" class=LABEL>{t(locale, TicketKey::Description)}</label>
                <textarea id="ticket-body" prop:value=initial_text name="body" rows="8" required class=INPUT aria-invalid=body_error.is_some().then_some("true") aria-describedby=described_by("ticket-body", &body_error)>{textarea_content(&prefill.body)}</textarea>
                <FieldError id="ticket-body" message=body_error />
            </div>
            <div class="space-y-1">
                <label for="ticket-files" class=LABEL>{t(locale, TicketKey::Attachments)}</label>
                <input id="ticket-files" name="files" type="file" multiple class="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-50" aria-describedby=if files_error.is_some() { "ticket-files-error ticket-files-hint" } else { "ticket-files-hint" } />
                <p id="ticket-files-hint" class="text-xs text-slate-600">
                    {t(locale, if refused { TicketKey::AttachAgain } else { TicketKey::AttachHint })}
                </p>
                <FieldError id="ticket-files" message=files_error />
            </div>
            <ContextShare />
            {error.general().map(|message| view! { <p id="new-request-error" role="alert" class=ERROR_TEXT>{message}</p> })}
            <div class="flex items-center gap-3">
                <button type="submit" class=BUTTON_PRIMARY>{t(locale, PortalKey::SubmitRequest)}</button>
                <a href="/portal" class=LINK>{t(locale, TicketKey::Cancel)}</a>
            </div>
        </form>
    }
}
