//! The head of a help-center page: title, description, canonical address and its other-language versions, so
//! search engines index one address per page and language.

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};

/// `alternates` are (`hreflang`, path) pairs: `en`, `de` and optionally `x-default`; empty for a page that
/// exists in one language only.
#[component]
pub fn HelpHead(
    title: String,
    description: String,
    canonical: String,
    alternates: Vec<(&'static str, String)>,
    /// Keeps the page out of search indexes (search results) while its links are still followed.
    #[prop(optional)]
    noindex: bool,
) -> impl IntoView {
    let origin = site_origin();
    let canonical = format!("{origin}{canonical}");
    let alternates = alternates
        .into_iter()
        .map(|(hreflang, href)| view! { <Link rel="alternate" hreflang=hreflang href=format!("{origin}{href}") /> })
        .collect_view();
    view! {
        <Title text=title />
        <Meta name="description" content=description />
        <Link rel="canonical" href=canonical />
        {alternates}
        {noindex.then(|| view! { <Meta name="robots" content="noindex, follow" /> })}
    }
    .into_any()
}

/// This site's origin (`scheme://host[:port]`): canonical and `hreflang` links must be absolute URLs. On the server
/// it comes from the request (`Host`, and `X-Forwarded-Proto` behind a proxy), in the browser from the location,
/// which name the same site.
fn site_origin() -> String {
    #[cfg(feature = "ssr")]
    {
        let Some(parts) = use_context::<http::request::Parts>() else { return String::new() };
        let header = |name: &str| parts.headers.get(name).and_then(|value| value.to_str().ok()).map(str::to_string);
        let Some(host) = header("host").filter(|host| !host.contains(['/', ' ', '@'])) else { return String::new() };
        let scheme = header("x-forwarded-proto").filter(|proto| proto == "https").unwrap_or_else(|| "http".into());
        format!("{scheme}://{host}")
    }
    #[cfg(not(feature = "ssr"))]
    {
        window().location().origin().unwrap_or_default()
    }
}
