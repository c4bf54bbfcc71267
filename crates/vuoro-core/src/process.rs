//! The life of a dialogue process as an explicit state machine.
//!
//! ordered → agreed → phase 1 → phase 2 → summary → closed, and cancelled from any state that is
//! not yet final. Methods with one phase (Erätauko, a class dialogue) go from phase 1 straight to
//! the summary. Every guard lives here, so the web layer cannot move a process past a check.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProcessState {
    Ordered,
    Agreed,
    Phase1,
    Phase2,
    Summary,
    Closed,
    Cancelled,
}

impl ProcessState {
    pub const ALL: [ProcessState; 7] = [
        ProcessState::Ordered,
        ProcessState::Agreed,
        ProcessState::Phase1,
        ProcessState::Phase2,
        ProcessState::Summary,
        ProcessState::Closed,
        ProcessState::Cancelled,
    ];

    /// The main path, in order, as the process page draws it.
    pub const PATH: [ProcessState; 6] = [
        ProcessState::Ordered,
        ProcessState::Agreed,
        ProcessState::Phase1,
        ProcessState::Phase2,
        ProcessState::Summary,
        ProcessState::Closed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ProcessState::Ordered => "ordered",
            ProcessState::Agreed => "agreed",
            ProcessState::Phase1 => "phase1",
            ProcessState::Phase2 => "phase2",
            ProcessState::Summary => "summary",
            ProcessState::Closed => "closed",
            ProcessState::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.code() == s)
    }

    pub fn is_final(self) -> bool {
        matches!(self, ProcessState::Closed | ProcessState::Cancelled)
    }

    /// Whether the plan may still change. Plans change during the phases too (a session moves,
    /// a question is sharpened) but never once the process has ended.
    pub fn plan_is_editable(self) -> bool {
        !self.is_final() && self != ProcessState::Summary
    }
}

/// A move a user asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Transition {
    Agree,
    StartPhase1,
    StartPhase2,
    StartSummary,
    Close,
    Cancel,
}

impl Transition {
    pub const ALL: [Transition; 6] = [
        Transition::Agree,
        Transition::StartPhase1,
        Transition::StartPhase2,
        Transition::StartSummary,
        Transition::Close,
        Transition::Cancel,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Transition::Agree => "agree",
            Transition::StartPhase1 => "start_phase1",
            Transition::StartPhase2 => "start_phase2",
            Transition::StartSummary => "start_summary",
            Transition::Close => "close",
            Transition::Cancel => "cancel",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == s)
    }
}

/// What the guards need to know about a process besides its state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Readiness {
    pub facilitator_assigned: bool,
    pub has_method: bool,
    pub session_count: usize,
    pub orderer_approved: bool,
    pub facilitator_approved: bool,
    /// Phases of the process's (adapted) method; zero when no method is chosen yet.
    pub method_phases: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("transition {transition:?} is not possible from {from:?}")]
    NotFrom {
        from: ProcessState,
        transition: Transition,
    },
    #[error("no facilitator is assigned")]
    NoFacilitator,
    #[error("the plan has no method")]
    NoMethod,
    #[error("the plan has no session")]
    NoSession,
    #[error("the orderer and the facilitator have not both approved the current plan")]
    NotApproved,
    #[error("the method has a single phase")]
    SinglePhase,
}

impl TransitionError {
    pub fn message_id(&self) -> &'static str {
        match self {
            TransitionError::NotFrom { .. } => "transition-error-not-from",
            TransitionError::NoFacilitator => "transition-error-no-facilitator",
            TransitionError::NoMethod => "transition-error-no-method",
            TransitionError::NoSession => "transition-error-no-session",
            TransitionError::NotApproved => "transition-error-not-approved",
            TransitionError::SinglePhase => "transition-error-single-phase",
        }
    }
}

/// The state a transition leads to from `from`, ignoring the guards; `None` where the state
/// machine has no such edge.
pub fn edge(from: ProcessState, t: Transition) -> Option<ProcessState> {
    use ProcessState as S;
    use Transition as T;
    match (from, t) {
        (S::Ordered, T::Agree) => Some(S::Agreed),
        (S::Agreed, T::StartPhase1) => Some(S::Phase1),
        (S::Phase1, T::StartPhase2) => Some(S::Phase2),
        (S::Phase1 | S::Phase2, T::StartSummary) => Some(S::Summary),
        (S::Summary, T::Close) => Some(S::Closed),
        (s, T::Cancel) if !s.is_final() => Some(S::Cancelled),
        _ => None,
    }
}

/// Applies `t` to a process in state `from`, checking every guard.
pub fn apply(
    from: ProcessState,
    t: Transition,
    r: &Readiness,
) -> Result<ProcessState, TransitionError> {
    let to = edge(from, t).ok_or(TransitionError::NotFrom {
        from,
        transition: t,
    })?;
    match t {
        Transition::Agree => {
            if !r.facilitator_assigned {
                return Err(TransitionError::NoFacilitator);
            }
            if !r.has_method {
                return Err(TransitionError::NoMethod);
            }
            if r.session_count == 0 {
                return Err(TransitionError::NoSession);
            }
            if !(r.orderer_approved && r.facilitator_approved) {
                return Err(TransitionError::NotApproved);
            }
        }
        Transition::StartPhase2 if r.method_phases < 2 => {
            return Err(TransitionError::SinglePhase);
        }
        _ => {}
    }
    Ok(to)
}

/// Transitions that make sense to offer from `from` given the method's phase count: the
/// structural edges, less phase 2 for single-phase methods. Guards are checked on apply, so a
/// button may still be refused with a reason.
pub fn offered(from: ProcessState, method_phases: usize) -> Vec<Transition> {
    Transition::ALL
        .into_iter()
        .filter(|t| edge(from, *t).is_some())
        .filter(|t| !(*t == Transition::StartPhase2 && method_phases < 2))
        .filter(|t| {
            // From phase 1 a two-phase method goes to phase 2, not straight to the summary.
            !(from == ProcessState::Phase1 && *t == Transition::StartSummary && method_phases >= 2)
        })
        .collect()
}

/// Who acts next, for the "what happens next" box of the process page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NextStep {
    /// A coordinator assigns a facilitator.
    AssignFacilitator,
    /// Orderer, facilitator and participants' representatives agree the plan; both approve it.
    AgreePlan,
    /// The plan is approved; the facilitator confirms the agreement.
    ConfirmAgreement,
    /// The facilitator runs phase 1's sessions and then opens the next stage.
    RunPhase1,
    RunPhase2,
    /// The orderer draws together what was heard and closes the process.
    WriteSummary,
    Nothing,
}

impl NextStep {
    pub fn message_id(self) -> &'static str {
        match self {
            NextStep::AssignFacilitator => "next-assign-facilitator",
            NextStep::AgreePlan => "next-agree-plan",
            NextStep::ConfirmAgreement => "next-confirm-agreement",
            NextStep::RunPhase1 => "next-run-phase1",
            NextStep::RunPhase2 => "next-run-phase2",
            NextStep::WriteSummary => "next-write-summary",
            NextStep::Nothing => "next-nothing",
        }
    }
}

pub fn next_step(state: ProcessState, r: &Readiness) -> NextStep {
    match state {
        ProcessState::Ordered if !r.facilitator_assigned => NextStep::AssignFacilitator,
        ProcessState::Ordered
            if r.orderer_approved
                && r.facilitator_approved
                && r.session_count > 0
                && r.has_method =>
        {
            NextStep::ConfirmAgreement
        }
        ProcessState::Ordered => NextStep::AgreePlan,
        ProcessState::Agreed | ProcessState::Phase1 => NextStep::RunPhase1,
        ProcessState::Phase2 => NextStep::RunPhase2,
        ProcessState::Summary => NextStep::WriteSummary,
        ProcessState::Closed | ProcessState::Cancelled => NextStep::Nothing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ProcessState as S;
    use Transition as T;

    fn ready(phases: usize) -> Readiness {
        Readiness {
            facilitator_assigned: true,
            has_method: true,
            session_count: 1,
            orderer_approved: true,
            facilitator_approved: true,
            method_phases: phases,
        }
    }

    /// The whole table: every state against every transition, with the answer written out, so
    /// a change to the machine has to change this table too.
    #[test]
    fn every_allowed_and_refused_edge() {
        let expected: &[(S, T, Option<S>)] = &[
            (S::Ordered, T::Agree, Some(S::Agreed)),
            (S::Ordered, T::StartPhase1, None),
            (S::Ordered, T::StartPhase2, None),
            (S::Ordered, T::StartSummary, None),
            (S::Ordered, T::Close, None),
            (S::Ordered, T::Cancel, Some(S::Cancelled)),
            (S::Agreed, T::Agree, None),
            (S::Agreed, T::StartPhase1, Some(S::Phase1)),
            (S::Agreed, T::StartPhase2, None),
            (S::Agreed, T::StartSummary, None),
            (S::Agreed, T::Close, None),
            (S::Agreed, T::Cancel, Some(S::Cancelled)),
            (S::Phase1, T::Agree, None),
            (S::Phase1, T::StartPhase1, None),
            (S::Phase1, T::StartPhase2, Some(S::Phase2)),
            (S::Phase1, T::StartSummary, Some(S::Summary)),
            (S::Phase1, T::Close, None),
            (S::Phase1, T::Cancel, Some(S::Cancelled)),
            (S::Phase2, T::Agree, None),
            (S::Phase2, T::StartPhase1, None),
            (S::Phase2, T::StartPhase2, None),
            (S::Phase2, T::StartSummary, Some(S::Summary)),
            (S::Phase2, T::Close, None),
            (S::Phase2, T::Cancel, Some(S::Cancelled)),
            (S::Summary, T::Agree, None),
            (S::Summary, T::StartPhase1, None),
            (S::Summary, T::StartPhase2, None),
            (S::Summary, T::StartSummary, None),
            (S::Summary, T::Close, Some(S::Closed)),
            (S::Summary, T::Cancel, Some(S::Cancelled)),
        ];
        for &(from, t, to) in expected {
            assert_eq!(edge(from, t), to, "{from:?} --{t:?}-->");
        }
        for from in [S::Closed, S::Cancelled] {
            for t in T::ALL {
                assert_eq!(edge(from, t), None, "final state {from:?} must not move");
            }
        }
    }

    #[test]
    fn agreement_needs_facilitator_method_session_and_both_approvals() {
        let full = ready(2);
        assert_eq!(apply(S::Ordered, T::Agree, &full), Ok(S::Agreed));
        let cases = [
            (
                Readiness {
                    facilitator_assigned: false,
                    ..full
                },
                TransitionError::NoFacilitator,
            ),
            (
                Readiness {
                    has_method: false,
                    ..full
                },
                TransitionError::NoMethod,
            ),
            (
                Readiness {
                    session_count: 0,
                    ..full
                },
                TransitionError::NoSession,
            ),
            (
                Readiness {
                    orderer_approved: false,
                    ..full
                },
                TransitionError::NotApproved,
            ),
            (
                Readiness {
                    facilitator_approved: false,
                    ..full
                },
                TransitionError::NotApproved,
            ),
        ];
        for (r, e) in cases {
            assert_eq!(apply(S::Ordered, T::Agree, &r), Err(e));
        }
    }

    #[test]
    fn single_phase_methods_skip_phase_two() {
        assert_eq!(
            apply(S::Phase1, T::StartPhase2, &ready(1)),
            Err(TransitionError::SinglePhase)
        );
        assert_eq!(apply(S::Phase1, T::StartSummary, &ready(1)), Ok(S::Summary));
        assert_eq!(offered(S::Phase1, 1), vec![T::StartSummary, T::Cancel]);
        assert_eq!(offered(S::Phase1, 2), vec![T::StartPhase2, T::Cancel]);
    }

    #[test]
    fn refused_edges_say_where_from() {
        assert_eq!(
            apply(S::Closed, T::Cancel, &ready(2)),
            Err(TransitionError::NotFrom {
                from: S::Closed,
                transition: T::Cancel
            })
        );
    }

    #[test]
    fn next_step_follows_the_state() {
        let none = Readiness::default();
        assert_eq!(next_step(S::Ordered, &none), NextStep::AssignFacilitator);
        let assigned = Readiness {
            facilitator_assigned: true,
            ..none
        };
        assert_eq!(next_step(S::Ordered, &assigned), NextStep::AgreePlan);
        assert_eq!(next_step(S::Ordered, &ready(2)), NextStep::ConfirmAgreement);
        assert_eq!(next_step(S::Summary, &ready(2)), NextStep::WriteSummary);
        assert_eq!(next_step(S::Closed, &ready(2)), NextStep::Nothing);
    }

    #[test]
    fn codes_round_trip() {
        for s in S::ALL {
            assert_eq!(S::parse(s.code()), Some(s));
        }
        for t in T::ALL {
            assert_eq!(T::parse(t.code()), Some(t));
        }
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn any_transition() -> impl Strategy<Value = Transition> {
            proptest::sample::select(Transition::ALL.to_vec())
        }

        fn any_readiness() -> impl Strategy<Value = Readiness> {
            (any::<[bool; 5]>(), 0usize..3, 0usize..3).prop_map(|(b, sessions, phases)| Readiness {
                facilitator_assigned: b[0],
                has_method: b[1],
                orderer_approved: b[2],
                facilitator_approved: b[3],
                session_count: sessions + usize::from(b[4]),
                method_phases: phases,
            })
        }

        proptest! {
            /// Whatever users click, a process only ever moves along the path or to cancelled,
            /// never backwards, and reaches "agreed" only with a complete, approved plan.
            #[test]
            fn random_clicking_keeps_the_machine_honest(
                steps in proptest::collection::vec((any_transition(), any_readiness()), 0..40)
            ) {
                let rank = |s: ProcessState| ProcessState::PATH.iter().position(|p| *p == s);
                let mut state = ProcessState::Ordered;
                for (t, r) in steps {
                    match apply(state, t, &r) {
                        Ok(next) => {
                            prop_assert_eq!(Some(next), edge(state, t));
                            prop_assert!(!state.is_final());
                            if next == ProcessState::Agreed {
                                prop_assert!(r.facilitator_assigned && r.has_method);
                                prop_assert!(r.orderer_approved && r.facilitator_approved);
                                prop_assert!(r.session_count > 0);
                            }
                            if next != ProcessState::Cancelled {
                                prop_assert!(rank(next) > rank(state), "{:?} -> {:?}", state, next);
                            }
                            state = next;
                        }
                        Err(e) => {
                            // A refusal is either a missing edge or a guard that was not met:
                            // with everything ready, every edge of the graph is open.
                            let complete = r.facilitator_assigned
                                && r.has_method
                                && r.orderer_approved
                                && r.facilitator_approved
                                && r.session_count > 0
                                && r.method_phases >= 2;
                            prop_assert!(edge(state, t).is_none() || !complete, "{:?}", e);
                        }
                    }
                }
            }
        }
    }
}
