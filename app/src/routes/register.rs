//! `/register`: customer self-sign-up as a plain HTML form posting to `/auth/register`. Failures come back as
//! `?error=<code>&field=<field>&name=…&email=…`; the message goes under that field, or above the button when it
//! concerns the whole form (closed sign-up, too many attempts).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::form_field::FormField;
use crate::components::styles::{BUTTON_PRIMARY, CARD, ERROR_TEXT, H1, LINK, MUTED};
use crate::i18n::{error_text, t, use_locale, Key};

const FIELDS: [&str; 3] = ["name", "email", "password"];

#[component]
pub fn RegisterPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map().get_untracked();
    let message = query
        .get("error")
        .map(|code| error_text(locale, &code).unwrap_or_else(|| error_text(locale, "internal").unwrap_or_default()));
    let field = query.get("field").filter(|field| FIELDS.contains(&field.as_str()));
    let error_for = |name: &str| -> Signal<Option<String>> {
        Signal::stored(message.clone().filter(|_| field.as_deref() == Some(name)))
    };
    let form_error = message.clone().filter(|_| field.is_none());

    view! {
        <Title text=t(locale, Key::RegisterTitle) />
        <div class="mx-auto max-w-md">
            <h1 class=H1>{t(locale, Key::RegisterTitle)}</h1>
            <p class=format!("mt-2 {MUTED}")>{t(locale, Key::RegisterIntro)}</p>
            <form method="post" action="/auth/register" novalidate class=format!("mt-6 space-y-5 {CARD}")>
                <FormField
                    id="name"
                    name="name"
                    label=t(locale, Key::Name)
                    autocomplete="name"
                    value=query.get("name").unwrap_or_default()
                    required=true
                    error=error_for("name")
                />
                <FormField
                    id="email"
                    name="email"
                    label=t(locale, Key::Email)
                    input_type="email"
                    autocomplete="email"
                    value=query.get("email").unwrap_or_default()
                    required=true
                    error=error_for("email")
                />
                <FormField
                    id="password"
                    name="password"
                    label=t(locale, Key::Password)
                    input_type="password"
                    autocomplete="new-password"
                    required=true
                    error=error_for("password")
                />
                {form_error.map(|message| view! { <p id="form-error" role="alert" class=ERROR_TEXT>{message}</p> })}
                <button type="submit" class=format!("w-full {BUTTON_PRIMARY}")>
                    {t(locale, Key::CreateAccount)}
                </button>
            </form>
            <p class=format!("mt-6 text-center {MUTED}")>
                <a href="/login" class=LINK>
                    {t(locale, Key::HaveAccount)}
                </a>
            </p>
        </div>
    }
}
