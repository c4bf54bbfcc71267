-- Links that share a process's summary with its whole community, people who never joined a
-- session included, and the comments left through them. The conventions of 0001_initial.sql
-- hold.

-- A link's token is a random secret shown once to the one who made it; only its SHA-256 hash is
-- stored (hex), so a copy of the database opens no summary. A revoked link stays, so that its
-- holders are told it was withdrawn, not that it never existed.
CREATE TABLE summary_links (
    id          INTEGER PRIMARY KEY,
    process_id  TEXT NOT NULL REFERENCES processes (id),
    token_hash  TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    created_by  TEXT NOT NULL REFERENCES users (id),
    created_at  TEXT NOT NULL,
    revoked_by  TEXT REFERENCES users (id),
    revoked_at  TEXT,
    CHECK ((revoked_by IS NULL) = (revoked_at IS NULL))
) STRICT;

-- At most one link of a process works at a time: a new one is made after the old is revoked.
CREATE UNIQUE INDEX summary_links_active ON summary_links (process_id) WHERE revoked_at IS NULL;

-- Comments left through a link. Nobody is known behind a link: the link is kept only to bound
-- how many comments one link can carry; the limit per client lives in the server's memory.
CREATE TABLE summary_link_comments (
    id              INTEGER PRIMARY KEY,
    process_id      TEXT NOT NULL,
    summary_version INTEGER NOT NULL,
    link_id         INTEGER NOT NULL REFERENCES summary_links (id),
    text            TEXT NOT NULL,
    lang            TEXT NOT NULL CHECK (lang IN ('fi', 'sv', 'en', 'ar', 'so')),
    created_at      TEXT NOT NULL,
    FOREIGN KEY (process_id, summary_version) REFERENCES summary_versions (process_id, version)
) STRICT;

CREATE INDEX summary_link_comments_by_process ON summary_link_comments (process_id, created_at, id);
CREATE INDEX summary_link_comments_by_link ON summary_link_comments (link_id);
