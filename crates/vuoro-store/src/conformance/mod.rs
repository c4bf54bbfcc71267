//! The backend-generic conformance suite: every promise of the [`Store`] contract as a case that
//! takes a fresh, empty store, so each backend proves the same behaviour on its own database.
//!
//! Compiled only with the `conformance` feature, which backends enable for their tests alone, so
//! production builds do not carry it. A backend runs the whole suite with one line in a test
//! file:
//!
//! ```ignore
//! vuoro_store::conformance_tests!(async {
//!     // Make a fresh, empty store; return it, or (store, guard) to keep the guard (a
//!     // temporary directory, a database to drop) until the case ends, or an `Option` of
//!     // either, `None` skipping the case where the backend's server is not configured.
//! });
//! ```
//!
//! The macro expands to one `#[tokio::test]` per case, named after it, so each failure is named;
//! the calling crate needs `tokio` (with `macros` and `rt`) among its dev-dependencies. Cases
//! share no state: each makes its fixtures through the trait on the store it is given, and
//! passes every time it stores (`NOW` where it does not care when).

pub mod account_tokens;
pub mod accounts;
pub mod catalogue;
pub mod feed;
pub mod live;
pub mod mail;
pub mod network;
pub mod notices;
pub mod offers;
pub mod outcome;
pub mod partners;
pub mod process;
pub mod rights;
pub mod sign_on;
pub mod throttle;

use crate::{
    Acceptor, ApprovalSide, EventKind, Invitation, LiveEvent, LiveEventKind, LiveSession,
    LoginSession, NewProcess, NewUser, Note, NoteAuthor, NoteChange, Organisation, Participant,
    Practice, Presence, ProcessFilter, RoleChangeVia, SessionFeedback, Store, StoreError,
    SummaryComment, SummaryLink, SummaryLinkComment, SummaryVersion, ThemeVersion, Topic, Unit,
    User,
};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;
use time::macros::{date, datetime, time};
use time::{Date, Duration, OffsetDateTime};
use vuoro_core::lang::ParticipantLang;
use vuoro_core::live::{JoinCode, Position, Timer};
use vuoro_core::method::{Format, MethodLibrary};
use vuoro_core::openspace::{Cell, OpenSpace};
use vuoro_core::order::{MethodChoice, Order, ParticipantKind};
use vuoro_core::plan::{Plan, PlanSession};
use vuoro_core::practice::{PracticeKind, PracticeStatus};
use vuoro_core::summary::{Block, BlockKind, Summary, SummaryState};
use vuoro_core::themes::{Proposed, Scope, ThemeSet};
use vuoro_core::{
    LiveSessionId, NoteId, OrgId, ParticipantId, PracticeId, ProcessId, ProcessState, Role,
    RoleSet, TopicId, UnitId, UserId,
};

/// What a backend's set-up expression yields for one case: the store, and whatever must outlive
/// it until the case ends; `None` when the backend's server is not configured here and the case
/// is skipped (the set-up says so, and fails instead where the server is required, as in CI).
pub trait FreshStore: Send {
    fn store(&self) -> Option<Arc<dyn Store>>;
}

impl FreshStore for Arc<dyn Store> {
    fn store(&self) -> Option<Arc<dyn Store>> {
        Some(Arc::clone(self))
    }
}

/// A store and a guard (a temporary directory, a database dropped when the guard is), kept
/// until the case ends.
impl<G: Send> FreshStore for (Arc<dyn Store>, G) {
    fn store(&self) -> Option<Arc<dyn Store>> {
        Some(Arc::clone(&self.0))
    }
}

/// A store that may not be there: `None` skips the case.
impl<F: FreshStore> FreshStore for Option<F> {
    fn store(&self) -> Option<Arc<dyn Store>> {
        self.as_ref().and_then(FreshStore::store)
    }
}

/// Expands to one `#[tokio::test]` per conformance case, each running the case on the store
/// that `$fresh` (an expression evaluating to a future of a [`FreshStore`]) makes for it.
#[macro_export]
macro_rules! conformance_tests {
    (@cases $fresh:expr; $($feature:ident :: $case:ident,)*) => {
        $(
            #[tokio::test]
            async fn $case() {
                let fresh = $fresh.await;
                let Some(store) = $crate::conformance::FreshStore::store(&fresh) else {
                    return;
                };
                $crate::conformance::$feature::$case(store).await;
                drop(fresh);
            }
        )*
    };
    ($fresh:expr) => {
        $crate::conformance_tests!(@cases $fresh;
            accounts::organisations_units_and_users,
            accounts::a_taken_email_is_a_duplicate_whatever_its_case,
            accounts::roles_are_set_replaced_and_removed,
            accounts::invitations_create_or_reuse_accounts_once,
            accounts::an_account_made_from_a_link_takes_roles_only_from_its_organisation,
            accounts::login_sessions_expire,
            accounts::users_are_read_in_one_go_by_id,
            accounts::unconfirmed_addresses_are_read_in_one_go_with_their_origin,
            account_tokens::a_mailed_link_sets_the_password_once_and_ends_every_log_in,
            account_tokens::using_a_mailed_link_confirms_the_address,
            account_tokens::a_mailed_invitation_makes_a_confirmed_account_and_tells_its_mail,
            process::processes_are_created_read_and_filtered_by_every_field,
            process::a_unit_of_another_organisation_is_refused,
            process::plans_are_versioned_and_stale_saves_conflict,
            process::only_one_of_two_concurrent_saves_wins,
            process::approvals_hold_for_one_version,
            process::state_changes_are_conditional,
            process::the_event_log_records_every_change_in_order,
            process::a_cancellation_keeps_its_reason_and_advice_is_recorded,
            process::every_organisations_processes_come_in_one_list_as_each_lists_its_own,
            process::the_current_plans_of_many_processes_are_read_in_one_go,
            process::many_processes_histories_are_read_in_one_go,
            live::live_sessions_are_opened_read_and_listed_newest_first,
            live::a_join_code_is_unique_among_open_sessions_only,
            live::moving_and_closing_a_live_session_append_events,
            feed::the_live_feed_announces_each_committed_event_by_session_and_seq,
            throttle::attempts_are_counted_per_budget_within_the_window,
            sign_on::a_sign_on_under_way_is_taken_once_before_it_expires,
            sign_on::identities_link_to_one_account,
            sign_on::groups_give_and_take_roles_at_sign_on,
            sign_on::password_log_in_is_turned_off_per_organisation,
            live::participants_are_found_by_token_and_updated,
            live::attendance_is_counted_once_per_participant,
            live::notes_are_stored_with_events_a_board_can_resume_from,
            live::recent_notes_are_counted_per_participant_and_session,
            live::staff_write_notes_for_the_circle,
            live::a_note_must_name_a_participant_of_the_same_process,
            live::facilitators_change_notes_and_every_change_is_kept,
            live::feedback_is_taken_once_per_participant_while_open,
            live::a_closed_session_takes_no_feedback_even_with_its_form_open,
            live::hands_queue_in_the_order_raised_and_carry_numbers_not_ids,
            live::a_cafe_and_its_notes_keep_round_and_table,
            live::duplicates_merge_into_a_note_of_the_same_session,
            live::topics_are_numbered_counted_and_placed_one_per_cell,
            live::a_participant_picks_one_topic_per_slot,
            live::a_closed_session_takes_no_open_space_changes,
            live::a_note_keeps_the_topic_its_group_wrote_it_under,
            live::topics_proposed_at_once_get_distinct_numbers,
            live::a_removed_participant_stays_out_of_the_session_and_frees_the_seat,
            live::a_backlog_is_read_with_its_notes_and_topics_and_bounded,
            live::a_writer_corrects_or_withdraws_a_note_until_it_is_curated,
            live::a_processs_feedback_is_read_per_session_as_each_session_gives_it,
            live::the_notes_a_facilitator_curated_are_found_together,
            live::a_processs_notes_are_read_in_one_go_session_by_session,
            outcome::themes_are_versioned_and_stale_saves_conflict,
            outcome::each_scope_and_process_keeps_its_own_themes,
            outcome::only_one_of_two_concurrent_theme_saves_wins,
            outcome::the_summary_is_versioned_and_stale_saves_conflict,
            outcome::only_one_of_two_concurrent_summary_saves_wins,
            outcome::summary_comments_are_kept_in_order_and_counted_per_participant,
            outcome::practices_round_trip_and_only_staff_ones_are_logged,
            outcome::a_practice_must_belong_with_its_process,
            outcome::practices_are_edited_and_followed_up,
            outcome::a_summary_link_is_made_revoked_and_its_comments_capped,
            outcome::the_latest_published_summaries_of_many_processes_are_read_in_one_go,
            catalogue::activities_are_added_read_changed_and_deleted,
            catalogue::an_import_finds_or_creates_organisations_and_counts_each_line_once,
            catalogue::completion_requests_are_listed_newest_first_and_resolved_once,
            catalogue::plans_list_their_areas_and_link_only_their_organisations_processes,
            catalogue::a_processs_plan_areas_are_read_in_one_go_with_its_links,
            catalogue::an_organisations_plans_keep_their_order_areas_and_links,
            mail::mail_is_claimed_by_one_at_a_time_and_never_after_it_is_sent,
            mail::a_failed_mail_is_retried_from_its_time,
            mail::a_dedupe_key_writes_a_message_once,
            mail::claims_at_once_take_each_message_once,
            mail::mail_is_written_with_the_change_that_causes_it,
            mail::each_person_keeps_their_own_mail_settings,
            notices::community_addresses_are_kept_as_given_and_replaced_whole,
            notices::a_summary_moves_with_its_link_its_mail_and_the_deletion_of_addresses,
            notices::sent_community_mail_is_forgotten,
            notices::practices_due_are_read_with_their_process,

            rights::audit_entries_are_listed_per_organisation_newest_first,
            rights::retention_deletes_exactly_what_is_due_and_records_it,
            rights::a_participant_reads_and_deletes_their_own_words,
            rights::a_staff_members_record_holds_their_work_and_no_participant,
            rights::a_former_member_is_listed_and_can_still_be_removed,
            rights::removing_a_staff_member_keeps_the_history_and_refuses_a_running_facilitator,
            network::a_profile_its_absences_and_trainings_held_round_trip,
            network::a_completed_training_trains_and_makes_a_facilitator_once,
            network::the_networks_members_are_read_in_one_go_as_each_reads_alone,
            network::meetings_are_listed_per_year_with_their_attendance,
            network::removal_takes_the_profile_and_keeps_what_was_attended,
            network::hours_recorded_after_a_session_are_kept_once_per_session,
            offers::an_offer_is_answered_once_and_a_decline_returns_the_order_to_the_queue,
            offers::two_answers_at_once_count_once,
            offers::volunteers_come_only_for_a_waiting_order,
            offers::offers_are_in_the_record_and_removal_empties_the_reasons,
            offers::an_order_is_offered_from_the_queue_only_while_it_waits,
            partners::an_agreement_is_proposed_accepted_and_ended_once,
            partners::proposals_and_answers_at_once_count_once,
        );
    };
}

/// The time fixtures are stamped with where a test does not care when they happened; a test
/// that does passes its own times.
const NOW: OffsetDateTime = datetime!(2027-01-04 08:00 UTC);

/// A store with one organisation, one unit and an orderer, a facilitator and a coordinator.
struct Fixture {
    store: Arc<dyn Store>,
    org: Organisation,
    unit: Unit,
    orderer: User,
    facilitator: User,
    coordinator: User,
}

async fn fixture(store: Arc<dyn Store>) -> Fixture {
    let org = store
        .create_org("Vantaan kaupunki", NOW)
        .await
        .expect("org");
    let unit = store.create_unit(org.id, "Kotihoito").await.expect("unit");
    let orderer = store
        .create_user(new_user("esimies@vantaa.fi", "Eeva Esimies"), NOW)
        .await
        .expect("user");
    let facilitator = store
        .create_user(
            new_user("fasilitaattori@vantaa.fi", "Fanni Fasilitaattori"),
            NOW,
        )
        .await
        .expect("user");
    let coordinator = store
        .create_user(
            new_user("koordinaattori@vantaa.fi", "Kalle Koordinaattori"),
            NOW,
        )
        .await
        .expect("user");
    store
        .set_roles(org.id, orderer.id, RoleSet::empty().with(Role::Orderer))
        .await
        .expect("roles");
    store
        .set_roles(
            org.id,
            facilitator.id,
            RoleSet::empty().with(Role::Facilitator),
        )
        .await
        .expect("roles");
    store
        .set_roles(
            org.id,
            coordinator.id,
            RoleSet::empty().with(Role::Coordinator),
        )
        .await
        .expect("roles");
    Fixture {
        store,
        org,
        unit,
        orderer,
        facilitator,
        coordinator,
    }
}

pub fn new_user(email: &str, name: &str) -> NewUser {
    NewUser {
        email: email.into(),
        name: name.into(),
        password_hash: format!("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$hash-of-{name}"),
        site_admin: false,
    }
}

pub fn order(community: &str, unit: Option<UnitId>) -> Order {
    Order {
        community: community.into(),
        unit,
        reason: "Uusi toimintamalli".into(),
        outcome: "Yhteinen ymmärrys".into(),
        timing: "Helmikuu".into(),
        participant_count: 14,
        participant_kinds: BTreeSet::from([ParticipantKind::Staff]),
        languages: BTreeSet::from([ParticipantLang::Fi, ParticipantLang::Sv]),
        format: Format::FaceToFace,
        method: MethodChoice::Method("eratauko".into()),
        needs_outsider: false,
    }
}

pub fn session(id: u32, date: Date) -> PlanSession {
    PlanSession {
        id,
        title: format!("Tapaaminen {id}"),
        phase: 1,
        date,
        start: time!(9:00),
        end: time!(11:30),
        format: Format::FaceToFace,
        place: Some("Kaupungintalo, sali 2".into()),
        online_link: None,
    }
}

/// A plan following the library's Erätauko, adapted for the process, with the given sessions.
pub fn plan_with(method: &str, dates: &[Date]) -> Plan {
    let lib = MethodLibrary::builtin().expect("library loads");
    Plan {
        method: Some(lib.get(method).expect("method exists").adapt()),
        sessions: dates
            .iter()
            .enumerate()
            .map(|(i, d)| session(i as u32 + 1, *d))
            .collect(),
        invited: "Koko tiimi".into(),
        ..Plan::default()
    }
}

async fn create_process(
    f: &Fixture,
    community: &str,
    unit: Option<UnitId>,
    plan: Plan,
) -> ProcessId {
    create_process_at(f, community, unit, plan, NOW).await
}

/// A process ordered at `at`, for cases that compare when processes were ordered.
async fn create_process_at(
    f: &Fixture,
    community: &str,
    unit: Option<UnitId>,
    plan: Plan,
    at: OffsetDateTime,
) -> ProcessId {
    f.store
        .create_process(
            NewProcess {
                org: f.org.id,
                orderer: f.orderer.id,
                order: order(community, unit),
                plan,
                community: None,
            },
            at,
        )
        .await
        .expect("create process")
        .id
}

async fn ids(store: &Arc<dyn Store>, filter: ProcessFilter) -> Vec<ProcessId> {
    store
        .processes(&filter)
        .await
        .expect("list")
        .into_iter()
        .map(|p| p.id)
        .collect()
}

fn invitation(
    f: &Fixture,
    token: &str,
    email: &str,
    roles: RoleSet,
    now: OffsetDateTime,
) -> Invitation {
    Invitation {
        token_hash: token.into(),
        org: f.org.id,
        email: email.into(),
        roles,
        invited_by: f.coordinator.id,
        created_at: now,
        expires_at: now + Duration::days(7),
        accepted_at: None,
    }
}

/// A live session of `process`, opened by the facilitator, at the first stage with a stopped
/// ten-minute timer.
fn live(f: &Fixture, process: ProcessId, code: &str, opened_at: OffsetDateTime) -> LiveSession {
    LiveSession {
        id: LiveSessionId::new(),
        process,
        plan_session: 1,
        phase: 1,
        join_code: JoinCode::parse(code).expect("valid code"),
        open: true,
        position: Position::default(),
        timer: Timer::new(10),
        opened_by: f.facilitator.id,
        opened_at,
        closed_at: None,
    }
}

pub fn participant(process: ProcessId, token: &str, created_at: OffsetDateTime) -> Participant {
    Participant {
        id: ParticipantId::new(),
        process,
        token_hash: format!("hash-of-{token}"),
        display_name: None,
        lang: "fi".into(),
        created_at,
    }
}

pub fn note(
    live: LiveSessionId,
    author: NoteAuthor,
    text: &str,
    created_at: OffsetDateTime,
) -> Note {
    Note {
        id: NoteId::new(),
        live_session: live,
        author,
        shown_name: None,
        stage: 1,
        question: "Mikä toimii?".into(),
        text: text.into(),
        lang: "fi".into(),
        hidden: false,
        starred: false,
        place: None,
        merged_into: None,
        topic: None,
        created_at,
    }
}

/// A topic as the web layer hands it to `add_topic`. The number, cell, hidden flag and picks
/// are deliberately nonsense: the store must ignore them.
fn topic(
    live: LiveSessionId,
    author: NoteAuthor,
    title: &str,
    created_at: OffsetDateTime,
) -> Topic {
    Topic {
        id: TopicId::new(),
        live_session: live,
        number: 99,
        title: title.into(),
        author,
        shown_name: None,
        lang: "fi".into(),
        cell: Some(Cell { slot: 0, space: 0 }),
        hidden: true,
        picks: 7,
        created_at,
    }
}

fn cell(slot: u32, space: u32) -> Option<Cell> {
    Some(Cell { slot, space })
}

/// Two time slots and two spaces.
fn two_by_two() -> OpenSpace {
    OpenSpace::from_form("10.00–10.45\n11.00–11.45", "Sali\nNurkka").expect("valid set-up")
}

/// The kinds of the session's events after `after`.
async fn kinds_after(s: &Arc<dyn Store>, live: LiveSessionId, after: i64) -> Vec<LiveEventKind> {
    s.live_events_after(live, after)
        .await
        .expect("events")
        .into_iter()
        .map(|e| e.kind)
        .collect()
}

fn cells(topics: &[Topic]) -> Vec<Option<Cell>> {
    topics.iter().map(|t| t.cell).collect()
}

/// The process's events after it was ordered, as (actor, kind).
async fn log_after_order(s: &Arc<dyn Store>, process: ProcessId) -> Vec<(UserId, EventKind)> {
    s.events(process)
        .await
        .expect("events")
        .into_iter()
        .filter(|e| e.kind != EventKind::Ordered)
        .map(|e| (e.actor, e.kind))
        .collect()
}

/// A proposal of two themes over the given notes, with the last note unsorted.
fn theme_set(notes: &[NoteId]) -> ThemeSet {
    ThemeSet::from_proposal(
        vec![
            Proposed {
                label: "Työrauha".into(),
                notes: vec![notes[0], notes[1]],
                representative: vec![notes[1]],
            },
            Proposed {
                label: "Perehdytys".into(),
                notes: vec![notes[2]],
                representative: vec![notes[2]],
            },
        ],
        vec![notes[3]],
    )
}

/// A summary with a heading, a paragraph resting on two notes, a Swedish quote of one of them
/// and a paragraph of the summary's own that rests on none.
fn summary(notes: &[NoteId]) -> Summary {
    Summary {
        blocks: vec![
            Block::heading("Mitä kuulimme"),
            Block::paragraph(
                "Kahvihuone koetaan ahtaaksi, ja \"tauot\" venyvät.",
                vec![notes[0], notes[1]],
            ),
            Block::quote("det ryms inte att sitta", "sv", notes[1]),
            Block::paragraph("Seuraavaksi sovitaan tilojen käytöstä.", Vec::new()),
        ],
    }
}

fn summary_comment(
    process: ProcessId,
    version: u32,
    participant: ParticipantId,
    text: &str,
    created_at: OffsetDateTime,
) -> SummaryComment {
    SummaryComment {
        process,
        version,
        participant,
        text: text.into(),
        lang: "fi".into(),
        created_at,
    }
}

/// A practice recorded in a live session, developing something, with an owner and a date.
fn practice(
    process: ProcessId,
    live: Option<LiveSessionId>,
    author: NoteAuthor,
    title: &str,
    created_at: OffsetDateTime,
) -> Practice {
    Practice {
        id: PracticeId::new(),
        process,
        live_session: live,
        group: Some("Pöytä B".into()),
        kind: PracticeKind::Develop,
        title: title.into(),
        owner: Some("tiimivastaava".into()),
        due: Some(date!(2027 - 03 - 31)),
        status: PracticeStatus::Agreed,
        author,
        lang: "fi".into(),
        created_at,
        updated_at: created_at,
    }
}

/// An account made at `NOW`, for cases that make their own people.
async fn account(s: &dyn Store, email: &str, name: &str) -> User {
    s.create_user(new_user(email, name), NOW)
        .await
        .expect("user")
}

/// A process of `org` ordered by `orderer` at `at`, with an empty plan.
async fn ordered(
    s: &dyn Store,
    org: OrgId,
    orderer: UserId,
    community: &str,
    at: OffsetDateTime,
) -> ProcessId {
    s.create_process(
        NewProcess {
            org,
            orderer,
            order: order(community, None),
            plan: Plan::default(),
            community: None,
        },
        at,
    )
    .await
    .expect("process")
    .id
}

/// A live session of `process` running `phase`, opened by `by` at `at`.
async fn open_live(
    s: &dyn Store,
    process: ProcessId,
    phase: u32,
    code: &str,
    by: UserId,
    at: OffsetDateTime,
) -> LiveSessionId {
    let live = LiveSession {
        id: LiveSessionId::new(),
        process,
        plan_session: phase,
        phase,
        join_code: JoinCode::parse(code).expect("valid code"),
        open: true,
        position: Position::default(),
        timer: Timer::new(10),
        opened_by: by,
        opened_at: at,
        closed_at: None,
    };
    s.open_live_session(&live).await.expect("open session");
    live.id
}

/// Each answer given by a new participant of the process in the live session, while its form
/// is open, all at `at`.
async fn answer_all(
    s: &dyn Store,
    process: ProcessId,
    live: LiveSessionId,
    all: &[Vec<vuoro_core::feedback::Answer>],
    at: OffsetDateTime,
) {
    s.set_feedback_state(live, vuoro_core::feedback::FeedbackState::Open, at)
        .await
        .expect("form opens");
    for answers in all {
        let p = participant(process, &format!("answer-{}", ParticipantId::new()), at);
        s.create_participant(&p).await.expect("participant");
        s.attend(live, p.id, at).await.expect("attend");
        s.add_feedback(live, p.id, answers, at)
            .await
            .expect("answers");
    }
}

fn activity(text: &str, count: &str) -> vuoro_core::catalogue::Activity {
    vuoro_core::catalogue::ActivityInput {
        contexts: vec!["school".into()],
        method: "luokkadialogi".into(),
        period: "2021".into(),
        count: count.into(),
        text: text.into(),
        public: true,
        ..Default::default()
    }
    .validate(vuoro_core::catalogue::Vocabulary::builtin())
    .expect("valid activity")
}

#[cfg(test)]
mod tests {
    /// Every case a feature file defines is in the macro's list, so none is silently skipped.
    #[test]
    fn the_macro_runs_every_case() {
        let list = include_str!("mod.rs");
        for (feature, source) in [
            ("accounts", include_str!("accounts.rs")),
            ("process", include_str!("process.rs")),
            ("live", include_str!("live.rs")),
            ("outcome", include_str!("outcome.rs")),
            ("catalogue", include_str!("catalogue.rs")),
            ("mail", include_str!("mail.rs")),
            ("notices", include_str!("notices.rs")),
            ("sign_on", include_str!("sign_on.rs")),
            ("rights", include_str!("rights.rs")),
            ("account_tokens", include_str!("account_tokens.rs")),
        ] {
            for line in source.lines() {
                if let Some(rest) = line.strip_prefix("pub async fn ") {
                    let case = rest.split('(').next().unwrap_or_default();
                    let entry = format!("{feature}::{case},");
                    assert!(
                        list.contains(&entry),
                        "{entry} is not in conformance_tests!"
                    );
                }
            }
        }
    }
}
