-- Facilitation hours recorded after a session (part 9), as SQLite's 0023 (see there): the same
-- columns and types.
CREATE TABLE facilitation_hours (
    process_id     TEXT NOT NULL REFERENCES processes (id),
    session_id     BIGINT NOT NULL,
    facilitator_id TEXT NOT NULL REFERENCES users (id),
    minutes        BIGINT NOT NULL CHECK (minutes >= 0),
    recorded_by    TEXT NOT NULL REFERENCES users (id),
    recorded_at    TEXT NOT NULL,
    PRIMARY KEY (process_id, session_id)
);
CREATE INDEX facilitation_hours_by_facilitator ON facilitation_hours (facilitator_id);
