//! Merging this ticket into another (by number or id) and splitting the messages ticked in the thread off into a
//! new ticket (the thread's checkboxes belong to `#split-form` through their `form` attribute).

use leptos::prelude::*;

use super::field_error::{described_by, FieldError};
use super::page_notice::QueryError;
use super::styles::BUTTON_SECONDARY;
use crate::i18n::{t, use_locale, AgentKey};

const CONTROL: &str = "block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 focus:border-indigo-600 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600 aria-[invalid=true]:border-red-700";
const SMALL_LABEL: &str = "block text-xs font-medium text-slate-700";

#[component]
pub fn MergeSplitForms(ticket_id: String, error: QueryError, into: String, subject: String) -> impl IntoView {
    let locale = use_locale();
    let merge_error = error.for_field("into_id").or_else(|| error.for_field("id"));
    let split_error = error.for_field("message_ids").or_else(|| error.for_field("subject"));
    view! {
        <section aria-labelledby="merge-heading" class="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h2 id="merge-heading" class="text-sm font-semibold text-slate-900">{t(locale, AgentKey::MergeHeading)}</h2>
            <form method="post" action=format!("/agent/tickets/{ticket_id}/merge") id="merge-form" class="mt-2 space-y-2">
                <div>
                    <label for="merge-into" class=SMALL_LABEL>{t(locale, AgentKey::MergeInto)}</label>
                    <input id="merge-into" name="into_id" type="text" value=into placeholder="#1042" class=CONTROL aria-invalid=merge_error.is_some().then_some("true") aria-describedby=described_by("merge-into", &merge_error).unwrap_or_else(|| "merge-hint".to_string()) />
                    <FieldError id="merge-into" message=merge_error />
                    <p id="merge-hint" class="mt-1 text-xs text-slate-600">{t(locale, AgentKey::MergeHint)}</p>
                </div>
                <button type="submit" class=format!("w-full {BUTTON_SECONDARY}") id="merge-button">{t(locale, AgentKey::MergeButton)}</button>
            </form>
        </section>
        <section aria-labelledby="split-heading" class="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h2 id="split-heading" class="text-sm font-semibold text-slate-900">{t(locale, AgentKey::SplitHeading)}</h2>
            <p id="split-hint" class="mt-1 text-xs text-slate-600">{t(locale, AgentKey::SplitHint)}</p>
            <form method="post" action=format!("/agent/tickets/{ticket_id}/split") id="split-form" class="mt-2 space-y-2">
                <div>
                    <label for="split-subject" class=SMALL_LABEL>{t(locale, AgentKey::SplitSubject)}</label>
                    <input id="split-subject" name="subject" type="text" value=subject class=CONTROL aria-invalid=split_error.is_some().then_some("true") aria-describedby=described_by("split-subject", &split_error) />
                    <FieldError id="split-subject" message=split_error />
                </div>
                <button type="submit" class=format!("w-full {BUTTON_SECONDARY}") id="split-button" aria-describedby="split-hint">{t(locale, AgentKey::SplitButton)}</button>
            </form>
        </section>
    }
}
