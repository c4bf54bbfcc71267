-- A message the mail server refused for good (a permanent 5xx answer, or an address that is no
-- address) is not tried again: `refused_at` says when, its body (which may carry a link with a
-- secret) is erased, and the organisation's list of invitations says so. As SQLite's 0019.
ALTER TABLE mail_outbox ADD COLUMN refused_at TEXT;

DROP INDEX mail_outbox_due;
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at, id)
    WHERE sent_at IS NULL AND refused_at IS NULL;
