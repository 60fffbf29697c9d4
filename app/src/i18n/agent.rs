//! Words of the agent workspace.

use tidings::domain::Locale;

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
        ResolvedFrom => ("Resolved from", "Gelöst ab"),
        ResolvedTo => ("Resolved until", "Gelöst bis"),
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
        SetTeam => ("Set team", "Team setzen"),
        NoTeam => ("No team", "Kein Team"),
        NoChange => ("No change", "Keine Änderung"),
        ApplyToSelected => ("Apply to selected", "Auf Auswahl anwenden"),
        Selection => ("Selection", "Auswahl"),
        TicketDetails => ("Ticket details", "Ticketdetails"),
        FindCustomers => ("Find customers", "Kunden finden"),
        SearchNameOrEmail => ("Name or email", "Name oder E-Mail"),
        NoCustomersFound => ("No customers found.", "Keine Kunden gefunden."),
        CustomerSince => ("Customer since", "Kunde seit"),
        OpenTickets => ("Open tickets", "Offene Tickets"),
        TicketHistory => ("Ticket history", "Ticketverlauf"),
        OtherTickets => ("Other tickets", "Weitere Tickets"),
        NoOtherTickets => ("No other tickets.", "Keine weiteren Tickets."),
        ReachableAt => ("Writes from", "Schreibt über"),
        IdentityEmail => ("Email", "E-Mail"),
        IdentityWhatsapp => ("WhatsApp", "WhatsApp"),
        IdentityTelegram => ("Telegram", "Telegram"),
        MergeContactHeading => ("Merge with another customer", "Mit anderem Kunden zusammenführen"),
        MergeContactInto => ("Keep the customer with this email", "Den Kunden mit dieser E-Mail behalten"),
        MergeContactHint => (
            "This customer's addresses, tickets and chats move there, and this customer is deactivated.",
            "Adressen, Tickets und Chats dieses Kunden wandern dorthin; dieser Kunde wird deaktiviert."
        ),
        MergeContactButton => ("Merge customers", "Kunden zusammenführen"),
        WindowClosed => (
            "The customer's last WhatsApp message is more than 24 hours old. WhatsApp only allows an approved template now; the conversation opens again when the customer writes.",
            "Die letzte WhatsApp-Nachricht des Kunden ist älter als 24 Stunden. WhatsApp erlaubt jetzt nur eine freigegebene Vorlage; das Gespräch öffnet sich wieder, wenn der Kunde schreibt."
        ),
        WindowOpenUntil => ("Free-form WhatsApp replies are possible until", "Freie WhatsApp-Antworten sind möglich bis"),
        Template => ("Template", "Vorlage"),
        NoTemplate => ("No template (free text)", "Keine Vorlage (freier Text)"),
        NoTemplatesConfigured => (
            "No approved templates are configured (TIDINGS_WHATSAPP_TEMPLATES).",
            "Es sind keine freigegebenen Vorlagen eingerichtet (TIDINGS_WHATSAPP_TEMPLATES)."
        ),
        ViewProfile => ("View profile", "Profil ansehen"),
        CannedResponse => ("Canned response", "Textbaustein"),
        Insert => ("Insert", "Einfügen"),
        InsertCanned => ("Insert a canned response", "Textbaustein einfügen"),
        SearchCanned => ("Search canned responses", "Textbausteine durchsuchen"),
        CannedSearchHint => (
            "Type to narrow the list, then choose a response to insert it at the cursor.",
            "Tippen Sie, um die Liste einzugrenzen, und wählen Sie dann einen Baustein, um ihn an der Cursorposition einzufügen.",
        ),
        NoCannedYet => ("No canned responses yet.", "Noch keine Textbausteine."),
        SuggestedArticles => ("Suggested articles", "Vorgeschlagene Artikel"),
        NoSuggestedArticles => ("No help-center article matches this ticket.", "Kein Hilfeartikel passt zu diesem Ticket."),
        InsertArticleLink => ("Insert link", "Link einfügen"),
        NewCanned => ("New canned response", "Neuer Textbaustein"),
        EditCanned => ("Edit canned response", "Textbaustein bearbeiten"),
        CreateCanned => ("Create canned response", "Textbaustein anlegen"),
        SaveChanges => ("Save changes", "Änderungen speichern"),
        Title => ("Title", "Titel"),
        ShareWithTeam => ("Share with the whole team", "Mit dem ganzen Team teilen"),
        Shared => ("Shared", "Geteilt"),
        Personal => ("Personal", "Persönlich"),
        Edit => ("Edit", "Bearbeiten"),
        Delete => ("Delete", "Löschen"),
        Placeholders => ("Placeholders", "Platzhalter"),
        PlaceholdersIntro => (
            "Written in a response, these are filled in when it is inserted into a ticket.",
            "Im Text werden diese beim Einfügen in ein Ticket ersetzt.",
        ),
        MergeHeading => ("Merge", "Zusammenführen"),
        MergeInto => ("Merge into ticket (number or id)", "Zusammenführen mit Ticket (Nummer oder ID)"),
        MergeHint => (
            "This ticket's messages move there and this ticket is closed.",
            "Die Nachrichten dieses Tickets werden dorthin verschoben und dieses Ticket wird geschlossen.",
        ),
        MergeButton => ("Merge", "Zusammenführen"),
        SplitHeading => ("Split", "Aufteilen"),
        SplitHint => (
            "Select messages in the conversation, then move them to a new ticket.",
            "Wählen Sie Nachrichten im Verlauf aus und verschieben Sie sie in ein neues Ticket.",
        ),
        SplitSubject => ("Subject of the new ticket (optional)", "Betreff des neuen Tickets (optional)"),
        SplitButton => ("Split into new ticket", "In neues Ticket aufteilen"),
        MergedInto => ("Merged into", "Zusammengeführt mit"),
        SplitFrom => ("Split from", "Abgeteilt von"),
        TechnicalDetails => ("Technical details", "Technische Angaben"),
    }
}

/// Accessible name of a delete button: "Delete <title>".
pub fn delete_label(locale: Locale, title: &str) -> String {
    match locale {
        Locale::En => format!("Delete {title}"),
        Locale::De => format!("{title} löschen"),
    }
}

/// What a placeholder stands for.
pub fn placeholder_help(locale: Locale, placeholder: &str) -> &'static str {
    let de = locale == Locale::De;
    match placeholder {
        "{{customer.name}}" => {
            if de {
                "Name der Kundin / des Kunden"
            } else {
                "the customer's name"
            }
        }
        "{{customer.email}}" => {
            if de {
                "E-Mail der Kundin / des Kunden"
            } else {
                "the customer's email"
            }
        }
        "{{ticket.number}}" => {
            if de {
                "Ticketnummer"
            } else {
                "the ticket number"
            }
        }
        "{{ticket.subject}}" => {
            if de {
                "Betreff des Tickets"
            } else {
                "the ticket's subject"
            }
        }
        "{{agent.name}}" => {
            if de {
                "Ihr Name"
            } else {
                "your name"
            }
        }
        _ => "",
    }
}
