-- Part 8, people's rights over their data: the audit log of administrative actions, each
-- process's retention rule and the record of what the rule deleted. The conventions of
-- 0001_initial.sql hold.

-- Administrative actions (roles, invitations, sign-on settings, a staff member's export,
-- deletion or anonymisation, retention changes and deletions), read by the organisation's
-- admins. No reference to users: an entry outlives the account it names, and names staff only,
-- never a participant. `detail` is a short text the server makes (a count, a period).
CREATE TABLE audit_log (
    id             INTEGER PRIMARY KEY,
    -- NULL for what concerns the whole site.
    org_id         TEXT REFERENCES organisations (id),
    -- NULL for the server's own jobs (the daily retention pass).
    actor_id       TEXT,
    action         TEXT NOT NULL,
    target_user_id TEXT,
    detail         TEXT NOT NULL,
    at             TEXT NOT NULL
) STRICT;

CREATE INDEX audit_log_by_org ON audit_log (org_id, id);

-- How long a process keeps its raw notes and feedback answers after its summary was first
-- published; the summary, themes and practices stay. Bounds as `vuoro_core::retention`.
ALTER TABLE processes ADD COLUMN retention_months INTEGER NOT NULL DEFAULT 12
    CHECK (retention_months BETWEEN 1 AND 60);

-- What the daily pass deleted in a process: one row per kind deleted in a run (`notes`,
-- `feedback_answers`), with how many and when. Counts only, never what was deleted.
CREATE TABLE retention_deletions (
    id         INTEGER PRIMARY KEY,
    process_id TEXT NOT NULL REFERENCES processes (id),
    kind       TEXT NOT NULL,
    count      INTEGER NOT NULL CHECK (count >= 0),
    at         TEXT NOT NULL
) STRICT;

CREATE INDEX retention_deletions_by_process ON retention_deletions (process_id, id);
