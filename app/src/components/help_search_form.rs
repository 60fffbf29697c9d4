//! The help center's search box: a GET form to `/help/{lang}/search`, so it works without JavaScript. Once the
//! page is hydrated, typing shows matching article titles as links under the box.

use leptos::prelude::*;
use tidings::domain::kb::TitleLink;
use tidings::domain::Locale;

use super::styles::{BUTTON_PRIMARY, INPUT, LINK};
use crate::api::help_center::suggest_help_articles;
use crate::help_paths::help_article_path;
use crate::i18n::{t, HelpKey};

#[component]
pub fn HelpSearchForm(lang: Locale, #[prop(optional)] q: String) -> impl IntoView {
    // Filled only from the browser as the visitor types (never while the page is rendered or hydrated, so the
    // server-rendered page waits for nothing); an answer to an older keystroke is dropped.
    let suggestions = RwSignal::new(Vec::<TitleLink>::new());
    let asked = StoredValue::new(0_u64);
    let suggest = move |q: String| {
        let this = asked.get_value() + 1;
        asked.set_value(this);
        leptos::task::spawn_local(async move {
            let found = if q.trim().chars().count() < 2 {
                Vec::new()
            } else {
                suggest_help_articles(lang, q).await.unwrap_or_default()
            };
            if asked.get_value() == this {
                suggestions.set(found);
            }
        });
    };
    let list = move || {
        let found = suggestions.get();
        (!found.is_empty()).then(|| {
            let items = found
                .into_iter()
                .map(|link| {
                    view! {
                        <li>
                            <a href=help_article_path(link.lang, &link.slug) class=LINK>{link.title}</a>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <ul aria-label=t(lang, HelpKey::Suggestions) class="mt-2 space-y-1 rounded-md border border-slate-200 bg-white p-3 text-sm">
                    {items}
                </ul>
            }
        })
    };
    view! {
        <div role="search" class="print:hidden">
            <form method="get" action=format!("/help/{}/search", lang.as_str())>
                <label for="help-search" class="block text-sm font-medium text-slate-800">
                    {t(lang, HelpKey::SearchLabel)}
                </label>
                <div class="mt-1 flex gap-2">
                    <input
                        id="help-search"
                        type="search"
                        name="q"
                        value=q
                        autocomplete="off"
                        class=INPUT
                        on:input=move |event| suggest(event_target_value(&event))
                    />
                    <button type="submit" class=BUTTON_PRIMARY>{t(lang, HelpKey::SearchButton)}</button>
                </div>
                {list}
            </form>
        </div>
    }
    .into_any()
}
