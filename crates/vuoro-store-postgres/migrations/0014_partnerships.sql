-- Partner agreements between organisations (part 9), as SQLite's 0024 (see there): the same
-- columns and types.

CREATE TABLE partnerships (
    id           TEXT PRIMARY KEY,
    proposer_org TEXT NOT NULL REFERENCES organisations (id),
    partner_org  TEXT NOT NULL REFERENCES organisations (id),
    scope        TEXT NOT NULL CHECK (scope IN ('outsider', 'all')),
    proposed_by  TEXT NOT NULL REFERENCES users (id),
    proposed_at  TEXT NOT NULL,
    accepted_by  TEXT REFERENCES users (id),
    accepted_at  TEXT,
    ended_by     TEXT REFERENCES users (id),
    ended_at     TEXT,
    CHECK (proposer_org <> partner_org)
);
CREATE INDEX partnerships_by_proposer ON partnerships (proposer_org);
CREATE INDEX partnerships_by_partner ON partnerships (partner_org);
CREATE UNIQUE INDEX partnerships_one_open
    ON partnerships (LEAST(proposer_org, partner_org), GREATEST(proposer_org, partner_org))
    WHERE ended_at IS NULL;
