-- Offers and volunteers (part 9, assignment), as SQLite's 0022 (see there): the same columns
-- and types.

CREATE TABLE facilitator_offers (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    process_id     TEXT NOT NULL REFERENCES processes (id),
    facilitator_id TEXT NOT NULL REFERENCES users (id),
    offered_by     TEXT NOT NULL REFERENCES users (id),
    offered_at     TEXT NOT NULL,
    status         TEXT NOT NULL
        CHECK (status IN ('awaiting', 'accepted', 'declined', 'withdrawn')),
    answered_at    TEXT,
    reason         TEXT
);
CREATE INDEX facilitator_offers_by_process ON facilitator_offers (process_id, id);
CREATE INDEX facilitator_offers_by_facilitator ON facilitator_offers (facilitator_id, status);
CREATE UNIQUE INDEX facilitator_offers_one_awaiting ON facilitator_offers (process_id)
    WHERE status = 'awaiting';

CREATE TABLE order_volunteers (
    process_id TEXT NOT NULL REFERENCES processes (id),
    user_id    TEXT NOT NULL REFERENCES users (id),
    at         TEXT NOT NULL,
    PRIMARY KEY (process_id, user_id)
);
