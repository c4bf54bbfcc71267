//! Writes the test sample (or the ten-page document) as `summary.md`, `.docx` and `.pdf` into
//! a folder, to look at: `cargo run -p vuoro-export --example sample -- /tmp/out [ten]`.

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or("usage: sample DIR [ten]")?);
    let doc = match args.next().as_deref() {
        Some("ten") => common::ten_pages(),
        _ => common::sample(),
    };
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("summary.md"), vuoro_export::markdown(&doc))?;
    std::fs::write(dir.join("summary.docx"), vuoro_export::docx(&doc)?)?;
    std::fs::write(dir.join("summary.pdf"), vuoro_export::pdf(&doc)?)?;
    println!(
        "wrote summary.md, summary.docx and summary.pdf to {}",
        dir.display()
    );
    Ok(())
}
