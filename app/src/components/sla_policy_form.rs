//! The form that adds an SLA policy on `/admin/sla`: a name, an optional channel, first-response and resolution
//! targets in business minutes per priority (a table of number fields) and the warning share. A refusal is shown
//! next to its field (`targets.normal.first_response_minutes` belongs to that one number field).

use leptos::prelude::*;
use tidings::domain::{Channel, Priority};

use super::field_error::FieldError;
use super::styles::{BUTTON_PRIMARY, CARD, ERROR_TEXT, H2, INPUT, LABEL};
use crate::api::sla::AddSlaPolicy;
use crate::i18n::{app_error_text, channel_name, priority_name, t, use_locale, SlaKey};

/// The fields a refusal can name, besides the targets.
const FIELDS: [&str; 4] = ["name", "channel", "warning.percent_remaining", "warning.minutes_remaining"];

#[component]
pub fn SlaPolicyForm(add: ServerAction<AddSlaPolicy>) -> impl IntoView {
    let locale = use_locale();
    let failure = move || add.value().get().and_then(Result::err);
    let error_for = move |field: String| {
        Signal::derive(move || {
            failure().filter(|err| err.field.as_deref() == Some(field.as_str())).map(|err| app_error_text(locale, &err))
        })
    };
    let general = move || {
        failure()
            .filter(|err| {
                !err.field.as_deref().is_some_and(|field| FIELDS.contains(&field) || field.starts_with("targets."))
            })
            .map(|err| app_error_text(locale, &err))
    };
    let name_error = error_for("name".into());
    let channel_error = error_for("channel".into());
    let warning_error = error_for("warning.percent_remaining".into());
    let channel_options = Channel::ALL
        .into_iter()
        .map(|channel| view! { <option value=channel.as_str()>{channel_name(locale, channel)}</option> })
        .collect_view();
    let target_rows = Priority::ALL
        .into_iter()
        .map(|priority| {
            let cell = move |clock: &'static str, label: SlaKey| {
                let id = format!("sla-policy-{}-{clock}", priority.as_str());
                let name = format!("targets[{}_{clock}]", priority.as_str());
                let field = format!("targets.{}.{clock}_minutes", priority.as_str());
                let error = error_for(field);
                let error_id = format!("{id}-error");
                let described_by = error_id.clone();
                let label = format!("{} – {}", priority_name(locale, priority), t(locale, label));
                view! {
                    <td class="px-2 py-1">
                        <input id=id name=name type="number" min="1" step="1" inputmode="numeric" class=INPUT
                            aria-label=label
                            aria-invalid=move || error.with(Option::is_some).then_some("true")
                            aria-describedby=move || error.with(Option::is_some).then(|| described_by.clone()) />
                        {move || error.get().map(|message| view! {
                            <p id=error_id.clone() role="alert" class=ERROR_TEXT>{message}</p>
                        })}
                    </td>
                }
            };
            view! {
                <tr>
                    <th scope="row" class="px-2 py-1 text-left text-sm font-medium text-slate-800">{priority_name(locale, priority)}</th>
                    {cell("first_response", SlaKey::FirstResponse)}
                    {cell("resolution", SlaKey::Resolution)}
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="sla-policy-heading" class=CARD>
            <h2 id="sla-policy-heading" class=H2>{t(locale, SlaKey::NewPolicy)}</h2>
            <ActionForm action=add attr:id="sla-policy-form" attr:novalidate=true attr:class="mt-4 space-y-4">
                <div class="space-y-1">
                    <label for="sla-policy-name" class=LABEL>{t(locale, SlaKey::Name)}</label>
                    <input id="sla-policy-name" name="name" type="text" autocomplete="off" class=INPUT
                        aria-invalid=move || name_error.with(Option::is_some).then_some("true")
                        aria-describedby=move || name_error.with(Option::is_some).then_some("sla-policy-name-error") />
                    {move || view! { <FieldError id="sla-policy-name" message=name_error.get() /> }}
                </div>
                <div class="space-y-1">
                    <label for="sla-policy-channel" class=LABEL>{t(locale, SlaKey::Channel)}</label>
                    <select id="sla-policy-channel" name="channel" class=INPUT
                        aria-invalid=move || channel_error.with(Option::is_some).then_some("true")
                        aria-describedby=move || channel_error.with(Option::is_some).then_some("sla-policy-channel-error")>
                        <option value="">{t(locale, SlaKey::AnyChannel)}</option>
                        {channel_options}
                    </select>
                    {move || view! { <FieldError id="sla-policy-channel" message=channel_error.get() /> }}
                </div>
                <fieldset>
                    <legend class=LABEL>{t(locale, SlaKey::Targets)}</legend>
                    <p id="sla-policy-targets-hint" class="text-xs text-slate-600">{t(locale, SlaKey::TargetsHint)}</p>
                    <table class="mt-2 w-full" aria-describedby="sla-policy-targets-hint">
                        <thead>
                            <tr>
                                <th scope="col" class="px-2 text-left text-xs font-semibold text-slate-700">{t(locale, SlaKey::Priority)}</th>
                                <th scope="col" class="px-2 text-left text-xs font-semibold text-slate-700">{t(locale, SlaKey::FirstResponse)}</th>
                                <th scope="col" class="px-2 text-left text-xs font-semibold text-slate-700">{t(locale, SlaKey::Resolution)}</th>
                            </tr>
                        </thead>
                        <tbody>{target_rows}</tbody>
                    </table>
                </fieldset>
                <div class="space-y-1">
                    <label for="sla-policy-warning" class=LABEL>{t(locale, SlaKey::WarningPercent)}</label>
                    <input id="sla-policy-warning" name="warning_percent" type="number" min="1" max="99" step="1" value="25" class=INPUT
                        aria-invalid=move || warning_error.with(Option::is_some).then_some("true")
                        aria-describedby=move || warning_error.with(Option::is_some).then_some("sla-policy-warning-error") />
                    {move || view! { <FieldError id="sla-policy-warning" message=warning_error.get() /> }}
                </div>
                {move || general().map(|message| view! { <p id="sla-policy-error" role="alert" class=ERROR_TEXT>{message}</p> })}
                <button type="submit" class=BUTTON_PRIMARY disabled=move || add.pending().get()>{t(locale, SlaKey::CreatePolicy)}</button>
            </ActionForm>
        </section>
    }
}
