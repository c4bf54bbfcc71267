//! Measures the listing importer's classification against the hand labelling of the 2021
//! listing (`data/listing-2021-labels.csv`), for each choice the importer could make, and prints
//! the figures for BENCHMARKS.md. With `--errors`, also every record where the main context or
//! the method is not the labelled one.
//!
//! Usage: cargo run -p vuoro-import --example accuracy [-- --errors]

use vuoro_core::catalogue::Vocabulary;
use vuoro_import::accuracy::{measure, parse_labels};
use vuoro_import::classify::{Matching, Ranking};
use vuoro_import::listing::{Options, parse_with};

const LISTING: &[u8] = include_bytes!("../../../catalogue/vertaisdialogi-kunnat-2021.txt");
const LABELS: &str = include_str!("../data/listing-2021-labels.csv");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let errors = std::env::args().any(|a| a == "--errors");
    let labels = parse_labels(LABELS)?;
    let vocab = Vocabulary::builtin();
    let default = Options::default();
    let variants = [
        (
            "default: inside compounds, named first, from children",
            default,
        ),
        (
            "word beginnings only, named first",
            Options {
                matching: Matching::WordStart,
                ..default
            },
        ),
        (
            "inside compounds, most matches first",
            Options {
                ranking: Ranking::Hits,
                ..default
            },
        ),
        (
            "word beginnings only, most matches first",
            Options {
                matching: Matching::WordStart,
                ranking: Ranking::Hits,
                ..default
            },
        ),
        (
            "no inheritance from the parent bullet",
            Options {
                inherit: false,
                inherit_method: false,
                ..default
            },
        ),
        (
            "no method from the parent bullet",
            Options {
                inherit_method: false,
                ..default
            },
        ),
        (
            "a silent bullet does not take its children's context",
            Options {
                from_children: false,
                ..default
            },
        ),
    ];
    println!("{} labelled records", labels.len());
    for (name, opts) in variants {
        let listing = parse_with(LISTING, vocab, opts)?;
        let acc = measure(&listing, &labels);
        println!("{name}: {acc}");
        if !acc.unmatched.is_empty() {
            println!("  labels without an activity: {:?}", acc.unmatched);
        }
        if errors && opts == default {
            for (line, want, got) in &acc.errors {
                println!("  line {line}: {want}, got {got}");
            }
        }
    }
    Ok(())
}
