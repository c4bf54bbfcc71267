//! The life of a dialogue process as an explicit state machine.
//!
//! ordered → agreed → phase 1 → phase 2 → summary → closed, and cancelled from any state that is
//! not yet final. Methods with one phase (Erätauko, a class dialogue) go from phase 1 straight to
//! the summary. A process cancelled by mistake can be reopened: it returns to the state it was
//! cancelled from. Every guard lives here, so the web layer cannot move a process past a check.

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
    /// Undo a cancellation made by mistake: back to the state the process was cancelled from.
    Reopen,
}

impl Transition {
    pub const ALL: [Transition; 7] = [
        Transition::Agree,
        Transition::StartPhase1,
        Transition::StartPhase2,
        Transition::StartSummary,
        Transition::Close,
        Transition::Cancel,
        Transition::Reopen,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Transition::Agree => "agree",
            Transition::StartPhase1 => "start_phase1",
            Transition::StartPhase2 => "start_phase2",
            Transition::StartSummary => "start_summary",
            Transition::Close => "close",
            Transition::Cancel => "cancel",
            Transition::Reopen => "reopen",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == s)
    }

    /// Whether the move cannot be taken back by the person who makes it: the page asks first
    /// (closing ends the process for good; a cancellation only a coordinator can undo).
    pub fn is_irreversible(self) -> bool {
        matches!(self, Transition::Close | Transition::Cancel)
    }
}

/// What the guards need to know about a process besides its state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Readiness {
    pub facilitator_assigned: bool,
    /// The order was offered to its facilitator, who has not accepted yet: nothing is agreed
    /// or started on their behalf before they have said yes.
    pub facilitator_awaiting: bool,
    pub has_method: bool,
    pub session_count: usize,
    pub orderer_approved: bool,
    pub facilitator_approved: bool,
    /// Phases of the process's (adapted) method; zero when no method is chosen yet.
    pub method_phases: usize,
    /// For a cancelled process: the state it was cancelled from (its history's last
    /// cancellation). Reopening returns there.
    pub cancelled_from: Option<ProcessState>,
    /// A live session of the process is open now.
    pub live_open: bool,
    /// Sessions the plan gives the current phase, and how many of them have not been held
    /// (opened as a live session) yet. Only `next_step` reads them.
    pub phase_sessions: usize,
    pub unheld_sessions: usize,
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
    #[error("the facilitator has not accepted the order yet")]
    AwaitingAnswer,
    #[error("the plan has no method")]
    NoMethod,
    #[error("the plan has no session")]
    NoSession,
    #[error("the orderer and the facilitator have not both approved the current plan")]
    NotApproved,
    #[error("the method has a single phase")]
    SinglePhase,
    #[error("the state the process was cancelled from is not known")]
    CancelledFromUnknown,
}

impl TransitionError {
    pub fn message_id(&self) -> &'static str {
        match self {
            TransitionError::NotFrom { .. } => "transition-error-not-from",
            TransitionError::NoFacilitator => "transition-error-no-facilitator",
            TransitionError::AwaitingAnswer => "transition-error-awaiting-answer",
            TransitionError::NoMethod => "transition-error-no-method",
            TransitionError::NoSession => "transition-error-no-session",
            TransitionError::NotApproved => "transition-error-not-approved",
            TransitionError::SinglePhase => "transition-error-single-phase",
            TransitionError::CancelledFromUnknown => "transition-error-cancelled-from-unknown",
        }
    }
}

/// The state a transition leads to from `from`, ignoring the guards; `None` where the state
/// machine has no such edge. Reopening has no fixed target (it returns to the state the
/// process was cancelled from, which only its history knows): see [`reopen_target`].
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

/// Where reopening a cancelled process leads: the state it was cancelled from, when that is
/// known and was not final (a closed process is never cancelled, but the history is data).
pub fn reopen_target(cancelled_from: Option<ProcessState>) -> Option<ProcessState> {
    cancelled_from.filter(|s| !s.is_final())
}

/// Whether the machine has an edge for `t` from `from` at all (reopening: from cancelled).
fn has_edge(from: ProcessState, t: Transition) -> bool {
    edge(from, t).is_some() || (from == ProcessState::Cancelled && t == Transition::Reopen)
}

/// Applies `t` to a process in state `from`, checking every guard.
pub fn apply(
    from: ProcessState,
    t: Transition,
    r: &Readiness,
) -> Result<ProcessState, TransitionError> {
    if !has_edge(from, t) {
        return Err(TransitionError::NotFrom {
            from,
            transition: t,
        });
    }
    if t == Transition::Reopen {
        return reopen_target(r.cancelled_from).ok_or(TransitionError::CancelledFromUnknown);
    }
    let to = edge(from, t).ok_or(TransitionError::NotFrom {
        from,
        transition: t,
    })?;
    match t {
        Transition::Agree | Transition::StartPhase1 if r.facilitator_awaiting => {
            return Err(TransitionError::AwaitingAnswer);
        }
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
        .filter(|t| has_edge(from, *t))
        .filter(|t| !(*t == Transition::StartPhase2 && method_phases < 2))
        .filter(|t| {
            // From phase 1 a two-phase method goes to phase 2, not straight to the summary.
            !(from == ProcessState::Phase1 && *t == Transition::StartSummary && method_phases >= 2)
        })
        .collect()
}

/// Who acts next, for the "what happens next" box of the process page. It follows the real
/// state: during a phase, an open session comes first, then the sessions planned and not yet
/// held, and only then the move onwards.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NextStep {
    /// A coordinator assigns a facilitator.
    AssignFacilitator,
    /// The order was offered to a facilitator: they accept it or decline with a reason.
    AnswerOffer,
    /// Orderer, facilitator and participants' representatives agree the plan; both approve it.
    AgreePlan,
    /// The plan is approved; the facilitator confirms the agreement.
    ConfirmAgreement,
    /// Agreed: the facilitator starts phase 1.
    StartPhase1,
    /// A live session is open: the facilitator runs it.
    RunSession,
    /// The phase has planned sessions not yet held: the facilitator opens the next one.
    OpenSession,
    /// The plan has no session for the current phase: one is added to the plan.
    PlanSession,
    /// Phase 1 of a two-phase method is held: its themes are curated, then phase 2 starts.
    CurateThemes,
    /// The last phase is held: the facilitator moves the process to its summary.
    StartSummary,
    /// The orderer draws together what was heard and closes the process.
    WriteSummary,
    /// Cancelled: nothing happens unless a coordinator reopens it.
    Cancelled,
    Nothing,
}

impl NextStep {
    pub fn message_id(self) -> &'static str {
        match self {
            NextStep::AssignFacilitator => "next-assign-facilitator",
            NextStep::AnswerOffer => "next-answer-offer",
            NextStep::AgreePlan => "next-agree-plan",
            NextStep::ConfirmAgreement => "next-confirm-agreement",
            NextStep::StartPhase1 => "next-start-phase1",
            NextStep::RunSession => "next-run-session",
            NextStep::OpenSession => "next-open-session",
            NextStep::PlanSession => "next-plan-session",
            NextStep::CurateThemes => "next-curate-themes",
            NextStep::StartSummary => "next-start-summary",
            NextStep::WriteSummary => "next-write-summary",
            NextStep::Cancelled => "next-cancelled",
            NextStep::Nothing => "next-nothing",
        }
    }
}

pub fn next_step(state: ProcessState, r: &Readiness) -> NextStep {
    match state {
        ProcessState::Ordered if !r.facilitator_assigned => NextStep::AssignFacilitator,
        ProcessState::Ordered | ProcessState::Agreed if r.facilitator_awaiting => {
            NextStep::AnswerOffer
        }
        ProcessState::Ordered
            if r.orderer_approved
                && r.facilitator_approved
                && r.session_count > 0
                && r.has_method =>
        {
            NextStep::ConfirmAgreement
        }
        ProcessState::Ordered => NextStep::AgreePlan,
        ProcessState::Agreed => NextStep::StartPhase1,
        ProcessState::Phase1 | ProcessState::Phase2 if r.live_open => NextStep::RunSession,
        ProcessState::Phase1 | ProcessState::Phase2 if r.unheld_sessions > 0 => {
            NextStep::OpenSession
        }
        ProcessState::Phase1 | ProcessState::Phase2 if r.phase_sessions == 0 => {
            NextStep::PlanSession
        }
        ProcessState::Phase1 if r.method_phases >= 2 => NextStep::CurateThemes,
        ProcessState::Phase1 | ProcessState::Phase2 => NextStep::StartSummary,
        ProcessState::Summary => NextStep::WriteSummary,
        ProcessState::Cancelled => NextStep::Cancelled,
        ProcessState::Closed => NextStep::Nothing,
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
            ..Readiness::default()
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
        for from in S::ALL {
            assert_eq!(edge(from, T::Reopen), None, "reopening has no fixed target");
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
    fn a_cancelled_process_reopens_where_it_was() {
        for before in [S::Ordered, S::Agreed, S::Phase1, S::Phase2, S::Summary] {
            let r = ready(2);
            let cancelled = apply(before, T::Cancel, &r).expect("cancel");
            assert_eq!(cancelled, S::Cancelled);
            let back = Readiness {
                cancelled_from: Some(before),
                ..r
            };
            assert_eq!(apply(cancelled, T::Reopen, &back), Ok(before));
        }
        // Without the history the guard refuses, and a final state is never a target.
        assert_eq!(
            apply(S::Cancelled, T::Reopen, &ready(2)),
            Err(TransitionError::CancelledFromUnknown)
        );
        let closed = Readiness {
            cancelled_from: Some(S::Closed),
            ..ready(2)
        };
        assert_eq!(
            apply(S::Cancelled, T::Reopen, &closed),
            Err(TransitionError::CancelledFromUnknown)
        );
        // Only a cancelled process reopens.
        for from in [S::Ordered, S::Phase1, S::Closed] {
            let r = Readiness {
                cancelled_from: Some(S::Phase1),
                ..ready(2)
            };
            assert!(matches!(
                apply(from, T::Reopen, &r),
                Err(TransitionError::NotFrom { .. })
            ));
        }
        assert_eq!(offered(S::Cancelled, 2), vec![T::Reopen]);
        assert!(offered(S::Closed, 2).is_empty());
        assert!(T::Cancel.is_irreversible() && T::Close.is_irreversible());
        assert!(!T::Reopen.is_irreversible() && !T::StartPhase2.is_irreversible());
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
        assert_eq!(next_step(S::Agreed, &ready(2)), NextStep::StartPhase1);
        // Offered and not answered: the facilitator's answer comes first, and nothing is
        // agreed or started before it.
        let awaiting = Readiness {
            facilitator_awaiting: true,
            ..ready(2)
        };
        assert_eq!(next_step(S::Ordered, &awaiting), NextStep::AnswerOffer);
        assert_eq!(next_step(S::Agreed, &awaiting), NextStep::AnswerOffer);
        assert_eq!(
            apply(S::Ordered, T::Agree, &awaiting),
            Err(TransitionError::AwaitingAnswer)
        );
        assert_eq!(
            apply(S::Agreed, T::StartPhase1, &awaiting),
            Err(TransitionError::AwaitingAnswer)
        );
        assert_eq!(apply(S::Ordered, T::Cancel, &awaiting), Ok(S::Cancelled));
        assert_eq!(next_step(S::Summary, &ready(2)), NextStep::WriteSummary);
        assert_eq!(next_step(S::Closed, &ready(2)), NextStep::Nothing);
        assert_eq!(next_step(S::Cancelled, &ready(2)), NextStep::Cancelled);
    }

    /// In a phase, "what next" is the sessions first: an open one, then those planned and not
    /// yet held; the move onwards (themes and phase 2, or the summary) only once they are held.
    #[test]
    fn next_step_in_a_phase_puts_the_sessions_first() {
        let phase = |phases, open, planned, unheld| Readiness {
            live_open: open,
            phase_sessions: planned,
            unheld_sessions: unheld,
            ..ready(phases)
        };
        assert_eq!(
            next_step(S::Phase1, &phase(2, false, 2, 2)),
            NextStep::OpenSession
        );
        assert_eq!(
            next_step(S::Phase1, &phase(2, true, 2, 1)),
            NextStep::RunSession
        );
        assert_eq!(
            next_step(S::Phase1, &phase(2, false, 2, 1)),
            NextStep::OpenSession
        );
        assert_eq!(
            next_step(S::Phase1, &phase(2, false, 2, 0)),
            NextStep::CurateThemes
        );
        assert_eq!(
            next_step(S::Phase1, &phase(1, false, 1, 0)),
            NextStep::StartSummary
        );
        assert_eq!(
            next_step(S::Phase2, &phase(2, false, 0, 0)),
            NextStep::PlanSession
        );
        assert_eq!(
            next_step(S::Phase2, &phase(2, false, 1, 0)),
            NextStep::StartSummary
        );
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
            (any::<[bool; 6]>(), 0usize..3, 0usize..3).prop_map(|(b, sessions, phases)| Readiness {
                facilitator_assigned: b[0],
                facilitator_awaiting: b[0] && b[5],
                has_method: b[1],
                orderer_approved: b[2],
                facilitator_approved: b[3],
                session_count: sessions + usize::from(b[4]),
                method_phases: phases,
                ..Readiness::default()
            })
        }

        proptest! {
            /// Whatever users click, a process only ever moves along the path or to cancelled,
            /// never backwards, and reaches "agreed" only with a complete, approved plan. A
            /// reopened process is exactly where it was cancelled from (the history, as the web
            /// layer reads it, is passed in), and nothing moves a closed process.
            #[test]
            fn random_clicking_keeps_the_machine_honest(
                steps in proptest::collection::vec((any_transition(), any_readiness()), 0..40)
            ) {
                let rank = |s: ProcessState| ProcessState::PATH.iter().position(|p| *p == s);
                let mut state = ProcessState::Ordered;
                let mut cancelled_from = None;
                for (t, r) in steps {
                    let r = Readiness { cancelled_from, ..r };
                    match apply(state, t, &r) {
                        Ok(next) if t == Transition::Reopen => {
                            prop_assert_eq!(state, ProcessState::Cancelled);
                            prop_assert_eq!(Some(next), cancelled_from);
                            state = next;
                        }
                        Ok(next) => {
                            prop_assert_eq!(Some(next), edge(state, t));
                            prop_assert!(!state.is_final());
                            if next == ProcessState::Cancelled {
                                cancelled_from = Some(state);
                            }
                            if matches!(next, ProcessState::Agreed | ProcessState::Phase1) {
                                prop_assert!(!r.facilitator_awaiting, "started before an answer");
                            }
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
                                && !r.facilitator_awaiting
                                && r.has_method
                                && r.orderer_approved
                                && r.facilitator_approved
                                && r.session_count > 0
                                && r.method_phases >= 2;
                            prop_assert!(edge(state, t).is_none() || !complete, "{:?}", e);
                            prop_assert!(
                                t != Transition::Reopen || state != ProcessState::Cancelled,
                                "a cancelled process with its history always reopens: {:?}", e
                            );
                        }
                    }
                }
            }
        }
    }
}
