-- The outbox: every message is written here first, in the same transaction as the change that
-- caused it, and a worker sends it later with retries, so a mail server that is down loses
-- nothing. A message is claimed with a lease (`claimed_until`) by one server process at a
-- time; once sent it is never claimed again and its body, which may carry a link with a secret,
-- is erased. `dedupe_key` lets a job that runs in several processes, or again after a restart,
-- write a message once. No participant is ever a recipient. The conventions of
-- 0001_initial.sql hold.
CREATE TABLE mail_outbox (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL,
    address         TEXT NOT NULL CHECK (address <> ''),
    user_id         TEXT REFERENCES users (id) ON DELETE SET NULL,
    subject         TEXT NOT NULL,
    body_text       TEXT NOT NULL,
    body_html       TEXT NOT NULL,
    dedupe_key      TEXT UNIQUE,
    created_at      TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at TEXT NOT NULL,
    claimed_until   TEXT,
    sent_at         TEXT,
    last_error      TEXT
) STRICT;

-- What the worker looks for: unsent messages by when they are due.
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at, id) WHERE sent_at IS NULL;

-- A person's mail settings: the language their mail is written in (NULL: Finnish, the
-- interface's default) ...
CREATE TABLE mail_settings (
    user_id    TEXT NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    lang       TEXT CHECK (lang IN ('fi', 'sv', 'en')),
    updated_at TEXT NOT NULL
) STRICT;

-- ... and the kinds of mail they turned off, one row each (a kind without a row is sent).
CREATE TABLE mail_turned_off (
    user_id  TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind     TEXT NOT NULL,
    since    TEXT NOT NULL,
    PRIMARY KEY (user_id, kind)
) STRICT, WITHOUT ROWID;
