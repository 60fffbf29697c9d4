//! Words of the automation rules page `/admin/rules`: the list, the form (with the JSON shapes explained), the
//! preview, and the warnings of rules Tidings disabled.

use tidings::domain::rules::RuleWarningView;
use tidings::domain::Locale;

text_table! {
    /// A text about automation rules.
    pub enum RuleKey {
        Rules => ("Automation rules", "Automatisierungsregeln"),
        Intro => (
            "Rules run in order on every matching ticket: on an event (a new ticket, a change, a customer message, an SLA warning or breach) or once a ticket has waited long enough.",
            "Regeln laufen der Reihe nach für jedes passende Ticket: bei einem Ereignis (neues Ticket, Änderung, Kundennachricht, SLA-Warnung oder -Verletzung) oder wenn ein Ticket lange genug gewartet hat.",
        ),
        ReadOnly => ("You may look at the rules; only administrators change them.", "Sie können die Regeln ansehen; ändern können sie nur Administratoren."),
        NoRules => ("No rules yet.", "Noch keine Regeln."),
        Position => ("Position", "Position"),
        Name => ("Name", "Name"),
        Trigger => ("Trigger", "Auslöser"),
        State => ("State", "Zustand"),
        Active => ("Active", "Aktiv"),
        Inactive => ("Inactive", "Inaktiv"),
        ActiveBox => ("Active (the rule runs)", "Aktiv (die Regel läuft)"),
        Actions => ("Actions", "Aktionen"),
        Edit => ("Edit", "Bearbeiten"),
        Delete => ("Delete", "Löschen"),
        DisabledWarning => ("Disabled by Tidings:", "Von Tidings deaktiviert:"),
        NewRule => ("New rule", "Neue Regel"),
        EditRule => ("Edit rule", "Regel bearbeiten"),
        CreateRule => ("Create rule", "Regel anlegen"),
        SaveRule => ("Save rule", "Regel speichern"),
        Cancel => ("Cancel", "Abbrechen"),
        Preview => ("Preview matches", "Treffer ansehen"),
        Since => ("Counting from", "Gezählt ab"),
        After => ("Waiting time", "Wartezeit"),
        Unit => ("Unit", "Einheit"),
        Minutes => ("minutes", "Minuten"),
        Hours => ("hours", "Stunden"),
        Days => ("days", "Tage"),
        TimeTriggerHint => (
            "Only for “after a waiting time”: the rule fires once the moment lies this long in the past.",
            "Nur für „nach einer Wartezeit“: Die Regel feuert, wenn der Zeitpunkt so lange zurückliegt.",
        ),
        PositionHint => ("Lower numbers run first. Empty: after the last rule.", "Kleinere Zahlen laufen zuerst. Leer: nach der letzten Regel."),
        Conditions => ("Conditions (JSON)", "Bedingungen (JSON)"),
        ConditionsHint => (
            "{\"all\": [ … ]} (every condition) or {\"any\": [ … ]} (at least one); each condition is {\"field\": \"priority\", \"op\": \"is\", \"value\": \"high\"}. Fields include status, priority, channel, team_id, assignee_id, tags, subject, message_text, requester_vip, within_business_hours; operators include is, is_not, one_of, contains, gt, lt. Empty or {\"all\": []}: every ticket.",
            "{\"all\": [ … ]} (alle Bedingungen) oder {\"any\": [ … ]} (mindestens eine); jede Bedingung ist {\"field\": \"priority\", \"op\": \"is\", \"value\": \"high\"}. Felder u. a. status, priority, channel, team_id, assignee_id, tags, subject, message_text, requester_vip, within_business_hours; Operatoren u. a. is, is_not, one_of, contains, gt, lt. Leer oder {\"all\": []}: jedes Ticket.",
        ),
        ActionsJson => ("Actions (JSON)", "Aktionen (JSON)"),
        ActionsHint => (
            "A list such as [{\"type\": \"set_priority\", \"priority\": \"high\"}, {\"type\": \"add_tag\", \"tag\": \"vip\"}]. Types: set_status, set_priority, assign_team (team_id), assign_agent (agent_id), add_tag, remove_tag, send_canned_reply (canned_id), add_internal_note (text), notify (target, text), webhook (url).",
            "Eine Liste wie [{\"type\": \"set_priority\", \"priority\": \"high\"}, {\"type\": \"add_tag\", \"tag\": \"vip\"}]. Typen: set_status, set_priority, assign_team (team_id), assign_agent (agent_id), add_tag, remove_tag, send_canned_reply (canned_id), add_internal_note (text), notify (target, text), webhook (url).",
        ),
        PreviewHeading => ("Open tickets this rule would match now", "Offene Tickets, auf die diese Regel jetzt passt"),
        NoMatches => ("No open ticket matches.", "Kein offenes Ticket passt."),
        ConfirmDeleteHeading => ("Delete this rule?", "Diese Regel löschen?"),
        ConfirmDelete => ("Yes, delete the rule", "Ja, Regel löschen"),
        ConfirmDeleteBody => (
            "The rule stops running at once. Actions it already took stay on the tickets' timelines.",
            "Die Regel läuft ab sofort nicht mehr. Was sie bereits getan hat, bleibt im Verlauf der Tickets.",
        ),
    }
}

/// A trigger choice's name (the form's select and the list).
pub fn trigger_name(locale: Locale, trigger: &str) -> &'static str {
    let (en, de) = match trigger {
        "ticket_created" => ("When a ticket is created", "Wenn ein Ticket erstellt wird"),
        "ticket_updated" => ("When a ticket changes", "Wenn sich ein Ticket ändert"),
        "message_received" => ("When the customer writes", "Wenn der Kunde schreibt"),
        "sla_warning" => ("On an SLA warning", "Bei einer SLA-Warnung"),
        "sla_breach" => ("On an SLA breach", "Bei einer SLA-Verletzung"),
        _ => ("After a waiting time", "Nach einer Wartezeit"),
    };
    if locale == Locale::De {
        de
    } else {
        en
    }
}

/// The ticket moment a time rule counts from.
pub fn anchor_name(locale: Locale, anchor: &str) -> &'static str {
    let (en, de) = match anchor {
        "created_at" => ("the ticket was created", "Erstellung des Tickets"),
        "updated_at" => ("the last change", "letzte Änderung"),
        "last_customer_message_at" => ("the customer's last message", "letzte Nachricht des Kunden"),
        "last_agent_reply_at" => ("the last agent reply", "letzte Antwort eines Agenten"),
        _ => ("the last status change", "letzte Statusänderung"),
    };
    if locale == Locale::De {
        de
    } else {
        en
    }
}

/// Why Tidings disabled a rule: what it names that is gone, and where in the rule.
pub fn rule_warning_text(locale: Locale, warning: &RuleWarningView) -> String {
    let (en, de) = match warning.kind.as_str() {
        "agent" => ("active agent", "keinen aktiven Agenten"),
        "team" => ("team", "kein Team"),
        "canned_reply" => ("canned reply", "keinen Textbaustein"),
        "category" => ("category", "keine Kategorie"),
        "brand" => ("brand", "keine Marke"),
        _ => return warning.message.clone(),
    };
    match locale {
        Locale::En => format!("{}: there is no {en} “{}” any more.", warning.path, warning.id),
        Locale::De => format!("{}: Es gibt {de} „{}“ mehr.", warning.path, warning.id),
    }
}

/// The sentence for an error code of a refused rule, if it is one.
pub fn rule_error_text(locale: Locale, code: &str) -> Option<&'static str> {
    let (en, de) = match code {
        "invalid_json" => ("This is not valid JSON.", "Das ist kein gültiges JSON."),
        "malformed_rule" => (
            "This does not have the shape of a rule part; compare it with the description.",
            "Das hat nicht die Form eines Regelteils; vergleichen Sie es mit der Beschreibung.",
        ),
        "invalid_position" => ("The position must be a whole number.", "Die Position muss eine ganze Zahl sein."),
        "invalid_duration" | "zero_duration" => (
            "Give the waiting time as a whole number greater than zero.",
            "Geben Sie die Wartezeit als ganze Zahl größer als null an.",
        ),
        "operator_not_allowed" => ("This operator does not fit the field.", "Dieser Operator passt nicht zum Feld."),
        "wrong_value_type" => {
            ("The value has the wrong type for the field.", "Der Wert hat den falschen Typ für das Feld.")
        }
        "unknown_value" => ("This value is not known for the field.", "Dieser Wert ist für das Feld unbekannt."),
        "invalid_value" => ("This value is not valid here.", "Dieser Wert ist hier nicht gültig."),
        "impossible_conditions" => {
            ("These conditions can never all be true.", "Diese Bedingungen können nie alle zugleich zutreffen.")
        }
        "group_too_deep" => {
            ("Groups can be nested one level deep only.", "Gruppen lassen sich nur eine Ebene tief schachteln.")
        }
        "changes_need_update_trigger" => (
            "Conditions on changes need the trigger “when a ticket changes”.",
            "Bedingungen auf Änderungen brauchen den Auslöser „Wenn sich ein Ticket ändert“.",
        ),
        "no_actions" => ("Give the rule at least one action.", "Geben Sie der Regel mindestens eine Aktion."),
        "unknown_reference" => (
            "There is no such team, agent or canned reply.",
            "Dieses Team, diesen Agenten oder diesen Textbaustein gibt es nicht.",
        ),
        "status_not_settable" => ("A rule cannot set this status.", "Diesen Status kann eine Regel nicht setzen."),
        "invalid_webhook_url" => (
            "Use a public https:// or http:// address for the webhook.",
            "Verwenden Sie eine öffentliche https://- oder http://-Adresse für den Webhook.",
        ),
        "conflicting_actions" => ("These actions contradict each other.", "Diese Aktionen widersprechen sich."),
        "rule_exists" => ("There is already a rule with this id.", "Es gibt bereits eine Regel mit dieser Kennung."),
        _ => return None,
    };
    Some(if locale == Locale::De { de } else { en })
}

/// Accessible names for the per-rule links and buttons: the visible word plus the rule's name.
pub fn rule_action_label(locale: Locale, key: RuleKey, rule: &str) -> String {
    format!("{} {rule}", super::t(locale, key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warnings_name_what_is_gone_in_both_languages() {
        let warning = RuleWarningView {
            path: "actions[0].agent_id".into(),
            kind: "agent".into(),
            id: "u-7".into(),
            message: "actions[0].agent_id: there is no agent \"u-7\" any more".into(),
        };
        assert_eq!(
            rule_warning_text(Locale::En, &warning),
            "actions[0].agent_id: there is no active agent “u-7” any more."
        );
        assert!(rule_warning_text(Locale::De, &warning).contains("Es gibt keinen aktiven Agenten „u-7“ mehr."));
        assert_eq!(trigger_name(Locale::De, "sla_breach"), "Bei einer SLA-Verletzung");
        assert_eq!(anchor_name(Locale::En, "status_changed_at"), "the last status change");
    }
}
