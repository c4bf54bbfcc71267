//! People's rights over their data: the audit log, retention and deletions.

use super::*;
use crate::{AuditAction, NewAuditEntry};

/// Entries are listed per organisation, newest first, with the names of actor and target as the
/// accounts hold them; a limit and a starting point page through them, and the server's own
/// entries have no actor.
pub async fn audit_entries_are_listed_per_organisation_newest_first(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = f.store.as_ref();
    let other = s.create_org("Espoon kaupunki", NOW).await.expect("org");
    let entry = |org, actor, action, target: Option<UserId>, detail: &str, m: i64| NewAuditEntry {
        org: Some(org),
        actor,
        action,
        target_user: target,
        detail: detail.into(),
        at: NOW + Duration::minutes(m),
    };
    let admin = f.coordinator.id;
    for e in [
        entry(
            f.org.id,
            Some(admin),
            AuditAction::StaffExported,
            Some(f.facilitator.id),
            "",
            1,
        ),
        entry(
            other.id,
            Some(admin),
            AuditAction::RolesChanged,
            None,
            "x",
            2,
        ),
        entry(
            f.org.id,
            None,
            AuditAction::RetentionDeleted,
            None,
            "notes 3",
            3,
        ),
        entry(
            f.org.id,
            Some(admin),
            AuditAction::SignOnMappingChanged,
            None,
            "group → roles",
            4,
        ),
    ] {
        s.record_audit(&e).await.expect("recorded");
    }
    let log = s.audit_log(f.org.id, None, 10).await.expect("log");
    let seen: Vec<(AuditAction, Option<&str>, Option<&str>, &str)> = log
        .iter()
        .map(|e| {
            (
                e.action,
                e.actor_name.as_deref(),
                e.target_name.as_deref(),
                e.detail.as_str(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        vec![
            (
                AuditAction::SignOnMappingChanged,
                Some("Kalle Koordinaattori"),
                None,
                "group → roles"
            ),
            (AuditAction::RetentionDeleted, None, None, "notes 3"),
            (
                AuditAction::StaffExported,
                Some("Kalle Koordinaattori"),
                Some("Fanni Fasilitaattori"),
                ""
            ),
        ],
        "only this organisation's entries, newest first"
    );
    assert_eq!(log[2].at, NOW + Duration::minutes(1));
    assert_eq!(log[2].target_user, Some(f.facilitator.id));
    let first = s.audit_log(f.org.id, None, 2).await.expect("page");
    assert_eq!(first.len(), 2);
    let more = s
        .audit_log(f.org.id, Some(first[1].id), 2)
        .await
        .expect("next page");
    assert_eq!(
        more.iter().map(|e| e.action).collect::<Vec<_>>(),
        vec![AuditAction::StaffExported],
        "the next page starts below the last entry shown"
    );
    for a in AuditAction::ALL {
        assert_eq!(AuditAction::parse(a.as_str()), Some(a));
    }
}
