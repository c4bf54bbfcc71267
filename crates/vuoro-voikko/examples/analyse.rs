//! Prints Voikko's analyses of the words given: `cargo run -p vuoro-voikko --example analyse -- WORD…`.
use vuoro_text::lemma::Lemmatizer;
fn main() {
    let Some(v) = vuoro_voikko::Voikko::load() else {
        eprintln!("libvoikko1 + voikko-fi are not installed");
        std::process::exit(1);
    };
    for w in std::env::args().skip(1) {
        for a in v.raw(&w) {
            println!("{w}: {a:?}");
        }
        println!("{w} → {:?}", v.lemma(&w));
    }
}
