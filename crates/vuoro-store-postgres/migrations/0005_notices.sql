-- Where a process's summary is mailed for its community, as SQLite's 0015 (see there for why):
-- the same columns and types.
CREATE TABLE community_mail (
    process_id    TEXT NOT NULL PRIMARY KEY REFERENCES processes (id),
    list_address  TEXT CHECK (list_address IS NULL OR list_address <> ''),
    deleted_at    TEXT,
    deleted_count BIGINT NOT NULL DEFAULT 0 CHECK (deleted_count >= 0),
    updated_at    TEXT NOT NULL
);

CREATE TABLE community_addresses (
    process_id TEXT NOT NULL REFERENCES community_mail (process_id),
    position   BIGINT NOT NULL CHECK (position >= 0),
    address    TEXT NOT NULL CHECK (address <> ''),
    PRIMARY KEY (process_id, position),
    UNIQUE (process_id, address)
);

CREATE INDEX practices_due ON practices (due) WHERE due IS NOT NULL;
