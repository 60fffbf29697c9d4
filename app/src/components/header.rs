//! The page header: brand, the areas the user may open, language switch and the account menu.
//!
//! On narrow screens the area links move to their own scrollable row under the brand, so nothing is hidden
//! behind a menu that would need JavaScript.

use leptos::prelude::*;
use tidings::domain::User;

use super::area_nav::AreaNav;
use super::language_switcher::LanguageSwitcher;
use super::sign_out_form::SignOutForm;
use super::styles::BUTTON_PRIMARY;
use crate::i18n::{t, use_locale, Key};
use crate::session::use_current_user;

#[component]
pub fn SiteHeader() -> impl IntoView {
    let user = use_current_user();

    view! {
        <header class="border-b border-slate-200 bg-white">
            <div class="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 sm:gap-x-6 px-4 py-3 sm:px-6">
                <a
                    href="/"
                    class="flex items-center gap-2 rounded-md text-lg font-semibold tracking-tight text-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600"
                >
                    <img src="/favicon.svg" alt="" width="28" height="28" class="h-7 w-7" />
                    "Tidings"
                </a>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        let signed_in = user.await.ok().flatten();
                        view! { <HeaderContent user=signed_in /> }
                    })}
                </Suspense>
            </div>
        </header>
    }
}

/// The part of the header that depends on who is signed in.
#[component]
fn HeaderContent(user: Option<User>) -> impl IntoView {
    let locale = use_locale();
    let areas = user.as_ref().map(|user| {
        view! {
            <div class="order-last w-full sm:order-none sm:w-auto">
                <AreaNav role=user.role />
            </div>
        }
    });
    let account = match user {
        Some(user) => view! {
            <p class="hidden max-w-48 truncate text-sm text-slate-700 sm:block">
                <span class="sr-only">{t(locale, Key::SignedInAs)} " "</span>
                {user.name}
            </p>
            <SignOutForm />
        }
        .into_any(),
        None => view! {
            <a href="/login" class=BUTTON_PRIMARY>
                {t(locale, Key::SignIn)}
            </a>
        }
        .into_any(),
    };

    view! {
        {areas}
        <div class="ml-auto flex items-center gap-3">
            <LanguageSwitcher />
            {account}
        </div>
    }
}
