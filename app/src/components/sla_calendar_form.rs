//! The form that adds business hours on `/admin/sla`: a name, the hours as JSON in a text area (prefilled with an
//! example), an optional team and the "default" box. A refusal is shown next to its field (for hours, with the day
//! at fault in the message).

use leptos::prelude::*;
use tidings::domain::Team;

use super::field_error::FieldError;
use super::styles::{BUTTON_PRIMARY, CARD, ERROR_TEXT, H2, INPUT, LABEL};
use crate::api::sla::AddSlaCalendar;
use crate::i18n::{app_error_text, t, use_locale, SlaKey};

/// What the text area starts with: Monday to Friday, 08:00 to 17:00 in Berlin, closed on Christmas Day.
pub const EXAMPLE_HOURS: &str = r#"{
  "time_zone": "Europe/Berlin",
  "weekly": {
    "mon": [["08:00", "17:00"]],
    "tue": [["08:00", "17:00"]],
    "wed": [["08:00", "17:00"]],
    "thu": [["08:00", "17:00"]],
    "fri": [["08:00", "17:00"]]
  },
  "holidays": ["2026-12-25"]
}"#;

#[component]
pub fn SlaCalendarForm(teams: Vec<Team>, add: ServerAction<AddSlaCalendar>) -> impl IntoView {
    let locale = use_locale();
    let failure = move || add.value().get().and_then(Result::err);
    // Errors about the hours name a path inside them (`hours.weekly.mon`); all belong to the text area.
    let about_hours = |field: &str| field == "hours" || field.starts_with("hours.");
    let name_error = Signal::derive(move || {
        failure().filter(|err| err.field.as_deref() == Some("name")).map(|err| app_error_text(locale, &err))
    });
    let hours_error = Signal::derive(move || {
        failure().filter(|err| err.field.as_deref().is_some_and(about_hours)).map(|err| app_error_text(locale, &err))
    });
    let team_error = Signal::derive(move || {
        failure().filter(|err| err.field.as_deref() == Some("team_id")).map(|err| app_error_text(locale, &err))
    });
    let general = move || {
        failure()
            .filter(|err| {
                !err.field.as_deref().is_some_and(|field| field == "name" || field == "team_id" || about_hours(field))
            })
            .map(|err| app_error_text(locale, &err))
    };
    let invalid = |error: Signal<Option<String>>| move || error.with(Option::is_some).then_some("true");
    let team_options =
        teams.into_iter().map(|team| view! { <option value=team.id>{team.name}</option> }).collect_view();
    view! {
        <section aria-labelledby="sla-calendar-heading" class=CARD>
            <h2 id="sla-calendar-heading" class=H2>{t(locale, SlaKey::NewCalendar)}</h2>
            <ActionForm action=add attr:id="sla-calendar-form" attr:novalidate=true attr:class="mt-4 space-y-4">
                <div class="space-y-1">
                    <label for="sla-calendar-name" class=LABEL>{t(locale, SlaKey::Name)}</label>
                    <input id="sla-calendar-name" name="name" type="text" autocomplete="off" class=INPUT
                        aria-invalid=invalid(name_error)
                        aria-describedby=move || name_error.with(Option::is_some).then_some("sla-calendar-name-error") />
                    {move || view! { <FieldError id="sla-calendar-name" message=name_error.get() /> }}
                </div>
                <div class="space-y-1">
                    <label for="sla-calendar-hours" class=LABEL>{t(locale, SlaKey::Hours)}</label>
                    <textarea id="sla-calendar-hours" name="hours" rows="12" spellcheck="false" class=format!("{INPUT} font-mono text-xs")
                        aria-invalid=invalid(hours_error)
                        aria-describedby=move || {
                            if hours_error.with(Option::is_some) { "sla-calendar-hours-hint sla-calendar-hours-error" } else { "sla-calendar-hours-hint" }
                        }>
                        {EXAMPLE_HOURS}
                    </textarea>
                    <p id="sla-calendar-hours-hint" class="text-xs text-slate-600">{t(locale, SlaKey::HoursHint)}</p>
                    {move || view! { <FieldError id="sla-calendar-hours" message=hours_error.get() /> }}
                </div>
                <div class="space-y-1">
                    <label for="sla-calendar-team" class=LABEL>{t(locale, SlaKey::Team)}</label>
                    <select id="sla-calendar-team" name="team_id" class=INPUT aria-invalid=invalid(team_error)
                        aria-describedby=move || team_error.with(Option::is_some).then_some("sla-calendar-team-error")>
                        <option value="">{t(locale, SlaKey::NoTeam)}</option>
                        {team_options}
                    </select>
                    {move || view! { <FieldError id="sla-calendar-team" message=team_error.get() /> }}
                </div>
                <div class="flex items-center gap-2">
                    <input id="sla-calendar-default" name="is_default" type="checkbox" value="true"
                        class="h-4 w-4 rounded border-slate-400 text-indigo-600 focus-visible:ring-2 focus-visible:ring-indigo-600" />
                    <label for="sla-calendar-default" class="text-sm text-slate-800">{t(locale, SlaKey::DefaultCalendar)}</label>
                </div>
                {move || general().map(|message| view! { <p id="sla-calendar-error" role="alert" class=ERROR_TEXT>{message}</p> })}
                <button type="submit" class=BUTTON_PRIMARY disabled=move || add.pending().get()>{t(locale, SlaKey::CreateCalendar)}</button>
            </ActionForm>
        </section>
    }
}
