-- The outbox and each person's mail settings, as SQLite's 0013 (see there for why): the same
-- columns and types, an identity column for the id.
CREATE TABLE mail_outbox (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind            TEXT NOT NULL,
    address         TEXT NOT NULL CHECK (address <> ''),
    user_id         TEXT REFERENCES users (id) ON DELETE SET NULL,
    subject         TEXT NOT NULL,
    body_text       TEXT NOT NULL,
    body_html       TEXT NOT NULL,
    dedupe_key      TEXT UNIQUE,
    created_at      TEXT NOT NULL,
    attempts        BIGINT NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at TEXT NOT NULL,
    claimed_until   TEXT,
    sent_at         TEXT,
    last_error      TEXT
);

CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at, id) WHERE sent_at IS NULL;

CREATE TABLE mail_settings (
    user_id    TEXT NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    lang       TEXT CHECK (lang IN ('fi', 'sv', 'en')),
    updated_at TEXT NOT NULL
);

CREATE TABLE mail_turned_off (
    user_id  TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind     TEXT NOT NULL,
    since    TEXT NOT NULL,
    PRIMARY KEY (user_id, kind)
);
