//! `/help/:lang/search?q=`: the help center's search results (published articles in the page's language), paged
//! by `?page=N`. With no results it points to the other language when that one has matches. Kept out of search
//! indexes (`noindex`), its links still followed.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use tidings::domain::Locale;

use crate::api::help_center::{search_help, unknown_page, HelpSearchPage};
use crate::components::help_article_list::HelpArticleList;
use crate::components::help_head::HelpHead;
use crate::components::help_pager::HelpPager;
use crate::components::help_search_form::HelpSearchForm;
use crate::components::kb_breadcrumbs::KbBreadcrumbs;
use crate::components::styles::{ERROR_TEXT, H1, LINK, MUTED};
use crate::help_paths::help_search_path;
use crate::i18n::{
    app_error_text, help_lang, no_results, other_lang, results_for, search_title, t, try_other_language, use_locale,
    HelpKey, Key,
};
use crate::routes::not_found::NotFoundPage;

#[component]
pub fn HelpSearchPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let lang = params.with(|p| p.get("lang")).and_then(|lang| help_lang(&lang));
        let q = query.with(|q| q.get("q")).unwrap_or_default();
        let page = query.with(|q| q.get("page")).and_then(|page| page.parse::<u32>().ok()).unwrap_or(1);
        (lang, q, page)
    };
    let results = Resource::new(key, |(lang, q, page)| async move {
        let lang = lang.ok_or_else(unknown_page)?;
        search_help(lang, q, page).await.map(|results| (lang, results))
    });
    view! {
        <Transition fallback=move || view! { <p class=MUTED>{t(locale, Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match results.await {
                    Ok((lang, results)) => view! { <ResultsView lang results /> }.into_any(),
                    Err(err) if err.code == "not_found" => view! { <NotFoundPage /> }.into_any(),
                    Err(err) => view! { <p role="alert" class=ERROR_TEXT>{app_error_text(locale, &err)}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ResultsView(lang: Locale, results: HelpSearchPage) -> impl IntoView {
    let HelpSearchPage { q, items, total, page, pages, other_lang_total } = results;
    let other = other_lang(lang);
    let alternates =
        vec![("en", help_search_path(Locale::En, &q, page)), ("de", help_search_path(Locale::De, &q, page))];
    let summary = if q.is_empty() {
        view! { <p class=MUTED>{t(lang, HelpKey::EmptyQuery)}</p> }.into_any()
    } else if items.is_empty() {
        let hint = (other_lang_total > 0).then(|| {
            let (text, link) = try_other_language(lang, other, other_lang_total);
            view! {
                <p class="mt-2 text-sm text-slate-700">
                    {text} " "
                    <a href=help_search_path(other, &q, 1) rel="external" hreflang=other.as_str() class=LINK>{link}</a>
                </p>
            }
        });
        view! {
            <div>
                <p class="text-base text-slate-800">{no_results(lang, &q)}</p>
                {hint}
            </div>
        }
        .into_any()
    } else {
        view! { <p class=MUTED>{results_for(lang, total, &q)}</p> }.into_any()
    };
    let list = (!items.is_empty()).then(|| view! { <HelpArticleList lang articles=items show_topic=true /> });
    let pager_q = q.clone();
    view! {
        <HelpHead
            title=search_title(lang, &q)
            description=t(lang, HelpKey::SearchDescription).to_string()
            canonical=help_search_path(lang, &q, page)
            alternates
            noindex=true
        />
        <div class="mx-auto max-w-4xl space-y-6">
            <KbBreadcrumbs lang trail=Vec::new() current=t(lang, HelpKey::SearchTitle).to_string() />
            <h1 class=H1>{t(lang, HelpKey::SearchTitle)}</h1>
            <HelpSearchForm lang q=q.clone() />
            <div aria-live="polite">{summary}</div>
            {list}
            <HelpPager lang page pages href=move |n| help_search_path(lang, &pager_q, n) />
        </div>
    }
    .into_any()
}
