//! `/account`: who you are, and changing your password (through the `change_password` server function, which
//! also signs out your other sessions).

use leptos::{html, prelude::*};
use leptos_meta::Title;
use tidings::domain::{Action, User};

use crate::api::account::ChangePassword;
use crate::api::AppError;
use crate::components::form_field::FormField;
use crate::components::role_guard::RequireRole;
use crate::components::styles::{BUTTON_PRIMARY, CARD, ERROR_TEXT, H1, H2, MUTED, STATUS_TEXT};
use crate::i18n::{app_error_text, role_name, t, use_locale, Key};
use crate::session::use_current_user;

#[component]
pub fn AccountPage() -> impl IntoView {
    view! {
        <RequireRole action=Action::ManageOwnAccount>
            <Account />
        </RequireRole>
    }
}

/// Which input shows an error (the service names `current_password` and `new_password`).
fn input_for(err: &AppError) -> Option<&'static str> {
    match err.field.as_deref() {
        Some("current_password") => Some("current-password"),
        Some("new_password" | "password") => Some("new-password"),
        _ => None,
    }
}

/// The page body.
#[component]
fn Account() -> impl IntoView {
    let locale = use_locale();
    let user = use_current_user();
    let change = ServerAction::<ChangePassword>::new();
    let form = NodeRef::<html::Form>::new();

    let failure = move || change.value().get().and_then(Result::err);
    let error_for = move |input: &'static str| {
        Signal::derive(move || {
            failure().filter(|err| input_for(err) == Some(input)).map(|err| app_error_text(locale, &err))
        })
    };
    let form_error = move || failure().filter(|err| input_for(err).is_none()).map(|err| app_error_text(locale, &err));
    let changed = move || matches!(change.value().get(), Some(Ok(())));
    Effect::new(move |_| {
        if changed() {
            if let Some(form) = form.get() {
                form.reset();
            }
        }
    });

    view! {
        <Title text=t(locale, Key::AccountTitle) />
        <div class="mx-auto max-w-2xl space-y-6">
            <h1 class=H1>{t(locale, Key::AccountTitle)}</h1>
            <section aria-labelledby="profile-heading" class=CARD>
                <h2 id="profile-heading" class=H2>{t(locale, Key::Profile)}</h2>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move { user.await.ok().flatten().map(|user| view! { <Profile user /> }) })}
                </Suspense>
            </section>
            <section aria-labelledby="password-heading" class=CARD>
                <h2 id="password-heading" class=H2>{t(locale, Key::ChangePassword)}</h2>
                <p role="status" class=format!("mt-2 {STATUS_TEXT}")>
                    {move || changed().then(|| t(locale, Key::PasswordChanged))}
                </p>
                <ActionForm action=change node_ref=form attr:novalidate=true>
                    <div class="mt-2 space-y-4">
                        <FormField
                            id="current-password"
                            name="current_password"
                            label=t(locale, Key::CurrentPassword)
                            input_type="password"
                            autocomplete="current-password"
                            required=true
                            error=error_for("current-password")
                        />
                        <FormField
                            id="new-password"
                            name="new_password"
                            label=t(locale, Key::NewPassword)
                            input_type="password"
                            autocomplete="new-password"
                            required=true
                            error=error_for("new-password")
                        />
                        {move || form_error().map(|message| view! { <p id="password-form-error" role="alert" class=ERROR_TEXT>{message}</p> })}
                        <button type="submit" class=BUTTON_PRIMARY disabled=move || change.pending().get()>
                            {t(locale, Key::ChangePassword)}
                        </button>
                    </div>
                </ActionForm>
            </section>
        </div>
    }
}

/// Name, email and role of the signed-in user.
#[component]
fn Profile(user: User) -> impl IntoView {
    let locale = use_locale();
    view! {
        <dl class="mt-4 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[8rem_1fr]">
            <dt class=MUTED>{t(locale, Key::Name)}</dt>
            <dd class="font-medium text-slate-900">{user.name}</dd>
            <dt class=MUTED>{t(locale, Key::Email)}</dt>
            <dd class="break-all font-medium text-slate-900">{user.email}</dd>
            <dt class=MUTED>{t(locale, Key::Role)}</dt>
            <dd class="font-medium text-slate-900">{role_name(locale, user.role)}</dd>
        </dl>
    }
}
