-- The dialogue catalogue: what an organisation records of its dialogue activity outside vuoro,
-- what it chose to publish, requests to complete it, and the organisation's own plans that
-- dialogue feeds. The conventions of 0001_initial.sql hold here too. Processes run in vuoro are
-- not copied here: the catalogue reads them from `processes`, so each counts once.

-- An organisation's catalogue settings, one row per organisation that has any.
CREATE TABLE org_catalogues (
    org_id            TEXT NOT NULL PRIMARY KEY REFERENCES organisations (id),
    -- The region (maakunta) the peer listing filters by.
    region            TEXT,
    -- Whether the peer listing and the open data API show the organisation at all.
    public            INTEGER NOT NULL CHECK (public IN (0, 1)),
    -- Whether the organisation's processes run in vuoro count in its public figures.
    publish_processes INTEGER NOT NULL CHECK (publish_processes IN (0, 1)),
    -- Trained facilitators, as a JSON count ({"amount": ..., "per": ...}) and as written.
    trained_json      TEXT CHECK (trained_json IS NULL OR json_valid(trained_json)),
    trained_text      TEXT,
    -- Lines of an imported listing that could not be structured, kept as they were (JSON array
    -- of strings): an import never loses a line.
    unstructured_json TEXT NOT NULL CHECK (json_valid(unstructured_json)),
    updated_at        TEXT NOT NULL
) STRICT;

CREATE TABLE activities (
    id            TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 36),
    org_id        TEXT NOT NULL REFERENCES organisations (id),
    -- The activity (vuoro_core::catalogue::Activity) as JSON: its shape may grow without a
    -- migration. Status and public are copied out because lists filter by them.
    activity_json TEXT NOT NULL CHECK (json_valid(activity_json)),
    status        TEXT NOT NULL CHECK (status IN ('done', 'planned')),
    public        INTEGER NOT NULL CHECK (public IN (0, 1)),
    -- Typed by a person, or imported from a listing (with the line and its text as written,
    -- so a second import of the same listing does not count it twice).
    source        TEXT NOT NULL CHECK (source IN ('manual', 'import')),
    source_line   INTEGER,
    source_text   TEXT,
    -- What the importer could not find (JSON array of codes such as "count").
    unparsed_json TEXT NOT NULL CHECK (json_valid(unparsed_json)),
    created_by    TEXT REFERENCES users (id),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK ((source = 'import') = (source_text IS NOT NULL))
) STRICT;

CREATE INDEX activities_by_org ON activities (org_id, created_at, id);
CREATE UNIQUE INDEX activities_imported_once ON activities (org_id, source_text) WHERE source = 'import';

-- Every import of a listing: the document's own title and introduction, which belong to no
-- organisation (an import never loses a line), and what the import did.
CREATE TABLE listing_imports (
    id          TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 36),
    title       TEXT,
    intro_json  TEXT NOT NULL CHECK (json_valid(intro_json)),
    lines       INTEGER NOT NULL CHECK (lines >= 0),
    report_json TEXT NOT NULL CHECK (json_valid(report_json)),
    imported_by TEXT REFERENCES users (id),
    imported_at TEXT NOT NULL
) STRICT;

-- A coordinator asks an organisation to complete its catalogue (or one activity of it).
CREATE TABLE completion_requests (
    id           TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 36),
    org_id       TEXT NOT NULL REFERENCES organisations (id),
    activity_id  TEXT REFERENCES activities (id) ON DELETE SET NULL,
    -- What is missing, as codes (JSON array), and the coordinator's own words.
    missing_json TEXT NOT NULL CHECK (json_valid(missing_json)),
    message      TEXT NOT NULL,
    requested_by TEXT NOT NULL REFERENCES users (id),
    created_at   TEXT NOT NULL,
    resolved_at  TEXT
) STRICT;

CREATE INDEX completion_requests_by_org ON completion_requests (org_id, created_at);

-- An organisation's plan that dialogue feeds (an open government action plan, a strategy) and
-- its areas; processes are linked to areas, so the plan's page lists what dialogue said about
-- each area.
CREATE TABLE org_plans (
    id          TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 36),
    org_id      TEXT NOT NULL REFERENCES organisations (id),
    name        TEXT NOT NULL,
    description TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    UNIQUE (id, org_id)
) STRICT;

CREATE INDEX org_plans_by_org ON org_plans (org_id, name COLLATE NOCASE);

CREATE TABLE plan_areas (
    id       TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 36),
    plan_id  TEXT NOT NULL REFERENCES org_plans (id) ON DELETE CASCADE,
    name     TEXT NOT NULL,
    position INTEGER NOT NULL,
    UNIQUE (plan_id, position)
) STRICT;

CREATE TABLE plan_area_processes (
    area_id    TEXT NOT NULL REFERENCES plan_areas (id) ON DELETE CASCADE,
    process_id TEXT NOT NULL REFERENCES processes (id),
    linked_by  TEXT NOT NULL REFERENCES users (id),
    linked_at  TEXT NOT NULL,
    PRIMARY KEY (area_id, process_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX plan_area_processes_by_process ON plan_area_processes (process_id);
