-- Files attached to a request (annexes, results, returned evidence), encrypted at rest: `content` is
-- ChaCha20-Poly1305 ciphertext under the installation's file key, with the attachment's id as
-- associated data; `sha256` is of the plaintext, for the chain of custody.

CREATE TABLE attachments (
    id TEXT PRIMARY KEY,
    request_id TEXT NOT NULL REFERENCES requests (id),
    -- requesting or requested: the side that attached it.
    side TEXT NOT NULL,
    -- annex, result, evidence, other
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    note TEXT NOT NULL,
    nonce TEXT NOT NULL,
    content BYTEA NOT NULL,
    uploaded_by TEXT NOT NULL REFERENCES users (id),
    uploaded_by_label TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX attachments_request ON attachments (request_id, created_at);
