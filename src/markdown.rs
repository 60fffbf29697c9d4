//! Knowledge-base markdown made into HTML that is safe to insert into our pages as is: comrak renders GitHub
//! flavoured markdown (raw HTML is shown as text, never passed through), every heading gets a stable `id`, and
//! ammonia then keeps only the article tags and attributes below, with http(s), mailto and relative URLs only.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use comrak::arena_tree::NodeEdge;
use comrak::nodes::{NodeCode, NodeValue};
use comrak::{format_html, parse_document, Arena, Node, Options};

use crate::domain::kb::slug::slugify;
use crate::domain::kb::TocEntry;

/// An article rendered for reading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderedMarkdown {
    /// Sanitised HTML, safe to insert into a page as is.
    pub html: String,
    /// The h2 and h3 headings, with the ids they carry in `html`.
    pub toc: Vec<TocEntry>,
    /// The text without markup, whitespace collapsed, for the search index and descriptions. It is text, not
    /// HTML: whoever puts it into a page must escape it.
    pub plain_text: String,
}

/// Renders an article's markdown to sanitised HTML, its table of contents and its plain text.
pub fn render_markdown(markdown: &str) -> RenderedMarkdown {
    let options = comrak_options();
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &options);

    let mut ids = HeadingIds::default();
    let mut headings = Vec::new();
    let mut toc = Vec::new();
    for node in root.descendants() {
        let level = match node.data().value {
            NodeValue::Heading(ref heading) => heading.level,
            _ => continue,
        };
        let text = collapse_whitespace(&node.collect_text());
        let id = ids.unique(&slugify(&text));
        if level == 2 || level == 3 {
            toc.push(TocEntry { level, id: id.clone(), text });
        }
        headings.push((level, id));
    }

    let mut rendered = String::with_capacity(markdown.len() * 2);
    if format_html(root, &options, &mut rendered).is_err() {
        // Writing into a String cannot fail; should it ever, show nothing rather than something half-made.
        rendered.clear();
    }
    let html = SANITIZER.clean(&add_heading_ids(&rendered, &headings)).to_string();
    RenderedMarkdown { html, toc, plain_text: plain_text(root) }
}

/// Only the plain text of an article's markdown, exactly as [`render_markdown`] gives it, without rendering or
/// sanitising HTML (reindexing needs nothing else, and this is several times cheaper).
pub fn markdown_plain_text(markdown: &str) -> String {
    let options = comrak_options();
    let arena = Arena::new();
    plain_text(parse_document(&arena, markdown, &options))
}

/// GitHub flavoured markdown (tables, strikethrough, autolinks, task lists). Raw HTML in the markdown is escaped,
/// so "Press <Enter>" keeps its text and `<script>` shows as text; comrak also drops dangerous link URLs itself.
fn comrak_options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.strikethrough = true;
    options.extension.table = true;
    options.extension.autolink = true;
    options.extension.tasklist = true;
    options.render.r#unsafe = false;
    options.render.escape = true;
    options
}

/// What may remain of comrak's output. Anything else (script, style, iframe, object, embed, svg, form, event
/// handlers, `style`, other URL schemes) is removed; links get `rel="noopener noreferrer nofollow"`.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let headings = ["h1", "h2", "h3", "h4", "h5", "h6"];
    let blocks = ["p", "ul", "ol", "li", "blockquote", "pre", "hr", "br"];
    let inline = ["a", "img", "strong", "em", "del", "code", "input"];
    let tables = ["table", "thead", "tbody", "tr", "th", "td"];
    let mut attributes: HashMap<&str, HashSet<&str>> = HashMap::new();
    for heading in headings {
        attributes.insert(heading, HashSet::from(["id"]));
    }
    attributes.insert("a", HashSet::from(["href", "title"]));
    attributes.insert("img", HashSet::from(["src", "alt", "title"]));
    attributes.insert("ol", HashSet::from(["start"]));
    // Task list boxes: shown, never editable (`disabled` is forced below).
    attributes.insert("input", HashSet::from(["checked", "disabled"]));

    let mut builder = ammonia::Builder::empty();
    builder
        .add_tags(headings)
        .add_tags(blocks)
        .add_tags(inline)
        .add_tags(tables)
        .tag_attributes(attributes)
        .add_tag_attribute_values("input", "type", &["checkbox"])
        .set_tag_attribute_value("input", "disabled", "")
        .add_tag_attribute_values("th", "align", &["left", "center", "right"])
        .add_tag_attribute_values("td", "align", &["left", "center", "right"])
        .generic_attributes(HashSet::new())
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(ammonia::UrlRelative::PassThrough)
        .strip_comments(true)
        .link_rel(Some("noopener noreferrer nofollow"));
    builder
});

/// Heading ids made unique in document order: the second "Setup" is "setup-2", the third "setup-3".
#[derive(Default)]
struct HeadingIds {
    used: HashSet<String>,
}

impl HeadingIds {
    fn unique(&mut self, base: &str) -> String {
        let mut id = base.to_string();
        let mut suffix = 1;
        while self.used.contains(&id) {
            suffix += 1;
            id = format!("{base}-{suffix}");
        }
        self.used.insert(id.clone());
        id
    }
}

/// Puts the ids on the heading tags comrak wrote, in document order. Raw HTML is escaped, so every `<hN>` in the
/// output is a heading comrak rendered; ids are slugs (`a-z0-9-`), so they need no escaping.
fn add_heading_ids(html: &str, headings: &[(u8, String)]) -> String {
    let mut with_ids = String::with_capacity(html.len() + headings.len() * 24);
    let mut rest = html;
    for (level, id) in headings {
        let tag = format!("<h{level}>");
        let Some(at) = rest.find(&tag) else { break };
        with_ids.push_str(&rest[..at]);
        with_ids.push_str(&format!("<h{level} id=\"{id}\">"));
        rest = &rest[at + tag.len()..];
    }
    with_ids.push_str(rest);
    with_ids
}

/// What a reader sees as text: text, code, image descriptions and raw HTML (which the page shows as text),
/// blocks separated by spaces.
fn plain_text(root: Node<'_>) -> String {
    let mut text = String::new();
    for edge in root.traverse() {
        match edge {
            NodeEdge::Start(node) => match node.data().value {
                NodeValue::Text(ref literal) => text.push_str(literal),
                NodeValue::Code(NodeCode { ref literal, .. }) => text.push_str(literal),
                NodeValue::CodeBlock(ref block) => text.push_str(&block.literal),
                NodeValue::HtmlBlock(ref block) => text.push_str(&block.literal),
                NodeValue::HtmlInline(ref literal) => text.push_str(literal),
                NodeValue::SoftBreak | NodeValue::LineBreak => text.push(' '),
                _ => {}
            },
            NodeEdge::End(node) => {
                if node.data().value.block() {
                    text.push(' ');
                }
            }
        }
    }
    collapse_whitespace(&text)
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
#[path = "markdown_tests.rs"]
mod tests;
