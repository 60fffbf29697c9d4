//! One user in the admin table: the role select saves as soon as it changes, and the button (de)activates.
//! Both go through `update_user`, whose result refreshes the table, so the row always shows what is stored.

use leptos::prelude::*;
use tidings::domain::{Role, User};

use super::styles::{BUTTON_SECONDARY, SELECT_COMPACT};
use crate::api::users::UpdateUser;
use crate::i18n::{role_for, role_name, t, toggle_active_label, use_locale, Key};

#[component]
pub fn UserRow(user: User, update: ServerAction<UpdateUser>) -> impl IntoView {
    let locale = use_locale();
    let busy = move || update.pending().get();
    let id = user.id.clone();
    let change_role = move |ev: leptos::ev::Event| {
        update.dispatch(UpdateUser {
            id: id.clone(),
            name: None,
            role: Some(event_target_value(&ev)),
            active: None,
            team_ids: None,
        });
    };
    let id = user.id.clone();
    let active = user.active;
    let toggle_active = move |_| {
        update.dispatch(UpdateUser { id: id.clone(), name: None, role: None, active: Some(!active), team_ids: None });
    };
    let status = if active {
        view! {
            <span class="inline-flex items-center rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-inset ring-emerald-700/20">
                {t(locale, Key::Active)}
            </span>
        }
    } else {
        view! {
            <span class="inline-flex items-center rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-inset ring-slate-600/20">
                {t(locale, Key::Deactivated)}
            </span>
        }
    };
    let current_role = user.role;

    view! {
        <tr class="align-middle">
            <td class="whitespace-nowrap px-4 py-3 text-sm font-medium text-slate-900">{user.name}</td>
            <td class="whitespace-nowrap px-4 py-3 text-sm text-slate-700">{user.email.clone()}</td>
            <td class="whitespace-nowrap px-4 py-3">
                <select
                    aria-label=role_for(locale, &user.email)
                    class=SELECT_COMPACT
                    on:change=change_role
                    disabled=busy
                >
                    {Role::ALL
                        .into_iter()
                        .map(|role| {
                            view! {
                                <option value=role.as_str() selected=role == current_role>
                                    {role_name(locale, role)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </td>
            <td class="whitespace-nowrap px-4 py-3">{status}</td>
            <td class="whitespace-nowrap px-4 py-3 text-right">
                <button
                    type="button"
                    class=BUTTON_SECONDARY
                    aria-label=toggle_active_label(locale, active, &user.email)
                    on:click=toggle_active
                    disabled=busy
                >
                    {t(locale, if active { Key::Deactivate } else { Key::Reactivate })}
                </button>
            </td>
        </tr>
    }
}
