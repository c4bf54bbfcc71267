-- Where a process's summary is mailed for its community: the addresses its orderer gives, kept
-- apart from the process so that publishing the summary deletes the members' addresses cleanly,
-- in the transaction that publishes. A list address names nobody and is kept. The conventions
-- of 0001_initial.sql hold.

-- One row per process that was given addresses: its list address (or NULL, when the members'
-- own addresses below are used), and when the publication deleted those and how many there were.
CREATE TABLE community_mail (
    process_id    TEXT NOT NULL PRIMARY KEY REFERENCES processes (id),
    list_address  TEXT CHECK (list_address IS NULL OR list_address <> ''),
    deleted_at    TEXT,
    deleted_count INTEGER NOT NULL DEFAULT 0 CHECK (deleted_count >= 0),
    updated_at    TEXT NOT NULL
) STRICT;

-- The members' own addresses, in the order they were typed.
CREATE TABLE community_addresses (
    process_id TEXT NOT NULL REFERENCES community_mail (process_id),
    position   INTEGER NOT NULL CHECK (position >= 0),
    address    TEXT NOT NULL CHECK (address <> ''),
    PRIMARY KEY (process_id, position),
    UNIQUE (process_id, address)
) STRICT;

-- The follow-up pass reads the open practices due on a few days.
CREATE INDEX practices_due ON practices (due) WHERE due IS NOT NULL;
