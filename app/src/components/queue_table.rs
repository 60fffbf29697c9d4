//! The queue's table inside the bulk-action form: a checkbox per row (`ids`), the bulk selects (assign to, set
//! status) and a button, posted to `POST /agent/tickets/bulk`, which comes back to this same queue address with a
//! status line. Column headers are links that toggle the sort.

use leptos::prelude::*;
use tidings::domain::sla::{SlaClockView, SlaState, TicketSla};
use tidings::domain::{Ticket, TicketStatus};

use super::field_error::FieldError;
use super::link_pager::LinkPager;
use super::sla_panel::SlaStateBadge;
use super::styles::{BUTTON_SECONDARY, CARD, MUTED};
use super::ticket_badges::{PriorityBadge, StatusBadge};
use crate::api::directory::Directory;
use crate::api::tickets::TicketPage;
use crate::catalog::{SortColumn, DEFAULT_SORT};
use crate::format::{date_time, iso, ticket_ref};
use crate::i18n::{due_short, select_ticket_label, status_name, t, use_locale, AgentKey, SlaKey, TicketKey};
use crate::ticket_query::TicketListQuery;

const HEAD: &str = "whitespace-nowrap px-3 py-2 text-left text-xs font-semibold text-slate-700";
const CELL: &str = "whitespace-nowrap px-3 py-2 text-sm text-slate-800";
const BULK_SELECT: &str = "rounded-md border border-slate-300 bg-white py-1.5 pl-2 pr-8 text-sm text-slate-900 focus:border-indigo-600 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600";

#[component]
pub fn QueueTable(
    listed: TicketPage,
    filters: TicketListQuery,
    directory: Directory,
    /// The bulk form's refusal from `?error=` (e.g. nothing selected).
    bulk_error: Option<String>,
) -> impl IntoView {
    let locale = use_locale();
    if listed.items.is_empty() {
        let message = if filters.is_filtered() { AgentKey::NoMatchingTickets } else { AgentKey::NoTicketsYet };
        return view! { <p id="queue-empty" class=format!("mt-4 text-center {CARD} {MUTED}")>{t(locale, message)}</p> }
            .into_any();
    }
    let here = filters.href("/agent/tickets", listed.page);
    let sort = filters.sort.clone().unwrap_or_else(|| DEFAULT_SORT.to_string());
    let header = |column: SortColumn, label: &'static str| {
        let href = filters.with_sort(column.next_sort(&sort)).href("/agent/tickets", 1);
        let arrow = match column.aria_sort(&sort) {
            Some("ascending") => " ↑",
            Some(_) => " ↓",
            None => "",
        };
        view! {
            <th scope="col" class=HEAD aria-sort=column.aria_sort(&sort)>
                <a href=href class="rounded-sm hover:text-indigo-800 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600" data-sort=column.sorts().0>
                    {label}
                    <span aria-hidden="true">{arrow}</span>
                </a>
            </th>
        }
    };
    let pages = listed.pages();
    let rows = listed.items.into_iter().map(|ticket| view! { <QueueRow ticket /> }).collect_view();
    let assign_options = directory
        .agents
        .iter()
        .map(|agent| view! { <option value=agent.id.clone()>{agent.name.clone()}</option> })
        .collect_view();
    let team_options = directory
        .teams
        .iter()
        .map(|team| view! { <option value=team.id.clone()>{team.name.clone()}</option> })
        .collect_view();
    let status_options = [TicketStatus::Open, TicketStatus::Pending, TicketStatus::Resolved, TicketStatus::Closed]
        .map(|status| view! { <option value=status.as_str()>{status_name(locale, status)}</option> });
    let page_filters = filters.clone();

    view! {
        <form method="post" action="/agent/tickets/bulk" id="bulk-form" class="mt-4">
            <input type="hidden" name="return_to" value=here />
            <fieldset class="flex flex-wrap items-end gap-3 rounded-t-lg border border-b-0 border-slate-200 bg-slate-50 px-3 py-2">
                <legend class="sr-only">{t(locale, AgentKey::BulkActions)}</legend>
                <div>
                    <label for="bulk-assignee" class="block text-xs font-medium text-slate-700">{t(locale, AgentKey::AssignTo)}</label>
                    <select id="bulk-assignee" name="assignee" class=BULK_SELECT>
                        <option value="">{t(locale, AgentKey::NoChange)}</option>
                        <option value="none">{t(locale, TicketKey::Unassigned)}</option>
                        {assign_options}
                    </select>
                </div>
                <div>
                    <label for="bulk-status" class="block text-xs font-medium text-slate-700">{t(locale, AgentKey::SetStatus)}</label>
                    <select id="bulk-status" name="status" class=BULK_SELECT>
                        <option value="">{t(locale, AgentKey::NoChange)}</option>
                        {status_options}
                    </select>
                </div>
                <div>
                    <label for="bulk-team" class="block text-xs font-medium text-slate-700">{t(locale, AgentKey::SetTeam)}</label>
                    <select id="bulk-team" name="team" class=BULK_SELECT>
                        <option value="">{t(locale, AgentKey::NoChange)}</option>
                        <option value="none">{t(locale, AgentKey::NoTeam)}</option>
                        {team_options}
                    </select>
                </div>
                <button type="submit" class=BUTTON_SECONDARY id="bulk-apply">{t(locale, AgentKey::ApplyToSelected)}</button>
                <FieldError id="bulk-form" message=bulk_error />
            </fieldset>
            <div class="overflow-x-auto rounded-b-lg border border-slate-200 bg-white shadow-sm">
                <table class="min-w-full divide-y divide-slate-200" id="queue-table">
                    <caption class="sr-only">{t(locale, AgentKey::Tickets)}</caption>
                    <thead class="bg-white">
                        <tr>
                            <th scope="col" class=HEAD><span class="sr-only">{t(locale, AgentKey::Selection)}</span></th>
                            {header(SortColumn::Number, t(locale, TicketKey::Number))}
                            <th scope="col" class=HEAD>{t(locale, TicketKey::Subject)}</th>
                            <th scope="col" class=HEAD>{t(locale, TicketKey::Requester)}</th>
                            {header(SortColumn::Status, t(locale, TicketKey::Status))}
                            {header(SortColumn::Priority, t(locale, TicketKey::Priority))}
                            <th scope="col" class=HEAD>{t(locale, TicketKey::Assignee)}</th>
                            {header(SortColumn::Updated, t(locale, TicketKey::Updated))}
                            {header(SortColumn::Due, t(locale, SlaKey::Due))}
                        </tr>
                    </thead>
                    <tbody class="divide-y divide-slate-100">{rows}</tbody>
                </table>
            </div>
        </form>
        <LinkPager page=listed.page pages total=listed.total href=move |page| page_filters.href("/agent/tickets", page) />
    }
    .into_any()
}

#[component]
fn QueueRow(ticket: Ticket) -> impl IntoView {
    let locale = use_locale();
    let reference = ticket_ref(ticket.number);
    let checkbox_id = format!("select-{}", ticket.id);
    view! {
        <tr class="hover:bg-slate-50" data-ticket=ticket.id.clone()>
            <td class="w-8 px-3 py-2">
                <input
                    type="checkbox"
                    id=checkbox_id
                    name="ids"
                    value=ticket.id.clone()
                    aria-label=select_ticket_label(locale, &reference)
                    class="h-4 w-4 rounded border-slate-400 text-indigo-600 focus-visible:ring-2 focus-visible:ring-indigo-600"
                />
            </td>
            <td class=format!("{CELL} font-mono text-xs")>{reference}</td>
            <td class="max-w-[22rem] truncate px-3 py-2 text-sm">
                <a href=format!("/agent/tickets/{}", ticket.id) class="font-medium text-slate-900 hover:text-indigo-800 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600">
                    {ticket.subject.clone()}
                </a>
            </td>
            <td class=CELL>{ticket.requester.name.clone()}</td>
            <td class=CELL><StatusBadge status=ticket.status /></td>
            <td class=CELL><PriorityBadge priority=ticket.priority /></td>
            <td class=CELL>
                {match ticket.assignee {
                    Some(assignee) => view! { <span>{assignee.name}</span> }.into_any(),
                    None => view! { <span class="text-slate-600">{t(locale, TicketKey::Unassigned)}</span> }.into_any(),
                }}
            </td>
            <td class=CELL><time datetime=iso(&ticket.updated_at)>{date_time(&ticket.updated_at)}</time></td>
            <td class=CELL><DueCell sla=ticket.sla /></td>
        </tr>
    }
}

/// The clock that asks something of staff soonest (running, warning or breached), if any.
fn pressing_clock(sla: &TicketSla) -> Option<&SlaClockView> {
    [sla.first_response.as_ref(), sla.resolution.as_ref()]
        .into_iter()
        .flatten()
        .filter(|clock| matches!(clock.state, SlaState::Running | SlaState::Warning | SlaState::Breached))
        .min_by_key(|clock| clock.due_at)
}

/// "in 1 h 20 min" or "3 h overdue" with the due time, and a warning or breach named in words.
#[component]
fn DueCell(sla: Option<TicketSla>) -> impl IntoView {
    let locale = use_locale();
    let Some(clock) = sla.as_ref().and_then(pressing_clock).cloned() else {
        return view! {
            <span class="text-slate-600"><span aria-hidden="true">"–"</span><span class="sr-only">{t(locale, SlaKey::NothingDue)}</span></span>
        }
        .into_any();
    };
    view! {
        <span class="inline-flex items-center gap-2">
            {(clock.state != SlaState::Running).then(|| view! { <SlaStateBadge state=clock.state /> })}
            <time datetime=iso(&clock.due_at) title=date_time(&clock.due_at)>{due_short(locale, &clock)}</time>
        </span>
    }
    .into_any()
}
