//! Inserting text at the cursor of a text area. Browsers count positions in UTF-16 code units; Rust strings
//! are UTF-8, so positions are converted here (and kept on character boundaries).

/// `value` with `text` replacing the selection `start..end` (UTF-16 offsets), and the UTF-16 offset right
/// after the inserted text, where the cursor goes.
pub fn insert_at(value: &str, start: u32, end: u32, text: &str) -> (String, u32) {
    let (start, end) = (start.min(end), start.max(end));
    let byte_at = |target: u32| {
        let mut units = 0_u32;
        for (index, c) in value.char_indices() {
            if units >= target {
                return index;
            }
            units += c.len_utf16() as u32;
        }
        value.len()
    };
    let (from, to) = (byte_at(start), byte_at(end));
    let mut result = String::with_capacity(value.len() + text.len());
    result.push_str(&value[..from]);
    result.push_str(text);
    result.push_str(&value[to..]);
    let caret = value[..from].encode_utf16().count() as u32 + text.encode_utf16().count() as u32;
    (result, caret)
}

/// `text` as the HTML content of a `<textarea>`, escaped. Leptos writes a text area's children into the
/// server-rendered page without escaping them (it treats `<textarea>` like `<script>`), so a prefilled value
/// such as `</textarea><img src=x onerror=...>` would otherwise become markup. Every text area that shows
/// text from a user or a query string renders its children through this. The browser decodes the entities
/// back to the original text; a leading newline is doubled because the parser drops the first one.
pub fn textarea_content(text: &str) -> String {
    let mut html = String::with_capacity(text.len() + 8);
    if text.starts_with('\n') {
        html.push('\n');
    }
    for c in text.chars() {
        match c {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            _ => html.push(c),
        }
    }
    html
}

/// Puts `text` where the cursor of `area` is (replacing a selection) and leaves the cursor after it.
pub fn insert_into(area: &web_sys::HtmlTextAreaElement, text: &str) {
    let value = area.value();
    let end_of_text = value.encode_utf16().count() as u32;
    let start = area.selection_start().ok().flatten().unwrap_or(end_of_text);
    let end = area.selection_end().ok().flatten().unwrap_or(start);
    let (updated, caret) = insert_at(&value, start, end, text);
    area.set_value(&updated);
    let _ = area.focus();
    let _ = area.set_selection_range(caret, caret);
}

#[cfg(test)]
mod tests {
    use super::{insert_at, textarea_content};

    #[test]
    fn textarea_content_cannot_close_the_text_area() {
        let attack = "</textarea><img src=x onerror=alert(1)>";
        let html = textarea_content(attack);
        assert!(!html.contains('<') && !html.contains('>'), "{html}");
        assert_eq!(html, "&lt;/textarea&gt;&lt;img src=x onerror=alert(1)&gt;");
        assert_eq!(textarea_content("Fish & chips"), "Fish &amp; chips");
        assert_eq!(textarea_content("\nsecond line"), "\n\nsecond line");
        assert_eq!(textarea_content("plain"), "plain");
    }

    #[test]
    fn text_goes_where_the_cursor_is() {
        assert_eq!(insert_at("Hello world", 6, 6, "big "), ("Hello big world".to_string(), 10));
        assert_eq!(insert_at("Hello world", 6, 11, "you"), ("Hello you".to_string(), 9));
        assert_eq!(insert_at("", 0, 0, "Hi"), ("Hi".to_string(), 2));
        assert_eq!(insert_at("abc", 99, 99, "!"), ("abc!".to_string(), 4));
    }

    #[test]
    fn positions_count_utf16_units() {
        // "😀" is two UTF-16 units, "ä" one.
        assert_eq!(insert_at("😀ä|", 3, 3, "x"), ("😀äx|".to_string(), 4));
        assert_eq!(insert_at("Grüße", 2, 2, "-"), ("Gr-üße".to_string(), 3));
    }
}
