//! Guards a page by role. Runs on the server before anything is sent (the routes render in `SsrMode::Async`),
//! so a visitor gets a real 302 to the sign-in page and a user without the role a real 403.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use tidings::domain::{is_allowed, Action};

use super::redirect_to::RedirectTo;
use crate::i18n::{t, use_locale, Key};
use crate::paths::login_path;
use crate::routes::no_access::NoAccessPage;
use crate::session::use_current_user;

/// Renders `children` only for a signed-in user whose role may perform `action`.
#[component]
pub fn RequireRole(
    /// The permission the page needs (e.g. `Action::UseAdminArea`).
    action: Action,
    children: ChildrenFn,
) -> impl IntoView {
    let user = use_current_user();
    let location = use_location();
    let locale = use_locale();

    view! {
        <Suspense fallback=move || view! { <p class="text-sm text-slate-600">{t(locale, Key::Loading)}</p> }>
            {
                let children = children.clone();
                move || {
                    let children = children.clone();
                    Suspend::new(async move {
                        match user.await {
                            Ok(Some(user)) if is_allowed(user.role, action) => children().into_any(),
                            Ok(Some(user)) => view! { <NoAccessPage home=user.role.home_path() /> }.into_any(),
                            Ok(None) => {
                                let here = location.pathname.get_untracked();
                                view! { <RedirectTo path=login_path(&here) /> }.into_any()
                            }
                            Err(_) => {
                                view! {
                                    <p role="alert" class="text-sm text-red-700">
                                        {t(locale, Key::LoadFailed)}
                                    </p>
                                }
                                    .into_any()
                            }
                        }
                    })
                }
            }
        </Suspense>
    }
}
