//! Words of routing and triage: the ticket page's Triage panel, the supervisor's routing page, and the timeline
//! sentences for what triage and routing did ("Tidings assigned the ticket to Ada by round robin").

use tidings::domain::routing::TeamRouting;
use tidings::domain::{Locale, Priority, TicketEvent};

use super::ticket_terms::priority_name;

text_table! {
    /// A routing or triage text.
    pub enum RoutingKey {
        Triage => ("Triage", "Einordnung"),
        Language => ("Language", "Sprache"),
        Sentiment => ("Sentiment", "Stimmung"),
        SuggestedTeam => ("Suggested team", "Vorgeschlagenes Team"),
        Urgency => ("Urgency keyword", "Dringlichkeits-Stichwort"),
        Unknown => ("Unknown", "Unbekannt"),
        NoSuggestion => ("No suggestion", "Kein Vorschlag"),
        NoUrgency => ("None", "Keines"),
        NotTriaged => (
            "This ticket was filed before triage existed.",
            "Dieses Ticket wurde vor Einführung der Einordnung erstellt.",
        ),
        TeachesClassifier => (
            "Changing the team in the properties teaches the classifier.",
            "Wenn Sie das Team in den Eigenschaften ändern, lernt die Einordnung dazu.",
        ),
        TeamField => ("Change the team", "Team ändern"),
        Routing => ("Routing", "Zuweisung"),
        RoutingIntro => (
            "Who is waiting in each team's queue, and how busy each agent is.",
            "Wer in der Warteschlange jedes Teams wartet und wie ausgelastet jeder Agent ist.",
        ),
        Queues => ("Team queues", "Team-Warteschlangen"),
        Team => ("Team", "Team"),
        Strategy => ("Routing", "Zuweisung"),
        Waiting => ("Waiting", "Wartend"),
        OldestWaiting => ("Oldest waiting since", "Ältestes wartet seit"),
        Vip => ("VIP", "VIP"),
        NoTeams => ("There are no teams yet.", "Es gibt noch keine Teams."),
        Agents => ("Agents", "Agenten"),
        Agent => ("Agent", "Agent"),
        Availability => ("Availability", "Verfügbarkeit"),
        LoadCapacity => ("Load / capacity", "Auslastung / Kapazität"),
        Skills => ("Skills", "Fähigkeiten"),
        Teams => ("Teams", "Teams"),
        NoAgents => ("There are no agents yet.", "Es gibt noch keine Agenten."),
        Nobody => ("—", "—"),
        Manual => ("Manual", "Manuell"),
        RoundRobin => ("Round robin", "Reihum"),
        LeastLoaded => ("Least loaded", "Geringste Auslastung"),
        Skilled => ("By skills", "Nach Fähigkeiten"),
        Negative => ("Negative", "Negativ"),
        Neutral => ("Neutral", "Neutral"),
        Positive => ("Positive", "Positiv"),
        English => ("English", "Englisch"),
        German => ("German", "Deutsch"),
    }
}

fn pick(locale: Locale, en: &'static str, de: &'static str) -> &'static str {
    match locale {
        Locale::En => en,
        Locale::De => de,
    }
}

/// A share as a percentage: "82%" / "82 %".
pub fn percent(locale: Locale, share: f64) -> String {
    let value = (share * 100.0).round();
    match locale {
        Locale::En => format!("{value:.0}%"),
        Locale::De => format!("{value:.0} %"),
    }
}

pub fn routing_name(locale: Locale, routing: TeamRouting) -> &'static str {
    let key = match routing {
        TeamRouting::Manual => RoutingKey::Manual,
        TeamRouting::RoundRobin => RoutingKey::RoundRobin,
        TeamRouting::LeastLoaded => RoutingKey::LeastLoaded,
        TeamRouting::Skills => RoutingKey::Skilled,
    };
    super::t(locale, key)
}

/// `negative`, `neutral`, `positive` in the reader's language.
pub fn sentiment_name(locale: Locale, label: &str) -> String {
    match label {
        "negative" => super::t(locale, RoutingKey::Negative).to_string(),
        "neutral" => super::t(locale, RoutingKey::Neutral).to_string(),
        "positive" => super::t(locale, RoutingKey::Positive).to_string(),
        other => other.to_string(),
    }
}

/// `en`, `de` as a language name.
pub fn language_label(locale: Locale, code: &str) -> String {
    match code {
        "en" => super::t(locale, RoutingKey::English).to_string(),
        "de" => super::t(locale, RoutingKey::German).to_string(),
        other => other.to_string(),
    }
}

/// How routing chose the agent ("by round robin").
fn by_strategy(locale: Locale, by: &str) -> &'static str {
    match by {
        "round_robin" => pick(locale, "by round robin", "(reihum)"),
        "least_loaded" => pick(locale, "to the least loaded agent", "(geringste Auslastung)"),
        "skills_based" => pick(locale, "by skills", "(nach Fähigkeiten)"),
        _ => "",
    }
}

/// Why a ticket stayed in the team queue.
fn queue_reason(locale: Locale, reason: &str) -> &'static str {
    match reason {
        "no_agent_in_team" => pick(locale, "nobody is in the team", "niemand ist im Team"),
        "nobody_available" => pick(locale, "nobody is online", "niemand ist online"),
        "nobody_has_the_skills" => {
            pick(locale, "nobody has the skills it needs", "niemand hat die nötigen Fähigkeiten")
        }
        "everyone_at_capacity" => pick(locale, "everyone is at capacity", "alle sind ausgelastet"),
        _ => "",
    }
}

/// The sentence for a timeline entry written by triage or routing; `None` for every other entry.
pub fn routing_event_text(
    locale: Locale,
    event: &TicketEvent,
    who: &str,
    name_of: &dyn Fn(&str) -> Option<String>,
) -> Option<String> {
    let field = |key: &str| event.data.get(key).and_then(|value| value.as_str()).map(str::to_string);
    let number = |key: &str| event.data.get(key).and_then(|value| value.as_f64());
    let named = |key: &str| field(key).map(|id| name_of(&id).unwrap_or(id));
    let de = locale == Locale::De;
    let by = field("by");
    Some(match (event.kind.as_str(), by.as_deref()) {
        ("triaged", _) => {
            let mut parts = Vec::new();
            if let Some(language) = field("language") {
                let sure =
                    number("language_confidence").map(|c| format!(" ({})", percent(locale, c))).unwrap_or_default();
                let word = pick(locale, "language", "Sprache");
                parts.push(format!("{word} {}{sure}", language_label(locale, &language)));
            }
            if let Some(sentiment) = field("sentiment") {
                parts.push(format!("{} {}", pick(locale, "sentiment", "Stimmung"), sentiment_name(locale, &sentiment)));
            }
            if let Some(team) = named("team") {
                let sure = number("team_confidence").map(|c| format!(" ({})", percent(locale, c))).unwrap_or_default();
                parts.push(format!("{} {team}{sure}", pick(locale, "suggested team", "vorgeschlagenes Team")));
            }
            if let Some(keyword) = field("urgency") {
                parts.push(if de { format!("dringlich: „{keyword}“") } else { format!("urgent: '{keyword}'") });
            }
            let found = parts.join(", ");
            if de {
                format!("{who} hat das Ticket eingeordnet: {found}")
            } else {
                format!("{who} triaged the ticket: {found}")
            }
        }
        ("priority_changed", Some("triage")) => {
            let to = field("to").and_then(|raw| Priority::parse(&raw)).map(|p| priority_name(locale, p)).unwrap_or("");
            let keyword = field("keyword").unwrap_or_default();
            if de {
                format!("{who} hat die Priorität auf {to} angehoben: Stichwort „{keyword}“")
            } else {
                format!("{who} raised the priority to {to}: keyword '{keyword}'")
            }
        }
        ("team_changed", Some("triage")) => {
            let to = named("to").unwrap_or_default();
            let sure = number("confidence").map(|c| percent(locale, c)).unwrap_or_default();
            if de {
                format!("{who} hat das Team auf {to} gesetzt: von der Einordnung mit {sure} Sicherheit vorgeschlagen")
            } else {
                format!("{who} set the team to {to}: suggested by triage with {sure} confidence")
            }
        }
        ("assigned", Some(strategy)) => {
            let to = named("to").unwrap_or_default();
            let how = by_strategy(locale, strategy);
            if de {
                format!("{who} hat das Ticket {to} zugewiesen {how}").trim_end().to_string()
            } else {
                format!("{who} assigned the ticket to {to} {how}").trim_end().to_string()
            }
        }
        ("routing_queued", _) => {
            let why = field("reason").map(|reason| queue_reason(locale, &reason)).unwrap_or("");
            if de {
                format!("{who} hat das Ticket in der Team-Warteschlange gelassen: {why}")
            } else {
                format!("{who} left the ticket in the team queue: {why}")
            }
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use tidings::domain::NamedRef;

    fn entry(kind: &str, data: serde_json::Value) -> TicketEvent {
        TicketEvent { id: "e1".into(), kind: kind.into(), actor: None, data, created_at: chrono::Utc::now() }
    }

    #[test]
    fn routing_and_triage_entries_say_why_in_both_languages() {
        let names = |id: &str| match id {
            "u1" => Some("Ada".to_string()),
            "t1" => Some("Billing".to_string()),
            _ => None,
        };
        let assigned = entry("assigned", json!({"from": null, "to": "u1", "by": "round_robin"}));
        assert_eq!(
            routing_event_text(Locale::En, &assigned, "Tidings", &names).as_deref(),
            Some("Tidings assigned the ticket to Ada by round robin")
        );
        let raised =
            entry("priority_changed", json!({"from": "normal", "to": "urgent", "by": "triage", "keyword": "dringend"}));
        assert_eq!(
            routing_event_text(Locale::En, &raised, "Tidings", &names).as_deref(),
            Some("Tidings raised the priority to Urgent: keyword 'dringend'")
        );
        assert_eq!(
            routing_event_text(Locale::De, &raised, "Tidings", &names).as_deref(),
            Some("Tidings hat die Priorität auf Dringend angehoben: Stichwort „dringend“")
        );
        let queued = entry("routing_queued", json!({"team": "t1", "reason": "everyone_at_capacity"}));
        assert_eq!(
            routing_event_text(Locale::En, &queued, "Tidings", &names).as_deref(),
            Some("Tidings left the ticket in the team queue: everyone is at capacity")
        );
        let triaged = entry(
            "triaged",
            json!({"language": "de", "language_confidence": 0.99, "sentiment": "negative", "team": "t1",
                   "team_confidence": 0.82, "urgency": "Dringend"}),
        );
        assert_eq!(
            routing_event_text(Locale::En, &triaged, "Tidings", &names).as_deref(),
            Some("Tidings triaged the ticket: language German (99%), sentiment Negative, suggested team Billing (82%), urgent: 'Dringend'")
        );
        let manual = TicketEvent {
            actor: Some(NamedRef { id: "u1".into(), name: "Ada".into() }),
            ..entry("assigned", json!({"to": "u1"}))
        };
        assert_eq!(
            routing_event_text(Locale::En, &manual, "Ada", &names),
            None,
            "a person's assignment is not routing"
        );
    }
}
