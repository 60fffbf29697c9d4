//! Navigation between the admin pages (users, teams, channels, knowledge base, service levels, automation rules).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{t, use_locale, ChannelKey, KbKey, Key, RuleKey, SlaKey};

const TAB: &str = "whitespace-nowrap border-b-2 border-transparent px-1 pb-3 text-sm font-medium text-slate-700 hover:border-slate-300 hover:text-slate-900 aria-[current=page]:border-indigo-600 aria-[current=page]:text-indigo-800 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600";

#[component]
pub fn AdminNav() -> impl IntoView {
    let locale = use_locale();
    view! {
        <nav aria-label=t(locale, Key::AdminNav) class="overflow-x-auto border-b border-slate-200">
            <ul class="flex gap-6">
                <li>
                    <A href="/admin" exact=true attr:class=TAB>
                        {t(locale, Key::Users)}
                    </A>
                </li>
                <li>
                    <A href="/admin/teams" exact=true attr:class=TAB>
                        {t(locale, Key::Teams)}
                    </A>
                </li>
                <li>
                    <A href="/admin/channels" exact=true attr:class=TAB>
                        {t(locale, ChannelKey::Channels)}
                    </A>
                </li>
                <li>
                    <A href="/admin/kb" attr:class=TAB>
                        {t(locale, KbKey::KnowledgeBase)}
                    </A>
                </li>
                <li>
                    <A href="/admin/sla" exact=true attr:class=TAB>
                        {t(locale, SlaKey::ServiceLevels)}
                    </A>
                </li>
                <li>
                    <A href="/admin/rules" exact=true attr:class=TAB>
                        {t(locale, RuleKey::Rules)}
                    </A>
                </li>
            </ul>
        </nav>
    }
}
