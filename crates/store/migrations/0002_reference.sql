-- Reference data: instruments, their provisions, authorities and networks, each a JSON document checked
-- by the domain's importer before it is written. `origin` says how it came (shipped with the binary,
-- imported from a directory, edited in Liaison); `confirmed_on` is when the entry was last confirmed.

CREATE TABLE reference_records (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    country TEXT,
    body TEXT NOT NULL,
    confirmed_on TEXT,
    origin TEXT NOT NULL,
    provenance TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by TEXT,
    PRIMARY KEY (kind, id)
);
CREATE INDEX reference_records_country ON reference_records (kind, country);
