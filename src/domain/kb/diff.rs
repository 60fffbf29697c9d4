//! A readable line diff between two versions of an article, for the version history.

use serde::{Deserialize, Serialize};
use similar::{ChangeTag, TextDiff};

/// Unchanged lines shown around each change; longer unchanged stretches are shortened to "…".
pub const DIFF_CONTEXT_LINES: usize = 3;

/// The text of the line standing in for unchanged lines that were left out.
pub const OMITTED_LINES: &str = "…";

/// Whether a line is in both versions, only in the new one, or only in the old one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DiffKind {
    Same,
    Added,
    Removed,
}

/// One line of a diff, without its line break.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct DiffLine {
    pub kind: DiffKind,
    pub text: String,
}

impl DiffLine {
    fn new(kind: DiffKind, text: impl Into<String>) -> Self {
        DiffLine { kind, text: text.into() }
    }
}

/// The lines of `old` and `new` as removed, added and unchanged, in reading order (removals before the
/// additions that replace them), with long unchanged stretches shortened by [`collapse_unchanged`] to
/// [`DIFF_CONTEXT_LINES`] lines around each change. Windows line breaks and a missing final line break are
/// not differences.
pub fn line_diff(old: &str, new: &str) -> Vec<DiffLine> {
    let old = normalize_line_breaks(old);
    let new = normalize_line_breaks(new);
    let diff = TextDiff::from_lines(old.as_str(), new.as_str());
    let lines = diff
        .iter_all_changes()
        .map(|change| {
            let kind = match change.tag() {
                ChangeTag::Equal => DiffKind::Same,
                ChangeTag::Insert => DiffKind::Added,
                ChangeTag::Delete => DiffKind::Removed,
            };
            DiffLine::new(kind, change.value().trim_end_matches('\n'))
        })
        .collect();
    collapse_unchanged(lines, DIFF_CONTEXT_LINES)
}

/// Shortens every run of more than `2 * context` unchanged lines to its first and last `context` lines with one
/// `Same` line reading "…" between them. Changed lines and shorter runs are kept as they are.
pub fn collapse_unchanged(lines: Vec<DiffLine>, context: usize) -> Vec<DiffLine> {
    let mut collapsed = Vec::with_capacity(lines.len());
    let mut run: Vec<DiffLine> = Vec::new();
    for line in lines {
        if line.kind == DiffKind::Same {
            run.push(line);
        } else {
            flush_run(&mut collapsed, &mut run, context);
            collapsed.push(line);
        }
    }
    flush_run(&mut collapsed, &mut run, context);
    collapsed
}

fn flush_run(collapsed: &mut Vec<DiffLine>, run: &mut Vec<DiffLine>, context: usize) {
    if run.len() > context.saturating_mul(2) {
        let tail = run.split_off(run.len() - context);
        run.truncate(context);
        collapsed.append(run);
        collapsed.push(DiffLine::new(DiffKind::Same, OMITTED_LINES));
        collapsed.extend(tail);
    } else {
        collapsed.append(run);
    }
}

/// `\r\n` as `\n`, and a final line break on non-empty text, so only real changes show.
fn normalize_line_breaks(text: &str) -> String {
    let mut text = text.replace("\r\n", "\n");
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(text: &str) -> DiffLine {
        DiffLine::new(DiffKind::Same, text)
    }
    fn added(text: &str) -> DiffLine {
        DiffLine::new(DiffKind::Added, text)
    }
    fn removed(text: &str) -> DiffLine {
        DiffLine::new(DiffKind::Removed, text)
    }
    fn numbered(count: usize) -> String {
        (1..=count).map(|n| format!("line {n}\n")).collect()
    }

    #[test]
    fn changed_lines_show_as_removed_then_added() {
        let old = "# Passwort\nKlicken Sie auf Vergessen.\nFertig.\n";
        let new = "# Passwort\nKlicken Sie auf „Passwort vergessen“.\nFertig.\nNeu: Zwei-Faktor.\n";
        assert_eq!(
            line_diff(old, new),
            [
                same("# Passwort"),
                removed("Klicken Sie auf Vergessen."),
                added("Klicken Sie auf „Passwort vergessen“."),
                same("Fertig."),
                added("Neu: Zwei-Faktor."),
            ]
        );
    }

    #[test]
    fn identical_and_empty_texts() {
        assert!(line_diff("", "").is_empty());
        assert_eq!(line_diff("a\nb", "a\nb"), [same("a"), same("b")]);
        assert_eq!(line_diff("", "first\nsecond"), [added("first"), added("second")]);
        assert_eq!(line_diff("gone\n", ""), [removed("gone")]);
    }

    #[test]
    fn line_break_style_and_final_newline_are_not_changes() {
        assert_eq!(line_diff("a\r\nb\r\n", "a\nb"), [same("a"), same("b")]);
        assert_eq!(line_diff("a\nb\n", "a\nb"), [same("a"), same("b")]);
        // Blank lines are lines too.
        assert_eq!(line_diff("a\n\nb", "a\nb"), [same("a"), removed(""), same("b")]);
    }

    #[test]
    fn long_unchanged_stretches_keep_three_lines_of_context() {
        let old = numbered(20);
        let new = old.replace("line 10\n", "line ten\n");
        let diff = line_diff(&old, &new);
        let expected = [
            same("line 1"),
            same("line 2"),
            same("line 3"),
            same("…"),
            same("line 7"),
            same("line 8"),
            same("line 9"),
            removed("line 10"),
            added("line ten"),
            same("line 11"),
            same("line 12"),
            same("line 13"),
            same("…"),
            same("line 18"),
            same("line 19"),
            same("line 20"),
        ];
        assert_eq!(diff, expected);
    }

    #[test]
    fn short_unchanged_stretches_are_kept_whole() {
        let old = numbered(13);
        let new = old.replace("line 1\n", "line one\n").replace("line 8\n", "line eight\n");
        let diff = line_diff(&old, &new);
        // Six unchanged lines (2 to 7) between the changes: not more than 2 * 3, so all are shown.
        assert!(diff.iter().all(|line| line.text != OMITTED_LINES), "{diff:?}");
        assert_eq!(diff.iter().filter(|line| line.kind == DiffKind::Same).count(), 11);
        // Seven would be shortened.
        let new = old.replace("line 1\n", "line one\n").replace("line 9\n", "line nine\n");
        assert_eq!(line_diff(&old, &new).iter().filter(|line| line.text == OMITTED_LINES).count(), 1);
    }

    #[test]
    fn collapse_uses_the_given_context() {
        let lines: Vec<DiffLine> = (1..=5).map(|n| same(&n.to_string())).chain([added("x")]).collect();
        assert_eq!(collapse_unchanged(lines.clone(), 1), [same("1"), same("…"), same("5"), added("x")]);
        assert_eq!(collapse_unchanged(lines.clone(), 0), [same("…"), added("x")]);
        assert_eq!(collapse_unchanged(lines.clone(), 3), lines);
        assert!(collapse_unchanged(Vec::new(), 3).is_empty());
        // An unchanged document is shortened in the middle.
        let unchanged: Vec<DiffLine> = (1..=10).map(|n| same(&n.to_string())).collect();
        let collapsed = collapse_unchanged(unchanged, 2);
        assert_eq!(collapsed, [same("1"), same("2"), same("…"), same("9"), same("10")]);
    }

    #[test]
    fn diff_lines_serialise_with_snake_case_kinds() {
        let json = serde_json::to_string(&[added("neu"), removed("alt"), same("x")]).unwrap();
        assert_eq!(
            json,
            r#"[{"kind":"added","text":"neu"},{"kind":"removed","text":"alt"},{"kind":"same","text":"x"}]"#
        );
        let back: Vec<DiffLine> = serde_json::from_str(&json).unwrap();
        assert_eq!(back[1], removed("alt"));
    }
}
