//! Links to the server's language endpoint. They are real page loads (`rel="external"` keeps the client router
//! out of it), because the choice is stored in a cookie and every text on the page changes.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use tidings::domain::Locale;

use crate::i18n::{t, use_locale, Key};
use crate::paths::lang_path;

#[component]
pub fn LanguageSwitcher() -> impl IntoView {
    let current = use_locale();
    let pathname = use_location().pathname;
    let links = Locale::ALL
        .into_iter()
        .map(|locale| {
            let active = locale == current;
            let class = if active {
                "rounded-md bg-slate-100 px-2 py-1 text-sm font-semibold text-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600"
            } else {
                "rounded-md px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600"
            };
            view! {
                <li>
                    <a
                        href=move || lang_path(locale, &pathname.get())
                        rel="external"
                        lang=locale.as_str()
                        hreflang=locale.as_str()
                        aria-current=active.then_some("true")
                        class=class
                    >
                        {locale.native_name()}
                    </a>
                </li>
            }
        })
        .collect_view();

    view! {
        <nav aria-label=t(current, Key::LanguageNav)>
            <ul class="flex items-center gap-1">{links}</ul>
        </nav>
    }
}
