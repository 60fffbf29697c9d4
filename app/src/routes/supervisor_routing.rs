//! `/supervisor/routing`: how routing is doing. Each team's waiting queue (count, the oldest, VIP customers) and
//! every agent's availability, load against capacity and skills. Supervisors and admins.

use leptos::prelude::*;
use leptos_meta::Title;
use tidings::domain::Action;

use crate::api::routing::load_routing_overview;
use crate::components::agent_nav::AgentNav;
use crate::components::role_guard::RequireRole;
use crate::components::routing_tables::{AgentRoutingTable, QueueTable};
use crate::components::styles::{ERROR_TEXT, H1, MUTED};
use crate::i18n::{app_error_text, t, use_locale, Key, RoutingKey};

#[component]
pub fn SupervisorRoutingPage() -> impl IntoView {
    view! {
        <RequireRole action=Action::UseSupervisorViews>
            <RoutingBoard />
        </RequireRole>
    }
}

#[component]
fn RoutingBoard() -> impl IntoView {
    let locale = use_locale();
    let overview = Resource::new(|| (), |_| load_routing_overview());
    view! {
        <Title text=t(locale, RoutingKey::Routing) />
        <AgentNav />
        <h1 class=H1>{t(locale, RoutingKey::Routing)}</h1>
        <p class=format!("mt-1 {MUTED}")>{t(locale, RoutingKey::RoutingIntro)}</p>
        <Transition fallback=move || view! { <p class=MUTED>{t(locale, Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(overview) => view! {
                        <div class="mt-4 space-y-6">
                            <QueueTable queues=overview.queues />
                            <AgentRoutingTable agents=overview.agents />
                        </div>
                    }
                    .into_any(),
                    Err(err) => view! { <p role="alert" class=ERROR_TEXT>{app_error_text(locale, &err)}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}
