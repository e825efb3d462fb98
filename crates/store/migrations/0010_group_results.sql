-- Figures of a working group's results that the secretary enters per year (assets frozen, confiscated,
-- returned; or a count that replaces the one computed from the requests when they were handled elsewhere).

CREATE TABLE group_results (
    group_id TEXT NOT NULL REFERENCES working_groups (id),
    year BIGINT NOT NULL,
    indicator TEXT NOT NULL,
    -- The figure x1000 (integers on both engines; assets to the tenth of a cent).
    value_milli BIGINT NOT NULL,
    note TEXT,
    entered_by TEXT REFERENCES users (id),
    entered_at BIGINT NOT NULL,
    PRIMARY KEY (group_id, year, indicator)
);
