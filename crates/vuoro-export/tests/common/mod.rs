//! Documents shared by the tests and the benchmark.
#![allow(dead_code)]

pub mod tools;

use vuoro_export::{Block, Document};

/// A summary with every kind of block, Finnish with a Swedish and an Arabic quote.
pub fn sample() -> Document {
    Document {
        lang: "fi".into(),
        title: "Nuorisotilan tulevaisuus".into(),
        subtitle: Some("Yhteenveto dialogeista".into()),
        meta: vec![
            ("Tilaaja".into(), "Sivistystoimi".into()),
            ("Ajankohta".into(), "syyskuu–lokakuu 2026".into()),
        ],
        blocks: vec![
            Block::Heading("Mitä kuulimme".into()),
            Block::Paragraph(
                "Osallistujat toivoivat iltaisin avointa tilaa.\nMyös viikonloput mainittiin."
                    .into(),
            ),
            Block::Bullets(vec![
                "Pidemmät aukioloajat".into(),
                "Hiljainen huone läksyille".into(),
            ]),
            Block::Quote {
                text: "Täällä on hyvä olla, ja äänekäs pöytä on kivaa.".into(),
                lang: "fi".into(),
            },
            Block::Quote {
                text: "Jag vill ha ett ställe där man får vara ifred.".into(),
                lang: "sv".into(),
            },
            Block::Heading("Jatko".into()),
            Block::Paragraph("Tilasta päätetään keväällä.".into()),
            Block::Quote {
                text: "أريد مكانًا هادئًا للدراسة".into(),
                lang: "ar".into(),
            },
            Block::Sources("Lähteet: 5 muistiinpanoa".into()),
        ],
    }
}

/// About ten A4 pages: fourteen sections, each with three paragraphs, a list and a quote.
pub fn ten_pages() -> Document {
    let paragraph = "Osallistujat keskustelivat siitä, miten nuorisotilaa voitaisiin kehittää \
        niin, että se palvelisi paremmin sekä nuorempia että vanhempia kävijöitä. Monet \
        toivoivat pidempiä aukioloaikoja ja rauhallista tilaa läksyille, toiset taas \
        kaipasivat enemmän yhteistä tekemistä, kuten pelejä, musiikkia ja retkiä. \
        Keskustelussa nousi esiin myös turvallisuus: kotimatka illalla ja se, että \
        aikuinen on paikalla silloin, kun häntä tarvitaan.";
    let mut blocks = Vec::new();
    for section in 1..=14 {
        blocks.push(Block::Heading(format!("{section}. Teema: tila ja aika")));
        for _ in 0..3 {
            blocks.push(Block::Paragraph(paragraph.into()));
        }
        blocks.push(Block::Bullets(
            (1..=6)
                .map(|i| format!("Ehdotus {i}: pidempi ilta-aukiolo perjantaisin ja lauantaisin"))
                .collect(),
        ));
        blocks.push(Block::Quote {
            text: "Täällä on hyvä olla, kun kukaan ei kiirehdi ja saa olla oma itsensä.".into(),
            lang: "fi".into(),
        });
        blocks.push(Block::Paragraph(paragraph.into()));
        blocks.push(Block::Sources(format!(
            "Lähteet: {} muistiinpanoa",
            section * 3
        )));
    }
    Document {
        lang: "fi".into(),
        title: "Nuorisotilan tulevaisuus".into(),
        subtitle: Some("Yhteenveto kaikista dialogeista".into()),
        meta: vec![("Tilaaja".into(), "Sivistystoimi".into())],
        blocks,
    }
}
