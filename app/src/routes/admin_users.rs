//! `/admin`: user management. Creating, re-roling and (de)activating go through server functions; each
//! success refetches the list, so the table shows what the database holds rather than a local guess.

use leptos::prelude::*;
use leptos_meta::Title;
use tidings::domain::Action;

use crate::api::users::{list_users, CreateUser, UpdateUser};
use crate::components::admin_nav::AdminNav;
use crate::components::new_user_form::NewUserForm;
use crate::components::role_guard::RequireRole;
use crate::components::styles::{ERROR_TEXT, H1, STATUS_TEXT};
use crate::components::user_table::UserTable;
use crate::i18n::{app_error_text, t, use_locale, Key};

/// Users per page; enough for a small team to see everyone at once.
const PER_PAGE: u32 = 50;

#[component]
pub fn AdminUsersPage() -> impl IntoView {
    view! {
        <RequireRole action=Action::UseAdminArea>
            <ManageUsers />
        </RequireRole>
    }
}

/// The page body, created only once the guard has let an admin in (so the list is never fetched for others).
#[component]
fn ManageUsers() -> impl IntoView {
    let locale = use_locale();
    let create = ServerAction::<CreateUser>::new();
    let update = ServerAction::<UpdateUser>::new();
    let page = RwSignal::new(1_u32);
    let users = Resource::new(
        move || (page.get(), create.version().get(), update.version().get()),
        |(page, _, _)| list_users(page, PER_PAGE),
    );

    // One status line for the page, saying what the last successful action did.
    let notice = RwSignal::new(None::<Key>);
    Effect::new(move |_| {
        if let Some(Ok(_)) = create.value().get() {
            notice.set(Some(Key::UserCreated));
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = update.value().get() {
            notice.set(Some(Key::ChangesSaved));
        }
    });
    let row_error = move || update.value().get().and_then(Result::err).map(|err| app_error_text(locale, &err));

    view! {
        <Title text=t(locale, Key::Users) />
        <AdminNav />
        <h1 class=format!("mt-6 {H1}")>{t(locale, Key::Users)}</h1>
        <p role="status" class=format!("mt-2 {STATUS_TEXT}")>
            {move || notice.get().map(|key| t(locale, key))}
        </p>
        <div class="mt-4 grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
            <div class="min-w-0 space-y-3">
                {move || row_error().map(|message| view! { <p id="user-row-error" role="alert" class=ERROR_TEXT>{message}</p> })}
                <UserTable users update page />
            </div>
            <NewUserForm create />
        </div>
    }
}
