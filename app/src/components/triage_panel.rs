//! The ticket page's Triage panel: what triage read in the opening message (language, mood, the team it suggests
//! and how sure it is, an urgency keyword). The team control in the properties is the override; the panel says
//! that changing it teaches the classifier.

use leptos::prelude::*;
use tidings::domain::triage::TicketTriage;

use super::styles::{LINK, MUTED};
use crate::i18n::{language_label, percent, sentiment_name, t, use_locale, RoutingKey};

const TERM: &str = "text-xs font-medium text-slate-600";
const VALUE: &str = "text-sm text-slate-900";

#[component]
pub fn TriagePanel(triage: Option<TicketTriage>) -> impl IntoView {
    let locale = use_locale();
    let body = match triage {
        None => view! { <p class=MUTED>{t(locale, RoutingKey::NotTriaged)}</p> }.into_any(),
        Some(triage) => {
            let unknown = t(locale, RoutingKey::Unknown).to_string();
            let language = match (&triage.language, triage.language_confidence) {
                (Some(code), Some(sure)) => {
                    format!("{} ({})", language_label(locale, code), percent(locale, f64::from(sure)))
                }
                (Some(code), None) => language_label(locale, code),
                _ => unknown,
            };
            let sentiment = sentiment_name(locale, &triage.sentiment);
            let team = match (&triage.suggested_team, triage.team_confidence) {
                (Some(team), Some(sure)) => format!("{} ({})", team.name, percent(locale, f64::from(sure))),
                (Some(team), None) => team.name.clone(),
                _ => t(locale, RoutingKey::NoSuggestion).to_string(),
            };
            let urgency = triage.urgency_keyword.unwrap_or_else(|| t(locale, RoutingKey::NoUrgency).to_string());
            view! {
                <dl class="mt-3 grid grid-cols-2 gap-x-3 gap-y-2">
                    <div><dt class=TERM>{t(locale, RoutingKey::Language)}</dt><dd class=VALUE id="triage-language">{language}</dd></div>
                    <div><dt class=TERM>{t(locale, RoutingKey::Sentiment)}</dt><dd class=VALUE id="triage-sentiment">{sentiment}</dd></div>
                    <div class="col-span-2">
                        <dt class=TERM>{t(locale, RoutingKey::SuggestedTeam)}</dt>
                        <dd class=VALUE id="triage-team">{team}</dd>
                    </div>
                    <div class="col-span-2">
                        <dt class=TERM>{t(locale, RoutingKey::Urgency)}</dt>
                        <dd class=VALUE id="triage-urgency">{urgency}</dd>
                    </div>
                </dl>
            }
            .into_any()
        }
    };
    view! {
        <section aria-labelledby="triage-heading" id="triage-panel" class="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h2 id="triage-heading" class="text-sm font-semibold text-slate-900">{t(locale, RoutingKey::Triage)}</h2>
            {body}
            <p class=format!("mt-3 {MUTED}")>
                {t(locale, RoutingKey::TeachesClassifier)} " "
                <a href="#prop-team" class=LINK>{t(locale, RoutingKey::TeamField)}</a>
            </p>
        </section>
    }
}
