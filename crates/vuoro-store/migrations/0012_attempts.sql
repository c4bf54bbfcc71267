-- Attempts counted against a budget (failed log-ins per e-mail address and per client), kept in
-- the database so that every server process on it counts against one budget. The key is a hash
-- made by the server (`throttle.rs` in vuoro-store): no e-mail or network address is stored.
-- Rows older than the window are deleted as new attempts come. The conventions of
-- 0001_initial.sql hold.
CREATE TABLE attempts (
    id  INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    at  TEXT NOT NULL
) STRICT;

CREATE INDEX attempts_key_at ON attempts (key, at);
CREATE INDEX attempts_at ON attempts (at);
