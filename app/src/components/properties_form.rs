//! The ticket's properties (status, priority, category, tags, team, assignee) as one form. Without JavaScript it
//! posts to `POST /agent/tickets/{id}/properties` with the Save button; with JavaScript every change is saved at
//! once through the `save_ticket_properties` server function, and the timeline refreshes.

use leptos::{html, prelude::*};
use tidings::domain::{Priority, Ticket, TicketStatus};

use super::field_error::{described_by, FieldError};
use super::styles::BUTTON_SECONDARY;
use crate::api::directory::Directory;
use crate::api::tickets::{SaveTicketProperties, TicketProperties};
use crate::catalog::{CATEGORIES, TICKET_TYPES};
use crate::components::page_notice::QueryError;
use crate::i18n::{
    app_error_text, category_label, priority_name, status_name, t, ticket_type_name, use_locale, TicketKey,
};

const CONTROL: &str = "block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 focus:border-indigo-600 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600 aria-[invalid=true]:border-red-700";
const SMALL_LABEL: &str = "block text-xs font-medium text-slate-700";

#[component]
pub fn PropertiesForm(
    ticket: Ticket,
    directory: Directory,
    /// Where the status may go from here (the current status is always offered too).
    allowed_statuses: Vec<TicketStatus>,
    /// Saves made with JavaScript; the page refreshes its timeline and header from it.
    save: ServerAction<SaveTicketProperties>,
    /// A refusal reported in the address (the no-JavaScript path).
    query_error: QueryError,
) -> impl IntoView {
    let locale = use_locale();
    let form = NodeRef::<html::Form>::new();
    let id = StoredValue::new(ticket.id.clone());
    let save_now = move || {
        if let Some(properties) = form.get().and_then(|form| read_form(&form)) {
            save.dispatch(SaveTicketProperties { id: id.get_value(), properties });
        }
    };
    let query_error = StoredValue::new(query_error);
    let error_for = move |field: &'static str| {
        Signal::derive(move || match save.value().get() {
            Some(Err(err)) => (err.field.as_deref() == Some(field)).then(|| app_error_text(locale, &err)),
            Some(Ok(_)) => None,
            None => query_error.with_value(|error| error.for_field(field)),
        })
    };

    let status = ticket.status;
    let mut statuses = vec![status];
    statuses.extend(allowed_statuses);
    let status_options = statuses
        .into_iter()
        .map(|s| view! { <option value=s.as_str() selected=s == status>{status_name(locale, s)}</option> })
        .collect_view();
    let priority_options = Priority::ALL
        .map(|p| view! { <option value=p.as_str() selected=p == ticket.priority>{priority_name(locale, p)}</option> });
    let ticket_type = ticket.ticket_type.clone().unwrap_or_default();
    let type_options = known_options(&TICKET_TYPES, &ticket_type, |ty| ticket_type_name(locale, ty));
    let category = ticket.category.clone().unwrap_or_default();
    let category_options = known_options(&CATEGORIES, &category, |c| category_label(locale, c));
    let team = ticket.team.as_ref().map(|team| team.id.clone()).unwrap_or_default();
    let team_options = directory
        .teams
        .iter()
        .map(|tm| view! { <option value=tm.id.clone() selected=tm.id == team>{tm.name.clone()}</option> })
        .collect_view();
    let assignee = ticket.assignee.as_ref().map(|a| a.id.clone()).unwrap_or_default();
    let assignee_options = directory
        .agents
        .iter()
        .map(|a| view! { <option value=a.id.clone() selected=a.id == assignee>{a.name.clone()}</option> })
        .collect_view();

    let field = move |id: &'static str, name: &'static str, label: &'static str, control: AnyView| {
        let error = error_for(name);
        view! {
            <div>
                <label for=id class=SMALL_LABEL>{label}</label>
                {control}
                {move || view! { <FieldError id=id message=error.get() /> }}
            </div>
        }
    };
    let invalid = move |name: &'static str| {
        let error = error_for(name);
        move || error.with(Option::is_some).then_some("true")
    };
    let described = move |id: &'static str, name: &'static str| {
        let error = error_for(name);
        move || described_by(id, &error.get())
    };

    view! {
        <section aria-labelledby="properties-heading" class="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h2 id="properties-heading" class="text-sm font-semibold text-slate-900">{t(locale, TicketKey::Properties)}</h2>
            <form
                method="post"
                action=format!("/agent/tickets/{}/properties", ticket.id)
                node_ref=form
                on:change=move |_| save_now()
                on:submit=move |ev| {
                    ev.prevent_default();
                    save_now();
                }
                id="properties-form"
                class="mt-3 space-y-2"
            >
                {field("prop-status", "status", t(locale, TicketKey::Status), view! {
                    <select id="prop-status" name="status" class=CONTROL aria-invalid=invalid("status") aria-describedby=described("prop-status", "status")>{status_options}</select>
                }.into_any())}
                {field("prop-priority", "priority", t(locale, TicketKey::Priority), view! {
                    <select id="prop-priority" name="priority" class=CONTROL aria-invalid=invalid("priority") aria-describedby=described("prop-priority", "priority")>{priority_options}</select>
                }.into_any())}
                {field("prop-type", "type", t(locale, TicketKey::Type), view! {
                    <select id="prop-type" name="type" class=CONTROL aria-invalid=invalid("type") aria-describedby=described("prop-type", "type")>
                        <option value="" selected=ticket_type.is_empty()>{t(locale, TicketKey::NoneChosen)}</option>
                        {type_options}
                    </select>
                }.into_any())}
                {field("prop-category", "category", t(locale, TicketKey::Category), view! {
                    <select id="prop-category" name="category" class=CONTROL aria-invalid=invalid("category") aria-describedby=described("prop-category", "category")>
                        <option value="" selected=category.is_empty()>{t(locale, TicketKey::NoneChosen)}</option>
                        {category_options}
                    </select>
                }.into_any())}
                {field("prop-tags", "tags", t(locale, TicketKey::Tags), view! {
                    <input id="prop-tags" name="tags" type="text" value=ticket.tags.join(", ") class=CONTROL aria-invalid=invalid("tags") aria-describedby=described("prop-tags", "tags") />
                }.into_any())}
                {field("prop-team", "team_id", t(locale, TicketKey::Team), view! {
                    <select id="prop-team" name="team_id" class=CONTROL aria-invalid=invalid("team_id") aria-describedby=described("prop-team", "team_id")>
                        <option value="" selected=team.is_empty()>{t(locale, TicketKey::NoneChosen)}</option>
                        {team_options}
                    </select>
                }.into_any())}
                {field("prop-assignee", "assignee_id", t(locale, TicketKey::Assignee), view! {
                    <select id="prop-assignee" name="assignee_id" class=CONTROL aria-invalid=invalid("assignee_id") aria-describedby=described("prop-assignee", "assignee_id")>
                        <option value="" selected=assignee.is_empty()>{t(locale, TicketKey::Unassigned)}</option>
                        {assignee_options}
                    </select>
                }.into_any())}
                <button type="submit" class=format!("w-full {BUTTON_SECONDARY}") id="properties-save">
                    {t(locale, TicketKey::Save)}
                </button>
            </form>
        </section>
    }
}

/// Options for the known values, plus the current one (selected) when it is none of them, so saving the form never
/// drops a value set elsewhere (REST, an import).
fn known_options(known: &[&str], current: &str, label: impl Fn(&str) -> String) -> impl IntoView {
    let mut values: Vec<String> = known.iter().map(|value| value.to_string()).collect();
    if !current.is_empty() && !values.iter().any(|value| value == current) {
        values.push(current.to_string());
    }
    values
        .into_iter()
        .map(|value| {
            let (selected, text) = (value == current, label(&value));
            view! { <option value=value selected=selected>{text}</option> }
        })
        .collect_view()
}

/// The form's current values (browser only).
fn read_form(form: &web_sys::HtmlFormElement) -> Option<TicketProperties> {
    let data = web_sys::FormData::new_with_form(form).ok()?;
    let value = |name: &str| data.get(name).as_string().unwrap_or_default();
    Some(TicketProperties {
        status: value("status"),
        priority: value("priority"),
        ticket_type: value("type"),
        category: value("category"),
        tags: value("tags"),
        team_id: value("team_id"),
        assignee_id: value("assignee_id"),
    })
}
