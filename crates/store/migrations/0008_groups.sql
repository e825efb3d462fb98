-- International working groups: the group (a checked JSON document beside the columns lists need), its
-- members (who sees the group), its meetings (agenda, attendance and protocol as checked JSON) and the tasks of
-- its action plan with their progress notes.

CREATE TABLE working_groups (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    status TEXT NOT NULL,
    body TEXT NOT NULL,
    created_by TEXT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version BIGINT NOT NULL
);

CREATE TABLE group_members (
    group_id TEXT NOT NULL REFERENCES working_groups (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    org_id TEXT NOT NULL REFERENCES organisations (id),
    role TEXT NOT NULL,
    added_at BIGINT NOT NULL,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_members_user ON group_members (user_id);

CREATE TABLE group_meetings (
    id TEXT PRIMARY KEY,
    group_id TEXT NOT NULL REFERENCES working_groups (id),
    status TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    body TEXT NOT NULL,
    agenda TEXT NOT NULL,
    -- Members present, as a JSON list of user ids.
    attendance TEXT NOT NULL,
    protocol TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version BIGINT NOT NULL
);
CREATE INDEX group_meetings_group ON group_meetings (group_id, starts_at);

CREATE TABLE group_tasks (
    id TEXT PRIMARY KEY,
    group_id TEXT NOT NULL REFERENCES working_groups (id),
    status TEXT NOT NULL,
    due TEXT NOT NULL,
    party_org_id TEXT NOT NULL REFERENCES organisations (id),
    owner_id TEXT REFERENCES users (id),
    body TEXT NOT NULL,
    -- The ordinal of the last reminder sent (0: none), as for request deadlines.
    reminded BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version BIGINT NOT NULL
);
CREATE INDEX group_tasks_group ON group_tasks (group_id, due);
CREATE INDEX group_tasks_owner ON group_tasks (owner_id, status);
CREATE INDEX group_tasks_open ON group_tasks (status, due);

CREATE TABLE group_task_notes (
    id TEXT PRIMARY KEY,
    task_id TEXT NOT NULL REFERENCES group_tasks (id),
    author_id TEXT REFERENCES users (id),
    text TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX group_task_notes_task ON group_task_notes (task_id, created_at);
