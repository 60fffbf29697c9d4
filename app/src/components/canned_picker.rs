//! Choosing a canned response in the reply box. Without JavaScript: a select and an "Insert" button that submits
//! the reply form by GET to the ticket page, which renders the response (placeholders filled) after the draft.
//! With JavaScript: a search field over the responses and a button per match that inserts the rendered text at
//! the cursor.

use leptos::{html, prelude::*};
use tidings::domain::CannedResponse;

use super::styles::{BUTTON_SECONDARY, LINK};
use crate::api::canned::render_canned;
use crate::i18n::{app_error_text, t, use_locale, AgentKey};
use crate::text_edit::insert_into;

const CONTROL: &str = "block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 focus:border-indigo-600 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600";

/// How many matches the live picker lists at once.
const SHOWN: usize = 8;

#[component]
pub fn CannedPicker(
    ticket_id: String,
    responses: Vec<CannedResponse>,
    /// The reply text area the live picker inserts into.
    body: NodeRef<html::Textarea>,
) -> impl IntoView {
    let locale = use_locale();
    let live = RwSignal::new(false);
    Effect::new(move |_| live.set(true));
    if responses.is_empty() {
        return view! {
            <p class="text-xs text-slate-600">
                {t(locale, AgentKey::NoCannedYet)} " "
                <a href="/agent/canned" class=LINK>{t(locale, AgentKey::CannedResponses)}</a>
            </p>
        }
        .into_any();
    }
    let responses = StoredValue::new(responses);
    let ticket_id = StoredValue::new(ticket_id);
    let search = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<String>);
    let matches = move || {
        let needle = search.get().to_lowercase();
        responses.with_value(|all| {
            all.iter()
                .filter(|r| {
                    needle.is_empty()
                        || r.title.to_lowercase().contains(&needle)
                        || r.body.to_lowercase().contains(&needle)
                })
                .take(SHOWN)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let insert = move |id: String| {
        let ticket_id = ticket_id.get_value();
        leptos::task::spawn_local(async move {
            match render_canned(id, ticket_id).await {
                Ok(rendered) => {
                    failure.set(None);
                    if let Some(area) = body.get_untracked() {
                        insert_into(&area, &rendered.body);
                    }
                }
                Err(err) => failure.set(Some(app_error_text(locale, &err))),
            }
        });
    };

    view! {
        <div class="rounded-md border border-slate-200 bg-slate-50 p-2">
            <Show
                when=move || live.get()
                fallback=move || {
                    let options = responses.with_value(|all| {
                        all.iter()
                            .map(|r| view! { <option value=r.id.clone()>{r.title.clone()}</option> })
                            .collect_view()
                    });
                    view! {
                        <div class="flex flex-wrap items-end gap-2">
                            <div class="min-w-48 flex-1">
                                <label for="canned-select" class="block text-xs font-medium text-slate-700">{t(locale, AgentKey::CannedResponse)}</label>
                                <select id="canned-select" name="canned_id" class=CONTROL>{options}</select>
                            </div>
                            <button
                                type="submit"
                                formmethod="get"
                                formaction=format!("/agent/tickets/{}", ticket_id.get_value())
                                formnovalidate=true
                                name="insert"
                                value="1"
                                class=BUTTON_SECONDARY
                                id="canned-insert"
                            >
                                {t(locale, AgentKey::Insert)}
                            </button>
                        </div>
                    }
                }
            >
                <label for="canned-search" class="block text-xs font-medium text-slate-700">{t(locale, AgentKey::InsertCanned)}</label>
                <input
                    id="canned-search"
                    type="search"
                    autocomplete="off"
                    class=CONTROL
                    placeholder=t(locale, AgentKey::SearchCanned)
                    aria-describedby="canned-search-hint"
                    on:input=move |ev| search.set(event_target_value(&ev))
                    prop:value=move || search.get()
                />
                <p id="canned-search-hint" class="sr-only">{t(locale, AgentKey::CannedSearchHint)}</p>
                <ul class="mt-2 flex flex-wrap gap-1.5" id="canned-matches" aria-label=t(locale, AgentKey::CannedResponses)>
                    <For each=matches key=|r| r.id.clone() let:response>
                        <li>
                            <button
                                type="button"
                                class="rounded-full border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-800 hover:bg-indigo-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600"
                                data-canned=response.id.clone()
                                on:click={
                                    let id = response.id.clone();
                                    move |_| insert(id.clone())
                                }
                            >
                                {response.title.clone()}
                            </button>
                        </li>
                    </For>
                </ul>
                {move || failure.get().map(|message| view! { <p role="alert" class="mt-1 text-xs text-red-700">{message}</p> })}
            </Show>
        </div>
    }
    .into_any()
}
