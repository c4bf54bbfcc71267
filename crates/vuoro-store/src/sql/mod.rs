//! What the SQL backends share: the columns' encoding of the domain types ([`codec`]) and the
//! rows as a query returns them with their checked conversion into records ([`rows`]). Both
//! backends store the same columns with the same types (text identifiers, fixed-width RFC 3339
//! text timestamps, 64-bit integers, booleans), so one set of rows serves both and a database
//! moves from one backend to the other row by row.

// The column lists every query of a record reads, in the order its row type declares them.
// Exported macros (not constants) because the queries are built with `concat!`.

/// The columns of `processes` that [`ProcessRow`] reads, written once for every query.
#[macro_export]
macro_rules! process_columns {
    () => {
        "id, org_id, unit_id, title, state, orderer_id, facilitator_id, order_json, method_id, \
         plan_version, first_session, last_session, created_at, updated_at, \
         EXISTS (SELECT 1 FROM facilitator_offers o \
                 WHERE o.process_id = processes.id AND o.status = 'awaiting') AS awaiting_answer"
    };
}

/// The columns of `users` (aliased `u`) that [`UserRow`] reads.
#[macro_export]
macro_rules! user_columns {
    () => {
        "u.id, u.email, u.name, u.password_hash, u.site_admin, u.created_at"
    };
}

/// The columns of `live_sessions` that [`LiveSessionRow`] reads.
#[macro_export]
macro_rules! live_session_columns {
    () => {
        "id, process_id, plan_session, phase, join_code, open, stage, question, timer_json, \
         opened_by, opened_at, closed_at"
    };
}

/// The columns of `participants` that [`ParticipantRow`] reads.
#[macro_export]
macro_rules! participant_columns {
    () => {
        "id, process_id, token_hash, display_name, lang, created_at"
    };
}

/// The columns of `notes` that [`NoteRow`] reads.
#[macro_export]
macro_rules! note_columns {
    () => {
        "id, live_session_id, participant_id, staff_user_id, shown_name, stage, question, text, \
         lang, hidden, starred, cafe_round, cafe_table, summary, merged_into, topic_id, \
         created_at"
    };
}

/// The columns of `topics` (aliased `t`) that [`TopicRow`] reads, with the topic's count of
/// picks, which `topic_picks_by_topic` answers without reading the picks themselves.
#[macro_export]
macro_rules! topic_columns {
    () => {
        "t.id, t.live_session_id, t.number, t.title, t.participant_id, t.staff_user_id, \
         t.shown_name, t.lang, t.slot, t.space, t.hidden, t.created_at, \
         (SELECT count(*) FROM topic_picks p WHERE p.topic_id = t.id) AS picks"
    };
}

/// The columns of `theme_sets` that [`ThemeRow`] reads.
#[macro_export]
macro_rules! theme_columns {
    () => {
        "process_id, scope, version, themes_json, curated, created_by, created_at"
    };
}

/// The columns of `practices` that [`PracticeRow`] reads.
#[macro_export]
macro_rules! practice_columns {
    () => {
        "id, process_id, live_session_id, group_label, kind, title, owner, due, status, \
         participant_id, staff_user_id, lang, created_at, updated_at"
    };
}

/// The columns of `summary_versions` that [`SummaryRow`] reads.
#[macro_export]
macro_rules! summary_columns {
    () => {
        "process_id, version, summary_json, state, created_by, created_at"
    };
}

/// The columns of `summary_comments` that [`SummaryCommentRow`] reads.
#[macro_export]
macro_rules! summary_comment_columns {
    () => {
        "process_id, summary_version, participant_id, text, lang, created_at"
    };
}

/// The columns of `summary_links` that [`SummaryLinkRow`] reads.
#[macro_export]
macro_rules! summary_link_columns {
    () => {
        "id, process_id, token_hash, created_by, created_at, revoked_by, revoked_at"
    };
}

/// The columns of `partnerships` that [`PartnershipRow`] reads.
#[macro_export]
macro_rules! partnership_columns {
    () => {
        "id, proposer_org, partner_org, scope, proposed_by, proposed_at, accepted_by, \
         accepted_at, ended_by, ended_at"
    };
}

pub mod codec;
pub mod rows;
