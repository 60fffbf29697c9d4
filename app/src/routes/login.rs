//! `/login`: a plain HTML form posting to `/auth/login`, so signing in works with JavaScript off. The server
//! answers a failure by redirecting back here with `?error=<code>&email=…`, which this page translates and shows
//! next to the field it concerns.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::form_field::FormField;
use crate::components::styles::{BUTTON_PRIMARY, CARD, H1, LINK, MUTED};
use crate::i18n::{error_text, t, use_locale, Key};
use crate::paths::local_path;

#[component]
pub fn LoginPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map().get_untracked();
    let code = query.get("error");
    let email = query.get("email");
    let next = query.get("next").filter(|next| local_path(next).is_some());

    // An unknown code still deserves a message; the password field is where a failed sign-in is reported.
    let message = code.as_deref().map(|code| {
        error_text(locale, code).unwrap_or_else(|| error_text(locale, "invalid_credentials").unwrap_or_default())
    });
    let on_email = code.as_deref() == Some("invalid_email");
    let email_error = if on_email { message.clone() } else { None };
    let password_error = if on_email { None } else { message };

    view! {
        <Title text=t(locale, Key::SignIn) />
        <div class="mx-auto max-w-md">
            <h1 class=H1>{t(locale, Key::SignIn)}</h1>
            <p class=format!("mt-2 {MUTED}")>{t(locale, Key::LoginIntro)}</p>
            <form method="post" action="/auth/login" novalidate class=format!("mt-6 space-y-5 {CARD}")>
                <FormField
                    id="email"
                    name="email"
                    label=t(locale, Key::Email)
                    input_type="email"
                    autocomplete="email"
                    value=email.unwrap_or_default()
                    required=true
                    error=Signal::stored(email_error)
                />
                <FormField
                    id="password"
                    name="password"
                    label=t(locale, Key::Password)
                    input_type="password"
                    autocomplete="current-password"
                    required=true
                    error=Signal::stored(password_error)
                />
                {next.map(|next| view! { <input type="hidden" name="next" value=next /> })}
                <button type="submit" class=format!("w-full {BUTTON_PRIMARY}")>
                    {t(locale, Key::SignIn)}
                </button>
            </form>
            <p class=format!("mt-6 text-center {MUTED}")>
                {t(locale, Key::NoAccountYet)} " "
                <a href="/register" class=LINK>
                    {t(locale, Key::CreateAnAccount)}
                </a>
            </p>
        </div>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use leptos_router::{components::Router, location::RequestUrl};
    use tidings::domain::Locale;

    fn render(url: &str, locale: Locale) -> String {
        Owner::new().with(|| {
            provide_context(RequestUrl::new(url));
            provide_context(locale);
            leptos_meta::provide_meta_context();
            view! {
                <Router>
                    <LoginPage />
                </Router>
            }
            .to_html()
        })
    }

    #[test]
    fn a_failed_sign_in_is_explained_under_the_password_in_the_readers_language() {
        let html = render("/login?error=invalid_credentials&email=ada%40example.com&next=%2Fadmin", Locale::De);
        assert!(html.contains(r#"<p id="password-error" role="alert""#), "{html}");
        assert!(html.contains("E-Mail oder Passwort ist falsch."), "{html}");
        assert!(html.contains(r#"aria-describedby="password-error""#), "{html}");
        assert!(html.contains(r#"value="ada@example.com""#), "{html}");
        assert!(html.contains(r#"name="next" value="/admin""#), "{html}");
        assert!(!html.contains("email-error"), "{html}");
    }

    #[test]
    fn an_invalid_email_is_shown_under_the_email_and_foreign_next_is_dropped() {
        let html = render("/login?error=invalid_email&next=https://evil.example", Locale::En);
        assert!(html.contains(r#"<p id="email-error" role="alert""#), "{html}");
        assert!(!html.contains("password-error"), "{html}");
        assert!(!html.contains("evil.example"), "{html}");
    }
}
