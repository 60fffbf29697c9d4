use super::*;

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01";
const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F'];
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n";
const DOCX: &[u8] = b"PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0[Content_Types].xml\0\0";

fn policy() -> AttachmentPolicy {
    AttachmentPolicy { max_bytes: 1000, max_files: 3 }
}

fn kind_of(name: &str, bytes: &[u8]) -> Result<FileKind, UploadRefusal> {
    policy().check(name, bytes).map(|file| file.kind)
}

#[test]
fn accepted_types_are_decided_from_name_and_content() {
    assert_eq!(kind_of("shot.png", PNG), Ok(FileKind::Png));
    assert_eq!(kind_of("photo.JPG", JPEG), Ok(FileKind::Jpeg));
    assert_eq!(kind_of("scan.pdf", PDF), Ok(FileKind::Pdf));
    assert_eq!(kind_of("letter.docx", DOCX), Ok(FileKind::Docx));
    assert_eq!(kind_of("data.csv", b"a,b\n1,2\n"), Ok(FileKind::Csv));
    assert_eq!(kind_of("notes.txt", "Grüße\n".as_bytes()), Ok(FileKind::Text));
    assert_eq!(kind_of("config.json", b"{\"a\": [1, 2]}"), Ok(FileKind::Json));
    assert_eq!(kind_of("logo.svg", b"<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>"), Ok(FileKind::Svg));
    let accepted = policy().check("shot.png", PNG).unwrap();
    assert_eq!(accepted.content_type(), "image/png");
    assert!(accepted.inline(), "raster images may be shown in place");
}

#[test]
fn the_client_claim_never_decides_and_only_raster_images_are_inline() {
    let svg = policy().check("logo.svg", b"<svg><rect/></svg>").unwrap();
    assert_eq!(svg.content_type(), "image/svg+xml");
    assert!(!svg.inline(), "SVG is always a download");
    assert!(!policy().check("scan.pdf", PDF).unwrap().inline());
    assert!(FileKind::is_inline_content_type("image/webp"));
    assert!(!FileKind::is_inline_content_type("image/svg+xml"));
    assert!(!FileKind::is_inline_content_type("text/html"));
}

#[test]
fn an_image_named_as_another_image_takes_the_type_of_its_content() {
    assert_eq!(kind_of("photo.png", JPEG), Ok(FileKind::Jpeg));
}

#[test]
fn content_that_disagrees_with_the_name_is_refused() {
    assert_eq!(kind_of("scan.pdf", PNG), Err(UploadRefusal::Mismatch));
    assert_eq!(kind_of("shot.png", PDF), Err(UploadRefusal::Mismatch));
    assert_eq!(kind_of("letter.docx", b"PK\x03\x04 just a zip"), Err(UploadRefusal::Mismatch));
    assert_eq!(kind_of("config.json", b"{not json"), Err(UploadRefusal::Mismatch));
    assert_eq!(kind_of("notes.txt", b"\0\x01\x02"), Err(UploadRefusal::Mismatch));
    assert_eq!(kind_of("logo.svg", b"just text"), Err(UploadRefusal::Mismatch));
}

#[test]
fn web_pages_programs_and_scripts_are_refused_by_name_or_content() {
    for name in ["page.html", "page.HTM", "page.xhtml", "setup.exe", "lib.dll", "run.bat", "run.cmd", "x.com"] {
        assert_eq!(kind_of(name, b"hello"), Err(UploadRefusal::Dangerous), "{name}");
    }
    for name in ["x.msi", "x.sh", "x.ps1", "x.js", "x.jar", "x.app"] {
        assert_eq!(kind_of(name, b"hello"), Err(UploadRefusal::Dangerous), "{name}");
    }
    assert_eq!(kind_of("cat.png", b"MZ\x90\0\x03\0\0\0"), Err(UploadRefusal::Dangerous), "a program renamed .png");
    assert_eq!(kind_of("notes.txt", b"\x7fELF\x02\x01"), Err(UploadRefusal::Dangerous));
    assert_eq!(kind_of("notes.txt", b"#!/bin/sh\necho hi\n"), Err(UploadRefusal::Dangerous));
    assert_eq!(kind_of("notes.txt", b"<html><body>hi</body></html>"), Err(UploadRefusal::Dangerous));
    assert_eq!(kind_of("data.csv", b"a,b\n<script>alert(1)</script>"), Err(UploadRefusal::Dangerous));
    assert_eq!(kind_of("shot", b"<!DOCTYPE html>"), Err(UploadRefusal::Dangerous));
}

#[test]
fn svg_that_can_run_code_is_refused() {
    let cases: [&[u8]; 4] = [
        b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
        b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"></svg>",
        b"<svg><a href=\"javascript:alert(1)\"><text>click</text></a></svg>",
        b"<svg><foreignObject><body xmlns=\"http://www.w3.org/1999/xhtml\"/></foreignObject></svg>",
    ];
    for svg in cases {
        assert_eq!(kind_of("logo.svg", svg), Err(UploadRefusal::Dangerous), "{}", String::from_utf8_lossy(svg));
    }
}

#[test]
fn sizes_and_counts_are_bounded() {
    assert_eq!(kind_of("empty.txt", b""), Err(UploadRefusal::Empty));
    let mut big = PNG.to_vec();
    big.resize(1001, 0);
    assert_eq!(kind_of("big.png", &big), Err(UploadRefusal::TooLarge { max_bytes: 1000 }));
    big.truncate(1000);
    assert_eq!(kind_of("exactly.png", &big), Ok(FileKind::Png), "the limit itself is allowed");
    assert_eq!(policy().check_count(3), Ok(()));
    assert_eq!(policy().check_count(4), Err(UploadRefusal::TooManyFiles { max_files: 3 }));
    assert_eq!(AttachmentPolicy::default(), AttachmentPolicy { max_bytes: 10 * 1024 * 1024, max_files: 10 });
}

#[test]
fn unknown_types_are_refused_and_unnamed_images_are_named() {
    assert_eq!(kind_of("movie.mkv", b"\x1a\x45\xdf\xa3"), Err(UploadRefusal::Unsupported));
    assert_eq!(kind_of("blob", b"\0\x01\x02"), Err(UploadRefusal::Unsupported));
    assert_eq!(kind_of("README", b"plain words"), Err(UploadRefusal::Unsupported));
    let pasted = policy().check("image", PNG).unwrap();
    assert_eq!((pasted.name.as_str(), pasted.kind), ("image.png", FileKind::Png));
}

#[test]
fn names_are_cleaned_and_refusals_name_the_file() {
    let file = policy().check("../../secret/re\u{202E}port.pdf", PDF).unwrap();
    assert_eq!(file.name, "report.pdf");
    assert_eq!(
        UploadRefusal::TooLarge { max_bytes: 10 * 1024 * 1024 }.message("a.png"),
        "a.png is larger than 10 MiB."
    );
    assert_eq!(UploadRefusal::Dangerous.code(), "dangerous_file");
}

#[test]
fn voice_notes_and_audio_are_kept_as_downloads() {
    let ogg = b"OggS\0\x02\0\0\0\0\0\0\0\0OpusHead";
    assert_eq!(kind_of("voice.ogg", ogg), Ok(FileKind::Ogg));
    assert_eq!(kind_of("file_7.oga", ogg), Ok(FileKind::Ogg));
    assert_eq!(kind_of("song.mp3", b"ID3\x04\0\0\0\0\0\x21"), Ok(FileKind::Mp3));
    assert_eq!(kind_of("memo.m4a", b"\0\0\0\x20ftypM4A \0\0\0\0"), Ok(FileKind::M4a));
    assert_eq!(kind_of("voice.amr", b"#!AMR\n\x3c\x48"), Ok(FileKind::Amr));
    let accepted = policy().check("voice", ogg).unwrap();
    assert_eq!((accepted.name.as_str(), accepted.content_type()), ("voice.ogg", "audio/ogg"));
    assert!(!accepted.inline());
    assert_eq!(kind_of("voice.ogg", b"#!/bin/sh\n"), Err(UploadRefusal::Dangerous), "a script named .ogg");
    assert_eq!(kind_of("voice.ogg", PDF), Err(UploadRefusal::Mismatch));
}
