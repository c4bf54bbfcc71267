-- Accounts by e-mail (part 8): links mailed to an account's address, and invitations whose link
-- went only to the invited address. The conventions of 0001_initial.sql hold.

-- A link mailed to an account's address: a password reset (asked for on the log-in page) or a
-- confirmation of the address (for an account made from an invitation link an admin saw). Its
-- token is a random secret that only the mail carries; only its SHA-256 hash is stored (hex),
-- so a copy of the database resets no password. A link works until `expires_at`, and once
-- (`used_at`). Using either kind sets the account's password, ends its log-ins and confirms its
-- address: from then on only whoever reads the mailbox holds the account. An address confirmed
-- so has `users.confirmed_at` set and `users.confirmed_by` NULL (a site administrator's
-- confirmation names them there).
CREATE TABLE account_tokens (
    token_hash TEXT NOT NULL PRIMARY KEY CHECK (length(token_hash) = 64),
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL CHECK (purpose IN ('password_reset', 'address_confirmation')),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
) STRICT;

CREATE INDEX account_tokens_by_user ON account_tokens (user_id, purpose);
CREATE INDEX account_tokens_by_expiry ON account_tokens (expires_at);

-- 1 when the invitation's link was sent only to the invited address by e-mail and never shown
-- to the admin who made it; 0 when the admin saw it (every invitation made before this
-- migration, and those made while no mail is configured). An account made from a mailed link
-- has its address confirmed at once, since only the mailbox's reader held the link.
ALTER TABLE invitations ADD COLUMN mailed INTEGER NOT NULL DEFAULT 0 CHECK (mailed IN (0, 1));
