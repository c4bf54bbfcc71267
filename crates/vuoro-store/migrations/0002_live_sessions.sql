-- Live sessions: a planned session run with a join code, the participants who join it from their
-- phones, the notes they write and the events open boards follow. The conventions of
-- 0001_initial.sql hold here too.

CREATE TABLE live_sessions (
    id           TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 36),
    process_id   TEXT NOT NULL REFERENCES processes (id),
    -- The plan session (`PlanSession::id`) this run carries out, and the method phase it runs.
    plan_session INTEGER NOT NULL CHECK (plan_session >= 1),
    phase        INTEGER NOT NULL CHECK (phase >= 1),
    join_code    TEXT NOT NULL CHECK (length(join_code) = 6),
    open         INTEGER NOT NULL CHECK (open IN (0, 1)),
    -- The position: stage of the phase and question of the stage, both from 0.
    stage        INTEGER NOT NULL CHECK (stage >= 0),
    question     INTEGER NOT NULL CHECK (question >= 0),
    timer_json   TEXT NOT NULL CHECK (json_valid(timer_json)),
    opened_by    TEXT NOT NULL REFERENCES users (id),
    opened_at    TEXT NOT NULL,
    closed_at    TEXT,
    -- The end-of-session feedback form: not asked, open on the phones, or closed.
    feedback     TEXT NOT NULL DEFAULT 'none' CHECK (feedback IN ('none', 'open', 'closed')),
    -- Whether the phones show the feedback of the process's previous session.
    share_previous INTEGER NOT NULL DEFAULT 0 CHECK (share_previous IN (0, 1)),
    -- A learning café run in the session: its tables, hosts and seating by round.
    cafe_json    TEXT CHECK (cafe_json IS NULL OR json_valid(cafe_json)),
    CHECK ((open = 1) = (closed_at IS NULL)),
    -- Lets notes and attendance refer to (live session, process) together, so a participant of
    -- one process can never write in or join a session of another.
    UNIQUE (id, process_id)
) STRICT;

-- A code is unique among open sessions only: closing a session frees its code for reuse, and the
-- six characters give too few codes to keep every one ever drawn. Also serves look-up by code.
CREATE UNIQUE INDEX live_sessions_open_code ON live_sessions (join_code) WHERE open = 1;
CREATE INDEX live_sessions_by_process ON live_sessions (process_id, opened_at DESC, id DESC);

CREATE TABLE participants (
    id           TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 36),
    process_id   TEXT NOT NULL REFERENCES processes (id),
    token_hash   TEXT NOT NULL UNIQUE,
    display_name TEXT,
    lang         TEXT NOT NULL CHECK (lang IN ('fi', 'sv', 'en', 'ar', 'so')),
    created_at   TEXT NOT NULL,
    UNIQUE (id, process_id)
) STRICT;

CREATE TABLE attendance (
    live_session_id TEXT NOT NULL,
    participant_id  TEXT NOT NULL,
    -- Copied from the live session, only to tie the participant to the same process.
    process_id      TEXT NOT NULL,
    first_seen      TEXT NOT NULL,
    PRIMARY KEY (live_session_id, participant_id),
    FOREIGN KEY (live_session_id, process_id) REFERENCES live_sessions (id, process_id),
    FOREIGN KEY (participant_id, process_id) REFERENCES participants (id, process_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE notes (
    id              TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 36),
    live_session_id TEXT NOT NULL,
    -- Copied from the live session, only to tie a participant author to the same process.
    process_id      TEXT NOT NULL,
    -- Exactly one author: a participant, or a staff member typing for the circle.
    participant_id  TEXT,
    staff_user_id   TEXT REFERENCES users (id),
    shown_name      TEXT,
    stage           INTEGER NOT NULL CHECK (stage >= 0),
    question        TEXT NOT NULL,
    text            TEXT NOT NULL,
    lang            TEXT NOT NULL CHECK (lang IN ('fi', 'sv', 'en', 'ar', 'so')),
    hidden          INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
    starred         INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
    -- In a learning café: the round (from 1) and table (from 0) the note was written at, and
    -- whether it is the host's summary that carries over to the next group.
    cafe_round      INTEGER CHECK (cafe_round >= 1),
    cafe_table      INTEGER CHECK (cafe_table >= 0),
    summary         INTEGER NOT NULL DEFAULT 0 CHECK (summary IN (0, 1)),
    -- A duplicate merged by the facilitator into another note of the session (and hidden).
    merged_into     TEXT REFERENCES notes (id),
    created_at      TEXT NOT NULL,
    CHECK ((cafe_round IS NULL) = (cafe_table IS NULL)),
    CHECK ((participant_id IS NULL) <> (staff_user_id IS NULL)),
    FOREIGN KEY (live_session_id, process_id) REFERENCES live_sessions (id, process_id),
    FOREIGN KEY (participant_id, process_id) REFERENCES participants (id, process_id)
) STRICT;

CREATE INDEX notes_by_session ON notes (live_session_id, created_at, id);
-- The rate limit counts one participant's recent notes in one session.
CREATE INDEX notes_by_participant ON notes (live_session_id, participant_id, created_at)
    WHERE participant_id IS NOT NULL;

-- Every change the facilitator makes to a note, so nothing said is silently rewritten: an
-- edit keeps the text it replaced.
CREATE TABLE note_history (
    note_id    TEXT NOT NULL REFERENCES notes (id),
    version    INTEGER NOT NULL CHECK (version >= 1),
    action     TEXT NOT NULL CHECK (action IN ('hide', 'show', 'star', 'unstar', 'edit', 'merge', 'move')),
    old_text   TEXT,
    new_text   TEXT,
    actor      TEXT NOT NULL REFERENCES users (id),
    at         TEXT NOT NULL,
    CHECK ((action = 'edit') = (old_text IS NOT NULL AND new_text IS NOT NULL)),
    PRIMARY KEY (note_id, version)
) STRICT, WITHOUT ROWID;

-- The turn queue: who has raised a hand, in the order they raised it. Lowering (or being given
-- the turn) removes the row.
CREATE TABLE hands (
    live_session_id TEXT NOT NULL,
    participant_id  TEXT NOT NULL,
    process_id      TEXT NOT NULL,
    raised_at       TEXT NOT NULL,
    PRIMARY KEY (live_session_id, participant_id),
    FOREIGN KEY (live_session_id, participant_id) REFERENCES attendance (live_session_id, participant_id),
    FOREIGN KEY (live_session_id, process_id) REFERENCES live_sessions (id, process_id)
) STRICT, WITHOUT ROWID;

-- Feedback answers. The participant is stored only so that one person answers once; results
-- are read without it, in the order of their content, not of their arrival.
CREATE TABLE feedback_responses (
    live_session_id TEXT NOT NULL,
    process_id      TEXT NOT NULL,
    participant_id  TEXT NOT NULL,
    answers_json    TEXT NOT NULL CHECK (json_valid(answers_json)),
    created_at      TEXT NOT NULL,
    PRIMARY KEY (live_session_id, participant_id),
    FOREIGN KEY (live_session_id, process_id) REFERENCES live_sessions (id, process_id),
    FOREIGN KEY (participant_id, process_id) REFERENCES participants (id, process_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE live_events (
    -- One sequence over all live sessions, never reused, so a reconnecting board asks for
    -- everything after the last event it saw.
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    live_session_id TEXT NOT NULL REFERENCES live_sessions (id),
    at              TEXT NOT NULL,
    kind_json       TEXT NOT NULL CHECK (json_valid(kind_json) AND json_type(kind_json, '$.kind') = 'text')
) STRICT;

CREATE INDEX live_events_by_session ON live_events (live_session_id, seq);
