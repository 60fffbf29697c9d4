//! An article's saved versions, newest first. Choosing one (`?version=N`, a plain link) shows what it changed
//! against the version before, line by line: added lines marked "+", removed ones "-", context grey, each also
//! named for screen readers. An old version can be restored as the newest version.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use tidings::domain::kb::diff::{DiffKind, DiffLine};
use tidings::domain::kb::{ArticleVersion, ArticleVersionSummary};

use super::styles::{BUTTON_SECONDARY, ERROR_TEXT, H2, LINK, MUTED};
use crate::api::kb_admin::{list_kb_article_versions, load_kb_article_version, RestoreKbArticleVersion};
use crate::api::AppError;
use crate::format::{date_time, iso};
use crate::i18n::{kb_error_text, t, use_locale, KbKey, Key};

/// The history's data, loaded by the page (not by this component, so the server-rendered list hydrates as is).
#[derive(Clone, Copy)]
pub struct HistoryData {
    pub versions: Resource<Result<Vec<ArticleVersionSummary>, AppError>>,
    /// The version chosen with `?version=N`, with its diff.
    pub diff: Resource<Result<Option<ArticleVersion>, AppError>>,
    pub selected: Memo<Option<i64>>,
}

impl HistoryData {
    /// Loads the versions of the article `id` and the diff of the version in `?version=`; `reload` refetches both.
    pub fn load(id: Memo<String>, reload: RwSignal<u32>) -> HistoryData {
        let query = use_query_map();
        let selected = Memo::new(move |_| query.with(|q| q.get("version")).and_then(|v| v.parse::<i64>().ok()));
        let versions = Resource::new(move || (id.get(), reload.get()), |(id, _)| list_kb_article_versions(id));
        let diff = Resource::new(
            move || (id.get(), selected.get(), reload.get()),
            |(id, version, _)| async move {
                match version {
                    Some(version) => load_kb_article_version(id, version).await.map(Some),
                    None => Ok(None),
                }
            },
        );
        HistoryData { versions, diff, selected }
    }
}

#[component]
pub fn KbVersionHistory(
    article_id: String,
    /// The article's newest version (it cannot be restored onto itself).
    current_version: i64,
    /// Whether the signed-in user may restore versions of this article now.
    may_restore: bool,
    data: HistoryData,
    restore: ServerAction<RestoreKbArticleVersion>,
) -> impl IntoView {
    let locale = use_locale();
    let id = StoredValue::new(article_id);
    let HistoryData { versions, diff, selected } = data;
    let restore_error = move || restore.value().get().and_then(Result::err).map(|err| kb_error_text(locale, &err));
    view! {
        <section id="kb-history" aria-labelledby="kb-history-heading" class="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h2 id="kb-history-heading" class=H2>{t(locale, KbKey::History)}</h2>
            <Transition fallback=move || view! { <p class=MUTED>{t(locale, Key::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match versions.await {
                        Ok(list) => view! { <VersionList article_id=id.get_value() versions=list current_version selected /> }.into_any(),
                        Err(err) => view! { <p role="alert" class=ERROR_TEXT>{kb_error_text(locale, &err)}</p> }.into_any(),
                    }
                })}
            </Transition>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match diff.await {
                        Ok(Some(version)) => {
                            let may_restore = may_restore && version.version < current_version;
                            view! { <VersionDiff article_id=id.get_value() version may_restore restore /> }.into_any()
                        }
                        Ok(None) => ().into_any(),
                        Err(err) => view! { <p role="alert" class=ERROR_TEXT>{kb_error_text(locale, &err)}</p> }.into_any(),
                    }
                })}
            </Transition>
            {move || restore_error().map(|message| view! { <p id="kb-restore-error" role="alert" class=ERROR_TEXT>{message}</p> })}
        </section>
    }
}

#[component]
fn VersionList(
    article_id: String,
    versions: Vec<ArticleVersionSummary>,
    current_version: i64,
    selected: Memo<Option<i64>>,
) -> impl IntoView {
    let locale = use_locale();
    if versions.is_empty() {
        return view! { <p class=MUTED>{t(locale, KbKey::NoVersions)}</p> }.into_any();
    }
    let rows = versions
        .into_iter()
        .map(|version| {
            let number = version.version;
            let href = format!("/admin/kb/{article_id}?version={number}#kb-history");
                        let current = (number == current_version).then(|| format!(" ({})", t(locale, KbKey::Current)));
            let label = format!("{} {} {number}", t(locale, KbKey::ShowChanges), t(locale, KbKey::Version));
            view! {
                <li class="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2" data-version=number>
                    <div class="min-w-0">
                        <p class="text-sm font-medium text-slate-900">
                            {format!("{} {number}", t(locale, KbKey::Version))}{current}" · "{version.title}
                        </p>
                        <p class="text-xs text-slate-600">
                            {version.author.name}" · "
                            <time datetime=iso(&version.created_at)>{date_time(&version.created_at)}</time>
                        </p>
                    </div>
                    <a href=href class=format!("text-sm {LINK}") aria-label=label aria-current=move || (selected.get() == Some(number)).then_some("true")>
                        {t(locale, KbKey::ShowChanges)}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="mt-2 divide-y divide-slate-100" id="kb-version-list">{rows}</ol> }.into_any()
}

#[component]
fn VersionDiff(
    article_id: String,
    version: ArticleVersion,
    may_restore: bool,
    restore: ServerAction<RestoreKbArticleVersion>,
) -> impl IntoView {
    let locale = use_locale();
    let heading = format!("{} {}", t(locale, KbKey::ChangesIn), version.version);
    let lines = version.diff.into_iter().map(|line| view! { <DiffRow line /> }).collect_view();
    let restore_form = may_restore.then(|| {
        view! {
            <ActionForm action=restore attr:id="kb-restore-form" attr:class="mt-3">
                <input type="hidden" name="id" value=article_id />
                <input type="hidden" name="version" value=version.version.to_string() />
                <button type="submit" class=BUTTON_SECONDARY disabled=move || restore.pending().get()>
                    {t(locale, KbKey::RestoreVersion)}
                </button>
            </ActionForm>
        }
    });
    view! {
        <div class="mt-4 border-t border-slate-200 pt-4" id="kb-diff-panel">
            <h3 id="kb-diff-heading" class="text-sm font-semibold text-slate-900">{heading}</h3>
            <p class="text-xs text-slate-600">
                {version.author.name}" · "<time datetime=iso(&version.created_at)>{date_time(&version.created_at)}</time>
            </p>
            <ol aria-labelledby="kb-diff-heading" class="mt-2 rounded-md border border-slate-200 font-mono text-xs" id="kb-diff">
                {lines}
            </ol>
            {restore_form}
        </div>
    }
}

#[component]
fn DiffRow(line: DiffLine) -> impl IntoView {
    let locale = use_locale();
    let (marker, spoken, class, kind) = match line.kind {
        DiffKind::Added => ("+", KbKey::LineAdded, "bg-emerald-50 text-emerald-900", "added"),
        DiffKind::Removed => ("-", KbKey::LineRemoved, "bg-red-50 text-red-900", "removed"),
        DiffKind::Same => (" ", KbKey::LineUnchanged, "bg-white text-slate-600", "same"),
    };
    view! {
        <li class=format!("flex gap-2 px-2 py-0.5 {class}") data-diff=kind>
            <span aria-hidden="true" class="w-3 shrink-0 select-none font-bold">{marker}</span>
            <span class="sr-only">{t(locale, spoken)}" "</span>
            <span class="whitespace-pre-wrap break-words">{line.text}</span>
        </li>
    }
}
