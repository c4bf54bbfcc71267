//! Themes drawn from notes, as the facilitator curates them: a proposal from the text engine
//! (`vuoro-text`) becomes a [`ThemeSet`] that the facilitator renames, merges, splits and
//! rearranges. Every operation keeps one rule: a note is in at most one theme, and no operation
//! loses a note (a note taken out of every theme is "unsorted", never dropped).
//!
//! Notes are named by their ids only; the text stays with the note, so a theme never copies
//! what someone wrote and never holds who wrote it.

use crate::NoteId;
use crate::text::{self, FieldError, limits};
use serde::{Deserialize, Serialize};

/// A theme's label is a few words, not a paragraph.
pub const LABEL_MAX: usize = limits::NAME;
/// Themes one set holds: beyond this a proposal is not a summary any more.
pub const MAX_THEMES: usize = 40;

/// Where the notes of a set come from: one live session, one phase, or the whole process.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "scope")]
pub enum Scope {
    Process,
    Phase { phase: u32 },
    Session { session: crate::LiveSessionId },
}

impl Scope {
    /// The scope as a path segment and a storage key: `process`, `phase-2`, `session-<id>`.
    pub fn code(self) -> String {
        match self {
            Scope::Process => "process".into(),
            Scope::Phase { phase } => format!("phase-{phase}"),
            Scope::Session { session } => format!("session-{session}"),
        }
    }

    pub fn parse(s: &str) -> Option<Scope> {
        if s == "process" {
            return Some(Scope::Process);
        }
        if let Some(n) = s.strip_prefix("phase-") {
            return n
                .parse()
                .ok()
                .filter(|p| *p >= 1)
                .map(|phase| Scope::Phase { phase });
        }
        let id = s.strip_prefix("session-")?;
        crate::LiveSessionId::parse(id)
            .ok()
            .map(|session| Scope::Session { session })
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Theme {
    /// Stable within its set: merging and splitting never reuse an id.
    pub id: u32,
    pub label: String,
    /// The theme's notes, most representative first as the engine ranked them.
    pub notes: Vec<NoteId>,
    /// The notes that show best what the theme is about (a few of `notes`).
    pub representative: Vec<NoteId>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeSet {
    pub themes: Vec<Theme>,
    /// Notes in no theme: too short to place, or taken out by the facilitator.
    pub unsorted: Vec<NoteId>,
    next_id: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ThemeError {
    #[error("no such theme")]
    NoTheme,
    #[error("no such note in the set")]
    NoNote,
    #[error("a theme cannot be merged into itself")]
    SameTheme,
    #[error("too many themes")]
    TooMany,
    #[error("label: {0:?}")]
    Label(FieldError),
}

/// A theme as proposed: its label and its notes, most representative first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposed {
    pub label: String,
    pub notes: Vec<NoteId>,
    pub representative: Vec<NoteId>,
}

impl ThemeSet {
    /// A set from the engine's proposal. Notes the proposal repeats are kept in their first
    /// theme only; labels are cut to [`LABEL_MAX`].
    pub fn from_proposal(proposal: Vec<Proposed>, unsorted: Vec<NoteId>) -> ThemeSet {
        let mut set = ThemeSet::default();
        let mut seen = std::collections::HashSet::new();
        for p in proposal.into_iter().take(MAX_THEMES) {
            let notes: Vec<NoteId> = p.notes.into_iter().filter(|n| seen.insert(*n)).collect();
            if notes.is_empty() {
                continue;
            }
            let representative = p
                .representative
                .into_iter()
                .filter(|r| notes.contains(r))
                .collect();
            let id = set.new_id();
            set.themes.push(Theme {
                id,
                label: p.label.chars().take(LABEL_MAX).collect(),
                notes,
                representative,
            });
        }
        set.unsorted = unsorted.into_iter().filter(|n| seen.insert(*n)).collect();
        set
    }

    fn new_id(&mut self) -> u32 {
        self.next_id += 1;
        self.next_id
    }

    pub fn theme(&self, id: u32) -> Option<&Theme> {
        self.themes.iter().find(|t| t.id == id)
    }

    fn index(&self, id: u32) -> Result<usize, ThemeError> {
        self.themes
            .iter()
            .position(|t| t.id == id)
            .ok_or(ThemeError::NoTheme)
    }

    /// Every note of the set, sorted: what no operation may change.
    pub fn all_notes(&self) -> Vec<NoteId> {
        let mut all: Vec<NoteId> = self
            .themes
            .iter()
            .flat_map(|t| t.notes.iter().copied())
            .chain(self.unsorted.iter().copied())
            .collect();
        all.sort_unstable();
        all
    }

    /// The theme a note is in, if any.
    pub fn theme_of(&self, note: NoteId) -> Option<u32> {
        self.themes
            .iter()
            .find(|t| t.notes.contains(&note))
            .map(|t| t.id)
    }

    pub fn rename(&mut self, id: u32, label: &str) -> Result<(), ThemeError> {
        let label = text::bounded(label, LABEL_MAX).map_err(ThemeError::Label)?;
        let i = self.index(id)?;
        self.themes[i].label = label;
        Ok(())
    }

    /// Moves every note of `from` into `into` and removes `from`.
    pub fn merge(&mut self, into: u32, from: u32) -> Result<(), ThemeError> {
        if into == from {
            return Err(ThemeError::SameTheme);
        }
        let i = self.index(into)?;
        let f = self.index(from)?;
        let gone = self.themes.remove(f);
        let i = if f < i { i - 1 } else { i };
        let t = &mut self.themes[i];
        t.notes.extend(gone.notes);
        t.representative.extend(gone.representative);
        Ok(())
    }

    /// Takes the given notes out of their theme into a new theme with this label, placed right
    /// after it. Returns the new theme's id.
    pub fn split(&mut self, id: u32, notes: &[NoteId], label: &str) -> Result<u32, ThemeError> {
        let label = text::bounded(label, LABEL_MAX).map_err(ThemeError::Label)?;
        if self.themes.len() >= MAX_THEMES {
            return Err(ThemeError::TooMany);
        }
        let i = self.index(id)?;
        // A form may name a note twice; the new theme holds it once.
        let mut chosen: Vec<NoteId> = Vec::with_capacity(notes.len());
        for n in notes {
            if !chosen.contains(n) {
                chosen.push(*n);
            }
        }
        let notes = chosen.as_slice();
        if notes.is_empty() || notes.iter().any(|n| !self.themes[i].notes.contains(n)) {
            return Err(ThemeError::NoNote);
        }
        let t = &mut self.themes[i];
        t.notes.retain(|n| !notes.contains(n));
        let representative: Vec<NoteId> = t
            .representative
            .iter()
            .copied()
            .filter(|n| notes.contains(n))
            .collect();
        t.representative.retain(|n| !notes.contains(n));
        let new = self.new_id();
        self.themes.insert(
            i + 1,
            Theme {
                id: new,
                label,
                notes: notes.to_vec(),
                representative,
            },
        );
        Ok(new)
    }

    /// Moves a note to another theme, or to the unsorted notes with `None`.
    pub fn move_note(&mut self, note: NoteId, to: Option<u32>) -> Result<(), ThemeError> {
        if let Some(to) = to {
            self.index(to)?;
        }
        let was_unsorted = self.unsorted.contains(&note);
        if !was_unsorted && self.theme_of(note).is_none() {
            return Err(ThemeError::NoNote);
        }
        self.unsorted.retain(|n| *n != note);
        for t in &mut self.themes {
            t.notes.retain(|n| *n != note);
            t.representative.retain(|n| *n != note);
        }
        match to {
            Some(to) => {
                let i = self.index(to)?;
                self.themes[i].notes.push(note);
            }
            None => self.unsorted.push(note),
        }
        Ok(())
    }

    /// Moves several notes at once to a theme, or to the unsorted notes with `None`: the
    /// curation page's one "move the chosen notes" form. Every note must be in the set and at
    /// least one given; nothing changes when one is refused.
    pub fn move_notes(&mut self, notes: &[NoteId], to: Option<u32>) -> Result<(), ThemeError> {
        if let Some(to) = to {
            self.index(to)?;
        }
        let notes = self.known_distinct(notes)?;
        for n in notes {
            self.move_note(n, to)?;
        }
        Ok(())
    }

    /// Gathers notes from anywhere in the set (themes or unsorted) into a new theme with this
    /// label, placed after the theme of the first note (or last). Returns the new theme's id.
    pub fn gather(&mut self, notes: &[NoteId], label: &str) -> Result<u32, ThemeError> {
        let label = text::bounded(label, LABEL_MAX).map_err(ThemeError::Label)?;
        if self.themes.len() >= MAX_THEMES {
            return Err(ThemeError::TooMany);
        }
        let notes = self.known_distinct(notes)?;
        let after = self.theme_of(notes[0]);
        let mut representative = Vec::new();
        self.unsorted.retain(|n| !notes.contains(n));
        for t in &mut self.themes {
            t.notes.retain(|n| !notes.contains(n));
            representative.extend(t.representative.iter().filter(|r| notes.contains(r)));
            t.representative.retain(|n| !notes.contains(n));
        }
        let at = after
            .and_then(|id| self.themes.iter().position(|t| t.id == id))
            .map_or(self.themes.len(), |i| i + 1);
        let id = self.new_id();
        self.themes.insert(
            at,
            Theme {
                id,
                label,
                notes,
                representative,
            },
        );
        Ok(id)
    }

    /// The given notes without repeats, if there is at least one and each is in the set.
    fn known_distinct(&self, notes: &[NoteId]) -> Result<Vec<NoteId>, ThemeError> {
        let mut chosen: Vec<NoteId> = Vec::with_capacity(notes.len());
        for n in notes {
            if !chosen.contains(n) {
                chosen.push(*n);
            }
        }
        if chosen.is_empty()
            || chosen
                .iter()
                .any(|n| !self.unsorted.contains(n) && self.theme_of(*n).is_none())
        {
            return Err(ThemeError::NoNote);
        }
        Ok(chosen)
    }

    /// Removes a theme; its notes become unsorted.
    pub fn remove(&mut self, id: u32) -> Result<(), ThemeError> {
        let i = self.index(id)?;
        let gone = self.themes.remove(i);
        self.unsorted.extend(gone.notes);
        Ok(())
    }

    /// Adds notes that came after the set was made (say, a later session of the phase) to the
    /// unsorted ones, so that nothing said is left out of the curation.
    pub fn add_new_notes(&mut self, notes: impl IntoIterator<Item = NoteId>) -> usize {
        let known: std::collections::HashSet<NoteId> = self.all_notes().into_iter().collect();
        let before = self.unsorted.len();
        for n in notes {
            if !known.contains(&n) && !self.unsorted.contains(&n) {
                self.unsorted.push(n);
            }
        }
        self.unsorted.len() - before
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ids(n: usize) -> Vec<NoteId> {
        let mut v: Vec<NoteId> = (0..n).map(|_| NoteId::new()).collect();
        v.sort_unstable();
        v
    }

    fn set_of(notes: &[NoteId]) -> ThemeSet {
        ThemeSet::from_proposal(
            vec![
                Proposed {
                    label: "työrauha".into(),
                    notes: notes[0..3].to_vec(),
                    representative: vec![notes[1]],
                },
                Proposed {
                    label: "tauot".into(),
                    notes: notes[3..6].to_vec(),
                    representative: vec![notes[3]],
                },
            ],
            notes[6..].to_vec(),
        )
    }

    #[test]
    fn curation_renames_merges_splits_and_moves() {
        let n = ids(8);
        let mut s = set_of(&n);
        assert_eq!(s.themes.len(), 2);
        s.rename(1, "Työrauha luokassa").expect("exists");
        assert_eq!(
            s.theme(1).map(|t| t.label.as_str()),
            Some("Työrauha luokassa")
        );
        assert_eq!(
            s.rename(1, " "),
            Err(ThemeError::Label(FieldError::Required))
        );
        let new = s.split(1, &[n[0]], "Melu").expect("split");
        assert_eq!(
            s.themes.iter().map(|t| t.id).collect::<Vec<_>>(),
            [1, new, 2]
        );
        assert_eq!(s.theme_of(n[0]), Some(new));
        s.move_note(n[6], Some(2)).expect("unsorted to a theme");
        assert_eq!(s.theme_of(n[6]), Some(2));
        s.merge(2, new).expect("merge");
        assert_eq!(s.theme_of(n[0]), Some(2));
        assert!(s.theme(new).is_none());
        assert_eq!(s.merge(2, 2), Err(ThemeError::SameTheme));
        s.remove(1).expect("remove");
        assert!(s.unsorted.contains(&n[1]));
        assert_eq!(s.all_notes(), n, "no note lost or doubled");
        let later = NoteId::new();
        assert_eq!(s.add_new_notes([later, n[0]]), 1);
        let again = s.split(2, &[n[0], n[0]], "Melu").expect("split again");
        assert_eq!(
            s.theme(again).map(|t| t.notes.len()),
            Some(1),
            "a note named twice"
        );
        assert!(again > new, "ids are never reused");
    }

    #[test]
    fn chosen_notes_move_together_or_gather_into_a_new_theme() {
        let n = ids(8);
        let mut s = set_of(&n);
        // From two themes and the unsorted ones into theme 2, a note named twice.
        s.move_notes(&[n[0], n[6], n[0], n[1]], Some(2))
            .expect("move");
        assert_eq!(s.theme_of(n[0]), Some(2));
        assert_eq!(s.theme_of(n[6]), Some(2));
        assert!(!s.unsorted.contains(&n[6]));
        assert!(s.theme(1).is_some_and(|t| t.representative.is_empty()));
        assert_eq!(s.all_notes(), n, "no note lost or doubled");
        // Back to the unsorted ones.
        s.move_notes(&[n[0]], None).expect("to unsorted");
        assert!(s.unsorted.contains(&n[0]));
        // Refused as a whole: an unknown note, no note, an unknown theme.
        let before = s.clone();
        assert_eq!(
            s.move_notes(&[n[1], NoteId::new()], Some(1)),
            Err(ThemeError::NoNote)
        );
        assert_eq!(s.move_notes(&[], Some(1)), Err(ThemeError::NoNote));
        assert_eq!(s.move_notes(&[n[1]], Some(99)), Err(ThemeError::NoTheme));
        assert_eq!(s, before, "a refused move changes nothing");
        // Gathered from a theme and the unsorted ones; placed after the first note's theme.
        let new = s.gather(&[n[3], n[0]], "Melu").expect("gather");
        assert_eq!(
            s.themes.iter().map(|t| t.id).collect::<Vec<_>>(),
            [1, 2, new]
        );
        assert_eq!(
            s.theme(new).map(|t| t.notes.clone()),
            Some(vec![n[3], n[0]])
        );
        assert_eq!(
            s.theme(new).map(|t| t.representative.clone()),
            Some(vec![n[3]]),
            "a representative note stays one"
        );
        assert_eq!(
            s.gather(&[n[4]], " "),
            Err(ThemeError::Label(FieldError::Required))
        );
        assert_eq!(s.all_notes(), n, "no note lost or doubled");
    }

    #[test]
    fn a_proposal_that_repeats_a_note_keeps_it_once() {
        let n = ids(3);
        let s = ThemeSet::from_proposal(
            vec![
                Proposed {
                    label: "a".into(),
                    notes: vec![n[0], n[1]],
                    representative: vec![n[0], n[2]],
                },
                Proposed {
                    label: "b".into(),
                    notes: vec![n[1]],
                    representative: vec![],
                },
            ],
            vec![n[2], n[0]],
        );
        assert_eq!(s.themes.len(), 1, "a theme left empty is dropped");
        assert_eq!(s.themes[0].representative, [n[0]]);
        assert_eq!(s.unsorted, [n[2]]);
    }

    #[test]
    fn scopes_round_trip() {
        let sid = crate::LiveSessionId::new();
        for s in [
            Scope::Process,
            Scope::Phase { phase: 2 },
            Scope::Session { session: sid },
        ] {
            assert_eq!(Scope::parse(&s.code()), Some(s));
        }
        assert_eq!(Scope::parse("phase-0"), None);
        assert_eq!(Scope::parse("session-x"), None);
    }

    #[derive(Debug, Clone)]
    enum Op {
        Rename(usize),
        Merge(usize, usize),
        Split(usize, usize),
        Move(usize, Option<usize>),
        Remove(usize),
        MoveMany(Vec<usize>, Option<usize>),
        Gather(Vec<usize>),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (0..6usize).prop_map(Op::Rename),
            (0..6usize, 0..6usize).prop_map(|(a, b)| Op::Merge(a, b)),
            (0..6usize, 0..12usize).prop_map(|(a, b)| Op::Split(a, b)),
            (0..12usize, proptest::option::of(0..6usize)).prop_map(|(a, b)| Op::Move(a, b)),
            (0..6usize).prop_map(Op::Remove),
            (
                proptest::collection::vec(0..12usize, 0..5),
                proptest::option::of(0..6usize)
            )
                .prop_map(|(a, b)| Op::MoveMany(a, b)),
            proptest::collection::vec(0..12usize, 0..5).prop_map(Op::Gather),
        ]
    }

    proptest! {
        #[test]
        fn no_operation_loses_or_doubles_a_note(ops in proptest::collection::vec(op(), 0..40)) {
            let n = ids(12);
            let mut s = ThemeSet::from_proposal(
                (0..4)
                    .map(|i| Proposed {
                        label: format!("t{i}"),
                        notes: n[i * 3..i * 3 + 3].to_vec(),
                        representative: vec![n[i * 3]],
                    })
                    .collect(),
                Vec::new(),
            );
            let theme_id = |s: &ThemeSet, i: usize| s.themes.get(i % s.themes.len().max(1)).map(|t| t.id);
            for o in ops {
                // Refused operations are fine; what matters is what they leave behind.
                let _ = match o {
                    Op::Rename(i) => theme_id(&s, i).map(|id| s.rename(id, "uusi").map(|_| ())),
                    Op::Merge(a, b) => theme_id(&s, a).zip(theme_id(&s, b)).map(|(a, b)| s.merge(a, b)),
                    Op::Split(a, k) => theme_id(&s, a).map(|id| s.split(id, &[n[k]], "osa").map(|_| ())),
                    Op::Move(k, t) => Some(s.move_note(n[k], t.and_then(|t| theme_id(&s, t)))),
                    Op::Remove(i) => theme_id(&s, i).map(|id| s.remove(id)),
                    Op::MoveMany(k, t) => {
                        let chosen: Vec<NoteId> = k.iter().map(|k| n[*k]).collect();
                        let to = t.and_then(|t| theme_id(&s, t));
                        Some(s.move_notes(&chosen, to))
                    }
                    Op::Gather(k) => {
                        let chosen: Vec<NoteId> = k.iter().map(|k| n[*k]).collect();
                        Some(s.gather(&chosen, "koottu").map(|_| ()))
                    }
                };
                prop_assert_eq!(s.all_notes(), n.clone());
                for t in &s.themes {
                    prop_assert!(t.representative.iter().all(|r| t.notes.contains(r)));
                }
            }
        }
    }
}
