//! Splitting a ticket: some of its messages start a ticket of their own (a customer raised a second,
//! unrelated problem in the same thread). Which selections make sense, and what the new ticket is called.

use crate::domain::input::FieldError;

/// The messages to move, each once, in the order given. They must be some of the ticket's messages:
/// at least one, none from elsewhere, and not all of them (the ticket would be left empty; that is a
/// rename, not a split).
pub fn check_split(thread: &[&str], selected: &[String]) -> Result<Vec<String>, FieldError> {
    let mut chosen: Vec<String> = Vec::with_capacity(selected.len());
    for id in selected {
        let id = id.trim();
        if !thread.contains(&id) {
            return Err(FieldError::new(
                "message_ids",
                "unknown_message",
                format!("Message \"{id}\" is not part of this ticket."),
            ));
        }
        if !chosen.iter().any(|c| c == id) {
            chosen.push(id.to_string());
        }
    }
    if chosen.is_empty() {
        return Err(FieldError::new("message_ids", "required", "Choose the messages to move to the new ticket."));
    }
    if chosen.len() == thread.len() {
        return Err(FieldError::new(
            "message_ids",
            "split_all",
            "Leave at least one message on this ticket; a split moves only some of them.",
        ));
    }
    Ok(chosen)
}

/// `<old subject> (split)`, shortened so the whole still fits in `max_chars`.
pub fn split_subject(old: &str, max_chars: usize) -> String {
    const SUFFIX: &str = " (split)";
    let room = max_chars.saturating_sub(SUFFIX.chars().count());
    let stem: String = old.chars().take(room).collect();
    format!("{}{SUFFIX}", stem.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(raw: &[&str]) -> Vec<String> {
        raw.iter().map(|id| id.to_string()).collect()
    }

    #[test]
    fn some_of_the_threads_messages_split_each_once() {
        let thread = ["m1", "m2", "m3"];
        assert_eq!(check_split(&thread, &ids(&["m3", "m2"])), Ok(ids(&["m3", "m2"])));
        assert_eq!(check_split(&thread, &ids(&["m2", " m2 ", "m2"])), Ok(ids(&["m2"])));
    }

    #[test]
    fn bad_selections_are_refused_on_message_ids() {
        let thread = ["m1", "m2"];
        let cases = [
            (ids(&[]), "required"),
            (ids(&["m1", "elsewhere"]), "unknown_message"),
            (ids(&[""]), "unknown_message"),
            (ids(&["m1", "m2"]), "split_all"),
            (ids(&["m2", "m1", "m2"]), "split_all"),
        ];
        for (selected, code) in cases {
            let error = check_split(&thread, &selected).unwrap_err();
            assert_eq!((error.field, error.code), ("message_ids", code), "{selected:?}");
        }
    }

    #[test]
    fn the_default_subject_fits() {
        assert_eq!(split_subject("Printer on fire", 200), "Printer on fire (split)");
        let long = "x".repeat(200);
        let subject = split_subject(&long, 200);
        assert_eq!(subject.chars().count(), 200);
        assert!(subject.ends_with("x (split)"));
    }
}
