-- Open space: topics proposed in a live session's marketplace, placed by the facilitator into a
-- time slot and a space, the participants' picks of where to go, and notes written by a topic's
-- group. The conventions of 0001_initial.sql hold here too.
--
-- Topics and picks are rows, not part of a JSON document on the session, because many phones
-- propose and pick at the same moment and none may overwrite another's change.

-- The set-up (slots, spaces), whether the marketplace is open and which slot runs.
ALTER TABLE live_sessions ADD COLUMN open_space_json TEXT
    CHECK (open_space_json IS NULL OR json_valid(open_space_json));

CREATE TABLE topics (
    id              TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 36),
    live_session_id TEXT NOT NULL,
    -- Copied from the live session, only to tie a participant proposer to the same process.
    process_id      TEXT NOT NULL,
    -- The topic's number in its session, in the order proposed.
    number          INTEGER NOT NULL CHECK (number >= 1),
    title           TEXT NOT NULL,
    -- Exactly one proposer: a participant, or a staff member adding a topic spoken aloud.
    participant_id  TEXT,
    staff_user_id   TEXT REFERENCES users (id),
    shown_name      TEXT,
    lang            TEXT NOT NULL CHECK (lang IN ('fi', 'sv', 'en', 'ar', 'so')),
    -- The cell of the schedule, both from 0, once the facilitator has placed the topic.
    slot            INTEGER CHECK (slot >= 0),
    space           INTEGER CHECK (space >= 0),
    hidden          INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
    created_at      TEXT NOT NULL,
    CHECK ((slot IS NULL) = (space IS NULL)),
    CHECK ((participant_id IS NULL) <> (staff_user_id IS NULL)),
    -- A hidden topic holds no cell.
    CHECK (hidden = 0 OR slot IS NULL),
    UNIQUE (live_session_id, number),
    -- Lets picks refer to (topic, live session) together.
    UNIQUE (id, live_session_id),
    FOREIGN KEY (live_session_id, process_id) REFERENCES live_sessions (id, process_id),
    FOREIGN KEY (participant_id, process_id) REFERENCES participants (id, process_id)
) STRICT;

-- One topic per cell. Counting one proposer's topics needs no index of its own: it reads the
-- session's topics through UNIQUE (live_session_id, number), and a session has few.
CREATE UNIQUE INDEX topics_by_cell ON topics (live_session_id, slot, space) WHERE slot IS NOT NULL;

-- Who goes where. The participant is stored so that each person's plan can be shown to them and
-- changed; boards only ever see the count per topic.
CREATE TABLE topic_picks (
    live_session_id TEXT NOT NULL,
    participant_id  TEXT NOT NULL,
    topic_id        TEXT NOT NULL,
    picked_at       TEXT NOT NULL,
    PRIMARY KEY (live_session_id, participant_id, topic_id),
    FOREIGN KEY (topic_id, live_session_id) REFERENCES topics (id, live_session_id),
    FOREIGN KEY (live_session_id, participant_id) REFERENCES attendance (live_session_id, participant_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX topic_picks_by_topic ON topic_picks (topic_id);

-- The topic whose group wrote a note. A column added to a table cannot carry the composite key
-- that would tie the topic to the note's own session, so the store checks that when it adds the
-- note.
ALTER TABLE notes ADD COLUMN topic_id TEXT REFERENCES topics (id);

-- A group's phones read their topic's notes each time the open space changes.
CREATE INDEX notes_by_topic ON notes (topic_id, created_at, id) WHERE topic_id IS NOT NULL;
