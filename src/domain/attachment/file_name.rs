//! File names as people see them in a thread and in the download dialog: no folders, no control or direction-changing
//! characters (which can make `invoice` + U+202E + `fdp.exe` read as `invoiceexe.pdf`), bounded in length with the extension kept.

/// The longest name we keep, in characters.
pub const MAX_FILE_NAME_CHARS: usize = 120;
const MAX_EXTENSION_CHARS: usize = 16;

/// The last path segment of `raw`, cleaned: control, format and reserved characters removed or replaced, leading
/// and trailing dots and spaces trimmed, at most [`MAX_FILE_NAME_CHARS`] characters; `file` if nothing is left.
pub fn sanitize_file_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !is_invisible_format(*c))
        .map(|c| if matches!(c, '"' | ':' | '*' | '?' | '<' | '>' | '|') { '_' } else { c })
        .collect();
    let trimmed = cleaned.trim_matches(|c: char| c == '.' || c.is_whitespace());
    if trimmed.is_empty() {
        return "file".to_string();
    }
    if trimmed.chars().count() <= MAX_FILE_NAME_CHARS {
        return trimmed.to_string();
    }
    match trimmed.rsplit_once('.') {
        Some((stem, extension)) if !extension.is_empty() && extension.chars().count() <= MAX_EXTENSION_CHARS => {
            let keep = MAX_FILE_NAME_CHARS - extension.chars().count() - 1;
            let stem: String = stem.chars().take(keep).collect();
            format!("{}.{extension}", stem.trim_end())
        }
        _ => trimmed.chars().take(MAX_FILE_NAME_CHARS).collect::<String>().trim_end().to_string(),
    }
}

/// The lower-cased extension of a cleaned name (`report.PDF` → `pdf`), if it has one.
pub fn file_extension(name: &str) -> Option<String> {
    let (stem, extension) = name.rsplit_once('.')?;
    (!stem.is_empty() && !extension.is_empty()).then(|| extension.to_lowercase())
}

/// Zero-width and bidirectional-control characters: invisible, and able to disguise an extension.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_and_invisible_characters_are_removed() {
        assert_eq!(sanitize_file_name("C:\\Users\\me\\report.pdf"), "report.pdf");
        assert_eq!(sanitize_file_name("../../etc/passwd"), "passwd");
        assert_eq!(sanitize_file_name("in\u{202E}fdp.exe"), "infdp.exe");
        assert_eq!(sanitize_file_name("a\nb\r\u{0}c.txt"), "abc.txt");
        assert_eq!(sanitize_file_name("what?\"*.png"), "what___.png");
        assert_eq!(sanitize_file_name("  .hidden.txt. "), "hidden.txt");
        assert_eq!(sanitize_file_name("../"), "file");
        assert_eq!(sanitize_file_name("Grüße 📎.txt"), "Grüße 📎.txt");
    }

    #[test]
    fn long_names_keep_their_extension() {
        let long = format!("{}.pdf", "ü".repeat(300));
        let short = sanitize_file_name(&long);
        assert_eq!(short.chars().count(), MAX_FILE_NAME_CHARS);
        assert!(short.ends_with(".pdf"), "{short}");
        let no_extension = sanitize_file_name(&"x".repeat(300));
        assert_eq!(no_extension.chars().count(), MAX_FILE_NAME_CHARS);
    }

    #[test]
    fn extensions_are_lower_cased() {
        assert_eq!(file_extension("Report.PDF").as_deref(), Some("pdf"));
        assert_eq!(file_extension("archive.tar.gz").as_deref(), Some("gz"));
        assert_eq!(file_extension("README"), None);
        assert_eq!(file_extension("file."), None);
    }
}
