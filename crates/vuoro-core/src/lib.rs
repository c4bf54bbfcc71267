//! The domain of vuoro: what a dialogue process is, which states it moves through, which methods
//! it can follow and who may do what. This crate does no I/O; the store and the web crates build
//! on these types, so the rules here hold whatever the storage or the interface.

pub mod assignment;
pub mod cafe;
pub mod catalogue;
pub mod feedback;
pub mod ids;
pub mod lang;
pub mod live;
pub mod method;
pub mod mixing;
pub mod network;
pub mod notices;
pub mod offer;
pub mod openspace;
pub mod order;
pub mod partner;
pub mod permission;
pub mod plan;
pub mod practice;
pub mod process;
pub mod proposals;
pub mod reports;
pub mod retention;
pub mod summary;
pub mod text;
pub mod themes;

pub use ids::{
    AbsenceId, ActivityId, CompletionRequestId, HeldTrainingId, ListingImportId, LiveSessionId,
    MeetingId, NoteId, OrgId, OrgPlanId, ParticipantId, PartnershipId, PlanAreaId, PracticeId,
    ProcessId, TopicId, TrainingId, UnitId, UserId,
};
pub use lang::{Lang, Localized};
pub use permission::{Action, Role, RoleSet};
pub use process::{ProcessState, Transition, TransitionError};
pub use text::{FieldError, FieldErrors};
