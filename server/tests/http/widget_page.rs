//! The widget's browser side as other sites see it: the loader `/widget.js` (JavaScript, loadable cross-origin,
//! cached and compressed) and the frame page `/widget/frame` (the brand's colour and language, escaped values, a CSP
//! that lets any site frame it while every other page still refuses to be framed).

use crate::common;

use common::{TestApp, PASSWORD};
use reqwest::header::HeaderMap;
use reqwest::Response;
use serde_json::json;

on_both_backends!(
    the_frame_shows_the_brand_and_may_be_framed_by_any_site,
    the_frame_speaks_german_when_asked,
    the_frame_escapes_what_the_host_page_passes,
    the_frame_offers_the_offline_form_until_an_agent_is_online,
    an_unknown_brand_gets_a_framable_not_found_page,
    other_pages_still_refuse_to_be_framed,
    the_loader_is_javascript_other_sites_may_load,
    the_frame_links_its_files_by_version,
);

fn header(headers: &HeaderMap, name: &str) -> String {
    headers.get(name).map(|value| value.to_str().unwrap().to_string()).unwrap_or_default()
}

async fn get(app: &TestApp, path: &str) -> Response {
    reqwest::Client::new().get(app.url(path)).send().await.unwrap()
}

/// The value of `attribute="…"` on the element with `id`, as rendered.
fn attribute_of(html: &str, id: &str, attribute: &str) -> Option<String> {
    let start = html.find(&format!("id=\"{id}\""))?;
    let tag_start = html[..start].rfind('<')?;
    let tag = &html[tag_start..tag_start + html[tag_start..].find('>')?];
    let value_start = tag.find(&format!(" {attribute}=\""))? + attribute.len() + 3;
    Some(tag[value_start..value_start + tag[value_start..].find('"')?].to_string())
}

/// Whether the element with `id` carries the `hidden` attribute.
fn is_hidden(html: &str, id: &str) -> bool {
    let start = html.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("#{id} is on the page"));
    let tag_start = html[..start].rfind('<').unwrap();
    let tag = &html[tag_start..tag_start + html[tag_start..].find('>').unwrap()];
    tag.split_whitespace().any(|part| part == "hidden" || part.starts_with("hidden="))
}

async fn the_frame_shows_the_brand_and_may_be_framed_by_any_site(app: TestApp) {
    app.state.services.set_brand_as_operator("acme", Some("Acme Shop"), Some("#0A7D55")).await.unwrap();
    let response =
        get(&app, "/widget/frame?brand=acme&lang=en&page=https%3A%2F%2Fshop.example%2Fcart&title=Cart").await;
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert!(header(&headers, "content-type").starts_with("text/html"), "{headers:?}");
    let csp = header(&headers, "content-security-policy");
    assert!(csp.contains("frame-ancestors *"), "any site may frame the widget: {csp}");
    assert!(!csp.contains("'unsafe-inline'") && csp.contains("script-src 'self'"), "{csp}");
    assert!(csp.contains("connect-src 'self' ws: wss:"), "REST and the socket: {csp}");
    assert!(headers.get("x-frame-options").is_none(), "no X-Frame-Options DENY on the frame: {headers:?}");
    assert_eq!(header(&headers, "cache-control"), "no-store");

    let html = response.text().await.unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("<html lang=\"en\""), "{html}");
    assert!(html.contains("--brand:#0a7d55"), "the brand's colour as a CSS variable: {html}");
    assert!(html.contains(">Acme Shop</h1>"), "{html}");
    let nonce = csp.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap();
    assert!(html.contains(&format!("<style nonce=\"{nonce}\">")), "only the header's nonce admits the style");
    for id in
        ["tab-faq", "tab-ticket", "tab-chat", "panel-faq", "ticket-form", "ticket-email", "chat-input", "chat-send"]
    {
        assert!(html.contains(&format!("id=\"{id}\"")), "#{id} is on the page");
    }
    assert_eq!(attribute_of(&html, "tab-faq", "aria-selected").as_deref(), Some("true"));
    assert_eq!(attribute_of(&html, "tab-chat", "aria-controls").as_deref(), Some("panel-chat"));
    assert!(is_hidden(&html, "panel-chat") && !is_hidden(&html, "panel-faq"));
    assert_eq!(attribute_of(&html, "tidings-frame", "data-page").as_deref(), Some("https://shop.example/cart"));
    assert!(html.contains("No articles yet"), "the FAQ's empty state until the knowledge base exists");
    assert!(html.contains("Agent is typing…"));

    // A colour stored by hand that is not #rrggbb never reaches CSS.
    app.state.services.set_brand_as_operator("acme", None, Some("#00ff00")).await.unwrap();
    let html = get(&app, "/widget/frame?brand=acme").await.text().await.unwrap();
    assert!(html.contains("--brand:#00ff00;--brand-ink:#111827"), "dark text on a light colour: {html}");
    let refused = app.state.services.set_brand_as_operator("acme", None, Some("red;}body{x:y")).await.unwrap_err();
    assert_eq!((refused.code(), refused.field()), ("invalid_color", Some("color")));
}

async fn the_frame_speaks_german_when_asked(app: TestApp) {
    let html = get(&app, "/widget/frame?brand=default&lang=de").await.text().await.unwrap();
    assert!(html.contains("<html lang=\"de\""), "{html}");
    for text in ["Neues Ticket", "Noch keine Artikel", "Der Support schreibt …", "Ihre Nachricht", "Betreff"] {
        assert!(html.contains(text), "{text}");
    }
    assert!(!html.contains("New ticket"));
    let texts = attribute_of(&html, "tidings-frame", "data-texts").unwrap().replace("&quot;", "\"");
    let texts: serde_json::Value = serde_json::from_str(&texts).expect("the script's texts are JSON");
    assert_eq!(texts["errors"]["required"], "Dieses Feld ist erforderlich.");

    let by_header = reqwest::Client::new()
        .get(app.url("/widget/frame?brand=default"))
        .header("accept-language", "de-AT,de;q=0.9")
        .send()
        .await
        .unwrap();
    assert!(by_header.text().await.unwrap().contains("<html lang=\"de\""), "without lang, Accept-Language decides");
}

async fn the_frame_escapes_what_the_host_page_passes(app: TestApp) {
    app.state.services.set_brand_as_operator("quotes", Some("<b>\"Bold\" & Co</b>"), None).await.unwrap();
    let evil = "%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E";
    let html = get(&app, &format!("/widget/frame?brand=quotes&page={evil}&title={evil}")).await.text().await.unwrap();
    assert!(!html.contains("<script>alert(1)"), "{html}");
    assert!(!html.contains("<b>\"Bold\""), "{html}");
    assert!(html.contains(">&lt;b&gt;\"Bold\" &amp; Co&lt;/b&gt;</h1>"), "the brand's name is text: {html}");
    assert!(html.contains("data-page=\"&quot;"), "attribute values are escaped: {html}");
}

async fn the_frame_offers_the_offline_form_until_an_agent_is_online(app: TestApp) {
    let html = get(&app, "/widget/frame?brand=default").await.text().await.unwrap();
    assert_eq!(attribute_of(&html, "tidings-frame", "data-chat-available").as_deref(), Some("false"));
    assert!(is_hidden(&html, "chat-live") && !is_hidden(&html, "chat-offline"), "nobody online: the offline form");

    let admin = app.admin().await;
    app.create_user(&admin, "online-agent@example.com", "agent").await;
    let agent = app.browser();
    assert_eq!(app.login(&agent, "online-agent@example.com", PASSWORD).await.status(), 200);
    let online =
        agent.put(app.url("/api/v1/me/availability")).json(&json!({"availability": "online"})).send().await.unwrap();
    assert!(online.status().is_success(), "{}", online.status());

    let html = get(&app, "/widget/frame?brand=default").await.text().await.unwrap();
    assert_eq!(attribute_of(&html, "tidings-frame", "data-chat-available").as_deref(), Some("true"));
    assert!(!is_hidden(&html, "chat-live") && is_hidden(&html, "chat-offline"), "an agent is online: the chat");
}

async fn an_unknown_brand_gets_a_framable_not_found_page(app: TestApp) {
    let response = get(&app, "/widget/frame?brand=nobody-here&lang=de").await;
    assert_eq!(response.status(), 404);
    let headers = response.headers().clone();
    assert!(header(&headers, "content-type").starts_with("text/html"));
    assert!(header(&headers, "content-security-policy").contains("frame-ancestors *"));
    assert!(headers.get("x-frame-options").is_none());
    let html = response.text().await.unwrap();
    assert!(html.contains("<html lang=\"de\"") && html.contains("nicht eingerichtet"), "{html}");
}

async fn other_pages_still_refuse_to_be_framed(app: TestApp) {
    for path in ["/login", "/api/v1/me", "/widget.js"] {
        let response = get(&app, path).await;
        let csp = header(response.headers(), "content-security-policy");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert_eq!(header(response.headers(), "x-frame-options"), "DENY", "{path}");
    }
}

async fn the_loader_is_javascript_other_sites_may_load(app: TestApp) {
    let client = reqwest::Client::new();
    let response = client.get(app.url("/widget.js")).header("origin", "https://shop.example").send().await.unwrap();
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert_eq!(header(&headers, "content-type"), "text/javascript; charset=utf-8");
    assert_eq!(header(&headers, "cross-origin-resource-policy"), "cross-origin");
    assert_eq!(header(&headers, "x-content-type-options"), "nosniff");
    assert!(header(&headers, "cache-control").contains("max-age=3600"), "{headers:?}");
    let body = response.text().await.unwrap();
    assert!(body.contains("tidings-launcher") && body.contains("/widget/frame?brand="), "the loader itself");

    let etag = header(&headers, "etag");
    assert!(etag.starts_with('"'), "{etag}");
    let again = client.get(app.url("/widget.js")).header("if-none-match", &etag).send().await.unwrap();
    assert_eq!(again.status(), 304, "an unchanged loader is not sent again");

    for encoding in ["gzip", "br"] {
        let compressed = client.get(app.url("/widget.js")).header("accept-encoding", encoding).send().await.unwrap();
        assert_eq!(header(compressed.headers(), "content-encoding"), encoding);
        let size = compressed.bytes().await.unwrap().len();
        assert!(size < body.len() / 2, "{encoding}: {size} of {} bytes", body.len());
    }
}

async fn the_frame_links_its_files_by_version(app: TestApp) {
    let html = get(&app, "/widget/frame?brand=default").await.text().await.unwrap();
    for (file, content_type) in [("/widget-frame.js", "text/javascript"), ("/widget-frame.css", "text/css")] {
        let start = html.find(&format!("{file}?v=")).unwrap_or_else(|| panic!("{file} is linked"));
        let link = &html[start..start + html[start..].find('"').unwrap()];
        let versioned = get(&app, link).await;
        assert_eq!(versioned.status(), 200, "{link}");
        assert!(header(versioned.headers(), "content-type").starts_with(content_type));
        assert!(header(versioned.headers(), "cache-control").contains("immutable"), "{link}");
        let stale = get(&app, &format!("{file}?v=0")).await;
        assert_eq!(header(stale.headers(), "cache-control"), "public, no-cache", "an old version is revalidated");
    }
}

/// `TIDINGS_WIDGET_FRAME_ANCESTORS` limits who may frame the widget.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn frame_ancestors_can_be_limited_to_named_sites() {
    let extra = [("TIDINGS_WIDGET_FRAME_ANCESTORS", "https://shop.example.com https://*.example.org")];
    let app = common::spawn(common::Backend::Sqlite, &extra).await.unwrap();
    let response = get(&app, "/widget/frame?brand=default").await;
    let csp = header(response.headers(), "content-security-policy");
    assert!(csp.ends_with("frame-ancestors https://shop.example.com https://*.example.org"), "{csp}");
}
