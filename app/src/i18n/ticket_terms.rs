//! Names for ticket values (status, priority, channel, type, category), sentences for timeline entries and the
//! status lines shown after a form succeeded (`?notice=`).

use tidings::domain::delivery::DeliveryStatus;
use tidings::domain::{Channel, Locale, NamedRef, Priority, TicketEvent, TicketStatus};

fn pick(locale: Locale, en: &'static str, de: &'static str) -> &'static str {
    match locale {
        Locale::En => en,
        Locale::De => de,
    }
}

pub fn status_name(locale: Locale, status: TicketStatus) -> &'static str {
    match status {
        TicketStatus::New => pick(locale, "New", "Neu"),
        TicketStatus::Open => pick(locale, "Open", "Offen"),
        TicketStatus::Pending => pick(locale, "Pending", "Wartend"),
        TicketStatus::Resolved => pick(locale, "Resolved", "Gelöst"),
        TicketStatus::Closed => pick(locale, "Closed", "Geschlossen"),
    }
}

pub fn priority_name(locale: Locale, priority: Priority) -> &'static str {
    match priority {
        Priority::Low => pick(locale, "Low", "Niedrig"),
        Priority::Normal => pick(locale, "Normal", "Normal"),
        Priority::High => pick(locale, "High", "Hoch"),
        Priority::Urgent => pick(locale, "Urgent", "Dringend"),
    }
}

pub fn channel_name(locale: Locale, channel: Channel) -> &'static str {
    match channel {
        Channel::Portal => pick(locale, "Portal", "Portal"),
        Channel::Widget => pick(locale, "Widget", "Widget"),
        Channel::Chat => pick(locale, "Chat", "Chat"),
        Channel::Email => pick(locale, "Email", "E-Mail"),
        Channel::Whatsapp => "WhatsApp",
        Channel::Telegram => "Telegram",
        Channel::Api => "API",
    }
}

/// A ticket type's label; unknown types (set over the API) are shown as stored.
pub fn ticket_type_name(locale: Locale, ticket_type: &str) -> String {
    match ticket_type {
        "question" => pick(locale, "Question", "Frage"),
        "problem" => pick(locale, "Problem", "Problem"),
        "request" => pick(locale, "Request", "Anliegen"),
        "task" => pick(locale, "Task", "Aufgabe"),
        other => return other.to_string(),
    }
    .to_string()
}

fn category_segment(locale: Locale, segment: &str) -> String {
    match segment {
        "Account" => pick(locale, "Account", "Konto"),
        "Login" => pick(locale, "Sign-in", "Anmeldung"),
        "Profile" => pick(locale, "Profile", "Profil"),
        "Billing" => pick(locale, "Billing", "Abrechnung"),
        "Invoices" => pick(locale, "Invoices", "Rechnungen"),
        "Refunds" => pick(locale, "Refunds", "Erstattungen"),
        "Courses" => pick(locale, "Courses", "Kurse"),
        "Access" => pick(locale, "Access", "Zugang"),
        "Technical" => pick(locale, "Technical", "Technik"),
        "Bug" => pick(locale, "Something is broken", "Fehler"),
        other => return other.to_string(),
    }
    .to_string()
}

/// `Billing › Invoices` (`Abrechnung › Rechnungen`).
pub fn category_label(locale: Locale, path: &str) -> String {
    path.split('/').map(|segment| category_segment(locale, segment)).collect::<Vec<_>>().join(" › ")
}

/// A timeline entry as a sentence, naming people and teams through `name_of` (ids are never shown).
pub fn event_text(locale: Locale, event: &TicketEvent, name_of: &dyn Fn(&str) -> Option<String>) -> String {
    let who = event.actor.as_ref().map(|actor: &NamedRef| actor.name.clone()).unwrap_or_else(|| "Tidings".to_string());
    if let Some(text) = super::routing::routing_event_text(locale, event, &who, name_of) {
        return text;
    }
    let field = |key: &str| event.data.get(key).and_then(|value| value.as_str()).map(str::to_string);
    let status = |key: &str| {
        field(key)
            .and_then(|raw| TicketStatus::parse(&raw))
            .map(|s| status_name(locale, s).to_string())
            .unwrap_or_default()
    };
    let priority = |key: &str| {
        field(key)
            .and_then(|raw| Priority::parse(&raw))
            .map(|p| priority_name(locale, p).to_string())
            .unwrap_or_default()
    };
    let nobody = pick(locale, "nobody", "niemand").to_string();
    let named = |key: &str| field(key).map(|id| name_of(&id).unwrap_or_else(|| id.clone())).unwrap_or(nobody.clone());
    let number = || event.data.get("number").and_then(|n| n.as_u64()).map(|n| format!("#{n}")).unwrap_or_default();
    let de = locale == Locale::De;
    match event.kind.as_str() {
        "created" => {
            if de {
                format!("{who} hat das Ticket erstellt")
            } else {
                format!("{who} created the ticket")
            }
        }
        "status_changed" => {
            let (from, to) = (status("from"), status("to"));
            if de {
                format!("{who} hat den Status von {from} auf {to} geändert")
            } else {
                format!("{who} changed the status from {from} to {to}")
            }
        }
        "priority_changed" => {
            let (from, to) = (priority("from"), priority("to"));
            if de {
                format!("{who} hat die Priorität von {from} auf {to} geändert")
            } else {
                format!("{who} changed the priority from {from} to {to}")
            }
        }
        "assigned" => {
            let to = named("to");
            if de {
                format!("{who} hat das Ticket {to} zugewiesen")
            } else {
                format!("{who} assigned the ticket to {to}")
            }
        }
        "team_changed" => {
            let to = named("to");
            if de {
                format!("{who} hat das Team auf {to} gesetzt")
            } else {
                format!("{who} set the team to {to}")
            }
        }
        "tags_changed" => {
            let tags = event
                .data
                .get("to")
                .and_then(|v| v.as_array())
                .map(|list| list.iter().filter_map(|tag| tag.as_str()).collect::<Vec<_>>().join(", "));
            let tags = tags.filter(|t| !t.is_empty()).unwrap_or(pick(locale, "none", "keine").to_string());
            if de {
                format!("{who} hat die Schlagwörter auf {tags} gesetzt")
            } else {
                format!("{who} set the tags to {tags}")
            }
        }
        "category_changed" => {
            let to = field("to")
                .map(|path| category_label(locale, &path))
                .unwrap_or(pick(locale, "none", "keine").to_string());
            if de {
                format!("{who} hat die Kategorie auf {to} gesetzt")
            } else {
                format!("{who} set the category to {to}")
            }
        }
        "type_changed" => {
            let to = field("to")
                .map(|ty| ticket_type_name(locale, &ty))
                .unwrap_or(pick(locale, "none", "keine").to_string());
            if de {
                format!("{who} hat den Typ auf {to} gesetzt")
            } else {
                format!("{who} set the type to {to}")
            }
        }
        "subject_changed" => {
            let to = field("to").unwrap_or_default();
            if de {
                format!("{who} hat den Betreff in „{to}“ geändert")
            } else {
                format!("{who} changed the subject to “{to}”")
            }
        }
        "merged_into" => {
            let other = number();
            if de {
                format!("{who} hat dieses Ticket mit {other} zusammengeführt")
            } else {
                format!("{who} merged this ticket into {other}")
            }
        }
        "merged_from" => {
            let other = number();
            if de {
                format!("{who} hat {other} mit diesem Ticket zusammengeführt")
            } else {
                format!("{who} merged {other} into this ticket")
            }
        }
        "split_to" => {
            let other = number();
            if de {
                format!("{who} hat Nachrichten in {other} verschoben")
            } else {
                format!("{who} split messages off into {other}")
            }
        }
        "split_from" => {
            let other = number();
            if de {
                format!("{who} hat dieses Ticket von {other} abgeteilt")
            } else {
                format!("{who} split this ticket off {other}")
            }
        }
        "chat_converted" => {
            if de {
                format!("{who} hat den Chat in ein Folge-Ticket umgewandelt; Antworten gehen per E-Mail")
            } else {
                format!("{who} turned the chat into a follow-up ticket; replies go by email")
            }
        }
        "sla_warning" | "sla_breached" => super::sla::sla_event_text(locale, event).unwrap_or_default(),
        // A kind this UI does not know yet: at least who did it and the kind's name.
        other => format!("{who}: {other}"),
    }
}

/// How far a reply sent on its channel got, e.g. "Sent by email" / "Per E-Mail gesendet".
pub fn delivery_text(locale: Locale, channel: Channel, status: DeliveryStatus) -> String {
    let via = match (channel, locale) {
        (Channel::Email, Locale::En) => "by email",
        (Channel::Email, Locale::De) => "per E-Mail",
        (Channel::Whatsapp, Locale::En) => "on WhatsApp",
        (Channel::Whatsapp, Locale::De) => "über WhatsApp",
        (Channel::Telegram, Locale::En) => "on Telegram",
        (Channel::Telegram, Locale::De) => "über Telegram",
        (_, _) => "",
    };
    let state = match status {
        DeliveryStatus::Queued => pick(locale, "Sending", "Wird gesendet"),
        DeliveryStatus::Sent => pick(locale, "Sent", "Gesendet"),
        DeliveryStatus::Delivered => pick(locale, "Delivered", "Zugestellt"),
        DeliveryStatus::Read => pick(locale, "Read", "Gelesen"),
        DeliveryStatus::Failed => pick(locale, "Not delivered", "Nicht zugestellt"),
    };
    match (locale, status) {
        (Locale::De, DeliveryStatus::Queued) => format!("Wird {via} gesendet"),
        (Locale::De, _) => {
            let text = format!("{via} {}", state.to_lowercase());
            let mut chars = text.trim_start().chars();
            chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
        }
        (Locale::En, _) => format!("{state} {via}").trim_end().to_string(),
    }
}

/// The status line for `?notice=<code>` after a form succeeded; unknown codes show nothing.
pub fn notice_text(locale: Locale, code: &str) -> Option<&'static str> {
    Some(match code {
        "created" => pick(
            locale,
            "Your request was sent. We will get back to you soon.",
            "Ihre Anfrage wurde gesendet. Wir melden uns bald.",
        ),
        "reply_sent" => pick(locale, "Reply sent.", "Antwort gesendet."),
        "note_added" => pick(locale, "Internal note added.", "Interne Notiz hinzugefügt."),
        "resolved" => pick(locale, "Reply sent and ticket resolved.", "Antwort gesendet und Ticket gelöst."),
        "saved" => pick(locale, "Changes saved.", "Änderungen gespeichert."),
        "merged" => pick(locale, "Tickets merged.", "Tickets zusammengeführt."),
        "contacts_merged" => pick(locale, "Customers merged.", "Kunden zusammengeführt."),
        "split" => pick(
            locale,
            "New ticket created from the selected messages.",
            "Neues Ticket aus den gewählten Nachrichten erstellt.",
        ),
        "bulk_updated" => pick(locale, "Selected tickets updated.", "Ausgewählte Tickets aktualisiert."),
        "bulk_partial" => pick(
            locale,
            "Some selected tickets were updated; the others do not allow this change.",
            "Einige ausgewählte Tickets wurden aktualisiert; die übrigen erlauben diese Änderung nicht.",
        ),
        "canned_created" => pick(locale, "Canned response created.", "Textbaustein angelegt."),
        "canned_updated" => pick(locale, "Canned response saved.", "Textbaustein gespeichert."),
        "canned_deleted" => pick(locale, "Canned response deleted.", "Textbaustein gelöscht."),
        "rule_created" => pick(locale, "Rule created.", "Regel angelegt."),
        "rule_saved" => pick(locale, "Rule saved.", "Regel gespeichert."),
        "rule_deleted" => pick(locale, "Rule deleted.", "Regel gelöscht."),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn delivery_lines_read_naturally_in_both_languages() {
        use super::delivery_text;
        use tidings::domain::delivery::DeliveryStatus;
        use tidings::domain::{Channel, Locale};
        assert_eq!(delivery_text(Locale::En, Channel::Email, DeliveryStatus::Sent), "Sent by email");
        assert_eq!(delivery_text(Locale::De, Channel::Email, DeliveryStatus::Sent), "Per E-Mail gesendet");
        assert_eq!(delivery_text(Locale::De, Channel::Whatsapp, DeliveryStatus::Queued), "Wird über WhatsApp gesendet");
        assert_eq!(delivery_text(Locale::En, Channel::Telegram, DeliveryStatus::Failed), "Not delivered on Telegram");
    }

    use super::*;
    use serde_json::json;

    #[test]
    fn categories_read_as_breadcrumbs_in_both_languages() {
        assert_eq!(category_label(Locale::En, "Billing/Invoices"), "Billing › Invoices");
        assert_eq!(category_label(Locale::De, "Billing/Invoices"), "Abrechnung › Rechnungen");
        assert_eq!(category_label(Locale::De, "Hardware/Printers"), "Hardware › Printers");
    }

    #[test]
    fn timeline_entries_name_people_not_ids() {
        let event = TicketEvent {
            id: "e1".into(),
            kind: "assigned".into(),
            actor: Some(NamedRef { id: "u1".into(), name: "Ada".into() }),
            data: json!({"from": null, "to": "u2"}),
            created_at: chrono::Utc::now(),
        };
        let names = |id: &str| (id == "u2").then(|| "Grace".to_string());
        assert_eq!(event_text(Locale::En, &event, &names), "Ada assigned the ticket to Grace");
        assert_eq!(event_text(Locale::De, &event, &names), "Ada hat das Ticket Grace zugewiesen");
        let status = TicketEvent { kind: "status_changed".into(), data: json!({"from": "new", "to": "open"}), ..event };
        assert_eq!(event_text(Locale::De, &status, &names), "Ada hat den Status von Neu auf Offen geändert");
    }
}
