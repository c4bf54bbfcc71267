-- The facilitator network (part 9): profiles, absences, trainings held, the trainings and
-- meetings a coordinator records with their attendance, as SQLite's 0021 (see there): the same
-- columns and types.

-- One profile per organisation and person: the home unit, the participant languages and the
-- library methods they take on (comma-separated codes), whether they take on orders that need
-- an outsider, and the minutes a month they facilitate.
CREATE TABLE facilitator_profiles (
    org_id           TEXT NOT NULL REFERENCES organisations (id),
    user_id          TEXT NOT NULL REFERENCES users (id),
    unit_id          TEXT REFERENCES units (id),
    languages        TEXT NOT NULL,
    methods          TEXT NOT NULL,
    takes_outsider   BOOLEAN NOT NULL,
    capacity_minutes BIGINT NOT NULL CHECK (capacity_minutes >= 0),
    updated_at       TEXT NOT NULL,
    PRIMARY KEY (org_id, user_id)
);

-- Days a facilitator is away, both ends included.
CREATE TABLE facilitator_absences (
    id         TEXT NOT NULL PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES organisations (id),
    user_id    TEXT NOT NULL REFERENCES users (id),
    from_date  TEXT NOT NULL,
    to_date    TEXT NOT NULL CHECK (to_date >= from_date),
    created_at TEXT NOT NULL
);
CREATE INDEX facilitator_absences_by_person ON facilitator_absences (org_id, user_id, from_date);

-- A training a coordinator recorded.
CREATE TABLE trainings (
    id         TEXT NOT NULL PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES organisations (id),
    method_id  TEXT NOT NULL,
    trainer    TEXT NOT NULL,
    from_date  TEXT NOT NULL,
    to_date    TEXT NOT NULL CHECK (to_date >= from_date),
    minutes    BIGINT NOT NULL CHECK (minutes > 0),
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL
);
CREATE INDEX trainings_by_org ON trainings (org_id, from_date);

-- Its trainees; completed_at once a coordinator marked them completed.
CREATE TABLE training_trainees (
    training_id  TEXT NOT NULL REFERENCES trainings (id),
    user_id      TEXT NOT NULL REFERENCES users (id),
    completed_at TEXT,
    completed_by TEXT REFERENCES users (id),
    PRIMARY KEY (training_id, user_id)
);

-- What a person is trained in: a completed trainee's row (training_id set, at most one per
-- training) or a training before the platform added on their profile (training_id NULL).
CREATE TABLE held_trainings (
    id          TEXT NOT NULL PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES organisations (id),
    user_id     TEXT NOT NULL REFERENCES users (id),
    method_id   TEXT NOT NULL,
    trainer     TEXT NOT NULL,
    on_date     TEXT NOT NULL,
    minutes     BIGINT NOT NULL CHECK (minutes > 0),
    training_id TEXT REFERENCES trainings (id),
    recorded_by TEXT NOT NULL REFERENCES users (id),
    recorded_at TEXT NOT NULL,
    UNIQUE (training_id, user_id)
);
CREATE INDEX held_trainings_by_person ON held_trainings (org_id, user_id);

-- A meeting of the network and who attended.
CREATE TABLE network_meetings (
    id         TEXT NOT NULL PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES organisations (id),
    on_date    TEXT NOT NULL,
    title      TEXT NOT NULL,
    place      TEXT,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL
);
CREATE INDEX network_meetings_by_org ON network_meetings (org_id, on_date);

CREATE TABLE meeting_attendance (
    meeting_id TEXT NOT NULL REFERENCES network_meetings (id),
    user_id    TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (meeting_id, user_id)
);

-- A completed training may give the facilitator role, recorded with via = 'training'.
ALTER TABLE role_changes DROP CONSTRAINT role_changes_via_check;
ALTER TABLE role_changes ADD CONSTRAINT role_changes_via_check
    CHECK (via IN ('invitation', 'members', 'new_organisation', 'sign_on', 'training'));
