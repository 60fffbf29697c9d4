//! Tidings web UI: the HTML shell, the router and every page.
//!
//! The server renders each page completely (`SsrMode::Async`) so that redirects and 403s are decided before the
//! response head is sent and every page works with JavaScript off; the browser then hydrates the same tree.
// Whole pages rendered as one typed view tree nest deeper than the compiler's default query depth.
#![recursion_limit = "256"]

pub mod api;
pub mod catalog;
pub mod components;
#[cfg(feature = "hydrate")]
mod export_download;
pub mod format;
pub mod help_paths;
pub mod i18n;
pub mod live;
#[cfg(feature = "hydrate")]
mod live_socket;
pub mod paths;
pub mod routes;
pub mod session;
pub mod text_edit;
pub mod ticket_query;
pub mod user_agent;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

use crate::components::header::SiteHeader;
use crate::i18n::{t, Key};
use crate::routes::{
    account::AccountPage, admin_channels::AdminChannelsPage, admin_teams::AdminTeamsPage, admin_users::AdminUsersPage,
    agent::AgentPage, agent_me::AgentMePage, help::HelpLangPage, help::HelpPage, home::HomePage, login::LoginPage,
    not_found::NotFoundPage, portal::PortalPage, register::RegisterPage, supervisor_dashboard::SupervisorDashboardPage,
    supervisor_routing::SupervisorRoutingPage,
};
use crate::routes::{
    admin_kb::AdminKbPage, admin_kb_categories::AdminKbCategoriesPage, admin_kb_edit::AdminKbEditPage,
    admin_kb_new::AdminKbNewPage, admin_rules::AdminRulesPage, admin_sla::AdminSlaPage,
};
use crate::routes::{
    agent_canned::AgentCannedPage, agent_chats::AgentChatsPage, agent_customer::AgentCustomerPage,
    agent_customers::AgentCustomersPage, agent_queue::AgentQueuePage, agent_ticket::AgentTicketPage,
    portal_new::PortalNewPage, portal_ticket::PortalTicketPage,
};
use crate::routes::{
    csat::CsatPage, help_article::HelpArticlePage, help_category::HelpCategoryPage, help_search::HelpSearchPage,
};

/// The whole HTML document. Only the server renders it; the browser hydrates `<App/>` inside `<body>`.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_content_security_policy();
    // `<html lang>` is what the browser reads back to pick the same language while hydrating.
    let locale = i18n::detect_locale();
    view! {
        <!DOCTYPE html>
        <html lang=locale.as_str()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="icon" type="image/svg+xml" href="/favicon.svg" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body class="min-h-screen bg-slate-50 text-slate-900 antialiased">
                <App />
            </body>
        </html>
    }
}

/// Sends a strict CSP whose script nonce is the one Leptos puts on its hydration scripts, so an injected
/// `<script>` cannot run even if some text ever escaped.
#[cfg(feature = "ssr")]
fn set_content_security_policy() {
    use leptos::nonce::{provide_nonce, use_nonce};

    // leptos_axum already provides a nonce per request; a second one would not match its inline scripts.
    if use_nonce().is_none() {
        provide_nonce();
    }
    let (Some(nonce), Some(response)) = (use_nonce(), use_context::<leptos_axum::ResponseOptions>()) else {
        return;
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws: wss:; \
         font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    );
    if let Ok(value) = http::HeaderValue::from_str(&policy) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

/// The application: shared context (language, signed-in user), the page chrome and the routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let locale = i18n::provide_locale();
    session::provide_current_user();
    live::provide_live();

    view! {
        <Stylesheet id="leptos" href="/pkg/tidings.css" />
        <Title formatter=|title: String| format!("{title} · Tidings") />
        <Router>
            <a
                href="#main"
                rel="external"
                class="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded-md focus:bg-white focus:px-4 focus:py-2 focus:text-sm focus:font-medium focus:text-indigo-700 focus:shadow focus:outline-none focus:ring-2 focus:ring-indigo-600"
            >
                {t(locale, Key::SkipToContent)}
            </a>
            <SiteHeader />
            <main id="main" tabindex="-1" class="mx-auto w-full max-w-6xl px-4 py-8 focus:outline-none sm:px-6">
                <Routes fallback=|| view! { <NotFoundPage /> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async />
                    <Route path=path!("/register") view=RegisterPage ssr=SsrMode::Async />
                    <Route path=path!("/help") view=HelpPage ssr=SsrMode::Async />
                    <Route path=path!("/help/:lang") view=HelpLangPage ssr=SsrMode::Async />
                    <Route path=path!("/help/:lang/search") view=HelpSearchPage ssr=SsrMode::Async />
                    <Route path=path!("/help/:lang/categories/:slug") view=HelpCategoryPage ssr=SsrMode::Async />
                    <Route path=path!("/help/:lang/articles/:slug") view=HelpArticlePage ssr=SsrMode::Async />
                    <Route path=path!("/agent") view=AgentPage ssr=SsrMode::Async />
                    <Route path=path!("/agent/tickets") view=AgentQueuePage ssr=SsrMode::Async />
                    <Route path=path!("/agent/customers") view=AgentCustomersPage ssr=SsrMode::Async />
                    <Route path=path!("/agent/customers/:id") view=AgentCustomerPage ssr=SsrMode::Async />
                    <Route path=path!("/agent/canned") view=AgentCannedPage ssr=SsrMode::Async />
                    <Route path=path!("/agent/chats") view=AgentChatsPage ssr=SsrMode::Async />
                    <Route path=path!("/agent/tickets/:id") view=AgentTicketPage ssr=SsrMode::Async />
                    <Route path=path!("/portal") view=PortalPage ssr=SsrMode::Async />
                    <Route path=path!("/portal/new") view=PortalNewPage ssr=SsrMode::Async />
                    <Route path=path!("/portal/tickets/:id") view=PortalTicketPage ssr=SsrMode::Async />
                    <Route path=path!("/admin") view=AdminUsersPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/teams") view=AdminTeamsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/channels") view=AdminChannelsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/sla") view=AdminSlaPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/rules") view=AdminRulesPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/kb") view=AdminKbPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/kb/new") view=AdminKbNewPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/kb/categories") view=AdminKbCategoriesPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/kb/:id") view=AdminKbEditPage ssr=SsrMode::Async />
                    <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async />
                    <Route path=path!("/supervisor") view=SupervisorDashboardPage ssr=SsrMode::Async />
                    <Route path=path!("/agent/me") view=AgentMePage ssr=SsrMode::Async />
                    <Route path=path!("/supervisor/routing") view=SupervisorRoutingPage ssr=SsrMode::Async />
                    <Route path=path!("/csat/:token") view=CsatPage ssr=SsrMode::Async />
                </Routes>
            </main>
        </Router>
    }
}
