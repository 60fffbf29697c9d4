//! A customer's tickets as a compact list linking into the workspace (profile page and requester card).

use leptos::prelude::*;
use tidings::domain::Ticket;

use super::styles::MUTED;
use super::ticket_badges::StatusBadge;
use crate::format::{date, iso, ticket_ref};
use crate::i18n::{t, use_locale, AgentKey};

#[component]
pub fn CustomerTickets(
    tickets: Vec<Ticket>,
    /// A ticket to leave out (the one being worked on).
    #[prop(optional, into)]
    except: Option<String>,
) -> impl IntoView {
    let locale = use_locale();
    let shown: Vec<Ticket> = tickets.into_iter().filter(|ticket| Some(&ticket.id) != except.as_ref()).collect();
    if shown.is_empty() {
        return view! { <p class=format!("mt-2 {MUTED}")>{t(locale, AgentKey::NoOtherTickets)}</p> }.into_any();
    }
    let items = shown
        .into_iter()
        .map(|ticket| {
            view! {
                <li class="flex items-center gap-2 py-1.5">
                    <span class="font-mono text-xs text-slate-600">{ticket_ref(ticket.number)}</span>
                    <a href=format!("/agent/tickets/{}", ticket.id) class="min-w-0 flex-1 truncate text-sm font-medium text-slate-900 hover:text-indigo-800 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600">
                        {ticket.subject.clone()}
                    </a>
                    <StatusBadge status=ticket.status />
                    <time class="hidden text-xs text-slate-600 sm:inline" datetime=iso(&ticket.created_at)>{date(&ticket.created_at)}</time>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="mt-2 divide-y divide-slate-100" data-testid="customer-tickets">{items}</ul> }.into_any()
}
