-- Notices (persons, stolen vehicles, travel documents) and screenings with their hits.
-- A notice's content is a checked JSON document (`body`), validated by the domain before every write; the
-- columns beside it are what lists, visibility and exact object lookups need.

CREATE TABLE notices (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organisations (id),
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    -- The notice's identifier in its source (interpol:2099/1, ftm:…): a re-import updates, never duplicates.
    source_id TEXT,
    label TEXT NOT NULL,
    -- Lowercased names, numbers and title, for list search (done by Liaison, Unicode-aware).
    search_text TEXT NOT NULL,
    -- Addressed countries framed by commas (',UZ,KZ,'); empty when addressed to every member.
    addressees TEXT NOT NULL,
    -- Exact key of an object: the VIN, the plate with its country, the document number with its state.
    object_key TEXT,
    review_date TEXT,
    body TEXT NOT NULL,
    created_by TEXT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version BIGINT NOT NULL
);
CREATE UNIQUE INDEX notices_org_source ON notices (org_id, source_id);
CREATE INDEX notices_status_kind ON notices (status, kind, updated_at);
CREATE INDEX notices_object_key ON notices (object_key);

-- One search: who, for what purpose (required), what was looked for, with which engine and threshold.
CREATE TABLE screenings (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organisations (id),
    user_id TEXT REFERENCES users (id),
    kind TEXT NOT NULL,
    purpose TEXT NOT NULL,
    query TEXT NOT NULL,
    algorithm TEXT NOT NULL,
    threshold_milli BIGINT NOT NULL,
    queries BIGINT NOT NULL,
    hits BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX screenings_org ON screenings (org_id, created_at);

-- A record that scored at or above the threshold, waiting for the searching side's decision.
CREATE TABLE screening_hits (
    id TEXT PRIMARY KEY,
    screening_id TEXT NOT NULL REFERENCES screenings (id),
    notice_id TEXT NOT NULL REFERENCES notices (id),
    -- What was searched for this hit (the name, the document, the manifest row) and the row number in a list.
    query_label TEXT NOT NULL,
    query_row BIGINT,
    score_milli BIGINT NOT NULL,
    explanation TEXT NOT NULL,
    decision TEXT NOT NULL,
    decided_by TEXT REFERENCES users (id),
    decided_at BIGINT,
    decision_note TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX screening_hits_screening ON screening_hits (screening_id, score_milli);
CREATE INDEX screening_hits_notice ON screening_hits (notice_id, created_at);
CREATE INDEX screening_hits_decision ON screening_hits (decision, created_at);

-- A human "not the same person" (or "the same") sticks: the next screening of the same query against the
-- same notice by the same organisation shows the earlier decision.
CREATE TABLE screening_verdicts (
    org_id TEXT NOT NULL REFERENCES organisations (id),
    query_key TEXT NOT NULL,
    notice_id TEXT NOT NULL REFERENCES notices (id),
    decision TEXT NOT NULL,
    decided_by TEXT REFERENCES users (id),
    decided_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, query_key, notice_id)
);
