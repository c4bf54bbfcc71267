-- Every server process learns of every committed live event: a trigger on live_events sends a
-- notice on the channel `vuoro_live` in the writing transaction, which PostgreSQL delivers to
-- the listeners when (and only if) the transaction commits. The notice carries the live
-- session's id and the event's seq, never a text; readers read the events from the table.
CREATE FUNCTION vuoro_live_notice() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('vuoro_live', NEW.live_session_id || ' ' || NEW.seq);
    RETURN NULL;
END;
$$;

CREATE TRIGGER live_events_notice AFTER INSERT ON live_events
    FOR EACH ROW EXECUTE FUNCTION vuoro_live_notice();

-- Attempts counted against a budget (failed log-ins per e-mail address and per client), so
-- that every server process counts against one budget. The key is a hash made by the server:
-- no e-mail or network address is stored. Rows older than the window are deleted as new
-- attempts come. As SQLite's 0012.
CREATE TABLE attempts (
    id  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key TEXT NOT NULL,
    at  TEXT NOT NULL
);

CREATE INDEX attempts_key_at ON attempts (key, at);
CREATE INDEX attempts_at ON attempts (at);
