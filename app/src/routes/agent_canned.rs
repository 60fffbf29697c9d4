//! `/agent/canned`: the agent's canned responses (own and shared): search, create, edit (`?edit=<id>`) and delete,
//! all as plain forms (`POST /agent/canned`, `/agent/canned/{id}`, `/agent/canned/{id}/delete`).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use tidings::domain::{Action, KNOWN_PLACEHOLDERS};

use crate::api::canned::{list_canned, CannedRow};
use crate::components::agent_nav::AgentNav;
use crate::components::canned_form::{CannedForm, CannedFormValues};
use crate::components::page_notice::{use_query_error, PageNotice};
use crate::components::role_guard::RequireRole;
use crate::components::styles::{BUTTON_SECONDARY, CARD, ERROR_TEXT, H1, H2, INPUT, LINK, MUTED};
use crate::i18n::{app_error_text, delete_label, placeholder_help, t, use_locale, AgentKey, Key};

#[component]
pub fn AgentCannedPage() -> impl IntoView {
    view! {
        <RequireRole action=Action::UseAgentWorkspace>
            <CannedResponses />
        </RequireRole>
    }
}

#[component]
fn CannedResponses() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let q = move || query.with(|q| q.get("q")).map(|q| q.trim().to_string()).filter(|q| !q.is_empty());
    let responses = Resource::new(q, list_canned);
    let error = use_query_error(&["title", "body", "shared"]);
    view! {
        <Title text=t(locale, AgentKey::CannedResponses) />
        <AgentNav />
        <h1 class=H1>{t(locale, AgentKey::CannedResponses)}</h1>
        <PageNotice />
        <div class="mt-2 grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
            <div class="min-w-0">
                <form method="get" action="/agent/canned" role="search" aria-label=t(locale, AgentKey::SearchCanned) class="flex max-w-xl items-end gap-2">
                    <div class="flex-1">
                        <label for="canned-q" class="block text-xs font-medium text-slate-700">{t(locale, AgentKey::Search)}</label>
                        <input id="canned-q" name="q" type="search" value=move || q().unwrap_or_default() class=INPUT />
                    </div>
                    <button type="submit" class=BUTTON_SECONDARY>{t(locale, AgentKey::Search)}</button>
                </form>
                <Transition fallback=move || view! { <p class=format!("mt-4 {MUTED}")>{t(locale, Key::Loading)}</p> }>
                    {move || Suspend::new(async move {
                        match responses.await {
                            Ok(rows) => view! { <CannedList rows /> }.into_any(),
                            Err(err) => view! { <p role="alert" class=format!("mt-4 {ERROR_TEXT}")>{app_error_text(locale, &err)}</p> }.into_any(),
                        }
                    })}
                </Transition>
            </div>
            <div class="space-y-4">
                <Transition fallback=|| ()>
                    {move || {
                        // Read before awaiting so that following an "Edit" link (a client-side navigation with
                        // JavaScript) re-renders the form for that response.
                        let (edit, refill) = query.with(|q| {
                            let refill = q.get("error").map(|_| CannedFormValues {
                                title: q.get("title").unwrap_or_default(),
                                body: q.get("body").unwrap_or_default(),
                                shared: q.get("shared").as_deref() == Some("on"),
                            });
                            (q.get("edit"), refill)
                        });
                        let error = error.get();
                        Suspend::new(async move {
                            let rows = responses.await.unwrap_or_default();
                            let editing = edit.and_then(|id| rows.into_iter().find(|row| row.response.id == id && row.editable));
                            let values = match (&editing, refill) {
                                (_, Some(values)) => values,
                                (Some(row), None) => CannedFormValues {
                                    title: row.response.title.clone(),
                                    body: row.response.body.clone(),
                                    shared: row.response.shared,
                                },
                                (None, None) => CannedFormValues::default(),
                            };
                            let editing = editing.map(|row| row.response.id);
                            view! { <CannedForm editing values error /> }
                        })
                    }}
                </Transition>
                <section aria-labelledby="placeholders-heading" class=CARD>
                    <h2 id="placeholders-heading" class=H2>{t(locale, AgentKey::Placeholders)}</h2>
                    <p class=format!("mt-1 {MUTED}")>{t(locale, AgentKey::PlaceholdersIntro)}</p>
                    <dl class="mt-2 space-y-1 text-sm">
                        {KNOWN_PLACEHOLDERS
                            .into_iter()
                            .map(|placeholder| view! {
                                <div class="flex gap-2">
                                    <dt><code class="rounded bg-slate-100 px-1 text-xs text-slate-900">{placeholder}</code></dt>
                                    <dd class="text-slate-700">{placeholder_help(locale, placeholder)}</dd>
                                </div>
                            })
                            .collect_view()}
                    </dl>
                </section>
            </div>
        </div>
    }
}

#[component]
fn CannedList(rows: Vec<CannedRow>) -> impl IntoView {
    let locale = use_locale();
    if rows.is_empty() {
        return view! { <p class=format!("mt-4 text-center {CARD} {MUTED}")>{t(locale, AgentKey::NoCannedYet)}</p> }
            .into_any();
    }
    let items = rows
        .into_iter()
        .map(|CannedRow { response, editable }| {
            let scope = if response.shared { AgentKey::Shared } else { AgentKey::Personal };
            let actions = editable.then(|| {
                view! {
                    <div class="flex items-center gap-2">
                        <a href=format!("/agent/canned?edit={}", response.id) class=format!("text-sm {LINK}") aria-label=format!("{} {}", t(locale, AgentKey::Edit), response.title)>
                            {t(locale, AgentKey::Edit)}
                        </a>
                        <form method="post" action=format!("/agent/canned/{}/delete", response.id)>
                            <button type="submit" class="rounded-md px-2 py-1 text-sm font-medium text-red-700 hover:bg-red-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-red-700" aria-label=delete_label(locale, &response.title)>
                                {t(locale, AgentKey::Delete)}
                            </button>
                        </form>
                    </div>
                }
            });
            view! {
                <li class="px-4 py-3" data-canned=response.id.clone()>
                    <div class="flex flex-wrap items-center justify-between gap-2">
                        <p class="text-sm font-semibold text-slate-900">{response.title.clone()}</p>
                        <div class="flex items-center gap-3">
                            <span class="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">{t(locale, scope)}</span>
                            <span class="text-xs text-slate-600">{response.owner.name.clone()}</span>
                            {actions}
                        </div>
                    </div>
                    <p class="mt-1 line-clamp-2 whitespace-pre-line text-sm text-slate-700">{response.body.clone()}</p>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="mt-4 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm" id="canned-list">{items}</ul> }
        .into_any()
}
