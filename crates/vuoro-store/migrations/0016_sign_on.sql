-- Single sign-on with an OpenID Connect provider (part 8).

-- A sign-on under way, from the log-in page to the provider's answer: the `state`, `nonce` and
-- PKCE verifier the answer is checked against, under the hash of a random token held in the
-- browser's cookie. Kept in the database so that any server process can finish a sign-on
-- another began; deleted when used, and once expired by the next sign-on that starts.
CREATE TABLE sign_on_starts (
    token_hash    TEXT NOT NULL PRIMARY KEY,
    state         TEXT NOT NULL,
    nonce         TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    -- Where to go once logged in: a local path, or '' for the front page.
    next          TEXT NOT NULL,
    expires_at    TEXT NOT NULL
) STRICT;

CREATE INDEX sign_on_starts_by_expiry ON sign_on_starts (expires_at);

-- The provider's identity (its issuer and the subject it names the person by) linked to an
-- account at the first sign-on; later sign-ons find the account by it, whatever the e-mail.
CREATE TABLE sign_on_identities (
    issuer     TEXT NOT NULL,
    subject    TEXT NOT NULL,
    user_id    TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (issuer, subject)
) STRICT;

CREATE INDEX sign_on_identities_by_user ON sign_on_identities (user_id);

-- The roles an organisation gives to everyone whose groups claim holds a value: one row per
-- role.
CREATE TABLE sign_on_group_roles (
    org_id     TEXT NOT NULL REFERENCES organisations (id),
    group_name TEXT NOT NULL CHECK (group_name <> ''),
    role       TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'orderer', 'facilitator')),
    PRIMARY KEY (org_id, group_name, role)
) STRICT, WITHOUT ROWID;

-- An organisation that turned password log-in off for its members (no row: allowed).
CREATE TABLE org_sign_on (
    org_id         TEXT NOT NULL PRIMARY KEY REFERENCES organisations (id),
    password_login INTEGER NOT NULL CHECK (password_login IN (0, 1))
) STRICT;

-- A change of roles may now come from a sign-on (the organisation's groups). SQLite cannot
-- change a CHECK constraint, so role_changes is rebuilt with the same rows; nothing refers to
-- it.
CREATE TABLE role_changes_new (
    id           INTEGER PRIMARY KEY,
    org_id       TEXT NOT NULL REFERENCES organisations (id),
    user_id      TEXT NOT NULL REFERENCES users (id),
    actor_id     TEXT NOT NULL REFERENCES users (id),
    -- Role codes, comma-separated, before and after the change.
    roles_before TEXT NOT NULL,
    roles_after  TEXT NOT NULL,
    via          TEXT NOT NULL
                 CHECK (via IN ('invitation', 'members', 'new_organisation', 'sign_on')),
    -- A site administrator gave roles to themselves: shown marked.
    self_grant   INTEGER NOT NULL CHECK (self_grant IN (0, 1)),
    at           TEXT NOT NULL
) STRICT;

INSERT INTO role_changes_new
    (id, org_id, user_id, actor_id, roles_before, roles_after, via, self_grant, at)
SELECT id, org_id, user_id, actor_id, roles_before, roles_after, via, self_grant, at
FROM role_changes;

DROP TABLE role_changes;
ALTER TABLE role_changes_new RENAME TO role_changes;
CREATE INDEX role_changes_by_org ON role_changes (org_id, id);
