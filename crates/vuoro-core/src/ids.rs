//! Identifiers. Every entity gets a UUIDv7: it sorts by creation time, so indexes stay compact,
//! and it can be minted on any server without a shared counter, which keeps the door open for
//! several servers and a PostgreSQL backend.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            /// A fresh, time-ordered identifier.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }

            /// Parses the textual form used in URLs and in the database.
            pub fn parse(s: &str) -> Result<Self, IdError> {
                Uuid::parse_str(s).map(Self).map_err(|_| IdError)
            }

            pub fn as_uuid(&self) -> Uuid {
                self.0
            }

            pub fn from_uuid(u: Uuid) -> Self {
                Self(u)
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                // The hyphenated form is what users see in URLs and what the database stores.
                fmt::Display::fmt(&self.0.hyphenated(), f)
            }
        }

        impl FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, IdError> {
                Self::parse(s)
            }
        }
    };
}

/// A string that is not a valid identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a valid identifier")]
pub struct IdError;

id_type!(
    /// An organisation: a municipality, a joint authority, an NGO or another body.
    OrgId
);
id_type!(
    /// A unit inside an organisation (toimiala, yksikkö).
    UnitId
);
id_type!(
    /// A staff account.
    UserId
);
id_type!(
    /// A dialogue process, from order to closing.
    ProcessId
);
id_type!(
    /// One run of a planned session: the facilitator opens it, participants join it.
    LiveSessionId
);
id_type!(
    /// An anonymous participant of a process, known only by the token in their browser.
    ParticipantId
);
id_type!(
    /// A note written in a live session.
    NoteId
);
id_type!(
    /// A topic proposed in an open space.
    TopicId
);
id_type!(
    /// A practice a work community agreed on.
    PracticeId
);
id_type!(
    /// A line of an organisation's dialogue catalogue.
    ActivityId
);
id_type!(
    /// A plan of an organisation that dialogue feeds (an open government action plan, a
    /// strategy); not the plan of a process.
    OrgPlanId
);
id_type!(
    /// An area of an organisation's plan.
    PlanAreaId
);
id_type!(
    /// A coordinator's request to complete an organisation's catalogue.
    CompletionRequestId
);
id_type!(
    /// One import of a listing document into the catalogue.
    ListingImportId
);
id_type!(
    /// A training a coordinator recorded for the facilitator network.
    TrainingId
);
id_type!(
    /// A meeting of the facilitator network.
    MeetingId
);
id_type!(
    /// A stretch of days a facilitator is away.
    AbsenceId
);
id_type!(
    /// One training a person holds: from a recorded training, or done before the platform.
    HeldTrainingId
);
id_type!(
    /// An agreement between two organisations to share their facilitators.
    PartnershipId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_text() {
        let id = ProcessId::new();
        assert_eq!(ProcessId::parse(&id.to_string()), Ok(id));
        assert_eq!(ProcessId::parse("not-an-id"), Err(IdError));
    }

    #[test]
    fn ids_sort_by_creation() {
        let a = OrgId::new();
        let b = OrgId::new();
        assert!(a < b);
    }
}
