//! Files attached to messages: which ones we accept and what type we store them as. The type is decided here from
//! both the file name's extension and the bytes, never from what the client claims, so that nothing we later serve
//! can turn into a web page or a program in someone's browser.

mod file_name;
mod sniff;

pub use file_name::{file_extension, sanitize_file_name};

use sniff::{sniff, svg_has_active_content, Sniffed};

/// How much may be attached to one message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AttachmentPolicy {
    /// The largest single file, in bytes.
    pub max_bytes: u64,
    /// The most files on one message.
    pub max_files: usize,
}

impl Default for AttachmentPolicy {
    fn default() -> Self {
        AttachmentPolicy { max_bytes: 10 * 1024 * 1024, max_files: 10 }
    }
}

/// The kinds of file we accept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Png,
    Jpeg,
    Gif,
    Webp,
    Pdf,
    Docx,
    Xlsx,
    Pptx,
    Odt,
    Ods,
    Odp,
    Zip,
    Text,
    Csv,
    Json,
    /// Served only as a download, never inline.
    Svg,
    /// Audio (voice notes from WhatsApp and Telegram), served as downloads.
    Ogg,
    Mp3,
    Aac,
    Amr,
    M4a,
}

impl FileKind {
    /// The media type we store and serve.
    pub fn content_type(self) -> &'static str {
        match self {
            FileKind::Png => "image/png",
            FileKind::Jpeg => "image/jpeg",
            FileKind::Gif => "image/gif",
            FileKind::Webp => "image/webp",
            FileKind::Pdf => "application/pdf",
            FileKind::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            FileKind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileKind::Pptx => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            FileKind::Odt => "application/vnd.oasis.opendocument.text",
            FileKind::Ods => "application/vnd.oasis.opendocument.spreadsheet",
            FileKind::Odp => "application/vnd.oasis.opendocument.presentation",
            FileKind::Zip => "application/zip",
            FileKind::Text => "text/plain; charset=utf-8",
            FileKind::Csv => "text/csv; charset=utf-8",
            FileKind::Json => "application/json",
            FileKind::Svg => "image/svg+xml",
            FileKind::Ogg => "audio/ogg",
            FileKind::Mp3 => "audio/mpeg",
            FileKind::Aac => "audio/aac",
            FileKind::Amr => "audio/amr",
            FileKind::M4a => "audio/mp4",
        }
    }

    /// Raster images are the only files a browser may show in place; everything else is downloaded.
    pub fn is_raster_image(self) -> bool {
        matches!(self, FileKind::Png | FileKind::Jpeg | FileKind::Gif | FileKind::Webp)
    }

    /// Whether a stored media type may be shown inline (the rule above, for types read back from the store).
    pub fn is_inline_content_type(content_type: &str) -> bool {
        matches!(content_type, "image/png" | "image/jpeg" | "image/gif" | "image/webp")
    }

    fn from_extension(extension: &str) -> Option<FileKind> {
        Some(match extension {
            "png" => FileKind::Png,
            "jpg" | "jpeg" | "jpe" | "jfif" => FileKind::Jpeg,
            "gif" => FileKind::Gif,
            "webp" => FileKind::Webp,
            "pdf" => FileKind::Pdf,
            "docx" => FileKind::Docx,
            "xlsx" => FileKind::Xlsx,
            "pptx" => FileKind::Pptx,
            "odt" => FileKind::Odt,
            "ods" => FileKind::Ods,
            "odp" => FileKind::Odp,
            "zip" => FileKind::Zip,
            "txt" | "text" | "log" | "md" => FileKind::Text,
            "csv" => FileKind::Csv,
            "json" => FileKind::Json,
            "svg" => FileKind::Svg,
            "ogg" | "oga" | "opus" => FileKind::Ogg,
            "mp3" => FileKind::Mp3,
            "aac" => FileKind::Aac,
            "amr" => FileKind::Amr,
            "m4a" => FileKind::M4a,
            _ => return None,
        })
    }

    fn extension(self) -> &'static str {
        match self {
            FileKind::Png => "png",
            FileKind::Jpeg => "jpg",
            FileKind::Gif => "gif",
            FileKind::Webp => "webp",
            FileKind::Pdf => "pdf",
            FileKind::Docx => "docx",
            FileKind::Xlsx => "xlsx",
            FileKind::Pptx => "pptx",
            FileKind::Odt => "odt",
            FileKind::Ods => "ods",
            FileKind::Odp => "odp",
            FileKind::Zip => "zip",
            FileKind::Text => "txt",
            FileKind::Csv => "csv",
            FileKind::Json => "json",
            FileKind::Svg => "svg",
            FileKind::Ogg => "ogg",
            FileKind::Mp3 => "mp3",
            FileKind::Aac => "aac",
            FileKind::Amr => "amr",
            FileKind::M4a => "m4a",
        }
    }
}

/// Names a browser or an operating system would open as a page, a program or a script.
const FORBIDDEN_EXTENSIONS: &[&str] = &[
    "html", "htm", "xhtml", "xht", "shtml", "mht", "mhtml", "hta", "exe", "dll", "bat", "cmd", "com", "msi", "scr",
    "sh", "bash", "ps1", "psm1", "vbs", "vbe", "wsf", "js", "mjs", "jse", "jar", "app", "apk", "dmg", "pkg", "deb",
    "rpm", "php", "pl", "py", "rb", "lnk", "reg", "cpl", "xml", "xsl", "xslt",
];

/// A file we accept: its cleaned name and the kind decided from name and content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AcceptedFile {
    pub name: String,
    pub kind: FileKind,
}

impl AcceptedFile {
    pub fn content_type(&self) -> &'static str {
        self.kind.content_type()
    }

    pub fn inline(&self) -> bool {
        self.kind.is_raster_image()
    }
}

/// Why a file was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UploadRefusal {
    /// Zero bytes (422).
    Empty,
    /// More files than the policy allows on one message (422).
    TooManyFiles { max_files: usize },
    /// Over the size limit (413).
    TooLarge { max_bytes: u64 },
    /// A web page, program or script, by name or by content, or an SVG that can run code (415).
    Dangerous,
    /// The content is not what the name says (415).
    Mismatch,
    /// A kind of file we do not accept (415).
    Unsupported,
}

impl UploadRefusal {
    /// A stable snake_case code for clients and translations.
    pub fn code(&self) -> &'static str {
        match self {
            UploadRefusal::Empty => "empty_file",
            UploadRefusal::TooManyFiles { .. } => "too_many_files",
            UploadRefusal::TooLarge { .. } => "file_too_large",
            UploadRefusal::Dangerous => "dangerous_file",
            UploadRefusal::Mismatch => "file_type_mismatch",
            UploadRefusal::Unsupported => "unsupported_file_type",
        }
    }

    /// A sentence for people, naming the file (already cleaned) when there is one.
    pub fn message(&self, name: &str) -> String {
        match self {
            UploadRefusal::Empty => format!("{name} is empty."),
            UploadRefusal::TooManyFiles { max_files } => format!("Attach at most {max_files} files to one message."),
            UploadRefusal::TooLarge { max_bytes } => {
                format!("{name} is larger than {}.", human_size(*max_bytes))
            }
            UploadRefusal::Dangerous => {
                format!("{name} looks like a web page, program or script; such files cannot be attached.")
            }
            UploadRefusal::Mismatch => format!("The content of {name} does not match its file type."),
            UploadRefusal::Unsupported => format!(
                "{name} is not a type we accept. Attach images (PNG, JPEG, GIF, WebP, SVG), PDF, Office or \
                 OpenDocument files, ZIP archives, or text (TXT, CSV, JSON)."
            ),
        }
    }
}

impl AttachmentPolicy {
    /// Whether `count` files may go on one message.
    pub fn check_count(&self, count: usize) -> Result<(), UploadRefusal> {
        if count > self.max_files {
            Err(UploadRefusal::TooManyFiles { max_files: self.max_files })
        } else {
            Ok(())
        }
    }

    /// Decides whether a file may be attached and as what. `name` is what the client sent; the result carries the
    /// cleaned name.
    pub fn check(&self, name: &str, bytes: &[u8]) -> Result<AcceptedFile, UploadRefusal> {
        let name = sanitize_file_name(name);
        if bytes.is_empty() {
            return Err(UploadRefusal::Empty);
        }
        if bytes.len() as u64 > self.max_bytes {
            return Err(UploadRefusal::TooLarge { max_bytes: self.max_bytes });
        }
        let extension = file_extension(&name);
        if extension.as_deref().is_some_and(|ext| FORBIDDEN_EXTENSIONS.contains(&ext)) {
            return Err(UploadRefusal::Dangerous);
        }
        let sniffed = sniff(bytes);
        if matches!(sniffed, Sniffed::Executable | Sniffed::Html) {
            return Err(UploadRefusal::Dangerous);
        }
        let kind = match extension.as_deref() {
            Some(extension) => match FileKind::from_extension(extension) {
                Some(claimed) => content_agrees(claimed, sniffed, bytes)?,
                None => return Err(UploadRefusal::Unsupported),
            },
            None => return kind_without_extension(sniffed).map(|kind| with_extension(name, kind)),
        };
        Ok(AcceptedFile { name, kind })
    }
}

/// The kind to store when the name says `claimed` and the content sniffed as `sniffed`.
fn content_agrees(claimed: FileKind, sniffed: Sniffed<'_>, bytes: &[u8]) -> Result<FileKind, UploadRefusal> {
    let zip_holding = |marker: &[u8]| matches!(sniffed, Sniffed::Zip) && contains(bytes, marker);
    let agrees = match claimed {
        // A photo saved as .png that is really a JPEG is still a harmless image: the content decides which one.
        FileKind::Png | FileKind::Jpeg | FileKind::Gif | FileKind::Webp => {
            return raster_kind(sniffed).ok_or(UploadRefusal::Mismatch);
        }
        FileKind::Pdf => matches!(sniffed, Sniffed::Pdf),
        FileKind::Docx | FileKind::Xlsx | FileKind::Pptx => zip_holding(b"[Content_Types].xml"),
        FileKind::Odt | FileKind::Ods | FileKind::Odp => zip_holding(b"application/vnd.oasis.opendocument."),
        FileKind::Zip => matches!(sniffed, Sniffed::Zip),
        FileKind::Text | FileKind::Csv => matches!(sniffed, Sniffed::Text(_)),
        FileKind::Json => {
            matches!(sniffed, Sniffed::Text(text) if serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok())
        }
        FileKind::Ogg => matches!(sniffed, Sniffed::Ogg),
        FileKind::Mp3 => matches!(sniffed, Sniffed::Mp3),
        FileKind::Aac => matches!(sniffed, Sniffed::Aac),
        FileKind::Amr => matches!(sniffed, Sniffed::Amr),
        FileKind::M4a => matches!(sniffed, Sniffed::IsoMedia),
        FileKind::Svg => match sniffed {
            Sniffed::Text(text) if svg_has_active_content(text) => return Err(UploadRefusal::Dangerous),
            Sniffed::Text(text) => text.to_ascii_lowercase().contains("<svg"),
            _ => false,
        },
    };
    if agrees {
        Ok(claimed)
    } else {
        Err(UploadRefusal::Mismatch)
    }
}

/// A file without an extension (a pasted screenshot, say) is accepted when its content is unmistakable.
fn kind_without_extension(sniffed: Sniffed<'_>) -> Result<FileKind, UploadRefusal> {
    match sniffed {
        Sniffed::Pdf => Ok(FileKind::Pdf),
        Sniffed::Ogg => Ok(FileKind::Ogg),
        Sniffed::Mp3 => Ok(FileKind::Mp3),
        Sniffed::Amr => Ok(FileKind::Amr),
        other => raster_kind(other).ok_or(UploadRefusal::Unsupported),
    }
}

fn raster_kind(sniffed: Sniffed<'_>) -> Option<FileKind> {
    match sniffed {
        Sniffed::Png => Some(FileKind::Png),
        Sniffed::Jpeg => Some(FileKind::Jpeg),
        Sniffed::Gif => Some(FileKind::Gif),
        Sniffed::Webp => Some(FileKind::Webp),
        _ => None,
    }
}

fn with_extension(name: String, kind: FileKind) -> AcceptedFile {
    let name = sanitize_file_name(&format!("{name}.{}", kind.extension()));
    AcceptedFile { name, kind }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}

fn human_size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= 1024 {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests;
