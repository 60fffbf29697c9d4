//! Words of live chat and live updates in the agent workspace.

use tidings::domain::live::Availability;
use tidings::domain::Locale;

text_table! {
    /// A chat or live-update text.
    pub enum ChatKey {
        Chats => ("Chats", "Chats"),
        ChatsIntro => (
            "Visitors waiting in the widget's chat, and the chats you are handling.",
            "Besucher, die im Chat des Widgets warten, und die Chats, die Sie betreuen.",
        ),
        Waiting => ("Waiting", "Wartend"),
        NoneWaiting => ("No one is waiting.", "Niemand wartet."),
        MyChats => ("My chats", "Meine Chats"),
        NoChatsOfMine => ("You have no open chats.", "Sie haben keine offenen Chats."),
        Accept => ("Accept", "Annehmen"),
        AcceptChat => ("Accept chat", "Chat annehmen"),
        Open => ("Open", "Öffnen"),
        Transfer => ("Transfer", "Weitergeben"),
        TransferTo => ("Transfer to", "Weitergeben an"),
        ChooseTarget => ("Choose an agent or team", "Agent oder Team wählen"),
        Agents => ("Agents", "Agenten"),
        TeamQueues => ("Team queues", "Team-Warteschlangen"),
        TransferNote => ("Note for your colleague", "Notiz für die Kollegin oder den Kollegen"),
        EndChat => ("End chat", "Chat beenden"),
        ConvertToTicket => ("Convert to ticket", "In Ticket umwandeln"),
        WaitingFor => ("Waiting for", "Wartet seit"),
        MyAvailability => ("My availability", "Meine Verfügbarkeit"),
        Availability => ("Availability", "Verfügbarkeit"),
        MaxChats => ("Chats at once", "Gleichzeitige Chats"),
        Save => ("Save", "Speichern"),
        Saved => ("Saved.", "Gespeichert."),
        Team => ("Team", "Team"),
        Load => ("Chats", "Chats"),
        Online => ("Online", "Online"),
        Away => ("Away", "Abwesend"),
        Offline => ("Offline", "Offline"),
        AlsoViewing => ("Also viewing this ticket:", "Dieses Ticket sehen sich auch an:"),
        IsTyping => ("is typing…", "schreibt…"),
        AreTyping => ("are typing…", "schreiben…"),
        SeenBy => ("Seen by", "Gesehen von"),
        LiveConnected => ("Live updates on", "Live-Aktualisierung an"),
        LiveReconnecting => ("Reconnecting live updates…", "Live-Aktualisierung wird wiederhergestellt…"),
    }
}

pub fn availability_key(availability: Availability) -> ChatKey {
    match availability {
        Availability::Online => ChatKey::Online,
        Availability::Away => ChatKey::Away,
        Availability::Offline => ChatKey::Offline,
    }
}

/// "3 min", "45 s", "2 h 5 min": how long a visitor has waited.
pub fn wait_text(seconds: i64) -> String {
    let seconds = seconds.max(0);
    match seconds {
        0..=59 => format!("{seconds} s"),
        60..=3599 => format!("{} min", seconds / 60),
        _ => format!("{} h {} min", seconds / 3600, (seconds % 3600) / 60),
    }
}

/// Sentences for the chat service's error codes.
pub fn chat_error_text(locale: Locale, code: &str) -> Option<String> {
    let (en, de) = match code {
        "chat_taken" => ("Someone else accepted this chat first.", "Jemand anderes hat diesen Chat schon angenommen."),
        "chat_limit_reached" => (
            "You are at your limit of chats at once. End one or raise your limit.",
            "Sie haben Ihre Höchstzahl gleichzeitiger Chats erreicht. Beenden Sie einen oder erhöhen Sie das Limit.",
        ),
        "invalid_transfer" => {
            ("Choose an agent or a team to transfer the chat to.", "Wählen Sie einen Agenten oder ein Team.")
        }
        "unknown_availability" => ("Choose online, away or offline.", "Wählen Sie online, abwesend oder offline."),
        "invalid_max_chats" => ("Give a limit from 0 to 50.", "Geben Sie ein Limit von 0 bis 50 an."),
        _ => return None,
    };
    Some(if locale == Locale::De { de } else { en }.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wait_times_read_naturally() {
        assert_eq!(wait_text(-3), "0 s");
        assert_eq!(wait_text(42), "42 s");
        assert_eq!(wait_text(185), "3 min");
        assert_eq!(wait_text(7_500), "2 h 5 min");
    }

    #[test]
    fn chat_errors_have_both_languages() {
        for code in
            ["chat_taken", "chat_limit_reached", "invalid_transfer", "unknown_availability", "invalid_max_chats"]
        {
            let (en, de) = (chat_error_text(Locale::En, code), chat_error_text(Locale::De, code));
            assert!(en.is_some() && de.is_some() && en != de, "{code}");
        }
    }
}
