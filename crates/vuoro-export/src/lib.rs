//! A summary document as Markdown, a Word document (.docx) and PDF.
//!
//! Pure: every function takes a [`Document`] and returns text or bytes in memory; nothing is
//! read from or written to the file system, and nothing is fetched. Every text in a document is
//! user content and is escaped for the format it goes into:
//!
//! - [`markdown`] backslash-escapes what would change the structure (`#`, `*`, `_`, `[`, `<`,
//!   backticks, a leading `-`, `+`, `=` or `1.`, …), so a text always stays the block it is.
//! - [`docx`] leaves XML escaping to `docx-rs` and removes the characters XML 1.0 cannot carry
//!   at all (most C0 controls), which would otherwise make the file unreadable.
//! - [`pdf`] hands the texts to Typst as *values* (`sys.inputs`), never as markup, so nothing
//!   in them is interpreted. The fonts (Noto Sans, Noto Sans Arabic) are compiled into the
//!   binary, so a PDF never depends on what the machine has installed.

mod docx;
mod markdown;
mod pdf;
mod text;

pub use docx::docx;
pub use markdown::markdown;
pub use pdf::pdf;

/// A summary to export.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    /// The language of the document: `"fi"`, `"sv"` or `"en"`. Used for hyphenation and the
    /// document's language tag; anything that is not a two- or three-letter code is ignored.
    pub lang: String,
    pub title: String,
    pub subtitle: Option<String>,
    /// Label and value lines under the title, e.g. `("Tilaaja", "Sivistystoimi")`.
    pub meta: Vec<(String, String)>,
    pub blocks: Vec<Block>,
}

/// One block of a summary, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading(String),
    /// A paragraph; a line break in the text is kept as a line break.
    Paragraph(String),
    Bullets(Vec<String>),
    /// A participant's words in their own language (`"fi"`, `"sv"`, `"en"`, `"ar"`, `"so"`).
    /// Arabic is set right to left.
    Quote {
        text: String,
        lang: String,
    },
    /// A small-print line such as "Lähteet: 5 muistiinpanoa".
    Sources(String),
}

/// Why a Word document or a PDF could not be made. Neither happens for any content a user can
/// type (a property test feeds arbitrary Unicode); these are failures of the libraries.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("could not write the Word document: {0}")]
    Docx(String),
    #[error("could not lay out the PDF: {0}")]
    Pdf(String),
}

/// Is this language written right to left?
fn is_rtl(lang: &str) -> bool {
    matches!(
        lang.trim().to_ascii_lowercase().as_str(),
        "ar" | "fa" | "he" | "ur" | "ps" | "ckb" | "yi"
    )
}
