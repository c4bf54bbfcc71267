//! Practices: what a work community agrees in phase 2 of a Good Practices Dialogue. Each is
//! something to keep and strengthen or something to develop, with who takes it forward and by
//! when, followed up later (in progress, done, dropped).

use crate::text::{self, FieldError, FieldErrors, limits};
use serde::{Deserialize, Serialize};
use time::Date;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PracticeKind {
    /// What already works and is kept and strengthened.
    Keep,
    /// What the community wants to develop.
    Develop,
}

impl PracticeKind {
    pub const ALL: [PracticeKind; 2] = [PracticeKind::Keep, PracticeKind::Develop];

    pub fn code(self) -> &'static str {
        match self {
            PracticeKind::Keep => "keep",
            PracticeKind::Develop => "develop",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PracticeStatus {
    /// Agreed in the session, not started yet.
    Agreed,
    InProgress,
    Done,
    Dropped,
}

impl PracticeStatus {
    pub const ALL: [PracticeStatus; 4] = [
        PracticeStatus::Agreed,
        PracticeStatus::InProgress,
        PracticeStatus::Done,
        PracticeStatus::Dropped,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PracticeStatus::Agreed => "agreed",
            PracticeStatus::InProgress => "in_progress",
            PracticeStatus::Done => "done",
            PracticeStatus::Dropped => "dropped",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == s)
    }

    /// Whether the practice still needs following up.
    pub fn is_open(self) -> bool {
        matches!(self, PracticeStatus::Agreed | PracticeStatus::InProgress)
    }
}

/// A practice as its form gives it, validated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PracticeInput {
    pub kind: PracticeKind,
    pub title: String,
    /// Who takes it forward: a role or a name, as the group wrote it.
    pub owner: Option<String>,
    pub due: Option<Date>,
}

impl PracticeInput {
    /// Reads the form's fields: `kind`, `title`, `owner`, `due` (YYYY-MM-DD, optional).
    pub fn parse(kind: &str, title: &str, owner: &str, due: &str) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::new();
        let kind = e.take(
            "kind",
            PracticeKind::parse(kind).ok_or(FieldError::Required),
        );
        let title = e.take("title", text::bounded(title, limits::SHORT));
        let owner = e.take("owner", text::optional(owner, limits::NAME));
        let due = e.take(
            "due",
            if due.trim().is_empty() {
                Ok(None)
            } else {
                crate::plan::parse_date(due).map(Some)
            },
        );
        match (kind, title, owner, due) {
            (Some(kind), Some(title), Some(owner), Some(due)) => Ok(PracticeInput {
                kind,
                title,
                owner,
                due,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_practice_form_is_checked_field_by_field() {
        let p = PracticeInput::parse(
            "develop",
            " Viikkopalaveri perjantaisin ",
            "tiimivastaava",
            "2027-03-31",
        )
        .expect("valid");
        assert_eq!(p.kind, PracticeKind::Develop);
        assert_eq!(p.title, "Viikkopalaveri perjantaisin");
        assert_eq!(p.owner.as_deref(), Some("tiimivastaava"));
        assert_eq!(p.due.map(|d| d.to_string()), Some("2027-03-31".into()));
        let p =
            PracticeInput::parse("keep", "Aamukahvit", "", "").expect("owner and date optional");
        assert_eq!((p.owner, p.due), (None, None));
        let e = PracticeInput::parse("other", "", "", "31.3.2027").expect_err("bad");
        assert_eq!(e.get("kind"), Some(&FieldError::Required));
        assert_eq!(e.get("title"), Some(&FieldError::Required));
        assert_eq!(e.get("due"), Some(&FieldError::Invalid));
    }

    #[test]
    fn codes_round_trip() {
        for s in PracticeStatus::ALL {
            assert_eq!(PracticeStatus::parse(s.code()), Some(s));
        }
        for k in PracticeKind::ALL {
            assert_eq!(PracticeKind::parse(k.code()), Some(k));
        }
        assert!(PracticeStatus::InProgress.is_open());
        assert!(!PracticeStatus::Dropped.is_open());
    }
}
