//! `/admin/kb/:id`: one article in the editor, its workflow buttons, details and translations, and its version
//! history (`?version=N` shows what version N changed). Agents and admins; what each may do is decided by the
//! workflow rule and the services.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use tidings::domain::kb::{Article, KbCategory};
use tidings::domain::{Action, Role};

use crate::api::kb_admin::{
    load_kb_article, load_kb_categories, ChangeKbArticleStatus, RestoreKbArticleVersion, SaveKbArticle,
};
use crate::components::kb_article_details::KbArticleDetails;
use crate::components::kb_article_form::{KbArticleForm, KbFormValues};
use crate::components::kb_body_field::KbImageForm;
use crate::components::kb_page_nav::KbPageNav;
use crate::components::kb_status_badge::KbStatusBadge;
use crate::components::kb_version_history::{HistoryData, KbVersionHistory};
use crate::components::kb_workflow_buttons::KbWorkflowButtons;
use crate::components::page_notice::PageNotice;
use crate::components::role_guard::RequireRole;
use crate::components::styles::{ERROR_TEXT, H1, MUTED};
use crate::i18n::{article_status_name, kb_error_text, t, use_locale, KbKey, Key};
use crate::session::use_current_user;

#[component]
pub fn AdminKbEditPage() -> impl IntoView {
    view! {
        <RequireRole action=Action::WriteArticles>
            <KbEditor />
        </RequireRole>
    }
}

/// The actions of the page; they outlive the re-render that follows each of them.
#[derive(Clone, Copy)]
struct EditorActions {
    save: ServerAction<SaveKbArticle>,
    change: ServerAction<ChangeKbArticleStatus>,
    restore: ServerAction<RestoreKbArticleVersion>,
}

#[component]
fn KbEditor() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let query = use_query_map();
    let user = use_current_user();
    let id = Memo::new(move |_| params.with(|p| p.get("id")).unwrap_or_default());
    // Bumped after every successful save, step or restore: the editor then shows the article as stored.
    let reload = RwSignal::new(0_u32);
    let article = Resource::new(move || (id.get(), reload.get()), |(id, _)| load_kb_article(id));
    let categories = Resource::new(move || locale, load_kb_categories);
    let history = HistoryData::load(id, reload);
    let actions = EditorActions {
        save: ServerAction::<SaveKbArticle>::new(),
        change: ServerAction::<ChangeKbArticleStatus>::new(),
        restore: ServerAction::<RestoreKbArticleVersion>::new(),
    };
    let notice = RwSignal::new(None::<String>);
    let after = move |text: String| {
        notice.set(Some(text));
        reload.update(|n| *n += 1);
    };
    Effect::new(move |_| {
        if let Some(Ok(saved)) = actions.save.value().get() {
            after(format!("{} {}.", t(locale, KbKey::Saved), saved.version));
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(moved)) = actions.change.value().get() {
            after(format!("{} {}.", t(locale, KbKey::StatusChanged), article_status_name(locale, moved.status)));
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(restored)) = actions.restore.value().get() {
            after(format!("{} {}.", t(locale, KbKey::Restored), restored.version));
        }
    });
    let created = move || {
        query
            .with(|q| q.get("notice"))
            .filter(|code| code == "kb_created")
            .map(|_| t(locale, KbKey::Created).to_string())
    };
    let live = Signal::derive(move || notice.get().or_else(created));
    view! {
        <Title text=t(locale, KbKey::EditArticle) />
        <Transition fallback=move || view! { <p class=MUTED>{t(locale, Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                let role = user.await.ok().flatten().map_or(Role::Agent, |user| user.role);
                let categories = categories.await.unwrap_or_default();
                match article.await {
                    Ok(article) => view! { <EditorBody article categories role actions history live /> }.into_any(),
                    Err(err) => view! {
                        <KbPageNav role />
                        <h1 class=format!("mt-6 {H1}")>{t(locale, KbKey::EditArticle)}</h1>
                        <p role="alert" class=format!("mt-4 {ERROR_TEXT}")>{kb_error_text(locale, &err)}</p>
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn EditorBody(
    article: Article,
    categories: Vec<KbCategory>,
    role: Role,
    actions: EditorActions,
    history: HistoryData,
    live: Signal<Option<String>>,
) -> impl IntoView {
    let locale = use_locale();
    let agents_may_edit = article.status.agents_may_edit();
    let read_only = role != Role::Admin && !agents_may_edit;
    let may_restore = role == Role::Admin || agents_may_edit;
    let values = KbFormValues {
        id: Some(article.id.clone()),
        lang: article.lang,
        title: article.title.clone(),
        slug: article.slug.clone(),
        category_id: article.category.as_ref().map(|category| category.id.clone()),
        tags: article.tags.join(", "),
        excerpt: article.excerpt.clone(),
        body_markdown: article.body_markdown.clone(),
        body_html: article.body_html.clone(),
        translation_of: None,
        expected_version: Some(article.version),
    };
    view! {
        <KbPageNav role />
        <div class="mt-6 flex flex-wrap items-center gap-3">
            <h1 class=H1 id="kb-article-title">{article.title.clone()}</h1>
            <KbStatusBadge status=article.status />
        </div>
        <PageNotice live />
        <div class="mt-2 grid grid-cols-1 items-start gap-6 xl:grid-cols-[minmax(0,1fr)_18rem]">
            <section aria-labelledby="kb-edit-heading" class="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
                <h2 id="kb-edit-heading" class="sr-only">{t(locale, KbKey::EditArticle)}</h2>
                <KbArticleForm values categories save=actions.save read_only />
            </section>
            <div class="space-y-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <KbWorkflowButtons article_id=article.id.clone() status=article.status role change=actions.change />
                <KbArticleDetails article=article.clone() />
            </div>
        </div>
        <div class="mt-6">
            <KbVersionHistory article_id=article.id.clone() current_version=article.version may_restore data=history restore=actions.restore />
        </div>
        <KbImageForm />
    }
}
