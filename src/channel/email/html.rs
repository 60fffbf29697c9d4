//! HTML from mail: made safe to render, and turned into plain text for HTML-only mails.

use std::sync::LazyLock;

/// The one sanitiser configuration for mail HTML: ammonia's defaults (no script, style, event handlers,
/// forms or `javascript:` URLs; basic formatting, tables, links and images kept) plus `cid:` image sources
/// for inline attachments, with links opened in a new tab without referrer or opener.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .add_url_schemes(["cid"])
        // A relative URL has no base in a mail; it could only point into our own application.
        .url_relative(ammonia::UrlRelative::Deny)
        // Text of these elements is not content: a document title would otherwise show up as body text.
        .add_clean_content_tags(["title", "noscript"])
        .link_rel(Some("noopener noreferrer nofollow"))
        .set_tag_attribute_value("a", "target", "_blank");
    builder
});

/// Sanitised HTML, safe to insert into our pages as is.
pub fn sanitize_html(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

/// Plain text of an HTML fragment (links keep their text, block elements become lines), for mails that
/// were sent as HTML only. Trailing spaces are removed and runs of blank lines are kept to one.
pub fn html_to_text(html: &str) -> String {
    let clean = sanitize_html(html);
    let rendered = html2text::config::plain_no_decorate()
        .allow_width_overflow()
        .no_table_borders()
        .string_from_read(clean.as_bytes(), 10_000)
        .unwrap_or_else(|_| ammonia::Builder::empty().clean(&clean).to_string());
    let mut text = String::with_capacity(rendered.len());
    let mut blank_run = 0;
    for line in rendered.lines().map(str::trim_end) {
        if line.trim().is_empty() {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
        } else {
            blank_run = 0;
        }
        text.push_str(line);
        text.push('\n');
    }
    text.trim_matches('\n').to_string()
}
