-- The knowledge base: documents (a checked JSON body beside the columns lists and access need), their tags
-- for filters (kind:…, lang:…, country:…, instrument:…, crime:…) and an inverted index of their terms kept
-- by Liaison, so full-text search is the same portable SQL on both engines, with the same folding and
-- stemming of Cyrillic, Arabic and Latin text.

CREATE TABLE knowledge_documents (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organisations (id),
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    language TEXT NOT NULL,
    -- The network the document is restricted to; NULL: open to every user.
    network TEXT,
    body TEXT NOT NULL,
    -- Words in the searchable text (for the weights of its terms).
    words BIGINT NOT NULL,
    created_by TEXT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version BIGINT NOT NULL
);
CREATE INDEX knowledge_documents_updated ON knowledge_documents (updated_at);
CREATE INDEX knowledge_documents_network ON knowledge_documents (network);

CREATE TABLE knowledge_tags (
    tag TEXT NOT NULL,
    doc_id TEXT NOT NULL REFERENCES knowledge_documents (id),
    PRIMARY KEY (tag, doc_id)
);
CREATE INDEX knowledge_tags_doc ON knowledge_tags (doc_id);

-- One row per (term, document): the term's weight in the document (BM25's term part, x1000).
CREATE TABLE knowledge_postings (
    term TEXT NOT NULL,
    doc_id TEXT NOT NULL REFERENCES knowledge_documents (id),
    weight BIGINT NOT NULL,
    PRIMARY KEY (term, doc_id)
);
CREATE INDEX knowledge_postings_best ON knowledge_postings (term, weight);
CREATE INDEX knowledge_postings_doc ON knowledge_postings (doc_id);
