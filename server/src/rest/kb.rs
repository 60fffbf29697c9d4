//! `/kb/...`: the knowledge base. Anyone reads published articles, searches and votes; agents write drafts; admins
//! publish. Every rule is in the services (`tidings::service::kb_*`).

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use tidings::domain::kb::{Article, ArticleStatus, ArticleSummary, KbCategory, TitleLink};
use tidings::domain::{FieldError, Locale};
use tidings::service::{
    identify_voter, ArticleChanges, ArticleInput, ArticleQuery, KbCategoryInput, ServiceError, VISITOR_COOKIE,
};

use super::extract::{ApiQuery, Client, CurrentActor, MaybeActor, Page, PageQuery};
use super::{ApiError, ApiJson, ErrorBody};
use crate::identity::cookie;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct ArticleListParams {
    /// Search text (forgiving: prefixes, umlauts, small typos, German compounds); best match first.
    pub q: Option<String>,
    /// A category id or slug; articles in its subcategories are included.
    pub category: Option<String>,
    /// `en` or `de`.
    pub lang: Option<String>,
    /// Staff only: `draft`, `in_review`, `published` or `archived` (everyone else sees published articles).
    pub status: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct LangParam {
    /// `en` or `de`.
    pub lang: Option<String>,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct SuggestParams {
    /// What has been typed so far.
    pub q: Option<String>,
    pub lang: Option<String>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewArticleBody {
    /// `en` or `de`.
    pub lang: String,
    pub title: String,
    /// Generated from the title when left out; unique per language.
    pub slug: Option<String>,
    /// Markdown (CommonMark + GFM), at most 256 KB.
    #[serde(alias = "body")]
    pub body_markdown: String,
    pub excerpt: Option<String>,
    pub category_id: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// The id of the article this one translates.
    pub translation_of: Option<String>,
    /// Where it starts (admins only may start beyond `in_review`); default `draft`.
    pub status: Option<ArticleStatus>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ArticlePatchBody {
    pub title: Option<String>,
    pub slug: Option<String>,
    #[serde(alias = "body")]
    pub body_markdown: Option<String>,
    pub excerpt: Option<String>,
    /// `null` takes the article out of its category.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub category_id: Option<Option<String>>,
    pub tags: Option<Vec<String>>,
    /// The version the change was made on; a newer saved version makes this 409 instead of overwriting it.
    pub version: Option<i64>,
    /// A workflow step after the save (same rules as the publish / unpublish endpoints).
    pub status: Option<ArticleStatus>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeedbackBody {
    pub helpful: bool,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct FeedbackCounts {
    pub helpful: i64,
    pub not_helpful: i64,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCategoryBody {
    pub name: String,
    pub name_de: Option<String>,
    pub slug: Option<String>,
    pub parent_id: Option<String>,
    pub position: Option<i64>,
}

fn double_option<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(deserializer).map(Some)
}

/// `en` / `de`, 422 otherwise; absent stays absent.
pub(super) fn lang_param(raw: Option<&str>) -> Result<Option<Locale>, ServiceError> {
    match raw.map(str::trim).filter(|lang| !lang.is_empty()) {
        None => Ok(None),
        Some(lang) => Locale::ALL.into_iter().find(|l| l.as_str() == lang).map(Some).ok_or_else(|| {
            ServiceError::Invalid(FieldError::new("lang", "unknown_language", "Use the language en or de."))
        }),
    }
}

fn status_param(raw: Option<&str>) -> Result<Option<ArticleStatus>, ServiceError> {
    match raw.map(str::trim).filter(|status| !status.is_empty()) {
        None => Ok(None),
        Some(status) => ArticleStatus::parse(status).map(Some).ok_or_else(|| {
            ServiceError::Invalid(FieldError::new(
                "status",
                "unknown_status",
                "Choose one of: draft, in_review, published, archived.",
            ))
        }),
    }
}

#[utoipa::path(get, path = "/api/v1/kb/articles", tag = "kb", params(ArticleListParams),
    responses((status = 200, body = Page<ArticleSummary>), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn list_articles(
    State(state): State<AppState>,
    MaybeActor(viewer): MaybeActor,
    Client(client): Client,
    ApiQuery(params): ApiQuery<ArticleListParams>,
) -> Result<Json<Page<ArticleSummary>>, ApiError> {
    state.services.limit_public_kb_reads(viewer.as_ref(), &client)?;
    let page = PageQuery { page: params.page, per_page: params.per_page }.request();
    let query = ArticleQuery {
        q: params.q,
        category: params.category,
        lang: lang_param(params.lang.as_deref())?,
        status: status_param(params.status.as_deref())?,
        page: Some(page),
    };
    Ok(Json(Page::new(state.services.list_articles(viewer.as_ref(), query).await?, page)))
}

#[utoipa::path(get, path = "/api/v1/kb/articles/{slug}", tag = "kb", params(("slug" = String, Path), LangParam),
    responses((status = 200, body = Article), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn get_article(
    State(state): State<AppState>,
    MaybeActor(viewer): MaybeActor,
    Path(slug): Path<String>,
    ApiQuery(params): ApiQuery<LangParam>,
) -> Result<Json<Article>, ApiError> {
    let lang = lang_param(params.lang.as_deref())?;
    Ok(Json(state.services.article_by_slug(viewer.as_ref(), &slug, lang, true).await?))
}

#[utoipa::path(post, path = "/api/v1/kb/articles", tag = "kb", request_body = NewArticleBody,
    responses((status = 201, body = Article), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody),
              (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_article(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiJson(body): ApiJson<NewArticleBody>,
) -> Result<(StatusCode, Json<Article>), ApiError> {
    let input = ArticleInput {
        lang: body.lang,
        title: body.title,
        slug: body.slug,
        body_markdown: body.body_markdown,
        excerpt: body.excerpt,
        category_id: body.category_id,
        tags: body.tags,
        translation_of: body.translation_of,
        status: body.status,
    };
    Ok((StatusCode::CREATED, Json(state.services.create_article(&actor, input).await?)))
}

#[utoipa::path(patch, path = "/api/v1/kb/articles/{id}", tag = "kb", request_body = ArticlePatchBody,
    params(("id" = String, Path, description = "article id")),
    responses((status = 200, body = Article), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, body = ErrorBody), (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_article(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ArticlePatchBody>,
) -> Result<Json<Article>, ApiError> {
    let changes = ArticleChanges {
        title: body.title,
        slug: body.slug,
        body_markdown: body.body_markdown,
        excerpt: body.excerpt,
        category_id: body.category_id,
        tags: body.tags,
        expected_version: body.version,
    };
    let content_changed = changes.title.is_some()
        || changes.slug.is_some()
        || changes.body_markdown.is_some()
        || changes.excerpt.is_some()
        || changes.category_id.is_some()
        || changes.tags.is_some();
    let mut article =
        if content_changed { Some(state.services.update_article(&actor, &id, changes).await?) } else { None };
    if let Some(status) = body.status.filter(|status| article.as_ref().is_none_or(|a| a.status != *status)) {
        article = Some(state.services.change_article_status(&actor, &id, status).await?);
    }
    match article {
        Some(article) => Ok(Json(article)),
        None => Ok(Json(state.services.article_for_staff(&actor, &id).await?)),
    }
}

macro_rules! workflow_step {
    ($name:ident, $path:literal, $status:expr, $doc:literal) => {
        #[doc = $doc]
        #[utoipa::path(post, path = $path, tag = "kb", params(("id" = String, Path, description = "article id")),
            responses((status = 200, body = Article), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
                      (status = 422, body = ErrorBody)))]
        pub async fn $name(
            State(state): State<AppState>,
            CurrentActor(actor): CurrentActor,
            Path(id): Path<String>,
        ) -> Result<Json<Article>, ApiError> {
            Ok(Json(state.services.change_article_status(&actor, &id, $status).await?))
        }
    };
}

workflow_step!(publish, "/api/v1/kb/articles/{id}/publish", ArticleStatus::Published, "Publishes (admins).");
workflow_step!(unpublish, "/api/v1/kb/articles/{id}/unpublish", ArticleStatus::Draft, "Back to draft (admins).");
workflow_step!(archive, "/api/v1/kb/articles/{id}/archive", ArticleStatus::Archived, "Archives (admins).");
workflow_step!(submit, "/api/v1/kb/articles/{id}/submit", ArticleStatus::InReview, "Sends a draft for review.");

#[utoipa::path(post, path = "/api/v1/kb/articles/{id}/feedback", tag = "kb", request_body = FeedbackBody,
    params(("id" = String, Path, description = "article id")),
    responses((status = 200, description = "The article's counts after the vote; one vote per visitor (a later one \
        replaces it), told apart by account or by the `tidings_visitor` cookie set here", body = FeedbackCounts),
              (status = 404, body = ErrorBody), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn feedback(
    State(state): State<AppState>,
    MaybeActor(viewer): MaybeActor,
    Client(client): Client,
    headers: HeaderMap,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<FeedbackBody>,
) -> Result<Response, ApiError> {
    let voter = identify_voter(viewer.as_ref(), cookie(&headers, VISITOR_COOKIE));
    let (helpful, not_helpful) =
        state.services.vote_on_article(viewer.as_ref(), &client, &voter.key, &id, body.helpful).await?;
    let mut response = Json(FeedbackCounts { helpful, not_helpful }).into_response();
    if let Some(visitor) = voter.new_visitor_cookie {
        let value = visitor_cookie(&visitor, state.config.serves_https());
        if let Ok(value) = HeaderValue::from_str(&value) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    Ok(response)
}

/// A year-long, script-free cookie that only tells this visitor's votes apart.
pub fn visitor_cookie(visitor: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{VISITOR_COOKIE}={visitor}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000{secure}")
}

#[utoipa::path(get, path = "/api/v1/kb/categories", tag = "kb", params(LangParam),
    responses((status = 200, description = "The whole tree, flat: each category names its parent", body = Page<KbCategory>)))]
pub async fn list_categories(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<LangParam>,
) -> Result<Json<Page<KbCategory>>, ApiError> {
    let lang = lang_param(params.lang.as_deref())?.unwrap_or_default();
    Ok(Json(Page::whole(state.services.list_kb_categories(lang).await?)))
}

#[utoipa::path(post, path = "/api/v1/kb/categories", tag = "kb", request_body = NewCategoryBody,
    responses((status = 201, body = KbCategory), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn create_category(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiJson(body): ApiJson<NewCategoryBody>,
) -> Result<(StatusCode, Json<KbCategory>), ApiError> {
    let input = KbCategoryInput {
        name: body.name,
        name_de: body.name_de,
        slug: body.slug,
        parent_id: body.parent_id,
        position: body.position,
    };
    Ok((StatusCode::CREATED, Json(state.services.create_kb_category(&actor, input).await?)))
}

#[utoipa::path(get, path = "/api/v1/kb/suggest", tag = "kb", params(SuggestParams),
    responses((status = 200, description = "Published titles for what was typed, best first: `[{slug,title,lang}]`",
               body = Vec<TitleLink>), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn suggest(
    State(state): State<AppState>,
    MaybeActor(viewer): MaybeActor,
    Client(client): Client,
    ApiQuery(params): ApiQuery<SuggestParams>,
) -> Result<Json<Vec<TitleLink>>, ApiError> {
    state.services.limit_public_kb_reads(viewer.as_ref(), &client)?;
    let lang = lang_param(params.lang.as_deref())?;
    let q = params.q.unwrap_or_default();
    Ok(Json(state.services.suggest_article_titles(&q, lang, 8).await?))
}
