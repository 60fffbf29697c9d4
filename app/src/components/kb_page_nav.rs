//! The navigation above the knowledge-base pages: administrators see the admin tabs, agents their workspace tabs
//! (both have a "Knowledge base" tab), then the knowledge base's own links.

use leptos::prelude::*;
use leptos_router::components::A;
use tidings::domain::Role;

use super::admin_nav::AdminNav;
use super::agent_nav::AgentNav;
use crate::i18n::{t, use_locale, KbKey};

const SUB_LINK: &str = "rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900 aria-[current=page]:bg-indigo-50 aria-[current=page]:text-indigo-800 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600";

#[component]
pub fn KbPageNav(role: Role) -> impl IntoView {
    let locale = use_locale();
    let area = if role == Role::Admin { view! { <AdminNav /> }.into_any() } else { view! { <AgentNav /> }.into_any() };
    view! {
        {area}
        <nav aria-label=t(locale, KbKey::KnowledgeBase) class="mt-3">
            <ul class="flex flex-wrap gap-2">
                <li><A href="/admin/kb" exact=true attr:class=SUB_LINK>{t(locale, KbKey::AllArticles)}</A></li>
                <li><A href="/admin/kb/new" exact=true attr:class=SUB_LINK>{t(locale, KbKey::NewArticle)}</A></li>
                <li><A href="/admin/kb/categories" exact=true attr:class=SUB_LINK>{t(locale, KbKey::Categories)}</A></li>
            </ul>
        </nav>
    }
}
