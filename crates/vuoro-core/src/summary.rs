//! The summary (kooste) the supervisor draws together from what was heard: blocks of text, each
//! keeping the notes it rests on, so that every statement links back to what was said (and the
//! notes still name no one). The platform drafts it; people edit it; participants may comment on
//! a draft before it is published to them.

use crate::NoteId;
use crate::text::{self, FieldError, limits};
use serde::{Deserialize, Serialize};

/// Blocks one summary holds.
pub const MAX_BLOCKS: usize = 300;
/// A block is a paragraph, not a book.
pub const BLOCK_MAX: usize = limits::LONG;
/// A participant's comment on a draft.
pub const COMMENT_MAX: usize = 2_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Heading,
    Paragraph,
    /// A note quoted as it was written, as an example of what was said.
    Quote,
}

impl BlockKind {
    pub fn code(self) -> &'static str {
        match self {
            BlockKind::Heading => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::Quote => "quote",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    /// The language of a quote, as the note's language code; `None` for the summary's own text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The notes the block rests on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<NoteId>,
}

impl Block {
    pub fn heading(text: impl Into<String>) -> Block {
        Block {
            kind: BlockKind::Heading,
            text: text.into(),
            lang: None,
            sources: Vec::new(),
        }
    }

    pub fn paragraph(text: impl Into<String>, sources: Vec<NoteId>) -> Block {
        Block {
            kind: BlockKind::Paragraph,
            text: text.into(),
            lang: None,
            sources,
        }
    }

    pub fn quote(text: impl Into<String>, lang: &str, note: NoteId) -> Block {
        Block {
            kind: BlockKind::Quote,
            text: text.into(),
            lang: Some(lang.to_owned()),
            sources: vec![note],
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub blocks: Vec<Block>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SummaryState {
    /// Being written by staff; participants do not see it.
    Draft,
    /// Participants read it and may comment.
    Review,
    /// Final, for the participants to read.
    Published,
}

impl SummaryState {
    pub const ALL: [SummaryState; 3] = [
        SummaryState::Draft,
        SummaryState::Review,
        SummaryState::Published,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SummaryState::Draft => "draft",
            SummaryState::Review => "review",
            SummaryState::Published => "published",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.code() == s)
    }

    /// Whether participants of the process may read it.
    pub fn readable_by_participants(self) -> bool {
        self != SummaryState::Draft
    }
}

/// Why an edit of a summary was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SummaryError {
    #[error("block {0}: {1:?}")]
    Block(usize, FieldError),
    #[error("too many blocks")]
    TooMany,
}

/// One block as the edit form sends it: its new text (empty to drop it).
#[derive(Debug, Clone)]
pub struct BlockEdit {
    pub text: String,
    pub drop: bool,
}

impl Summary {
    /// Applies the edit form to the blocks it was drawn from: each block gets its new text or
    /// is dropped, and a new paragraph (if any) goes at the end. A block keeps its kind, language
    /// and sources, so editing the words never cuts a statement from its notes.
    pub fn edited(
        &self,
        edits: &[BlockEdit],
        new_paragraph: &str,
    ) -> Result<Summary, SummaryError> {
        let mut blocks = Vec::with_capacity(self.blocks.len() + 1);
        for (i, b) in self.blocks.iter().enumerate() {
            let Some(e) = edits.get(i) else {
                blocks.push(b.clone());
                continue;
            };
            if e.drop {
                continue;
            }
            let text =
                text::bounded(&e.text, BLOCK_MAX).map_err(|fe| SummaryError::Block(i, fe))?;
            blocks.push(Block { text, ..b.clone() });
        }
        match text::optional(new_paragraph, BLOCK_MAX) {
            Ok(Some(t)) => blocks.push(Block::paragraph(t, Vec::new())),
            Ok(None) => {}
            Err(fe) => return Err(SummaryError::Block(self.blocks.len(), fe)),
        }
        if blocks.len() > MAX_BLOCKS {
            return Err(SummaryError::TooMany);
        }
        Ok(Summary { blocks })
    }

    /// The summary without the words of these notes, for when their writer deletes them: a
    /// quote of one of them goes (it is their words, verbatim), and every other block forgets
    /// them as a source (its text is the summary's own). `None` when nothing changes, so a
    /// caller rewrites only the versions that held them.
    pub fn without_quotes_of(&self, gone: &std::collections::HashSet<NoteId>) -> Option<Summary> {
        let touches = |b: &Block| b.sources.iter().any(|n| gone.contains(n));
        if !self.blocks.iter().any(touches) {
            return None;
        }
        let blocks = self
            .blocks
            .iter()
            .filter(|b| !(b.kind == BlockKind::Quote && touches(b)))
            .map(|b| Block {
                sources: b
                    .sources
                    .iter()
                    .copied()
                    .filter(|n| !gone.contains(n))
                    .collect(),
                ..b.clone()
            })
            .collect();
        Some(Summary { blocks })
    }

    /// Every note the summary rests on, in order of first mention.
    pub fn sources(&self) -> Vec<NoteId> {
        let mut seen = Vec::new();
        for n in self.blocks.iter().flat_map(|b| &b.sources) {
            if !seen.contains(n) {
                seen.push(*n);
            }
        }
        seen
    }
}

/// A comment on a draft, checked.
pub fn comment(s: &str) -> Result<String, FieldError> {
    text::bounded(s, COMMENT_MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deleted_note_leaves_its_quotes_and_sources_but_not_the_summary_s_own_words() {
        let n = [NoteId::new(), NoteId::new()];
        let s = Summary {
            blocks: vec![
                Block::heading("Mitä kuulimme"),
                Block::paragraph("Kahvihuone on ahdas.", vec![n[0], n[1]]),
                Block::quote("ei mahdu istumaan", "fi", n[0]),
                Block::quote("tuolit loppuvat", "fi", n[1]),
            ],
        };
        let gone = std::collections::HashSet::from([n[0]]);
        let after = s
            .without_quotes_of(&gone)
            .expect("the summary quoted the note");
        assert_eq!(
            after.blocks,
            vec![
                Block::heading("Mitä kuulimme"),
                Block::paragraph("Kahvihuone on ahdas.", vec![n[1]]),
                Block::quote("tuolit loppuvat", "fi", n[1]),
            ]
        );
        let other = std::collections::HashSet::from([NoteId::new()]);
        assert_eq!(s.without_quotes_of(&other), None);
    }

    #[test]
    fn an_edit_keeps_each_statement_tied_to_its_notes() {
        let n = [NoteId::new(), NoteId::new()];
        let s = Summary {
            blocks: vec![
                Block::heading("Mitä kuulimme"),
                Block::paragraph("Kahvihuone on ahdas.", vec![n[0], n[1]]),
                Block::quote("ei mahdu istumaan", "fi", n[0]),
            ],
        };
        let edits = vec![
            BlockEdit {
                text: "Mitä kuulimme".into(),
                drop: false,
            },
            BlockEdit {
                text: "Kahvihuone koetaan ahtaaksi.".into(),
                drop: false,
            },
            BlockEdit {
                text: String::new(),
                drop: true,
            },
        ];
        let e = s
            .edited(&edits, " Seuraavaksi sovitaan tilojen käytöstä. ")
            .expect("valid");
        assert_eq!(e.blocks.len(), 3);
        assert_eq!(e.blocks[1].text, "Kahvihuone koetaan ahtaaksi.");
        assert_eq!(e.blocks[1].sources, n, "the words change, the sources stay");
        assert_eq!(e.blocks[2].kind, BlockKind::Paragraph);
        assert_eq!(e.blocks[2].text, "Seuraavaksi sovitaan tilojen käytöstä.");
        assert_eq!(e.sources(), n);
        let empty = vec![BlockEdit {
            text: " ".into(),
            drop: false,
        }];
        assert_eq!(
            s.edited(&empty, ""),
            Err(SummaryError::Block(0, FieldError::Required))
        );
        let long = vec![BlockEdit {
            text: "x".repeat(BLOCK_MAX + 1),
            drop: false,
        }];
        assert!(matches!(
            s.edited(&long, ""),
            Err(SummaryError::Block(0, FieldError::TooLong { .. }))
        ));
    }

    #[test]
    fn states_round_trip_and_drafts_stay_with_staff() {
        for st in SummaryState::ALL {
            assert_eq!(SummaryState::parse(st.code()), Some(st));
        }
        assert!(!SummaryState::Draft.readable_by_participants());
        assert!(SummaryState::Review.readable_by_participants());
        assert_eq!(comment(" hyvä kooste ").as_deref(), Ok("hyvä kooste"));
        assert!(comment(&"x".repeat(COMMENT_MAX + 1)).is_err());
    }
}
