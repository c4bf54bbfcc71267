-- Who may give an account roles, and a record of every change of roles.

-- An account made by accepting an invitation link has an unconfirmed address: the admin who
-- invited saw the link and may have chosen the password. Until the address is confirmed (by a
-- site administrator who checked it; by e-mail from part 8 on), only the organisation whose
-- invitation made the account (`origin_org`) may give it roles. NULL means confirmed: every
-- account made before this migration, and those of `create-admin` and the demo.
ALTER TABLE users ADD COLUMN origin_org TEXT REFERENCES organisations (id);
-- Who confirmed the address, and when (NULL for accounts that never needed it).
ALTER TABLE users ADD COLUMN confirmed_by TEXT REFERENCES users (id);
ALTER TABLE users ADD COLUMN confirmed_at TEXT;

-- Every change of an account's roles in an organisation, with who made it; the organisation's
-- admins see the recent ones on its page.
CREATE TABLE role_changes (
    id           INTEGER PRIMARY KEY,
    org_id       TEXT NOT NULL REFERENCES organisations (id),
    user_id      TEXT NOT NULL REFERENCES users (id),
    actor_id     TEXT NOT NULL REFERENCES users (id),
    -- Role codes, comma-separated, before and after the change.
    roles_before TEXT NOT NULL,
    roles_after  TEXT NOT NULL,
    via          TEXT NOT NULL CHECK (via IN ('invitation', 'members', 'new_organisation')),
    -- A site administrator gave roles to themselves: shown marked.
    self_grant   INTEGER NOT NULL CHECK (self_grant IN (0, 1)),
    at           TEXT NOT NULL
) STRICT;

CREATE INDEX role_changes_by_org ON role_changes (org_id, id);
