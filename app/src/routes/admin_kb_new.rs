//! `/admin/kb/new`: writing a new article (saved as a draft). `?translation_of=<id>&lang=de` starts a translation:
//! the language, category and tags come from the original, which is linked. After saving, the browser goes to the
//! new article's editor.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use tidings::domain::kb::{Article, KbCategory};
use tidings::domain::{Action, Locale, Role};

use crate::api::kb_admin::{load_kb_article, load_kb_categories, SaveKbArticle};
use crate::components::kb_article_form::{KbArticleForm, KbFormValues};
use crate::components::kb_body_field::KbImageForm;
use crate::components::kb_page_nav::KbPageNav;
use crate::components::role_guard::RequireRole;
use crate::components::styles::{H1, LINK, MUTED};
use crate::i18n::{language_name, t, use_locale, KbKey, Key};
use crate::session::use_current_user;

#[component]
pub fn AdminKbNewPage() -> impl IntoView {
    view! {
        <RequireRole action=Action::WriteArticles>
            <NewArticle />
        </RequireRole>
    }
}

#[component]
fn NewArticle() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let user = use_current_user();
    let wanted = Memo::new(move |_| {
        query.with(|q| {
            let original = q.get("translation_of").filter(|id| !id.trim().is_empty());
            let lang = q.get("lang").and_then(|lang| Locale::parse(&lang));
            (original, lang)
        })
    });
    let original = Resource::new(
        move || wanted.get().0,
        |id| async move {
            match id {
                // An original that cannot be read just starts an unlinked article.
                Some(id) => load_kb_article(id).await.ok(),
                None => None,
            }
        },
    );
    let categories = Resource::new(move || locale, load_kb_categories);
    let save = ServerAction::<SaveKbArticle>::new();
    view! {
        <Title text=t(locale, KbKey::NewArticle) />
        <Transition fallback=move || view! { <p class=MUTED>{t(locale, Key::Loading)}</p> }>
            {move || {
                let lang = wanted.get().1;
                Suspend::new(async move {
                    let role = user.await.ok().flatten().map_or(Role::Agent, |user| user.role);
                    let categories = categories.await.unwrap_or_default();
                    let original = original.await;
                    view! { <NewArticleBody role categories original lang save /> }
                })
            }}
        </Transition>
    }
}

#[component]
fn NewArticleBody(
    role: Role,
    categories: Vec<KbCategory>,
    original: Option<Article>,
    lang: Option<Locale>,
    save: ServerAction<SaveKbArticle>,
) -> impl IntoView {
    let locale = use_locale();
    let values = new_values(original.as_ref(), lang, locale);
    let translation_note = original.map(|original| {
        view! {
            <p class="mt-2 text-sm text-slate-700" id="kb-translation-of">
                {t(locale, KbKey::TranslationOf)}" "
                <a href=format!("/admin/kb/{}", original.id) class=LINK>
                    {format!("{} ({})", original.title, language_name(locale, original.lang))}
                </a>
            </p>
        }
    });
    view! {
        <KbPageNav role />
        <h1 class=format!("mt-6 {H1}")>{t(locale, KbKey::NewArticle)}</h1>
        {translation_note}
        <section aria-label=t(locale, KbKey::NewArticle) class="mt-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
            <KbArticleForm values categories save />
        </section>
        <KbImageForm />
    }
}

/// The form's first values: a translation takes the original's category and tags and the other language; a new
/// article is written in the UI's language unless `?lang=` says otherwise.
fn new_values(original: Option<&Article>, lang: Option<Locale>, ui: Locale) -> KbFormValues {
    let other_language = |of: Locale| Locale::ALL.into_iter().find(|l| *l != of).unwrap_or(of);
    match original {
        Some(original) => KbFormValues {
            lang: lang.unwrap_or_else(|| other_language(original.lang)),
            category_id: original.category.as_ref().map(|category| category.id.clone()),
            tags: original.tags.join(", "),
            translation_of: Some(original.id.clone()),
            ..KbFormValues::default()
        },
        None => KbFormValues { lang: lang.unwrap_or(ui), ..KbFormValues::default() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_new_article_is_in_the_asked_or_ui_language() {
        assert_eq!(new_values(None, None, Locale::De).lang, Locale::De);
        assert_eq!(new_values(None, Some(Locale::En), Locale::De).lang, Locale::En);
        assert!(new_values(None, None, Locale::En).translation_of.is_none());
    }
}
