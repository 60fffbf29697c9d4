//! Header values that are safe to write into an outgoing mail.

/// A header value that cannot break out of its header line: CR, LF and every other control character
/// (including tabs and Unicode line/paragraph separators) become a space, and the ends are trimmed. Use it
/// on everything user-supplied that goes into a header (subject, display names), so that a subject such as
/// `"Hi\r\nBcc: victim@example.com"` can never add a header. Also used on inbound subjects and names so that
/// what we store and show is one line.
pub fn header_safe(value: &str) -> String {
    let replaced: String = value
        .chars()
        .map(|ch| if ch.is_control() || matches!(ch, '\u{2028}' | '\u{2029}') { ' ' } else { ch })
        .collect();
    replaced.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::header_safe;

    #[test]
    fn line_breaks_cannot_inject_a_header() {
        let safe = header_safe("Hello\r\nBcc: victim@example.com");
        assert!(!safe.contains('\r') && !safe.contains('\n'), "{safe:?}");
        assert_eq!(safe, "Hello  Bcc: victim@example.com");
        assert_eq!(header_safe("a\nb\rc"), "a b c");
    }

    #[test]
    fn other_control_characters_become_spaces_and_ends_are_trimmed() {
        assert_eq!(header_safe("\t Name\u{0}With\u{7f}Nul \u{2028}"), "Name With Nul");
        assert_eq!(header_safe(" \r\n "), "");
    }

    #[test]
    fn ordinary_text_is_unchanged() {
        assert_eq!(header_safe("Grüße aus Köln – [#1042]"), "Grüße aus Köln – [#1042]");
        assert_eq!(header_safe("都琹 <x@example.cn>"), "都琹 <x@example.cn>");
    }
}
