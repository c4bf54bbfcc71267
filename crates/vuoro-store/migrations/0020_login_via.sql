-- How a log-in session began: with a password, or by the organisation's sign-on. An
-- organisation that turned password log-in off is closed to a session begun with a password,
-- while the person's other organisations stay open to it. Sessions from before count as begun
-- with a password: a member of such an organisation signs on once more. The conventions of
-- 0001_initial.sql hold.
ALTER TABLE login_sessions ADD COLUMN via TEXT NOT NULL DEFAULT 'password'
    CHECK (via IN ('password', 'sign_on'));
