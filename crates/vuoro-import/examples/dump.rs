//! Prints what the importer read from a listing, one line per record, for reading it through.
//!
//! Usage: cargo run -p vuoro-import --example dump [-- FILE]   (default: the 2021 listing)

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let bytes = match std::env::args().nth(1) {
        Some(path) => std::fs::read(path)?,
        None => include_bytes!("../../../catalogue/vertaisdialogi-kunnat-2021.txt").to_vec(),
    };
    let listing = vuoro_import::listing::parse(&bytes)?;
    if let Some(t) = &listing.title {
        println!("title {}: {}", t.line, t.text);
    }
    for t in &listing.intro {
        println!("intro {}: {}", t.line, t.text);
    }
    for o in &listing.orgs {
        println!("\n== {} (line {}), trained {:?}", o.name, o.line, o.trained);
        for s in &o.sections {
            println!("  section {} {:?}: {}", s.line, s.kind, s.text);
        }
        for (i, a) in o.activities.iter().enumerate() {
            let x = &a.activity;
            println!(
                "  [{i}] line {} parent {:?} section {:?} {:?}: contexts {:?} method {:?} topics {:?} count {:?} ({:?}) period {:?} langs {:?} format {:?} unparsed {:?}\n       {}",
                a.line,
                a.parent,
                a.section,
                x.status,
                x.contexts,
                x.method,
                x.topics,
                x.count.map(|c| (c.amount, c.per)),
                x.count_text,
                x.period.map(|p| (p.from, p.to)),
                x.languages,
                x.format,
                a.unparsed,
                x.text
            );
        }
        for t in &o.unstructured {
            println!("  unstructured {}: {}", t.line, t.text);
        }
    }
    Ok(())
}
