-- Accounts by e-mail (part 8): links mailed to an account's address, and invitations whose link
-- went only to the invited address. As SQLite's 0014, with the conventions of 0001_schema.sql.

-- A link mailed to an account's address: a password reset or a confirmation of the address.
-- Only the SHA-256 hash of its token is stored (hex). A link works until `expires_at`, and once
-- (`used_at`); using it sets the account's password, ends its log-ins and confirms its address
-- (`users.confirmed_at` set, `users.confirmed_by` NULL).
CREATE TABLE account_tokens (
    token_hash TEXT NOT NULL PRIMARY KEY CHECK (length(token_hash) = 64),
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL CHECK (purpose IN ('password_reset', 'address_confirmation')),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);

CREATE INDEX account_tokens_by_user ON account_tokens (user_id, purpose);
CREATE INDEX account_tokens_by_expiry ON account_tokens (expires_at);

-- TRUE when the invitation's link went only to the invited address by e-mail, never shown to
-- the admin who made it; an account made from such a link has its address confirmed at once.
ALTER TABLE invitations ADD COLUMN mailed BOOLEAN NOT NULL DEFAULT FALSE;
