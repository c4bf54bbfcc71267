-- Joining a live session under attack: the facilitator can lock joining (phones already in go
-- on; new ones are turned away), and can remove a phone from a session without learning who
-- it is. A removed phone's attendance row stays (its number and its notes stay as they were);
-- its token no longer opens the session. The conventions of 0001_initial.sql hold here too.

ALTER TABLE live_sessions ADD COLUMN joining_locked INTEGER NOT NULL DEFAULT 0
    CHECK (joining_locked IN (0, 1));

ALTER TABLE attendance ADD COLUMN removed_at TEXT;
