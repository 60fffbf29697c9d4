//! `/admin/rules`: the automation rules in run order with their health warnings; admins create, edit
//! (`?edit={id}`), preview (`?preview=1` plus the form's values, sent by GET) and delete (`?delete={id}` asks
//! first) them, all as plain forms (`POST /admin/rules`, `/admin/rules/{id}`, `/admin/rules/{id}/delete`), so the
//! page works without JavaScript. Supervisors see the list read-only.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;
use tidings::domain::rules::RuleDraft;
use tidings::domain::{Action, Locale};

use crate::api::rules::{load_rules, preview_rule_draft, RulesOverview};
use crate::api::AppError;
use crate::components::admin_nav::AdminNav;
use crate::components::page_notice::PageNotice;
use crate::components::role_guard::RequireRole;
use crate::components::rule_form::{RuleForm, RuleFormError};
use crate::components::rule_list::{RuleDeleteConfirmation, RuleList};
use crate::components::rule_preview::RulePreviewResult;
use crate::components::styles::{ERROR_TEXT, H1, MUTED};
use crate::i18n::{app_error_text, error_text, t, use_locale, Key, RuleKey};

#[component]
pub fn AdminRulesPage() -> impl IntoView {
    view! {
        <RequireRole action=Action::ReadRules>
            <RulesPage />
        </RequireRole>
    }
}

#[component]
fn RulesPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let overview = Resource::new(|| (), |_| load_rules());
    // The form's values as sent back by a refused save or a preview; otherwise the form shows a saved rule or a
    // blank one.
    let typed = Memo::new(move |_| query.with(typed_draft));
    let to_preview = move || query.with(|q| q.get("preview").is_some()).then(|| typed.get()).flatten();
    let preview = Resource::new(to_preview, |draft| async move {
        match draft {
            Some(draft) => Some(preview_rule_draft(draft).await),
            None => None,
        }
    });
    view! {
        <Title text=t(locale, RuleKey::Rules) />
        <Transition fallback=move || view! { <p class=MUTED>{t(locale, Key::Loading)}</p> }>
            {move || {
                // Read before awaiting, so a client-side navigation (an "Edit" link) renders the new state.
                let (edit, delete, error) = query.with(|q| (q.get("edit"), q.get("delete"), query_error(locale, q)));
                let typed = typed.get();
                Suspend::new(async move {
                    let preview = preview.await;
                    match overview.await {
                        Ok(overview) => {
                            let page = RulesView { overview, edit, delete, typed, error, preview };
                            view! { <RulesLayout page /> }.into_any()
                        }
                        Err(err) => view! { <p role="alert" class=ERROR_TEXT>{app_error_text(locale, &err)}</p> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

/// Everything the page shows once loaded.
struct RulesView {
    overview: RulesOverview,
    edit: Option<String>,
    delete: Option<String>,
    typed: Option<RuleDraft>,
    error: Option<RuleFormError>,
    preview: Option<Result<tidings::domain::rules::RulePreview, AppError>>,
}

#[component]
fn RulesLayout(page: RulesView) -> impl IntoView {
    let locale = use_locale();
    let RulesView { overview: RulesOverview { rules, can_manage }, edit, delete, typed, error, preview } = page;
    let confirmation = delete
        .and_then(|id| rules.iter().find(|rule| rule.id == id).cloned())
        .filter(|_| can_manage)
        .map(|rule| view! { <RuleDeleteConfirmation rule /> });
    let edited = edit.as_ref().and_then(|id| rules.iter().find(|rule| &rule.id == id));
    let editing = edited.map(|rule| rule.id.clone());
    let draft = typed.or_else(|| edited.map(RuleDraft::from_view)).unwrap_or_else(RuleDraft::blank);
    let (matches, preview_error) = match preview {
        Some(Ok(found)) => (Some(found), None),
        Some(Err(err)) => (None, Some(RuleFormError { message: app_error_text(locale, &err), field: err.field })),
        None => (None, None),
    };
    let error = error.or(preview_error);
    let side = can_manage.then(|| {
        view! {
            <div class="space-y-4">
                <RuleForm editing draft error />
                {matches.map(|preview| view! { <RulePreviewResult preview /> })}
            </div>
        }
    });
    view! {
        {can_manage.then(|| view! { <AdminNav /> })}
        <h1 class=format!("mt-6 {H1}")>{t(locale, RuleKey::Rules)}</h1>
        <p class=format!("mt-2 max-w-3xl {MUTED}")>{t(locale, RuleKey::Intro)}</p>
        {(!can_manage).then(|| view! { <p class=format!("mt-2 {MUTED}") id="rules-read-only">{t(locale, RuleKey::ReadOnly)}</p> })}
        <PageNotice />
        <div class="mt-2 grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_30rem]">
            <div class="min-w-0">
                {confirmation}
                <RuleList rules can_manage />
            </div>
            {side}
        </div>
    }
}

/// The form's values from the address, when a refused save or a preview sent them back.
fn typed_draft(q: &ParamsMap) -> Option<RuleDraft> {
    if q.get("preview").is_none() && q.get("error").is_none() {
        return None;
    }
    let value = |key: &str| q.get(key).unwrap_or_default();
    Some(RuleDraft {
        name: value("name"),
        trigger: value("trigger"),
        since: value("since"),
        after: value("after"),
        after_unit: value("after_unit"),
        enabled: q.get("enabled").as_deref() == Some("on"),
        position: value("position"),
        conditions: value("conditions"),
        actions: value("actions"),
    })
}

/// `?error=<code>&field=<path>` of a refused save, translated.
fn query_error(locale: Locale, q: &ParamsMap) -> Option<RuleFormError> {
    let code = q.get("error")?;
    let message = error_text(locale, &code).or_else(|| error_text(locale, "internal")).unwrap_or_default();
    Some(RuleFormError { field: q.get("field"), message })
}
