//! The supervisor's routing tables: each team's waiting queue (how many, the oldest, how many VIP) and each agent's
//! availability, load against capacity, skills and teams. Plain tables with column headers and captions, so they
//! read well with a screen reader and without JavaScript.

use leptos::prelude::*;
use tidings::domain::routing::{RoutingAgent, TeamQueue};

use super::styles::{CARD, H2, MUTED};
use crate::format::{date_time, iso};
use crate::i18n::{availability_key, routing_name, t, use_locale, RoutingKey};

const HEAD: &str = "whitespace-nowrap px-3 py-2 text-left text-xs font-semibold tracking-wide text-slate-700";
const CELL: &str = "px-3 py-2 text-sm text-slate-900";

#[component]
pub fn QueueTable(queues: Vec<TeamQueue>) -> impl IntoView {
    let locale = use_locale();
    if queues.is_empty() {
        return view! { <section aria-labelledby="queues-heading" class=CARD>
            <h2 id="queues-heading" class=H2>{t(locale, RoutingKey::Queues)}</h2>
            <p class=MUTED>{t(locale, RoutingKey::NoTeams)}</p>
        </section> }
        .into_any();
    }
    let rows = queues
        .into_iter()
        .map(|queue| {
            let oldest = queue.oldest_waiting_since.map(|at| {
                view! { <time datetime=iso(&at)>{date_time(&at)}</time> }
            });
            view! {
                <tr data-team=queue.team.id.clone()>
                    <th scope="row" class=format!("{CELL} font-medium")>{queue.team.name}</th>
                    <td class=CELL>{routing_name(locale, queue.routing_strategy)}</td>
                    <td class=CELL data-waiting=queue.waiting.to_string()>{queue.waiting}</td>
                    <td class=CELL>{oldest.map(IntoAny::into_any).unwrap_or_else(|| t(locale, RoutingKey::Nobody).into_any())}</td>
                    <td class=CELL data-vip=queue.vip_waiting.to_string()>{queue.vip_waiting}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="queues-heading" class=CARD>
            <h2 id="queues-heading" class=H2>{t(locale, RoutingKey::Queues)}</h2>
            <div class="mt-3 overflow-x-auto">
                <table class="min-w-full divide-y divide-slate-200" id="queue-table" aria-labelledby="queues-heading">
                    <thead>
                        <tr>
                            <th scope="col" class=HEAD>{t(locale, RoutingKey::Team)}</th>
                            <th scope="col" class=HEAD>{t(locale, RoutingKey::Strategy)}</th>
                            <th scope="col" class=HEAD>{t(locale, RoutingKey::Waiting)}</th>
                            <th scope="col" class=HEAD>{t(locale, RoutingKey::OldestWaiting)}</th>
                            <th scope="col" class=HEAD>{t(locale, RoutingKey::Vip)}</th>
                        </tr>
                    </thead>
                    <tbody class="divide-y divide-slate-100">{rows}</tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

#[component]
pub fn AgentRoutingTable(agents: Vec<RoutingAgent>) -> impl IntoView {
    let locale = use_locale();
    if agents.is_empty() {
        return view! { <section aria-labelledby="routing-agents-heading" class=CARD>
            <h2 id="routing-agents-heading" class=H2>{t(locale, RoutingKey::Agents)}</h2>
            <p class=MUTED>{t(locale, RoutingKey::NoAgents)}</p>
        </section> }
        .into_any();
    }
    let nobody = t(locale, RoutingKey::Nobody);
    let rows = agents
        .into_iter()
        .map(|agent| {
            let skills = agent.skills.iter().map(|skill| format!("{} {}", skill.skill, skill.level)).collect::<Vec<_>>();
            let teams = agent.teams.iter().map(|team| team.name.clone()).collect::<Vec<_>>();
            let join = |items: Vec<String>| if items.is_empty() { nobody.to_string() } else { items.join(", ") };
            view! {
                <tr data-agent=agent.id.clone()>
                    <th scope="row" class=format!("{CELL} font-medium")>{agent.name}</th>
                    <td class=CELL>{t(locale, availability_key(agent.availability))}</td>
                    <td class=CELL data-load=format!("{}/{}", agent.load, agent.capacity)>{format!("{} / {}", agent.load, agent.capacity)}</td>
                    <td class=CELL>{join(skills)}</td>
                    <td class=CELL>{join(teams)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="routing-agents-heading" class=CARD>
            <h2 id="routing-agents-heading" class=H2>{t(locale, RoutingKey::Agents)}</h2>
            <div class="mt-3 overflow-x-auto">
                <table class="min-w-full divide-y divide-slate-200" id="agent-table" aria-labelledby="routing-agents-heading">
                    <thead>
                        <tr>
                            <th scope="col" class=HEAD>{t(locale, RoutingKey::Agent)}</th>
                            <th scope="col" class=HEAD>{t(locale, RoutingKey::Availability)}</th>
                            <th scope="col" class=HEAD>{t(locale, RoutingKey::LoadCapacity)}</th>
                            <th scope="col" class=HEAD>{t(locale, RoutingKey::Skills)}</th>
                            <th scope="col" class=HEAD>{t(locale, RoutingKey::Teams)}</th>
                        </tr>
                    </thead>
                    <tbody class="divide-y divide-slate-100">{rows}</tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}
