//! The reply without the history it quotes, so that a ticket thread shows each message once.

/// `text` without its quoted reply history:
/// - lines starting with ">" are removed, together with an attribution line that introduces them
///   ("On … wrote:", "Am … schrieb …:", also split over two lines);
/// - everything from the first history header that is not followed by ">" lines is removed: an
///   attribution line as above, "-----Original Message-----", "-----Ursprüngliche Nachricht-----" (and
///   similar separators), or an Outlook header block ("From:" … "Sent:", "Von:" … "Gesendet:").
///
/// Never empty when `text` is not: if nothing would remain, the whole (trimmed) text is returned.
pub fn strip_quoted_history(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut kept: Vec<&str> = Vec::with_capacity(lines.len());
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        if is_quoted(line) {
            index += 1;
            continue;
        }
        if let Some(header_len) = attribution_len(&lines[index..]) {
            let next_content = lines[index + header_len..].iter().find(|line| !line.trim().is_empty());
            if next_content.is_some_and(|next| is_quoted(next)) {
                index += header_len;
                continue;
            }
            break;
        }
        if is_separator(line) || is_outlook_header_block(&lines[index..]) {
            break;
        }
        kept.push(line);
        index += 1;
    }
    if kept.len() == lines.len() {
        return text.trim().to_string();
    }
    let stripped = collapse_blank_lines(&kept);
    if stripped.is_empty() {
        text.trim().to_string()
    } else {
        stripped
    }
}

fn is_quoted(line: &str) -> bool {
    line.trim_start().starts_with('>')
}

/// How many lines (1 or 2) an attribution line such as "On Mon, 1 Jan 2024, Anna <a@x> wrote:" or
/// "Am 07.05.2012 08:10, schrieb Martin:" takes at the start of `lines`, if it is one.
fn attribution_len(lines: &[&str]) -> Option<usize> {
    let first = lines.first()?.trim();
    let starts = first.starts_with("On ") || first.starts_with("Am ") || first.starts_with("Le ");
    if !starts {
        return None;
    }
    if is_attribution(first) {
        return Some(1);
    }
    let second = lines.get(1)?.trim();
    let joined = format!("{first} {second}");
    (!second.is_empty() && is_attribution(&joined)).then_some(2)
}

fn is_attribution(line: &str) -> bool {
    let english = line.starts_with("On ") && line.ends_with("wrote:");
    let german = line.starts_with("Am ") && line.contains("schrieb") && line.ends_with(':');
    let french = line.starts_with("Le ") && (line.ends_with("a écrit :") || line.ends_with("a écrit:"));
    english || german || french
}

/// "-----Original Message-----", "-----Ursprüngliche Nachricht-----", "-------- Original-Nachricht --------"
/// and the like: dashes around a phrase that announces the quoted original.
fn is_separator(line: &str) -> bool {
    let trimmed = line.trim();
    if !trimmed.starts_with("---") {
        return false;
    }
    let phrase = trimmed.trim_matches(|ch: char| ch == '-' || ch.is_whitespace()).to_lowercase();
    matches!(
        phrase.as_str(),
        "original message"
            | "original-message"
            | "ursprüngliche nachricht"
            | "original-nachricht"
            | "original nachricht"
            | "ursprüngliche e-mail"
            | "message d'origine"
    )
}

/// Outlook's history without a separator: an optional line of underscores, then "From:"/"Von:" and within
/// the next few lines "Sent:"/"Gesendet:" (or "Date:"/"Datum:").
fn is_outlook_header_block(lines: &[&str]) -> bool {
    let mut rest = lines;
    if rest.first().is_some_and(|line| {
        let trimmed = line.trim();
        trimmed.len() >= 10 && trimmed.chars().all(|ch| ch == '_')
    }) {
        rest = &rest[1..];
    }
    let Some(first) = rest.first().map(|line| strip_emphasis(line.trim())) else { return false };
    let from_line = first.starts_with("From:") || first.starts_with("Von:");
    from_line
        && rest.iter().skip(1).take(4).any(|line| {
            let line = strip_emphasis(line.trim());
            ["Sent:", "Gesendet:", "Date:", "Datum:"].iter().any(|label| line.starts_with(label))
        })
}

/// HTML-derived text may carry "*From:*"-style emphasis around header labels.
fn strip_emphasis(line: &str) -> &str {
    line.trim_start_matches(['*', '_'])
}

fn collapse_blank_lines(lines: &[&str]) -> String {
    let mut out: Vec<&str> = Vec::with_capacity(lines.len());
    for line in lines {
        let blank = line.trim().is_empty();
        if blank && out.last().is_none_or(|last| last.trim().is_empty()) {
            continue;
        }
        out.push(line);
    }
    out.join("\n").trim().to_string()
}
