//! Markdown: golden output, and escaping checked with a real CommonMark parser.

mod common;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use vuoro_export::{Block, Document, markdown};

#[test]
fn sample_golden() {
    let expected = "\
# Nuorisotilan tulevaisuus

*Yhteenveto dialogeista*

**Tilaaja:** Sivistystoimi\\
**Ajankohta:** syyskuu–lokakuu 2026

## Mitä kuulimme

Osallistujat toivoivat iltaisin avointa tilaa.\\
Myös viikonloput mainittiin.

- Pidemmät aukioloajat
- Hiljainen huone läksyille

> Täällä on hyvä olla, ja äänekäs pöytä on kivaa.

> Jag vill ha ett ställe där man får vara ifred.

## Jatko

Tilasta päätetään keväällä.

> أريد مكانًا هادئًا للدراسة

*Lähteet: 5 muistiinpanoa*
";
    assert_eq!(markdown(&common::sample()), expected);
}

#[test]
fn escaping_golden() {
    let doc = Document {
        lang: "en".into(),
        title: "# Not *bold* <b>".into(),
        subtitle: Some("  _under_  ".into()),
        meta: vec![
            ("[Label]".into(), "`code` & more".into()),
            (" ".into(), "".into()),
        ],
        blocks: vec![
            Block::Heading("Heading ending in #".into()),
            Block::Paragraph(
                "# not a heading\n> not a quote\n- not a list\n1. not a list\n\n\
                 ---\n<script>alert(1)</script>\n[link](http://x) ![img](y)\n\
                 a\\b ~~s~~ | $x$ &amp;"
                    .into(),
            ),
            Block::Bullets(vec!["* star".into(), "  ".into(), "2) two".into()]),
            Block::Bullets(vec!["second list".into()]),
            Block::Quote {
                text: "> nested\r\n=== setext".into(),
                lang: "en".into(),
            },
            Block::Paragraph(" \n ".into()),
            Block::Sources("*sources*".into()),
        ],
    };
    let expected = "\
# \\# Not \\*bold\\* \\<b\\>

*\\_under\\_*

**\\[Label\\]:** \\`code\\` \\& more

## Heading ending in \\#

\\# not a heading\\
\\> not a quote\\
\\- not a list\\
1\\. not a list\\
\\---\\
\\<script\\>alert(1)\\</script\\>\\
\\[link\\](http://x) !\\[img\\](y)\\
a\\\\b \\~\\~s\\~\\~ \\| \\$x\\$ \\&amp;

- \\* star
- 2\\) two

* second list

> \\> nested\\
> \\=== setext

*\\*sources\\**
";
    let out = markdown(&doc);
    assert_eq!(out, expected);

    // And a CommonMark parser reads it as intended: no HTML, links, code or extra blocks.
    let events: Vec<Event<'_>> = Parser::new_ext(&out, options()).collect();
    for event in &events {
        assert!(
            matches!(
                event,
                Event::Text(_)
                    | Event::HardBreak
                    | Event::Start(
                        Tag::Heading { .. }
                            | Tag::Paragraph
                            | Tag::Emphasis
                            | Tag::Strong
                            | Tag::List(None)
                            | Tag::Item
                            | Tag::BlockQuote(_)
                    )
                    | Event::End(_)
            ),
            "unexpected {event:?} in\n{out}"
        );
    }
    let lists = events
        .iter()
        .filter(|e| matches!(e, Event::Start(Tag::List(_))))
        .count();
    assert_eq!(lists, 2, "two lists stay two lists");
}

#[test]
fn empty_document_is_one_newline() {
    assert_eq!(markdown(&Document::default()), "\n");
}

/// The Markdown extensions GitHub and most renderers have (no smart punctuation: it would
/// change the text on purpose).
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_MATH
        | Options::ENABLE_GFM
}

/// What a parser reads from the Markdown of a document holding one block, after the title
/// "T": the shape of the block and its text, hard breaks as `\n`.
fn read_back(block: Block) -> (Vec<String>, String) {
    let doc = Document {
        title: "T".into(),
        blocks: vec![block],
        ..Document::default()
    };
    let out = markdown(&doc);
    let mut shape = Vec::new();
    let mut text = String::new();
    for event in Parser::new_ext(&out, options()).skip(3) {
        match event {
            Event::Text(t) => text.push_str(&t),
            Event::HardBreak => text.push('\n'),
            Event::Start(tag) => shape.push(format!("<{tag:?}")),
            Event::End(tag) => shape.push(format!("{tag:?}>")),
            other => shape.push(format!("{other:?}")),
        }
    }
    (shape, text)
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn lines(s: &str) -> String {
    s.split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// CommonMark reads U+0000 as U+FFFD.
fn nul(s: String) -> String {
    s.replace('\0', "\u{FFFD}")
}

fn strings() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    prop_oneof![
        any::<String>(),
        "[-#*_>+=`<>&|~$!\\[\\]().:{}\\\\ \t\r\n0-9a-zåäö]{0,40}",
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

    /// Any text stays the block it was given as, with its text intact.
    #[test]
    fn any_text_reads_back_as_itself(s in strings()) {
        let blank = s.trim().is_empty();

        let (shape, text) = read_back(Block::Heading(s.clone()));
        if !blank {
            proptest::prop_assert_eq!(
                shape,
                vec![format!("<{:?}", Tag::Heading {
                    level: HeadingLevel::H2, id: None, classes: vec![], attrs: vec![]
                }), format!("{:?}>", TagEnd::Heading(HeadingLevel::H2))]
            );
            proptest::prop_assert_eq!(text, nul(one_line(&s)));
        }

        let (shape, text) = read_back(Block::Paragraph(s.clone()));
        if !blank {
            proptest::prop_assert_eq!(shape, vec!["<Paragraph", "Paragraph>"]);
            proptest::prop_assert_eq!(text, nul(lines(&s)));
        }

        let (shape, text) = read_back(Block::Bullets(vec![s.clone()]));
        if !blank {
            proptest::prop_assert_eq!(
                shape,
                vec!["<List(None)", "<Item", "Item>", "List(false)>"]
            );
            proptest::prop_assert_eq!(text, nul(one_line(&s)));
        }

        let (shape, text) = read_back(Block::Quote { text: s.clone(), lang: "ar".into() });
        if !blank {
            proptest::prop_assert_eq!(
                shape,
                vec!["<BlockQuote(None)", "<Paragraph", "Paragraph>", "BlockQuote(None)>"]
            );
            proptest::prop_assert_eq!(text, nul(lines(&s)));
        }

        let (shape, text) = read_back(Block::Sources(s.clone()));
        if !blank {
            proptest::prop_assert_eq!(
                shape,
                vec!["<Paragraph", "<Emphasis", "Emphasis>", "Paragraph>"]
            );
            proptest::prop_assert_eq!(text, nul(one_line(&s)));
        } else {
            proptest::prop_assert!(shape.is_empty());
        }
    }
}
