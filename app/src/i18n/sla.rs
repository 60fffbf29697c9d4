//! Words of the SLA: the ticket page's SLA panel, the queue's due column, the timeline's warning and breach entries
//! and the admin page `/admin/sla`. Remaining times are business time (open hours only), as the clocks count.

use tidings::domain::sla::{SlaClockKind, SlaClockView, SlaState};
use tidings::domain::{Locale, TicketEvent};

use super::t;

text_table! {
    /// A text about SLAs.
    pub enum SlaKey {
        Sla => ("SLA", "SLA"),
        Policy => ("Policy", "Richtlinie"),
        FirstResponse => ("First response", "Erste Antwort"),
        Resolution => ("Resolution", "Lösung"),
        Due => ("Due", "Fällig"),
        DueSoonest => ("Due soonest", "Zuerst fällig"),
        NothingDue => ("Nothing due", "Nichts fällig"),
        BusinessHoursNote => ("Times count business hours only.", "Zeiten zählen nur Geschäftszeiten."),
        ServiceLevels => ("Service levels", "Service-Level"),
        Intro => (
            "Business hours say when the clock runs; policies say how fast the first response and the resolution are due for each priority. Changes apply to open tickets within a minute.",
            "Geschäftszeiten legen fest, wann die Uhr läuft; Richtlinien legen je Priorität fest, wann die erste Antwort und die Lösung fällig sind. Änderungen gelten binnen einer Minute für offene Tickets."
        ),
        Calendars => ("Business hours", "Geschäftszeiten"),
        Policies => ("Policies", "Richtlinien"),
        NoCalendars => ("No business hours yet: clocks run around the clock.", "Noch keine Geschäftszeiten: Die Uhren laufen rund um die Uhr."),
        NoPolicies => ("No policies yet: tickets have no SLA.", "Noch keine Richtlinien: Tickets haben kein SLA."),
        NewCalendar => ("New business hours", "Neue Geschäftszeiten"),
        NewPolicy => ("New policy", "Neue Richtlinie"),
        Name => ("Name", "Name"),
        Hours => ("Hours (JSON)", "Zeiten (JSON)"),
        HoursHint => (
            "Time zone, weekly hours as [\"HH:MM\", \"HH:MM\"] pairs (days left out are closed) and holidays, as in the example.",
            "Zeitzone, Wochenzeiten als [\"HH:MM\", \"HH:MM\"]-Paare (fehlende Tage sind geschlossen) und Feiertage, wie im Beispiel."
        ),
        TimeZone => ("Time zone", "Zeitzone"),
        Covers => ("Covers", "Gilt für"),
        DefaultCalendar => ("Default for all other tickets", "Standard für alle übrigen Tickets"),
        Team => ("Team", "Team"),
        NoTeam => ("No team", "Kein Team"),
        Channel => ("Channel", "Kanal"),
        AnyChannel => ("Any channel", "Jeder Kanal"),
        Targets => ("Targets in business minutes", "Ziele in Geschäftsminuten"),
        TargetsHint => ("Leave a field empty for no target.", "Ein Feld leer lassen für kein Ziel."),
        WarningPercent => ("Warn when this percentage of the time is left", "Warnen, wenn dieser Prozentsatz der Zeit übrig ist"),
        Active => ("Active", "Aktiv"),
        Inactive => ("Inactive", "Inaktiv"),
        CreateCalendar => ("Add business hours", "Geschäftszeiten anlegen"),
        CreatePolicy => ("Add policy", "Richtlinie anlegen"),
        CalendarCreated => ("Business hours added.", "Geschäftszeiten angelegt."),
        PolicyCreated => ("Policy added.", "Richtlinie angelegt."),
        Priority => ("Priority", "Priorität"),
    }
}

/// A clock's state in words (shown next to colour, never instead of it).
pub fn sla_state_name(locale: Locale, state: SlaState) -> &'static str {
    let (en, de) = match state {
        SlaState::Running => ("On track", "Im Plan"),
        SlaState::Warning => ("Warning", "Warnung"),
        SlaState::Breached => ("Breached", "Verletzt"),
        SlaState::Met => ("Met", "Eingehalten"),
        SlaState::MissedThenMet => ("Missed", "Verpasst"),
        SlaState::Paused => ("Paused", "Pausiert"),
    };
    if locale == Locale::De {
        de
    } else {
        en
    }
}

/// "1 h 20 min", "2 d 3 h", "45 min" (German "1 Std. 20 Min."); under a minute "less than 1 min".
pub fn duration_text(locale: Locale, seconds: i64) -> String {
    let minutes = seconds.unsigned_abs() / 60;
    let (days, hours, minutes) = (minutes / (24 * 60), minutes / 60 % 24, minutes % 60);
    let de = locale == Locale::De;
    let (d, h, m) = if de { ("T.", "Std.", "Min.") } else { ("d", "h", "min") };
    let parts: Vec<String> = if days > 0 {
        [(days, d), (hours, h)].iter().filter(|(n, _)| *n > 0).map(|(n, unit)| format!("{n} {unit}")).collect()
    } else {
        [(hours, h), (minutes, m)].iter().filter(|(n, _)| *n > 0).map(|(n, unit)| format!("{n} {unit}")).collect()
    };
    if parts.is_empty() {
        return if de { "weniger als 1 Min." } else { "less than 1 min" }.to_string();
    }
    parts.join(" ")
}

/// The clock's name: "First response" / "Resolution".
pub fn clock_name(locale: Locale, clock: SlaClockKind) -> &'static str {
    match clock {
        SlaClockKind::FirstResponse => t(locale, SlaKey::FirstResponse),
        SlaClockKind::Resolution => t(locale, SlaKey::Resolution),
    }
}

/// One clock as a sentence: "First response due in 1 h 20 min", "Resolution overdue by 3 h".
pub fn clock_sentence(locale: Locale, clock: SlaClockKind, view: &SlaClockView) -> String {
    let name = clock_name(locale, clock);
    let left = duration_text(locale, view.remaining_seconds);
    let de = locale == Locale::De;
    match (view.state, de) {
        (SlaState::Running | SlaState::Warning, false) => format!("{name} due in {left}"),
        (SlaState::Running | SlaState::Warning, true) => format!("{name} fällig in {left}"),
        (SlaState::Breached, false) => format!("{name} overdue by {left}"),
        (SlaState::Breached, true) => format!("{name} seit {left} überfällig"),
        (SlaState::Met, false) => format!("{name} met with {left} to spare"),
        (SlaState::Met, true) => format!("{name} eingehalten, {left} vor der Frist"),
        (SlaState::MissedThenMet, false) => format!("{name} missed by {left}"),
        (SlaState::MissedThenMet, true) => format!("{name} um {left} verpasst"),
        (SlaState::Paused, false) => format!("{name} paused with {left} left"),
        (SlaState::Paused, true) => format!("{name} pausiert, noch {left}"),
    }
}

/// The queue's due cell: "in 1 h 20 min" or "3 h overdue".
pub fn due_short(locale: Locale, view: &SlaClockView) -> String {
    let left = duration_text(locale, view.remaining_seconds);
    match (view.state == SlaState::Breached, locale == Locale::De) {
        (false, false) => format!("in {left}"),
        (false, true) => format!("in {left}"),
        (true, false) => format!("{left} overdue"),
        (true, true) => format!("{left} überfällig"),
    }
}

/// The timeline's sentence for `sla_warning` / `sla_breached`; `None` for other kinds.
pub fn sla_event_text(locale: Locale, event: &TicketEvent) -> Option<String> {
    let clock = event.data.get("clock").and_then(|clock| clock.as_str()).and_then(SlaClockKind::parse);
    let de = locale == Locale::De;
    let what = match (clock, de) {
        (Some(SlaClockKind::FirstResponse), false) => "the first response",
        (Some(SlaClockKind::FirstResponse), true) => "die erste Antwort",
        (Some(SlaClockKind::Resolution), false) => "the resolution",
        (Some(SlaClockKind::Resolution), true) => "die Lösung",
        (None, false) => "a target",
        (None, true) => "ein Ziel",
    };
    Some(match (event.kind.as_str(), de) {
        ("sla_warning", false) => format!("SLA warning: {what} is due soon"),
        ("sla_warning", true) => format!("SLA-Warnung: {what} ist bald fällig"),
        ("sla_breached", false) => format!("SLA breached: {what} is overdue"),
        ("sla_breached", true) => format!("SLA verletzt: {what} ist überfällig"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use serde_json::json;

    fn view(state: SlaState, remaining_seconds: i64) -> SlaClockView {
        SlaClockView { due_at: Utc::now(), state, remaining_seconds }
    }

    #[test]
    fn clocks_read_as_sentences_in_both_languages() {
        let running = view(SlaState::Running, 80 * 60 + 30);
        assert_eq!(
            clock_sentence(Locale::En, SlaClockKind::FirstResponse, &running),
            "First response due in 1 h 20 min"
        );
        assert_eq!(
            clock_sentence(Locale::De, SlaClockKind::FirstResponse, &running),
            "Erste Antwort fällig in 1 Std. 20 Min."
        );
        let breached = view(SlaState::Breached, -3 * 3600);
        assert_eq!(clock_sentence(Locale::En, SlaClockKind::Resolution, &breached), "Resolution overdue by 3 h");
        assert_eq!(clock_sentence(Locale::De, SlaClockKind::Resolution, &breached), "Lösung seit 3 Std. überfällig");
        assert_eq!(due_short(Locale::En, &breached), "3 h overdue");
        assert_eq!(duration_text(Locale::En, 2 * 86400 + 3 * 3600 + 59), "2 d 3 h");
        assert_eq!(duration_text(Locale::De, 30), "weniger als 1 Min.");
    }

    #[test]
    fn warnings_and_breaches_name_the_clock() {
        let event = TicketEvent {
            id: "e1".into(),
            kind: "sla_breached".into(),
            actor: None,
            data: json!({"clock": "first_response", "due_at": "2026-03-02T10:00:00Z"}),
            created_at: Utc::now(),
        };
        assert_eq!(sla_event_text(Locale::En, &event).as_deref(), Some("SLA breached: the first response is overdue"));
        assert_eq!(
            sla_event_text(Locale::De, &event).as_deref(),
            Some("SLA verletzt: die erste Antwort ist überfällig")
        );
        let warning = TicketEvent { kind: "sla_warning".into(), data: json!({"clock": "resolution"}), ..event.clone() };
        assert_eq!(sla_event_text(Locale::En, &warning).as_deref(), Some("SLA warning: the resolution is due soon"));
        assert_eq!(sla_event_text(Locale::En, &TicketEvent { kind: "created".into(), ..event }), None);
    }
}
