use super::*;

/// One payload per line of the corpus; `#` lines are comments, `\n` stands for a line break.
fn xss_payloads() -> Vec<String> {
    include_str!("../tests/corpus/xss/payloads.txt")
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| line.replace("\\n", "\n"))
        .collect()
}

/// A start tag of the output: its name and attributes (values as written, entities not yet decoded).
#[derive(Debug)]
struct StartTag {
    name: String,
    attributes: Vec<(String, String)>,
}

/// The start tags of sanitised HTML, parsed with quoted attribute values (a `>` inside quotes does not end the
/// tag). Text `<` is always escaped by the sanitiser, so every `<` starts markup.
fn start_tags(html: &str) -> Vec<StartTag> {
    let chars: Vec<char> = html.chars().collect();
    let mut tags = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '<' {
            i += 1;
            continue;
        }
        i += 1;
        if chars.get(i) == Some(&'/') {
            while i < chars.len() && chars[i] != '>' {
                i += 1;
            }
            continue;
        }
        let mut name = String::new();
        while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '>' && chars[i] != '/' {
            name.push(chars[i].to_ascii_lowercase());
            i += 1;
        }
        let mut attributes = Vec::new();
        loop {
            while i < chars.len() && (chars[i].is_whitespace() || chars[i] == '/') {
                i += 1;
            }
            if i >= chars.len() || chars[i] == '>' {
                break;
            }
            let mut attribute = String::new();
            while i < chars.len() && !chars[i].is_whitespace() && !matches!(chars[i], '=' | '>' | '/') {
                attribute.push(chars[i].to_ascii_lowercase());
                i += 1;
            }
            let mut value = String::new();
            if chars.get(i) == Some(&'=') {
                i += 1;
                let quote = chars.get(i).copied().filter(|c| *c == '"' || *c == '\'');
                if let Some(quote) = quote {
                    i += 1;
                    while i < chars.len() && chars[i] != quote {
                        value.push(chars[i]);
                        i += 1;
                    }
                    i += 1;
                } else {
                    while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '>' {
                        value.push(chars[i]);
                        i += 1;
                    }
                }
            }
            attributes.push((attribute, value));
        }
        tags.push(StartTag { name, attributes });
    }
    tags
}

/// Character references decoded the way a browser reads an attribute value (the ones that matter for URLs).
fn decode_entities(value: &str) -> String {
    let mut decoded = String::new();
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        decoded.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '#')).unwrap_or(rest.len());
        let reference = &rest[..end];
        let character = if let Some(hex) = reference.strip_prefix("#x").or_else(|| reference.strip_prefix("#X")) {
            u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
        } else if let Some(decimal) = reference.strip_prefix('#') {
            decimal.parse().ok().and_then(char::from_u32)
        } else {
            match reference.to_ascii_lowercase().as_str() {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "colon" => Some(':'),
                "tab" => Some('\t'),
                "newline" => Some('\n'),
                _ => None,
            }
        };
        match character {
            Some(character) => {
                decoded.push(character);
                rest = rest[end..].strip_prefix(';').unwrap_or(&rest[end..]);
            }
            None => decoded.push('&'),
        }
    }
    decoded.push_str(rest);
    decoded
}

/// Why the HTML is unsafe, if it is.
fn unsafe_markup(html: &str) -> Option<String> {
    let lower = html.to_lowercase();
    for forbidden in ["<script", "<iframe", "<svg", "<object", "<embed", "<style", "<form", "<math", "<!--"] {
        if lower.contains(forbidden) {
            return Some(format!("contains {forbidden}"));
        }
    }
    let allowed_tags = "p h1 h2 h3 h4 h5 h6 ul ol li blockquote pre hr br a img strong em del code input table thead \
                        tbody tr th td";
    for tag in start_tags(html) {
        if !allowed_tags.split_whitespace().any(|allowed| allowed == tag.name) {
            return Some(format!("tag <{}>", tag.name));
        }
        for (name, value) in &tag.attributes {
            if name.starts_with("on") || name == "style" || name == "srcdoc" || name == "formaction" {
                return Some(format!("attribute {name} on <{}>", tag.name));
            }
            if name == "href" || name == "src" {
                let url: String = decode_entities(value)
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_lowercase();
                for scheme in ["javascript:", "vbscript:", "data:"] {
                    if url.starts_with(scheme) {
                        return Some(format!("{name}={value:?} on <{}>", tag.name));
                    }
                }
                let scheme =
                    url.split_once(':').map(|(scheme, _)| scheme).filter(|scheme| !scheme.contains(['/', '?', '#']));
                if let Some(scheme) = scheme {
                    if !["http", "https", "mailto"].contains(&scheme) {
                        return Some(format!("scheme {scheme:?} in {name} on <{}>", tag.name));
                    }
                }
            }
        }
    }
    None
}

#[test]
fn the_xss_corpus_is_large_enough() {
    assert!(xss_payloads().len() >= 40, "only {} payloads", xss_payloads().len());
}

#[test]
fn no_xss_payload_survives_rendering() {
    for payload in xss_payloads() {
        let rendered = render_markdown(&payload);
        if let Some(problem) = unsafe_markup(&rendered.html) {
            panic!("payload {payload:?} rendered as {:?}: {problem}", rendered.html);
        }
        // The payload inside a larger article is just as harmless.
        let article = format!("# Hilfe\n\nText davor.\n\n{payload}\n\n## Danach\n\nText *danach*.\n");
        if let Some(problem) = unsafe_markup(&render_markdown(&article).html) {
            panic!("payload {payload:?} inside an article: {problem}");
        }
    }
}

#[test]
fn the_sanitiser_alone_removes_every_payload() {
    // Raw HTML never reaches ammonia through comrak (it is escaped), so check the second layer on its own as if
    // comrak had passed the payload through verbatim.
    for payload in xss_payloads() {
        let cleaned = SANITIZER.clean(&payload).to_string();
        if let Some(problem) = unsafe_markup(&cleaned) {
            panic!("payload {payload:?} sanitised to {cleaned:?}: {problem}");
        }
    }
    let kept = SANITIZER.clean(r#"<h2 id="x" class="y" style="z">T</h2><a href="https://e.com" target="_top">l</a>"#);
    assert_eq!(
        kept.to_string(),
        r#"<h2 id="x">T</h2><a href="https://e.com" rel="noopener noreferrer nofollow">l</a>"#
    );
    let text_box = SANITIZER.clean(r#"<input type="text" value="x"><input type="checkbox" checked>"#).to_string();
    assert_eq!(text_box, r#"<input disabled=""><input type="checkbox" checked="" disabled="">"#);
}

#[test]
fn the_checker_notices_unsafe_markup() {
    // The safety check itself must be able to fail, or the corpus test proves nothing.
    let unsafe_samples = [
        r#"<script>alert(1)</script>"#,
        r#"<img src="x" onerror="alert(1)">"#,
        r#"<a href="jav&#x09;ascript:alert(1)">x</a>"#,
        r#"<a href="JaVaScRiPt&colon;alert(1)">x</a>"#,
        r#"<img src=" data:image/png;base64,AAAA">"#,
        r#"<a href="vbscript:msgbox(1)">x</a>"#,
        r#"<p style="color:red">x</p>"#,
        r#"<div>x</div>"#,
        r#"<a title='a>b' href="javascript:alert(1)">x</a>"#,
    ];
    for sample in unsafe_samples {
        assert!(unsafe_markup(sample).is_some(), "{sample}");
    }
    let safe = r#"<p><a href="https://example.com/?a=1&amp;b=2" rel="x">x</a> &lt;script&gt; on=1 <img src="/a.png" alt="a"></p>"#;
    assert_eq!(unsafe_markup(safe), None);
}

#[test]
fn raw_html_is_shown_as_text() {
    let rendered = render_markdown("Press <Enter> to continue, not <script>alert(1)</script>.");
    assert!(rendered.html.contains("&lt;Enter&gt;"), "{}", rendered.html);
    assert!(rendered.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{}", rendered.html);
    assert_eq!(rendered.plain_text, "Press <Enter> to continue, not <script>alert(1)</script>.");
}

#[test]
fn headings_get_unique_ids_and_h2_h3_make_the_toc() {
    let markdown = "# Passwort\n\n## Passwort ändern\n\ntext\n\n### Schritt 1: `Einstellungen` *öffnen*\n\n\
                    ## Passwort ändern\n\n#### Tiefer\n\n## Passwort ändern 2\n\n## ?!\n";
    let rendered = render_markdown(markdown);
    for tag in [
        r#"<h1 id="passwort">"#,
        r#"<h2 id="passwort-aendern">"#,
        r#"<h3 id="schritt-1-einstellungen-oeffnen">"#,
        r#"<h2 id="passwort-aendern-2">"#,
        r#"<h4 id="tiefer">"#,
        r#"<h2 id="passwort-aendern-2-2">"#,
        r#"<h2 id="article">"#,
    ] {
        assert!(rendered.html.contains(tag), "{tag} missing in {}", rendered.html);
    }
    let toc: Vec<(u8, &str, &str)> =
        rendered.toc.iter().map(|entry| (entry.level, entry.id.as_str(), entry.text.as_str())).collect();
    assert_eq!(
        toc,
        [
            (2, "passwort-aendern", "Passwort ändern"),
            (3, "schritt-1-einstellungen-oeffnen", "Schritt 1: Einstellungen öffnen"),
            (2, "passwort-aendern-2", "Passwort ändern"),
            (2, "passwort-aendern-2-2", "Passwort ändern 2"),
            (2, "article", "?!"),
        ]
    );
}

#[test]
fn headings_in_quotes_and_lists_get_ids_in_order() {
    let rendered = render_markdown("> ## Zitat\n\n- ## Liste\n\nSetext\n------\n");
    let ids: Vec<&str> = rendered.toc.iter().map(|entry| entry.id.as_str()).collect();
    assert_eq!(ids, ["zitat", "liste", "setext"]);
    let at = |tag: &str| rendered.html.find(tag).unwrap_or_else(|| panic!("{tag} missing in {}", rendered.html));
    assert!(at(r#"<h2 id="zitat">Zitat"#) < at(r#"<h2 id="liste">Liste"#));
    assert!(at(r#"<h2 id="liste">"#) < at(r#"<h2 id="setext">Setext"#));
}

#[test]
fn tables_render_with_alignment() {
    let rendered = render_markdown("| Plan | Preis |\n|:-----|------:|\n| Basis | 9 € |\n| Pro | 29 € |\n");
    let html = &rendered.html;
    assert!(html.contains("<table>") && html.contains("<thead>") && html.contains("<tbody>"), "{html}");
    assert!(html.contains(r#"<th align="left">Plan</th>"#), "{html}");
    assert!(html.contains(r#"<td align="right">29 €</td>"#), "{html}");
    assert_eq!(rendered.plain_text, "Plan Preis Basis 9 € Pro 29 €");
}

#[test]
fn links_keep_safe_urls_and_get_rel() {
    let markdown = "[Doku](https://example.com/docs?a=1&b=2 \"Titel\") [intern](/kb/passwort) [oben](#schritt) \
                    [Mail](mailto:help@example.com) www.example.org [ftp](ftp://example.com/x)";
    let html = render_markdown(markdown).html;
    let rel = r#"rel="noopener noreferrer nofollow""#;
    assert!(
        html.contains(&format!(r#"<a href="https://example.com/docs?a=1&amp;b=2" title="Titel" {rel}>Doku</a>"#)),
        "{html}"
    );
    assert!(html.contains(&format!(r#"<a href="/kb/passwort" {rel}>intern</a>"#)), "{html}");
    assert!(html.contains(&format!(r##"<a href="#schritt" {rel}>oben</a>"##)), "{html}");
    assert!(html.contains(&format!(r#"<a href="mailto:help@example.com" {rel}>Mail</a>"#)), "{html}");
    assert!(html.contains(&format!(r#"<a href="http://www.example.org" {rel}>www.example.org</a>"#)), "{html}");
    assert!(!html.contains("ftp:"), "other schemes are dropped: {html}");
    assert!(html.contains(">ftp</a>"), "the link text stays: {html}");
}

#[test]
fn images_keep_src_alt_and_title() {
    let html = render_markdown("![Einstellungen öffnen](/files/settings.png \"Schritt 1\")").html;
    assert!(html.contains(r#"<img src="/files/settings.png" alt="Einstellungen öffnen" title="Schritt 1">"#), "{html}");
    let remote = render_markdown("![Logo](https://cdn.example.com/logo.svg)").html;
    assert!(remote.contains(r#"src="https://cdn.example.com/logo.svg""#), "{remote}");
}

#[test]
fn formatting_lists_code_and_task_lists_render() {
    let markdown = "**fett** *kursiv* ~~alt~~ `code`\n\n1. eins\n2. zwei\n\n- [x] erledigt\n- [ ] offen\n\n\
                    > Zitat\n\n---\n\n```rust\nfn main() { println!(\"<b>\"); }\n```\n";
    let html = render_markdown(markdown).html;
    for part in [
        "<strong>fett</strong>",
        "<em>kursiv</em>",
        "<del>alt</del>",
        "<code>code</code>",
        "<ol>\n<li>eins</li>",
        "<blockquote>\n<p>Zitat</p>\n</blockquote>",
        "<hr>",
        "<pre><code>fn main() { println!(\"&lt;b&gt;\"); }\n</code></pre>",
    ] {
        assert!(html.contains(part), "{part} missing in {html}");
    }
    let boxes: Vec<StartTag> = start_tags(&html).into_iter().filter(|tag| tag.name == "input").collect();
    assert_eq!(boxes.len(), 2, "{html}");
    for checkbox in &boxes {
        assert!(checkbox.attributes.contains(&("type".into(), "checkbox".into())), "{checkbox:?}");
        assert!(checkbox.attributes.iter().any(|(name, _)| name == "disabled"), "{checkbox:?}");
    }
    assert!(boxes[0].attributes.iter().any(|(name, _)| name == "checked"));
    assert!(!boxes[1].attributes.iter().any(|(name, _)| name == "checked"));
}

#[test]
fn german_text_survives() {
    let markdown = "## Größe ändern\n\nÄrger mit „Anführungszeichen“? Straße, Fußgänger – ẞ & Co. 😀\n";
    let rendered = render_markdown(markdown);
    assert!(
        rendered.html.contains("Ärger mit „Anführungszeichen“? Straße, Fußgänger – ẞ &amp; Co. 😀"),
        "{}",
        rendered.html
    );
    assert_eq!(rendered.toc[0].text, "Größe ändern");
    assert_eq!(rendered.toc[0].id, "groesse-aendern");
    assert_eq!(rendered.plain_text, "Größe ändern Ärger mit „Anführungszeichen“? Straße, Fußgänger – ẞ & Co. 😀");
}

#[test]
fn plain_text_is_the_words_without_markup() {
    let markdown = "# Titel\n\nEin **fetter** Satz mit [Link](https://example.com) und `code`.\nZweite Zeile.\n\n\
                    - eins\n- zwei\n\n![Bild](/a.png)\n\n```\nlet x = 1;\n```\n";
    assert_eq!(
        render_markdown(markdown).plain_text,
        "Titel Ein fetter Satz mit Link und code. Zweite Zeile. eins zwei Bild let x = 1;"
    );
    assert_eq!(render_markdown("").plain_text, "");
    assert_eq!(markdown_plain_text(markdown), render_markdown(markdown).plain_text);
    assert_eq!(render_markdown("").html, "");
    assert!(render_markdown("").toc.is_empty());
}
