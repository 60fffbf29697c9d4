//! Case-insensitive substring search with `LIKE`, the same on SQLite and PostgreSQL: the searched column
//! and the pattern both go through `lower()`, and the user's text is bound with `%`, `_` and `\` escaped so
//! it only ever matches itself.

/// The condition `lower(column) LIKE lower(param) ESCAPE '\'`, for a column name written in code.
pub(crate) fn contains_condition(column: &str, param: &str) -> String {
    format!("lower({column}) LIKE lower({param}) ESCAPE '\\'")
}

/// The bound pattern that finds `needle` anywhere in a text.
pub(crate) fn contains_pattern(needle: &str) -> String {
    let mut pattern = String::with_capacity(needle.len() + 2);
    pattern.push('%');
    for c in needle.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_in_the_needle_are_escaped() {
        assert_eq!(contains_pattern("refund"), "%refund%");
        assert_eq!(contains_pattern("100%_off\\"), "%100\\%\\_off\\\\%");
        assert_eq!(contains_condition("c.title", "$2"), "lower(c.title) LIKE lower($2) ESCAPE '\\'");
    }
}
