-- How many documents file each term, kept with the postings, so a search knows each word's rarity (and which
-- word to read first) without counting postings; the empty term, which no word is, counts the documents.
-- The best-first index of postings carries the document, so reading a term's best documents touches the
-- index alone.

CREATE TABLE knowledge_terms (
    term TEXT PRIMARY KEY,
    docs BIGINT NOT NULL
);
INSERT INTO knowledge_terms (term, docs) SELECT term, COUNT(*) FROM knowledge_postings GROUP BY term;
INSERT INTO knowledge_terms (term, docs) SELECT '', COUNT(*) FROM knowledge_documents;

DROP INDEX knowledge_postings_best;
CREATE INDEX knowledge_postings_best ON knowledge_postings (term, weight, doc_id);
