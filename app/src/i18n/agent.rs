//! Words of the agent workspace.

text_table! {
    /// An agent workspace text.
    pub enum AgentKey {
        Tickets => ("Tickets", "Tickets"),
        Customers => ("Customers", "Kunden"),
        CannedResponses => ("Canned responses", "Textbausteine"),
        InboxIntro => ("Your saved views of the ticket queue.", "Ihre gespeicherten Ansichten der Ticket-Warteschlange."),
        SavedViews => ("Saved views", "Gespeicherte Ansichten"),
        ViewMyOpen => ("My open", "Meine offenen"),
        ViewUnassigned => ("Unassigned", "Nicht zugewiesen"),
        ViewAllOpen => ("All open", "Alle offenen"),
        FilterTickets => ("Filter tickets", "Tickets filtern"),
        Search => ("Search", "Suche"),
        Tag => ("Tag", "Schlagwort"),
        CreatedFrom => ("Created from", "Erstellt ab"),
        CreatedTo => ("Created until", "Erstellt bis"),
        AnyStatus => ("Any status", "Alle Status"),
        OpenWork => ("Open work (new, open, pending)", "Offene Arbeit (neu, offen, wartend)"),
        AnyPriority => ("Any priority", "Alle Prioritäten"),
        Anyone => ("Anyone", "Alle"),
        Me => ("Me", "Ich"),
        AnyTeam => ("Any team", "Alle Teams"),
        AnyChannel => ("Any channel", "Alle Kanäle"),
        AnyCategory => ("Any category", "Alle Kategorien"),
        AnyType => ("Any type", "Alle Typen"),
        ClearFilters => ("Clear filters", "Filter zurücksetzen"),
        NoMatchingTickets => ("No tickets match these filters.", "Keine Tickets passen zu diesen Filtern."),
        NoTicketsYet => ("No tickets yet.", "Noch keine Tickets."),
        BulkActions => ("Change selected tickets", "Ausgewählte Tickets ändern"),
        AssignTo => ("Assign to", "Zuweisen an"),
        SetStatus => ("Set status", "Status setzen"),
        NoChange => ("No change", "Keine Änderung"),
        ApplyToSelected => ("Apply to selected", "Auf Auswahl anwenden"),
        Selection => ("Selection", "Auswahl"),
        TicketDetails => ("Ticket details", "Ticketdetails"),
    }
}
