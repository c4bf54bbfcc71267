//! The cross-organisation peer listing (`catalogue/vertaisdialogi-kunnat-2021.txt`), read into
//! organisations and activity records.
//!
//! The format is what people write by hand: a title and a few paragraphs, then per
//! organisation a heading line followed by bullets (" • "), sub-bullets indented deeper, and
//! sections inside an organisation ("Tulossa": planned, "Muuta": other). Counts are prose.
//!
//! Reading is lenient, never lossy: every non-empty line ends up in exactly one place (the
//! title, the intro, an organisation's name, a section heading, an activity's source or an
//! organisation's unstructured lines), which [`Listing::kept_lines`] lists and the tests check.
//! An organisation heading is a short line without closing punctuation whose next non-empty line
//! is a bullet; a prose line that is not one stays with the organisation above it as text.

use serde::{Deserialize, Serialize};
use vuoro_core::catalogue::{Activity, ActivityStatus, Count, Missing, Period, Vocabulary};

use crate::classify::{Classifier, Matching, Ranking};
use crate::prose;

/// The largest listing read: the 2021 listing is 14 KiB, so anything near this is not one.
pub const MAX_BYTES: usize = 1024 * 1024;

/// Why a document could not be read as a listing. Nothing is read in part: the caller still
/// has the whole file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ListingError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is not text (it is not UTF-8, or holds NUL bytes or control characters)")]
    NotText,
    #[error("the file is {bytes} bytes; a listing may be at most {max} bytes")]
    TooLarge { bytes: usize, max: usize },
    #[error(
        "no organisations found: a listing needs organisation headings (a short line of its own) each followed by bullet lines (\u{2022}, - or *)"
    )]
    NoOrganisations,
}

impl ListingError {
    /// A stable code, for messages in the interface's language.
    pub fn code(&self) -> &'static str {
        match self {
            ListingError::Empty => "empty",
            ListingError::NotText => "not_text",
            ListingError::TooLarge { .. } => "too_large",
            ListingError::NoOrganisations => "no_organisations",
        }
    }
}

/// A line kept as text, with its number (1-based) in the document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextLine {
    pub line: usize,
    pub text: String,
}

/// A listing read into organisations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Listing {
    pub title: Option<TextLine>,
    /// The paragraphs before the first organisation.
    pub intro: Vec<TextLine>,
    pub orgs: Vec<ListedOrg>,
    /// The number of lines in the document, empty ones included.
    pub lines: usize,
}

/// One organisation of the listing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListedOrg {
    pub name: String,
    pub line: usize,
    /// Headings inside the organisation ("Tulossa", "Muuta").
    pub sections: Vec<Section>,
    pub activities: Vec<ImportedActivity>,
    /// Every line under the organisation that is not a bullet or a section heading.
    pub unstructured: Vec<TextLine>,
    /// Trained facilitators, when the listing says ("Koulutettuja on noin 100").
    pub trained: Option<Count>,
}

/// A heading inside an organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub line: usize,
    pub text: String,
    pub kind: SectionKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    /// "Tulossa", "Suunnitteilla": everything under it is planned.
    Planned,
    /// "Muuta": other activity.
    Other,
}

/// A bullet read into an activity record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportedActivity {
    pub activity: Activity,
    pub line: usize,
    /// The line as written, indentation and bullet included.
    pub source: String,
    /// The index (in the organisation's `activities`) of the bullet this one is under.
    pub parent: Option<usize>,
    /// The index (in the organisation's `sections`) of the section it is under.
    pub section: Option<usize>,
    /// What the importer could not find in the text or its parent's: for a coordinator to fill
    /// in.
    pub unparsed: Vec<Missing>,
}

/// Choices of the importer, measured against a hand labelling (`examples/accuracy.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    pub matching: Matching,
    pub ranking: Ranking,
    /// A sub-bullet that names no context (or format) takes its parent's, and is planned when
    /// its parent is.
    pub inherit: bool,
    /// A sub-bullet that names no method takes its parent's: the topics under "Työyhteisöjen
    /// dialogiset työpajat" are workshops too.
    pub inherit_method: bool,
    /// A bullet that names no context takes the one most of its sub-bullets name.
    pub from_children: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            matching: Matching::Compound,
            ranking: Ranking::FirstMention,
            inherit: true,
            inherit_method: true,
            from_children: true,
        }
    }
}

/// Reads a listing with the built-in vocabulary and the default options.
pub fn parse(bytes: &[u8]) -> Result<Listing, ListingError> {
    parse_with(bytes, Vocabulary::builtin(), Options::default())
}

fn line_text(t: &TextLine) -> (usize, &str) {
    (t.line, t.text.as_str())
}

impl Listing {
    /// Every kept line with its number, in document order: what the document's non-empty
    /// lines must be, one for one.
    pub fn kept_lines(&self) -> Vec<(usize, &str)> {
        let mut out: Vec<(usize, &str)> = Vec::new();
        out.extend(self.title.iter().map(line_text));
        out.extend(self.intro.iter().map(line_text));
        for o in &self.orgs {
            out.push((o.line, o.name.as_str()));
            out.extend(o.sections.iter().map(|s| (s.line, s.text.as_str())));
            out.extend(o.activities.iter().map(|a| (a.line, a.source.trim())));
            out.extend(o.unstructured.iter().map(line_text));
        }
        out.sort_by_key(|(l, _)| *l);
        out
    }

    /// Every activity with its organisation, in document order.
    pub fn activities(&self) -> impl Iterator<Item = (&ListedOrg, &ImportedActivity)> {
        self.orgs
            .iter()
            .flat_map(|o| o.activities.iter().map(move |a| (o, a)))
    }
}

/// Checks the bytes are text and returns it without a byte-order mark.
fn decode(bytes: &[u8]) -> Result<&str, ListingError> {
    if bytes.len() > MAX_BYTES {
        return Err(ListingError::TooLarge {
            bytes: bytes.len(),
            max: MAX_BYTES,
        });
    }
    if bytes.contains(&0) {
        return Err(ListingError::NotText);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ListingError::NotText)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ListingError::Empty);
    }
    // Control characters other than line breaks, tabs and form feeds never come from a word
    // processor; a text of many of them is binary that happens to be valid UTF-8.
    let (mut all, mut control) = (0usize, 0usize);
    for c in text.chars() {
        all += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
            control += 1;
        }
    }
    if control * 10 > all {
        return Err(ListingError::NotText);
    }
    Ok(text)
}

/// Splits at "\r\n", "\n" or a lone "\r", so a file from any system has the same lines.
fn split_lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\n' || c == '\r' {
            out.push(text.get(start..i).unwrap_or_default());
            if c == '\r' && chars.peek().is_some_and(|(_, n)| *n == '\n') {
                chars.next();
                start = i + 2;
            } else {
                start = i + 1;
            }
        }
    }
    if start < text.len() {
        out.push(text.get(start..).unwrap_or_default());
    }
    out
}

#[derive(Clone, Copy, Debug)]
enum Kind<'a> {
    Blank,
    /// A bullet, its indentation (tabs count four) and its text after the bullet.
    Bullet {
        indent: usize,
        body: &'a str,
    },
    Text(&'a str),
}

const BULLETS: &[char] = &[
    '•', '·', '◦', '▪', '▫', '‣', '●', '○', '■', '□', '-', '–', '*', '+',
];

fn kind(line: &str) -> Kind<'_> {
    let t = line.trim();
    if t.is_empty() {
        return Kind::Blank;
    }
    let mut indent = 0;
    for c in line.chars().take_while(|c| c.is_whitespace()) {
        indent += if c == '\t' { 4 } else { 1 };
    }
    let mut chars = t.chars();
    if let (Some(b), Some(space)) = (chars.next(), chars.next())
        && BULLETS.contains(&b)
        && space.is_whitespace()
    {
        let body = chars.as_str().trim();
        if !body.is_empty() {
            return Kind::Bullet { indent, body };
        }
    }
    Kind::Text(t)
}

/// A section heading inside an organisation: "Tulossa", "Muuta:".
fn section(text: &str) -> Option<SectionKind> {
    const PLANNED: &[&str] = &[
        "tulossa",
        "suunnitteilla",
        "suunnitelmissa",
        "tulevaa",
        "tulevat",
        "kommande",
        "planerat",
        "planned",
        "upcoming",
        "coming",
    ];
    const OTHER: &[&str] = &["muuta", "muut", "muuta toimintaa", "övrigt", "other"];
    let t = text.trim().trim_end_matches(':').trim().to_lowercase();
    if PLANNED.contains(&t.as_str()) {
        Some(SectionKind::Planned)
    } else if OTHER.contains(&t.as_str()) {
        Some(SectionKind::Other)
    } else {
        None
    }
}

/// Whether a prose line can name an organisation: short, no closing punctuation, not a
/// section heading. (That bullets follow is checked by the caller.)
fn heading_like(text: &str) -> bool {
    text.chars().count() <= 80
        && text.split_whitespace().count() <= 8
        && !text.ends_with(['.', ':', ';', ',', '!', '?', '('])
        && !text.starts_with(['(', '"', '“', '”'])
        && text.chars().any(char::is_alphabetic)
        && section(text).is_none()
}

/// Reads a listing.
pub fn parse_with(
    bytes: &[u8],
    vocab: &Vocabulary,
    opts: Options,
) -> Result<Listing, ListingError> {
    let text = decode(bytes)?;
    let lines = split_lines(text);
    let kinds: Vec<Kind> = lines.iter().map(|l| kind(l)).collect();

    // Whether the next non-empty line after each line is a bullet, from the end backwards.
    let mut bullet_next = vec![false; kinds.len()];
    let mut next_is_bullet = false;
    for (i, k) in kinds.iter().enumerate().rev() {
        bullet_next[i] = next_is_bullet;
        match k {
            Kind::Blank => {}
            Kind::Bullet { .. } => next_is_bullet = true,
            Kind::Text(_) => next_is_bullet = false,
        }
    }

    let classifier = Classifier::new(vocab, opts.matching, opts.ranking);
    let mut listing = Listing {
        title: None,
        intro: Vec::new(),
        orgs: Vec::new(),
        lines: lines.len(),
    };
    // The bullets of the organisation being read: (indentation, activity index) of the open
    // parents, deepest last.
    let mut parents: Vec<(usize, usize)> = Vec::new();
    for (i, (k, raw)) in kinds.iter().zip(&lines).enumerate() {
        let no = i + 1;
        let tl = |t: &str| TextLine {
            line: no,
            text: t.to_owned(),
        };
        match *k {
            Kind::Blank => {}
            Kind::Text(t) if bullet_next[i] && heading_like(t) => {
                listing.orgs.push(ListedOrg {
                    name: t.to_owned(),
                    line: no,
                    sections: Vec::new(),
                    activities: Vec::new(),
                    unstructured: Vec::new(),
                    trained: None,
                });
                parents.clear();
            }
            Kind::Text(t) => match listing.orgs.last_mut() {
                None if listing.title.is_none()
                    && listing.intro.is_empty()
                    && t.chars().count() <= 150 =>
                {
                    listing.title = Some(tl(t));
                }
                None => listing.intro.push(tl(t)),
                Some(org) => match section(t) {
                    Some(kind) => {
                        org.sections.push(Section {
                            line: no,
                            text: t.to_owned(),
                            kind,
                        });
                        // Bullets under a new heading are not under the bullets above it.
                        parents.clear();
                    }
                    None => org.unstructured.push(tl(t)),
                },
            },
            Kind::Bullet { indent, body } => match listing.orgs.last_mut() {
                None => listing.intro.push(tl(raw.trim())),
                Some(org) => {
                    while parents.last().is_some_and(|(d, _)| *d >= indent) {
                        parents.pop();
                    }
                    let index = org.activities.len();
                    let parent = parents.last().map(|(_, p)| *p);
                    parents.push((indent, index));
                    let section = org.sections.len().checked_sub(1);
                    org.activities
                        .push(read_bullet(no, raw, body, parent, section, &classifier));
                }
            },
        }
    }
    if listing.orgs.is_empty() {
        return Err(ListingError::NoOrganisations);
    }
    for org in &mut listing.orgs {
        finish(org, opts);
    }
    Ok(listing)
}

/// Replaces control characters (which the catalogue's text fields refuse) with spaces; the
/// line as written stays in `source`.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_owned()
}

/// One bullet as it reads on its own; `finish` adds what it takes from its parent.
fn read_bullet(
    no: usize,
    raw: &str,
    body: &str,
    parent: Option<usize>,
    section: Option<usize>,
    classifier: &Classifier,
) -> ImportedActivity {
    let text = clean(body);
    let class = classifier.classify(&text);
    let found = prose::counts(&text);
    let trained = prose::trained(&text, &found);
    // A count of trained people is not a count of dialogues.
    let count = found.into_iter().find(|c| Some(c) != trained.as_ref());
    let activity = Activity {
        contexts: class.contexts,
        topics: class.topics,
        tags: Vec::new(),
        method: class.method,
        unit: None,
        target_group: None,
        languages: prose::languages(&text),
        format: prose::format(&text),
        period: Period::parse(&text),
        count: count.as_ref().map(|c| c.count),
        count_text: count.map(|c| c.text),
        status: if prose::planned(&text) {
            ActivityStatus::Planned
        } else {
            ActivityStatus::Done
        },
        text,
        // The 2021 listing was shared publicly, so what it says may be shown again.
        public: true,
    };
    ImportedActivity {
        activity,
        line: no,
        source: raw.to_owned(),
        parent,
        section,
        unparsed: Vec::new(),
    }
}

/// What an organisation's activities take from their sections, parents and children, then
/// what is still missing, and the trained facilitators.
fn finish(org: &mut ListedOrg, opts: Options) {
    if opts.from_children {
        // Children come after their parent, so their own contexts are final here.
        for i in 0..org.activities.len() {
            if !org.activities[i].activity.contexts.is_empty() {
                continue;
            }
            let mut votes: Vec<(&str, usize)> = Vec::new();
            for a in org.activities.iter().filter(|a| a.parent == Some(i)) {
                if let Some(c) = a.activity.contexts.first() {
                    match votes.iter_mut().find(|(v, _)| v == c) {
                        Some((_, n)) => *n += 1,
                        None => votes.push((c, 1)),
                    }
                }
            }
            let best = votes.iter().map(|(_, n)| *n).max().unwrap_or(0);
            let winners: Vec<&str> = votes
                .iter()
                .filter(|(_, n)| *n == best)
                .map(|(c, _)| *c)
                .collect();
            if best >= 2
                && let [winner] = winners[..]
            {
                let winner = winner.to_owned();
                org.activities[i].activity.contexts = vec![winner];
            }
        }
    }
    for i in 0..org.activities.len() {
        let section = org.activities[i]
            .section
            .and_then(|s| org.sections.get(s))
            .map(|s| s.kind);
        let parent = org.activities[i]
            .parent
            .and_then(|p| org.activities.get(p))
            .map(|p| p.activity.clone());
        let a = &mut org.activities[i].activity;
        if section == Some(SectionKind::Planned) {
            a.status = ActivityStatus::Planned;
        }
        if let Some(p) = parent {
            if opts.inherit {
                if p.status == ActivityStatus::Planned {
                    a.status = ActivityStatus::Planned;
                }
                if a.contexts.is_empty() {
                    a.contexts = p.contexts;
                }
                if a.format.is_none() {
                    a.format = p.format;
                }
            }
            if opts.inherit_method && a.method.is_none() {
                a.method = p.method;
            }
        }
        let unparsed: Vec<Missing> = Missing::ALL
            .into_iter()
            .filter(|m| match m {
                Missing::Context => a.contexts.is_empty(),
                Missing::Method => a.method.is_none(),
                Missing::Count => a.count.is_none(),
                Missing::Period => a.period.is_none(),
            })
            .collect();
        org.activities[i].unparsed = unparsed;
    }
    let texts = org
        .activities
        .iter()
        .map(|a| a.activity.text.as_str())
        .chain(org.unstructured.iter().map(|t| t.text.as_str()));
    org.trained = texts
        .filter_map(|t| prose::trained(t, &prose::counts(t)))
        .map(|c| c.count)
        .next();
}
