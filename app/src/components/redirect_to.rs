//! A redirect that is a real `302 Found` on the server whatever the request's `Accept` header says
//! (leptos_axum's own redirect answers 302 only to requests that accept `text/html`), and a client-side
//! navigation in the browser.

use leptos::prelude::*;
use leptos_router::components::Redirect;

#[component]
pub fn RedirectTo(
    /// A local path, e.g. `/login?next=/admin`.
    #[prop(into)]
    path: String,
) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(location)) =
        (use_context::<leptos_axum::ResponseOptions>(), http::HeaderValue::from_str(&path))
    {
        response.set_status(http::StatusCode::FOUND);
        response.insert_header(http::header::LOCATION, location);
    }
    view! { <Redirect path=path /> }
}
