//! The importer on what is not a listing, or is one written differently: clear errors, nothing
//! lost, never a panic.

mod common;

use proptest::prelude::*;
use vuoro_import::listing::{ListingError, MAX_BYTES, parse};

const TEXT: &str = include_str!("../../../catalogue/vertaisdialogi-kunnat-2021.txt");

#[test]
fn empty_files_are_empty() {
    for input in ["", " ", "\n\n\r\n", "\t \n", "\u{feff}", "\u{feff}\n  \n"] {
        assert_eq!(
            parse(input.as_bytes()),
            Err(ListingError::Empty),
            "{input:?}"
        );
    }
}

#[test]
fn binary_is_not_text() {
    assert_eq!(parse(b"Kotka\n\x00\n - a"), Err(ListingError::NotText));
    assert_eq!(parse(&[0xff, 0xfe, 0x41, 0x00]), Err(ListingError::NotText));
    assert_eq!(parse(b"Kotka\n - caf\xe9"), Err(ListingError::NotText));
    let control: Vec<u8> = (1u8..32).cycle().take(400).collect();
    assert_eq!(parse(&control), Err(ListingError::NotText));
    // A PNG header: not UTF-8.
    assert_eq!(
        parse(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        Err(ListingError::NotText)
    );
}

#[test]
fn ten_megabytes_are_too_large() {
    let big = TEXT.repeat(10 * 1024 * 1024 / TEXT.len() + 1);
    let e = parse(big.as_bytes()).expect_err("too large");
    assert_eq!(
        e,
        ListingError::TooLarge {
            bytes: big.len(),
            max: MAX_BYTES
        }
    );
    assert!(e.to_string().contains("at most 1048576 bytes"), "{e}");
}

#[test]
fn a_listing_just_under_the_limit_reads_in_full() {
    let mut text = String::new();
    while text.len() + TEXT.len() + 1 < MAX_BYTES {
        text.push_str(TEXT);
        text.push('\n');
    }
    let l = parse(text.as_bytes()).expect("reads");
    assert_eq!(l.orgs.len(), 10 * (MAX_BYTES / (TEXT.len() + 1)));
    common::assert_nothing_lost(&text, &l);
}

#[test]
fn without_organisation_headings_it_says_so() {
    let prose = "Dialogeja on käytetty paljon.\nMyös kouluissa.\n";
    let bullets = " • Johdon dialogit\n • Luokkadialogit\n  • Vanhempainillat\n";
    let colon = "Dialogia on käytetty seuraavissa:\n • Johdon dialogit\n";
    for input in [prose, bullets, colon] {
        let e = parse(input.as_bytes()).expect_err("no organisations");
        assert_eq!(e, ListingError::NoOrganisations);
        assert_eq!(e.code(), "no_organisations");
        assert!(e.to_string().contains("organisation headings"));
    }
}

#[test]
fn windows_line_endings_a_bom_and_old_mac_endings_read_the_same() {
    let unix = parse(TEXT.as_bytes()).expect("reads");
    let windows = TEXT.replace('\n', "\r\n");
    assert_eq!(parse(windows.as_bytes()), Ok(unix.clone()));
    let bom = format!("\u{feff}{TEXT}");
    assert_eq!(parse(bom.as_bytes()), Ok(unix.clone()));
    let mac = TEXT.replace('\n', "\r");
    assert_eq!(parse(mac.as_bytes()), Ok(unix));
    common::assert_nothing_lost(&windows, &parse(windows.as_bytes()).expect("reads"));
}

#[test]
fn tabs_and_other_bullets_indent_sub_bullets() {
    let text = "Kotka\n\n\t- Dialogeja kasvokkain:\n\t\t- Asiakasasioissa\n\t\t* Luokkadialogit (10-15 vuodessa)\n\t- Johdon dialogit\nMuuta:\n· Erätauko-koulutuksia\n";
    let l = parse(text.as_bytes()).expect("reads");
    let a = &l.orgs[0].activities;
    assert_eq!(a.len(), 5);
    assert_eq!(
        a.iter().map(|a| a.parent).collect::<Vec<_>>(),
        [None, Some(0), Some(0), None, None]
    );
    assert_eq!(a[2].activity.method.as_deref(), Some("luokkadialogi"));
    assert_eq!(a[4].section, Some(0));
    common::assert_nothing_lost(text, &l);
}

#[test]
fn bullets_before_the_first_organisation_are_intro() {
    let text = "Mukana olivat:\n • Kotka\nKotka\n • Johdon dialogit\n";
    let l = parse(text.as_bytes()).expect("reads");
    assert_eq!(l.intro.len(), 1);
    assert_eq!(l.orgs.len(), 1);
    common::assert_nothing_lost(text, &l);
}

/// Lines that look like parts of a listing, and some that do not.
fn line() -> impl Strategy<Value = String> {
    let indent = prop::sample::select(vec!["", " ", "  ", "\t", "   \t"]);
    let bullet = prop::sample::select(vec!["•", "-", "*", "◦", "–", "•\t"]);
    prop_oneof![
        Just(String::new()),
        Just("   ".to_owned()),
        prop::sample::select(vec!["Kotka", "Oulu", "Tulossa", "Muuta:", "Turun kaupunki"])
            .prop_map(str::to_owned),
        (indent, bullet, "\\PC{0,60}").prop_map(|(i, b, t)| format!("{i}{b} {t}")),
        "\\PC{0,80}",
        ".{0,40}",
        prop::sample::select(vec![
            "Koulutettuja on noin 100",
            "Kouludialogeja (20-30 vuosittain)",
            " • Erätauko-menetelmällä keskusteluja käyty noin 10 kpl",
            "  • toista sataa vuodessa, tulossa 2021-",
            "Kelaa sitä.",
        ])
        .prop_map(str::to_owned),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn every_line_ends_up_in_exactly_one_place(
        lines in prop::collection::vec(line(), 0..40),
        ending in prop::sample::select(vec!["\n", "\r\n", "\r"]),
    ) {
        let text = lines.join(ending);
        match parse(text.as_bytes()) {
            Ok(l) => common::assert_nothing_lost(&text, &l),
            Err(ListingError::Empty) => prop_assert!(text.trim().is_empty()),
            Err(ListingError::NoOrganisations | ListingError::NotText) => {}
            Err(e) => prop_assert!(false, "unexpected {e:?}"),
        }
    }

    #[test]
    fn any_bytes_give_a_listing_or_an_error(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        if let Ok(l) = parse(&bytes) {
            let text = std::str::from_utf8(&bytes).expect("a listing is text");
            common::assert_nothing_lost(text, &l);
        }
    }
}
