//! What a file's first bytes say it is, whatever its name or the client claims. Only signatures that matter for
//! the decision are known: the formats we accept, and the ones we refuse because a browser or an operating system
//! would run them (programs, scripts, web pages).

/// The verdict on a file's content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Sniffed<'a> {
    /// A Windows (MZ), Linux (ELF) or macOS (Mach-O) program, or a script with a `#!` line.
    Executable,
    /// Something a browser would render as a web page.
    Html,
    Png,
    Jpeg,
    Gif,
    Webp,
    Pdf,
    /// A ZIP archive (also the container of Office and OpenDocument files).
    Zip,
    /// Voice notes and audio messages (WhatsApp, Telegram): Ogg (Opus), MP3, AAC (ADTS), AMR, and MPEG-4 audio.
    Ogg,
    Mp3,
    Aac,
    Amr,
    /// An ISO base media file (`ftyp` box): MPEG-4 audio (.m4a) or video.
    IsoMedia,
    /// UTF-8 text without NULs or control characters other than tab, line breaks and form feed.
    Text(&'a str),
    Unknown,
}

/// Tags whose presence at the start of a document makes browsers treat it as HTML (WHATWG MIME sniffing).
const HTML_OPENERS: &[&str] = &[
    "<!doctype html",
    "<html",
    "<head",
    "<script",
    "<iframe",
    "<h1",
    "<div",
    "<font",
    "<table",
    "<a",
    "<style",
    "<title",
    "<b",
    "<body",
    "<br",
    "<p",
];

/// Tags that make a text document a web page wherever they occur near the start (older browsers sniffed this way).
const HTML_MARKERS: &[&str] = &["<html", "<script", "<iframe", "<body", "<head", "<!doctype html"];

/// How far into a text file to look for web-page markers.
const HTML_SCAN_BYTES: usize = 1024;

pub(super) fn sniff(bytes: &[u8]) -> Sniffed<'_> {
    // AMR's magic starts like a script's `#!` line, so it is recognised first.
    if bytes.starts_with(b"#!AMR\n") || bytes.starts_with(b"#!AMR-WB\n") {
        return Sniffed::Amr;
    }
    if let Some(audio) = sniff_audio(bytes) {
        return audio;
    }
    if bytes.starts_with(b"MZ") || bytes.starts_with(b"\x7fELF") || bytes.starts_with(b"#!") || is_mach_o(bytes) {
        return Sniffed::Executable;
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Sniffed::Png;
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Sniffed::Jpeg;
    }
    if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        return Sniffed::Gif;
    }
    if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        return Sniffed::Webp;
    }
    if bytes.starts_with(b"%PDF-") {
        return Sniffed::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Sniffed::Zip;
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if starts_like_html(text) {
        return Sniffed::Html;
    }
    match std::str::from_utf8(text) {
        Ok(text) if is_plain_text(text) => {
            if contains_html_marker(text) {
                Sniffed::Html
            } else {
                Sniffed::Text(text)
            }
        }
        _ => Sniffed::Unknown,
    }
}

fn sniff_audio(bytes: &[u8]) -> Option<Sniffed<'static>> {
    if bytes.starts_with(b"OggS") {
        return Some(Sniffed::Ogg);
    }
    if bytes.starts_with(b"ID3") {
        return Some(Sniffed::Mp3);
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return Some(Sniffed::IsoMedia);
    }
    match bytes {
        // ADTS: a 12-bit sync word and layer 00.
        [0xFF, second, ..] if second & 0xF6 == 0xF0 => Some(Sniffed::Aac),
        // An MPEG Layer III frame: an 11-bit sync word, a version other than the reserved 01, layer bits 01 (so a
        // UTF-16 byte-order mark, FF FE, is not taken for audio).
        [0xFF, second, ..] if second & 0xE0 == 0xE0 && second & 0x06 == 0x02 && second & 0x18 != 0x08 => {
            Some(Sniffed::Mp3)
        }
        _ => None,
    }
}

/// Mach-O (32/64-bit, both byte orders) and universal binaries; `CAFEBABE` is also a Java class file.
fn is_mach_o(bytes: &[u8]) -> bool {
    const MAGICS: [[u8; 4]; 5] = [
        [0xFE, 0xED, 0xFA, 0xCE],
        [0xFE, 0xED, 0xFA, 0xCF],
        [0xCE, 0xFA, 0xED, 0xFE],
        [0xCF, 0xFA, 0xED, 0xFE],
        [0xCA, 0xFE, 0xBA, 0xBE],
    ];
    MAGICS.iter().any(|magic| bytes.starts_with(magic))
}

/// An HTML opener after leading whitespace, ended by a space or `>`, or a comment.
fn starts_like_html(bytes: &[u8]) -> bool {
    let start = bytes.iter().position(|b| !matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')).unwrap_or(bytes.len());
    let rest = &bytes[start..];
    if rest.starts_with(b"<!--") {
        return true;
    }
    HTML_OPENERS.iter().any(|opener| {
        let opener = opener.as_bytes();
        rest.len() > opener.len()
            && rest[..opener.len()].eq_ignore_ascii_case(opener)
            && matches!(rest[opener.len()], b' ' | b'>' | b'\t' | b'\n' | b'\r' | b'\x0c')
    })
}

fn contains_html_marker(text: &str) -> bool {
    let mut end = text.len().min(HTML_SCAN_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = text[..end].to_ascii_lowercase();
    HTML_MARKERS.iter().any(|marker| head.contains(marker))
}

fn is_plain_text(text: &str) -> bool {
    !text.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c'))
}

/// Whether an SVG document can run code or pull in a page: scripts, event handlers, `javascript:` links,
/// embedded HTML (`foreignObject`, iframes, objects) and entity declarations.
pub(super) fn svg_has_active_content(svg: &str) -> bool {
    let lower = svg.to_ascii_lowercase();
    const MARKERS: &[&str] = &[
        "<script",
        "javascript:",
        "vbscript:",
        "data:text/html",
        "<foreignobject",
        "<iframe",
        "<embed",
        "<object",
        "<!entity",
        "<handler",
    ];
    MARKERS.iter().any(|marker| lower.contains(marker)) || has_event_handler_attribute(&lower)
}

/// An attribute named `on…` (onload, onclick, onbegin, …): whitespace or `/`, then `on`, letters, then `=`.
fn has_event_handler_attribute(lower: &str) -> bool {
    let bytes = lower.as_bytes();
    let mut i = 0;
    while let Some(found) = lower[i..].find("on") {
        let at = i + found;
        let preceded_by_separator =
            at > 0 && matches!(bytes[at - 1], b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'"' | b'\'');
        let mut end = at + 2;
        while end < bytes.len() && bytes[end].is_ascii_alphabetic() {
            end += 1;
        }
        let name_len = end - at - 2;
        while end < bytes.len() && bytes[end].is_ascii_whitespace() {
            end += 1;
        }
        if preceded_by_separator && name_len > 0 && end < bytes.len() && bytes[end] == b'=' {
            return true;
        }
        i = at + 2;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_are_recognised() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Sniffed::Png);
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]), Sniffed::Jpeg);
        assert_eq!(sniff(b"GIF89a\x01\0\x01\0"), Sniffed::Gif);
        assert_eq!(sniff(b"RIFF\x24\0\0\0WEBPVP8 "), Sniffed::Webp);
        assert_eq!(sniff(b"%PDF-1.7\n"), Sniffed::Pdf);
        assert_eq!(sniff(b"PK\x03\x04\x14\0"), Sniffed::Zip);
        assert_eq!(sniff(b"OggS\0\x02\0\0"), Sniffed::Ogg);
        assert_eq!(sniff(b"ID3\x04\0\0"), Sniffed::Mp3);
        assert_eq!(sniff(&[0xFF, 0xFB, 0x90, 0x64]), Sniffed::Mp3);
        assert_eq!(sniff(&[0xFF, 0xF1, 0x50, 0x80]), Sniffed::Aac);
        assert_eq!(sniff(b"#!AMR\n\x3c"), Sniffed::Amr);
        assert_eq!(sniff(b"\0\0\0\x20ftypM4A \0\0"), Sniffed::IsoMedia);
        assert_eq!(sniff(b"a,b\n1,2\n"), Sniffed::Text("a,b\n1,2\n"));
        assert_eq!(sniff(b"\xEF\xBB\xBFhello"), Sniffed::Text("hello"));
        assert_eq!(sniff(b"\0\x01\x02binary"), Sniffed::Unknown);
        assert_eq!(sniff(b"\xff\xfe not utf-8"), Sniffed::Unknown);
    }

    #[test]
    fn programs_and_scripts_are_executables() {
        assert_eq!(sniff(b"MZ\x90\0\x03\0"), Sniffed::Executable);
        assert_eq!(sniff(b"\x7fELF\x02\x01\x01"), Sniffed::Executable);
        assert_eq!(sniff(b"#!/bin/sh\nrm -rf /\n"), Sniffed::Executable);
        assert_eq!(sniff(&[0xCF, 0xFA, 0xED, 0xFE, 7, 0, 0, 1]), Sniffed::Executable);
    }

    #[test]
    fn web_pages_are_recognised_at_the_start_and_near_it() {
        assert_eq!(sniff(b"  <!DOCTYPE html><p>hi"), Sniffed::Html);
        assert_eq!(sniff(b"\n<HTML>"), Sniffed::Html);
        assert_eq!(sniff(b"<!-- comment -->"), Sniffed::Html);
        assert_eq!(sniff(b"<a href=x>"), Sniffed::Html);
        assert_eq!(sniff(b"\xEF\xBB\xBF<script>alert(1)</script>"), Sniffed::Html);
        assert_eq!(sniff(b"notes\nthen <ScRiPt src=//evil>"), Sniffed::Html);
        assert_eq!(sniff(b"<abbr> is not an opener"), Sniffed::Text("<abbr> is not an opener"));
        assert_eq!(sniff(b"a < b and b > c"), Sniffed::Text("a < b and b > c"));
    }

    #[test]
    fn active_svg_content_is_found() {
        assert!(svg_has_active_content("<svg><script>alert(1)</script></svg>"));
        assert!(svg_has_active_content("<svg onload=\"alert(1)\"/>"));
        assert!(svg_has_active_content("<svg><rect\nONCLICK = 'x'/></svg>"));
        assert!(svg_has_active_content("<svg><a href=\"JavaScript:alert(1)\"><text>x</text></a></svg>"));
        assert!(svg_has_active_content("<svg><foreignObject><div/></foreignObject></svg>"));
        assert!(!svg_has_active_content("<svg viewBox=\"0 0 1 1\"><text>button only</text><rect/></svg>"));
        assert!(!svg_has_active_content("<svg><g id=\"icon\" font-family=\"Noto Sans\"/></svg>"));
    }
}
