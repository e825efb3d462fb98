-- Files of working-group meetings (papers, the signed protocol) and of knowledge-base documents (the model
-- form, the full text), encrypted at rest as request attachments are: `content` is ChaCha20-Poly1305
-- ciphertext under the installation's file key with the file's id as associated data; `sha256` is of the
-- plaintext. `owner` says what the file belongs to (meeting, knowledge), `owner_id` which one: whoever may
-- see the owner sees its files, and no one else.

CREATE TABLE files (
    id TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    owner_id TEXT NOT NULL,
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
CREATE INDEX files_owner ON files (owner, owner_id, created_at);
