//! The admin's user list: a table that scrolls sideways on small screens, with paging when there are many.

use leptos::prelude::*;

use super::styles::{BUTTON_SECONDARY, MUTED};
use super::user_row::UserRow;
use crate::api::users::{UpdateUser, UserPage};
use crate::api::AppError;
use crate::i18n::{app_error_text, page_of, t, use_locale, Key};

const HEAD: &str = "whitespace-nowrap px-4 py-3 text-left text-xs font-semibold tracking-wide text-slate-700";

#[component]
pub fn UserTable(
    /// The current page of users; refetched by the page after every change.
    users: Resource<Result<UserPage, AppError>>,
    /// Row actions dispatch here.
    update: ServerAction<UpdateUser>,
    /// The 1-based page being shown.
    page: RwSignal<u32>,
) -> impl IntoView {
    let locale = use_locale();
    view! {
        <Transition fallback=move || view! { <p class=MUTED>{t(locale, Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match users.await {
                    Ok(listed) => view! { <Listing listed update page /> }.into_any(),
                    Err(err) => {
                        view! { <p role="alert" class="text-sm text-red-700">{app_error_text(locale, &err)}</p> }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// The loaded table and its pager.
#[component]
fn Listing(listed: UserPage, update: ServerAction<UpdateUser>, page: RwSignal<u32>) -> impl IntoView {
    let locale = use_locale();
    let pages = listed.total.div_ceil(u64::from(listed.per_page.max(1))).max(1) as u32;
    let current = listed.page;
    let empty = listed.items.is_empty();
    let rows = listed.items.into_iter().map(|user| view! { <UserRow user update /> }).collect_view();
    let pager = (pages > 1).then(|| {
        view! {
            <nav aria-label=t(locale, Key::Pagination) class="flex items-center justify-between gap-4 pt-4">
                <button
                    type="button"
                    class=BUTTON_SECONDARY
                    disabled=current <= 1
                    on:click=move |_| page.set(current.saturating_sub(1).max(1))
                >
                    {t(locale, Key::Previous)}
                </button>
                <p class=MUTED>{page_of(locale, current, pages)}</p>
                <button
                    type="button"
                    class=BUTTON_SECONDARY
                    disabled=current >= pages
                    on:click=move |_| page.set(current + 1)
                >
                    {t(locale, Key::Next)}
                </button>
            </nav>
        }
    });

    view! {
        <div class="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
            <table class="min-w-full divide-y divide-slate-200">
                <caption class="sr-only">{t(locale, Key::Users)}</caption>
                <thead class="bg-slate-50">
                    <tr>
                        <th scope="col" class=HEAD>{t(locale, Key::Name)}</th>
                        <th scope="col" class=HEAD>{t(locale, Key::Email)}</th>
                        <th scope="col" class=HEAD>{t(locale, Key::Role)}</th>
                        <th scope="col" class=HEAD>{t(locale, Key::Status)}</th>
                        <th scope="col" class=HEAD>
                            <span class="sr-only">{t(locale, Key::Actions)}</span>
                        </th>
                    </tr>
                </thead>
                <tbody class="divide-y divide-slate-100">{rows}</tbody>
            </table>
            {empty.then(|| view! { <p class=format!("px-4 py-6 text-center {MUTED}")>{t(locale, Key::NoUsers)}</p> })}
        </div>
        {pager}
    }
}
