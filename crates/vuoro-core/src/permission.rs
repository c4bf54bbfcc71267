//! Who may do what. Roles are held per organisation; what a user may do with one process also
//! depends on whether they ordered it or facilitate it. Every route of the web crate asks one of
//! the two `can` functions here and nothing else, so the rules are read and tested in one place.

use crate::process::{ProcessState, Transition};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Manages the organisation: units, staff, roles.
    Admin,
    /// Sees every process of the organisation, keeps the order queue and assigns facilitators.
    Coordinator,
    /// Orders dialogue processes, typically a supervisor.
    Orderer,
    /// A trained facilitator who can be assigned to processes.
    Facilitator,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Admin,
        Role::Coordinator,
        Role::Orderer,
        Role::Facilitator,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Coordinator => "coordinator",
            Role::Orderer => "orderer",
            Role::Facilitator => "facilitator",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Self::ALL.into_iter().find(|r| r.code() == s)
    }

    fn bit(self) -> u8 {
        match self {
            Role::Admin => 1,
            Role::Coordinator => 2,
            Role::Orderer => 4,
            Role::Facilitator => 8,
        }
    }
}

/// The roles one user holds in one organisation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct RoleSet(u8);

impl RoleSet {
    pub fn empty() -> Self {
        Self(0)
    }
    pub fn with(mut self, r: Role) -> Self {
        self.0 |= r.bit();
        self
    }
    pub fn has(&self, r: Role) -> bool {
        self.0 & r.bit() != 0
    }
    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }
    pub fn roles(&self) -> impl Iterator<Item = Role> + '_ {
        Role::ALL.into_iter().filter(|r| self.has(*r))
    }
}

impl FromIterator<Role> for RoleSet {
    fn from_iter<I: IntoIterator<Item = Role>>(iter: I) -> Self {
        iter.into_iter().fold(RoleSet::empty(), RoleSet::with)
    }
}

/// Things done within one organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Units, staff invitations and role assignments.
    ManageOrganisation,
    /// Fill in a new order.
    CreateOrder,
    /// See the order queue and every process of the organisation.
    ViewAllProcesses,
    AssignFacilitator,
    /// Browse the method library and the organisation's pages.
    ViewOrganisation,
    /// Record and correct the organisation's dialogue catalogue, choose what it publishes, and
    /// keep its plans (which processes feed which area).
    EditCatalogue,
    /// Ask an organisation to complete its catalogue. Site administrators do it for the peer
    /// listing across organisations; a coordinator for their own organisation.
    RequestCompletion,
    /// See the facilitator network: the network page, profiles, trainings and meetings. The
    /// coordinators who keep it, and the organisation's admins.
    ViewNetwork,
    /// Record trainings and network meetings with their attendance, complete trainees, and edit
    /// any facilitator's profile, absences and earlier trainings: the coordinator's.
    ManageNetwork,
    /// Keep one's own facilitator profile and absences, and see one's own facilitation: a
    /// holder of the facilitator role.
    KeepOwnProfile,
    /// See the orders waiting for a facilitator, and volunteer for one: a holder of the
    /// facilitator role.
    Volunteer,
}

/// A user as the permission rules see them in one organisation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Actor {
    pub roles: RoleSet,
    /// Site administrators create organisations and may manage any of them, but they do not see
    /// processes unless they also hold a role: confidentiality outranks convenience.
    pub site_admin: bool,
}

impl Actor {
    pub fn can(&self, a: Action) -> bool {
        let r = &self.roles;
        match a {
            Action::ManageOrganisation => self.site_admin || r.has(Role::Admin),
            Action::CreateOrder => r.has(Role::Orderer) || r.has(Role::Coordinator),
            Action::ViewAllProcesses | Action::AssignFacilitator => r.has(Role::Coordinator),
            Action::ViewOrganisation => self.site_admin || !r.is_empty(),
            // An organisation imported from a listing has no members yet, so the site
            // administrator must be able to fill in its catalogue.
            Action::EditCatalogue => {
                self.site_admin || r.has(Role::Admin) || r.has(Role::Coordinator)
            }
            Action::RequestCompletion => self.site_admin || r.has(Role::Coordinator),
            Action::ViewNetwork => r.has(Role::Coordinator) || r.has(Role::Admin),
            Action::ManageNetwork => r.has(Role::Coordinator),
            Action::KeepOwnProfile | Action::Volunteer => r.has(Role::Facilitator),
        }
    }
}

/// A user's relation to one process. `actor` holds the user's current roles in the
/// *process's* organisation; `is_orderer` and `is_facilitator` only say what the process
/// records, and [`ProcessActor::can`] honours them only while the matching role is held.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProcessActor {
    pub actor: Actor,
    pub is_orderer: bool,
    pub is_facilitator: bool,
    /// They hold no role in the process's organisation, and the facilitator role in an
    /// organisation that has (or had) a partner agreement with it (`crate::partner::borrowers`):
    /// a partner's facilitator assigned to the process leads it as one of its own would. A
    /// member of the process's organisation is never one (taking their facilitator role away
    /// there ends their facilitating there, whatever else they hold elsewhere).
    pub partner_facilitator: bool,
}

/// Things done to one process.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProcessAction {
    View,
    EditPlan,
    ApproveAsOrderer,
    ApproveAsFacilitator,
    AssignFacilitator,
    /// Accept the order, or decline it with a reason: the facilitator it was offered to,
    /// before the phases (after that, a coordinator assigns someone else instead).
    AnswerOffer,
    /// Record the hours a held session really took its facilitator: the facilitator and the
    /// coordinator who keeps the network's load, from phase 1 on (also after closing, since
    /// the hours are counted after the sessions).
    RecordHours,
    Transition(Transition),
    /// Open, lead and close live sessions: the facilitator's, during the phases.
    RunSession,
    /// Draw themes from the notes and curate them: the facilitator's from phase 1 on, and the
    /// supervisor's too once the summary is being written.
    CurateThemes,
    /// Record practices and follow them up: the orderer and the facilitator from phase 2 on,
    /// also after closing, since following up is what the practices are for.
    FollowUpPractices,
    /// Draft, edit, send for comments and publish the summary: the supervisor (orderer) and
    /// the facilitator, once the process is in its summary step.
    EditSummary,
    /// Answer an orderer who asked for advice on the method ("Neuvokaa minua"): the
    /// coordinator's, before the phases start (after that the method is settled).
    AdviseOrderer,
    /// Make and revoke the link that shares the summary with the whole community (people who
    /// never joined a session): the orderer and the facilitator, who write it, from the summary
    /// step on. Kept after closing and cancelling, so a link can always be revoked.
    ShareSummary,
    /// Give the addresses the summary is mailed to for the community: the orderer, who knows
    /// the community, and the facilitator, until the process ends.
    EditCommunity,

    /// Choose how long the raw notes and feedback answers are kept after the summary is
    /// published: the orderer, whose process it is, and the coordinator, who keeps the
    /// organisation's processes; in any state, since the rule runs after closing.
    SetRetention,
}

impl ProcessActor {
    fn coordinator(&self) -> bool {
        self.actor.roles.has(Role::Coordinator)
    }

    /// The process's orderer, while they still hold a role that may order in its organisation.
    ///
    /// Being named on a process is a fact of its history; the right to act on it comes from
    /// the organisation. The matching role, not any role, is required: an order is accepted
    /// only from someone who may order (`Action::CreateOrder`: orderer or coordinator), so
    /// when the organisation takes that away it has said this person no longer acts as a
    /// supervisor there, even if they keep, say, an admin role. Removing every role (leaving
    /// the organisation) of course ends it too.
    pub fn orderer(&self) -> bool {
        self.is_orderer && self.actor.can(Action::CreateOrder)
    }

    /// The process's facilitator, while they still hold the facilitator role in its
    /// organisation, or in the partner organisation that lent them: only a holder of that role
    /// can be assigned, and taking it away is how the organisation says they no longer
    /// facilitate there (so they no longer see the process, its notes or its live sessions,
    /// even ones assigned before).
    pub fn facilitator(&self) -> bool {
        self.is_facilitator && (self.actor.roles.has(Role::Facilitator) || self.partner_facilitator)
    }

    /// Every process right goes through here; `is_orderer` and `is_facilitator` are read only
    /// through [`Self::orderer`] and [`Self::facilitator`], so a removed role removes access.
    pub fn can(&self, a: ProcessAction, state: ProcessState) -> bool {
        let (is_orderer, is_facilitator) = (self.orderer(), self.facilitator());
        let involved = is_orderer || is_facilitator || self.coordinator();
        match a {
            ProcessAction::View => involved,
            ProcessAction::EditPlan => involved && state.plan_is_editable(),
            ProcessAction::ApproveAsOrderer => is_orderer && state == ProcessState::Ordered,
            ProcessAction::ApproveAsFacilitator => is_facilitator && state == ProcessState::Ordered,
            ProcessAction::AssignFacilitator => {
                self.coordinator() && matches!(state, ProcessState::Ordered | ProcessState::Agreed)
            }
            ProcessAction::AnswerOffer => {
                is_facilitator && matches!(state, ProcessState::Ordered | ProcessState::Agreed)
            }
            ProcessAction::RecordHours => {
                (is_facilitator || self.coordinator())
                    && matches!(
                        state,
                        ProcessState::Phase1
                            | ProcessState::Phase2
                            | ProcessState::Summary
                            | ProcessState::Closed
                    )
            }
            ProcessAction::RunSession => {
                is_facilitator && matches!(state, ProcessState::Phase1 | ProcessState::Phase2)
            }
            ProcessAction::CurateThemes => {
                (is_facilitator
                    && matches!(
                        state,
                        ProcessState::Phase1 | ProcessState::Phase2 | ProcessState::Summary
                    ))
                    || (is_orderer && state == ProcessState::Summary)
            }
            ProcessAction::EditSummary => {
                (is_orderer || is_facilitator) && state == ProcessState::Summary
            }
            ProcessAction::AdviseOrderer => {
                self.coordinator() && matches!(state, ProcessState::Ordered | ProcessState::Agreed)
            }
            ProcessAction::ShareSummary => {
                (is_orderer || is_facilitator)
                    && matches!(
                        state,
                        ProcessState::Summary | ProcessState::Closed | ProcessState::Cancelled
                    )
            }
            ProcessAction::EditCommunity => (is_orderer || is_facilitator) && !state.is_final(),

            ProcessAction::SetRetention => is_orderer || self.coordinator(),
            ProcessAction::FollowUpPractices => {
                (is_orderer || is_facilitator)
                    && matches!(
                        state,
                        ProcessState::Phase2 | ProcessState::Summary | ProcessState::Closed
                    )
            }
            ProcessAction::Transition(t) => match t {
                Transition::Agree => is_facilitator || self.coordinator(),
                Transition::StartPhase1 | Transition::StartPhase2 | Transition::StartSummary => {
                    is_facilitator
                }
                // The summary is the supervisor's; closing it is theirs too.
                Transition::Close => is_orderer || self.coordinator(),
                Transition::Cancel => is_orderer || self.coordinator(),
                // Undoing a cancellation made by mistake is the coordinator's, who keeps the
                // organisation's processes; the orderer asks them.
                Transition::Reopen => self.coordinator(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ProcessState as S;

    fn actor(roles: &[Role]) -> Actor {
        Actor {
            roles: roles.iter().copied().collect(),
            site_admin: false,
        }
    }

    #[test]
    fn organisation_actions_by_role() {
        let admin = actor(&[Role::Admin]);
        let coord = actor(&[Role::Coordinator]);
        let orderer = actor(&[Role::Orderer]);
        let fac = actor(&[Role::Facilitator]);
        let site = Actor {
            roles: RoleSet::empty(),
            site_admin: true,
        };
        let nobody = actor(&[]);

        assert!(admin.can(Action::ManageOrganisation));
        assert!(site.can(Action::ManageOrganisation));
        for a in [coord, orderer, fac, nobody] {
            assert!(!a.can(Action::ManageOrganisation));
        }
        assert!(orderer.can(Action::CreateOrder) && coord.can(Action::CreateOrder));
        assert!(!fac.can(Action::CreateOrder) && !admin.can(Action::CreateOrder));
        assert!(coord.can(Action::ViewAllProcesses));
        for a in [admin, orderer, fac, site, nobody] {
            assert!(!a.can(Action::ViewAllProcesses), "{a:?}");
            assert!(!a.can(Action::AssignFacilitator), "{a:?}");
        }
        assert!(!nobody.can(Action::ViewOrganisation));
        for a in [admin, coord, site] {
            assert!(a.can(Action::EditCatalogue), "{a:?}");
        }
        for a in [orderer, fac, nobody] {
            assert!(!a.can(Action::EditCatalogue), "{a:?}");
            assert!(!a.can(Action::RequestCompletion), "{a:?}");
        }
        assert!(site.can(Action::RequestCompletion) && coord.can(Action::RequestCompletion));
        assert!(!admin.can(Action::RequestCompletion));
        assert!(coord.can(Action::ViewNetwork) && admin.can(Action::ViewNetwork));
        for a in [&orderer, &fac, &nobody, &site] {
            assert!(!a.can(Action::ViewNetwork), "{a:?}");
        }
        assert!(coord.can(Action::ManageNetwork));
        for a in [&admin, &orderer, &fac, &nobody, &site] {
            assert!(!a.can(Action::ManageNetwork), "{a:?}");
        }
        assert!(fac.can(Action::KeepOwnProfile) && fac.can(Action::Volunteer));
        for a in [&admin, &orderer, &coord, &nobody, &site] {
            assert!(!a.can(Action::KeepOwnProfile), "{a:?}");
            assert!(!a.can(Action::Volunteer), "{a:?}");
        }
    }

    #[test]
    fn process_actions_by_relation() {
        let orderer = ProcessActor {
            actor: actor(&[Role::Orderer]),
            is_orderer: true,
            ..Default::default()
        };
        let fac = ProcessActor {
            actor: actor(&[Role::Facilitator]),
            is_facilitator: true,
            ..Default::default()
        };
        let coord = ProcessActor {
            actor: actor(&[Role::Coordinator]),
            ..Default::default()
        };
        let other_fac = ProcessActor {
            actor: actor(&[Role::Facilitator]),
            ..Default::default()
        };
        let admin = ProcessActor {
            actor: Actor {
                roles: actor(&[Role::Admin]).roles,
                site_admin: true,
            },
            ..Default::default()
        };

        for p in [orderer, fac, coord] {
            assert!(p.can(ProcessAction::View, S::Phase1));
            assert!(p.can(ProcessAction::EditPlan, S::Ordered));
            assert!(!p.can(ProcessAction::EditPlan, S::Closed));
        }
        for p in [other_fac, admin] {
            assert!(!p.can(ProcessAction::View, S::Ordered), "{p:?}");
            assert!(!p.can(ProcessAction::EditPlan, S::Ordered), "{p:?}");
            for t in Transition::ALL {
                assert!(!p.can(ProcessAction::Transition(t), S::Ordered), "{p:?}");
            }
        }
        assert!(orderer.can(ProcessAction::ApproveAsOrderer, S::Ordered));
        assert!(!orderer.can(ProcessAction::ApproveAsFacilitator, S::Ordered));
        assert!(fac.can(ProcessAction::ApproveAsFacilitator, S::Ordered));
        assert!(!fac.can(ProcessAction::ApproveAsFacilitator, S::Agreed));
        assert!(coord.can(ProcessAction::AssignFacilitator, S::Ordered));
        assert!(!orderer.can(ProcessAction::AssignFacilitator, S::Ordered));
        assert!(!fac.can(ProcessAction::AssignFacilitator, S::Ordered));
        // Only the facilitator answers an offer, and only before the phases.
        assert!(fac.can(ProcessAction::AnswerOffer, S::Ordered));
        assert!(fac.can(ProcessAction::AnswerOffer, S::Agreed));
        assert!(!fac.can(ProcessAction::AnswerOffer, S::Phase1));
        assert!(!coord.can(ProcessAction::AnswerOffer, S::Ordered));
        assert!(!orderer.can(ProcessAction::AnswerOffer, S::Ordered));
        // Hours are recorded after sessions, by the facilitator or a coordinator.
        for p in [fac, coord] {
            assert!(p.can(ProcessAction::RecordHours, S::Phase1), "{p:?}");
            assert!(p.can(ProcessAction::RecordHours, S::Closed), "{p:?}");
            assert!(!p.can(ProcessAction::RecordHours, S::Agreed), "{p:?}");
            assert!(!p.can(ProcessAction::RecordHours, S::Cancelled), "{p:?}");
        }
        assert!(!orderer.can(ProcessAction::RecordHours, S::Phase1));
        assert!(fac.can(
            ProcessAction::Transition(Transition::StartPhase1),
            S::Agreed
        ));
        assert!(!orderer.can(
            ProcessAction::Transition(Transition::StartPhase1),
            S::Agreed
        ));
        assert!(!coord.can(
            ProcessAction::Transition(Transition::StartPhase1),
            S::Agreed
        ));
        assert!(orderer.can(ProcessAction::Transition(Transition::Close), S::Summary));
        assert!(!fac.can(ProcessAction::Transition(Transition::Close), S::Summary));
        assert!(!fac.can(ProcessAction::Transition(Transition::Cancel), S::Phase1));
        assert!(fac.can(ProcessAction::RunSession, S::Phase1));
        assert!(fac.can(ProcessAction::RunSession, S::Phase2));
        assert!(
            !fac.can(ProcessAction::RunSession, S::Agreed),
            "not before the phases"
        );
        assert!(!fac.can(ProcessAction::RunSession, S::Summary));
        for p in [orderer, coord, other_fac] {
            assert!(!p.can(ProcessAction::RunSession, S::Phase1), "{p:?}");
        }
        assert!(fac.can(ProcessAction::CurateThemes, S::Phase1));
        assert!(fac.can(ProcessAction::CurateThemes, S::Summary));
        assert!(!fac.can(ProcessAction::CurateThemes, S::Closed));
        assert!(!orderer.can(ProcessAction::CurateThemes, S::Phase2));
        assert!(orderer.can(ProcessAction::CurateThemes, S::Summary));
        for p in [coord, other_fac] {
            assert!(!p.can(ProcessAction::CurateThemes, S::Summary), "{p:?}");
        }
        for p in [orderer, fac] {
            assert!(p.can(ProcessAction::FollowUpPractices, S::Phase2));
            assert!(
                p.can(ProcessAction::FollowUpPractices, S::Closed),
                "followed up later"
            );
            assert!(!p.can(ProcessAction::FollowUpPractices, S::Phase1));
        }
        assert!(!coord.can(ProcessAction::FollowUpPractices, S::Closed));
        for p in [orderer, fac] {
            assert!(p.can(ProcessAction::EditSummary, S::Summary));
            assert!(!p.can(ProcessAction::EditSummary, S::Phase2));
            assert!(
                !p.can(ProcessAction::EditSummary, S::Closed),
                "published and closed"
            );
        }
        for p in [coord, other_fac] {
            assert!(!p.can(ProcessAction::EditSummary, S::Summary), "{p:?}");
        }
        assert!(!other_fac.can(ProcessAction::FollowUpPractices, S::Phase2));
        let reopen = ProcessAction::Transition(Transition::Reopen);
        assert!(coord.can(reopen, S::Cancelled));
        for p in [orderer, fac, other_fac] {
            assert!(!p.can(reopen, S::Cancelled), "{p:?}");
        }
        assert!(coord.can(ProcessAction::AdviseOrderer, S::Ordered));
        assert!(coord.can(ProcessAction::AdviseOrderer, S::Agreed));
        assert!(!coord.can(ProcessAction::AdviseOrderer, S::Phase1));
        for p in [orderer, fac, other_fac] {
            assert!(!p.can(ProcessAction::AdviseOrderer, S::Ordered), "{p:?}");
        }
        for p in [orderer, fac] {
            assert!(p.can(ProcessAction::ShareSummary, S::Summary));
            assert!(
                p.can(ProcessAction::ShareSummary, S::Closed),
                "revoked after closing"
            );
            assert!(
                !p.can(ProcessAction::ShareSummary, S::Phase2),
                "nothing to share yet"
            );
        }
        for p in [coord, other_fac] {
            assert!(!p.can(ProcessAction::ShareSummary, S::Summary), "{p:?}");
        }
        for p in [orderer, fac] {
            assert!(p.can(ProcessAction::EditCommunity, S::Ordered));
            assert!(p.can(ProcessAction::EditCommunity, S::Summary));
            assert!(!p.can(ProcessAction::EditCommunity, S::Closed), "{p:?}");
        }
        for p in [coord, other_fac] {
            assert!(!p.can(ProcessAction::EditCommunity, S::Ordered), "{p:?}");
        }
        for p in [orderer, coord] {
            assert!(p.can(ProcessAction::SetRetention, S::Ordered));
            assert!(
                p.can(ProcessAction::SetRetention, S::Closed),
                "the rule runs after"
            );
        }
        for p in [fac, other_fac] {
            assert!(!p.can(ProcessAction::SetRetention, S::Summary), "{p:?}");
        }
    }

    /// Every process action, for the tests that sweep them all.
    fn all_actions() -> Vec<ProcessAction> {
        let mut v = vec![
            ProcessAction::View,
            ProcessAction::EditPlan,
            ProcessAction::ApproveAsOrderer,
            ProcessAction::ApproveAsFacilitator,
            ProcessAction::AssignFacilitator,
            ProcessAction::AnswerOffer,
            ProcessAction::RecordHours,
            ProcessAction::RunSession,
            ProcessAction::CurateThemes,
            ProcessAction::FollowUpPractices,
            ProcessAction::EditSummary,
            ProcessAction::ShareSummary,
            ProcessAction::EditCommunity,
            ProcessAction::SetRetention,
        ];
        v.extend(Transition::ALL.map(ProcessAction::Transition));
        v
    }

    #[test]
    fn a_facilitator_or_orderer_without_roles_has_no_rights() {
        for (is_orderer, is_facilitator) in [(true, false), (false, true), (true, true)] {
            let left = ProcessActor {
                actor: actor(&[]),
                is_orderer,
                is_facilitator,
                partner_facilitator: false,
            };
            for a in all_actions() {
                for s in S::ALL {
                    assert!(!left.can(a, s), "{a:?} in {s:?} after leaving");
                }
            }
        }
        // The facilitator role taken away, another role kept: no longer this process's
        // facilitator, so no session to run and nothing to see.
        let admin_only = ProcessActor {
            actor: actor(&[Role::Admin, Role::Orderer]),
            is_facilitator: true,
            ..Default::default()
        };
        assert!(!admin_only.can(ProcessAction::View, S::Phase1));
        assert!(!admin_only.can(ProcessAction::RunSession, S::Phase1));
        // An orderer who became a coordinator still may order, so keeps their process.
        let coord_orderer = ProcessActor {
            actor: actor(&[Role::Coordinator]),
            is_orderer: true,
            ..Default::default()
        };
        assert!(coord_orderer.can(ProcessAction::ApproveAsOrderer, S::Ordered));
        // An orderer left with the facilitator role only may no longer order.
        let fac_orderer = ProcessActor {
            actor: actor(&[Role::Facilitator]),
            is_orderer: true,
            ..Default::default()
        };
        assert!(!fac_orderer.can(ProcessAction::View, S::Ordered));
        assert!(!fac_orderer.can(ProcessAction::ApproveAsOrderer, S::Ordered));
    }

    #[test]
    fn a_partners_facilitator_leads_the_process_given_them_and_nothing_else() {
        let lent = ProcessActor {
            actor: actor(&[]),
            is_facilitator: true,
            partner_facilitator: true,
            ..Default::default()
        };
        assert!(lent.can(ProcessAction::View, S::Phase1));
        assert!(lent.can(ProcessAction::AnswerOffer, S::Ordered));
        assert!(lent.can(ProcessAction::RunSession, S::Phase2));
        assert!(lent.can(ProcessAction::EditSummary, S::Summary));
        // Not a coordinator or the orderer of the borrowing organisation.
        assert!(!lent.can(ProcessAction::AssignFacilitator, S::Ordered));
        assert!(!lent.can(ProcessAction::Transition(Transition::Close), S::Summary));
        // Another process of that organisation is not theirs to see.
        let not_theirs = ProcessActor {
            is_facilitator: false,
            ..lent
        };
        assert!(!not_theirs.can(ProcessAction::View, S::Phase1));
    }

    mod prop {
        use super::*;
        use proptest::prelude::*;

        fn any_roles() -> impl Strategy<Value = RoleSet> {
            proptest::collection::vec(proptest::sample::select(Role::ALL.to_vec()), 0..4)
                .prop_map(|v| v.into_iter().collect())
        }

        proptest! {
            /// Being named on the process adds nothing beyond what the same user would have
            /// without it, unless they hold the role that goes with the name: rights come from
            /// a current role in the process's organisation (or, for its facilitator, in a partner
            /// organisation that lent them).
            #[test]
            fn a_relation_counts_only_with_its_role(
                roles in any_roles(),
                site_admin in any::<bool>(),
                is_orderer in any::<bool>(),
                is_facilitator in any::<bool>(),
                partner in any::<bool>(),
                a in proptest::sample::select(all_actions()),
                s in proptest::sample::select(S::ALL.to_vec()),
            ) {
                let actor = Actor { roles, site_admin };
                let named = ProcessActor {
                    actor,
                    is_orderer,
                    is_facilitator,
                    partner_facilitator: partner,
                };
                let counted = ProcessActor {
                    actor,
                    is_orderer: is_orderer && actor.can(Action::CreateOrder),
                    is_facilitator: is_facilitator && (roles.has(Role::Facilitator) || partner),
                    partner_facilitator: partner,
                };
                prop_assert_eq!(named.can(a, s), counted.can(a, s));
                if roles.is_empty() && !partner {
                    prop_assert!(!named.can(a, s), "no role, no right");
                }
            }
        }
    }
}
