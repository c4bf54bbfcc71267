//! Prints each note's terms, to see what the analysis makes of a file of notes:
//! `cargo run --release -p vuoro-text --example terms -- FILE.csv` (`text,label`). A ✗ marks a
//! term too rare or too common to count, a ' one weighted below a whole word (compound parts,
//! prefixes `~`, letter n-grams `#`).
fn main() {
    let Some(file) = std::env::args().nth(1) else {
        return;
    };
    let text = std::fs::read_to_string(file).unwrap_or_default();
    let notes: Vec<&str> = text
        .lines()
        .skip(1)
        .map(|l| l.rsplit_once(',').map(|x| x.0).unwrap_or(l))
        .collect();
    let opts = vuoro_text::Options::default();
    let c = vuoro_text::analysis::analyse(&notes, &opts);
    let order: Vec<usize> = (0..notes.len()).collect();
    let w = vuoro_text::vector::weigh(&c, &order, &opts);
    for (i, n) in notes.iter().enumerate() {
        let terms: Vec<String> = c
            .note_terms(i)
            .map(|(t, x, _)| {
                let k = if w.kept[t as usize] { "" } else { "✗" };
                format!(
                    "{}{}{}",
                    k,
                    c.terms[t as usize],
                    if x < 1.0 { "'" } else { "" }
                )
            })
            .collect();
        println!("{n}\n    {}", terms.join(" "));
    }
}
