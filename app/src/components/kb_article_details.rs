//! The editor's side panel about an article: status, version, dates and author; its translations (or a link to
//! write one); and, once published, where the help center shows it.

use leptos::prelude::*;
use tidings::domain::kb::{Article, ArticleStatus};
use tidings::domain::Locale;

use super::kb_status_badge::KbStatusBadge;
use super::styles::LINK;
use crate::format::{date_time, iso};
use crate::i18n::{language_name, t, use_locale, KbKey};

/// Where the help center shows a published article.
pub fn help_center_path(lang: Locale, slug: &str) -> String {
    format!("/help/{}/articles/{slug}", lang.as_str())
}

/// Where a translation of `article_id` into `lang` is started.
pub fn translate_path(article_id: &str, lang: Locale) -> String {
    format!("/admin/kb/new?translation_of={article_id}&lang={}", lang.as_str())
}

#[component]
pub fn KbArticleDetails(article: Article) -> impl IntoView {
    let locale = use_locale();
    let when = |at: Option<chrono::DateTime<chrono::Utc>>| match at {
        Some(at) => view! { <time datetime=iso(&at)>{date_time(&at)}</time> }.into_any(),
        None => view! { <span>{t(locale, KbKey::NotYet)}</span> }.into_any(),
    };
    let translations = article
        .translations
        .iter()
        .map(|translation| {
            view! {
                <li class="flex flex-wrap items-center gap-2">
                    <a href=format!("/admin/kb/{}", translation.id) class=LINK hreflang=translation.lang.as_str()>
                        {format!("{}: {}", language_name(locale, translation.lang), translation.title)}
                    </a>
                    <KbStatusBadge status=translation.status />
                </li>
            }
        })
        .collect_view();
    let missing = Locale::ALL
        .into_iter()
        .filter(|lang| *lang != article.lang && !article.translations.iter().any(|tr| tr.lang == *lang))
        .map(|lang| {
            let key = if lang == Locale::De { KbKey::TranslateIntoGerman } else { KbKey::TranslateIntoEnglish };
            view! {
                <li>
                    <a href=translate_path(&article.id, lang) class=LINK data-translate=lang.as_str()>{t(locale, key)}</a>
                </li>
            }
        })
        .collect_view();
    let help_center = (article.status == ArticleStatus::Published).then(|| {
        view! {
            <p>
                <a href=help_center_path(article.lang, &article.slug) class=LINK id="kb-view-in-help-center" rel="external">
                    {t(locale, KbKey::ViewInHelpCenter)}
                </a>
            </p>
        }
    });
    view! {
        <section aria-labelledby="kb-details-heading" class="space-y-3">
            <h2 id="kb-details-heading" class="text-sm font-semibold text-slate-900">{t(locale, KbKey::Details)}</h2>
            <dl class="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm" id="kb-details">
                <dt class="text-slate-600">{t(locale, KbKey::Status)}</dt>
                <dd><KbStatusBadge status=article.status /></dd>
                <dt class="text-slate-600">{t(locale, KbKey::Version)}</dt>
                <dd class="text-slate-900" data-testid="kb-version">{article.version}</dd>
                <dt class="text-slate-600">{t(locale, KbKey::Language)}</dt>
                <dd class="text-slate-900">{language_name(locale, article.lang)}</dd>
                <dt class="text-slate-600">{t(locale, KbKey::PublishedAt)}</dt>
                <dd class="text-slate-900">{when(article.published_at)}</dd>
                <dt class="text-slate-600">{t(locale, KbKey::UpdatedAt)}</dt>
                <dd class="text-slate-900">{when(Some(article.updated_at))}</dd>
                <dt class="text-slate-600">{t(locale, KbKey::Author)}</dt>
                <dd class="text-slate-900">{article.author.name.clone()}</dd>
            </dl>
            {help_center}
            <div>
                <h3 class="text-sm font-semibold text-slate-900">{t(locale, KbKey::Translations)}</h3>
                <ul class="mt-1 space-y-1 text-sm" id="kb-translations">{translations}{missing}</ul>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_point_at_the_help_center_and_the_new_article_form() {
        assert_eq!(help_center_path(Locale::De, "passwort"), "/help/de/articles/passwort");
        assert_eq!(translate_path("a1", Locale::De), "/admin/kb/new?translation_of=a1&lang=de");
    }
}
