//! The help center's plain HTTP parts: the "Was this helpful?" form post (works without JavaScript),
//! `/sitemap.xml` and `/robots.txt`. The pages themselves are Leptos routes (`app::routes::help*`).

use std::fmt::Write as _;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use chrono::{DateTime, Utc};
use tidings::domain::kb::ArticleSummary;
use tidings::domain::Locale;
use tidings::service::{
    identify_voter, Actor, ArticleQuery, ClientInfo, PageRequest, ServiceError, Services, VISITOR_COOKIE,
};

use app::api::help_center::ssr::resolve_article;
use app::api::help_center::with_subtree_counts;
use app::help_paths::{help_article_path, help_home_path, help_topic_path};
use app::i18n::help_lang;

use crate::forms::error_query;
use crate::identity::cookie;
use crate::rest::visitor_cookie;
use crate::state::AppState;
use crate::ticket_forms::{segment, FormPairs};

/// Above this many published articles the sitemap leaves out their language alternates (one lookup each).
const MAX_ARTICLES_WITH_ALTERNATES: u64 = 5_000;

/// `POST /help/{lang}/articles/{slug}/vote` (urlencoded `helpful=yes|no`): records the reader's vote (a later
/// one replaces it; visitors are told apart by the `tidings_visitor` cookie, set here when new) and answers
/// 303 to the article with `?voted=1#feedback`, or `?error=<code>#feedback` when refused.
pub async fn vote(
    State(state): State<AppState>,
    Extension(actor): Extension<Option<Actor>>,
    Extension(client): Extension<ClientInfo>,
    headers: HeaderMap,
    Path((lang, slug)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let Some(lang) = help_lang(&lang) else { return not_found() };
    let page = help_article_path(lang, &segment(&slug));
    let helpful = match FormPairs::parse(&body).first("helpful").as_str() {
        "yes" => true,
        "no" => false,
        _ => return Redirect::to(&format!("{page}?error=invalid_vote#feedback")).into_response(),
    };
    let article = match resolve_article(&state.services, actor.as_ref(), lang, &slug, false).await {
        Ok((article, _)) => article,
        Err(ServiceError::NotFound(_)) => return not_found(),
        Err(err) => return Redirect::to(&format!("{page}?{}#feedback", error_query(&err))).into_response(),
    };
    let voter = identify_voter(actor.as_ref(), cookie(&headers, VISITOR_COOKIE));
    if let Err(err) = state.services.vote_on_article(actor.as_ref(), &client, &voter.key, &article.id, helpful).await {
        return Redirect::to(&format!("{page}?{}#feedback", error_query(&err))).into_response();
    }
    let mut response = Redirect::to(&format!("{page}?voted=1#feedback")).into_response();
    if let Some(visitor) = voter.new_visitor_cookie {
        if let Ok(value) = HeaderValue::from_str(&visitor_cookie(&visitor, state.config.serves_https())) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "There is no such article.").into_response()
}

/// `GET /robots.txt`: the help center is for everyone; the work areas and the API are not for crawlers.
pub async fn robots(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let origin = site_origin(&state, &headers);
    let body = format!(
        "User-agent: *\nAllow: /help\nDisallow: /agent\nDisallow: /admin\nDisallow: /portal\nDisallow: /account\n\
         Disallow: /api/\n\nSitemap: {origin}/sitemap.xml\n"
    );
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}

/// `GET /sitemap.xml`: the help center's start pages, every topic with published articles and every published
/// article, per language, with `<lastmod>` and the other-language versions as `xhtml:link` alternates.
pub async fn sitemap(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let origin = site_origin(&state, &headers);
    match sitemap_entries(&state.services).await {
        Ok(entries) => {
            ([(header::CONTENT_TYPE, "application/xml; charset=utf-8")], sitemap_xml(&origin, &entries)).into_response()
        }
        Err(err) => {
            tracing::error!(error = %err, "building the sitemap failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "The sitemap could not be built.").into_response()
        }
    }
}

/// One `<url>`: a path, when it last changed, and its versions (`hreflang`, path), itself included.
#[derive(Debug, PartialEq)]
struct SitemapEntry {
    path: String,
    lastmod: Option<DateTime<Utc>>,
    alternates: Vec<(&'static str, String)>,
}

async fn sitemap_entries(services: &Services) -> Result<Vec<SitemapEntry>, ServiceError> {
    let articles = published_articles(services).await?;
    let mut entries = Vec::new();
    let home_alternates = vec![
        ("en", help_home_path(Locale::En)),
        ("de", help_home_path(Locale::De)),
        ("x-default", "/help".to_string()),
    ];
    for lang in Locale::ALL {
        let lastmod = articles.iter().filter(|a| a.lang == lang).map(|a| a.updated_at).max();
        entries.push(SitemapEntry { path: help_home_path(lang), lastmod, alternates: home_alternates.clone() });
    }
    let mut topics: Vec<(Locale, String)> = Vec::new();
    for lang in Locale::ALL {
        let categories = with_subtree_counts(&services.list_kb_categories(lang).await?);
        topics.extend(categories.into_iter().filter(|c| c.article_count > 0).map(|c| (lang, c.slug)));
    }
    for (lang, slug) in &topics {
        let alternates: Vec<(&'static str, String)> = topics
            .iter()
            .filter(|(_, other)| other == slug)
            .map(|(other_lang, _)| (other_lang.as_str(), help_topic_path(*other_lang, slug)))
            .collect();
        let alternates = if alternates.len() > 1 { alternates } else { Vec::new() };
        entries.push(SitemapEntry { path: help_topic_path(*lang, slug), lastmod: None, alternates });
    }
    let with_alternates = (articles.len() as u64) < MAX_ARTICLES_WITH_ALTERNATES;
    for summary in &articles {
        let path = help_article_path(summary.lang, &summary.slug);
        let alternates = if with_alternates { article_alternates(services, summary).await? } else { Vec::new() };
        entries.push(SitemapEntry { path, lastmod: Some(summary.updated_at), alternates });
    }
    Ok(entries)
}

/// Every published article, both languages, in pages of the most a list gives.
async fn published_articles(services: &Services) -> Result<Vec<ArticleSummary>, ServiceError> {
    let mut all = Vec::new();
    let mut page = 1;
    loop {
        let request = PageRequest::new(page, PageRequest::MAX_PER_PAGE);
        let query = ArticleQuery { page: Some(request), ..ArticleQuery::default() };
        let listed = services.list_articles(None, query).await?;
        let last = listed.items.len() < request.per_page as usize;
        all.extend(listed.items);
        if last || all.len() as u64 >= listed.total {
            return Ok(all);
        }
        page += 1;
    }
}

/// The article and its published translations as (`hreflang`, path); empty when it has none.
async fn article_alternates(
    services: &Services,
    summary: &ArticleSummary,
) -> Result<Vec<(&'static str, String)>, ServiceError> {
    let article = match services.article_by_slug(None, &summary.slug, Some(summary.lang), false).await {
        Ok(article) => article,
        // Unpublished since it was listed.
        Err(ServiceError::NotFound(_)) => return Ok(Vec::new()),
        Err(err) => return Err(err),
    };
    if article.translations.is_empty() {
        return Ok(Vec::new());
    }
    let own = (article.lang.as_str(), help_article_path(article.lang, &article.slug));
    Ok(std::iter::once(own)
        .chain(article.translations.iter().map(|t| (t.lang.as_str(), help_article_path(t.lang, &t.slug))))
        .collect())
}

fn sitemap_xml(origin: &str, entries: &[SitemapEntry]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for entry in entries {
        let _ = write!(xml, "  <url>\n    <loc>{}</loc>\n", escape_xml(&format!("{origin}{}", entry.path)));
        if let Some(lastmod) = entry.lastmod {
            let _ =
                writeln!(xml, "    <lastmod>{}</lastmod>", lastmod.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
        }
        for (hreflang, path) in &entry.alternates {
            let _ = writeln!(
                xml,
                "    <xhtml:link rel=\"alternate\" hreflang=\"{hreflang}\" href=\"{}\"/>",
                escape_xml(&format!("{origin}{path}"))
            );
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&apos;")
}

/// The site's origin for absolute addresses: the configured public URL, else the address the request was sent
/// to (scheme from `X-Forwarded-Proto` behind a trusted proxy).
fn site_origin(state: &AppState, headers: &HeaderMap) -> String {
    if let Some(public) = &state.config.public_url {
        return public.origin().ascii_serialization();
    }
    let header_value = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
    let host = header_value(header::HOST.as_str())
        .filter(|host| host.parse::<axum::http::uri::Authority>().is_ok_and(|a| a.as_str() == *host))
        .map_or_else(|| state.config.addr.to_string(), str::to_string);
    let forwarded = header_value("x-forwarded-proto").filter(|_| state.config.trust_proxy);
    let scheme = match forwarded {
        Some("https") => "https",
        _ if state.config.serves_https() => "https",
        _ => "http",
    };
    format!("{scheme}://{host}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_sitemap_is_escaped_xml_with_lastmod_and_alternates() {
        let at = Utc.with_ymd_and_hms(2024, 5, 1, 14, 3, 9).unwrap();
        let entries = vec![SitemapEntry {
            path: "/help/en/articles/a".into(),
            lastmod: Some(at),
            alternates: vec![("en", "/help/en/articles/a".into()), ("de", "/help/de/articles/b".into())],
        }];
        let xml = sitemap_xml("https://x.example", &entries);
        assert!(xml.contains("<loc>https://x.example/help/en/articles/a</loc>"), "{xml}");
        assert!(xml.contains("<lastmod>2024-05-01T14:03:09Z</lastmod>"), "{xml}");
        assert!(
            xml.contains(r#"<xhtml:link rel="alternate" hreflang="de" href="https://x.example/help/de/articles/b"/>"#)
        );
        assert_eq!(escape_xml("a&b<'\">"), "a&amp;b&lt;&apos;&quot;&gt;");
    }
}
