//! Offering an order to a facilitator (Part 9, assignment): a coordinator assigns, the
//! facilitator answers. A coordinator assigning themselves, or someone who volunteered for the
//! order, has said yes already; anyone else is asked, and may decline with a reason. A declined
//! order returns to the queue and its next proposal never names who declined.

use crate::ids::UserId;
use serde::{Deserialize, Serialize};

/// Where an offer stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OfferStatus {
    /// Offered; the facilitator has not answered yet.
    Awaiting,
    Accepted,
    /// Declined with a reason: the order went back to the queue.
    Declined,
    /// The coordinator gave the order to someone else before an answer came.
    Withdrawn,
}

impl OfferStatus {
    pub const ALL: [OfferStatus; 4] = [
        OfferStatus::Awaiting,
        OfferStatus::Accepted,
        OfferStatus::Declined,
        OfferStatus::Withdrawn,
    ];

    pub fn code(self) -> &'static str {
        match self {
            OfferStatus::Awaiting => "awaiting",
            OfferStatus::Accepted => "accepted",
            OfferStatus::Declined => "declined",
            OfferStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.code() == s)
    }

    /// How an assignment starts: accepted when the facilitator is the coordinator who assigns
    /// (nobody asks themselves) or volunteered for the order (they asked for it), otherwise
    /// awaiting their answer.
    pub fn on_assign(facilitator: UserId, by: UserId, volunteered: bool) -> Self {
        if facilitator == by || volunteered {
            OfferStatus::Accepted
        } else {
            OfferStatus::Awaiting
        }
    }
}

/// The facilitator's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    Accept,
    /// With their reason, required (`text::bounded`), so the coordinator knows whether to
    /// ask again later (an absence) or never (a conflict of interest).
    Decline(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for s in OfferStatus::ALL {
            assert_eq!(OfferStatus::parse(s.code()), Some(s));
        }
        assert_eq!(OfferStatus::parse("maybe"), None);
    }

    #[test]
    fn only_someone_else_who_did_not_volunteer_is_asked() {
        let (a, b) = (UserId::new(), UserId::new());
        assert_eq!(OfferStatus::on_assign(a, a, false), OfferStatus::Accepted);
        assert_eq!(OfferStatus::on_assign(a, b, true), OfferStatus::Accepted);
        assert_eq!(OfferStatus::on_assign(a, b, false), OfferStatus::Awaiting);
    }
}
