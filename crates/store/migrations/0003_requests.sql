-- Cases, requests and their timelines, deadlines, and per-organisation request templates.
-- A case's and a request's content are checked JSON documents (`body`), validated by the domain before
-- every write; the columns beside them are what lists, filters and statistics need.

CREATE TABLE cases (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organisations (id),
    reference TEXT NOT NULL,
    title TEXT NOT NULL,
    -- Lowercased reference, title and persons' names, for search (done by Liaison, Unicode-aware).
    search_text TEXT NOT NULL,
    body TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version BIGINT NOT NULL
);
CREATE UNIQUE INDEX cases_org_reference ON cases (org_id, reference);

-- The case's team: who (besides the organisation's central authority officers) may see and work on it.
CREATE TABLE case_members (
    case_id TEXT NOT NULL REFERENCES cases (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    added_at BIGINT NOT NULL,
    PRIMARY KEY (case_id, user_id)
);
CREATE INDEX case_members_user ON case_members (user_id);

CREATE TABLE requests (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id),
    org_id TEXT NOT NULL REFERENCES organisations (id),
    requesting_country TEXT NOT NULL,
    requested_country TEXT NOT NULL,
    -- The requested organisation when it uses this installation (it then sees the request once sent).
    requested_org_id TEXT REFERENCES organisations (id),
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    urgency TEXT NOT NULL,
    our_reference TEXT NOT NULL UNIQUE,
    their_reference TEXT,
    -- A supplementary request points to the request it supplements.
    parent_id TEXT REFERENCES requests (id),
    body TEXT NOT NULL,
    complete BIGINT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version BIGINT NOT NULL,
    sent_at BIGINT,
    acknowledged_at BIGINT,
    closed_at BIGINT,
    refusal_grounds TEXT
);
CREATE INDEX requests_case ON requests (case_id);
CREATE INDEX requests_org_status ON requests (org_id, status, requested_country, sent_at);
CREATE INDEX requests_requested_org ON requests (requested_org_id, status);
CREATE INDEX requests_parent ON requests (parent_id);

-- Numbering of requests per organisation, year and type (`RU-MLA-2026-0001`).
CREATE TABLE request_counters (
    org_id TEXT NOT NULL REFERENCES organisations (id),
    year BIGINT NOT NULL,
    kind TEXT NOT NULL,
    last BIGINT NOT NULL,
    PRIMARY KEY (org_id, year, kind)
);

-- The request's timeline: every step, edit and reminder, in order.
CREATE TABLE request_events (
    request_id TEXT NOT NULL REFERENCES requests (id),
    seq BIGINT NOT NULL,
    at_ms BIGINT NOT NULL,
    actor_user TEXT,
    actor_label TEXT NOT NULL,
    actor_org TEXT,
    kind TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT,
    -- Recorded by the requesting side for a counterpart that does not use this installation.
    on_behalf BIGINT NOT NULL DEFAULT 0,
    comment TEXT NOT NULL,
    details TEXT NOT NULL,
    PRIMARY KEY (request_id, seq)
);

-- What is owed by when, and the last reminder sent for it.
CREATE TABLE request_deadlines (
    request_id TEXT NOT NULL REFERENCES requests (id),
    kind TEXT NOT NULL,
    due TEXT NOT NULL,
    source TEXT NOT NULL,
    last_stage BIGINT NOT NULL DEFAULT 0,
    met_at BIGINT,
    PRIMARY KEY (request_id, kind)
);
CREATE INDEX request_deadlines_open ON request_deadlines (met_at, due);

CREATE TABLE request_templates (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organisations (id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX request_templates_org_name ON request_templates (org_id, name);
