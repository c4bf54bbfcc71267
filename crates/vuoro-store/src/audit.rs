//! The audit log: administrative actions (sign-on settings, a staff member's export, deletion
//! or anonymisation, retention changes and the deletions the retention rule made) with who did
//! them, when, and to whom, readable by the organisation's admins. Role changes and invitations
//! have kept their own history since part 5 (`role_changes`, `invitations`); the audit page
//! shows them beside these entries rather than writing each twice.
//!
//! An entry names staff only, never a participant: `detail` ([`AuditDetail`]) is made by the
//! server (counts, a period, a role list), never words a participant wrote.
//!
//! A write that belongs to another change (a deletion and its record) goes through the
//! backend's `audit::insert_audit(&mut *tx, &entry)` inside that change's transaction; a change
//! that is nothing but the entry uses [`AuditStore::record_audit`].

use crate::Result;
use async_trait::async_trait;
use time::OffsetDateTime;
use vuoro_core::{OrgId, UserId};

/// What an administrative action was. Stored by [`AuditAction::as_str`], so a code once
/// written is never renamed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuditAction {
    /// Everything held about a staff member was exported as JSON.
    StaffExported,
    StaffDeleted,
    StaffAnonymised,
    /// A process's retention rule was changed.
    RetentionChanged,
    /// The daily pass deleted what a process's retention rule said was due.
    RetentionDeleted,
    /// An organisation's mapping of sign-on groups to roles changed.
    SignOnMappingChanged,
    /// Password log-in was turned on or off for an organisation.
    PasswordLoginChanged,
    /// A partner agreement was proposed (by this side or to it).
    PartnershipProposed,
    PartnershipAccepted,
    /// A partner agreement ended, or its proposal was withdrawn or turned down.
    PartnershipEnded,
}

impl AuditAction {
    pub const ALL: [AuditAction; 10] = [
        AuditAction::StaffExported,
        AuditAction::StaffDeleted,
        AuditAction::StaffAnonymised,
        AuditAction::RetentionChanged,
        AuditAction::RetentionDeleted,
        AuditAction::SignOnMappingChanged,
        AuditAction::PasswordLoginChanged,
        AuditAction::PartnershipProposed,
        AuditAction::PartnershipAccepted,
        AuditAction::PartnershipEnded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::StaffExported => "staff_exported",
            AuditAction::StaffDeleted => "staff_deleted",
            AuditAction::StaffAnonymised => "staff_anonymised",
            AuditAction::RetentionChanged => "retention_changed",
            AuditAction::RetentionDeleted => "retention_deleted",
            AuditAction::SignOnMappingChanged => "sign_on_mapping_changed",
            AuditAction::PasswordLoginChanged => "password_login_changed",
            AuditAction::PartnershipProposed => "partnership_proposed",
            AuditAction::PartnershipAccepted => "partnership_accepted",
            AuditAction::PartnershipEnded => "partnership_ended",
        }
    }

    pub fn parse(s: &str) -> Option<AuditAction> {
        AuditAction::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// What an entry's `detail` says, stored as JSON so that the audit page renders it in the
/// reader's language. Entries written before it (short English or code text) read back as
/// [`AuditDetail::Text`] and are shown as they are.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "detail", rename_all = "snake_case")]
pub enum AuditDetail {
    /// Nothing to add: the action and the person say it all.
    None,
    /// A process's retention rule went from `before` to `after` months.
    RetentionChanged {
        title: String,
        before: u32,
        after: u32,
    },
    /// What the daily pass deleted in a process: a count per [`crate::RawKind`] code, of the
    /// kinds it found.
    RetentionDeleted {
        title: String,
        counts: Vec<(String, u64)>,
    },
    /// A sign-on group now maps to these roles (codes; none: the group was removed).
    SignOnGroup { group: String, roles: Vec<String> },
    /// Password log-in was turned on or off.
    PasswordLogin { allowed: bool },
    /// A partner agreement with the organisation named `org` (its name then), of this scope
    /// (`vuoro_core::partner::Scope` code).
    Partnership { org: String, scope: String },
    /// An entry from before details were structured.
    #[serde(skip)]
    Text(String),
}

impl AuditDetail {
    /// The text stored in `audit_log.detail`.
    pub fn to_stored(&self) -> String {
        match self {
            AuditDetail::Text(t) => t.clone(),
            // Serialising a plain enum of strings and numbers cannot fail.
            other => serde_json::to_string(other).unwrap_or_default(),
        }
    }

    /// Reads a stored detail back; anything that is not one of ours is old text.
    pub fn parse(stored: &str) -> AuditDetail {
        if stored.is_empty() {
            return AuditDetail::None;
        }
        serde_json::from_str(stored).unwrap_or_else(|_| AuditDetail::Text(stored.to_owned()))
    }
}

/// An entry to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAuditEntry {
    /// The organisation whose admins see it; `None` for what concerns the whole site.
    pub org: Option<OrgId>,
    /// Who did it; `None` for the server's own jobs (the daily retention pass).
    pub actor: Option<UserId>,
    pub action: AuditAction,
    /// The staff member it was done to, if any. Never a participant.
    pub target_user: Option<UserId>,
    /// [`AuditDetail::to_stored`]: made by the server, never a participant's words or
    /// identity.
    pub detail: String,
    pub at: OffsetDateTime,
}

/// A stored entry, with the names of its actor and target as the accounts hold them now (an
/// account deleted since has none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i64,
    pub org: Option<OrgId>,
    pub actor: Option<UserId>,
    pub actor_name: Option<String>,
    pub action: AuditAction,
    pub target_user: Option<UserId>,
    pub target_name: Option<String>,
    pub detail: String,
    pub at: OffsetDateTime,
}

#[async_trait]
pub trait AuditStore: Send + Sync {
    /// Writes one entry on its own.
    async fn record_audit(&self, entry: &NewAuditEntry) -> Result<()>;
    /// The organisation's entries, newest first, at most `limit`, starting below the entry
    /// `before` (its id) when given: the audit page's "more" link.
    async fn audit_log(
        &self,
        org: OrgId,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<AuditEntry>>;
}
