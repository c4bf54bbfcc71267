-- Facilitation hours recorded after a session (part 9): the minutes a plan session really took
-- its facilitator, with its preparation and wrap-up, which replace the session's planned length
-- in the month's load. One row per process and plan session (plan sessions keep their ids
-- across plan versions); `facilitator_id` is whose hours they are, the process's facilitator
-- when they were recorded. The conventions of 0001_initial.sql hold.
CREATE TABLE facilitation_hours (
    process_id     TEXT NOT NULL REFERENCES processes (id),
    session_id     INTEGER NOT NULL,
    facilitator_id TEXT NOT NULL REFERENCES users (id),
    minutes        INTEGER NOT NULL CHECK (minutes >= 0),
    recorded_by    TEXT NOT NULL REFERENCES users (id),
    recorded_at    TEXT NOT NULL,
    PRIMARY KEY (process_id, session_id)
) STRICT;
CREATE INDEX facilitation_hours_by_facilitator ON facilitation_hours (facilitator_id);
