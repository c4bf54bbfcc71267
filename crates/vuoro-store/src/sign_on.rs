//! Single sign-on with an OpenID Connect provider: the sign-ons under way, the link from a
//! provider's identity (issuer and subject) to an account, the roles an organisation gives to
//! the values of the provider's groups claim, and whether an organisation's members may still
//! log in with a password. Times are arguments, as everywhere in the store.

use crate::audit::{AuditAction, AuditDetail, NewAuditEntry};
use crate::{Result, User};
use async_trait::async_trait;
use time::OffsetDateTime;
use vuoro_core::{OrgId, RoleSet, UserId};

/// A sign-on started by a browser and not yet finished: what the callback checks. The browser
/// holds a random token in a cookie; only its hash is stored, so a database leak hands out no
/// sign-on under way. Kept server-side, so any server process can finish what another started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignOnStart {
    pub token_hash: String,
    /// The `state` sent to the provider, which must come back unchanged.
    pub state: String,
    /// The `nonce` the ID token must carry.
    pub nonce: String,
    /// The PKCE verifier whose challenge went to the provider.
    pub pkce_verifier: String,
    /// Where to go once logged in: a local path, or empty for the front page.
    pub next: String,
    pub expires_at: OffsetDateTime,
}

/// The roles an organisation gives to everyone whose groups claim holds `group`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupRoles {
    pub group: String,
    pub roles: RoleSet,
}

#[async_trait]
pub trait SignOnStore: Send + Sync {
    /// Stores a sign-on under way, forgetting those that expired at `now`.
    async fn start_sign_on(&self, s: &SignOnStart, now: OffsetDateTime) -> Result<()>;
    /// Reads and deletes the sign-on under way with this token hash, in one step, so a
    /// callback can be answered once. `None` if there is none or it expired at `now`.
    async fn take_sign_on(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<SignOnStart>>;

    /// The account linked to the provider's identity, if any.
    async fn sign_on_user(&self, issuer: &str, subject: &str) -> Result<Option<User>>;
    /// The providers' identities linked to the account, as (issuer, subject), for the export
    /// of what is held about a person.
    async fn sign_on_identities(&self, user: UserId) -> Result<Vec<(String, String)>>;
    /// Links the provider's identity to an account. `Duplicate` if the identity is linked
    /// already (to whichever account), or the account has an identity of this issuer already.
    async fn link_sign_on(
        &self,
        issuer: &str,
        subject: &str,
        user: UserId,
        now: OffsetDateTime,
    ) -> Result<()>;
    /// The token hashes of the invitations to `email` that are neither accepted nor expired at
    /// `now`, oldest first: the first sign-on of someone without an account accepts one.
    async fn open_invitations(&self, email: &str, now: OffsetDateTime) -> Result<Vec<String>>;

    /// The organisation's groups and their roles, by group.
    async fn group_roles(&self, org: OrgId) -> Result<Vec<GroupRoles>>;
    /// Sets the roles `group` gives in `org` (an empty set removes the group) and records it in
    /// the audit log, in one transaction.
    async fn set_group_roles(
        &self,
        org: OrgId,
        group: &str,
        roles: RoleSet,
        actor: UserId,
        now: OffsetDateTime,
    ) -> Result<()>;
    /// Applies every organisation's groups to the account at a sign-on, in one transaction:
    /// in an organisation with groups, the roles its groups can give follow `groups` (given
    /// for a group held, taken away otherwise), and the roles no group gives stay as they
    /// are. Each change is recorded as a role change by the account itself, via sign-on. An
    /// organisation that may not give the account roles (its address is unconfirmed and came
    /// from another organisation) is skipped. Returns the organisations whose roles changed.
    async fn apply_group_roles(
        &self,
        user: UserId,
        groups: &[String],
        now: OffsetDateTime,
    ) -> Result<Vec<OrgId>>;

    /// Whether the organisation's members may log in with a password (the default).
    async fn password_login(&self, org: OrgId) -> Result<bool>;
    /// Turns password log-in on or off for the organisation's members and records it in the
    /// audit log, in one transaction. Turning it off ends the log-in sessions of the members
    /// (not site administrators, not `actor`), so nobody stays in on a password.
    async fn set_password_login(
        &self,
        org: OrgId,
        allowed: bool,
        actor: UserId,
        now: OffsetDateTime,
    ) -> Result<()>;
    /// Whether a password log-in is refused to the account: every organisation where it holds
    /// roles (one at least) turned password log-in off, and it is not a site administrator.
    /// Otherwise a password session reaches the organisations that allow it, and
    /// [`SignOnStore::password_off_orgs`] says which it does not.
    async fn password_login_refused(&self, user: UserId) -> Result<bool>;
    /// The organisations where the account holds roles and password log-in is off (none for
    /// a site administrator): a session begun with a password does not reach them.
    async fn password_off_orgs(&self, user: UserId) -> Result<Vec<OrgId>>;
}

/// The roles an account holds in an organisation after a sign-on with `groups`: the roles
/// any of the organisation's groups can give follow the groups held, the others stay as they
/// were (given by an admin or an invitation). Shared by the backends, so both decide alike.
pub fn roles_after(before: RoleSet, mapped: &[GroupRoles], groups: &[String]) -> RoleSet {
    let mut managed = RoleSet::empty();
    let mut given = RoleSet::empty();
    for m in mapped {
        for role in m.roles.roles() {
            managed = managed.with(role);
            if groups.contains(&m.group) {
                given = given.with(role);
            }
        }
    }
    let mut after = given;
    for role in before.roles() {
        if !managed.has(role) {
            after = after.with(role);
        }
    }
    after
}

/// The audit entry of a change of a group's roles, written in the change's transaction. The
/// detail names the group and its roles now (none: the group was removed).
pub fn mapping_audit(
    org: OrgId,
    group: &str,
    roles: RoleSet,
    actor: UserId,
    now: OffsetDateTime,
) -> NewAuditEntry {
    NewAuditEntry {
        org: Some(org),
        actor: Some(actor),
        action: AuditAction::SignOnMappingChanged,
        target_user: None,
        detail: AuditDetail::SignOnGroup {
            group: group.to_owned(),
            roles: roles.roles().map(|r| r.code().to_owned()).collect(),
        }
        .to_stored(),
        at: now,
    }
}

/// The audit entry of turning password log-in on or off (`on` / `off`).
pub fn password_audit(
    org: OrgId,
    allowed: bool,
    actor: UserId,
    now: OffsetDateTime,
) -> NewAuditEntry {
    NewAuditEntry {
        org: Some(org),
        actor: Some(actor),
        action: AuditAction::PasswordLoginChanged,
        target_user: None,
        detail: AuditDetail::PasswordLogin { allowed }.to_stored(),
        at: now,
    }
}

/// `(group, role code)` rows, ordered by group, as [`GroupRoles`].
pub fn grouped(rows: Vec<(String, String)>) -> Result<Vec<GroupRoles>> {
    let mut out: Vec<GroupRoles> = Vec::new();
    for (group, code) in rows {
        let role = crate::sql::codec::parse_role(&code)?;
        match out.last_mut() {
            Some(last) if last.group == group => last.roles = last.roles.with(role),
            _ => out.push(GroupRoles {
                group,
                roles: RoleSet::empty().with(role),
            }),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use vuoro_core::Role;

    #[test]
    fn groups_decide_only_the_roles_they_give() {
        let mapped = [
            GroupRoles {
                group: "fasilitaattorit".into(),
                roles: RoleSet::empty().with(Role::Facilitator),
            },
            GroupRoles {
                group: "koordinaattorit".into(),
                roles: RoleSet::empty().with(Role::Coordinator),
            },
        ];
        let before = RoleSet::empty().with(Role::Orderer).with(Role::Coordinator);
        let after = roles_after(before, &mapped, &["fasilitaattorit".to_owned()]);
        assert_eq!(
            after,
            RoleSet::empty().with(Role::Orderer).with(Role::Facilitator),
            "the orderer role no group gives stays; the coordinator role follows its group"
        );
        assert_eq!(roles_after(before, &[], &[]), before);
    }
}
