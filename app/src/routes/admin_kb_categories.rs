//! `/admin/kb/categories`: the knowledge base's category tree with the number of articles published in each
//! language, and (for admins) a form to add a category.

use leptos::{html, prelude::*};
use leptos_meta::Title;
use tidings::domain::kb::KbCategory;
use tidings::domain::{is_allowed, Action, Locale, Role};

use crate::api::kb_admin::{load_kb_categories, AddKbCategory};
use crate::components::field_error::FieldError;
use crate::components::kb_category_select::{category_tree, KbCategorySelect};
use crate::components::kb_page_nav::KbPageNav;
use crate::components::page_notice::PageNotice;
use crate::components::role_guard::RequireRole;
use crate::components::styles::{BUTTON_PRIMARY, CARD, ERROR_TEXT, H1, H2, INPUT, LABEL, MUTED};
use crate::i18n::{kb_error_text, t, use_locale, KbKey, Key};
use crate::session::use_current_user;

#[component]
pub fn AdminKbCategoriesPage() -> impl IntoView {
    view! {
        <RequireRole action=Action::WriteArticles>
            <Categories />
        </RequireRole>
    }
}

/// The categories named in the UI's language, with the published counts per language.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct CategoryRows {
    named: Vec<KbCategory>,
    english: Vec<KbCategory>,
    german: Vec<KbCategory>,
}

#[component]
fn Categories() -> impl IntoView {
    let locale = use_locale();
    let user = use_current_user();
    let add = ServerAction::<AddKbCategory>::new();
    // Reloaded after each added category only: a refused one keeps what was typed.
    let added = RwSignal::new(0_u32);
    Effect::new(move |_| {
        if let Some(Ok(_)) = add.value().get() {
            added.update(|n| *n += 1);
        }
    });
    let categories = Resource::new(
        move || added.get(),
        move |_| async move {
            let named = load_kb_categories(locale).await?;
            let english = load_kb_categories(Locale::En).await?;
            let german = load_kb_categories(Locale::De).await?;
            Ok::<_, crate::api::AppError>(CategoryRows { named, english, german })
        },
    );
    let notice = Signal::derive(move || {
        matches!(add.value().get(), Some(Ok(_))).then(|| t(locale, KbKey::CategoryAdded).to_string())
    });
    view! {
        <Title text=t(locale, KbKey::Categories) />
        <Transition fallback=move || view! { <p class=MUTED>{t(locale, Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                let role = user.await.ok().flatten().map_or(Role::Agent, |user| user.role);
                let rows = categories.await;
                view! {
                    <KbPageNav role />
                    <h1 class=format!("mt-6 {H1}")>{t(locale, KbKey::Categories)}</h1>
                    <PageNotice live=notice />
                    {match rows {
                        Ok(rows) => view! {
                            <div class="mt-2 grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
                                <CategoryTree rows=rows.clone() />
                                {if is_allowed(role, Action::ManageKbCategories) {
                                    view! { <NewCategoryForm categories=rows.named add /> }.into_any()
                                } else {
                                    view! { <p class=MUTED>{t(locale, KbKey::OnlyAdminsAddCategories)}</p> }.into_any()
                                }}
                            </div>
                        }.into_any(),
                        Err(err) => view! { <p role="alert" class=ERROR_TEXT>{kb_error_text(locale, &err)}</p> }.into_any(),
                    }}
                }
            })}
        </Transition>
    }
}

#[component]
fn CategoryTree(rows: CategoryRows) -> impl IntoView {
    let locale = use_locale();
    if rows.named.is_empty() {
        return view! { <p class=format!("text-center {CARD} {MUTED}") id="kb-no-categories">{t(locale, KbKey::NoCategories)}</p> }
            .into_any();
    }
    let count = |list: &[KbCategory], id: &str| list.iter().find(|c| c.id == id).map_or(0, |c| c.article_count);
    let items = category_tree(&rows.named)
        .into_iter()
        .map(|(category, depth)| {
            let english = count(&rows.english, &category.id);
            let german = count(&rows.german, &category.id);
            view! {
                <li class="flex flex-wrap items-baseline justify-between gap-2 py-2" style=format!("padding-left: {}rem", depth as f32 * 1.5) data-category=category.slug.clone() data-depth=depth>
                    <span class="text-sm font-medium text-slate-900">
                        {(depth > 0).then(|| view! { <span aria-hidden="true" class="text-slate-600">"└ "</span> })}
                        {category.name.clone()}
                        <span class="ml-2 font-mono text-xs text-slate-600">{category.slug.clone()}</span>
                    </span>
                    <span class="text-xs text-slate-700">
                        {format!("{english} {} · {german} {}", t(locale, KbKey::PublishedInEnglish), t(locale, KbKey::PublishedInGerman))}
                    </span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="kb-tree-heading" class=CARD>
            <h2 id="kb-tree-heading" class="sr-only">{t(locale, KbKey::Categories)}</h2>
            <ul class="divide-y divide-slate-100" id="kb-category-tree">{items}</ul>
        </section>
    }
    .into_any()
}

#[component]
fn NewCategoryForm(categories: Vec<KbCategory>, add: ServerAction<AddKbCategory>) -> impl IntoView {
    let locale = use_locale();
    let form = NodeRef::<html::Form>::new();
    let failure = move || add.value().get().and_then(Result::err);
    let error_for = move |field: &'static str| {
        Signal::derive(move || {
            failure().filter(|err| err.field.as_deref() == Some(field)).map(|err| kb_error_text(locale, &err))
        })
    };
    let general = move || {
        failure()
            .filter(|err| !matches!(err.field.as_deref(), Some("name" | "name_de" | "slug" | "parent_id")))
            .map(|err| kb_error_text(locale, &err))
    };
    let field = move |id: &'static str, name: &'static str, label: KbKey, hint: Option<KbKey>| {
        let error = error_for(name);
        let hint_id = format!("{id}-hint");
        let hint_for_aria = hint.map(|_| hint_id.clone());
        view! {
            <div class="space-y-1">
                <label for=id class=LABEL>{t(locale, label)}</label>
                <input id=id name=name type="text" autocomplete="off" class=INPUT
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    aria-describedby=move || {
                        let ids: Vec<String> = hint_for_aria.clone().into_iter()
                            .chain(error.with(Option::is_some).then(|| format!("{id}-error")))
                            .collect();
                        (!ids.is_empty()).then(|| ids.join(" "))
                    } />
                {hint.map(|hint| view! { <p id=hint_id.clone() class="text-xs text-slate-600">{t(locale, hint)}</p> })}
                {move || view! { <FieldError id message=error.get() /> }}
            </div>
        }
    };
    view! {
        <section aria-labelledby="kb-new-category-heading" class=CARD>
            <h2 id="kb-new-category-heading" class=H2>{t(locale, KbKey::AddCategory)}</h2>
            <ActionForm action=add node_ref=form attr:id="kb-category-form" attr:novalidate=true attr:class="mt-4 space-y-4">
                {field("kb-category-name", "name", KbKey::CategoryName, None)}
                {field("kb-category-name-de", "name_de", KbKey::CategoryNameDe, None)}
                {field("kb-category-slug", "slug", KbKey::Slug, Some(KbKey::CategorySlugHint))}
                <KbCategorySelect
                    id="kb-category-parent"
                    name="parent_id"
                    label=t(locale, KbKey::ParentCategory)
                    none_label=t(locale, KbKey::TopLevel)
                    categories
                    error=error_for("parent_id")
                />
                {move || general().map(|message| view! { <p id="kb-category-error" role="alert" class=ERROR_TEXT>{message}</p> })}
                <button type="submit" class=BUTTON_PRIMARY disabled=move || add.pending().get()>{t(locale, KbKey::AddCategory)}</button>
            </ActionForm>
        </section>
    }
}
