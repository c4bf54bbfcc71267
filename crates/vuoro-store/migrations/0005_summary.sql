-- The summary (kooste) of a process: versions of its text with the notes each block rests on,
-- and participants' comments on a draft sent to them. The conventions of 0001_initial.sql hold.

-- Every saved version; a change of state (sent for comments, published) is a version too.
-- A normal rowid table: a version's JSON runs to kilobytes (see 0004's theme_sets).
CREATE TABLE summary_versions (
    process_id  TEXT NOT NULL REFERENCES processes (id),
    version     INTEGER NOT NULL CHECK (version >= 1),
    summary_json TEXT NOT NULL CHECK (json_valid(summary_json)),
    state       TEXT NOT NULL CHECK (state IN ('draft', 'review', 'published')),
    created_by  TEXT NOT NULL REFERENCES users (id),
    created_at  TEXT NOT NULL,
    PRIMARY KEY (process_id, version)
) STRICT;

-- Comments are read without who wrote them; the participant is kept only for the limit on how
-- many one phone may leave.
CREATE TABLE summary_comments (
    id              INTEGER PRIMARY KEY,
    process_id      TEXT NOT NULL,
    summary_version INTEGER NOT NULL,
    participant_id  TEXT NOT NULL,
    text            TEXT NOT NULL,
    lang            TEXT NOT NULL CHECK (lang IN ('fi', 'sv', 'en', 'ar', 'so')),
    created_at      TEXT NOT NULL,
    FOREIGN KEY (process_id, summary_version) REFERENCES summary_versions (process_id, version),
    FOREIGN KEY (participant_id, process_id) REFERENCES participants (id, process_id)
) STRICT;

CREATE INDEX summary_comments_by_process ON summary_comments (process_id, created_at, id);
CREATE INDEX summary_comments_by_participant ON summary_comments (process_id, participant_id);
