//! The article editor's form: title, slug, language, category, tags, excerpt and the markdown body with its live
//! preview. It saves through the `save_kb_article` server function; a refusal is shown next to the field the
//! service named, anything else (a version conflict) above the Save button.

use leptos::prelude::*;
use tidings::domain::kb::KbCategory;
use tidings::domain::Locale;

use super::field_error::FieldError;
use super::kb_body_field::KbBodyField;
use super::kb_category_select::KbCategorySelect;
use super::markdown_preview::LivePreview;
use super::styles::{BUTTON_PRIMARY, INPUT, LABEL, MUTED};
use crate::api::kb_admin::SaveKbArticle;
use crate::i18n::{kb_error_text, language_name, t, use_locale, KbKey};

/// The fields the service checks, each shown next to its control.
const FIELDS: [&str; 7] = ["title", "slug", "lang", "category_id", "tags", "excerpt", "body_markdown"];

/// What the form starts with.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KbFormValues {
    /// `None` for a new article.
    pub id: Option<String>,
    pub lang: Locale,
    pub title: String,
    pub slug: String,
    pub category_id: Option<String>,
    /// Comma separated.
    pub tags: String,
    pub excerpt: String,
    pub body_markdown: String,
    /// The saved body as HTML, shown in the preview until the browser renders a new one.
    pub body_html: String,
    pub translation_of: Option<String>,
    /// The version the editor started from.
    pub expected_version: Option<i64>,
}

#[component]
pub fn KbArticleForm(
    values: KbFormValues,
    categories: Vec<KbCategory>,
    save: ServerAction<SaveKbArticle>,
    /// Published and archived articles are changed by admins only.
    #[prop(optional)]
    read_only: bool,
) -> impl IntoView {
    let locale = use_locale();
    let failure = move || save.value().get().and_then(Result::err);
    let error_for = move |field: &'static str| {
        Signal::derive(move || {
            failure().filter(|err| err.field.as_deref() == Some(field)).map(|err| kb_error_text(locale, &err))
        })
    };
    let form_error = move || {
        failure()
            .filter(|err| !FIELDS.iter().any(|field| err.field.as_deref() == Some(*field)))
            .map(|err| kb_error_text(locale, &err))
    };
    let is_new = values.id.is_none();
    let preview = LivePreview::new(values.body_html.clone());
    let hidden = view! {
        {values.id.clone().map(|id| view! { <input type="hidden" name="id" value=id /> })}
        {values.translation_of.clone().map(|id| view! { <input type="hidden" name="translation_of" value=id /> })}
        {values.expected_version.map(|v| view! { <input type="hidden" name="expected_version" value=v.to_string() /> })}
        {(!is_new).then(|| view! { <input type="hidden" name="original_excerpt" value=values.excerpt.clone() /> })}
    };
    let lang_error = error_for("lang");
    let lang_options = Locale::ALL
        .into_iter()
        .map(|lang| view! { <option value=lang.as_str() selected=lang == values.lang>{language_name(locale, lang)}</option> })
        .collect_view();
    let button = if is_new { KbKey::CreateArticle } else { KbKey::Save };
    view! {
        <ActionForm action=save attr:id="kb-article-form" attr:novalidate=true attr:class="space-y-4">
            {hidden}
            <div class="grid grid-cols-1 gap-4 md:grid-cols-2">
                <TextField id="kb-title" name="title" label=t(locale, KbKey::Title) value=values.title.clone() error=error_for("title") required=true />
                <TextField id="kb-slug" name="slug" label=t(locale, KbKey::Slug) value=values.slug.clone() error=error_for("slug") hint=t(locale, KbKey::SlugHint) />
                <div class="space-y-1">
                    <label for="kb-lang" class=LABEL>{t(locale, KbKey::Language)}</label>
                    <select
                        id="kb-lang"
                        name="lang"
                        class=INPUT
                        disabled=!is_new
                        aria-describedby=move || described("kb-lang", (!is_new).then_some("kb-lang-hint"), lang_error.with(Option::is_some))
                        aria-invalid=move || lang_error.with(Option::is_some).then_some("true")
                    >
                        {lang_options}
                    </select>
                    {(!is_new).then(|| view! { <p id="kb-lang-hint" class="text-xs text-slate-600">{t(locale, KbKey::LanguageFixed)}</p> })}
                    {move || view! { <FieldError id="kb-lang" message=lang_error.get() /> }}
                </div>
                <KbCategorySelect
                    id="kb-category"
                    name="category_id"
                    label=t(locale, KbKey::Category)
                    none_label=t(locale, KbKey::NoCategory)
                    categories
                    selected=values.category_id.clone().unwrap_or_default()
                    error=error_for("category_id")
                />
                <TextField id="kb-tags" name="tags" label=t(locale, KbKey::Tags) value=values.tags.clone() error=error_for("tags") hint=t(locale, KbKey::TagsHint) />
                <TextField id="kb-excerpt" name="excerpt" label=t(locale, KbKey::Excerpt) value=values.excerpt.clone() error=error_for("excerpt") hint=t(locale, KbKey::ExcerptHint) />
            </div>
            <KbBodyField body=values.body_markdown.clone() preview error=error_for("body_markdown") />
            {move || form_error().map(|message| view! { <p id="kb-form-error" role="alert" class="rounded-md border border-red-300 bg-red-50 p-3 text-sm font-medium text-red-800">{message}</p> })}
            {read_only.then(|| view! { <p class=MUTED id="kb-read-only">{t(locale, KbKey::ReadOnlyForAgents)}</p> })}
            <button type="submit" id="kb-save" class=BUTTON_PRIMARY disabled=move || read_only || save.pending().get()>
                {t(locale, button)}
            </button>
        </ActionForm>
    }
}

/// `aria-describedby` of a control: its hint (if any) and its error paragraph (while there is one).
fn described(id: &str, hint: Option<&str>, has_error: bool) -> Option<String> {
    let error = has_error.then(|| format!("{id}-error"));
    let ids: Vec<String> = hint.map(str::to_string).into_iter().chain(error).collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// A labelled text input with an optional hint and its error.
#[component]
fn TextField(
    id: &'static str,
    name: &'static str,
    #[prop(into)] label: String,
    value: String,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let hint_id = hint.map(|_| format!("{id}-hint"));
    let hint_for_aria = hint_id.clone();
    view! {
        <div class="space-y-1">
            <label for=id class=LABEL>{label}</label>
            <input
                id=id
                name=name
                type="text"
                value=value
                required=required
                autocomplete="off"
                class=INPUT
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=move || described(id, hint_for_aria.as_deref(), error.with(Option::is_some))
            />
            {hint.map(|hint| view! { <p id=hint_id.clone() class="text-xs text-slate-600">{hint}</p> })}
            {move || view! { <FieldError id message=error.get() /> }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::described;

    #[test]
    fn described_by_lists_hint_then_error() {
        assert_eq!(described("kb-slug", Some("kb-slug-hint"), false).as_deref(), Some("kb-slug-hint"));
        assert_eq!(described("kb-slug", Some("kb-slug-hint"), true).as_deref(), Some("kb-slug-hint kb-slug-error"));
        assert_eq!(described("kb-title", None, true).as_deref(), Some("kb-title-error"));
        assert_eq!(described("kb-title", None, false), None);
    }
}
