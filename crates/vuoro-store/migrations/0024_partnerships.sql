-- Partner agreements between organisations (part 9): two organisations share their
-- facilitators, for orders that need an outsider or for any order. The conventions of
-- 0001_initial.sql hold: text ids, RFC 3339 text times.
--
-- One row per agreement; its status comes from its times: proposed (not accepted, not
-- ended), in force (accepted, not ended), ended (also a proposal withdrawn or turned down).
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
) STRICT;
CREATE INDEX partnerships_by_proposer ON partnerships (proposer_org);
CREATE INDEX partnerships_by_partner ON partnerships (partner_org);
-- At most one agreement proposed or in force between two organisations, whichever proposed.
CREATE UNIQUE INDEX partnerships_one_open
    ON partnerships (min(proposer_org, partner_org), max(proposer_org, partner_org))
    WHERE ended_at IS NULL;
