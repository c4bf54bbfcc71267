//! The classification against the hand labelling of the 2021 listing must not fall below what
//! BENCHMARKS.md reports (`cargo run -p vuoro-import --example accuracy` prints the figures).

use vuoro_import::accuracy::{measure, parse_labels};
use vuoro_import::listing::parse;

#[test]
fn the_2021_listing_is_classified_as_labelled() {
    let labels = parse_labels(include_str!("../data/listing-2021-labels.csv")).expect("labels");
    let listing = parse(include_bytes!(
        "../../../catalogue/vertaisdialogi-kunnat-2021.txt"
    ))
    .expect("reads");
    let acc = measure(&listing, &labels);
    println!("{acc}");
    assert_eq!(labels.len(), 105);
    assert!(acc.unmatched.is_empty(), "{:?}", acc.unmatched);
    assert!(acc.main() >= 0.80, "{acc}");
    assert!(acc.any() >= 0.90, "{acc}");
    assert!(acc.method_precision() >= 0.90, "{acc}");
    assert!(acc.method_recall() >= 0.95, "{acc}");
}
