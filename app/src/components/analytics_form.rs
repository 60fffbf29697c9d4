//! The analytics pages' GET form: a preset period (7 / 30 / 90 days) or a custom from / to, and on the supervisor
//! dashboard the team, channel and agent filters. Plain GET, so every state is an address and works without
//! JavaScript; a value the service refuses (422) is explained under its control.

use leptos::prelude::*;
use tidings::domain::analytics::PeriodPreset;
use tidings::domain::Channel;

use super::field_error::{described_by, FieldError};
use super::styles::{BUTTON_PRIMARY, LINK, MUTED};
use crate::api::analytics::AnalyticsForm;
use crate::api::directory::Directory;
use crate::api::AppError;
use crate::i18n::{app_error_text, channel_name, t, use_locale, AgentKey, AnalyticsKey, TicketKey};

const CONTROL: &str = "block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 focus:border-indigo-600 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600 aria-[invalid=true]:border-red-700";
const SMALL_LABEL: &str = "block text-xs font-medium text-slate-700";

/// The fields the form shows errors under.
pub const FORM_FIELDS: [&str; 6] = ["preset", "from", "to", "team", "channel", "agent"];

#[component]
pub fn AnalyticsFilters(
    /// Where the form goes: `/supervisor` or `/agent/me`.
    action: &'static str,
    form: AnalyticsForm,
    /// Teams and agents to filter by; `None` shows the period only (an agent's own page).
    directory: Option<Directory>,
    /// The service's refusal, if any.
    error: Option<AppError>,
) -> impl IntoView {
    let locale = use_locale();
    let placed: Option<(String, String)> =
        error.as_ref().and_then(|err| Some((err.field.clone()?, app_error_text(locale, err))));
    let message_for =
        |field: &str| placed.as_ref().filter(|(named, _)| named == field).map(|(_, message)| message.clone());
    let option = |value: String, label: String, selected: &str| {
        let is_selected = value == selected;
        view! { <option value=value selected=is_selected>{label}</option> }
    };
    let preset = Some(form.get("preset")).filter(|preset| !preset.is_empty()).unwrap_or_else(|| "30d".into());
    let preset_options: Vec<_> = PeriodPreset::ALL
        .iter()
        .map(|choice| {
            let label = match choice {
                PeriodPreset::Today => AnalyticsKey::Today,
                PeriodPreset::Last7Days => AnalyticsKey::Last7Days,
                PeriodPreset::Last30Days => AnalyticsKey::Last30Days,
                PeriodPreset::Last90Days => AnalyticsKey::Last90Days,
            };
            option(choice.as_str().to_owned(), t(locale, label).to_owned(), &preset)
        })
        .collect();
    let select = move |id: &'static str, name: &'static str, label: &'static str, options: Vec<_>| {
        let message = message_for(name);
        view! {
            <div>
                <label for=id class=SMALL_LABEL>{label}</label>
                <select id=id name=name class=CONTROL aria-invalid=message.is_some().then_some("true") aria-describedby=described_by(id, &message)>
                    {options}
                </select>
                <FieldError id=id message />
            </div>
        }
    };
    let date = move |id: &'static str, name: &'static str, label: &'static str, value: String| {
        let message = message_for(name);
        view! {
            <div>
                <label for=id class=SMALL_LABEL>{label}</label>
                <input id=id name=name type="date" value=value class=CONTROL aria-invalid=message.is_some().then_some("true") aria-describedby=described_by(id, &message) />
                <FieldError id=id message />
            </div>
        }
    };
    let filters = directory.map(|directory| {
        let team = form.get("team");
        let mut teams = vec![option(String::new(), t(locale, AgentKey::AnyTeam).to_owned(), &team)];
        teams.extend(directory.teams.iter().map(|tm| option(tm.id.clone(), tm.name.clone(), &team)));
        let channel = form.get("channel");
        let mut channels = vec![option(String::new(), t(locale, AgentKey::AnyChannel).to_owned(), &channel)];
        channels
            .extend(Channel::ALL.map(|c| option(c.as_str().to_owned(), channel_name(locale, c).to_owned(), &channel)));
        let agent = form.get("agent");
        let mut agents = vec![option(String::new(), t(locale, AnalyticsKey::AnyAgent).to_owned(), &agent)];
        agents.extend(directory.agents.iter().map(|a| option(a.id.clone(), a.name.clone(), &agent)));
        view! {
            {select("analytics-team", "team", t(locale, TicketKey::Team), teams)}
            {select("analytics-channel", "channel", t(locale, TicketKey::Channel), channels)}
            {select("analytics-agent", "agent", t(locale, AnalyticsKey::Agent), agents)}
        }
    });

    view! {
        <form method="get" action=action id="analytics-filters" aria-label=t(locale, AnalyticsKey::ReportFilters) class="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
            <div class="grid grid-cols-2 gap-x-3 gap-y-2 md:grid-cols-3 lg:grid-cols-6">
                {select("analytics-preset", "preset", t(locale, AnalyticsKey::Period), preset_options)}
                {date("analytics-from", "from", t(locale, AnalyticsKey::From), form.get("from"))}
                {date("analytics-to", "to", t(locale, AnalyticsKey::To), form.get("to"))}
                {filters}
            </div>
            <p class=format!("mt-1 {MUTED}")>{t(locale, AnalyticsKey::CustomHint)}</p>
            <div class="mt-3 flex items-center gap-3">
                <button type="submit" class=BUTTON_PRIMARY>{t(locale, AnalyticsKey::Show)}</button>
                <a href=action class=format!("text-sm {LINK}")>{t(locale, AgentKey::ClearFilters)}</a>
            </div>
        </form>
    }
}

/// Answers the page with 422 when the service refused the form (server side; nothing in the browser).
pub fn mark_unprocessable(err: &AppError) {
    #[cfg(feature = "ssr")]
    if err.field.is_some() {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(http::StatusCode::UNPROCESSABLE_ENTITY);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = err;
}

/// A refusal that belongs to no control of the form (e.g. forbidden), as an alert.
pub fn unplaced_error(locale: tidings::domain::Locale, err: &AppError) -> Option<impl IntoView> {
    let placed = err.field.as_deref().is_some_and(|field| FORM_FIELDS.contains(&field));
    (!placed).then(|| {
        view! { <p id="analytics-error" role="alert" class=super::styles::ERROR_TEXT>{app_error_text(locale, err)}</p> }
    })
}

/// The period the numbers are for, as days (the end is exclusive, so the last day shown is the one before it).
#[component]
pub fn PeriodLine(from: chrono::DateTime<chrono::Utc>, to: chrono::DateTime<chrono::Utc>) -> impl IntoView {
    let locale = use_locale();
    let last = to - chrono::Duration::microseconds(1);
    let text = format!("{} – {}", from.format("%Y-%m-%d"), last.format("%Y-%m-%d"));
    view! {
        <p id="analytics-period" class=format!("mt-4 text-sm font-medium text-slate-800")>
            {t(locale, AnalyticsKey::Showing)}": "<time datetime=from.to_rfc3339()>{text}</time>
        </p>
    }
}
