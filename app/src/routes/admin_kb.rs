//! `/admin/kb`: the knowledge base's articles in every status, filtered by status, language and search text
//! through a plain GET form (`?status=&lang=&q=&page=`), so the list works and pages without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use tidings::domain::kb::{ArticleStatus, ArticleSummary};
use tidings::domain::{encode_query_value, Action, Locale, Role};

use crate::api::kb_admin::{list_kb_articles, KbArticlePage};
use crate::components::kb_page_nav::KbPageNav;
use crate::components::kb_status_badge::KbStatusBadge;
use crate::components::role_guard::RequireRole;
use crate::components::styles::{BUTTON_PRIMARY, BUTTON_SECONDARY, CARD, ERROR_TEXT, H1, INPUT, LINK, MUTED};
use crate::format::{date_time, iso};
use crate::i18n::{article_status_name, kb_error_text, language_name, page_of, t, use_locale, KbKey, Key};
use crate::session::use_current_user;

#[component]
pub fn AdminKbPage() -> impl IntoView {
    view! {
        <RequireRole action=Action::WriteArticles>
            <ArticleList />
        </RequireRole>
    }
}

/// The list's filters as read from the address.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Filters {
    status: Option<String>,
    lang: Option<String>,
    q: Option<String>,
    page: u32,
}

impl Filters {
    /// The address of page `page` with the same filters.
    fn href(&self, page: u32) -> String {
        let mut pairs: Vec<String> = Vec::new();
        for (name, value) in [("status", &self.status), ("lang", &self.lang), ("q", &self.q)] {
            if let Some(value) = value {
                pairs.push(format!("{name}={}", encode_query_value(value)));
            }
        }
        if page > 1 {
            pairs.push(format!("page={page}"));
        }
        if pairs.is_empty() {
            "/admin/kb".to_string()
        } else {
            format!("/admin/kb?{}", pairs.join("&"))
        }
    }
}

#[component]
fn ArticleList() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let user = use_current_user();
    let filters = Memo::new(move |_| {
        query.with(|q| {
            let filled = |name: &str| q.get(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
            Filters {
                status: filled("status"),
                lang: filled("lang"),
                q: filled("q"),
                page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1).max(1),
            }
        })
    });
    let articles = Resource::new(move || filters.get(), |f| list_kb_articles(f.status, f.lang, f.q, Some(f.page)));
    view! {
        <Title text=t(locale, KbKey::KnowledgeBase) />
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let role = user.await.ok().flatten().map_or(Role::Agent, |user| user.role);
                view! { <KbPageNav role /> }
            })}
        </Transition>
        <div class="mt-6 flex flex-wrap items-center justify-between gap-3">
            <h1 class=H1>{t(locale, KbKey::KnowledgeBase)}</h1>
            <div class="flex items-center gap-3">
                <a href="/admin/kb/categories" class=format!("text-sm {LINK}")>{t(locale, KbKey::Categories)}</a>
                <a href="/admin/kb/new" class=BUTTON_PRIMARY id="kb-new-article">{t(locale, KbKey::NewArticle)}</a>
            </div>
        </div>
        <p class=format!("mt-2 max-w-3xl {MUTED}")>{t(locale, KbKey::Intro)}</p>
        {move || view! { <FilterForm filters=filters.get() /> }}
        <Transition fallback=move || view! { <p class=format!("mt-4 {MUTED}")>{t(locale, Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match articles.await {
                    Ok(page) => view! { <ArticleTable page filters=filters.get_untracked() /> }.into_any(),
                    Err(err) => view! { <p role="alert" class=format!("mt-4 {ERROR_TEXT}")>{kb_error_text(locale, &err)}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn FilterForm(filters: Filters) -> impl IntoView {
    let locale = use_locale();
    let status = filters.status.clone().unwrap_or_default();
    let lang = filters.lang.clone().unwrap_or_default();
    let label = "block text-xs font-medium text-slate-700";
    view! {
        <form method="get" action="/admin/kb" role="search" aria-label=t(locale, KbKey::FilterArticles) id="kb-filters" class="mt-4 flex flex-wrap items-end gap-3">
            <div>
                <label for="kb-filter-status" class=label>{t(locale, KbKey::Status)}</label>
                <select id="kb-filter-status" name="status" class=INPUT>
                    <option value="" selected=status.is_empty()>{t(locale, KbKey::AnyStatus)}</option>
                    {ArticleStatus::ALL
                        .into_iter()
                        .map(|s| view! { <option value=s.as_str() selected=status == s.as_str()>{article_status_name(locale, s)}</option> })
                        .collect_view()}
                </select>
            </div>
            <div>
                <label for="kb-filter-lang" class=label>{t(locale, KbKey::Language)}</label>
                <select id="kb-filter-lang" name="lang" class=INPUT>
                    <option value="" selected=lang.is_empty()>{t(locale, KbKey::AnyLanguage)}</option>
                    {Locale::ALL
                        .into_iter()
                        .map(|l| view! { <option value=l.as_str() selected=lang == l.as_str()>{language_name(locale, l)}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="min-w-48 flex-1">
                <label for="kb-filter-q" class=label>{t(locale, KbKey::SearchText)}</label>
                <input id="kb-filter-q" name="q" type="search" value=filters.q.clone().unwrap_or_default() class=INPUT />
            </div>
            <button type="submit" class=BUTTON_SECONDARY>{t(locale, KbKey::ApplyFilters)}</button>
        </form>
    }
}

#[component]
fn ArticleTable(page: KbArticlePage, filters: Filters) -> impl IntoView {
    let locale = use_locale();
    if page.items.is_empty() {
        return view! { <p class=format!("mt-4 text-center {CARD} {MUTED}") id="kb-no-articles">{t(locale, KbKey::NoArticles)}</p> }
            .into_any();
    }
    let rows = page.items.into_iter().map(|article| view! { <ArticleRow article /> }).collect_view();
    let th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-700";
    let previous = (page.page > 1).then(|| filters.href(page.page - 1));
    let next = (page.page < page.pages).then(|| filters.href(page.page + 1));
    view! {
        <div class="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
            <table class="min-w-full divide-y divide-slate-200 text-sm" id="kb-article-table">
                <caption class="sr-only">{t(locale, KbKey::KnowledgeBase)}</caption>
                <thead class="bg-slate-50">
                    <tr>
                        <th scope="col" class=th>{t(locale, KbKey::Title)}</th>
                        <th scope="col" class=th>{t(locale, KbKey::Language)}</th>
                        <th scope="col" class=th>{t(locale, KbKey::Status)}</th>
                        <th scope="col" class=th>{t(locale, KbKey::Category)}</th>
                        <th scope="col" class=th>{t(locale, KbKey::Version)}</th>
                        <th scope="col" class=th>{t(locale, KbKey::Updated)}</th>
                    </tr>
                </thead>
                <tbody class="divide-y divide-slate-100">{rows}</tbody>
            </table>
        </div>
        <nav aria-label=t(locale, Key::Pagination) class="flex items-center justify-between gap-4 pt-3">
            {previous.map(|href| view! { <a href=href rel="prev" class=BUTTON_SECONDARY>{t(locale, Key::Previous)}</a> })}
            <p class=MUTED>
                {page_of(locale, page.page, page.pages)}" · "<span data-testid="total">{page.total}</span>" "{t(locale, KbKey::ArticleCount)}
            </p>
            {next.map(|href| view! { <a href=href rel="next" class=BUTTON_SECONDARY>{t(locale, Key::Next)}</a> })}
        </nav>
    }
    .into_any()
}

#[component]
fn ArticleRow(article: ArticleSummary) -> impl IntoView {
    let locale = use_locale();
    let td = "px-3 py-2 align-top text-slate-800";
    view! {
        <tr data-article=article.id.clone()>
            <td class=td>
                <a href=format!("/admin/kb/{}", article.id) class=LINK>{article.title.clone()}</a>
                <p class="text-xs text-slate-600">{article.slug.clone()}</p>
            </td>
            <td class=td>{language_name(locale, article.lang)}</td>
            <td class=td><KbStatusBadge status=article.status /></td>
            <td class=td>{article.category.map(|category| category.name).unwrap_or_else(|| "—".to_string())}</td>
            <td class=td>{article.version}</td>
            <td class=td><time datetime=iso(&article.updated_at)>{date_time(&article.updated_at)}</time></td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::Filters;

    #[test]
    fn page_links_keep_the_filters() {
        let filters = Filters { status: Some("draft".into()), lang: None, q: Some("zwei wörter".into()), page: 2 };
        let href = filters.href(3);
        assert!(href.starts_with("/admin/kb?status=draft&q="), "{href}");
        assert!(href.ends_with("&page=3"), "{href}");
        assert_eq!(Filters::default().href(1), "/admin/kb");
    }
}
