-- The first schema of vuoro. Migrations are never edited once they have landed: a change is a
-- new numbered file.
--
-- Conventions, so every table reads the same:
-- * Identifiers are hyphenated UUID text (36 characters), as `OrgId::to_string()` writes them.
-- * Times are RFC 3339 text in UTC with nine fraction digits ("2027-02-03T09:00:00.000000000Z"),
--   so text order is time order and comparisons in SQL are correct.
-- * Dates are YYYY-MM-DD text.
-- * Enumerations are stored as their `code()` and guarded by CHECK constraints, so a typo in
--   code fails loudly instead of storing a value nothing can read back.
-- * Orders, plans and event kinds are JSON text; they change shape without a migration.

CREATE TABLE organisations (
    id         TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 36),
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX organisations_by_name ON organisations (name COLLATE NOCASE, id);

CREATE TABLE units (
    id     TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 36),
    org_id TEXT NOT NULL REFERENCES organisations (id),
    name   TEXT NOT NULL,
    -- Lets processes refer to (unit, organisation) together, so a process can never point at a
    -- unit of another organisation.
    UNIQUE (id, org_id)
) STRICT;

CREATE INDEX units_by_org ON units (org_id, name COLLATE NOCASE);

CREATE TABLE users (
    id            TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 36),
    -- Stored lower-case so that the unique constraint is case-insensitive.
    email         TEXT NOT NULL UNIQUE CHECK (email <> '' AND email = lower(email)),
    name          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    site_admin    INTEGER NOT NULL DEFAULT 0 CHECK (site_admin IN (0, 1)),
    created_at    TEXT NOT NULL
) STRICT;

CREATE TABLE org_roles (
    org_id  TEXT NOT NULL REFERENCES organisations (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    role    TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'orderer', 'facilitator')),
    PRIMARY KEY (org_id, user_id, role)
) STRICT, WITHOUT ROWID;

-- The primary key serves "roles of a user in an organisation" and "members of an
-- organisation"; this one serves "organisations of a user".
CREATE INDEX org_roles_by_user ON org_roles (user_id, org_id);

CREATE TABLE invitations (
    token_hash  TEXT NOT NULL PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES organisations (id),
    email       TEXT NOT NULL CHECK (email <> '' AND email = lower(email)),
    invited_by  TEXT NOT NULL REFERENCES users (id),
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    accepted_at TEXT
) STRICT;

CREATE INDEX invitations_by_org ON invitations (org_id, created_at);

CREATE TABLE invitation_roles (
    token_hash TEXT NOT NULL REFERENCES invitations (token_hash),
    role       TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'orderer', 'facilitator')),
    PRIMARY KEY (token_hash, role)
) STRICT, WITHOUT ROWID;

CREATE TABLE login_sessions (
    token_hash TEXT NOT NULL PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
) STRICT;

CREATE INDEX login_sessions_by_user ON login_sessions (user_id);
-- Expired sessions are swept by expiry time.
CREATE INDEX login_sessions_by_expiry ON login_sessions (expires_at);

CREATE TABLE processes (
    id             TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 36),
    org_id         TEXT NOT NULL REFERENCES organisations (id),
    unit_id        TEXT,
    title          TEXT NOT NULL,
    state          TEXT NOT NULL CHECK (state IN
                       ('ordered', 'agreed', 'phase1', 'phase2', 'summary', 'closed', 'cancelled')),
    orderer_id     TEXT NOT NULL REFERENCES users (id),
    facilitator_id TEXT REFERENCES users (id),
    order_json     TEXT NOT NULL CHECK (json_valid(order_json)),
    -- Copied from the current plan so that lists can filter without reading plan JSON.
    method_id      TEXT,
    plan_version   INTEGER NOT NULL CHECK (plan_version >= 1),
    first_session  TEXT,
    last_session   TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    FOREIGN KEY (unit_id, org_id) REFERENCES units (id, org_id),
    CHECK ((first_session IS NULL) = (last_session IS NULL)),
    CHECK (first_session IS NULL OR first_session <= last_session)
) STRICT;

-- Every list is "newest first" (created_at, then id) within one organisation or one person,
-- narrowed by one filter; each index ends in the sort order so no list needs a sort step.
CREATE INDEX processes_by_org ON processes (org_id, created_at DESC, id DESC);
CREATE INDEX processes_by_state ON processes (org_id, state, created_at DESC, id DESC);
CREATE INDEX processes_by_unit ON processes (unit_id, created_at DESC, id DESC)
    WHERE unit_id IS NOT NULL;
CREATE INDEX processes_by_method ON processes (org_id, method_id, created_at DESC, id DESC)
    WHERE method_id IS NOT NULL;
CREATE INDEX processes_by_facilitator ON processes (facilitator_id, created_at DESC, id DESC)
    WHERE facilitator_id IS NOT NULL;
CREATE INDEX processes_by_orderer ON processes (orderer_id, created_at DESC, id DESC);
-- Date ranges: "sessions end on or after `from`" narrows best, since most lists look ahead.
CREATE INDEX processes_by_sessions ON processes (org_id, last_session, first_session)
    WHERE last_session IS NOT NULL;

CREATE TABLE plan_versions (
    process_id TEXT NOT NULL REFERENCES processes (id),
    version    INTEGER NOT NULL CHECK (version >= 1),
    plan_json  TEXT NOT NULL CHECK (json_valid(plan_json)),
    author_id  TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (process_id, version)
) STRICT;

CREATE TABLE approvals (
    process_id TEXT NOT NULL,
    version    INTEGER NOT NULL,
    side       TEXT NOT NULL CHECK (side IN ('orderer', 'facilitator')),
    user_id    TEXT NOT NULL REFERENCES users (id),
    at         TEXT NOT NULL,
    PRIMARY KEY (process_id, version, side),
    FOREIGN KEY (process_id, version) REFERENCES plan_versions (process_id, version)
) STRICT;

CREATE TABLE process_events (
    -- One sequence over all processes, never reused, so that a subscriber can remember the last
    -- event it handled and ask for everything after it.
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    process_id TEXT NOT NULL REFERENCES processes (id),
    actor_id   TEXT NOT NULL REFERENCES users (id),
    at         TEXT NOT NULL,
    kind_json  TEXT NOT NULL CHECK (json_valid(kind_json) AND json_type(kind_json, '$.kind') = 'text')
) STRICT;

CREATE INDEX process_events_by_process ON process_events (process_id, seq);
