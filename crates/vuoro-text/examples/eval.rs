//! Theme quality and speed on a labelled CSV (`text,label`): prints NMI against the labels and
//! the time `themes` took, as JSON on one line.
//!
//! `cargo run --release -p vuoro-text --example eval -- FILE [--k N] [--repeat R]
//! [--scale N] [--dump OUT.csv] [--seeds S]`: `--repeat` reports the best time of R runs,
//! `--scale` resamples and perturbs the notes up to N notes for speed runs (`--dump` writes them
//! out, for the baseline), `--seeds` prints the mean NMI over seeds 0..S instead. The other
//! flags set [`Options`] fields, for comparing settings. `scripts/theme-quality` runs it.

use std::time::Instant;

use vuoro_text::{Options, nmi, themes};

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut file = None;
    let mut opts = Options::default();
    let mut repeat = 1usize;
    let mut scale = 0usize;
    let mut seeds = 0u64;
    let mut dump = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut val = || it.next().cloned().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--k" => opts.k = Some(val()?.parse().map_err(|e| format!("--k: {e}"))?),
            "--repeat" => repeat = val()?.parse().map_err(|e| format!("--repeat: {e}"))?,
            "--scale" => scale = val()?.parse().map_err(|e| format!("--scale: {e}"))?,
            "--threads" => opts.threads = Some(val()?.parse().map_err(|e| format!("{e}"))?),
            "--no-compounds" => opts.compounds = false,
            "--part-weight" => opts.part_weight = val()?.parse().map_err(|e| format!("{e}"))?,
            "--prefix" => opts.prefix_len = val()?.parse().map_err(|e| format!("{e}"))?,
            "--prefix-weight" => opts.prefix_weight = val()?.parse().map_err(|e| format!("{e}"))?,
            "--kmeans" => opts.method = vuoro_text::Method::KMeans,
            "--consensus" => opts.method = vuoro_text::Method::Consensus,
            "--runs" => opts.runs = val()?.parse().map_err(|e| format!("{e}"))?,
            "--ngram" => opts.ngram = val()?.parse().map_err(|e| format!("{e}"))?,
            "--ngram-weight" => opts.ngram_weight = val()?.parse().map_err(|e| format!("{e}"))?,
            "--max-df" => opts.max_df = val()?.parse().map_err(|e| format!("{e}"))?,
            "--restarts" => opts.restarts = val()?.parse().map_err(|e| format!("{e}"))?,
            "--lemmas" => {
                // A list of base forms and parts (`vuoro_text::lemma::Table`), e.g. from Voikko.
                let path = val()?;
                let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
                opts.lemmatizer = Some(std::sync::Arc::new(vuoro_text::lemma::Table::parse(&text)));
            }
            "--dump" => dump = Some(val()?),
            "--seeds" => seeds = val()?.parse().map_err(|e| format!("{e}"))?,
            "--seed" => opts.seed = val()?.parse().map_err(|e| format!("{e}"))?,
            f => file = Some(f.to_owned()),
        }
    }
    let file = file.ok_or("usage: eval FILE [--k N]")?;
    let text = std::fs::read_to_string(&file).map_err(|e| format!("{file}: {e}"))?;
    let (mut notes, mut labels) = read_csv(&text)?;
    if scale > 0 {
        (notes, labels) = vuoro_text::sample::resample(&notes, &labels, scale, 42);
    }
    if let Some(path) = dump {
        // The notes as a `text,label` CSV, for running the baseline on the same resampled set.
        let mut out = String::from("text,label\n");
        for (n, l) in notes.iter().zip(&labels) {
            out.push_str(&format!("\"{}\",{l}\n", n.replace('"', "\"\"")));
        }
        std::fs::write(&path, out).map_err(|e| format!("{path}: {e}"))?;
    }
    let refs: Vec<&str> = notes.iter().map(|s| s.as_str()).collect();
    if seeds > 0 {
        // Mean NMI over several seeds, to compare settings without the luck of one seed.
        let mut sum = 0.0;
        for s in 0..seeds {
            opts.seed = s;
            let r = themes(&refs, &opts);
            let pred: Vec<usize> = r
                .assignment
                .iter()
                .map(|a| a.unwrap_or(usize::MAX))
                .collect();
            sum += nmi(&labels, &pred);
        }
        println!(
            "{{\"seeds\":{seeds},\"mean_nmi\":{:.4}}}",
            sum / seeds as f64
        );
        return Ok(());
    }
    let mut best = f64::INFINITY;
    let mut result = None;
    for _ in 0..repeat.max(1) {
        let start = Instant::now();
        let r = themes(&refs, &opts);
        best = best.min(start.elapsed().as_secs_f64());
        result = Some(r);
    }
    let r = result.ok_or("no run")?;
    // Unassigned notes count as one more group of their own.
    let pred: Vec<usize> = r
        .assignment
        .iter()
        .map(|a| a.unwrap_or(usize::MAX))
        .collect();
    let score = nmi(&labels, &pred);
    let unassigned = r.assignment.iter().filter(|a| a.is_none()).count();
    let hwm = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).map(str::to_owned))
        })
        .unwrap_or_default();
    if std::env::var_os("EVAL_SHOW").is_some() {
        for t in &r.themes {
            eprintln!("{:>4}  {}", t.size(), t.label_text());
            for i in &t.representative {
                eprintln!("        {} [{}]", notes[*i], labels[*i]);
            }
        }
    }
    println!(
        "{{\"notes\":{},\"themes\":{},\"unassigned\":{},\"nmi\":{:.4},\"seconds\":{:.4},\"peak_rss_kib\":{}}}",
        notes.len(),
        r.themes.len(),
        unassigned,
        score,
        best,
        if hwm.is_empty() { "null".into() } else { hwm }
    );
    Ok(())
}

/// Rows of a `text,label` CSV (quoted fields may hold commas and doubled quotes).
fn read_csv(text: &str) -> Result<(Vec<String>, Vec<String>), String> {
    let mut notes = Vec::new();
    let mut labels = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let (note, label) = if let Some(rest) = line.strip_prefix('"') {
            let end = rest
                .rfind("\",")
                .ok_or(format!("line {}: bad quoting", n + 1))?;
            (
                rest[..end].replace("\"\"", "\""),
                rest[end + 2..].to_owned(),
            )
        } else {
            let (a, b) = line
                .rsplit_once(',')
                .ok_or(format!("line {}: no label", n + 1))?;
            (a.to_owned(), b.to_owned())
        };
        notes.push(note);
        labels.push(label.trim().to_owned());
    }
    Ok((notes, labels))
}
