-- One sign-on identity per account and provider: a second identity of the same provider claiming
-- the account's address (a mailbox given to someone else) does not get in. The unique index also
-- serves the lookups by account that the plain index of 0016 served.
DROP INDEX sign_on_identities_by_user;
CREATE UNIQUE INDEX sign_on_identities_one_per_issuer ON sign_on_identities (user_id, issuer);
