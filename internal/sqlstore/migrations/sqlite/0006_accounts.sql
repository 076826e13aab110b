-- Account administration: named API tokens that expire and can be
-- revoked, one-time password reset links, and a sign-in throttle whose
-- counters are single rows updated atomically.

ALTER TABLE api_tokens ADD COLUMN id INTEGER;
ALTER TABLE api_tokens ADD COLUMN name TEXT NOT NULL DEFAULT '';
ALTER TABLE api_tokens ADD COLUMN expires_at TIMESTAMP;
ALTER TABLE api_tokens ADD COLUMN last_used_at TIMESTAMP;
ALTER TABLE api_tokens ADD COLUMN revoked_at TIMESTAMP;
UPDATE api_tokens SET id = rowid, name = 'token';
CREATE UNIQUE INDEX api_tokens_id ON api_tokens (id);

-- Only a SHA-256 of the link's secret is kept; a link works once, until
-- expires_at.
CREATE TABLE password_resets (
	token_hash TEXT PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users (id),
	created_by INTEGER REFERENCES users (id),
	created_at TIMESTAMP NOT NULL,
	expires_at TIMESTAMP NOT NULL,
	used_at    TIMESTAMP
);
CREATE INDEX password_resets_user ON password_resets (user_id);

-- One counter row per (kind, user name, client address): kind 'pair' for
-- a name from one address, 'user' for a name from any address, 'addr' for
-- an address whatever the name. next_at is when the next attempt is
-- allowed; trusted_at (pair rows) when that name last signed in from that
-- address, which exempts the pair from the account- and address-wide
-- delays that others' failures cause.
CREATE TABLE login_throttle (
	kind        TEXT NOT NULL,
	user_name   TEXT NOT NULL,
	client_addr TEXT NOT NULL,
	fails       INTEGER NOT NULL DEFAULT 0,
	next_at     TIMESTAMP NOT NULL,
	updated_at  TIMESTAMP NOT NULL,
	trusted_at  TIMESTAMP,
	PRIMARY KEY (kind, user_name, client_addr)
);
CREATE INDEX login_throttle_updated ON login_throttle (updated_at);

DROP TABLE login_failures;

-- Names are found in lower case now (NFKC, lower case: see
-- internal/credential). Accounts made before keep signing in; a name whose
-- lower case another account holds is left as it is.
UPDATE users SET name = lower(name)
WHERE name <> lower(name) AND NOT EXISTS (SELECT 1 FROM users o WHERE o.name = lower(users.name));
