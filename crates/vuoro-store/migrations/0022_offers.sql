-- Offers and volunteers (part 9, assignment). The conventions of 0001_initial.sql hold: text
-- ids, RFC 3339 text times.

-- One row per assignment of a facilitator: accepted at once (a coordinator assigning
-- themselves, or a volunteer), or awaiting the facilitator's answer, then accepted, declined
-- with a reason, or withdrawn when the coordinator gave the order to someone else first. A
-- process assigned before this table has no row and counts as accepted.
CREATE TABLE facilitator_offers (
    id             INTEGER PRIMARY KEY,
    process_id     TEXT NOT NULL REFERENCES processes (id),
    facilitator_id TEXT NOT NULL REFERENCES users (id),
    offered_by     TEXT NOT NULL REFERENCES users (id),
    offered_at     TEXT NOT NULL,
    status         TEXT NOT NULL
        CHECK (status IN ('awaiting', 'accepted', 'declined', 'withdrawn')),
    answered_at    TEXT,
    reason         TEXT
) STRICT;
CREATE INDEX facilitator_offers_by_process ON facilitator_offers (process_id, id);
CREATE INDEX facilitator_offers_by_facilitator ON facilitator_offers (facilitator_id, status);
-- At most one answer awaited per process: two coordinators assigning at once cannot leave two.
CREATE UNIQUE INDEX facilitator_offers_one_awaiting ON facilitator_offers (process_id)
    WHERE status = 'awaiting';

-- Facilitators who volunteered for an order waiting in the queue.
CREATE TABLE order_volunteers (
    process_id TEXT NOT NULL REFERENCES processes (id),
    user_id    TEXT NOT NULL REFERENCES users (id),
    at         TEXT NOT NULL,
    PRIMARY KEY (process_id, user_id)
) STRICT;
