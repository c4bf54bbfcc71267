//! Offers and volunteers (part 9, assignment): an order offered to a facilitator and their
//! answer, and the facilitators who volunteered for an order waiting in the queue.
//!
//! Tables (SQLite 0022, PostgreSQL 0012): `facilitator_offers`, one row per assignment
//! ([`crate::ProcessStore::assign_facilitator`] writes it with the process's facilitator), at
//! most one of a process awaiting an answer; `order_volunteers`, one row per order and person.
//! A process assigned before offers existed has no row and counts as accepted.
//!
//! A removed staff member's volunteering goes with them and the reasons they gave for
//! declining are emptied ([`crate::RightsStore::remove_staff`]): a reason may tell of their
//! health or their relations. The offers themselves stay, as the dialogue history does.

use crate::{NewMail, Result};
use async_trait::async_trait;
use serde::Serialize;
use time::OffsetDateTime;
use vuoro_core::offer::{Answer, OfferStatus};
use vuoro_core::{OrgId, ProcessId, UserId};

/// `Conflict` when no offer awaits the person's answer.
pub const NOT_AWAITING: &str = "no offer awaits this person's answer";
/// `Conflict` when the order is no longer waiting in the queue for a facilitator (ordered or
/// agreed, without one).
pub const NOT_WAITING: &str = "the order is not waiting for a facilitator";

/// An order offered to a facilitator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    pub process: ProcessId,
    pub facilitator: UserId,
    /// The coordinator who assigned.
    pub offered_by: UserId,
    pub offered_at: OffsetDateTime,
    pub status: OfferStatus,
    /// When it was accepted, declined or withdrawn.
    pub answered_at: Option<OffsetDateTime>,
    /// Why they declined.
    pub reason: Option<String>,
}

impl Offer {
    /// The one offer among a process's offers that awaits an answer, if any (the store keeps
    /// at most one).
    pub fn awaiting(offers: &[Offer]) -> Option<&Offer> {
        offers.iter().find(|o| o.status == OfferStatus::Awaiting)
    }
}

/// A person's offers and volunteering, as their data export lists them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct OfferRecord {
    pub offers: Vec<RecordOffer>,
    pub volunteered: Vec<RecordVolunteer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordOffer {
    /// The process's title.
    pub process: String,
    pub offered_at: String,
    pub status: &'static str,
    pub answered_at: Option<String>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordVolunteer {
    pub process: String,
    pub at: String,
}

#[async_trait]
pub trait OfferStore: Send + Sync {
    /// Assigns as [`crate::ProcessStore::assign_facilitator`] does, but only while the process
    /// still waits in the queue (ordered or agreed, without a facilitator): `Conflict(NOT_WAITING)`
    /// otherwise, so an assignment computed from the queue never replaces one made meanwhile.
    async fn offer_waiting(
        &self,
        id: ProcessId,
        facilitator: UserId,
        actor: UserId,
        status: OfferStatus,
        at: OffsetDateTime,
        outbox: &[NewMail],
    ) -> Result<()>;
    /// The offers of these processes, oldest first.
    async fn offers(&self, processes: &[ProcessId]) -> Result<Vec<Offer>>;
    /// The offers awaiting this person's answer, in any organisation, oldest first.
    async fn awaiting_offers(&self, facilitator: UserId) -> Result<Vec<Offer>>;
    /// Answers the offer of `process` awaiting `facilitator`, with the event
    /// (`OfferAccepted` or `OfferDeclined`) and `outbox`, in one transaction. A decline takes
    /// the facilitator off the process, so the order returns to the queue. `NotFound` without
    /// the process; `Conflict` when no offer of it awaits them (answered already, withdrawn,
    /// or given to someone else meanwhile): one conditional update decides, so two answers at
    /// once cannot both count.
    async fn answer_offer(
        &self,
        process: ProcessId,
        facilitator: UserId,
        answer: &Answer,
        at: OffsetDateTime,
        outbox: &[NewMail],
    ) -> Result<()>;
    /// Records that `user` volunteers for the order; volunteering again changes nothing.
    /// `NotFound` without the process; `Conflict` unless it is waiting in the queue (ordered,
    /// without a facilitator).
    async fn volunteer(&self, process: ProcessId, user: UserId, at: OffsetDateTime) -> Result<()>;
    /// Takes the volunteering back; `NotFound` when there was none.
    async fn withdraw_volunteer(&self, process: ProcessId, user: UserId) -> Result<()>;
    /// Who volunteered for these processes: (process, person), in the order they did.
    async fn volunteers(&self, processes: &[ProcessId]) -> Result<Vec<(ProcessId, UserId)>>;
    /// The person's offers and volunteering, for their data export; within one organisation
    /// when `org` is given.
    async fn offer_record(&self, user: UserId, org: Option<OrgId>) -> Result<OfferRecord>;
}
