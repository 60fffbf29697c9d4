//! The preview's answer on `/admin/rules`: the open tickets a draft rule would match now, each linked to its page
//! in the agent workspace.

use leptos::prelude::*;
use tidings::domain::rules::RulePreview;

use super::styles::{CARD, H2, LINK, MUTED};
use crate::i18n::{status_name, t, use_locale, RuleKey};

#[component]
pub fn RulePreviewResult(preview: RulePreview) -> impl IntoView {
    let locale = use_locale();
    let empty = preview.matches.is_empty();
    let items = preview
        .matches
        .into_iter()
        .map(|ticket| {
            view! {
                <li class="py-2" data-preview-ticket=ticket.id.clone()>
                    <a href=format!("/agent/tickets/{}", ticket.id) class=format!("text-sm {LINK}")>
                        {format!("#{} {}", ticket.number, ticket.subject)}
                    </a>
                    <span class="ml-2 text-xs text-slate-700">{status_name(locale, ticket.status)}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="rule-preview-heading" class=CARD id="rule-preview-result">
            <h2 id="rule-preview-heading" class=H2>{t(locale, RuleKey::PreviewHeading)}</h2>
            <ul class="mt-2 divide-y divide-slate-100">{items}</ul>
            {empty.then(|| view! { <p class=format!("mt-2 {MUTED}") id="rule-preview-empty">{t(locale, RuleKey::NoMatches)}</p> })}
        </section>
    }
}
