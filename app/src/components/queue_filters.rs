//! The queue's filter form: a GET form to `/agent/tickets`, so every filter is a URL and works without
//! JavaScript. A filter the service refuses (422) is explained under that filter.

use leptos::prelude::*;
use tidings::domain::{Channel, Priority, TicketStatus};

use super::field_error::{described_by, FieldError};
use super::styles::{BUTTON_PRIMARY, LINK};
use crate::api::directory::Directory;
use crate::api::AppError;
use crate::catalog::{CATEGORIES, OPEN_STATUSES, TICKET_TYPES};
use crate::i18n::{
    app_error_text, category_label, channel_name, priority_name, status_name, t, ticket_type_name, use_locale,
    AgentKey, SlaKey, TicketKey,
};
use crate::ticket_query::TicketListQuery;

const CONTROL: &str = "block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 focus:border-indigo-600 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600 aria-[invalid=true]:border-red-700";
const SMALL_LABEL: &str = "block text-xs font-medium text-slate-700";

#[component]
pub fn QueueFilters(
    filters: TicketListQuery,
    directory: Directory,
    /// The list's refusal, if the service refused a filter.
    error: Option<AppError>,
) -> impl IntoView {
    let locale = use_locale();
    let message_for = |field: &str| {
        error.as_ref().filter(|err| err.field.as_deref() == Some(field)).map(|err| app_error_text(locale, err))
    };
    let current = |key: &str| filters.get(key).unwrap_or_default().to_string();
    let option = move |value: String, label: String, selected: &str| {
        let is_selected = value == selected;
        view! { <option value=value selected=is_selected>{label}</option> }
    };

    let status = current("status");
    let mut status_options = vec![
        option(String::new(), t(locale, AgentKey::AnyStatus).to_string(), &status),
        option(OPEN_STATUSES.to_string(), t(locale, AgentKey::OpenWork).to_string(), &status),
    ];
    status_options
        .extend(TicketStatus::ALL.map(|s| option(s.as_str().to_string(), status_name(locale, s).to_string(), &status)));
    let priority = current("priority");
    let mut priority_options = vec![option(String::new(), t(locale, AgentKey::AnyPriority).to_string(), &priority)];
    priority_options
        .extend(Priority::ALL.map(|p| option(p.as_str().to_string(), priority_name(locale, p).to_string(), &priority)));
    let assignee = current("assignee");
    let mut assignee_options = vec![
        option(String::new(), t(locale, AgentKey::Anyone).to_string(), &assignee),
        option("me".into(), t(locale, AgentKey::Me).to_string(), &assignee),
        option("none".into(), t(locale, TicketKey::Unassigned).to_string(), &assignee),
    ];
    assignee_options.extend(directory.agents.iter().map(|a| option(a.id.clone(), a.name.clone(), &assignee)));
    let team = current("team");
    let mut team_options = vec![option(String::new(), t(locale, AgentKey::AnyTeam).to_string(), &team)];
    team_options.extend(directory.teams.iter().map(|tm| option(tm.id.clone(), tm.name.clone(), &team)));
    let channel = current("channel");
    let mut channel_options = vec![option(String::new(), t(locale, AgentKey::AnyChannel).to_string(), &channel)];
    channel_options
        .extend(Channel::ALL.map(|c| option(c.as_str().to_string(), channel_name(locale, c).to_string(), &channel)));
    let category = current("category");
    let mut category_options = vec![option(String::new(), t(locale, AgentKey::AnyCategory).to_string(), &category)];
    category_options.extend(CATEGORIES.map(|c| option(c.to_string(), category_label(locale, c), &category)));
    let ticket_type = current("type");
    let mut type_options = vec![option(String::new(), t(locale, AgentKey::AnyType).to_string(), &ticket_type)];
    type_options.extend(TICKET_TYPES.map(|ty| option(ty.to_string(), ticket_type_name(locale, ty), &ticket_type)));

    let select = move |id: &'static str, name: &'static str, label: &'static str, options: Vec<_>| {
        let message = message_for(name);
        view! {
            <div>
                <label for=id class=SMALL_LABEL>{label}</label>
                <select id=id name=name class=CONTROL aria-invalid=message.is_some().then_some("true") aria-describedby=described_by(id, &message)>
                    {options}
                </select>
                <FieldError id=id message />
            </div>
        }
    };
    let input = move |id: &'static str, name: &'static str, label: &'static str, kind: &'static str, value: String| {
        let message = message_for(name);
        view! {
            <div>
                <label for=id class=SMALL_LABEL>{label}</label>
                <input id=id name=name type=kind value=value class=CONTROL aria-invalid=message.is_some().then_some("true") aria-describedby=described_by(id, &message) />
                <FieldError id=id message />
            </div>
        }
    };
    let sort_error = message_for("sort");

    view! {
        <form method="get" action="/agent/tickets" role="search" aria-label=t(locale, AgentKey::FilterTickets) id="queue-filters" class="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
            <div class="grid grid-cols-2 gap-x-3 gap-y-2 md:grid-cols-4 lg:grid-cols-6">
                <div class="col-span-2">{input("filter-q", "q", t(locale, AgentKey::Search), "search", current("q"))}</div>
                {select("filter-status", "status", t(locale, TicketKey::Status), status_options)}
                {select("filter-priority", "priority", t(locale, TicketKey::Priority), priority_options)}
                {select("filter-assignee", "assignee", t(locale, TicketKey::Assignee), assignee_options)}
                {select("filter-team", "team", t(locale, TicketKey::Team), team_options)}
                {input("filter-tag", "tag", t(locale, AgentKey::Tag), "text", current("tag"))}
                {select("filter-channel", "channel", t(locale, TicketKey::Channel), channel_options)}
                {select("filter-category", "category", t(locale, TicketKey::Category), category_options)}
                {select("filter-type", "type", t(locale, TicketKey::Type), type_options)}
                {input("filter-created-from", "created_from", t(locale, AgentKey::CreatedFrom), "date", current("created_from"))}
                {input("filter-created-to", "created_to", t(locale, AgentKey::CreatedTo), "date", current("created_to"))}
                {input("filter-resolved-from", "resolved_from", t(locale, AgentKey::ResolvedFrom), "date", current("resolved_from"))}
                {input("filter-resolved-to", "resolved_to", t(locale, AgentKey::ResolvedTo), "date", current("resolved_to"))}
            </div>
            {filters.sort.clone().map(|sort| view! { <input type="hidden" name="sort" value=sort /> })}
            <FieldError id="filter-sort" message=sort_error />
            <div class="mt-3 flex items-center gap-3">
                <button type="submit" class=BUTTON_PRIMARY>{t(locale, TicketKey::ApplyFilters)}</button>
                <a href="/agent/tickets" class=format!("text-sm {LINK}")>{t(locale, AgentKey::ClearFilters)}</a>
                <a
                    href=filters.with_sort("due").href("/agent/tickets", 1)
                    id="sort-due"
                    aria-current=(filters.sort.as_deref() == Some("due")).then_some("true")
                    class=format!("text-sm {LINK} aria-[current=true]:underline")
                >
                    {t(locale, SlaKey::DueSoonest)}
                </a>
            </div>
        </form>
    }
}
