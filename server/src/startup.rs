//! Building the application: open the store, create the first admin, assemble the router. Tests call
//! `build_app` with their own configuration and serve it on port 0.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::{from_fn_with_state, map_response};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, handle_server_fns_with_context, LeptosRoutes};
use std::sync::Arc;
use tidings::blob::DiskBlobStore;
use tidings::domain::analytics::CsatSigningKey;
use tidings::domain::AttachmentPolicy;
use tidings::service::{Services, Settings};
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::services::ServeDir;
use tower_http::trace::{DefaultOnResponse, TraceLayer};

use crate::config::{redact_url, Config};
use crate::ops::{self, metrics::Metrics};
use crate::state::AppState;
use crate::{
    canned_forms, csat_forms, csrf, customer_forms, forms, help_center, identity, rest, rule_forms, ticket_forms,
    ticket_work_forms, widget, ws,
};

/// Opens the database (running migrations), creates the first admin if configured, and returns the
/// router with everything mounted.
pub async fn build_app(config: Config) -> anyhow::Result<(Router, AppState)> {
    if config.database_url.starts_with("sqlite:") {
        std::fs::create_dir_all(&config.data_dir)
            .map_err(|err| anyhow::anyhow!("creating data directory {}: {err}", config.data_dir.display()))?;
    }
    let services = open_services(&config).await?;
    if let (Some(email), Some(password)) = (&config.admin_email, &config.admin_password) {
        match services.ensure_first_admin(email, password).await {
            Ok(Some(admin)) => tracing::info!(email = %admin.email, "created the first admin"),
            Ok(None) => {}
            Err(err) => {
                anyhow::bail!("creating the first admin from TIDINGS_ADMIN_EMAIL failed: {err} ({})", err.code())
            }
        }
    }
    match services.reindex_articles_if_pending().await {
        Ok(Some(count)) => tracing::info!(count, "rebuilt the knowledge-base search index, as a migration asked"),
        Ok(None) => {}
        Err(err) => anyhow::bail!("rebuilding the knowledge-base search index failed: {err} ({})", err.code()),
    }
    services.start_live_hub().await.map_err(|err| anyhow::anyhow!("starting live updates: {err}"))?;
    tokio::spawn(services.clone().run_outbox());
    tokio::spawn(services.clone().run_sla_watcher(std::time::Duration::from_secs(config.sla_tick_seconds)));
    if config.rules_defaults {
        match services.seed_default_rules().await {
            Ok(true) => tracing::info!("planted the default automation rules"),
            Ok(false) => {}
            Err(err) => anyhow::bail!("planting the default automation rules failed: {err}"),
        }
    }
    tokio::spawn(services.clone().run_rule_escalations());
    tokio::spawn(services.clone().run_rule_scheduler(std::time::Duration::from_secs(config.rules_tick_seconds)));
    tokio::spawn(services.clone().run_weekly_reports(std::time::Duration::from_secs(config.report_tick_seconds)));
    let every = std::time::Duration::from_secs(config.channels.imap_poll_seconds);
    for mailbox in &config.channels.imap_mailboxes {
        tracing::info!(%mailbox, every_secs = every.as_secs(), "polling IMAP mailbox");
        tokio::spawn(services.clone().run_mail_poller(mailbox.clone(), every));
    }
    let state = AppState {
        services,
        leptos_options: leptos_options(&config),
        config: Arc::new(config),
        metrics: Arc::new(Metrics::default()),
    };
    Ok((router(state.clone()), state))
}

/// The services on the configured database, schema brought up to date.
pub async fn open_services(config: &Config) -> anyhow::Result<Services> {
    let store = tidings::store::connect(&config.database_url)
        .await
        .map_err(|err| anyhow::anyhow!("opening database {}: {err}", redact_url(&config.database_url)))?;
    let settings = Settings {
        registration_open: config.registration_open,
        attachments: AttachmentPolicy {
            max_bytes: config.attachment_max_bytes,
            max_files: config.attachment_max_files,
        },
        senders: config.channels.senders()?,
        whatsapp_templates: config.channels.whatsapp.as_ref().map(|w| w.templates.clone()).unwrap_or_default(),
        channel_overview: crate::channel_overview::channel_overview(&config.channels),
        triage_min_confidence: config.triage_min_confidence,
        rules_webhook_allow_private: config.rules_webhook_allow_private,
        public_url: config.public_url.as_ref().map(|url| url.as_str().trim_end_matches('/').to_owned()),
        csat_secret: config.csat_secret.as_ref().and_then(|secret| CsatSigningKey::new(secret.as_bytes().to_vec())),
        weekly_report: config.weekly_report,
        ..Settings::default()
    };
    let blobs = Arc::new(DiskBlobStore::new(config.attachments_dir()));
    Ok(Services::new(store, blobs, settings))
}

fn leptos_options(config: &Config) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("tidings")
        .site_root(config.site_root.to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .site_addr(config.addr)
        .build()
}

fn router(state: AppState) -> Router {
    let options = state.leptos_options.clone();
    let routes = generate_route_list(app::App);
    let services = state.services.clone();
    let pkg_dir = state.config.site_root.join("pkg");
    let pages = Router::new()
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(services.clone()),
            move || app::shell(options.clone()),
        )
        .route("/api/{*fn_name}", post(server_fn).get(server_fn))
        .route("/auth/login", post(forms::login))
        .route("/auth/register", post(forms::register))
        .route("/auth/logout", post(forms::logout))
        .route("/lang/{tag}", get(forms::choose_language))
        .route("/portal/tickets", post(ticket_forms::portal_create))
        .route("/portal/tickets/{id}/messages", post(ticket_forms::portal_reply))
        .route("/agent/tickets/bulk", post(ticket_work_forms::bulk))
        .route("/agent/tickets/{id}/merge", post(ticket_work_forms::merge))
        .route("/agent/tickets/{id}/split", post(ticket_work_forms::split))
        .route("/agent/tickets/{id}/messages", post(ticket_forms::agent_reply))
        .route("/agent/tickets/{id}/properties", post(ticket_forms::agent_properties))
        .route("/agent/customers/{id}/merge", post(customer_forms::merge))
        .route("/agent/canned", post(canned_forms::create))
        .route("/agent/canned/{id}", post(canned_forms::update))
        .route("/agent/canned/{id}/delete", post(canned_forms::delete))
        .route("/admin/rules", post(rule_forms::create))
        .route("/admin/rules/{id}", post(rule_forms::update))
        .route("/admin/rules/{id}/delete", post(rule_forms::delete))
        .route("/help/{lang}/articles/{slug}/vote", post(help_center::vote))
        .route("/csat/{token}", post(csat_forms::answer))
        .route("/sitemap.xml", get(help_center::sitemap))
        .route("/robots.txt", get(help_center::robots))
        .nest_service("/pkg", ServeDir::new(pkg_dir).precompressed_br().precompressed_gzip())
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(
            {
                let services = state.services.clone();
                move || provide_context(services.clone())
            },
            app::shell,
        ));
    let api = rest::router(&state.config).layer(map_response(rest::json_error_for_bare_status));
    Router::new()
        .nest("/api/v1", api)
        .merge(pages)
        .merge(widget::routes())
        .route("/ws", get(ws::upgrade))
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .route("/metrics", get(ops::metrics::expose))
        .layer(from_fn_with_state(state.clone(), ops::metrics::record))
        .layer(from_fn_with_state(state.clone(), identity::resolve_identity))
        .layer(from_fn_with_state(state.clone(), csrf::refuse_cross_site))
        .layer(axum::extract::DefaultBodyLimit::max(state.config.max_body_bytes))
        .layer(from_fn_with_state(state.clone(), ops::security_headers::add))
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)).compress_when(compressible()))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(ops::telemetry::request_span)
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .with_state(state)
}

/// What is worth compressing: the default (not images, gRPC or event streams), and not the streamed CSV exports,
/// whose compressed body never got its end (browsers saw `ERR_INCOMPLETE_CHUNKED_ENCODING`, curl exit 18).
fn compressible() -> impl Predicate {
    DefaultPredicate::new().and(NotForContentType::const_new("text/csv"))
}

/// Server functions live at `/api/<name>`; that wildcard also matches unknown REST paths, which get the
/// REST API's JSON 404 instead of the server-function error text.
async fn server_fn(State(state): State<AppState>, request: Request<Body>) -> axum::response::Response {
    if request.uri().path().starts_with("/api/v1/") {
        return rest::ApiError::not_found().into_response();
    }
    let services = state.services.clone();
    handle_server_fns_with_context(move || provide_context(services.clone()), request).await.into_response()
}

/// Serves until SIGINT or SIGTERM, then lets requests in flight finish.
pub async fn serve(listener: tokio::net::TcpListener, router: Router) -> anyhow::Result<()> {
    let service = router.into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, service).with_graceful_shutdown(shutdown_signal()).await?;
    tracing::info!("shut down cleanly");
    Ok(())
}

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutdown requested; finishing requests in flight");
}
