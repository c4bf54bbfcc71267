//! Prints each note's terms (for looking at what the analysis does with a file of notes).
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
        let terms: Vec<String> = c.notes[i]
            .iter()
            .map(|(t, x, _)| {
                let k = if w.kept[*t as usize] { "" } else { "✗" };
                format!(
                    "{}{}{}",
                    k,
                    c.terms[*t as usize],
                    if *x < 1.0 { "'" } else { "" }
                )
            })
            .collect();
        println!("{n}\n    {}", terms.join(" "));
    }
}
