//! Partner agreements (Part 9): two organisations agree to share their facilitators, so that a
//! community that needs an outsider (a management team, a board, a team in a crisis where every
//! colleague is a party) gets a neutral facilitator from the partner: a city and its wellbeing
//! services county, or neighbouring municipalities.
//!
//! An admin of one organisation proposes; an admin of the other accepts; an admin of either
//! ends it (ending a proposal withdraws or turns it down). An agreement shares both ways, and
//! its [`Scope`] says for which orders: only those that need an outsider, or any order. While
//! it is in force, the ranking of either side proposes the other side's facilitators for the
//! orders in scope ([`lenders`]). Ending it stops new proposals; a dialogue already given to a
//! partner's facilitator goes on with them to its end ([`Partnership::was_accepted`]), as a
//! contract's end does not take a running dialogue from its facilitator.
//!
//! Each side sees only what the agreement allows: the borrowing side sees the partner's
//! facilitators in its proposals (name, training, languages, the capacity left), the lending
//! side sees which of its facilitators lead the partner's dialogues and for how many hours,
//! never what the dialogues are about.

use crate::ids::{OrgId, PartnershipId, UserId};
use time::OffsetDateTime;

/// For which orders an agreement shares facilitators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Only orders that need an outsider.
    Outsider,
    /// Any order (the partner's facilitators come after one's own: `Fit::own_org`).
    All,
}

impl Scope {
    pub const ALL: [Scope; 2] = [Scope::Outsider, Scope::All];

    pub fn code(self) -> &'static str {
        match self {
            Scope::Outsider => "outsider",
            Scope::All => "all",
        }
    }

    pub fn parse(s: &str) -> Option<Scope> {
        Self::ALL.into_iter().find(|x| x.code() == s)
    }

    /// Whether an order that needs an outsider (or not) is in scope.
    pub fn covers(self, needs_outsider: bool) -> bool {
        match self {
            Scope::Outsider => needs_outsider,
            Scope::All => true,
        }
    }
}

/// Where an agreement stands, from its times.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// Proposed, not yet accepted by the other side.
    Proposed,
    /// Accepted and not ended: in force.
    Active,
    /// Ended, or a proposal withdrawn or turned down.
    Ended,
}

/// An agreement between two organisations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Partnership {
    pub id: PartnershipId,
    /// The organisation that proposed it.
    pub proposer: OrgId,
    /// The organisation asked to accept it.
    pub partner: OrgId,
    pub scope: Scope,
    pub proposed_by: UserId,
    pub proposed_at: OffsetDateTime,
    pub accepted_by: Option<UserId>,
    pub accepted_at: Option<OffsetDateTime>,
    pub ended_by: Option<UserId>,
    pub ended_at: Option<OffsetDateTime>,
}

impl Partnership {
    pub fn status(&self) -> Status {
        match (self.accepted_at, self.ended_at) {
            (_, Some(_)) => Status::Ended,
            (Some(_), None) => Status::Active,
            (None, None) => Status::Proposed,
        }
    }

    pub fn involves(&self, org: OrgId) -> bool {
        self.proposer == org || self.partner == org
    }

    /// The other side, seen from `org`; `None` when `org` is not a side.
    pub fn other(&self, org: OrgId) -> Option<OrgId> {
        if self.proposer == org {
            Some(self.partner)
        } else if self.partner == org {
            Some(self.proposer)
        } else {
            None
        }
    }

    /// Whether `org` may accept it: the side asked, while it is a proposal.
    pub fn may_accept(&self, org: OrgId) -> bool {
        self.partner == org && self.status() == Status::Proposed
    }

    /// Whether `org` may end it (or withdraw or turn down the proposal): either side, until
    /// it has ended.
    pub fn may_end(&self, org: OrgId) -> bool {
        self.involves(org) && self.status() != Status::Ended
    }

    /// Whether it was ever in force: a partner's facilitator given a dialogue under it keeps
    /// leading that dialogue after the agreement ends.
    pub fn was_accepted(&self) -> bool {
        self.accepted_at.is_some()
    }
}

/// The organisations whose facilitators the agreements in force lend to `org` for an order
/// that needs an outsider (or not), each once, in the order of the agreements.
pub fn lenders(agreements: &[Partnership], org: OrgId, needs_outsider: bool) -> Vec<OrgId> {
    let mut out = Vec::new();
    for a in agreements {
        if a.status() == Status::Active
            && a.scope.covers(needs_outsider)
            && let Some(o) = a.other(org)
            && !out.contains(&o)
        {
            out.push(o);
        }
    }
    out
}

/// The organisations whose processes a facilitator of `orgs` may lead as a partner's: the
/// other sides of every agreement ever accepted with one of them (see
/// [`Partnership::was_accepted`]), each once.
pub fn borrowers(agreements: &[Partnership], orgs: &[OrgId]) -> Vec<OrgId> {
    let mut out = Vec::new();
    for a in agreements.iter().filter(|a| a.was_accepted()) {
        for &org in orgs {
            if let Some(o) = a.other(org)
                && !orgs.contains(&o)
                && !out.contains(&o)
            {
                out.push(o);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Duration;

    fn agreement(a: OrgId, b: OrgId, scope: Scope) -> Partnership {
        Partnership {
            id: PartnershipId::new(),
            proposer: a,
            partner: b,
            scope,
            proposed_by: UserId::new(),
            proposed_at: OffsetDateTime::UNIX_EPOCH,
            accepted_by: None,
            accepted_at: None,
            ended_by: None,
            ended_at: None,
        }
    }

    fn accept(mut p: Partnership) -> Partnership {
        p.accepted_by = Some(UserId::new());
        p.accepted_at = Some(p.proposed_at + Duration::days(1));
        p
    }

    fn end(mut p: Partnership) -> Partnership {
        p.ended_by = Some(UserId::new());
        p.ended_at = Some(p.proposed_at + Duration::days(2));
        p
    }

    #[test]
    fn codes_round_trip() {
        for s in Scope::ALL {
            assert_eq!(Scope::parse(s.code()), Some(s));
        }
        assert_eq!(Scope::parse("some"), None);
    }

    #[test]
    fn an_agreement_is_proposed_accepted_and_ended() {
        let (city, county, other) = (OrgId::new(), OrgId::new(), OrgId::new());
        let p = agreement(city, county, Scope::All);
        assert_eq!(p.status(), Status::Proposed);
        // Only the side asked accepts; either side may withdraw or turn it down.
        assert!(p.may_accept(county) && !p.may_accept(city) && !p.may_accept(other));
        assert!(p.may_end(city) && p.may_end(county) && !p.may_end(other));
        let p = accept(p);
        assert_eq!(p.status(), Status::Active);
        assert!(!p.may_accept(county) && p.may_end(city));
        let p = end(p);
        assert_eq!(p.status(), Status::Ended);
        assert!(!p.may_end(city) && !p.may_end(county));
        assert!(p.was_accepted());
        // A proposal turned down was never in force.
        assert!(!end(agreement(city, county, Scope::All)).was_accepted());
    }

    #[test]
    fn only_agreements_in_force_lend_and_only_for_orders_in_scope() {
        let (city, county, town, far) = (OrgId::new(), OrgId::new(), OrgId::new(), OrgId::new());
        let all = [
            accept(agreement(city, county, Scope::Outsider)),
            accept(agreement(town, city, Scope::All)),
            agreement(city, far, Scope::All),
            end(accept(agreement(far, city, Scope::All))),
        ];
        // Both ways: the county lends to the city and the city to the county.
        assert_eq!(lenders(&all, city, true), vec![county, town]);
        assert_eq!(lenders(&all, city, false), vec![town]);
        assert_eq!(lenders(&all, county, true), vec![city]);
        assert_eq!(lenders(&all, county, false), Vec::<OrgId>::new());
        assert_eq!(lenders(&all, far, true), Vec::<OrgId>::new());
    }

    #[test]
    fn dialogues_taken_under_an_ended_agreement_stay_with_their_facilitator() {
        let (city, county, far) = (OrgId::new(), OrgId::new(), OrgId::new());
        let all = [
            end(accept(agreement(city, county, Scope::Outsider))),
            agreement(far, county, Scope::All),
        ];
        assert_eq!(borrowers(&all, &[county]), vec![city]);
        assert_eq!(borrowers(&all, &[city, county]), Vec::<OrgId>::new());
        assert_eq!(borrowers(&all, &[far]), Vec::<OrgId>::new());
    }
}
