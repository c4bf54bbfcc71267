-- Themes drawn from notes and curated by the facilitator, and the practices a work community
-- agrees on in phase 2. The conventions of 0001_initial.sql hold here too.

-- Every saved version of the themes of one scope of a process: the whole process (`process`),
-- one phase (`phase-2`) or one live session (`session-<id>`). Only the facilitator curates, so a
-- version is one JSON document; versions are never changed, only added, so curation is never
-- lost to a re-run of the analysis. A set lists every note id of its scope and can run to
-- kilobytes, so this is a rowid table like plan_versions: WITHOUT ROWID suits small rows only.
CREATE TABLE theme_sets (
    process_id  TEXT NOT NULL REFERENCES processes (id),
    scope       TEXT NOT NULL CHECK (scope = 'process' OR scope GLOB 'phase-[1-9]*' OR scope GLOB 'session-*'),
    version     INTEGER NOT NULL CHECK (version >= 1),
    themes_json TEXT NOT NULL CHECK (json_valid(themes_json)),
    -- Whether a person changed the set after the engine proposed it.
    curated     INTEGER NOT NULL CHECK (curated IN (0, 1)),
    created_by  TEXT NOT NULL REFERENCES users (id),
    created_at  TEXT NOT NULL,
    PRIMARY KEY (process_id, scope, version)
) STRICT;

CREATE TABLE practices (
    id              TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 36),
    process_id      TEXT NOT NULL REFERENCES processes (id),
    -- The live session and the group (as it was called then) where it was recorded, if any.
    live_session_id TEXT,
    group_label     TEXT,
    kind            TEXT NOT NULL CHECK (kind IN ('keep', 'develop')),
    title           TEXT NOT NULL,
    owner           TEXT,
    -- YYYY-MM-DD.
    due             TEXT CHECK (due IS NULL OR due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    status          TEXT NOT NULL CHECK (status IN ('agreed', 'in_progress', 'done', 'dropped')),
    -- Exactly one writer: a participant from their phone, or a staff member.
    participant_id  TEXT,
    staff_user_id   TEXT REFERENCES users (id),
    lang            TEXT NOT NULL CHECK (lang IN ('fi', 'sv', 'en', 'ar', 'so')),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK ((participant_id IS NULL) <> (staff_user_id IS NULL)),
    FOREIGN KEY (live_session_id, process_id) REFERENCES live_sessions (id, process_id),
    FOREIGN KEY (participant_id, process_id) REFERENCES participants (id, process_id)
) STRICT;

CREATE INDEX practices_by_process ON practices (process_id, created_at, id);
