-- How a log-in session began, as SQLite's 0020.
ALTER TABLE login_sessions ADD COLUMN via TEXT NOT NULL DEFAULT 'password'
    CHECK (via IN ('password', 'sign_on'));
