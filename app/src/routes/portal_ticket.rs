//! `/portal/tickets/:id`: one of the customer's requests: its public thread (the service never hands internal
//! notes to customers), its status, and a reply box with attachments posting to
//! `POST /portal/tickets/{id}/messages`. Another customer's ticket, or one that does not exist, is the not-found
//! page with HTTP 404.

use crate::text_edit::textarea_content;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use tidings::domain::{Action, TicketStatus, TicketWithMessages};

use crate::api::tickets::get_ticket;
use crate::components::field_error::{described_by, FieldError};
use crate::components::page_notice::{use_query_error, PageNotice};
use crate::components::role_guard::RequireRole;
use crate::components::styles::{BUTTON_PRIMARY, CARD, ERROR_TEXT, H1, INPUT, LABEL, LINK, MUTED};
use crate::components::ticket_badges::StatusBadge;
use crate::components::ticket_thread::TicketThread;
use crate::format::{date_time, iso, ticket_ref};
use crate::i18n::{app_error_text, t, use_locale, Key, PortalKey, TicketKey};
use crate::routes::not_found::NotFoundPage;

const FIELDS: &[&str] = &["body", "files"];

#[component]
pub fn PortalTicketPage() -> impl IntoView {
    view! {
        <RequireRole action=Action::UseCustomerPortal>
            <MyRequest />
        </RequireRole>
    }
}

#[component]
fn MyRequest() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id")).unwrap_or_default();
    let ticket = Resource::new(id, get_ticket);
    view! {
        <Transition fallback=move || view! { <p class=MUTED>{t(locale, Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match ticket.await {
                    Ok(ticket) => view! { <RequestView ticket /> }.into_any(),
                    Err(err) if err.code == "not_found" => view! { <NotFoundPage /> }.into_any(),
                    Err(err) => view! { <p role="alert" class=ERROR_TEXT>{app_error_text(locale, &err)}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn RequestView(ticket: TicketWithMessages) -> impl IntoView {
    let locale = use_locale();
    let TicketWithMessages { ticket, messages } = ticket;
    let closed = ticket.status == TicketStatus::Closed;
    let title = format!("{} {}", ticket_ref(ticket.number), ticket.subject);
    view! {
        <Title text=title />
        <p class="text-sm">
            <a href="/portal" class=LINK>{format!("← {}", t(locale, Key::MyRequests))}</a>
        </p>
        <header class="mt-2">
            <h1 class=H1>{ticket.subject.clone()}</h1>
            <p class=format!("mt-1 flex flex-wrap items-center gap-2 {MUTED}")>
                <span class="font-mono text-xs">{ticket_ref(ticket.number)}</span>
                <span id="ticket-status"><StatusBadge status=ticket.status /></span>
                <span>
                    {t(locale, TicketKey::Created)} " "
                    <time datetime=iso(&ticket.created_at)>{date_time(&ticket.created_at)}</time>
                </span>
            </p>
        </header>
        <PageNotice />
        <div class="mt-4 max-w-3xl space-y-6">
            <TicketThread messages viewer_is_staff=false />
            {if closed {
                view! {
                    <p class=format!("text-center {CARD} {MUTED}")>
                        {t(locale, PortalKey::ClosedNotice)} " "
                        <a href="/portal/new" class=LINK>{t(locale, PortalKey::NewRequest)}</a>
                    </p>
                }
                    .into_any()
            } else {
                view! { <CustomerReplyForm ticket_id=ticket.id.clone() /> }.into_any()
            }}
        </div>
    }
}

#[component]
fn CustomerReplyForm(ticket_id: String) -> impl IntoView {
    let locale = use_locale();
    let error = use_query_error(FIELDS).get_untracked();
    let draft = use_query_map().with_untracked(|q| q.get("body")).unwrap_or_default();
    let body_error = error.for_field("body");
    let files_error = error.for_field("files");
    // Also set as the property: a textarea re-rendered in the browser ignores new text content.
    let initial_text = draft.clone();
    view! {
        <form
            method="post"
            action=format!("/portal/tickets/{ticket_id}/messages")
            enctype="multipart/form-data"
            novalidate
            id="reply-form"
            class=format!("space-y-3 {CARD}")
        >
            <div class="space-y-1">
                <label for="reply-body" class=LABEL>{t(locale, PortalKey::YourReply)}</label>
                <textarea id="reply-body" prop:value=initial_text name="body" rows="5" required class=INPUT aria-invalid=body_error.is_some().then_some("true") aria-describedby=described_by("reply-body", &body_error)>{textarea_content(&draft)}</textarea>
                <FieldError id="reply-body" message=body_error />
            </div>
            <div class="space-y-1">
                <label for="reply-files" class=LABEL>{t(locale, TicketKey::AttachFiles)}</label>
                <input id="reply-files" name="files" type="file" multiple class="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800" aria-invalid=files_error.is_some().then_some("true") aria-describedby=described_by("reply-files", &files_error) />
                <FieldError id="reply-files" message=files_error />
            </div>
            {error.general().map(|message| view! { <p id="reply-error" role="alert" class=ERROR_TEXT>{message}</p> })}
            <button type="submit" class=BUTTON_PRIMARY>{t(locale, PortalKey::SendReply)}</button>
        </form>
    }
}
