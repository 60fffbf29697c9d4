//! Creating or editing an automation rule on `/admin/rules`: name, trigger (an event, or a waiting time counted
//! from a ticket moment), the active box and the position as fields; conditions and actions as JSON text areas
//! with their shape described next to them. "Save" posts the form (`/admin/rules[/{id}]`); "Preview matches"
//! sends it by GET to the page, which lists the open tickets the rule would match. A refusal is shown next to the
//! control its field path belongs to, with the path.

use crate::text_edit::textarea_content;
use leptos::prelude::*;
use tidings::domain::rules::{RuleDraft, ELAPSED_TRIGGER};

use super::field_error::{described_by, FieldError};
use super::styles::{BUTTON_PRIMARY, BUTTON_SECONDARY, CARD, ERROR_TEXT, H2, INPUT, LABEL, LINK};
use crate::i18n::{anchor_name, t, trigger_name, use_locale, RuleKey};

const TRIGGERS: [&str; 6] =
    ["ticket_created", "ticket_updated", "message_received", "sla_warning", "sla_breach", ELAPSED_TRIGGER];
const ANCHORS: [&str; 5] =
    ["status_changed_at", "created_at", "updated_at", "last_customer_message_at", "last_agent_reply_at"];
const UNITS: [(&str, RuleKey); 3] = [("minutes", RuleKey::Minutes), ("hours", RuleKey::Hours), ("days", RuleKey::Days)];

/// A refusal of the draft: the service's field path (e.g. `conditions.all[0].value`) and the translated sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleFormError {
    pub field: Option<String>,
    pub message: String,
}

impl RuleFormError {
    /// The control a field path belongs to (`name`, `trigger`, `position`, `conditions`, `actions`), if any.
    fn control(&self) -> Option<&'static str> {
        let field = self.field.as_deref()?;
        ["name", "trigger", "position", "conditions", "actions"].into_iter().find(|control| {
            field == *control || field.starts_with(&format!("{control}.")) || field.starts_with(&format!("{control}["))
        })
    }

    /// The message for `control`, with the path inside it when the error is about a part of it.
    fn for_control(&self, control: &str) -> Option<String> {
        (self.control() == Some(control)).then(|| match self.field.as_deref() {
            Some(field) if field != control => format!("{} ({field})", self.message),
            _ => self.message.clone(),
        })
    }

    fn general(&self) -> Option<String> {
        self.control().is_none().then(|| self.message.clone())
    }
}

#[component]
pub fn RuleForm(
    /// The rule being edited; `None` creates a new one.
    editing: Option<String>,
    draft: RuleDraft,
    error: Option<RuleFormError>,
) -> impl IntoView {
    let locale = use_locale();
    let (heading, action, button) = match &editing {
        Some(id) => (RuleKey::EditRule, format!("/admin/rules/{id}"), RuleKey::SaveRule),
        None => (RuleKey::NewRule, "/admin/rules".to_string(), RuleKey::CreateRule),
    };
    let error = error.unwrap_or_default();
    let has_error = !error.message.is_empty();
    let error_for = |control: &str| error.for_control(control).filter(|_| has_error);
    let (name_error, trigger_error, position_error) = (error_for("name"), error_for("trigger"), error_for("position"));
    let (conditions_error, actions_error) = (error_for("conditions"), error_for("actions"));
    let general = error.general().filter(|_| has_error);
    let invalid = |message: &Option<String>| message.is_some().then_some("true");
    let hint_and_error = |id: &str, message: &Option<String>| match message {
        Some(_) => format!("{id}-hint {id}-error"),
        None => format!("{id}-hint"),
    };
    let options = |choices: Vec<(&'static str, String)>, selected: String| {
        choices
            .into_iter()
            .map(|(value, label)| view! { <option value=value selected=selected == value>{label}</option> })
            .collect_view()
    };
    let trigger_options = options(
        TRIGGERS.iter().map(|trigger| (*trigger, trigger_name(locale, trigger).to_string())).collect(),
        draft.trigger,
    );
    let anchor_options =
        options(ANCHORS.iter().map(|anchor| (*anchor, anchor_name(locale, anchor).to_string())).collect(), draft.since);
    let unit_options =
        options(UNITS.iter().map(|(unit, key)| (*unit, t(locale, *key).to_string())).collect(), draft.after_unit);
    // Also set as the property: a textarea re-rendered in the browser ignores new text content.
    let (conditions_text, actions_text) = (draft.conditions.clone(), draft.actions.clone());
    view! {
        <section aria-labelledby="rule-form-heading" class=CARD>
            <h2 id="rule-form-heading" class=H2>{t(locale, heading)}</h2>
            <form method="post" action=action novalidate id="rule-form" class="mt-3 space-y-4">
                {editing.clone().map(|id| view! { <input type="hidden" name="edit" value=id /> })}
                <div class="space-y-1">
                    <label for="rule-name" class=LABEL>{t(locale, RuleKey::Name)}</label>
                    <input id="rule-name" name="name" type="text" autocomplete="off" value=draft.name class=INPUT
                        aria-invalid=invalid(&name_error) aria-describedby=described_by("rule-name", &name_error) />
                    <FieldError id="rule-name" message=name_error />
                </div>
                <div class="space-y-1">
                    <label for="rule-trigger" class=LABEL>{t(locale, RuleKey::Trigger)}</label>
                    <select id="rule-trigger" name="trigger" class=INPUT aria-invalid=invalid(&trigger_error)
                        aria-describedby=described_by("rule-trigger", &trigger_error)>
                        {trigger_options}
                    </select>
                    <FieldError id="rule-trigger" message=trigger_error />
                </div>
                <fieldset class="space-y-2 rounded-md border border-slate-200 p-3" aria-describedby="rule-time-hint">
                    <legend class="px-1 text-sm font-medium text-slate-800">{trigger_name(locale, ELAPSED_TRIGGER)}</legend>
                    <p id="rule-time-hint" class="text-xs text-slate-600">{t(locale, RuleKey::TimeTriggerHint)}</p>
                    <div class="grid grid-cols-1 gap-2 sm:grid-cols-3">
                        <div class="space-y-1 sm:col-span-3">
                            <label for="rule-since" class=LABEL>{t(locale, RuleKey::Since)}</label>
                            <select id="rule-since" name="since" class=INPUT>{anchor_options}</select>
                        </div>
                        <div class="space-y-1 sm:col-span-2">
                            <label for="rule-after" class=LABEL>{t(locale, RuleKey::After)}</label>
                            <input id="rule-after" name="after" type="number" min="1" step="1" inputmode="numeric" value=draft.after class=INPUT />
                        </div>
                        <div class="space-y-1">
                            <label for="rule-after-unit" class=LABEL>{t(locale, RuleKey::Unit)}</label>
                            <select id="rule-after-unit" name="after_unit" class=INPUT>{unit_options}</select>
                        </div>
                    </div>
                </fieldset>
                <label for="rule-enabled" class="flex items-center gap-2 text-sm font-medium text-slate-800">
                    <input id="rule-enabled" name="enabled" type="checkbox" checked=draft.enabled class="h-4 w-4 rounded border-slate-400 text-indigo-600 focus-visible:ring-2 focus-visible:ring-indigo-600" />
                    {t(locale, RuleKey::ActiveBox)}
                </label>
                <div class="space-y-1">
                    <label for="rule-position" class=LABEL>{t(locale, RuleKey::Position)}</label>
                    <input id="rule-position" name="position" type="text" inputmode="numeric" autocomplete="off" value=draft.position class=INPUT
                        aria-invalid=invalid(&position_error) aria-describedby=hint_and_error("rule-position", &position_error) />
                    <p id="rule-position-hint" class="text-xs text-slate-600">{t(locale, RuleKey::PositionHint)}</p>
                    <FieldError id="rule-position" message=position_error />
                </div>
                <div class="space-y-1">
                    <label for="rule-conditions" class=LABEL>{t(locale, RuleKey::Conditions)}</label>
                    <textarea id="rule-conditions" name="conditions" rows="8" spellcheck="false" prop:value=conditions_text
                        class=format!("{INPUT} font-mono text-xs") aria-invalid=invalid(&conditions_error)
                        aria-describedby=hint_and_error("rule-conditions", &conditions_error)>{textarea_content(&draft.conditions)}</textarea>
                    <p id="rule-conditions-hint" class="text-xs text-slate-600">{t(locale, RuleKey::ConditionsHint)}</p>
                    <FieldError id="rule-conditions" message=conditions_error />
                </div>
                <div class="space-y-1">
                    <label for="rule-actions" class=LABEL>{t(locale, RuleKey::ActionsJson)}</label>
                    <textarea id="rule-actions" name="actions" rows="6" spellcheck="false" prop:value=actions_text
                        class=format!("{INPUT} font-mono text-xs") aria-invalid=invalid(&actions_error)
                        aria-describedby=hint_and_error("rule-actions", &actions_error)>{textarea_content(&draft.actions)}</textarea>
                    <p id="rule-actions-hint" class="text-xs text-slate-600">{t(locale, RuleKey::ActionsHint)}</p>
                    <FieldError id="rule-actions" message=actions_error />
                </div>
                {general.map(|message| view! { <p id="rule-form-error" role="alert" class=ERROR_TEXT>{message}</p> })}
                <div class="flex flex-wrap items-center gap-3">
                    <button type="submit" id="rule-save" class=BUTTON_PRIMARY>{t(locale, button)}</button>
                    <button type="submit" id="rule-preview" name="preview" value="1" formmethod="get" formaction="/admin/rules" class=BUTTON_SECONDARY>
                        {t(locale, RuleKey::Preview)}
                    </button>
                    {editing.is_some().then(|| view! { <a href="/admin/rules" class=format!("text-sm {LINK}")>{t(locale, RuleKey::Cancel)}</a> })}
                </div>
            </form>
        </section>
    }
}
