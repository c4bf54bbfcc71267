//! `vuoro import listing FILE`: a hand-made peer listing into the catalogue. The reading is
//! `vuoro_import::listing` (pure); this module turns its result into the store's shape and
//! reports what was done and what could not be structured.

use std::fmt::Write as _;
use vuoro_core::catalogue::{ActivityStatus, Amount, Count, CountPer, Missing, Period};
use vuoro_import::listing::{Listing, SectionKind};
use vuoro_store::{ActivitySource, ImportReport, ImportedListing, ImportedOrg};

/// A count written back as plain words, for the organisation's "trained facilitators" text.
fn count_text(c: &Count) -> String {
    let n = match c.amount {
        Amount::Exact { n } => n.to_string(),
        Amount::About { n } => format!("noin {n}"),
        Amount::AtLeast { n } => format!("vähintään {n}"),
        Amount::Range { min, max } => format!("{min}–{max}"),
    };
    match c.per {
        CountPer::Year => format!("{n} vuodessa"),
        CountPer::Total => n,
    }
}

/// The listing's organisations as the store imports them. Each bullet keeps its line number and
/// its text as written (which is what makes a second import of the same file add nothing), and
/// every line under an organisation that is not a bullet is kept on the organisation as text.
/// `year` is the year the listing describes: a done activity that names no period of its own
/// gets that year (a planned one stays without, since it has not happened yet).
pub fn to_store(listing: &Listing, year: Option<i32>) -> ImportedListing {
    let orgs = listing
        .orgs
        .iter()
        .map(|o| ImportedOrg {
            name: o.name.clone(),
            activities: o
                .activities
                .iter()
                .map(|a| {
                    let mut activity = a.activity.clone();
                    let mut unparsed = a.unparsed.clone();
                    if let Some(y) = year
                        && activity.period.is_none()
                        && activity.status == ActivityStatus::Done
                    {
                        activity.period = Some(Period {
                            from: y,
                            to: Some(y),
                        });
                        unparsed.retain(|m| *m != Missing::Period);
                    }
                    (
                        activity,
                        ActivitySource::Import {
                            line: u32::try_from(a.line).unwrap_or(u32::MAX),
                            text: a.source.trim().to_owned(),
                            unparsed: unparsed.iter().map(|m| m.code().to_owned()).collect(),
                        },
                    )
                })
                .collect(),
            // A "Tulossa" heading lives on as the planned status of what is under it; any other
            // heading ("Muuta") has no place in a record, so it is kept as text with the rest.
            unstructured: o
                .sections
                .iter()
                .filter(|s| s.kind != SectionKind::Planned)
                .map(|s| (s.line, &s.text))
                .chain(o.unstructured.iter().map(|l| (l.line, &l.text)))
                .collect::<std::collections::BTreeMap<_, _>>()
                .into_values()
                .cloned()
                .collect(),
            trained: o.trained.map(|c| (c, count_text(&c))),
        })
        .collect();
    ImportedListing {
        title: listing.title.as_ref().map(|t| t.text.clone()),
        intro: listing.intro.iter().map(|t| t.text.clone()).collect(),
        lines: u32::try_from(listing.lines).unwrap_or(u32::MAX),
        orgs,
    }
}

/// What the listing holds and what the importer could not find, for the person importing.
pub fn describe(listing: &Listing) -> String {
    let mut out = String::new();
    let activities: usize = listing.orgs.iter().map(|o| o.activities.len()).sum();
    let _ = writeln!(
        out,
        "{} organisations, {} activities, {} lines read",
        listing.orgs.len(),
        activities,
        listing.lines
    );
    if listing.title.is_some() || !listing.intro.is_empty() {
        let n = usize::from(listing.title.is_some()) + listing.intro.len();
        let _ = writeln!(
            out,
            "  the title and introduction ({n} lines) describe the document: kept with the import"
        );
    }
    for o in &listing.orgs {
        let _ = writeln!(
            out,
            "{} (line {}): {} activities",
            o.name,
            o.line,
            o.activities.len()
        );
        for a in &o.activities {
            if !a.unparsed.is_empty() {
                let missing: Vec<&str> = a.unparsed.iter().map(|m| m.code()).collect();
                let _ = writeln!(
                    out,
                    "  line {}: no {} found in \"{}\"",
                    a.line,
                    missing.join(", "),
                    shorten(a.source.trim())
                );
            }
        }
        for l in &o.unstructured {
            let _ = writeln!(
                out,
                "  line {}: kept as text: \"{}\"",
                l.line,
                shorten(&l.text)
            );
        }
    }
    out
}

fn shorten(s: &str) -> String {
    const MAX: usize = 70;
    if s.chars().count() <= MAX {
        s.to_owned()
    } else {
        format!("{}…", s.chars().take(MAX).collect::<String>())
    }
}

pub fn report(r: &ImportReport) -> String {
    format!(
        "imported: {} organisations created, {} found; {} activities added, {} already there; \
         {} lines kept as text",
        r.orgs_created,
        r.orgs_existing,
        r.activities_added,
        r.activities_skipped,
        r.unstructured_lines
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const LISTING: &str = include_str!("../../../catalogue/vertaisdialogi-kunnat-2021.txt");

    #[test]
    fn the_2021_listing_becomes_ten_organisations_with_every_bullet() {
        let listing = vuoro_import::listing::parse(LISTING.as_bytes()).expect("parses");
        let imported = to_store(&listing, None);
        assert_eq!(
            imported.title.as_deref(),
            Some("Kunnat – Vertaisdialogin listaus")
        );
        assert_eq!(imported.intro.len(), 3, "{:?}", imported.intro);
        let orgs = imported.orgs;
        assert_eq!(orgs.len(), 10);
        let bullets = LISTING
            .lines()
            .filter(|l| l.trim_start().starts_with('•'))
            .count();
        let imported: usize = orgs.iter().map(|o| o.activities.len()).sum();
        assert_eq!(imported, bullets, "every bullet is an activity");
        let vantaa = orgs.iter().find(|o| o.name == "Vantaa").expect("Vantaa");
        assert!(
            vantaa.unstructured.iter().any(|l| l == "Kelaa sitä."),
            "{:?}",
            vantaa.unstructured
        );
        let tuusula = orgs.iter().find(|o| o.name == "Tuusula").expect("Tuusula");
        assert_eq!(
            tuusula.unstructured,
            ["Muuta"],
            "a heading without meaning is kept"
        );
        let text = describe(&listing);
        assert!(text.starts_with("10 organisations"), "{text}");
    }

    #[test]
    fn the_listings_year_dates_what_names_no_period() {
        let listing = vuoro_import::listing::parse(LISTING.as_bytes()).expect("parses");
        let orgs = to_store(&listing, Some(2021)).orgs;
        let all: Vec<_> = orgs.iter().flat_map(|o| o.activities.iter()).collect();
        assert!(
            all.iter()
                .all(|(a, _)| a.status == ActivityStatus::Planned || a.period.is_some())
        );
        assert!(
            all.iter()
                .any(|(a, _)| a.period.is_some_and(|p| p.from == 2014)),
            "its own period stays"
        );
        assert!(
            all.iter()
                .any(|(a, _)| a.status == ActivityStatus::Planned && a.period.is_none())
        );
    }

    #[test]
    fn counts_are_written_back_in_words() {
        let c = Count::parse("noin 100").expect("count");
        assert_eq!(count_text(&c), "noin 100");
        let c = Count::parse("10-15 vuodessa").expect("count");
        assert_eq!(count_text(&c), "10–15 vuodessa");
    }
}
