//! Partner agreements between organisations (part 9, see `vuoro_core::partner`): proposed by
//! one side's admin, accepted by the other's, ended by either.
//!
//! Table (SQLite 0024, PostgreSQL 0014): `partnerships`, one row per agreement, its status
//! read from its times. At most one agreement between two organisations is proposed or in
//! force at a time (a unique index over the pair while `ended_at` is empty), so two admins
//! proposing to each other at once leave one proposal. Every change writes an audit entry for
//! each side in its own transaction ([`partnership_audit`]), so both sides' admins see who
//! proposed, accepted or ended it.

use crate::{AuditAction, AuditDetail, NewAuditEntry, Result};
use async_trait::async_trait;
use time::OffsetDateTime;
use vuoro_core::partner::{Partnership, Scope};
use vuoro_core::{OrgId, PartnershipId, UserId};

/// `Duplicate` when the two organisations already have an agreement proposed or in force.
pub const PARTNERSHIP_EXISTS: &str = "partnership";
/// `Conflict` when the agreement is no longer a proposal (accepted or ended meanwhile).
pub const NOT_PROPOSED: &str = "the agreement is not a proposal";
/// `Conflict` when the agreement has ended already.
pub const ENDED: &str = "the agreement has ended";

/// A proposal to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPartnership {
    pub proposer: OrgId,
    pub partner: OrgId,
    pub scope: Scope,
    pub by: UserId,
    pub at: OffsetDateTime,
}

#[async_trait]
pub trait PartnerStore: Send + Sync {
    /// Writes a proposal with its audit entries. `NotFound` when either organisation does not
    /// exist (or they are the same one); `Duplicate(PARTNERSHIP_EXISTS)` when the two already
    /// have an agreement proposed or in force.
    async fn propose_partnership(&self, new: &NewPartnership) -> Result<Partnership>;
    /// The agreements of any of `orgs`, proposed, in force and ended, newest first.
    async fn partnerships(&self, orgs: &[OrgId]) -> Result<Vec<Partnership>>;
    /// One agreement; `NotFound` without it.
    async fn partnership(&self, id: PartnershipId) -> Result<Partnership>;
    /// Accepts a proposal, with the audit entries. `NotFound` without it;
    /// `Conflict(NOT_PROPOSED)` unless it is still a proposal: one conditional update decides.
    async fn accept_partnership(
        &self,
        id: PartnershipId,
        by: UserId,
        at: OffsetDateTime,
    ) -> Result<()>;
    /// Ends an agreement, or withdraws or turns down a proposal, with the audit entries.
    /// `NotFound` without it; `Conflict(ENDED)` when it has ended already.
    async fn end_partnership(
        &self,
        id: PartnershipId,
        by: UserId,
        at: OffsetDateTime,
    ) -> Result<()>;
}

/// The audit entries of a change to an agreement: one for each side, naming the other side
/// (`names` are the proposer's and the partner's names) and the scope.
pub fn partnership_audit(
    p: &Partnership,
    names: (&str, &str),
    action: AuditAction,
    actor: UserId,
    at: OffsetDateTime,
) -> [NewAuditEntry; 2] {
    let entry = |org: OrgId, other: &str| NewAuditEntry {
        org: Some(org),
        actor: Some(actor),
        action,
        target_user: None,
        detail: AuditDetail::Partnership {
            org: other.to_owned(),
            scope: p.scope.code().to_owned(),
        }
        .to_stored(),
        at,
    };
    [entry(p.proposer, names.1), entry(p.partner, names.0)]
}
