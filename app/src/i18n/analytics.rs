//! Words of the supervisor dashboard (`/supervisor`) and an agent's own numbers (`/agent/me`).

use tidings::domain::analytics::Trend;
use tidings::domain::Locale;

text_table! {
    /// A text of the analytics pages.
    pub enum AnalyticsKey {
        Dashboard => ("Dashboard", "Dashboard"),
        DashboardIntro => (
            "How support is doing over a period, compared with the period before. Every number links to its tickets.",
            "Wie der Support in einem Zeitraum läuft, verglichen mit dem Zeitraum davor. Jede Zahl führt zu ihren Tickets.",
        ),
        MyNumbers => ("My numbers", "Meine Zahlen"),
        MyNumbersIntro => (
            "Your own tickets over a period, compared with the period before.",
            "Ihre eigenen Tickets in einem Zeitraum, verglichen mit dem Zeitraum davor.",
        ),
        ReportFilters => ("Report period and filters", "Berichtszeitraum und Filter"),
        Period => ("Period", "Zeitraum"),
        Today => ("Today", "Heute"),
        Last7Days => ("Last 7 days", "Letzte 7 Tage"),
        Last30Days => ("Last 30 days", "Letzte 30 Tage"),
        Last90Days => ("Last 90 days", "Letzte 90 Tage"),
        From => ("Custom from", "Eigener Zeitraum von"),
        To => ("Custom to", "Eigener Zeitraum bis"),
        CustomHint => ("A custom range wins over the preset.", "Ein eigener Zeitraum hat Vorrang vor der Auswahl."),
        Agent => ("Agent", "Agent"),
        AnyAgent => ("Any agent", "Alle Agenten"),
        Show => ("Show", "Anzeigen"),
        Showing => ("Showing", "Angezeigt"),
        Kpis => ("Key figures", "Kennzahlen"),
        TicketsCreated => ("Tickets created", "Erstellte Tickets"),
        TicketsResolved => ("Tickets resolved", "Gelöste Tickets"),
        Backlog => ("Backlog at the end", "Rückstand am Ende"),
        FirstResponseP50 => ("First response, median", "Erste Antwort, Median"),
        FirstResponseP90 => ("First response, 90th percentile", "Erste Antwort, 90. Perzentil"),
        ResolutionP50 => ("Resolution time, median", "Lösungszeit, Median"),
        ResolutionP90 => ("Resolution time, 90th percentile", "Lösungszeit, 90. Perzentil"),
        SlaCompliance => ("SLA compliance", "SLA-Einhaltung"),
        ReopenRate => ("Reopen rate", "Wiedereröffnungsquote"),
        CsatAverage => ("Satisfaction (CSAT), average", "Zufriedenheit (CSAT), Durchschnitt"),
        CsatResponseRate => ("Survey response rate", "Antwortquote der Umfragen"),
        PreviousPeriod => ("Previous period:", "Vorheriger Zeitraum:"),
        TodayLive => ("Today, live", "Heute, live"),
        TodayIntro => (
            "Today so far (UTC), compared with yesterday. Updates by itself as tickets change.",
            "Der heutige Tag bis jetzt (UTC), verglichen mit gestern. Aktualisiert sich selbst, wenn sich Tickets ändern.",
        ),
        Yesterday => ("Yesterday:", "Gestern:"),
        OpenNow => ("Open now", "Jetzt offen"),
        Export => ("Export", "Export"),
        ExportIntro => (
            "The key figures of this period and filter, then one row per ticket behind them.",
            "Die Kennzahlen dieses Zeitraums und Filters, danach eine Zeile je Ticket dahinter.",
        ),
        DownloadCsv => ("Download CSV", "CSV herunterladen"),
        DownloadXlsx => ("Download Excel (XLSX)", "Excel (XLSX) herunterladen"),
        ExportPreparing => ("Preparing the export…", "Der Export wird vorbereitet …"),
        ExportProgress => ("Export progress", "Fortschritt des Exports"),
        ExportFailed => ("The export stopped. Try again.", "Der Export wurde abgebrochen. Bitte erneut versuchen."),
        NoValue => ("none", "keine"),
        Up => ("up", "gestiegen"),
        Down => ("down", "gesunken"),
        Same => ("no change", "unverändert"),
        NoComparison => ("no comparison", "kein Vergleich"),
        Charts => ("Charts", "Diagramme"),
        ShowTable => ("Show as table", "Als Tabelle anzeigen"),
        Day => ("Day", "Tag"),
        Tickets => ("Tickets", "Tickets"),
        Created => ("Created", "Erstellt"),
        Resolved => ("Resolved", "Gelöst"),
        CreatedResolvedTitle => ("Created and resolved per day", "Erstellt und gelöst pro Tag"),
        CreatedResolvedDesc => (
            "Bars for the tickets created and finally resolved on each day (UTC) of the period.",
            "Balken für die an jedem Tag (UTC) des Zeitraums erstellten und endgültig gelösten Tickets.",
        ),
        BacklogTitle => ("Backlog over time", "Rückstand im Verlauf"),
        BacklogDesc => (
            "A line for the unfinished tickets at the end of each day (UTC) of the period.",
            "Eine Linie für die offenen Tickets am Ende jedes Tages (UTC) des Zeitraums.",
        ),
        Unfinished => ("Unfinished tickets", "Offene Tickets"),
        ResolutionTitle => ("Resolution time distribution", "Verteilung der Lösungszeiten"),
        ResolutionDesc => (
            "Bars for how many tickets finally resolved in the period took each length of time.",
            "Balken dafür, wie viele der im Zeitraum endgültig gelösten Tickets wie lange gedauert haben.",
        ),
        ResolutionTime => ("Resolution time (business hours)", "Lösungszeit (Geschäftszeit)"),
        PeakTitle => ("Peak hours: tickets created by weekday and hour (UTC)", "Stoßzeiten: erstellte Tickets nach Wochentag und Stunde (UTC)"),
        PeakDesc => (
            "A grid of weekdays by hours; darker cells had more new tickets.",
            "Ein Raster aus Wochentagen und Stunden; dunklere Felder hatten mehr neue Tickets.",
        ),
        Weekday => ("Weekday", "Wochentag"),
        Hour => ("Hour (UTC)", "Stunde (UTC)"),
        ByChannel => ("By channel", "Nach Kanal"),
        ByTeam => ("By team", "Nach Team"),
        ByAgent => ("By agent", "Nach Agent"),
        ByPriority => ("By priority", "Nach Priorität"),
        ByCategory => ("By category", "Nach Kategorie"),
        BreakdownDesc => (
            "Bars for the tickets created and finally resolved in the period, per group.",
            "Balken für die im Zeitraum erstellten und endgültig gelösten Tickets je Gruppe.",
        ),
        Group => ("Group", "Gruppe"),
        NoCategory => ("No category", "Keine Kategorie"),
        NothingInPeriod => ("Nothing in this period.", "Nichts in diesem Zeitraum."),
        Mon => ("Mon", "Mo"),
        Tue => ("Tue", "Di"),
        Wed => ("Wed", "Mi"),
        Thu => ("Thu", "Do"),
        Fri => ("Fri", "Fr"),
        Sat => ("Sat", "Sa"),
        Sun => ("Sun", "So"),
    }
}

/// The trend as words (never colour alone): "up", "down", "no change", "no comparison".
pub fn trend_text(locale: Locale, trend: Trend) -> &'static str {
    let key = match trend {
        Trend::Up => AnalyticsKey::Up,
        Trend::Down => AnalyticsKey::Down,
        Trend::Same => AnalyticsKey::Same,
        Trend::NoComparison => AnalyticsKey::NoComparison,
    };
    super::t(locale, key)
}

/// How much of an export has arrived: "45 % received".
pub fn export_received_text(locale: Locale, done: u64, total: u64) -> String {
    let share = (done as f64 / total.max(1) as f64 * 100.0).floor();
    match locale {
        Locale::De => format!("{share:.0} % empfangen"),
        _ => format!("{share:.0}% received"),
    }
}

/// A saved export: "Saved, with 1204 ticket rows."
pub fn export_saved_text(locale: Locale, rows: u64) -> String {
    match locale {
        Locale::De => format!("Gespeichert, mit {rows} Ticketzeilen."),
        _ => format!("Saved, with {rows} ticket rows."),
    }
}

/// The weekdays, Monday first, short.
pub fn weekday_names(locale: Locale) -> [&'static str; 7] {
    use AnalyticsKey::*;
    [Mon, Tue, Wed, Thu, Fri, Sat, Sun].map(|key| super::t(locale, key))
}

/// A resolution bucket's label (`RESOLUTION_BUCKETS` order).
pub fn bucket_label(locale: Locale, index: usize) -> &'static str {
    const EN: [&str; 7] = ["under 1 h", "1–4 h", "4–8 h", "8–24 h", "1–3 days", "3–7 days", "7 days or more"];
    const DE: [&str; 7] =
        ["unter 1 Std.", "1–4 Std.", "4–8 Std.", "8–24 Std.", "1–3 Tage", "3–7 Tage", "7 Tage oder mehr"];
    let labels = if locale == Locale::De { DE } else { EN };
    labels.get(index).copied().unwrap_or("")
}
