//! The automation rules in run order on `/admin/rules`: position, name, trigger, active state, and the warnings
//! of a rule Tidings disabled (it names a deactivated agent, a deleted team or canned reply), with edit and delete
//! links for admins. Deleting asks first (`?delete={id}`, see [`RuleDeleteConfirmation`]).

use leptos::prelude::*;
use tidings::domain::rules::{RuleDuration, RuleView, Trigger, ELAPSED_TRIGGER};
use tidings::domain::Locale;

use super::styles::{BUTTON_PRIMARY, CARD, H2, LINK, MUTED};
use crate::i18n::{anchor_name, rule_action_label, rule_warning_text, t, trigger_name, use_locale, RuleKey};

#[component]
pub fn RuleList(rules: Vec<RuleView>, can_manage: bool) -> impl IntoView {
    let locale = use_locale();
    if rules.is_empty() {
        return view! { <p class=format!("mt-4 {CARD} {MUTED}") id="rules-empty">{t(locale, RuleKey::NoRules)}</p> }
            .into_any();
    }
    let items = rules.into_iter().map(|rule| view! { <RuleItem rule can_manage /> }).collect_view();
    view! {
        <ol id="rule-list" aria-label=t(locale, RuleKey::Rules) class="mt-4 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm">
            {items}
        </ol>
    }
    .into_any()
}

#[component]
fn RuleItem(rule: RuleView, can_manage: bool) -> impl IntoView {
    let locale = use_locale();
    let state = t(locale, if rule.enabled { RuleKey::Active } else { RuleKey::Inactive });
    let state_class = if rule.enabled {
        "rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-900"
    } else {
        "rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700"
    };
    let warnings = (!rule.warnings.is_empty()).then(|| {
        let lines = rule
            .warnings
            .iter()
            .map(|warning| view! { <li>{rule_warning_text(locale, warning)}</li> })
            .collect_view();
        view! {
            <div class="mt-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950" data-rule-warning="">
                <p class="font-semibold">{t(locale, RuleKey::DisabledWarning)}</p>
                <ul class="list-disc pl-5">{lines}</ul>
            </div>
        }
    });
    let actions = can_manage.then(|| {
        view! {
            <div class="flex items-center gap-3">
                <a href=format!("/admin/rules?edit={}", rule.id) class=format!("text-sm {LINK}") aria-label=rule_action_label(locale, RuleKey::Edit, &rule.name)>
                    {t(locale, RuleKey::Edit)}
                </a>
                <a href=format!("/admin/rules?delete={}", rule.id) class="rounded-sm text-sm font-medium text-red-700 underline-offset-2 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-red-700" aria-label=rule_action_label(locale, RuleKey::Delete, &rule.name)>
                    {t(locale, RuleKey::Delete)}
                </a>
            </div>
        }
    });
    view! {
        <li class="px-4 py-3" data-rule=rule.id.clone()>
            <div class="flex flex-wrap items-center justify-between gap-2">
                <p class="text-sm font-semibold text-slate-900">
                    <span class="mr-2 font-mono text-xs text-slate-600">{format!("{}: {}", t(locale, RuleKey::Position), rule.position)}</span>
                    {rule.name.clone()}
                </p>
                <div class="flex items-center gap-3">
                    <span class=state_class>{state}</span>
                    {actions}
                </div>
            </div>
            <p class="mt-1 text-sm text-slate-700">{format!("{}: {}", t(locale, RuleKey::Trigger), trigger_text(locale, &rule.trigger))}</p>
            {warnings}
        </li>
    }
}

/// "When a ticket is created", or "After a waiting time: 3 days since the last status change".
fn trigger_text(locale: Locale, trigger: &Trigger) -> String {
    match trigger {
        Trigger::Elapsed { since, at_least } => {
            let (amount, unit) = match at_least {
                RuleDuration::Minutes(n) => (n, RuleKey::Minutes),
                RuleDuration::Hours(n) => (n, RuleKey::Hours),
                RuleDuration::Days(n) => (n, RuleKey::Days),
            };
            let since_word = if locale == Locale::De { "seit" } else { "since" };
            format!(
                "{}: {amount} {} {since_word} {}",
                trigger_name(locale, ELAPSED_TRIGGER),
                t(locale, unit),
                anchor_name(locale, since.as_str())
            )
        }
        event => trigger_name(locale, event.type_name()).to_string(),
    }
}

/// "Delete this rule?" with the rule's name, the button that posts the deletion, and a way back.
#[component]
pub fn RuleDeleteConfirmation(rule: RuleView) -> impl IntoView {
    let locale = use_locale();
    view! {
        <section aria-labelledby="rule-delete-heading" class=format!("mt-4 border-red-300 {CARD}") id="rule-delete">
            <h2 id="rule-delete-heading" class=H2>{t(locale, RuleKey::ConfirmDeleteHeading)}</h2>
            <p class="mt-1 text-sm font-semibold text-slate-900">{rule.name.clone()}</p>
            <p class=format!("mt-1 {MUTED}")>{t(locale, RuleKey::ConfirmDeleteBody)}</p>
            <form method="post" action=format!("/admin/rules/{}/delete", rule.id) class="mt-3 flex items-center gap-3">
                <button type="submit" id="rule-delete-confirm" class=format!("{BUTTON_PRIMARY} bg-red-700 hover:bg-red-800 focus-visible:ring-red-700")>
                    {t(locale, RuleKey::ConfirmDelete)}
                </button>
                <a href="/admin/rules" class=format!("text-sm {LINK}")>{t(locale, RuleKey::Cancel)}</a>
            </form>
        </section>
    }
}
