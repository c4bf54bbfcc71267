-- Single sign-on with an OpenID Connect provider (part 8), as SQLite's 0016.

-- A sign-on under way: the `state`, `nonce` and PKCE verifier the provider's answer is checked
-- against, under the hash of the random token in the browser's cookie.
CREATE TABLE sign_on_starts (
    token_hash    TEXT NOT NULL PRIMARY KEY,
    state         TEXT NOT NULL,
    nonce         TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    next          TEXT NOT NULL,
    expires_at    TEXT NOT NULL
);
CREATE INDEX sign_on_starts_by_expiry ON sign_on_starts (expires_at);

-- The provider's identity linked to an account at the first sign-on.
CREATE TABLE sign_on_identities (
    issuer     TEXT NOT NULL,
    subject    TEXT NOT NULL,
    user_id    TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (issuer, subject)
);
CREATE INDEX sign_on_identities_by_user ON sign_on_identities (user_id);

-- The roles an organisation gives to a value of the groups claim, one row per role.
CREATE TABLE sign_on_group_roles (
    org_id     TEXT NOT NULL REFERENCES organisations (id),
    group_name TEXT NOT NULL CHECK (group_name <> ''),
    role       TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'orderer', 'facilitator')),
    PRIMARY KEY (org_id, group_name, role)
);

-- An organisation that turned password log-in off for its members (no row: allowed).
CREATE TABLE org_sign_on (
    org_id         TEXT NOT NULL PRIMARY KEY REFERENCES organisations (id),
    password_login BOOLEAN NOT NULL
);

-- A change of roles may now come from a sign-on (the organisation's groups).
ALTER TABLE role_changes DROP CONSTRAINT role_changes_via_check;
ALTER TABLE role_changes ADD CONSTRAINT role_changes_via_check
    CHECK (via IN ('invitation', 'members', 'new_organisation', 'sign_on'));
