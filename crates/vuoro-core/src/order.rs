//! An order (tilaus): what a supervisor asks for when they order a dialogue process.

use crate::ids::UnitId;
use crate::lang::ParticipantLang;
use crate::method::Format;
use crate::text::{self, FieldErrors, limits};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum ParticipantKind {
    Staff,
    Residents,
    Pupils,
    Parents,
    Clients,
    Other,
}

impl ParticipantKind {
    pub const ALL: [ParticipantKind; 6] = [
        ParticipantKind::Staff,
        ParticipantKind::Residents,
        ParticipantKind::Pupils,
        ParticipantKind::Parents,
        ParticipantKind::Clients,
        ParticipantKind::Other,
    ];
    pub fn code(self) -> &'static str {
        match self {
            ParticipantKind::Staff => "staff",
            ParticipantKind::Residents => "residents",
            ParticipantKind::Pupils => "pupils",
            ParticipantKind::Parents => "parents",
            ParticipantKind::Clients => "clients",
            ParticipantKind::Other => "other",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == s)
    }
}

/// The method the orderer wants, or a request for the facilitator's advice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum MethodChoice {
    Method(String),
    AdviseMe,
}

/// A validated order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    /// The work community or group the dialogue is for.
    pub community: String,
    pub unit: Option<UnitId>,
    pub reason: String,
    pub outcome: String,
    pub timing: String,
    pub participant_count: u32,
    pub participant_kinds: BTreeSet<ParticipantKind>,
    pub languages: BTreeSet<ParticipantLang>,
    pub format: Format,
    pub method: MethodChoice,
    /// Nobody of the orderer's own organisation should facilitate: a management team, a board,
    /// a community in a crisis where every colleague is a party. A partner organisation's
    /// facilitator is proposed instead (`crate::partner`). Orders from before the question was
    /// asked read as not needing one.
    #[serde(default)]
    pub needs_outsider: bool,
}

/// An order as typed into the form: every field is kept as text so that a refused form comes
/// back with exactly what the user wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderInput {
    pub community: String,
    pub unit: String,
    pub reason: String,
    pub outcome: String,
    pub timing: String,
    pub participant_count: String,
    pub participant_kinds: Vec<String>,
    pub languages: Vec<String>,
    pub format: String,
    pub method: String,
    /// The check box "needs an outsider"; nothing to validate.
    pub needs_outsider: bool,
}

pub const MAX_PARTICIPANTS: i64 = 100_000;
pub const ADVISE_ME: &str = "advise";

impl OrderInput {
    /// Checks every field and returns all errors at once. `known_units` and `method_exists`
    /// come from the store and the library, which this crate cannot see.
    pub fn validate(
        &self,
        known_units: &[UnitId],
        method_exists: impl Fn(&str) -> bool,
    ) -> Result<Order, FieldErrors> {
        let mut e = FieldErrors::new();
        let community = e.take("community", text::bounded(&self.community, limits::NAME));
        let unit = match self.unit.trim() {
            "" => Some(None),
            s => e.take(
                "unit",
                UnitId::parse(s)
                    .ok()
                    .filter(|u| known_units.contains(u))
                    .map(Some)
                    .ok_or(text::FieldError::Invalid),
            ),
        };
        let reason = e.take("reason", text::bounded(&self.reason, limits::LONG));
        let outcome = e.take("outcome", text::bounded(&self.outcome, limits::LONG));
        let timing = e.take("timing", text::bounded(&self.timing, limits::SHORT));
        let count = e.take(
            "participant_count",
            text::number(&self.participant_count, 1, MAX_PARTICIPANTS),
        );
        let kinds: Option<BTreeSet<ParticipantKind>> = self
            .participant_kinds
            .iter()
            .map(|k| ParticipantKind::parse(k))
            .collect();
        let kinds = match kinds {
            None => {
                e.add("participant_kinds", text::FieldError::Invalid);
                None
            }
            Some(k) if k.is_empty() => {
                e.add("participant_kinds", text::FieldError::Required);
                None
            }
            Some(k) => Some(k),
        };
        let langs: Option<BTreeSet<ParticipantLang>> = self
            .languages
            .iter()
            .map(|l| ParticipantLang::parse(l))
            .collect();
        let langs = match langs {
            None => {
                e.add("languages", text::FieldError::Invalid);
                None
            }
            Some(l) if l.is_empty() => {
                e.add("languages", text::FieldError::Required);
                None
            }
            Some(l) => Some(l),
        };
        let format = e.take(
            "format",
            match self.format.as_str() {
                "" => Err(text::FieldError::Required),
                f => Format::parse(f).ok_or(text::FieldError::Invalid),
            },
        );
        let method = e.take(
            "method",
            match self.method.as_str() {
                "" => Err(text::FieldError::Required),
                ADVISE_ME => Ok(MethodChoice::AdviseMe),
                id if method_exists(id) => Ok(MethodChoice::Method(id.to_owned())),
                _ => Err(text::FieldError::Invalid),
            },
        );
        match (
            community, unit, reason, outcome, timing, count, kinds, langs, format, method,
        ) {
            (
                Some(community),
                Some(unit),
                Some(reason),
                Some(outcome),
                Some(timing),
                Some(count),
                Some(participant_kinds),
                Some(languages),
                Some(format),
                Some(method),
            ) if e.is_empty() => Ok(Order {
                community,
                unit,
                reason,
                outcome,
                timing,
                // The range check above keeps the count within u32.
                participant_count: u32::try_from(count).unwrap_or(u32::MAX),
                participant_kinds,
                languages,
                format,
                method,
                needs_outsider: self.needs_outsider,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::FieldError;

    fn good() -> OrderInput {
        OrderInput {
            community: "Kotihoidon tiimi 3".into(),
            unit: String::new(),
            reason: "Uusi toimintamalli".into(),
            outcome: "Yhteinen ymmärrys".into(),
            timing: "Helmikuu".into(),
            participant_count: "14".into(),
            participant_kinds: vec!["staff".into()],
            languages: vec!["fi".into(), "sv".into()],
            format: "hybrid".into(),
            method: "eratauko".into(),
            needs_outsider: true,
        }
    }

    #[test]
    fn a_complete_order_validates() {
        let o = good().validate(&[], |id| id == "eratauko").expect("valid");
        assert_eq!(o.participant_count, 14);
        assert_eq!(o.method, MethodChoice::Method("eratauko".into()));
        assert_eq!(o.format, Format::Hybrid);
        assert!(o.needs_outsider);
    }

    #[test]
    fn every_error_is_reported_at_once() {
        let bad = OrderInput {
            community: " ".into(),
            participant_count: "lots".into(),
            participant_kinds: vec![],
            languages: vec!["xx".into()],
            method: "no-such-method".into(),
            unit: "not-a-unit".into(),
            ..good()
        };
        let e = bad.validate(&[], |_| false).expect_err("invalid");
        assert_eq!(e.get("community"), Some(&FieldError::Required));
        assert_eq!(e.get("participant_count"), Some(&FieldError::Invalid));
        assert_eq!(e.get("participant_kinds"), Some(&FieldError::Required));
        assert_eq!(e.get("languages"), Some(&FieldError::Invalid));
        assert_eq!(e.get("method"), Some(&FieldError::Invalid));
        assert_eq!(e.get("unit"), Some(&FieldError::Invalid));
        assert!(e.get("reason").is_none());
    }

    #[test]
    fn advise_me_is_a_choice() {
        let o = OrderInput {
            method: ADVISE_ME.into(),
            ..good()
        }
        .validate(&[], |_| false)
        .expect("valid");
        assert_eq!(o.method, MethodChoice::AdviseMe);
    }
}
