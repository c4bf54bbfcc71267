//! The importer's classification measured against a hand labelling of a listing
//! (`data/listing-2021-labels.csv`: line, expected contexts main first, expected method, text).

use std::collections::BTreeMap;
use std::fmt;

use crate::listing::Listing;

/// What a person said a record is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub line: usize,
    pub contexts: Vec<String>,
    pub method: Option<String>,
}

/// Reads the labels file: a header, then `line,contexts,method,text` where contexts are
/// separated by spaces and the text (last, possibly quoted) is only for the reader.
pub fn parse_labels(csv: &str) -> Result<Vec<Label>, String> {
    let mut out = Vec::new();
    for (i, row) in csv.lines().enumerate().skip(1) {
        if row.trim().is_empty() {
            continue;
        }
        let mut f = row.splitn(4, ',');
        let (Some(line), Some(contexts), Some(method)) = (f.next(), f.next(), f.next()) else {
            return Err(format!("row {}: fewer than three fields", i + 1));
        };
        let line = line
            .trim()
            .parse()
            .map_err(|_| format!("row {}: the line {line:?} is not a number", i + 1))?;
        out.push(Label {
            line,
            contexts: contexts.split_whitespace().map(str::to_owned).collect(),
            method: Some(method.trim())
                .filter(|m| !m.is_empty())
                .map(str::to_owned),
        });
    }
    Ok(out)
}

/// The figures of one run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Accuracy {
    /// Records labelled with a context.
    pub with_context: usize,
    /// Of those, the importer's main context is the labelled main one.
    pub main_correct: usize,
    /// Of those, the importer's contexts share at least one with the labelled ones.
    pub overlap: usize,
    /// Records labelled with no context, and of those the ones the importer left without.
    pub without_context: usize,
    pub abstained: usize,
    /// Methods: found and right, found (any), labelled.
    pub method_correct: usize,
    pub method_found: usize,
    pub method_labelled: usize,
    /// Labels whose line is no activity of the listing.
    pub unmatched: Vec<usize>,
    /// Lines where the main context or the method differs: (line, expected, got).
    pub errors: Vec<(usize, String, String)>,
}

impl Accuracy {
    pub fn main(&self) -> f64 {
        ratio(self.main_correct, self.with_context)
    }
    pub fn any(&self) -> f64 {
        ratio(self.overlap, self.with_context)
    }
    pub fn method_precision(&self) -> f64 {
        ratio(self.method_correct, self.method_found)
    }
    pub fn method_recall(&self) -> f64 {
        ratio(self.method_correct, self.method_labelled)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Compares the listing's activities with the labels.
pub fn measure(listing: &Listing, labels: &[Label]) -> Accuracy {
    let by_line: BTreeMap<usize, _> = listing
        .activities()
        .map(|(_, a)| (a.line, &a.activity))
        .collect();
    let mut acc = Accuracy::default();
    for l in labels {
        let Some(a) = by_line.get(&l.line) else {
            acc.unmatched.push(l.line);
            continue;
        };
        if l.contexts.is_empty() {
            acc.without_context += 1;
            acc.abstained += usize::from(a.contexts.is_empty());
        } else {
            acc.with_context += 1;
            let main = a.contexts.first() == l.contexts.first();
            acc.main_correct += usize::from(main);
            acc.overlap += usize::from(a.contexts.iter().any(|c| l.contexts.contains(c)));
            if !main {
                acc.errors.push((
                    l.line,
                    format!("contexts {}", l.contexts.join(" ")),
                    a.contexts.join(" "),
                ));
            }
        }
        acc.method_labelled += usize::from(l.method.is_some());
        acc.method_found += usize::from(a.method.is_some());
        acc.method_correct += usize::from(a.method.is_some() && a.method == l.method);
        if a.method != l.method {
            acc.errors.push((
                l.line,
                format!("method {}", l.method.as_deref().unwrap_or("-")),
                a.method.clone().unwrap_or_else(|| "-".into()),
            ));
        }
    }
    acc
}

impl fmt::Display for Accuracy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "main context {}/{} ({:.0} %), any context {}/{} ({:.0} %), no context {}/{} left without; method precision {}/{} ({:.0} %), recall {}/{} ({:.0} %)",
            self.main_correct,
            self.with_context,
            100.0 * self.main(),
            self.overlap,
            self.with_context,
            100.0 * self.any(),
            self.abstained,
            self.without_context,
            self.method_correct,
            self.method_found,
            100.0 * self.method_precision(),
            self.method_correct,
            self.method_labelled,
            100.0 * self.method_recall(),
        )
    }
}
