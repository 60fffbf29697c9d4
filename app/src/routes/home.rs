//! `/`: sends a signed-in user to their role's home and everyone else to the help center.

use leptos::prelude::*;

use crate::components::redirect_to::RedirectTo;
use crate::session::use_current_user;

#[component]
pub fn HomePage() -> impl IntoView {
    let user = use_current_user();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let target = match user.await {
                    Ok(Some(user)) => user.role.home_path(),
                    _ => "/help",
                };
                view! { <RedirectTo path=target /> }
            })}
        </Suspense>
    }
}
