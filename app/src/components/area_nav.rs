//! The header's links to the areas the signed-in user's role may use, decided by the same policy the
//! services enforce, so nobody is shown a link that only leads to "No access".

use leptos::prelude::*;
use leptos_router::components::A;
use tidings::domain::{is_allowed, Action, Role};

use crate::i18n::{t, use_locale, Key};

const NAV_LINK: &str = "whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900 aria-[current=page]:bg-indigo-50 aria-[current=page]:text-indigo-800 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600";

/// The areas in header order: (permission, path, label).
const AREAS: [(Action, &str, Key); 4] = [
    (Action::UseAgentWorkspace, "/agent", Key::AreaAgent),
    (Action::UseCustomerPortal, "/portal", Key::AreaPortal),
    (Action::UseAdminArea, "/admin", Key::AreaAdmin),
    (Action::ManageOwnAccount, "/account", Key::AreaAccount),
];

#[component]
pub fn AreaNav(role: Role) -> impl IntoView {
    let locale = use_locale();
    let links = AREAS
        .into_iter()
        .filter(|(action, _, _)| is_allowed(role, *action))
        .map(|(_, path, key)| {
            view! {
                <li>
                    <A href=path attr:class=NAV_LINK>
                        {t(locale, key)}
                    </A>
                </li>
            }
        })
        .collect_view();

    view! {
        <nav aria-label=t(locale, Key::MainNav) class="-mx-1 overflow-x-auto">
            <ul class="flex items-center gap-1 px-1">{links}</ul>
        </nav>
    }
}
