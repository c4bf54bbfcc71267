//! The importer on the listing it was made for.

mod common;

use vuoro_core::catalogue::{ActivityStatus, Amount, CountPer};
use vuoro_core::lang::ParticipantLang;
use vuoro_core::method::Format;
use vuoro_import::listing::{ImportedActivity, ListedOrg, Listing, SectionKind, parse};

const TEXT: &str = include_str!("../../../catalogue/vertaisdialogi-kunnat-2021.txt");

fn listing() -> Listing {
    parse(TEXT.as_bytes()).expect("the 2021 listing reads")
}

fn org<'a>(l: &'a Listing, name: &str) -> &'a ListedOrg {
    l.orgs
        .iter()
        .find(|o| o.name == name)
        .unwrap_or_else(|| panic!("no organisation {name}"))
}

fn at(o: &ListedOrg, start: &str) -> ImportedActivity {
    o.activities
        .iter()
        .find(|a| a.activity.text.starts_with(start))
        .unwrap_or_else(|| panic!("no activity {start:?} in {}", o.name))
        .clone()
}

#[test]
fn ten_organisations_after_a_title_and_an_intro() {
    let l = listing();
    let names: Vec<&str> = l.orgs.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Hailuoto",
            "Helsingin työväenopisto",
            "Kotka",
            "Kouvolan kaupunki & Kymsote",
            "Oulu",
            "Rovaniemi",
            "Tampere",
            "Turku",
            "Tuusula",
            "Vantaa"
        ]
    );
    assert_eq!(
        l.title.as_ref().map(|t| t.text.as_str()),
        Some("Kunnat – Vertaisdialogin listaus")
    );
    assert_eq!(l.intro.len(), 3);
    assert_eq!(l.lines, 158);
    assert_eq!(l.activities().count(), 105);
    assert!(l.activities().all(|(_, a)| a.activity.public));
}

#[test]
fn no_line_is_lost() {
    common::assert_nothing_lost(TEXT, &listing());
}

#[test]
fn what_cannot_be_structured_stays_as_text_on_its_organisation() {
    let l = listing();
    let v = org(&l, "Vantaa");
    let texts: Vec<&str> = v.unstructured.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(
        texts,
        ["Kelaa sitä.", "Tai lue vaikka lisää ajatuksia dialogista."]
    );
    assert_eq!(v.unstructured[0].line, 156);
}

#[test]
fn counts_in_prose() {
    let l = listing();
    let school = at(org(&l, "Rovaniemi"), "Kouludialogeja");
    let a = &school.activity;
    assert_eq!(a.contexts.first().map(String::as_str), Some("school"));
    let c = a.count.expect("a count");
    assert_eq!(c.amount, Amount::Range { min: 20, max: 30 });
    assert_eq!(c.per, CountPer::Year);
    assert_eq!(a.count_text.as_deref(), Some("20-30 vuosittain"));

    let e = at(org(&l, "Hailuoto"), "Erätauko-menetelmällä").activity;
    assert_eq!(e.count.map(|c| c.amount), Some(Amount::About { n: 10 }));
    assert_eq!(e.count_text.as_deref(), Some("noin 10 kpl"));
    assert_eq!(e.method.as_deref(), Some("eratauko"));

    let many = at(org(&l, "Rovaniemi"), "Verkostokoordinaattorin").activity;
    assert_eq!(
        many.count.map(|c| c.amount),
        Some(Amount::AtLeast { n: 100 })
    );
    assert_eq!(
        many.period.map(|p| (p.from, p.to)),
        Some((2014, Some(2019)))
    );
    // "yli 20 vuotta" is how long, not how many.
    assert_eq!(
        at(org(&l, "Rovaniemi"), "Dialogista toimintatapaa")
            .activity
            .count,
        None
    );
}

#[test]
fn planned_under_tulossa_or_when_the_text_says_so() {
    let l = listing();
    let oulu = org(&l, "Oulu");
    assert_eq!(oulu.sections.len(), 1);
    assert_eq!(oulu.sections[0].kind, SectionKind::Planned);
    let planned = at(oulu, "Dialogikoulutusta luottamushenkilöille");
    assert_eq!(planned.activity.status, ActivityStatus::Planned);
    assert_eq!(planned.section, Some(0));
    // "Syksyllä tilaisuuksia tulossa lisää" in a later sentence: what was done stays done.
    assert_eq!(
        at(oulu, "Osana avoimen hallinnon").activity.status,
        ActivityStatus::Done
    );
    let later = at(org(&l, "Rovaniemi"), "Vertaistyöpajat esimiehille").activity;
    assert_eq!(later.status, ActivityStatus::Planned);
    assert_eq!(later.period.map(|p| p.from), Some(2021));
    let tuusula = org(&l, "Tuusula");
    assert_eq!(tuusula.sections[0].kind, SectionKind::Other);
    assert!(
        tuusula
            .activities
            .iter()
            .all(|a| a.activity.status == ActivityStatus::Done)
    );
}

#[test]
fn sub_bullets_are_activities_that_inherit_what_they_do_not_say() {
    let l = listing();
    let kotka = org(&l, "Kotka");
    let head = &kotka.activities[0];
    assert_eq!(head.activity.format, Some(Format::Hybrid));
    let vanh = at(kotka, "Vanhempainillat");
    assert_eq!(vanh.parent, Some(0));
    assert_eq!(vanh.activity.format, Some(Format::Hybrid));
    assert_eq!(
        vanh.activity.topics.first().map(String::as_str),
        Some("bullying")
    );
    assert_eq!(at(kotka, "Dialogiosaaja").parent, None);

    let rova = org(&l, "Rovaniemi");
    let change = at(rova, "Muutosprosessit");
    let parent = change.parent.expect("under the workshops");
    assert!(
        rova.activities[parent]
            .activity
            .text
            .starts_with("Työyhteisöjen dialogiset")
    );
    assert_eq!(change.activity.contexts, ["work_community"]);
    assert_eq!(
        change.activity.method.as_deref(),
        Some("dialoginen-tyopaja")
    );
}

#[test]
fn languages_when_named_and_trained_facilitators_when_stated() {
    let l = listing();
    let htv = &org(&l, "Helsingin työväenopisto").activities[0].activity;
    use ParticipantLang::*;
    assert_eq!(
        htv.languages.iter().copied().collect::<Vec<_>>(),
        [Fi, En, Ar, So]
    );
    assert_eq!(htv.count.map(|c| c.amount), Some(Amount::Exact { n: 7 }));
    let turku = org(&l, "Turku");
    assert_eq!(
        turku.trained.map(|c| (c.amount, c.per)),
        Some((Amount::About { n: 100 }, CountPer::Total))
    );
    // The trained are people, not dialogues: that bullet has no count of its own.
    assert_eq!(at(turku, "Koulutettuja on noin 100").activity.count, None);
    assert!(org(&l, "Tuusula").trained.is_none());
}

#[test]
fn what_could_not_be_found_is_marked() {
    use vuoro_core::catalogue::Missing;
    let l = listing();
    let e = at(org(&l, "Hailuoto"), "Erätauko-menetelmällä");
    assert_eq!(e.unparsed, [Missing::Context, Missing::Period]);
    let rova = at(org(&l, "Rovaniemi"), "Dialogista toimintatapaa");
    assert_eq!(rova.unparsed, Missing::ALL);
}
