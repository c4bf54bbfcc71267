//! How well the number of themes is chosen ([`vuoro_text::choose`]): on a 15-note session with
//! three topics, on the labelled sets, and on subsets of them with 2 to 8 themes of 5, 10 or
//! 20 notes each, prints the chosen k against the true number for several strengths of the
//! prior towards `default_k`, and the mean NMI of the themes at that k.
//!
//! `cargo run --release -p vuoro-text --example choosek -- data/themes-fi.csv
//! data/themes-fi-holdout.csv`

use vuoro_text::cluster::Rows;
use vuoro_text::rng::Rng;
use vuoro_text::{Options, analysis, choose, consensus, default_k, nmi, vector};

type Case = (String, Vec<String>, Vec<String>);

fn read(path: &str) -> Result<(Vec<String>, Vec<String>), String> {
    Ok(std::fs::read_to_string(path)
        .map_err(|e| format!("{path}: {e}"))?
        .lines()
        .skip(1)
        .filter_map(|l| l.rsplit_once(','))
        .map(|(n, l)| (n.trim_matches('"').to_owned(), l.to_owned()))
        .unzip())
}

/// The note vectors as `themes` makes them, and the input index of each row.
fn rows_of(notes: &[&str], opts: &Options) -> (Rows, Vec<usize>) {
    let corpus = analysis::analyse(notes, opts);
    let mut order: Vec<usize> = (0..notes.len()).collect();
    order.sort_by(|a, b| notes[*a].cmp(notes[*b]));
    let mut w = vector::weigh(&corpus, &order, opts);
    let used = (0..order.len())
        .filter(|p| !w.notes[*p].is_empty())
        .map(|p| order[p])
        .collect();
    (vector::rows(&mut w), used)
}

fn shuffle<T>(v: &mut [T], rng: &mut Rng) {
    for i in (1..v.len()).rev() {
        v.swap(i, rng.below(i + 1));
    }
}

const FIFTEEN: [(&str, &str); 15] = [
    ("parkkipaikkoja on liian vähän aamulla", "p"),
    ("parkkihalli on aina täynnä kun tulen töihin", "p"),
    ("autolle ei löydy paikkaa pihalta", "p"),
    ("pysäköinti pitäis järjestää paremmin", "p"),
    ("parkkipaikka maksaa liikaa", "p"),
    ("kahvikone on taas rikki", "c"),
    ("kahvinkeitin ei toimi ja kahvi loppu", "c"),
    ("uus kahvikone tauolle kiitos", "c"),
    ("kahvi on pahaa, kone pitäis puhdistaa", "c"),
    ("kahvikoneen huolto unohtuu aina", "c"),
    ("vuorolistat tulee liian myöhään", "s"),
    ("työvuorolista pitäis saada kuukautta ennen", "s"),
    ("vuorojen vaihtaminen on hankalaa", "s"),
    ("vuorolistassa virheitä joka kerta", "s"),
    ("yövuorot jakautuu epätasaisesti listassa", "s"),
];

fn main() -> Result<(), String> {
    let opts = Options::default();
    let mut cases: Vec<Case> = vec![(
        "fifteen".into(),
        FIFTEEN.iter().map(|x| x.0.to_owned()).collect(),
        FIFTEEN.iter().map(|x| x.1.to_owned()).collect(),
    )];
    let mut rng = Rng::new(5);
    for f in std::env::args().skip(1) {
        let (n, l) = read(&f)?;
        let name = f.rsplit('/').next().unwrap_or(&f).to_owned();
        cases.push((name.clone(), n.clone(), l.clone()));
        let mut labs = l.clone();
        labs.sort();
        labs.dedup();
        for t in [2usize, 3, 4, 5, 6, 8] {
            for per in [5usize, 10, 20] {
                for rep in 0..3 {
                    let mut ls = labs.clone();
                    shuffle(&mut ls, &mut rng);
                    ls.truncate(t);
                    let (mut nn, mut ll) = (Vec::new(), Vec::new());
                    for lab in &ls {
                        let mut idx: Vec<usize> = (0..n.len()).filter(|i| &l[*i] == lab).collect();
                        shuffle(&mut idx, &mut rng);
                        for i in idx.into_iter().take(per) {
                            nn.push(n[i].clone());
                            ll.push(l[i].clone());
                        }
                    }
                    cases.push((format!("{name}:{t}x{per}#{rep}"), nn, ll));
                }
            }
        }
    }
    let priors = [0.0, 0.05, 0.1, 0.15, 0.2, 1.0];
    // Per prior: exact hits, sum of |ln(chosen / true)|, sum of NMI at the chosen k.
    let mut stats = vec![(0usize, 0.0f64, 0.0f64); priors.len()];
    for (name, notes, labels) in &cases {
        let refs: Vec<&str> = notes.iter().map(String::as_str).collect();
        let (rows, used) = rows_of(&refs, &opts);
        let lab: Vec<&String> = used.iter().map(|i| &labels[*i]).collect();
        let mut truth = lab.clone();
        truth.sort();
        truth.dedup();
        let t = truth.len();
        let scored = choose::scores(&rows, opts.seed, 2);
        let mut line = format!("{name} n={} t={t}:", rows.len());
        for (p, prior) in priors.iter().enumerate() {
            let k = choose::pick(&scored, default_k(rows.len()), *prior);
            let c = consensus::cluster(&rows, k, opts.seed, opts.runs, opts.restarts, 2);
            let q = nmi(&lab, &c.assign);
            line += &format!(" {k}({q:.2})");
            stats[p].0 += usize::from(k == t);
            stats[p].1 += (k as f64 / t as f64).ln().abs();
            stats[p].2 += q;
        }
        println!("{line}");
    }
    let m = cases.len() as f64;
    for (prior, s) in priors.iter().zip(&stats) {
        println!(
            "prior {prior}: exact {} of {}, mean |ln(k/t)| {:.3}, mean NMI {:.3}",
            s.0,
            cases.len(),
            s.1 / m,
            s.2 / m
        );
    }
    Ok(())
}
