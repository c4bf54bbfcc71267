-- Feedback answers without the participant. 0002 kept the participant on each response (for the
-- one-answer rule) and the time it came; whoever could read the table could tell who answered
-- what and in which order. From here the two facts live apart:
--   feedback_answers: what was answered, with no participant, no time and no increasing key;
--   feedback_given:   only *that* a participant answered a session's form (one-answer rule).
-- Nothing joins the two: neither carries a time, and the answers' key is random, so not even
-- the order of rows on disk follows the order of arrival.

CREATE TABLE feedback_answers (
    -- 32 random hex digits, drawn for each answer.
    id              TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 32),
    live_session_id TEXT NOT NULL REFERENCES live_sessions (id),
    answers_json    TEXT NOT NULL CHECK (json_valid(answers_json))
) STRICT, WITHOUT ROWID;

-- Read per session in the order of their content.
CREATE INDEX feedback_answers_by_session ON feedback_answers (live_session_id, answers_json);

CREATE TABLE feedback_given (
    live_session_id TEXT NOT NULL,
    participant_id  TEXT NOT NULL,
    -- Copied from the live session, only to tie the participant to the same process.
    process_id      TEXT NOT NULL,
    PRIMARY KEY (live_session_id, participant_id),
    FOREIGN KEY (live_session_id, process_id) REFERENCES live_sessions (id, process_id),
    FOREIGN KEY (participant_id, process_id) REFERENCES participants (id, process_id)
) STRICT, WITHOUT ROWID;

-- Existing answers move over without their participant and time; who answered is kept apart.
INSERT INTO feedback_given (live_session_id, participant_id, process_id)
    SELECT live_session_id, participant_id, process_id FROM feedback_responses;
INSERT INTO feedback_answers (id, live_session_id, answers_json)
    SELECT lower(hex(randomblob(16))), live_session_id, answers_json FROM feedback_responses;

-- The old table is what linked a participant to their answers; it goes.
DROP TABLE feedback_responses;
