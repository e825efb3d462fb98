-- Networks' own space: each member state's focal point over time (a handover ends one term and starts the
-- next) and the network's events (workshops, conferences) with organisers, participants and attendance as a
-- checked JSON document.

CREATE TABLE network_focal_points (
    id TEXT PRIMARY KEY,
    network TEXT NOT NULL,
    country TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    since BIGINT NOT NULL,
    until BIGINT
);
CREATE INDEX network_focal_points_current ON network_focal_points (network, country, until);

CREATE TABLE network_events (
    id TEXT PRIMARY KEY,
    network TEXT NOT NULL,
    status TEXT NOT NULL,
    starts TEXT NOT NULL,
    body TEXT NOT NULL,
    created_by TEXT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version BIGINT NOT NULL
);
CREATE INDEX network_events_network ON network_events (network, starts);
