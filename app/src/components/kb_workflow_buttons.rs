//! The workflow steps the signed-in user may take from the article's status, as one form with a button per step
//! ("Send for review", "Publish", …). Which steps exist and who may take them is `check_status_change`, the same
//! rule the services enforce.

use leptos::prelude::*;
use tidings::domain::kb::{check_status_change, ArticleStatus};
use tidings::domain::Role;

use super::styles::{BUTTON_PRIMARY, BUTTON_SECONDARY, ERROR_TEXT, MUTED};
use crate::api::kb_admin::ChangeKbArticleStatus;
use crate::i18n::{kb_error_text, t, use_locale, workflow_step_label, KbKey};

/// The statuses `role` may move an article to from `from`.
pub fn next_steps(role: Role, from: ArticleStatus) -> Vec<ArticleStatus> {
    ArticleStatus::ALL.into_iter().filter(|to| check_status_change(role, from, *to).is_ok()).collect()
}

#[component]
pub fn KbWorkflowButtons(
    article_id: String,
    status: ArticleStatus,
    role: Role,
    change: ServerAction<ChangeKbArticleStatus>,
) -> impl IntoView {
    let locale = use_locale();
    let steps = next_steps(role, status);
    let failure = move || change.value().get().and_then(Result::err).map(|err| kb_error_text(locale, &err));
    let buttons = steps
        .iter()
        .map(|to| {
            let class = if *to == ArticleStatus::Published { BUTTON_PRIMARY } else { BUTTON_SECONDARY };
            view! {
                <button type="submit" name="to" value=to.as_str() class=class disabled=move || change.pending().get()>
                    {workflow_step_label(locale, status, *to)}
                </button>
            }
        })
        .collect_view();
    let nothing_to_do = steps.is_empty().then(|| view! { <p class=MUTED>{t(locale, KbKey::NoWorkflowSteps)}</p> });
    view! {
        <section aria-labelledby="kb-workflow-heading" class="space-y-2">
            <h2 id="kb-workflow-heading" class="text-sm font-semibold text-slate-900">{t(locale, KbKey::Workflow)}</h2>
            <ActionForm action=change attr:id="kb-workflow-form">
                <input type="hidden" name="id" value=article_id />
                <div class="flex flex-wrap gap-2">{buttons}</div>
            </ActionForm>
            {nothing_to_do}
            {move || failure().map(|message| view! { <p id="kb-workflow-error" role="alert" class=ERROR_TEXT>{message}</p> })}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ArticleStatus::*;

    #[test]
    fn agents_only_move_between_draft_and_review() {
        assert_eq!(next_steps(Role::Agent, Draft), [InReview]);
        assert_eq!(next_steps(Role::Agent, InReview), [Draft]);
        assert!(next_steps(Role::Agent, Published).is_empty());
    }

    #[test]
    fn admins_see_publish_unpublish_and_archive() {
        assert_eq!(next_steps(Role::Admin, InReview), [Draft, Published, Archived]);
        assert_eq!(next_steps(Role::Admin, Published), [Draft, Archived]);
        assert_eq!(next_steps(Role::Admin, Archived), [Draft, Published]);
    }
}
