-- Foundation: organisations, users, second factor, sessions, API tokens, audit trail.
-- Portable SQL: the same file runs on SQLite and PostgreSQL. Identifiers are UUID text, times are
-- milliseconds since the Unix epoch (UTC) as BIGINT, flags are BIGINT 0/1, hashes are hex text.

CREATE TABLE organisations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    country TEXT NOT NULL,
    kind TEXT NOT NULL,
    is_operator BIGINT NOT NULL DEFAULT 0,
    require_totp BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX organisations_country_name ON organisations (country, name);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organisations (id),
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    -- Lowercased user name and display name (Unicode-aware, done by Liaison: SQLite's LOWER is ASCII only).
    search_text TEXT NOT NULL,
    email TEXT,
    roles TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    password_changed_at BIGINT NOT NULL,
    must_change_password BIGINT NOT NULL DEFAULT 0,
    locale TEXT NOT NULL DEFAULT 'en',
    disabled BIGINT NOT NULL DEFAULT 0,
    totp_secret TEXT,
    totp_pending_secret TEXT,
    totp_last_step BIGINT NOT NULL DEFAULT 0,
    failed_logins BIGINT NOT NULL DEFAULT 0,
    locked_until BIGINT NOT NULL DEFAULT 0,
    last_login_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX users_org ON users (org_id, username);

CREATE TABLE recovery_codes (
    user_id TEXT NOT NULL REFERENCES users (id),
    code_hash TEXT NOT NULL,
    used_at BIGINT,
    PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    stage TEXT NOT NULL,
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    client TEXT,
    user_agent TEXT,
    revoked_at BIGINT
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    name TEXT NOT NULL,
    prefix TEXT NOT NULL,
    secret_hash TEXT NOT NULL UNIQUE,
    scopes TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at BIGINT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE audit_events (
    seq BIGINT PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    at_ms BIGINT NOT NULL,
    actor_user TEXT,
    actor_label TEXT NOT NULL,
    actor_org TEXT,
    action TEXT NOT NULL,
    object_kind TEXT,
    object_id TEXT,
    object_org TEXT,
    client TEXT,
    outcome TEXT NOT NULL,
    details TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_events_at ON audit_events (at_ms);
CREATE INDEX audit_events_actor_org ON audit_events (actor_org, seq);
CREATE INDEX audit_events_object_org ON audit_events (object_org, seq);
CREATE INDEX audit_events_action ON audit_events (action, seq);

-- The chain head: one row, updated in the same transaction as each append, so concurrent
-- appends serialise on it and truncation of the tail shows.
CREATE TABLE audit_head (
    id BIGINT PRIMARY KEY,
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
