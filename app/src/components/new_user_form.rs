//! The admin's "New user" form. It goes through the `create_user` server function, and a refused value is shown
//! under the field the service named (`#new-email-error`, ...), translated from the error code.

use leptos::{html, prelude::*};
use tidings::domain::Role;

use super::form_field::FormField;
use super::styles::{BUTTON_PRIMARY, CARD, ERROR_TEXT, H2, INPUT, LABEL};
use crate::api::users::CreateUser;
use crate::api::AppError;
use crate::i18n::{app_error_text, role_name, t, use_locale, Key};

/// Service field names and the ids of the inputs that show their errors.
const FIELDS: [(&str, &str); 4] =
    [("name", "new-name"), ("email", "new-email"), ("role", "new-role"), ("password", "new-password")];

#[component]
pub fn NewUserForm(
    /// Dispatched by the form; the page watches it to refresh the table.
    create: ServerAction<CreateUser>,
) -> impl IntoView {
    let locale = use_locale();
    let form = NodeRef::<html::Form>::new();
    let failure = move || create.value().get().and_then(Result::err);
    let error_for = move |field: &'static str| {
        Signal::derive(move || {
            failure().filter(|err| err.field.as_deref() == Some(field)).map(|err| app_error_text(locale, &err))
        })
    };
    let form_error = move || {
        failure()
            .filter(|err: &AppError| !FIELDS.iter().any(|(name, _)| err.field.as_deref() == Some(*name)))
            .map(|err| app_error_text(locale, &err))
    };
    let role_error = error_for("role");

    // A created user leaves an empty form behind, ready for the next one.
    Effect::new(move |_| {
        if let Some(Ok(_)) = create.value().get() {
            if let Some(form) = form.get() {
                form.reset();
            }
        }
    });

    view! {
        <section aria-labelledby="new-user-heading" class=CARD>
            <h2 id="new-user-heading" class=H2>{t(locale, Key::NewUser)}</h2>
            <ActionForm action=create node_ref=form attr:novalidate=true>
                <div class="mt-4 space-y-4">
                    <FormField
                        id="new-name"
                        name="name"
                        label=t(locale, Key::Name)
                        autocomplete="off"
                        required=true
                        error=error_for("name")
                    />
                    <FormField
                        id="new-email"
                        name="email"
                        label=t(locale, Key::Email)
                        input_type="email"
                        autocomplete="off"
                        required=true
                        error=error_for("email")
                    />
                    <div class="space-y-1">
                        <label for="new-role" class=LABEL>{t(locale, Key::Role)}</label>
                        <select
                            id="new-role"
                            name="role"
                            class=INPUT
                            aria-invalid=move || role_error.with(|e| e.is_some()).then_some("true")
                            aria-describedby=move || role_error.with(|e| e.is_some()).then_some("new-role-error")
                        >
                            {Role::ALL
                                .into_iter()
                                .map(|role| {
                                    view! {
                                        <option value=role.as_str() selected=role == Role::Agent>
                                            {role_name(locale, role)}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                        {move || {
                            role_error
                                .get()
                                .map(|message| view! { <p id="new-role-error" role="alert" class=ERROR_TEXT>{message}</p> })
                        }}
                    </div>
                    <FormField
                        id="new-password"
                        name="password"
                        label=t(locale, Key::Password)
                        input_type="password"
                        autocomplete="new-password"
                        required=true
                        error=error_for("password")
                    />
                    {move || form_error().map(|message| view! { <p id="new-user-error" role="alert" class=ERROR_TEXT>{message}</p> })}
                    <button type="submit" class=format!("w-full {BUTTON_PRIMARY}") disabled=move || create.pending().get()>
                        {t(locale, Key::CreateUser)}
                    </button>
                </div>
            </ActionForm>
        </section>
    }
}
